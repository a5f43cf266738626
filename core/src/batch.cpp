#include "evexport/batch.hpp"

#include <algorithm>

#include "evexport/api.hpp"
#include "evexport/evaluate.hpp"
#include "json_writer.hpp"
#include "optimize.hpp"
#include "render.hpp"
#include "request_fields.hpp"

namespace evexport {

// Literals appended as string_views: a char* would be measured (strlen) on every row.
using namespace std::string_view_literals;

namespace {

// RFC 4180 field: quoted when it holds a comma, a quote or a line break. A cell a spreadsheet would
// take for a formula (starting with =, +, -, @, a tab or a carriage return) is written with a
// leading apostrophe, as OWASP advises for CSV injection: it shows as text and never runs.
void csv_field(std::string& out, std::string_view s) {
    const bool formula = !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
    // A loop, not find_first_of, which looks each byte up in the set with a call of its own: this runs
    // over every cell of every answer.
    const bool plain =
        std::none_of(s.begin(), s.end(), [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
    if (!formula && plain) {
        out.append(s);
        return;
    }
    out += '"';
    if (formula) out += '\'';
    // Runs between quotes are copied at once; each quote is doubled.
    for (std::size_t at = 0;;) {
        const auto quote = s.find('"', at);
        out.append(s.substr(at, quote == std::string_view::npos ? std::string_view::npos : quote + 1 - at));
        if (quote == std::string_view::npos) break;
        out += '"';
        at = quote + 1;
    }
    out += '"';
}

// A header cell as a column name: lower case, without surrounding spaces.
std::string header_name(std::string_view cell) {
    std::string name;
    for (char ch : cell) name += (ch >= 'A' && ch <= 'Z') ? char(ch - 'A' + 'a') : ch;
    while (!name.empty() && name.back() == ' ') name.pop_back();
    while (!name.empty() && name.front() == ' ') name.erase(0, 1);
    return name;
}

constexpr std::string_view kSummaryHeader = "id,verdict,licence_required,warnings,missing,error,error_field";
// With destination data (added 2026-11-29, issue 14), three more columns follow error_field: empty
// when the row names no destination.
constexpr std::string_view kDestinationHeader = ",destination_entry,destination_charges_percent,destination_total";
// For a person reading the rows (added 2026-11-30, issue 16): what the row was about, the answer in
// words, and (with a link base) the row's request in the calculator.
constexpr std::string_view kReaderHeader = ",vin,make,model,message";
constexpr std::string_view kLinkHeader = ",link";

// The answer's column names, in order, for the header given.
std::vector<std::string> summary_columns(bool destinations, bool link) {
    std::string header(kSummaryHeader);
    header.append(destinations ? kDestinationHeader : "").append(kReaderHeader).append(link ? kLinkHeader : "");
    std::vector<std::string> names;
    for (std::size_t start = 0, comma = 0; comma != std::string::npos; start = comma + 1) {
        comma = header.find(',', start);
        names.push_back(header.substr(start, comma == std::string::npos ? comma : comma - start));
    }
    return names;
}

// As encodeURIComponent does, so that the page's decodeURIComponent reads it back (permalink.ts): a
// table, and runs of plain characters copied at once. A byte that is not UTF-8 is written as U+FFFD,
// which decodeURIComponent would otherwise refuse (the whole link with it).
void percent_encode(std::string& out, std::string_view text) {
    static constexpr auto plain = [] {
        std::array<bool, 256> t{};
        for (int c = 0; c < 256; ++c)
            t[std::size_t(c)] = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                std::string_view("-_.!~*'()").find(char(c)) != std::string_view::npos;
        return t;
    }();
    static constexpr char hex[] = "0123456789ABCDEF";
    for (std::size_t i = 0; i < text.size();) {
        std::size_t run = i;
        while (run < text.size() && plain[static_cast<unsigned char>(text[run])]) ++run;
        out.append(text.substr(i, run - i));
        if (run == text.size()) break;
        const auto c = static_cast<unsigned char>(text[run]);
        const std::size_t len = c < 0x80 ? 1 : detail::utf8_length(text, run);
        if (!len) {
            out.append("%EF%BF%BD");
            i = run + 1;
            continue;
        }
        for (std::size_t k = run; k < run + len; ++k) {
            const auto b = static_cast<unsigned char>(text[k]);
            out.append({'%', hex[b >> 4], hex[b & 15]});
        }
        i = run + len;
    }
}

}  // namespace

struct BatchRunner::State {
    BatchInput input;
    BatchOutput output;
    std::shared_ptr<const Ruleset> ruleset_owner;
    std::shared_ptr<const Registry> registry_owner;
    const Ruleset& ruleset;
    const Registry* registry;
    std::shared_ptr<const Destinations> destinations_owner;
    const Destinations* destinations;
    Date today;
    BatchStyle style;
    std::vector<std::pair<std::string, std::string>> renamed;
    BatchCounts counts;
    std::size_t line = 0;  // data rows seen, for ids when the input has none
    // Bytes fed so far, and the offset of the byte the CSV reader is at, for the style's part.
    std::size_t fed = 0, at = 0;

    // CSV reading state; the buffers are reused row after row, so memory stays flat.
    bool at_start = true, header_done = false, header_failed = false;
    // The current row's fields. Their strings are kept from row to row (cleared, not freed): once
    // the first rows are read, reading one allocates nothing (it was a tenth of a row's time).
    struct Fields {
        std::vector<std::string> slots{std::string()};
        std::size_t count = 1;
        std::size_t size() const { return count; }
        std::string& back() { return slots[count - 1]; }
        std::string& operator[](std::size_t i) { return slots[i]; }
        void emplace_back() {
            if (count == slots.size()) slots.emplace_back();
            else slots[count].clear();
            ++count;
        }
        // A field that held a long cell gives its memory back: a file with one long cell per column
        // would otherwise keep them all for the rest of the batch.
        void reset() {
            for (std::size_t i = 0; i < count; ++i)
                if (slots[i].capacity() > 4096) std::string().swap(slots[i]);
            slots[0].clear();
            count = 1;
        }
    };
    Fields fields;
    std::size_t row_bytes = 0;
    bool in_quotes = false, after_quote = false, skip_lf = false, malformed = false, oversize = false;
    std::vector<int> column_field;               // header column → index in kFields, or -1
    std::array<int, 3> echo_column{-1, -1, -1};  // the vin, make and model columns, echoed in the answer
    std::vector<std::size_t> passthrough;        // unknown columns, echoed in order
    int id_column = -1;
    std::size_t header_size = 0;
    std::string bom;   // the first bytes, until it is known whether they are a UTF-8 BOM
    std::string head;  // the header line, held until it ends and its separator is known
    bool separator_known = false;
    char separator = ',';
    unsigned date_forms = 0;                   // spreadsheet date forms read: 1 = YYYY/M/D, 2 = YYYY.M.D
    std::vector<std::string> unknown_columns;  // header names no field has, passed through

    std::string message;  // a row's message, its memory kept from row to row
    // For links: the field columns, each field's last (set with the header), and a row's link, its
    // memory kept from row to row.
    std::vector<std::size_t> link_columns;
    std::string link;

    // JSON Lines reading state.
    std::string jsonl_line;

    State(BatchInput i, BatchOutput o, std::shared_ptr<const Ruleset> r, std::shared_ptr<const Registry> reg, Date t,
          std::shared_ptr<const Destinations> d, BatchStyle st)
        : input(i),
          output(o),
          ruleset_owner(std::move(r)),
          registry_owner(std::move(reg)),
          ruleset(*ruleset_owner),
          registry(registry_owner.get()),
          destinations_owner(std::move(d)),
          destinations(destinations_owner.get()),
          today(t),
          style(std::move(st)) {}

    // ---- answers ----

    // What a row was about, echoed beside its answer: the VIN, make and model as given.
    struct Echo {
        std::string_view vin, make, model;
        std::string_view link;  // the link's fragment, after the base's "#" ("" without a link base)
    };

    void summary_row(std::string& out, std::string_view id, const Result* result, const Error* error,
                     const Echo& echo) {
        ++counts.rows;
        csv_field(out, id);
        out += ',';
        if (result) {
            ++counts.verdicts[std::size_t(result->verdict)];
            out += name_of(result->verdict);
            out += ',';
            if (result->licence_required) out += *result->licence_required ? "true"sv : "false"sv;
            out += ',';
            for (std::size_t i = 0; i < result->warnings.size(); ++i)
                out.append(i ? ";"sv : ""sv).append(result->warnings[i].code);
            out += ',';
            for (std::size_t i = 0; i < result->missing.size(); ++i)
                out.append(i ? ";"sv : ""sv).append(result->missing[i]);
            out += ",,"sv;
            if (const auto& d = result->destination) destination_columns(out, *d);
            else if (destinations) out += ",,,"sv;
        } else {
            ++counts.errors;
            out += ",,,,"sv;
            out += error->code;
            out += ',';
            csv_field(out, error->field);
            if (destinations) out += ",,,"sv;
        }
        for (auto cell : {echo.vin, echo.make, echo.model}) {
            out += ',';
            csv_field(out, cell);
        }
        out += ',';
        if (result) detail::summary_message(*result, message);
        csv_field(out, result ? std::string_view(message) : std::string_view(error->message));
        // No CSV quoting needed: the base is checked, the fragment encoded.
        if (!style.link_base.empty()) {
            out += ',';
            out += style.link_base;
            out += '#';
            out += echo.link;
        }
    }

    // entry, the share of the customs value the percentage charges take, and the estimate's total
    // in the row's customs currency.
    EVEXPORT_SMALL static void destination_columns(std::string& out, const DestinationAnswer& d) {
        out += ',';
        out += name_of(d.entry);
        out += ',';
        if (d.charges_percent) out.append(format_hundredths(*d.charges_percent));
        out += ',';
        if (d.estimate && !(d.estimate->lines.empty() && !d.estimate->open.empty()))
            out.append(format_hundredths(d.estimate->total));
    }

    // ---- CSV ----

    void feed_csv(std::string_view chunk, std::string& out) {
        if (at_start) {
            // A UTF-8 byte-order mark may open the file, possibly split across chunks.
            while (!chunk.empty() && bom.size() < 3 && chunk.front() == "\xEF\xBB\xBF"[bom.size()]) {
                bom += chunk.front();
                chunk.remove_prefix(1);
            }
            if (bom.size() < 3 && chunk.empty()) return;
            at_start = false;
            if (bom.size() < 3) head = std::move(bom);  // not a BOM: the file's first bytes
        }
        if (!separator_known) {
            // The header line is held until it ends, to read its separator from it.
            head.append(chunk);
            if (header_end(head) == std::string::npos && head.size() <= kMaxBatchRowBytes) return;
            return start_reading(out);
        }
        scan(chunk, out);
    }

    // Where the header line ends (a line break outside quotes), or npos.
    EVEXPORT_RARELY static std::size_t header_end(std::string_view text) {
        bool quoted = false;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '"') quoted = !quoted;
            else if (text[i] == '\n' && !quoted) return i;
        }
        return std::string::npos;
    }

