// Batch checks: a dealer's inventory or a portal's listings, streamed through in constant memory.
// Input comes in chunks of any size (a file read piece by piece, or a browser File in slices); each
// finished row's answer is appended to the output at once, in input order, one per input row.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "evexport/date.hpp"
#include "evexport/destinations.hpp"
#include "evexport/registry.hpp"
#include "evexport/ruleset.hpp"

namespace evexport {

// Documented bound (README, Limits): a row longer than this is answered `too_large`, unbuffered.
inline constexpr std::size_t kMaxBatchRowBytes = 64 * 1024;
inline constexpr std::size_t kMaxBatchColumns = 256;

enum class BatchInput { csv, jsonl };
enum class BatchOutput {
    summary,  // CSV: id, verdict, licence_required, warnings, missing, error, error_field, destination_entry,
              // destination_charges_percent, destination_total, passed-through columns
    results,  // JSON Lines: the full v1 result (or error) for each input line
};

struct BatchCounts {
    std::size_t rows = 0, errors = 0;
    std::array<std::size_t, 4> verdicts{};  // by Verdict
};

// How a CSV was read, for the reader to check (issue 16: files as spreadsheets save them).
struct BatchReading {
    char separator = ',';                      // ',' ';' or tab, read from the header line
    std::vector<std::string> date_forms;       // "YYYY/M/D", "YYYY.M.D": spreadsheet dates read as such
    std::vector<std::string> unknown_columns;  // header names no request field has (passed through)
};

class BatchRunner {
public:
    // The batch holds the ruleset and registry it started with for as long as it runs: loading
    // others meanwhile (Session) changes nothing for its rows and frees nothing it uses.
    // With destination data, rows that name a destination are answered for it too (issue 14).
    BatchRunner(BatchInput input, BatchOutput output, std::shared_ptr<const Ruleset> ruleset,
                std::shared_ptr<const Registry> registry, Date today,
                std::shared_ptr<const Destinations> destinations = nullptr);
    ~BatchRunner();
    BatchRunner(const BatchRunner&) = delete;
    BatchRunner& operator=(const BatchRunner&) = delete;

    // Reads a chunk; appends the answers of the rows it completes to `out`.
    void feed(std::string_view chunk, std::string& out);
    // The input has ended: answers a last row without a line break.
    void finish(std::string& out);
    const BatchCounts& counts() const;
    // Input columns whose names are the answer's own (verdict, error, …), renamed "input_<name>" so
    // that no reader takes them for the answer: (name, new name) for each.
    const std::vector<std::pair<std::string, std::string>>& renamed_columns() const;
    BatchReading reading() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace evexport
