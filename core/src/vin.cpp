#include "evexport/vin.hpp"

namespace evexport {

namespace {

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

VinReport check_vin(std::string_view input) {
    VinReport report;
    for (char c : input) {
        if (c == ' ' || c == '-') continue;
        report.vin += (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
    }
    const auto& vin = report.vin;

    if (vin.size() != 17) {
        report.problems.push_back(
            {"vin_invalid", {}, "a VIN has 17 characters; this one has " + std::to_string(vin.size()), "", ""});
    }
    IdentifierProblem characters{"vin_invalid", {}, "", "", ""};
    for (std::size_t i = 0; i < vin.size(); ++i) {
        const char c = vin[i];
        if (vin_value(c) >= 0) continue;
        characters.positions.push_back(int(i) + 1);
        std::string shown =
            (static_cast<unsigned char>(c) < 0x80) ? std::string(1, c) : std::string("a non-ASCII character");
        if (!characters.detail.empty()) characters.detail += "; ";
        characters.detail += "position " + std::to_string(i + 1) + ": " + shown + " is not used in VINs";
        if (auto s = vin_slip(c); !s.empty()) characters.detail += " (did you mean " + std::string(s) + "?)";
    }
    if (!characters.positions.empty()) report.problems.push_back(std::move(characters));

    if (vin.size() >= 3) report.wmi = vin.substr(0, 3);
    if (!report.wmi.empty()) report.maker = Identifiers::builtin().wmi(report.wmi);
    if (vin.size() >= 10) report.model_year = model_year(vin[9]);

    report.check_digit = vin_check_digit(vin);
    if (report.check_digit && vin[8] != *report.check_digit) {
        report.problems.push_back({"vin_check_digit",
                                   {9},
                                   "position 9 is " + std::string(1, vin[8]) + " but the check digit computes to " +
                                       std::string(1, *report.check_digit),
                                   std::string(1, vin[8]),
                                   std::string(1, *report.check_digit)});
    }

    // China and North America require the check digit; elsewhere ISO 3779 leaves it optional, so a
    // mismatch on a non-Chinese VIN is reported but does not make the VIN invalid.
    report.valid = true;
    for (const auto& p : report.problems)
        if (p.code == "vin_invalid" || (p.code == "vin_check_digit" && vin[0] == 'L')) report.valid = false;
    return report;
}

}  // namespace evexport
