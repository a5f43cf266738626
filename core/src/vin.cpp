#include "evexport/vin.hpp"

#include <algorithm>

namespace evexport {

// GB 16735-2019 Table A.2 transliteration (the same as ISO 3779 / 49 CFR 565); -1 = not allowed.
int vin_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    switch (c) {
        case 'A':
        case 'J': return 1;
        case 'B':
        case 'K':
        case 'S': return 2;
        case 'C':
        case 'L':
        case 'T': return 3;
        case 'D':
        case 'M':
        case 'U': return 4;
        case 'E':
        case 'N':
        case 'V': return 5;
        case 'F':
        case 'W': return 6;
        case 'G':
        case 'P':
        case 'X': return 7;
        case 'H':
        case 'Y': return 8;
        case 'R':
        case 'Z': return 9;
        default: return -1;  // I, O, Q and anything else
    }
}

namespace {

constexpr int kWeights[17] = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

// Position 10, 2010–2039 cycle: letters skip I, O, Q, U, Z and the digit 0 is not used.
std::optional<int> model_year(char c) {
    static constexpr std::string_view codes = "ABCDEFGHJKLMNPRSTVWXY123456789";
    const auto i = codes.find(c);
    if (i == std::string_view::npos) return std::nullopt;
    return 2010 + int(i);
}

}  // namespace

std::string_view vin_slip(char c) {
    switch (c) {
        case 'O': return "0";
        case 'I': return "1";
        case 'Q': return "0";
        default: return "";
    }
}

std::optional<char> vin_check_digit(std::string_view vin) {
    if (vin.size() != 17) return std::nullopt;
    int sum = 0;
    for (int i = 0; i < 17; ++i) {
        if (i == 8) continue;
        const int v = vin_value(vin[i]);
        if (v < 0) return std::nullopt;
        sum += v * kWeights[i];
    }
    const int r = sum % 11;
    return r == 10 ? 'X' : char('0' + r);
}

std::string fold_identifier(std::string_view typed) {
    std::string out;
    out.reserve(typed.size());
    for (std::size_t i = 0; i < typed.size(); ++i) {
        auto c = static_cast<unsigned char>(typed[i]);
        if (c >= 0xE3 && c <= 0xEF && i + 2 < typed.size()) {
            const auto b1 = static_cast<unsigned char>(typed[i + 1]), b2 = static_cast<unsigned char>(typed[i + 2]);
            const unsigned cp = (unsigned(c & 0x0F) << 12) | (unsigned(b1 & 0x3F) << 6) | unsigned(b2 & 0x3F);
            const bool three_bytes = (b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80;
            if (three_bytes && cp == 0x3000) {  // the ideographic space
                i += 2;
                continue;
            }
            if (three_bytes && cp >= 0xFF01 && cp <= 0xFF5E) {  // full-width ASCII
                c = static_cast<unsigned char>(cp - 0xFEE0);
                i += 2;
            }
        }
        if (c == ' ' || c == '\t' || c == '-') continue;
        out += (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : char(c);
    }
    return out;
}

std::vector<std::string_view> identifier_characters(std::string_view folded) {
    std::vector<std::string_view> out;
    out.reserve(folded.size());
    for (std::size_t i = 0; i < folded.size();) {
        std::size_t n = 1;
        while (i + n < folded.size() && (static_cast<unsigned char>(folded[i + n]) & 0xC0) == 0x80) ++n;
        out.push_back(folded.substr(i, n));
        i += n;
    }
    return out;
}

VinReport check_vin(std::string_view input, std::optional<Date> as_of) {
    VinReport report;
    report.vin = fold_identifier(input);
    const auto& vin = report.vin;
    // Characters, not bytes; split into code points only when there is something beyond ASCII (the
    // batch checks a VIN per row).
    const bool plain = std::all_of(vin.begin(), vin.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const auto wide = plain ? std::vector<std::string_view>() : identifier_characters(vin);
    const std::size_t count = plain ? vin.size() : wide.size();
    auto character = [&](std::size_t i) { return plain ? std::string_view(vin).substr(i, 1) : wide[i]; };
    // One byte below 0x80: a stray byte of broken UTF-8 is one "character" too, but not a Latin one.
    auto ascii = [&](std::size_t i) {
        return i < count && character(i).size() == 1 && static_cast<unsigned char>(character(i)[0]) < 0x80;
    };

    if (count != 17) {
        report.problems.push_back(
            {"vin_invalid", {}, "a VIN has 17 characters; this one has " + std::to_string(count), "", ""});
    }
    IdentifierProblem characters{"vin_invalid", {}, "", "", ""};
    for (std::size_t i = 0; i < count; ++i) {
        if (ascii(i) && vin_value(character(i)[0]) >= 0) continue;
        characters.positions.push_back(int(i) + 1);
        const std::string shown = ascii(i) ? std::string(character(i)) : std::string("a non-ASCII character");
        if (!characters.detail.empty()) characters.detail += "; ";
        characters.detail += "position " + std::to_string(i + 1) + ": " + shown + " is not used in VINs";
        if (auto s = ascii(i) ? vin_slip(character(i)[0]) : ""; !s.empty())
            characters.detail += " (did you mean " + std::string(s) + "?)";
    }
    if (!characters.positions.empty()) report.problems.push_back(std::move(characters));

    if (ascii(0) && ascii(1) && ascii(2)) report.wmi = vin.substr(0, 3);
    if (!report.wmi.empty()) report.maker = Identifiers::builtin().wmi(report.wmi);
    if (ascii(9)) report.model_year = model_year(character(9)[0]);
    // GB 16735 gives position 10 to the model year on Chinese VINs: 0, U and Z (I, O and Q are never
    // used at all) stand for no year (identifiers.md, addendum A.4).
    if (count == 17 && chinese_vin(vin) && ascii(9) && vin_value(character(9)[0]) >= 0 && !report.model_year)
        report.problems.push_back(
            {"vin_invalid", {10}, "position 10: " + std::string(character(9)) + " is not a model-year code", "", ""});
    // The code repeats every 30 years: a year after as_of's next one is the earlier cycle's.
    if (report.model_year && as_of && *report.model_year > as_of->year() + 1) *report.model_year -= 30;

    report.check_digit = vin_check_digit(vin);
    if (report.check_digit && vin[8] != *report.check_digit) {
        report.problems.push_back({"vin_check_digit",
                                   {9},
                                   "position 9 is " + std::string(1, vin[8]) + " but the check digit computes to " +
                                       std::string(1, *report.check_digit),
                                   std::string(1, vin[8]),
                                   std::string(1, *report.check_digit)});
    }

    // China (the L and H ranges) requires the check digit; elsewhere ISO 3779 leaves it optional, so a
    // mismatch on a non-Chinese VIN is reported but does not make the VIN invalid.
    report.valid = true;
    for (const auto& p : report.problems)
        if (p.code == "vin_invalid" || (p.code == "vin_check_digit" && chinese_vin(vin))) report.valid = false;
    return report;
}

}  // namespace evexport
