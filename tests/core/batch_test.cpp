// Batch: CSV done properly, every kind of malformed row, order kept, nothing lost, and the same
// answers however the input is cut into chunks.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "corpus.hpp"
#include "evexport/api.hpp"
#include "evexport/batch.hpp"
#include "evexport/evaluate.hpp"

namespace {

using evexport::BatchInput;
using evexport::BatchOutput;
const evexport::Date kToday = *evexport::parse_date("2026-11-28");

std::string run(std::string_view input, BatchInput in = BatchInput::csv, BatchOutput out = BatchOutput::summary,
                std::size_t chunk = 1 << 16) {
    evexport::BatchRunner runner(in, out, evexport::Ruleset::builtin_shared(), nullptr, kToday);
    std::string output;
    for (std::size_t i = 0; i < input.size(); i += chunk) runner.feed(input.substr(i, chunk), output);
    runner.finish(output);
    return output;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream s(text);
    for (std::string line; std::getline(s, line);) out.push_back(line);
    return out;
}

const std::string kHeader = "id,as_of,category,powertrain,condition,exporter_role,exporter_listed,make,colour\n";

TEST(BatchCsv, AnswersEachRowInOrderAndPassesUnknownColumnsThrough) {
    const auto out = lines(run(kHeader + "a,2026-03-01,passenger_car,bev,new,manufacturer,true,BYD,red\n"
                                         "b,2025-12-31,passenger_car,bev,new,trader,,BYD,blue\n"
                                         "c,2026-03-01,passenger_car,bev,new,trader,,BYD,green\n"
                                         "d,2026-03-01,passenger_car,bev,new,manufacturer,,BYD,\n"));
    ASSERT_EQ(out.size(), 5u);
    EXPECT_EQ(out[0], "id,verdict,licence_required,warnings,missing,error,error_field,vin,make,model,message,colour");
    EXPECT_EQ(out[1], "a,conditional,true,,,,,,BYD,,\"Permitted, with conditions\",red");
    EXPECT_EQ(out[2], "b,permitted,false,,,,,,BYD,,Permitted,blue");
    EXPECT_EQ(out[3],
              "c,not_permitted,true,,,,,,BYD,,Not permitted: An independent trader without a manufacturer's "
              "authorisation cannot obtain the licence.,green");
    // Not determined: the first question still open, in the batch's language (English by default).
    EXPECT_EQ(out[4].rfind("d,undetermined,true,,/exporter/listed,,,,BYD,,Not yet determined: Is the exporter on ", 0),
              0u)
        << out[4];
}

TEST(BatchCsv, QuotesCommasNewlinesBomCrlfAndChinese) {
    const std::string input =
        "\xEF\xBB\xBF"
        "id,make,category,powertrain,condition,as_of,exporter_role,exporter_listed,note\r\n"
        "\"x,1\",比亚迪,passenger_car,bev,new,2026-03-01,manufacturer,yes,\"He said \"\"fine\"\"\"\r\n"
        "\"y\n2\",BYD,passenger_car,bev,new,2026-03-01,manufacturer,1,\"two\r\nlines\"\r\n";
    const auto out = run(input);
    EXPECT_EQ(out,
              "id,verdict,licence_required,warnings,missing,error,error_field,vin,make,model,message,note\n"
              "\"x,1\",conditional,true,,,,,,比亚迪,,\"Permitted, with conditions\",\"He said \"\"fine\"\"\"\n"
              "\"y\n2\",conditional,true,,,,,,BYD,,\"Permitted, with conditions\",\"two\r\nlines\"\n");
}

TEST(BatchCsv, MalformedRowsOfEveryKindAreMarkedAndTheOthersStillAnswered) {
    const std::string input =
        kHeader +
        "ok1,2026-03-01,passenger_car,bev,new,manufacturer,true,BYD,x\n"
        "short,2026-03-01,passenger_car\n"                                       // too few fields
        "long,2026-03-01,passenger_car,bev,new,manufacturer,true,BYD,x,extra\n"  // too many
        "\"quote\"x,2026-03-01,passenger_car,bev,new,manufacturer,true,BYD,x\n"  // text after a closing quote
        "enum,2026-03-01,passenger_car,steam,new,manufacturer,true,BYD,x\n"      // unknown value
        "date,2026-02-30,passenger_car,bev,new,manufacturer,true,BYD,x\n"        // impossible date
        "bool,2026-03-01,passenger_car,bev,new,manufacturer,maybe,BYD,x\n"       // not a boolean
        "big,2026-03-01,passenger_car,bev,new,manufacturer,true," +
        std::string(70000, 'B') +
        ",x\n"
        "ok2,2026-03-01,passenger_car,bev,new,trader,,BYD,x\n"
        "open,2026-03-01,passenger_car,bev,new,manufacturer,true,BYD,\"never closed\n";
    const auto out = lines(run(input));
    ASSERT_EQ(out.size(), 12u) << run(input);  // the unclosed quote's field ends in a line break, kept
    EXPECT_EQ(out[1], "ok1,conditional,true,,,,,,BYD,,\"Permitted, with conditions\",x");
    EXPECT_EQ(out[2], "short,,,,,invalid_row,,,,,the row has 3 fields; the header has 9,");
    EXPECT_EQ(out[3], "long,,,,,invalid_row,,,BYD,,the row has 10 fields; the header has 9,x");
    EXPECT_EQ(out[4], "quotex,,,,,invalid_row,,,BYD,,text after a closing quote,x");
    EXPECT_EQ(
        out[5],
        "enum,,,,,invalid_field,/vehicle/powertrain,,BYD,,\"unknown value \"\"steam\"\"; expected one of: bev, phev, "
        "erev, hev, ice, fcev\",x");
    EXPECT_EQ(
        out[6],
        "date,,,,,invalid_field,/as_of,,BYD,,\"\"\"2026-02-30\"\" is not a date in YYYY-MM-DD form between 1900 and "
        "2100\",x");
    EXPECT_EQ(out[7], "bool,,,,,invalid_field,/exporter/listed,,BYD,,must be true or false,x");
    EXPECT_EQ(out[8],  // cells after the 64 KiB limit are not held
              "big,,,,,too_large,,,,,a row may be at most 64 KiB and 256 columns,");
    EXPECT_EQ(out[9].rfind("ok2,not_permitted,true,,,,,,BYD,,Not permitted: An independent trader", 0), 0u);
    EXPECT_EQ(out[10], "open,,,,,invalid_row,,,BYD,,text after a closing quote,\"never closed");
}

TEST(BatchCsv, TheSameAnswersWhateverTheChunks) {
    const std::string input = "\xEF\xBB\xBF" + kHeader +
                              "\"a\",2026-03-01,passenger_car,bev,new,manufacturer,true,BYD,\"r,\"\"e\"\"d\"\r\n" +
                              "b,2026-03-01,passenger_car,bev,used,used_car_exporter,,BYD,\"multi\r\nline\"\r\n\r\n" +
                              "c,2026-03-01,bus,ice,new,trader,,X,z";
    const auto whole = run(input);
    for (std::size_t chunk : {1u, 2u, 3u, 5u, 7u, 64u})
        EXPECT_EQ(run(input, BatchInput::csv, BatchOutput::summary, chunk), whole) << chunk;
    // Header and three rows (one answer holds a quoted line break); the blank line is not a row.
    EXPECT_EQ(lines(whole).size(), 5u);
    EXPECT_EQ(whole.find("\n\n"), std::string::npos);
}

TEST(BatchCsv, WithoutAnIdColumnRowsAreNumbered) {
    const auto out =
        lines(run("category,powertrain,condition,as_of\npassenger_car,bev,new,2025-06-01\nbus,ice,new,2006-01-01\n"));
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[1], "1,permitted,false,,,,,,,,Permitted");
    EXPECT_EQ(out[2], "2,permitted,false,,,,,,,,Permitted");
}

