// evexport: the command-line surface of the core (contract: docs/CONTRACT.md).
// Exit 0 with a result; exit 2 with a structured error or a usage message.
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <iconv.h>
#include <nlohmann/json.hpp>

#include "evexport/api.hpp"
#include "evexport/batch.hpp"

namespace evexport::embedded {
const std::vector<std::string_view>& translations();  // core/rules/translations/*.json (core/CMakeLists.txt)
std::string_view destinations();                      // core/rules/destinations.json
const std::vector<std::string_view>& destination_translations();  // core/rules/destinations/*.json
}  // namespace evexport::embedded

namespace {

constexpr const char* kUsage =
    "usage: evexport check [FILE|-] [--ruleset FILE] [--registry FILE]\n"
    "                                                  evaluate a v1 request (stdin when FILE is - or absent);\n"
    "                                                  --registry: a list of qualified enterprises (docs/REGISTRY.md)\n"
    "       evexport batch --format csv|jsonl [FILE|-] [--registry FILE] [--lang LANG] [--link URL]\n"
    "                                                  check many: CSV rows → CSV answers, JSON Lines → results;\n"
    "                                                  a CSV may be UTF-8, UTF-16 with a BOM, or GBK; each row's\n"
    "                                                  message in LANG, and a link to the calculator at URL\n"
    "       evexport vin VIN [--as-of YYYY-MM-DD]      check a vehicle identification number\n"
    "       evexport uscc CODE                         check a unified social credit code\n"
    "       evexport rules [--ruleset FILE]            the ruleset's id, version, sha256, rules and sources\n"
    "       evexport schema                            the request's JSON Schema (docs/request.schema.json)\n"
    "       evexport destinations [--destinations FILE] the destination markets, their verified dates and sources\n"
    "--destinations FILE answers for shipment.destination from other destination data than the built-in\n"
    "--ruleset FILE replaces the built-in ruleset only with a newer version of it; --ruleset-sha256 HEX pins its "
    "bytes\n"
    "Texts come in en, zh and the built-in translations (\"lang\" in the request); --translation FILE adds one\n"
    "(docs/TRANSLATIONS.md)\n";

int usage(const std::string& why) {
    std::cerr << "evexport: " << why << "\n" << kUsage;
    return 2;
}

// Reads at most `limit` + 1 bytes, so that oversize input is refused without holding all of it.
// A path that is not a readable file (a directory, say) is refused, never read as empty input.
bool not_a_directory(const std::string& path) {
    std::error_code error;
    return !std::filesystem::is_directory(path, error);
}

bool read_input(const std::string& path, std::size_t limit, std::string& out) {
    std::istream* in = &std::cin;
    std::ifstream file;
    if (path != "-") {
        if (!not_a_directory(path)) return false;
        file.open(path, std::ios::binary);
        if (!file) return false;
        in = &file;
    }
    out.resize(limit + 1);
    in->read(out.data(), std::streamsize(out.size()));
    out.resize(std::size_t(in->gcount()));
    return true;
}

int print(const evexport::Answer& answer) {
    std::cout << answer.json << "\n";
    return answer.ok ? 0 : 2;
}

// Turns text in another encoding into UTF-8 as it streams through (glibc's iconv): a sequence cut
// at a piece's end waits for the next piece; a malformed one stops the reading.
class ToUtf8 {
public:
    explicit ToUtf8(const char* from) : cd_(iconv_open("UTF-8", from)) {}
    ~ToUtf8() {
        if (ok()) iconv_close(cd_);
    }
    ToUtf8(const ToUtf8&) = delete;
    ToUtf8& operator=(const ToUtf8&) = delete;
    bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
    // Appends the UTF-8 of `bytes` (after what an earlier piece left) to `out`; false at a malformed
    // sequence, with `offset` its place in the input.
    bool convert(std::string_view bytes, std::string& out, bool last, std::size_t& offset) {
        held_.append(bytes);
        char* in = held_.data();
        std::size_t in_left = held_.size();
        while (in_left > 0) {
            char buffer[16 * 1024];
            char* to = buffer;
            std::size_t room = sizeof buffer;
            const auto done = iconv(cd_, &in, &in_left, &to, &room);
            out.append(buffer, std::size_t(to - buffer));
            if (done != std::size_t(-1) || errno == E2BIG) continue;
            if (errno == EINVAL && !last) break;  // cut short: the rest comes with the next piece
            offset = read_ + std::size_t(in - held_.data());
            return false;
        }
        read_ += std::size_t(in - held_.data());
        held_.erase(0, std::size_t(in - held_.data()));
        return true;
    }

private:
    iconv_t cd_;
    std::string held_;
    std::size_t read_ = 0;
};

const char* encoding_name(evexport::TextEncoding e) {
    switch (e) {
        case evexport::TextEncoding::utf16le: return "UTF-16LE";
        case evexport::TextEncoding::utf16be: return "UTF-16BE";
        case evexport::TextEncoding::gb18030: return "GB18030";
        default: return "UTF-8";
    }
}

// Streams the input through in 64 KiB pieces: memory stays flat whatever the file's size. A CSV in
// UTF-16 or GBK, as spreadsheets save them, is read as text in that encoding (issue 16).
int batch(const std::string& path, evexport::BatchInput input, std::shared_ptr<const evexport::Ruleset> rules,
          std::shared_ptr<const evexport::Registry> registry,
          std::shared_ptr<const evexport::Destinations> destinations, evexport::BatchStyle style) {
    if (auto error = evexport::check_batch_style(style)) return usage(error->message);
    std::istream* in = &std::cin;
    std::ifstream file;
    if (path != "-") {
        if (!not_a_directory(path)) return usage("cannot read " + path + " (not a file)");
        file.open(path, std::ios::binary);
        if (!file) return usage("cannot read " + path);
        in = &file;
    }
    std::vector<char> buffer(64 * 1024);
    auto read = [&] {
        in->read(buffer.data(), std::streamsize(buffer.size()));
        return std::string_view(buffer.data(), std::size_t(in->gcount()));
    };
    std::string_view piece = read();
    const auto encoding = input == evexport::BatchInput::csv ? evexport::sniff_encoding(piece, !*in)
                                                             : evexport::TextEncoding::utf8;  // JSON is UTF-8
    if (encoding == evexport::TextEncoding::unknown) {
        std::cerr << "evexport: " << (path == "-" ? std::string("the input") : path)
                  << " is not text in UTF-8, UTF-16 (with a byte-order mark) or GBK/GB18030: "
                     "save it as \"CSV UTF-8\" and try again\n";
        return 2;
    }
    std::optional<ToUtf8> decoder;
    if (encoding != evexport::TextEncoding::utf8) {
        decoder.emplace(encoding_name(encoding));
        if (!decoder->ok()) return usage(std::string("cannot read ") + encoding_name(encoding) + " text here");
        if (encoding != evexport::TextEncoding::gb18030) piece.remove_prefix(2);  // the byte-order mark
        std::cerr << "evexport: read as " << (encoding == evexport::TextEncoding::gb18030 ? "GBK/GB18030" : "UTF-16")
                  << "\n";
    }
    const auto output =
        input == evexport::BatchInput::csv ? evexport::BatchOutput::summary : evexport::BatchOutput::results;
    evexport::BatchRunner runner(input, output, std::move(rules), std::move(registry), evexport::today_utc(),
                                 std::move(destinations), std::move(style));
    std::string out, text;
    std::size_t bad_at = 0;
    bool readable = true;
    for (bool first = true; readable && (first || *in); first = false) {
        if (!first) piece = read();
        if (decoder) {
            text.clear();
            readable = decoder->convert(piece, text, !*in, bad_at);
            runner.feed(text, out);
        } else {
            runner.feed(piece, out);
        }
        std::cout.write(out.data(), std::streamsize(out.size()));
        out.clear();
    }
    if (!readable) {
        std::cout.flush();
        std::cerr << "evexport: byte " << bad_at << " is not " << encoding_name(encoding)
                  << " text: the rows before it are answered, the rest is not read\n";
        return 2;
    }
    runner.finish(out);
    std::cout.write(out.data(), std::streamsize(out.size()));
    std::cout.flush();
    for (const auto& [from, to] : runner.renamed_columns())
        std::cerr << "evexport: input column \"" << from << "\" is written as \"" << to
                  << "\", so that it cannot be taken for an answer column\n";
    // How the file was read, for the reader to check (a separator or date form other than the
    // contract's, columns no field has).
    const auto reading = runner.reading();
    if (reading.separator != ',')
        std::cerr << "evexport: cells separated by " << (reading.separator == '\t' ? "tabs" : "\";\"") << "\n";
    for (const auto& form : reading.date_forms)
        std::cerr << "evexport: dates written as " << form << " read as YYYY-MM-DD\n";
    if (!reading.unknown_columns.empty()) {
        std::cerr << "evexport: columns no request field has, passed through:";
        for (const auto& name : reading.unknown_columns) std::cerr << " \"" << name << "\"";
        std::cerr << "\n";
    }
    const auto& c = runner.counts();
    std::cerr << "evexport batch: " << c.rows << " rows: " << c.verdicts[0] << " permitted, " << c.verdicts[1]
              << " conditional, " << c.verdicts[2] << " not permitted, " << c.verdicts[3] << " undetermined, "
              << c.errors << " unreadable\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return usage("no command");
    const std::string command = args.front();
    args.erase(args.begin());

    // Options shared by the commands.
    std::string ruleset_path, ruleset_sha256, registry_path, destinations_path, as_of_text, format;
    evexport::BatchStyle style;
    std::vector<std::string> positional, translation_paths;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--ruleset" && i + 1 < args.size()) ruleset_path = args[++i];
        else if (args[i] == "--registry" && i + 1 < args.size()) registry_path = args[++i];
        else if (args[i] == "--destinations" && i + 1 < args.size()) destinations_path = args[++i];
        else if (args[i] == "--translation" && i + 1 < args.size()) translation_paths.push_back(args[++i]);
        else if (args[i] == "--ruleset-sha256" && i + 1 < args.size()) ruleset_sha256 = args[++i];
        else if (args[i] == "--format" && i + 1 < args.size()) format = args[++i];
        else if (args[i] == "--as-of" && i + 1 < args.size()) as_of_text = args[++i];
        else if (args[i] == "--lang" && i + 1 < args.size()) style.lang = args[++i];
        else if (args[i] == "--link" && i + 1 < args.size()) style.link_base = args[++i];
        else if (args[i] == "-h" || args[i] == "--help") {
            std::cout << kUsage;
            return 0;
        } else positional.push_back(args[i]);
    }

