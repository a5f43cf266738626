// One user of the core over time — a page, a widget, a worker: the ruleset and registry in force,
// the translations loaded, and the batches running. The WebAssembly bindings hold one Session and
// only forward to it (wasm/bindings.cpp); the tests and a fuzzer drive it natively, under ASan.
//
// What it guarantees: loading a registry, ruleset or translation never changes what a batch already
// running decides, nor frees what it uses (each batch owns the ruleset and registry it started with);
// batches run side by side, each under its own id; every call answers JSON text and throws nothing.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "evexport/batch.hpp"
#include "evexport/date.hpp"
#include "evexport/destinations.hpp"
#include "evexport/registry.hpp"
#include "evexport/ruleset.hpp"

namespace evexport {

// Batches kept at once, per session: a page that forgets to finish its batches cannot make it grow
// without end (finished ones are dropped first, then the oldest open one, whose later calls are
// answered unknown_batch).
inline constexpr std::size_t kMaxOpenBatches = 16;

class Session {
public:
    const Ruleset& ruleset() const { return *ruleset_; }

    std::string evaluate(std::string_view request_json, Date today) const;
    std::string evaluate_fields(std::string_view encoded, Date today) const;
    std::string verdicts_fields(std::string_view encoded, Date today) const;
    std::string tables(std::string_view lang) const;
    std::string ruleset_info(std::string_view lang) const;

    // Each replaces what it loads only when it is accepted; a refusal leaves the session as it was.
    std::string load_registry(std::string_view json);
    void clear_registry();
    std::string load_ruleset(std::string_view json, std::string_view pinned_sha256);
    std::string load_translation(std::string_view json);
    // The destination data (core/rules/destinations.json): with it, a request naming a destination is
    // answered for it too. The WebAssembly module carries none; the JS API fetches the file.
    std::string load_destinations(std::string_view json);
    // The destination data's texts in one more language (core/rules/destinations/<lang>.json).
    std::string load_destinations_translation(std::string_view json);
    std::string destinations_info(std::string_view lang) const;

    // {"batch": id}, or an error for an unknown format or a link base that is not an http(s) address.
    std::string batch_start(std::string_view format, Date today, BatchStyle style = {});
    // The answers of the rows the chunk completes; an unknown or finished id is an error (JSON).
    std::string batch_feed(int id, std::string_view chunk);
    // The last row's answer; the batch is then closed.
    std::string batch_finish(int id);
    std::string batch_counts(int id) const;

private:
    std::shared_ptr<const Ruleset> ruleset_ = Ruleset::builtin_shared();
    std::shared_ptr<const Registry> registry_;
    std::shared_ptr<const Destinations> destinations_;
    std::string destinations_text_;  // its file, and the translation packs loaded with it
    std::vector<std::string> destination_packs_;
    struct Batch {
        std::unique_ptr<BatchRunner> runner;
        BatchCounts final_counts;
        std::vector<std::pair<std::string, std::string>> renamed;
        BatchReading reading;
        bool finished = false;
    };
    std::map<int, Batch> batches_;
    int next_batch_ = 1;
};

}  // namespace evexport