TEST(BatchCsv, EmptyInputsGiveNoRows) {
    EXPECT_EQ(run(""), "");
    EXPECT_EQ(run("\xEF\xBB\xBF"), "");
    EXPECT_EQ(run("id,make\n"),
              "id,verdict,licence_required,warnings,missing,error,error_field,vin,make,model,message\n");
    EXPECT_EQ(
        run("a"),
        "id,verdict,licence_required,warnings,missing,error,error_field,vin,make,model,message,a\n");  // one unknown
}

TEST(BatchCsv, AVeryLongHeaderMarksEveryRow) {
    const auto out = lines(run(std::string(70000, 'h') + "\nx\ny\n"));
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[1], "1,,,,,invalid_row,,,,,the header row cannot be read");
}

TEST(BatchJsonl, EachLineGivesWhatCheckGives) {
    // Every corpus request as one line, with blank lines and CRLF between: the same answers as check.
    std::string input;
    std::vector<std::string> expected;
    for (const auto& c : corpus::load()) {
        if (c.request_text.find('\n') != std::string::npos ||
            c.request_text.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        input += c.request_text + "\r\n\n";
        expected.push_back(evexport::evaluate_json(c.request_text, evexport::Ruleset::builtin(), kToday).json);
    }
    const auto out = lines(run(input, BatchInput::jsonl, BatchOutput::results, 333));
    ASSERT_EQ(out.size(), expected.size());
    for (std::size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i], expected[i]) << i;
}