    // Spreadsheets write ';' (where the decimal mark is a comma) or a tab between cells: the
    // separator is the one of ',' ';' and tab the header line has most of outside quotes (',' when
    // none or tied), and the answers say which was read.
    EVEXPORT_RARELY void start_reading(std::string& out) {
        std::string_view line = head;
        line = line.substr(0, header_end(line));
        std::size_t commas = 0, semicolons = 0, tabs = 0;
        bool quoted = false;
        for (char c : line) {
            if (c == '"') quoted = !quoted;
            else if (!quoted) {
                commas += c == ',';
                semicolons += c == ';';
                tabs += c == '\t';
            }
        }
        if (semicolons > commas && semicolons >= tabs) separator = ';';
        else if (tabs > commas && tabs > semicolons) separator = '\t';
        separator_known = true;
        const std::string held = std::move(head);
        head.clear();
        scan(held, out);
    }

    EVEXPORT_ONCE_IN_CODE void scan(std::string_view chunk, std::string& out) {
        // Runs of ordinary bytes inside a field are copied at once; the state machine sees the rest.
        while (!chunk.empty()) {
            if (!skip_lf && !after_quote) {
                std::size_t stop = 0;
                if (in_quotes)
                    while (stop < chunk.size() && chunk[stop] != '"') ++stop;
                else
                    while (stop < chunk.size() && chunk[stop] != separator && chunk[stop] != '\n' &&
                           chunk[stop] != '\r' && chunk[stop] != '"')
                        ++stop;
                const auto run = chunk.substr(0, stop);
                if (!run.empty()) {
                    if (!oversize && row_bytes + run.size() <= kMaxBatchRowBytes) fields.back().append(run);
                    else
                        overflow();  // dropped at once (the row is answered too_large): one pass however the input is
                                     // cut
                    row_bytes += run.size();
                    chunk.remove_prefix(run.size());
                    continue;
                }
            }
            at = fed - chunk.size();
            csv_char(chunk.front(), out);
            chunk.remove_prefix(1);
        }
    }

