// Embind bindings: JSON text in, JSON text out. Every C++ exception is caught here, because one
// that escapes reaches JavaScript as a bare number (TOOLCHAIN.md).
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "evexport/api.hpp"
#include "evexport/batch.hpp"
#include "json_writer.hpp"

namespace {

// The registry a portal loaded, if any (docs/REGISTRY.md); replaced whole, never half-loaded.
std::shared_ptr<const evexport::Registry> registry;
// A newer ruleset a portal loaded in place of the built-in one, or the built-in one with more
// languages, if any.
std::shared_ptr<const evexport::Ruleset> replacement;
const evexport::Ruleset& ruleset() { return replacement ? *replacement : evexport::Ruleset::builtin(); }

// Every answer is made here, with every C++ exception caught.
template <typename F> std::string answer_of(F&& f) {
    try {
        return f();
    } catch (const std::exception& e) {
        return evexport::error_to_json({"internal_error", "", e.what()});
    } catch (...) {
        return evexport::error_to_json({"internal_error", "", "unknown C++ exception"});
    }
}

// Answers go to JavaScript as a view of their UTF-8 bytes, which index.mjs decodes at once with a
// TextDecoder: Embind's own std::string conversion scans every byte in JavaScript and took over half
// of an evaluation (docs/BENCHMARKS.md). The view stays valid until the next call.
std::string answer;

template <typename F> emscripten::val guarded(F&& f) {
    answer = answer_of(std::forward<F>(f));
    return emscripten::val(emscripten::typed_memory_view(answer.size(), reinterpret_cast<const unsigned char*>(answer.data())));
}

// The fast path's answers go back as a plain number: the address of [length: u32][UTF-8 bytes],
// which index.mjs reads through the module's HEAPU32/HEAPU8 (making a JS value for each call cost
// more than the evaluation itself).
template <typename F> int framed(F&& f) {
    const std::string text = answer_of(std::forward<F>(f));
    const auto n = static_cast<std::uint32_t>(text.size());
    answer.assign(reinterpret_cast<const char*>(&n), 4);
    answer += text;
    return int(reinterpret_cast<std::uintptr_t>(answer.data()));
}

emscripten::val evaluate(const std::string& request) {
    return guarded([&] { return evexport::evaluate_json(request, ruleset(), evexport::today_utc(), registry.get()).json; });
}

// The JS API's fast path: a plain request's fields in, a compact result out (core/src/compact.cpp).
// The fields arrive in `input`, written by index.mjs with TextEncoder.encodeInto into a view of it:
// no per-call string conversion (docs/BENCHMARKS.md).
std::string input;

emscripten::val input_buffer(int size) {
    input.resize(std::size_t(size));
    return emscripten::val(emscripten::typed_memory_view(input.size(), reinterpret_cast<unsigned char*>(input.data())));
}

std::string_view received(int length) { return std::string_view(input).substr(0, std::size_t(std::max(0, length))); }

}  // namespace

// The fast path is called as plain wasm exports (Module._evexport_…): numbers in, a number out, no
// Embind invoker in between.
extern "C" EMSCRIPTEN_KEEPALIVE int evexport_evaluate_fields(int length) {
    return framed([&] { return evexport::evaluate_fields(received(length), ruleset(), evexport::today_utc(), registry.get()).json; });
}

extern "C" EMSCRIPTEN_KEEPALIVE int evexport_verdicts_fields(int length) {
    return framed([&] { return evexport::verdicts_fields(received(length), ruleset(), evexport::today_utc(), registry.get()); });
}

namespace {

emscripten::val tables(const std::string& lang) {
    return guarded([&] { return evexport::tables_json(ruleset(), lang); });
}

// Loads a list of qualified enterprises; a malformed one is refused and the one in use stays.
emscripten::val load_registry(const std::string& json) {
    return guarded([&] {
        auto loaded = evexport::Registry::load(json);
        if (auto* error = std::get_if<evexport::Error>(&loaded)) return evexport::error_to_json(*error);
        registry = std::get<std::shared_ptr<const evexport::Registry>>(loaded);
        std::vector<int> years;
        for (const auto& e : registry->entries)
            if (std::find(years.begin(), years.end(), e.year) == years.end()) years.push_back(e.year);
        evexport::detail::JsonWriter w;
        w.begin_object().member("loaded", int(registry->entries.size())).member("years", years).member("source", registry->source);
        return w.end_object().take();
    });
}

void clear_registry() { registry.reset(); }

// One batch at a time: started, fed chunk by chunk, finished (docs: README, batch).
std::unique_ptr<evexport::BatchRunner> batch;

emscripten::val batch_start(const std::string& format) {
    return guarded([&] {
        if (format != "csv" && format != "jsonl")
            return evexport::error_to_json({"invalid_field", "/format", "the batch format is csv or jsonl"});
        batch = std::make_unique<evexport::BatchRunner>(format == "csv" ? evexport::BatchInput::csv : evexport::BatchInput::jsonl,
                                                        evexport::BatchOutput::summary, ruleset(), registry.get(), evexport::today_utc());
        return std::string("{}");
    });
}

emscripten::val batch_feed(const std::string& chunk) {
    return guarded([&] {
        std::string out;
        if (batch) batch->feed(chunk, out);
        return out;
    });
}

emscripten::val batch_finish() {
    return guarded([&] {
        std::string out;
        if (batch) batch->finish(out);
        return out;
    });
}

emscripten::val batch_counts() {
    return guarded([&] {
        evexport::detail::JsonWriter w;
        w.begin_object();
        if (batch) {
            const auto& c = batch->counts();
            w.member("rows", int(c.rows)).member("errors", int(c.errors));
            for (std::size_t v = 0; v < 4; ++v) w.member(evexport::EnumNames<evexport::Verdict>::names[v], int(c.verdicts[v]));
        }
        return w.end_object().take();
    });
}

// `as_of` may be empty (today).
emscripten::val vin(const std::string& vin, const std::string& as_of) {
    return guarded([&] { return evexport::vin_json(vin, evexport::parse_date(as_of)).json; });
}

emscripten::val uscc(const std::string& code) {
    return guarded([&] { return evexport::uscc_json(code).json; });
}

// The ruleset's description; its change log in `lang` when the texts are in it (English otherwise).
emscripten::val ruleset_info(const std::string& lang) {
    return guarded([&] { return evexport::ruleset_info_json(ruleset(), lang.size() <= 16 ? lang : std::string("en")); });
}

// Replaces the ruleset in force with a newer version of it; anything else is refused and the
// ruleset in force stays. `pinned_sha256` may be empty.
emscripten::val load_ruleset(const std::string& json, const std::string& pinned_sha256) {
    return guarded([&] {
        auto loaded = evexport::Ruleset::load_replacement(json, ruleset(), pinned_sha256);
        if (auto* error = std::get_if<evexport::Error>(&loaded)) return evexport::error_to_json(*error);
        replacement = std::get<std::shared_ptr<const evexport::Ruleset>>(loaded);
        return evexport::ruleset_info_json(*replacement);
    });
}

// Adds a ruleset's texts in one more language (core/rules/translations/, docs/TRANSLATIONS.md);
// one that does not fit the ruleset in force is refused and the texts stay as they were.
emscripten::val load_translation(const std::string& json) {
    return guarded([&] {
        auto loaded = ruleset().with_translations({json});
        if (auto* error = std::get_if<evexport::Error>(&loaded)) return evexport::error_to_json(*error);
        replacement = std::get<std::shared_ptr<const evexport::Ruleset>>(loaded);
        return evexport::ruleset_info_json(*replacement);
    });
}

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