TEST(BatchJsonl, OversizeLinesAndALastLineWithoutBreak) {
    const auto out =
        lines(run("{\"as_of\":\"2026-03-01\"}\n" + std::string(70000, ' ') + "{}\n{\"as_of\":", BatchInput::jsonl,
                  BatchOutput::results, 1000));
    ASSERT_EQ(out.size(), 3u);
    EXPECT_NE(out[0].find("\"verdict\""), std::string::npos);
    EXPECT_NE(out[1].find("too_large"), std::string::npos);
    EXPECT_NE(out[2].find("invalid_json"), std::string::npos);
}

TEST(BatchJsonl, SummaryOutputTakesTheIdFromTheRequest) {
    const auto out =
        lines(run("{\"id\":\"car-7\",\"as_of\":\"2026-03-01\",\"vehicle\":{\"category\":\"bus\",\"powertrain\":\"ice\","
                  "\"condition\":\"new\"},\"exporter\":{\"role\":\"trader\"}}\n[1]\n",
                  BatchInput::jsonl, BatchOutput::summary));
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[1].rfind("car-7,not_permitted,true,,,,,,,,Not permitted: ", 0), 0u) << out[1];
    EXPECT_EQ(out[2], "2,,,,,invalid_field,,,,,a request must be a JSON object");
}

// A run sized for CI: 200,000 generated rows streamed through, counted, none lost.
TEST(BatchCsv, ALargeStreamingRun) {
    evexport::BatchRunner runner(BatchInput::csv, BatchOutput::summary, evexport::Ruleset::builtin_shared(), nullptr,
                                 kToday);
    std::string out, chunk = "id,as_of,category,powertrain,condition,exporter_role,exporter_listed\n";
    std::size_t rows_out = 0;
    const char* roles[] = {"manufacturer", "trader", "authorized_exporter", "used_car_exporter"};
    for (int i = 0; i < 200000; ++i) {
        chunk += std::to_string(i) + ",2026-03-01,passenger_car,bev,new," + roles[i % 4] + ",true\n";
        if (chunk.size() > 60000) {
            runner.feed(chunk, out);
            chunk.clear();
            for (char c : out) rows_out += c == '\n';
            out.clear();
        }
    }
    runner.feed(chunk, out);
    runner.finish(out);
    for (char c : out) rows_out += c == '\n';
    EXPECT_EQ(rows_out, 200001u);
    const auto& counts = runner.counts();
    EXPECT_EQ(counts.rows, 200000u);
    EXPECT_EQ(counts.verdicts[1], 50000u);   // manufacturer: conditional
    EXPECT_EQ(counts.verdicts[2], 100000u);  // trader, used-car exporter: not permitted
    EXPECT_EQ(counts.verdicts[3], 50000u);   // authorised exporter without authorisation: undetermined
}

}  // namespace