    void csv_char(char c, std::string& out) {
        if (skip_lf) {
            skip_lf = false;
            if (c == '\n') return;
        }
        if (in_quotes) {
            if (c == '"') {
                in_quotes = false;
                after_quote = true;
                return;
            }
            return append(c);
        }
        if (after_quote) {
            after_quote = false;
            if (c == '"') {  // "" inside quotes: a literal quote
                in_quotes = true;
                return append('"');
            }
            if (c != separator && c != '\n' && c != '\r') malformed = true;  // text after a closing quote
        }
        if (c == separator) {
            ++row_bytes;
            if (fields.size() >= kMaxBatchColumns) oversize = true;
            else fields.emplace_back();
            return;
        }
        switch (c) {
            case '\r': skip_lf = true; [[fallthrough]];
            case '\n': return end_record(out);
            case '"':
                if (fields.back().empty()) {
                    in_quotes = true;
                    return;
                }
                return append(c);  // a quote inside an unquoted field is taken as it is
            default: return append(c);
        }
    }

    void append(char c) {
        if (++row_bytes > kMaxBatchRowBytes) return overflow();
        if (!oversize) fields.back() += c;
    }

    // The row outgrew its budget: it is answered too_large, and the field it outgrew it in is
    // dropped whole, so that what is passed through does not depend on where the input was cut.
    EVEXPORT_RARELY void overflow() {
        if (!oversize) fields.back().clear();
        oversize = true;
    }

