// The WebAssembly module's exports: plain C functions, numbers in and out, forwarded to one
// evexport::Session, which holds the ruleset, registry and batches. The module is built without C++
// exception handling (CMakeLists.txt): a throw, or memory that cannot be had, traps, and
// module.post.js answers internal_error from then on. No Embind: its runtime was a tenth of the
// download and its invoker cost more than a fast-path evaluation (docs/BENCHMARKS.md).
//
// The border, as index.mjs uses it: text goes in through one input buffer (evexport_input), which
// the JS API fills with TextEncoder.encodeInto; a call names the byte lengths of its texts, laid end
// to end in the buffer; every answer goes back as the address of [length: u32][UTF-8 bytes], valid
// until the next call.
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "evexport/api.hpp"
#include "evexport/session.hpp"

namespace {

evexport::Session session;

// A buffer larger than this is released when a smaller one will do, so that one huge text does not
// keep its memory (wasm memory never shrinks, but freed memory is reused).
constexpr std::size_t kKeepBytes = 1 << 20;

// The answer's frame is a buffer of 32-bit words, so that its length is aligned for HEAPU32 whatever
// the answer's length.
std::vector<std::uint32_t> frame;

int framed(std::string_view text) {
    const std::size_t words = 1 + (text.size() + 3) / 4;
    if (frame.capacity() * 4 > kKeepBytes && words * 4 <= kKeepBytes) std::vector<std::uint32_t>().swap(frame);
    frame.resize(words);
    frame[0] = static_cast<std::uint32_t>(text.size());
    std::memcpy(frame.data() + 1, text.data(), text.size());
    return int(reinterpret_cast<std::uintptr_t>(frame.data()));
}

std::string input;

// The call's texts: `lengths` bytes each, end to end from the start of the input buffer.
struct Texts {
    std::size_t at = 0;
    std::string_view next(int length) {
        const auto n = std::min(std::size_t(std::max(0, length)), input.size() - std::min(at, input.size()));
        const auto text = std::string_view(input).substr(at, n);
        at += n;
        return text;
    }
};
std::string_view text(int length) { return Texts{}.next(length); }

}  // namespace

extern "C" {

// The input buffer, at least `size` bytes: its address (index.mjs views it through HEAPU8, and asks
// again when the view is too small or the memory grew).
EMSCRIPTEN_KEEPALIVE int evexport_input(int size) {
    const auto bytes = std::size_t(std::max(0, size));
    if (bytes <= kKeepBytes && input.capacity() > kKeepBytes) std::string().swap(input);
    input.resize(bytes);
    return int(reinterpret_cast<std::uintptr_t>(input.data()));
}

EMSCRIPTEN_KEEPALIVE int evexport_evaluate(int length) {
    return framed(session.evaluate(text(length), evexport::today_utc()));
}
EMSCRIPTEN_KEEPALIVE int evexport_evaluate_fields(int length) {
    return framed(session.evaluate_fields(text(length), evexport::today_utc()));
}
EMSCRIPTEN_KEEPALIVE int evexport_verdicts_fields(int length) {
    return framed(session.verdicts_fields(text(length), evexport::today_utc()));
}
EMSCRIPTEN_KEEPALIVE int evexport_tables(int lang) { return framed(session.tables(text(lang))); }

// `as_of` may be empty (today).
EMSCRIPTEN_KEEPALIVE int evexport_vin(int vin, int as_of) {
    Texts texts;
    const auto code = texts.next(vin);
    return framed(evexport::vin_json(code, evexport::parse_date(texts.next(as_of))).json);
}
EMSCRIPTEN_KEEPALIVE int evexport_uscc(int code) { return framed(evexport::uscc_json(text(code)).json); }
// The ruleset's description; its change log in `lang` when the texts are in it (English otherwise).
EMSCRIPTEN_KEEPALIVE int evexport_ruleset_info(int lang) { return framed(session.ruleset_info(text(lang))); }

// Each load is refused whole when it does not fit, and what was in force stays.
EMSCRIPTEN_KEEPALIVE int evexport_load_registry(int json) { return framed(session.load_registry(text(json))); }
EMSCRIPTEN_KEEPALIVE void evexport_clear_registry() { session.clear_registry(); }
EMSCRIPTEN_KEEPALIVE int evexport_load_ruleset(int json, int pinned_sha256) {
    Texts texts;
    const auto ruleset = texts.next(json);
    return framed(session.load_ruleset(ruleset, texts.next(pinned_sha256)));
}
EMSCRIPTEN_KEEPALIVE int evexport_load_translation(int json) { return framed(session.load_translation(text(json))); }
// The destination (issue 14), only in the second build, evexport-destinations.wasm (wasm/CMakeLists.txt):
// the core's first download stays within its budget, and the JS API swaps to this build when a page
// first names a destination.
#if defined(EVEXPORT_DESTINATIONS)
EMSCRIPTEN_KEEPALIVE int evexport_load_destinations(int json) { return framed(session.load_destinations(text(json))); }
EMSCRIPTEN_KEEPALIVE int evexport_destinations_info(int lang) { return framed(session.destinations_info(text(lang))); }
EMSCRIPTEN_KEEPALIVE int evexport_load_destinations_translation(int json) {
    return framed(session.load_destinations_translation(text(json)));
}
#endif

// Batches run side by side, each under its id, each with the ruleset and registry it started with.
// Its options come as one text, a line each: the format, the rows' language, the link base, and the
// part's first and end byte offsets in decimal (JS API; empty: the whole file).
EMSCRIPTEN_KEEPALIVE int evexport_batch_start(int options) {
    std::string_view rest = text(options);
    auto line = [&rest] {
        const auto end = rest.find('\n');
        const auto part = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        return part;
    };
    const auto format = line();
    evexport::BatchStyle style;
    if (const auto lang = line(); !lang.empty()) style.lang = std::string(lang);
    style.link_base = std::string(line());
    // The JS API checked them: decimal digits, each below 2^53.
    auto offset = [](std::string_view digits, std::size_t otherwise) {
        std::size_t n = 0;
        for (const char c : digits) n = n * 10 + std::size_t(c - '0');
        return digits.empty() ? otherwise : n;
    };
    style.from = offset(line(), 0);
    style.until = offset(line(), std::size_t(-1));
    return framed(session.batch_start(format, evexport::today_utc(), std::move(style)));
}
EMSCRIPTEN_KEEPALIVE int evexport_batch_feed(int id, int chunk) { return framed(session.batch_feed(id, text(chunk))); }
EMSCRIPTEN_KEEPALIVE int evexport_batch_finish(int id) { return framed(session.batch_finish(id)); }
EMSCRIPTEN_KEEPALIVE int evexport_batch_counts(int id) { return framed(session.batch_counts(id)); }

}  // extern "C"