namespace {

// CSV injection (OWASP): a cell a spreadsheet would run — starting with =, +, -, @, a tab or a
// carriage return — is written back with a leading apostrophe, one test per character.
TEST(BatchCsv, CellsThatASpreadsheetWouldRunAreWrittenAsText) {
    for (const std::string lead : {"=", "+", "-", "@", "\t", "\r"}) {
        SCOPED_TRACE(lead == "\t" ? "tab" : lead == "\r" ? "carriage return" : lead);
        const std::string cell = lead + "HYPERLINK(\"http://x\";\"y\")";
        std::string quoted = "\"";
        for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        quoted += "\"";
        const auto out = run("id,as_of,notes\n" + quoted + ",2026-03-01," + quoted + "\n");
        const auto rows = lines(out);
        ASSERT_GE(rows.size(), 2u) << out;
        // Both the id and the passed-through cell: "'=…", quoted, never a bare formula.
        EXPECT_EQ(rows[1].rfind("\"'" + lead, 0), 0u) << out;
        EXPECT_NE(rows[1].find(",\"'" + lead), std::string::npos) << out;
    }
}

// An input column named like one of the answer's own columns never stands beside it under the same
// name: it is passed through renamed, and the rename reported.
TEST(BatchCsv, InputColumnsCannotShadowTheAnswer) {
    evexport::BatchRunner runner(BatchInput::csv, BatchOutput::summary, evexport::Ruleset::builtin_shared(), nullptr,
                                 kToday);
    std::string out;
    runner.feed(
        "id,as_of,category,powertrain,condition,exporter_role,Verdict,error,licence_required,warnings,missing,input_"
        "verdict\n"
        "1,2026-03-01,passenger_car,bev,new,trader,permitted,none,false,,,x\n",
        out);
    runner.finish(out);
    const auto rows = lines(out);
    EXPECT_EQ(rows[0],
              "id,verdict,licence_required,warnings,missing,error,error_field,vin,make,model,message,input_verdict,"
              "input_error,input_licence_required,input_warnings,input_missing,input_input_verdict");
    EXPECT_EQ(rows[1].rfind("1,not_permitted,true", 0), 0u) << rows[1];
    ASSERT_EQ(runner.renamed_columns().size(), 6u);
    EXPECT_EQ(runner.renamed_columns()[0], (std::pair<std::string, std::string>{"Verdict", "input_verdict"}));
    EXPECT_EQ(runner.renamed_columns()[5],
              (std::pair<std::string, std::string>{"input_verdict", "input_input_verdict"}));
}

// Long rows cost one pass however the input is cut: the same answers for every piece size, the
// 64 KiB bound holding (the time is measured by tests/bench/batch.mjs, not here).
TEST(BatchCsv, LongRowsGiveTheSameAnswersWhateverThePieces) {
    std::string input = "id,notes\n";
    for (int i = 0; i < 6; ++i)
        input += std::to_string(i) + "," + std::string(std::size_t(40000 + i * 30000), 'x') + "\n";
    const auto whole = run(input, BatchInput::csv, BatchOutput::summary, input.size());
    EXPECT_EQ(std::count(whole.begin(), whole.end(), '\n'), 7);
    EXPECT_NE(whole.find("too_large"), std::string::npos);
    for (std::size_t piece : {std::size_t(1) << 20, std::size_t(65536), std::size_t(4099), std::size_t(7)}) {
        const auto cut = run(input, BatchInput::csv, BatchOutput::summary, piece);
        EXPECT_TRUE(cut == whole) << "pieces of " << piece << ": " << cut.size() << " bytes of answers, "
                                  << whole.size() << " whole";
    }
}

}  // namespace