    // The header row is the part's from byte 0 (an empty part writes nothing).
    bool writes_header() const { return style.from == 0 && style.until > 0; }
    // Whether the row whose line break is at `offset` is this runner's to answer (BatchStyle's part).
    bool answers(std::size_t offset) {
        if (offset >= style.until) counts.part_done = true;
        return offset >= style.from && offset < style.until;
    }

    void end_record(std::string& out) {
        const bool blank = fields.size() == 1 && fields[0].empty() && !oversize && !malformed;
        if (!blank) record(out);
        fields.reset();
        row_bytes = 0;
        malformed = oversize = false;
    }

    EVEXPORT_RARELY void header() {
        header_done = true;
        if (oversize || malformed) {
            header_failed = true;
            return;
        }
        header_size = fields.size();
        column_field.assign(header_size, -1);
        for (std::size_t c = 0; c < header_size; ++c) {
            const std::string name = header_name(fields[c]);
            if (name == "id") {
                id_column = int(c);
                continue;
            }
            bool known = false;
            for (std::size_t i = 0; i < detail::kFieldCount; ++i)
                if (detail::kFields[i].column == name) {
                    column_field[c] = int(i);
                    known = true;
                    if (i >= 2 && i <= 4 && echo_column[i - 2] < 0) echo_column[i - 2] = int(c);  // vin, make, model
                }
            if (!known) {
                passthrough.push_back(c);
                unknown_columns.push_back(fields[c]);
            }
        }
        // A link's fields, each from its last column (as a row reads).
        for (std::size_t field = 0; field < detail::kFieldCount; ++field) {
            int last = -1;
            for (std::size_t c = 0; c < header_size; ++c)
                if (column_field[c] == int(field)) last = int(c);
            if (last >= 0) link_columns.push_back(std::size_t(last));
        }
    }

