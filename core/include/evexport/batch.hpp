// Batch checks: a dealer's inventory or a portal's listings, streamed through in constant memory.
// Input comes in chunks of any size (a file read piece by piece, or a browser File in slices); each
// finished row's answer is appended to the output at once, in input order, one per input row.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evexport/date.hpp"
#include "evexport/destinations.hpp"
#include "evexport/error.hpp"
#include "evexport/registry.hpp"
#include "evexport/ruleset.hpp"

namespace evexport {

// Documented bound (README, Limits): a row longer than this is answered `too_large`, unbuffered.
inline constexpr std::size_t kMaxBatchRowBytes = 64 * 1024;
inline constexpr std::size_t kMaxBatchColumns = 256;

enum class BatchInput { csv, jsonl };
enum class BatchOutput {
    summary,  // CSV: id, verdict, licence_required, warnings, missing, error, error_field, destination_entry,
              // destination_charges_percent, destination_total, vin, make, model, message, link,
              // passed-through columns
    results,  // JSON Lines: the full v1 result (or error) for each input line
};

struct BatchCounts {
    std::size_t rows = 0, errors = 0;
    std::array<std::size_t, 4> verdicts{};  // by Verdict
    bool part_done = false;                 // a row has ended at or after the style's `until`: no later one is answered
};

// How a CSV was read, for the reader to check (issue 16: files as spreadsheets save them).
struct BatchReading {
    char separator = ',';                      // ',' ';' or tab, read from the header line
    std::vector<std::string> date_forms;       // "YYYY/M/D", "YYYY.M.D": spreadsheet dates read as such
    std::vector<std::string> unknown_columns;  // header names no request field has (passed through)
};

// How a summary's rows speak to a person (issue 16): each row's message is in the row's `lang`, or
// in `lang` when it has none; with `link_base` (the calculator's address), a `link` column opens
// each row's request there.
struct BatchStyle {
    std::string lang = "en";
    std::string link_base;
    // One part of a file that several runners share (the page's two workers, docs/BENCHMARKS.md): each
    // reads the whole file from its first byte, numbering every row, but answers only the rows whose
    // line break is at a byte offset in [from, until) (a last row without one: at the end of the
    // input). Only the part from byte 0 writes the header row (unless it is empty); the parts'
    // answers, joined in order, are the whole file's, and their counts add up to its.
    std::size_t from = 0, until = std::size_t(-1);
};

// How a file's bytes are written. Spreadsheets save CSV in the system's encoding: on Chinese Windows
// that is GBK (read as GB18030, its superset), and "Unicode text" is UTF-16 with a byte-order mark.
enum class TextEncoding { utf8, utf16le, utf16be, gb18030, unknown };

// The encoding of a file from its first bytes (`whole`: they are the whole file): a UTF-16
// byte-order mark, else UTF-8 if they read as UTF-8 (a character cut at the end of a sample is no
// fault), else GB18030 if they read as GB18030, else unknown — refused, never guessed. The page's
// sniffEncoding (web/src/batch-worker.ts) follows the same rule; tests/cases/files/ holds them together.
TextEncoding sniff_encoding(std::string_view head, bool whole);

// A style a batch can use: a language of at most 16 bytes; a link base that is an http(s) address of at
// most 2,048 bytes without a fragment, spaces, quotes or angle brackets (it is written into every row,
// and a page shows it as a link); a part that does not end before it starts. The error names `/lang`,
// `/link` or `/part`.
std::optional<Error> check_batch_style(const BatchStyle& style);

class BatchRunner {
public:
    // The batch holds the ruleset and registry it started with for as long as it runs: loading
    // others meanwhile (Session) changes nothing for its rows and frees nothing it uses.
    // With destination data, rows that name a destination are answered for it too (issue 14).
    BatchRunner(BatchInput input, BatchOutput output, std::shared_ptr<const Ruleset> ruleset,
                std::shared_ptr<const Registry> registry, Date today,
                std::shared_ptr<const Destinations> destinations = nullptr, BatchStyle style = {});
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