// Files as spreadsheets save them (issue 16): ';' or tab between cells, dates as 2026/3/1 or
// 2026.3.1, read to the same answers as their comma-separated ISO twin, whatever the chunks; and how
// the file was read is reported.
TEST(BatchCsv, SpreadsheetSeparatorsAndDatesGiveTheSameAnswersAsTheirIsoTwin) {
    const std::string iso = kHeader +
                            "a,2026-03-01,passenger_car,bev,new,manufacturer,true,BYD,\"red, dark\"\n"
                            "b,2025-12-31,passenger_car,bev,new,trader,,BYD,blue\n";
    const std::string semicolons =
        "id;as_of;category;powertrain;condition;exporter_role;exporter_listed;make;colour\n"
        "a;2026/3/1;passenger_car;bev;new;manufacturer;true;BYD;red, dark\n"
        "b;2025/12/31;passenger_car;bev;new;trader;;BYD;blue\n";
    const std::string tabs =
        "id\tas_of\tcategory\tpowertrain\tcondition\texporter_role\texporter_listed\tmake\tcolour\r\n"
        "a\t2026.3.1\tpassenger_car\tbev\tnew\tmanufacturer\ttrue\tBYD\tred, dark\r\n"
        "b\t2025.12.31\tpassenger_car\tbev\tnew\ttrader\t\tBYD\tblue\r\n";
    const auto expected = run(iso);
    for (std::size_t chunk : {1u, 7u, 1u << 16}) {
        EXPECT_EQ(run(semicolons, BatchInput::csv, BatchOutput::summary, chunk), expected) << chunk;
        EXPECT_EQ(run(tabs, BatchInput::csv, BatchOutput::summary, chunk), expected) << chunk;
    }
    evexport::BatchRunner runner(BatchInput::csv, BatchOutput::summary, evexport::Ruleset::builtin_shared(), nullptr,
                                 kToday);
    std::string out;
    runner.feed(semicolons, out);
    runner.finish(out);
    const auto reading = runner.reading();
    EXPECT_EQ(reading.separator, ';');
    EXPECT_EQ(reading.date_forms, std::vector<std::string>{"YYYY/M/D"});
    EXPECT_EQ(reading.unknown_columns, std::vector<std::string>{"colour"});
}

TEST(BatchCsv, OnlyWholeSpreadsheetDatesAreRewritten) {
    // A month or day of three digits, a missing part or another mark is left to the date check.
    for (const char* date : {"2026/3/100", "2026/3", "2026-3-1", "26/3/1", "2026/3.1"}) {
        const auto out = lines(run("id,as_of,category\n1," + std::string(date) + ",bus\n"));
        ASSERT_EQ(out.size(), 2u);
        EXPECT_NE(out[1].find("invalid_field,/as_of"), std::string::npos) << date << ": " << out[1];
    }
    // A comma-separated file keeps its commas even with semicolons in a quoted header name.
    EXPECT_EQ(lines(run("id,\"a;b;c\",as_of\n1,x,2026-03-01\n"))[0],
              "id,verdict,licence_required,warnings,missing,error,error_field,vin,make,model,message,a;b;c");
}