    void record(std::string& out) {
        if (!header_done) {
            header();
            if (output == BatchOutput::summary) {
                // The part from byte 0 writes the header row; another part keeps what it writes.
                std::string discarded;
                auto& into = writes_header() ? out : discarded;
                summary_header(into);
                std::vector<std::string> names = summary_columns(destinations, !style.link_base.empty());
                auto taken = [&](const std::string& name) {
                    return std::find(names.begin(), names.end(), name) != names.end();
                };
                for (auto c : passthrough) {
                    std::string name = fields[c];
                    if (const auto folded = header_name(name); taken(folded)) {
                        std::string renamed_to = "input_" + folded;
                        for (int n = 2; taken(renamed_to); ++n)
                            renamed_to = "input_" + folded + "_" + std::to_string(n);
                        renamed.emplace_back(name, renamed_to);
                        name = renamed_to;
                    }
                    names.push_back(header_name(name));
                    into += ',';
                    csv_field(into, name);
                }
                into += '\n';
            }
            return;
        }
        ++line;
        if (!answers(at)) return;
        const std::string row_number = std::to_string(line);
        const bool whole = fields.size() == header_size;
        const std::string_view id =
            id_column >= 0 && std::size_t(id_column) < fields.size() && !fields[id_column].empty()
                ? std::string_view(fields[id_column])
                : std::string_view(row_number);
        std::optional<Error> error;
        Request request;
        if (header_failed) error = Error{"invalid_row", "", "the header row cannot be read"};
        else if (oversize) error = Error{"too_large", "", "a row may be at most 64 KiB and 256 columns"};
        else if (malformed) error = Error{"invalid_row", "", "text after a closing quote"};
        else if (!whole)
            error = Error{"invalid_row", "",
                          "the row has " + std::to_string(fields.size()) + " fields; the header has " +
                              std::to_string(header_size)};
        request.lang = style.lang;  // unless the row has its own
        for (std::size_t c = 0; !error && c < header_size; ++c) {
            if (column_field[c] < 0 || fields[c].empty()) continue;
            const auto field = std::size_t(column_field[c]);
            if (detail::is_date(detail::kFields[field].type)) spreadsheet_date(fields[c]);
            error = detail::assign_text(request, field, fields[c]);
        }
        if (!error) error = detail::complete(request, today);

        if (output == BatchOutput::summary) {
            auto cell = [&](int c) {
                return c >= 0 && std::size_t(c) < fields.size() ? std::string_view(fields[c]) : std::string_view();
            };
            if (!style.link_base.empty()) row_link();
            const Echo echo{cell(echo_column[0]), cell(echo_column[1]), cell(echo_column[2]), link};
            if (error) summary_row(out, id, nullptr, &*error, echo);
            else {
                const Result result = evaluate(request, ruleset, registry, destinations);
                summary_row(out, id, &result, nullptr, echo);
            }
            for (auto c : passthrough) {
                out += ',';
                csv_field(out, c < fields.size() ? std::string_view(fields[c]) : std::string_view());
            }
            out += '\n';
        } else {
            ++counts.rows;
            if (error) {
                ++counts.errors;
                out += error_to_json(*error);
            } else {
                const Result result = evaluate(request, ruleset, registry, destinations);
                ++counts.verdicts[std::size_t(result.verdict)];
                out += result_to_json(result);
            }
            out += '\n';
        }
    }