    std::shared_ptr<const evexport::Ruleset> loaded;
    if (!ruleset_path.empty()) {
        std::string text;
        if (!read_input(ruleset_path, 16 * 1024 * 1024, text)) return usage("cannot read " + ruleset_path);
        auto result = evexport::Ruleset::load_replacement(text, evexport::Ruleset::builtin(), ruleset_sha256);
        if (auto* error = std::get_if<evexport::Error>(&result)) return print({false, evexport::error_to_json(*error)});
        loaded = std::get<std::shared_ptr<const evexport::Ruleset>>(result);
    }
    // Texts in every language: the translations built in, when they fit the ruleset (a newer one
    // keeps its own languages), then any given with --translation.
    const evexport::Ruleset& base = loaded ? *loaded : evexport::Ruleset::builtin();
    std::shared_ptr<const evexport::Ruleset> in_force = loaded;
    auto built_in = base.with_translations(evexport::embedded::translations());
    if (auto* translated = std::get_if<std::shared_ptr<const evexport::Ruleset>>(&built_in)) in_force = *translated;
    else
        std::cerr << "evexport: built-in translations not used: " << std::get<evexport::Error>(built_in).message
                  << "\n";
    if (!translation_paths.empty()) {
        std::vector<std::string> texts(translation_paths.size());
        for (std::size_t i = 0; i < texts.size(); ++i)
            if (!read_input(translation_paths[i], 16 * 1024 * 1024, texts[i]))
                return usage("cannot read " + translation_paths[i]);
        auto given = (in_force ? *in_force : base).with_translations({texts.begin(), texts.end()});
        if (auto* error = std::get_if<evexport::Error>(&given)) return print({false, evexport::error_to_json(*error)});
        in_force = std::get<std::shared_ptr<const evexport::Ruleset>>(given);
    }
    const evexport::Ruleset& rules = in_force ? *in_force : base;