namespace {

// Files as spreadsheets save them (tests/cases/files/files.json): the encoding each is read in, the
// same as the page's (tests/e2e/batch.test.mjs); a file in none of them is refused.
TEST(BatchFiles, EachFileIsReadInItsEncodingOrRefused) {
    const auto dir = std::string(EVEXPORT_CASES_DIR) + "/files/";
    const auto manifest = nlohmann::json::parse(corpus::read(dir + "files.json"));
    using E = evexport::TextEncoding;
    const std::map<std::string, E> names{
        {"utf-8", E::utf8}, {"utf-16le", E::utf16le}, {"utf-16be", E::utf16be}, {"gb18030", E::gb18030}};
    ASSERT_GE(manifest["files"].size(), 8u);
    for (const auto& f : manifest["files"]) {
        const auto bytes = corpus::read(dir + f["file"].get<std::string>());
        const E expected = f["encoding"].is_null() ? E::unknown : names.at(f["encoding"].get<std::string>());
        EXPECT_EQ(evexport::sniff_encoding(bytes, true), expected) << f["file"];
    }
}

TEST(BatchFiles, TheSniffKnowsCutCharactersFromMalformedOnes) {
    using E = evexport::TextEncoding;
    EXPECT_EQ(evexport::sniff_encoding("make\n\xE6\xAF", false), E::utf8);    // 比 cut by the sample's end
    EXPECT_EQ(evexport::sniff_encoding("make\n\xE6\xAF", true), E::gb18030);  // at the file's end: two GBK bytes
    EXPECT_EQ(evexport::sniff_encoding("\xC0\xAF", true), E::gb18030);        // an overlong UTF-8 '/' is not UTF-8
    EXPECT_EQ(evexport::sniff_encoding("a\x80", true), E::unknown);           // 0x80 starts nothing in either
    EXPECT_EQ(evexport::sniff_encoding("\x81\x30\x81", true), E::unknown);    // a four-byte GB18030 cut short
    EXPECT_EQ(evexport::sniff_encoding("\x81\x30\x81\x30", true), E::gb18030);
    EXPECT_EQ(evexport::sniff_encoding("", true), E::utf8);
}

std::string percent_decoded(std::string_view encoded) {
    std::string text;
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        if (encoded[i] == '%') {
            text += char(std::stoi(std::string(encoded.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            text += encoded[i];
        }
    }
    return text;
}

// A row's link in the short form ("vin=…&make=…", the batch's column names), as the one-row CSV it
// stands for: the page reads it as such (web/src/permalink.ts).
std::string link_as_csv(const std::string& row, std::string_view base) {
    const auto at = row.find(std::string(base) + "#");
    if (at == std::string::npos) return "";
    const auto start = at + base.size() + 1;
    const auto end = row.find(',', start);
    const std::string fragment = row.substr(start, end == std::string::npos ? end : end - start);
    std::string names, values;
    for (std::size_t from = 0; from <= fragment.size();) {
        const auto amp = std::min(fragment.find('&', from), fragment.size());
        const std::string pair = fragment.substr(from, amp - from);
        const auto eq = pair.find('=');
        if (eq == std::string::npos) return "";
        names.append(names.empty() ? "" : ",").append(pair.substr(0, eq));
        std::string value = percent_decoded(pair.substr(eq + 1));
        std::string quoted = "\"";
        for (char c : value) quoted.append(c == '"' ? "\"\"" : std::string(1, c));
        values.append(values.empty() ? "" : ",").append(quoted + "\"");
        from = amp + 1;
    }
    return names + "\n" + values + "\n";
}

// Each row speaks the reader's language (or its own), echoes what it is about, and links to the
// calculator with a request that gives the same answer there.
TEST(BatchStyle, MessagesInTheReadersLanguageAndLinksThatGiveTheSameAnswer) {
    evexport::BatchRunner runner(BatchInput::csv, BatchOutput::summary, evexport::Ruleset::builtin_shared(), nullptr,
                                 kToday, nullptr, {"zh", "https://example.org/ev/"});
    std::string out;
    runner.feed(
        "id,lang,vin,make,model,as_of,category,powertrain,condition,exporter_role,exporter_listed,note\n"
        "1,,LGXCE4CB6T0123456,BYD,\"Seal, 2025\",2026/3/1,passenger_car,bev,new,trader,,x\n"
        "2,en,,BYD,,2026-03-01,passenger_car,bev,new,manufacturer,yes,y\n",
        out);
    runner.finish(out);
    const auto rows = lines(out);
    ASSERT_EQ(rows.size(), 3u) << out;
    EXPECT_EQ(rows[0],
              "id,verdict,licence_required,warnings,missing,error,error_field,vin,make,model,message,link,note");
    EXPECT_EQ(rows[1].rfind("1,not_permitted,true,,,,,LGXCE4CB6T0123456,BYD,\"Seal, 2025\",不能出口:", 0), 0u)
        << rows[1];
    // The short form: the row's fields by their column names, dates as read, flags as true or false.
    EXPECT_NE(rows[1].find(",https://example.org/ev/#as_of=2026-03-01&vin=LGXCE4CB6T0123456&make=BYD&model=Seal%2C%"
                           "202025&category=passenger_car&powertrain=bev&condition=new&exporter_role=trader,x"),
              std::string::npos)
        << rows[1];
    EXPECT_NE(rows[2].find(",\"Permitted, with conditions\",https://example.org/ev/#as_of=2026-03-01&lang=en&make="
                           "BYD&category=passenger_car&powertrain=bev&condition=new&exporter_role=manufacturer&"
                           "exporter_listed=true,y"),
              std::string::npos)
        << rows[2];
    // Each link, read back as the row it stands for, gives the row's verdict.
    for (const auto& row : {rows[1], rows[2]}) {
        const auto csv = link_as_csv(row, "https://example.org/ev/");
        evexport::BatchRunner again(BatchInput::csv, BatchOutput::summary, evexport::Ruleset::builtin_shared(), nullptr,
                                    kToday, nullptr, {"en", ""});
        std::string answer;
        again.feed(csv, answer);
        again.finish(answer);
        const auto answered = lines(answer);
        ASSERT_EQ(answered.size(), 2u) << csv;
        const auto verdict = [](const std::string& r) { return r.substr(r.find(',') + 1, r.find(',', 2) - 2); };
        EXPECT_EQ(verdict(answered[1]), verdict(row)) << csv;
    }
}

TEST(BatchStyle, ALinkDecodesWhateverTheCellsHold) {
    evexport::BatchRunner runner(BatchInput::csv, BatchOutput::summary, evexport::Ruleset::builtin_shared(), nullptr,
                                 kToday, nullptr, {"en", "https://example.org/"});
    std::string out;
    // A cell that is not UTF-8 (a stray GBK byte), one with every character a URL reserves, and "YES".
    runner.feed("make,model,exporter_listed\n\xB1\xC8,\"a&b=c#d%e/f?g h+\",YES\n", out);
    runner.finish(out);
    const auto rows = lines(out);
    ASSERT_EQ(rows.size(), 2u) << out;
    EXPECT_NE(rows[1].find("https://example.org/#make=%EF%BF%BD%EF%BF%BD&model=a%26b%3Dc%23d%25e%2Ff%3Fg%20h%2B&"
                           "exporter_listed=true"),
              std::string::npos)
        << rows[1];
}

TEST(BatchStyle, ALinkBaseThatIsNotAWebAddressIsRefused) {
    for (const char* link : {"javascript:alert(1)", "https://x.org/#frag", "https://x.org/a b", "ftp://x.org/",
                             "https://x.org/\"onmouseover=", "https://x.org/\n"}) {
        const auto error = evexport::check_batch_style({"en", link});
        ASSERT_TRUE(error) << link;
        EXPECT_EQ(error->field, "/link");
    }
    EXPECT_FALSE(evexport::check_batch_style({"en", "http://127.0.0.1:8080/"}));
    EXPECT_FALSE(evexport::check_batch_style({"en", ""}));
    EXPECT_EQ(evexport::check_batch_style({std::string(17, 'x'), ""})->field, "/lang");
}

TEST(BatchStyle, JsonLinesEchoTheVehicleAndLinkTheLineItself) {
    evexport::BatchRunner runner(BatchInput::jsonl, BatchOutput::summary, evexport::Ruleset::builtin_shared(), nullptr,
                                 kToday, nullptr, {"zh", "https://example.org/"});
    std::string out;
    runner.feed(R"({"id":"x","as_of":"2026-03-01","vehicle":{"vin":"LGXCE4CB6T0123456","make":"BYD","model":"Seal",)"
                R"("category":"passenger_car","powertrain":"bev","condition":"new"},"exporter":{"role":"trader"}})"
                "\n",
                out);
    const auto rows = lines(out);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1].rfind("x,not_permitted,true,,,,,LGXCE4CB6T0123456,BYD,Seal,不能出口: ", 0), 0u) << rows[1];
    EXPECT_NE(rows[1].find(",https://example.org/#request=%7B%22id%22%3A%22x%22"), std::string::npos) << rows[1];
}

}  // namespace