    // The answer's header row.
    void summary_header(std::string& out) const {
        out.append(kSummaryHeader).append(destinations ? kDestinationHeader : "").append(kReaderHeader);
        if (!style.link_base.empty()) out.append(kLinkHeader);
    }

    // A CSV row's link: its fields in the calculator's short form, the batch's own column names
    // ("vin=LGX…&make=BYD"), read by the page as the widget reads its attributes (permalink.ts).
    // Dates as the row reads them, booleans as true or false; about half the length of the request's
    // JSON, URL-encoded, and written without it (docs/BENCHMARKS.md).
    void row_link() {
        link.clear();
        for (const auto c : link_columns) {
            if (c >= fields.size() || fields[c].empty()) continue;
            const auto& field = detail::kFields[column_field[c]];
            if (detail::is_date(field.type)) spreadsheet_date(fields[c]);
            if (!link.empty()) link += '&';
            link += field.column;
            link += '=';
            const auto flag = field.type == detail::FieldType::boolean ? detail::read_bool(fields[c]) : std::nullopt;
            if (flag) link.append(*flag ? "true"sv : "false"sv);
            else percent_encode(link, fields[c]);
        }
    }

    // A JSON Lines row's link: the line itself, the calculator's long form.
    void line_link(std::string_view line) {
        link.assign("request=");
        percent_encode(link, line);
    }

    // A date as spreadsheets write it — 2026/12/5 or 2026.12.5 — rewritten as 2026-12-05, and its
    // form noted for the answers; anything else is left for the field's own check.
    EVEXPORT_RARELY void spreadsheet_date(std::string& cell) {
        const auto mark = cell.size() >= 8 && cell.size() <= 10 ? cell[4] : '\0';
        if (mark != '/' && mark != '.') return;
        const auto second = cell.find(mark, 5);
        if (second == std::string::npos) return;
        const std::string_view text = cell;
        auto digits = [](std::string_view s, std::size_t min, std::size_t max) {
            return s.size() >= min && s.size() <= max &&
                   std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
        };
        const auto year = text.substr(0, 4), month = text.substr(5, second - 5), day = text.substr(second + 1);
        if (!digits(year, 4, 4) || !digits(month, 1, 2) || !digits(day, 1, 2)) return;
        auto two = [](std::string_view s) { return std::string(2 - s.size(), '0').append(s); };
        // Appended, not "…" + …: GCC 12 reports a false -Wrestrict for the latter.
        cell = std::string(year).append("-").append(two(month)).append("-").append(two(day));
        date_forms |= mark == '/' ? 1u : 2u;
    }

    EVEXPORT_RARELY void finish_csv(std::string& out) {
        if (in_quotes) malformed = true;  // a quote opened and never closed
        at = fed;                         // a last row without a line break ends with the input
        if (row_bytes > 0 || fields.size() > 1 || in_quotes) end_record(out);
        in_quotes = false;
    }

    // ---- JSON Lines ----

    EVEXPORT_SMALL void feed_jsonl(std::string_view chunk, std::string& out) {
        for (std::size_t i = 0; i < chunk.size(); ++i) {
            const char c = chunk[i];
            if (c == '\n') {
                at = fed - chunk.size() + i;
                jsonl_record(out);
                continue;
            }
            if (++row_bytes <= kMaxBatchRowBytes) jsonl_line += c;
            else oversize = true;
        }
    }

