#include "evexport/uscc.hpp"

#include "evexport/identifiers.hpp"

namespace evexport {

namespace {

// GB 32100-2015 character set: 31 symbols, I, O, S, V and Z excluded.
constexpr std::string_view kSymbols = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};  // 3^(i-1) mod 31

// GB 11714-1997 organisation code: letters valued A = 10 … Z = 35 (not the USCC table).
int org_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return -1;
}

std::optional<char> org_check(std::string_view eight) {
    static constexpr int w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 8; ++i) {
        const int v = org_value(eight[i]);
        if (v < 0) return std::nullopt;
        sum += v * w[i];
    }
    const int c = 11 - sum % 11;
    return c == 10 ? 'X' : c == 11 ? '0' : char('0' + c);
}

}  // namespace

bool uscc_symbol(char c) { return c != '\0' && kSymbols.find(c) != std::string_view::npos; }

UsccReport check_uscc(std::string_view input) {
    UsccReport report;
    // Typed as people type it: full-width, spaced or dashed (identifiers.md, addendum A.4).
    report.code = fold_identifier(input);
    const auto& code = report.code;
    const auto chars = identifier_characters(code);

    if (chars.size() != 18)
        report.problems.push_back(
            {"uscc_invalid",
             {},
             "a unified social credit code has 18 characters; this one has " + std::to_string(chars.size()),
             "",
             ""});
    IdentifierProblem characters{"uscc_invalid", {}, "", "", ""};
    for (std::size_t i = 0; i < chars.size(); ++i) {
        const bool ascii = chars[i].size() == 1 && static_cast<unsigned char>(chars[i][0]) < 0x80;
        if (ascii && kSymbols.find(chars[i][0]) != std::string_view::npos) continue;
        characters.positions.push_back(int(i) + 1);
        if (!characters.detail.empty()) characters.detail += "; ";
        characters.detail += "position " + std::to_string(i + 1) + ": " +
                             (ascii ? std::string(chars[i]) : "a non-ASCII character") +
                             " is not used (I, O, S, V and Z never appear)";
    }
    if (!characters.positions.empty()) report.problems.push_back(std::move(characters));
    // The structure (identifiers.md §2 and addendum A.5): position 1 the registration authority (1–9, A,
    // N or Y), position 2 the kind of organisation (a digit), positions 3–8 the administrative division.
    if (chars.size() == 18 && report.problems.empty()) {
        IdentifierProblem structure{"uscc_invalid", {}, "", "", ""};
        for (int i = 0; i < 8; ++i) {
            const char c = code[std::size_t(i)];
            const bool digit = c >= '0' && c <= '9';
            const bool fits = i == 0 ? (digit && c != '0') || c == 'A' || c == 'N' || c == 'Y' : digit;
            if (fits) continue;
            structure.positions.push_back(i + 1);
            if (!structure.detail.empty()) structure.detail += "; ";
            structure.detail += "position " + std::to_string(i + 1) + ": " + std::string(1, c) + " cannot stand there";
        }
        if (!structure.positions.empty()) report.problems.push_back(std::move(structure));
    }

    if (code.size() == 18 && report.problems.empty()) {
        int sum = 0;
        for (int i = 0; i < 17; ++i) sum += int(kSymbols.find(code[i])) * kWeights[i];
        report.check_character = kSymbols[(31 - sum % 31) % 31];
        if (code[17] != *report.check_character)
            report.problems.push_back({"uscc_check",
                                       {18},
                                       "position 18 is " + std::string(1, code[17]) +
                                           " but the check character computes to " +
                                           std::string(1, *report.check_character),
                                       std::string(1, code[17]),
                                       std::string(1, *report.check_character)});
        report.organization_code = code.substr(8, 9);
        if (auto oc = org_check(std::string_view(code).substr(8, 8)); oc && code[16] != *oc)
            report.problems.push_back({"uscc_check",
                                       {17},
                                       "the embedded organisation code (positions 9–17) has check " +
                                           std::string(1, code[16]) + " but GB 11714 computes " + std::string(1, *oc),
                                       std::string(1, code[16]),
                                       std::string(1, *oc)});
        // Position 1: only the market-regulation code 9 is attested in the dossier.
        report.authority = code[0] == '9' ? "市场监督管理(工商) / market regulation" : "";
        report.division = code.substr(2, 6);
        if (const auto* p = Identifiers::builtin().province(std::string_view(code).substr(2, 2))) report.province = *p;
    }
    report.valid = report.problems.empty();
    return report;
}

}  // namespace evexport
