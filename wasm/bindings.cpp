// Embind bindings: JSON text in, JSON text out, forwarded to one evexport::Session, which holds
// the ruleset, registry and batches and catches every C++ exception (one that escapes reaches
// JavaScript as a bare number, TOOLCHAIN.md). What is left here is moving bytes across the border.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "evexport/api.hpp"
#include "evexport/session.hpp"

namespace {

evexport::Session session;

// An answer buffer larger than this is released at the next call, so that one huge answer does not
// keep its memory (wasm memory never shrinks, but freed memory is reused).
constexpr std::size_t kKeepBytes = 1 << 20;
void release_if_large(std::string& buffer) {
    if (buffer.capacity() > kKeepBytes) std::string().swap(buffer);
}

// Answers go to JavaScript as a view of their UTF-8 bytes, which index.mjs decodes at once with a
// TextDecoder: Embind's own std::string conversion scans every byte in JavaScript and took over half
// of an evaluation (docs/BENCHMARKS.md). The view stays valid until the next call.
std::string answer;

emscripten::val view(std::string text) {
    release_if_large(answer);
    answer = std::move(text);
    return emscripten::val(emscripten::typed_memory_view(answer.size(), reinterpret_cast<const unsigned char*>(answer.data())));
}

// The fast path's answers go back as a plain number: the address of [length: u32][UTF-8 bytes],
// which index.mjs reads through the module's HEAPU32/HEAPU8 (making a JS value for each call cost
// more than the evaluation itself).
// The frame is a buffer of 32-bit words, so that its length is aligned for HEAPU32 whatever the
// answer's length.
std::vector<std::uint32_t> frame;

int framed(const std::string& text) {
    const std::size_t words = 1 + (text.size() + 3) / 4;
    if (frame.capacity() * 4 > kKeepBytes && words * 4 <= kKeepBytes) std::vector<std::uint32_t>().swap(frame);
    frame.resize(words);
    frame[0] = static_cast<std::uint32_t>(text.size());
    std::memcpy(frame.data() + 1, text.data(), text.size());
    return int(reinterpret_cast<std::uintptr_t>(frame.data()));
}

// The fast path's fields arrive in `input`, written by index.mjs with TextEncoder.encodeInto into a
// view of it: no per-call string conversion (docs/BENCHMARKS.md). index.mjs asks for a new view
// after using one over 1 MiB, so a large buffer is released here when a small one will do.
std::string input;

emscripten::val input_buffer(int size) {
    if (std::size_t(std::max(0, size)) <= kKeepBytes) release_if_large(input);
    input.resize(std::size_t(std::max(0, size)));
    return emscripten::val(emscripten::typed_memory_view(input.size(), reinterpret_cast<unsigned char*>(input.data())));
}

std::string_view received(int length) { return std::string_view(input).substr(0, std::size_t(std::max(0, length))); }

}  // namespace

// The fast path is called as plain wasm exports (Module._evexport_…): numbers in, a number out, no
// Embind invoker in between.
extern "C" EMSCRIPTEN_KEEPALIVE int evexport_evaluate_fields(int length) {
    return framed(session.evaluate_fields(received(length), evexport::today_utc()));
}

extern "C" EMSCRIPTEN_KEEPALIVE int evexport_verdicts_fields(int length) {
    return framed(session.verdicts_fields(received(length), evexport::today_utc()));
}

namespace {

emscripten::val evaluate(const std::string& request) { return view(session.evaluate(request, evexport::today_utc())); }
emscripten::val tables(const std::string& lang) { return view(session.tables(lang)); }
// `as_of` may be empty (today).
emscripten::val vin(const std::string& vin, const std::string& as_of) {
    return view(evexport::vin_json(vin, evexport::parse_date(as_of)).json);
}
emscripten::val uscc(const std::string& code) { return view(evexport::uscc_json(code).json); }
// The ruleset's description; its change log in `lang` when the texts are in it (English otherwise).
emscripten::val ruleset_info(const std::string& lang) { return view(session.ruleset_info(lang)); }
// Each load is refused whole when it does not fit, and what was in force stays.
emscripten::val load_registry(const std::string& json) { return view(session.load_registry(json)); }
void clear_registry() { session.clear_registry(); }
emscripten::val load_ruleset(const std::string& json, const std::string& pinned_sha256) { return view(session.load_ruleset(json, pinned_sha256)); }
emscripten::val load_translation(const std::string& json) { return view(session.load_translation(json)); }
// Batches run side by side, each under its id, each with the ruleset and registry it started with.
emscripten::val batch_start(const std::string& format) { return view(session.batch_start(format, evexport::today_utc())); }
emscripten::val batch_feed(int id, const std::string& chunk) { return view(session.batch_feed(id, chunk)); }
emscripten::val batch_finish(int id) { return view(session.batch_finish(id)); }
emscripten::val batch_counts(int id) { return view(session.batch_counts(id)); }

}  // namespace

EMSCRIPTEN_BINDINGS(evexport) {
    emscripten::function("evaluate", &evaluate);
    emscripten::function("inputBuffer", &input_buffer);
    emscripten::function("tables", &tables);
    emscripten::function("vin", &vin);
    emscripten::function("uscc", &uscc);
    emscripten::function("rulesetInfo", &ruleset_info);
    emscripten::function("loadRegistry", &load_registry);
    emscripten::function("loadRuleset", &load_ruleset);
    emscripten::function("loadTranslation", &load_translation);
    emscripten::function("batchStart", &batch_start);
    emscripten::function("batchFeed", &batch_feed);
    emscripten::function("batchFinish", &batch_finish);
    emscripten::function("batchCounts", &batch_counts);
    emscripten::function("clearRegistry", &clear_registry);
}