    EVEXPORT_SMALL void jsonl_record(std::string& out) {
        if (!jsonl_line.empty() && jsonl_line.back() == '\r') jsonl_line.pop_back();
        const bool blank = !oversize && jsonl_line.find_first_not_of(" \t") == std::string::npos;
        if (!blank) {
            ++line;
            // The part from byte 0 writes the header row, whether or not the first line is its to answer.
            if (output == BatchOutput::summary && line == 1 && writes_header()) {
                summary_header(out);
                out += '\n';
            }
            // Another part's line is read and numbered, not answered.
            const bool ours = answers(at);
            if (ours && output == BatchOutput::results) {
                ++counts.rows;
                auto parsed = oversize
                                  ? std::variant<Request, Error>(Error{"too_large", "", "a line may be at most 64 KiB"})
                                  : parse_request(jsonl_line, today);
                if (auto* error = std::get_if<Error>(&parsed)) {
                    ++counts.errors;
                    out += error_to_json(*error);
                } else {
                    const Result result = evaluate(std::get<Request>(parsed), ruleset, registry, destinations);
                    ++counts.verdicts[std::size_t(result.verdict)];
                    out += result_to_json(result);
                }
                out += '\n';
            } else if (ours) {
                jsonl_summary(out);
            }
        }
        jsonl_line.clear();
        row_bytes = 0;
        oversize = false;
    }