    std::shared_ptr<const evexport::Registry> registry;
    if (!registry_path.empty()) {
        std::string text;
        if (!read_input(registry_path, 64 * 1024 * 1024, text)) return usage("cannot read " + registry_path);
        auto result = evexport::Registry::load(text);
        if (auto* error = std::get_if<evexport::Error>(&result)) return print({false, evexport::error_to_json(*error)});
        registry = std::get<std::shared_ptr<const evexport::Registry>>(result);
    }

    // The destination data, for the commands that answer with it only (vin, uscc, rules and schema
    // start without parsing it): built in, or the file given.
    std::shared_ptr<const evexport::Destinations> destinations;
    if (command == "check" || command == "batch" || command == "destinations") {
        std::string text(evexport::embedded::destinations());
        if (!destinations_path.empty() && !read_input(destinations_path, 16 * 1024 * 1024, text))
            return usage("cannot read " + destinations_path);
        // Its texts in every language built in, when they fit the data (another file keeps its own).
        auto loaded = evexport::Destinations::load(text, evexport::embedded::destination_translations());
        if (std::holds_alternative<evexport::Error>(loaded) && !destinations_path.empty())
            loaded = evexport::Destinations::load(text);
        if (auto* error = std::get_if<evexport::Error>(&loaded)) return print({false, evexport::error_to_json(*error)});
        destinations = std::get<std::shared_ptr<const evexport::Destinations>>(loaded);
    }