namespace parts {

struct Part {
    std::string output;
    evexport::BatchCounts counts;
};

// The input read whole by one runner that answers the rows of [from, until), in chunks of `chunk`.
Part run_part(std::string_view input, BatchInput in, BatchOutput out, std::size_t from, std::size_t until,
              std::size_t chunk) {
    evexport::BatchStyle style;
    style.link_base = "http://127.0.0.1:8080/";
    style.from = from;
    style.until = until;
    evexport::BatchRunner runner(in, out, evexport::Ruleset::builtin_shared(), nullptr, kToday, nullptr, style);
    Part part;
    for (std::size_t i = 0; i < input.size(); i += chunk) runner.feed(input.substr(i, chunk), part.output);
    runner.finish(part.output);
    part.counts = runner.counts();
    return part;
}

// Split at every byte (the page splits a file between two workers): the two parts' answers, joined,
// are the whole file's, byte for byte, with no row answered twice or lost, and their counts add up.
void expect_every_split_answers_whole(const std::string& input, BatchInput in, BatchOutput out) {
    const auto whole = run_part(input, in, out, 0, std::size_t(-1), 1 << 16);
    EXPECT_FALSE(whole.counts.part_done);
    for (std::size_t at = 0; at <= input.size(); ++at) {
        const auto first = run_part(input, in, out, 0, at, at % 7 + 1);
        const auto second = run_part(input, in, out, at, std::size_t(-1), 1 << 16);
        ASSERT_EQ(first.output + second.output, whole.output) << "split at " << at;
        EXPECT_EQ(first.counts.rows + second.counts.rows, whole.counts.rows) << at;
        EXPECT_EQ(first.counts.errors + second.counts.errors, whole.counts.errors) << at;
        for (std::size_t v = 0; v < 4; ++v)
            EXPECT_EQ(first.counts.verdicts[v] + second.counts.verdicts[v], whole.counts.verdicts[v]) << at;
        EXPECT_FALSE(second.counts.part_done);
    }
    // A part that ends before the last row's line break knows, once it has read that far.
    EXPECT_TRUE(run_part(input, in, out, 0, 1, 1 << 16).counts.part_done);
}

TEST(BatchParts, EverySplitOfACsvAnswersItWhole) {
    // A BOM, quoted separators and line breaks, CRLF, a blank line, rows without ids, a malformed row,
    // an unknown column passed through, and a last row without a line break.
    const std::string input = "\xEF\xBB\xBF" +
                              std::string("id,as_of,category,powertrain,condition,exporter_role,make,x\r\n") +
                              "\"a\",2026-03-01,passenger_car,bev,new,manufacturer,BYD,\"r,\"\"e\"\"d\"\r\n" +
                              ",2026-03-01,passenger_car,bev,used,used_car_exporter,BYD,\"multi\r\nline\"\r\n\r\n" +
                              "short,2026-03-01\n" + ",2026/3/1,bus,ice,new,trader,X,z";
    expect_every_split_answers_whole(input, BatchInput::csv, BatchOutput::summary);
    expect_every_split_answers_whole(input, BatchInput::csv, BatchOutput::results);
}

TEST(BatchParts, EverySplitOfJsonLinesAnswersItWhole) {
    const std::string input =
        "{\"id\":\"j1\",\"as_of\":\"2026-03-01\",\"vehicle\":{\"make\":\"BYD\",\"category\":\"passenger_car\"}}\r\n"
        "\n"
        "not json\n"
        "{\"as_of\":\"2026-03-01\",\"exporter\":{\"role\":\"trader\"}}";
    expect_every_split_answers_whole(input, BatchInput::jsonl, BatchOutput::summary);
    expect_every_split_answers_whole(input, BatchInput::jsonl, BatchOutput::results);
}

TEST(BatchParts, APartThatEndsBeforeItStartsIsRefused) {
    evexport::BatchStyle style;
    style.from = 10;
    style.until = 9;
    EXPECT_EQ(evexport::check_batch_style(style)->field, "/part");
}

}  // namespace parts