    EVEXPORT_SMALL void jsonl_summary(std::string& out) {
        std::string id = std::to_string(line);
        if (oversize) {
            const Error e{"too_large", "", "a line may be at most 64 KiB"};
            summary_row(out, id, nullptr, &e, {});
            out += '\n';
            return;
        }
        // The line is the request its link opens; it speaks the batch's language unless it has its own.
        auto parsed = detail::parse_request(jsonl_line, today, &id, style.lang);
        if (!style.link_base.empty()) line_link(jsonl_line);
        if (auto* error = std::get_if<Error>(&parsed)) summary_row(out, id, nullptr, error, {{}, {}, {}, link});
        else {
            const auto& request = std::get<Request>(parsed);
            const Result result = evaluate(request, ruleset, registry, destinations);
            const auto& v = request.vehicle;
            auto text = [](const std::optional<std::string>& s) {
                return s ? std::string_view(*s) : std::string_view();
            };
            const Echo echo{text(v.vin), text(v.make), text(v.model), link};
            summary_row(out, id, &result, nullptr, echo);
        }
        out += '\n';
    }
};

namespace {

// The length of the well-formed UTF-8 (as the JSON writer checks it, json_writer.hpp) or GB18030
// (GB 18030-2005's byte ranges) sequence at `s`: 0 when it is malformed, npos when it is cut short
// by the end of `s`.
std::size_t utf8_sequence(std::string_view s) {
    const auto c = static_cast<unsigned char>(s[0]);
    if (c < 0x80) return 1;
    if (const auto n = detail::utf8_length(s, 0)) return n;
    const std::size_t wanted = c >= 0xF5 ? 0 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    const bool started = std::all_of(s.begin() + 1, s.end(), [](char b) { return (b & 0xC0) == 0x80; });
    return wanted > s.size() && started ? std::string_view::npos : 0;
}

std::size_t gb18030_length(std::string_view s) {
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    if (b(0) < 0x80) return 1;
    if (b(0) == 0x80 || b(0) == 0xFF) return 0;
    if (s.size() < 2) return std::string_view::npos;
    if ((b(1) >= 0x40 && b(1) <= 0x7E) || (b(1) >= 0x80 && b(1) <= 0xFE)) return 2;
    if (b(1) < 0x30 || b(1) > 0x39) return 0;
    if (s.size() < 4) return std::string_view::npos;
    return b(2) >= 0x81 && b(2) <= 0xFE && b(3) >= 0x30 && b(3) <= 0x39 ? 4 : 0;
}

bool reads_as(std::string_view s, bool whole, std::size_t (*length)(std::string_view)) {
    while (!s.empty()) {
        const auto n = length(s);
        if (n == std::string_view::npos) return !whole;  // cut by the end of the sample
        if (n == 0) return false;
        s.remove_prefix(n);
    }
    return true;
}

}  // namespace

TextEncoding sniff_encoding(std::string_view head, bool whole) {
    if (head.rfind("\xFF\xFE", 0) == 0) return TextEncoding::utf16le;
    if (head.rfind("\xFE\xFF", 0) == 0) return TextEncoding::utf16be;
    if (reads_as(head, whole, utf8_sequence)) return TextEncoding::utf8;
    if (reads_as(head, whole, gb18030_length)) return TextEncoding::gb18030;
    return TextEncoding::unknown;
}

std::optional<Error> check_batch_style(const BatchStyle& style) {
    if (style.lang.empty() || style.lang.size() > 16)
        return Error{"invalid_field", "/lang", "a language tag of 1 to 16 bytes, such as ru"};
    if (style.from > style.until)
        return Error{"invalid_field", "/part", "a part's first byte offset is at most its end's"};
    const std::string_view link = style.link_base;
    if (link.empty()) return std::nullopt;
    const bool web = link.rfind("https://", 0) == 0 || link.rfind("http://", 0) == 0;
    const bool plain = std::none_of(link.begin(), link.end(), [](char c) {
        return static_cast<unsigned char>(c) <= ' ' || c == 0x7F ||
               std::string_view("#\"'<>`").find(c) != std::string_view::npos;
    });
    if (!web || !plain || link.size() > 2048)
        return Error{"invalid_field", "/link",
                     "the calculator's address: http:// or https://, at most 2,048 bytes, no fragment, spaces or "
                     "quotes"};
    return std::nullopt;
}

BatchRunner::BatchRunner(BatchInput input, BatchOutput output, std::shared_ptr<const Ruleset> ruleset,
                         std::shared_ptr<const Registry> registry, Date today,
                         std::shared_ptr<const Destinations> destinations, BatchStyle style)
    : state_(std::make_unique<State>(input, output, std::move(ruleset), std::move(registry), today,
                                     std::move(destinations), std::move(style))) {}

BatchRunner::~BatchRunner() = default;

void BatchRunner::feed(std::string_view chunk, std::string& out) {
    state_->fed += chunk.size();
    if (state_->input == BatchInput::csv) state_->feed_csv(chunk, out);
    else state_->feed_jsonl(chunk, out);
}

EVEXPORT_RARELY void BatchRunner::finish(std::string& out) {
    if (state_->input == BatchInput::csv) {
        if (state_->at_start && !state_->bom.empty()) {  // a file of fewer than three bytes
            state_->at_start = false;
            state_->head = std::move(state_->bom);
        }
        if (!state_->separator_known) state_->start_reading(out);  // a header without a line break
        state_->finish_csv(out);
    } else if (!state_->jsonl_line.empty() || state_->oversize) {
        state_->at = state_->fed;  // a last line without a line break ends with the input
        state_->jsonl_record(out);
    }
}

const BatchCounts& BatchRunner::counts() const { return state_->counts; }

EVEXPORT_RARELY BatchReading BatchRunner::reading() const {
    BatchReading r;
    if (state_->input != BatchInput::csv) return r;
    r.separator = state_->separator;
    if (state_->date_forms & 1u) r.date_forms.emplace_back("YYYY/M/D");
    if (state_->date_forms & 2u) r.date_forms.emplace_back("YYYY.M.D");
    r.unknown_columns = state_->unknown_columns;
    return r;
}
const std::vector<std::pair<std::string, std::string>>& BatchRunner::renamed_columns() const { return state_->renamed; }

}  // namespace evexport