    if (command == "check") {
        if (positional.size() > 1) return usage("check takes one FILE");
        std::string text;
        const auto path = positional.empty() ? std::string("-") : positional.front();
        if (!read_input(path, evexport::kMaxRequestBytes, text)) return usage("cannot read " + path);
        return print(evexport::evaluate_json(text, rules, evexport::today_utc(), registry.get(), destinations.get()));
    }
    if (command == "batch") {
        if (format != "csv" && format != "jsonl") return usage("batch needs --format csv or --format jsonl");
        if (positional.size() > 1) return usage("batch takes one FILE");
        const auto path = positional.empty() ? std::string("-") : positional.front();
        return batch(path, format == "csv" ? evexport::BatchInput::csv : evexport::BatchInput::jsonl,
                     in_force ? in_force : evexport::Ruleset::builtin_shared(), registry, destinations,
                     std::move(style));
    }
    if (command == "vin") {
        if (positional.size() != 1) return usage("vin takes one VIN");
        std::optional<evexport::Date> as_of;
        if (!as_of_text.empty() && !(as_of = evexport::parse_date(as_of_text)))
            return usage("--as-of takes a date YYYY-MM-DD");
        return print(evexport::vin_json(positional.front(), as_of));
    }
    if (command == "uscc") {
        if (positional.size() != 1) return usage("uscc takes one CODE");
        return print(evexport::uscc_json(positional.front()));
    }
    if (command == "schema") {
        std::cout << nlohmann::ordered_json::parse(evexport::request_schema_json()).dump(2) << "\n";
        return 0;
    }
    if (command == "destinations") {
        std::cout << nlohmann::ordered_json::parse(evexport::destinations_info_json(*destinations)).dump(2) << "\n";
        return 0;
    }
    if (command == "rules") {
        std::cout << evexport::ruleset_info_json(rules) << "\n";
        return 0;
    }
    return usage("unknown command " + command);
}
