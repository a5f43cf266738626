// Vehicle identification number: GB 16735-2019 / ISO 3779.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evexport/date.hpp"
#include "evexport/identifiers.hpp"

namespace evexport {

struct IdentifierProblem {
    std::string code;             // vin_invalid | vin_check_digit | uscc_invalid | uscc_check
    std::vector<int> positions;   // 1-based
    std::string detail;           // for people, in English (answers rebuild it in their language)
    std::string found, expected;  // for check characters
};

struct VinReport {
    std::string vin;  // upper-cased, spaces removed
    bool valid = false;
    std::vector<IdentifierProblem> problems;
    std::string wmi;
    std::optional<char> check_digit;  // the computed value, when the characters allow it
    std::optional<int> model_year;    // 2010–2039 cycle
    const WmiEntry* maker = nullptr;
};

// Position-9 check value of a 17-character VIN, or nothing if a character cannot be weighed.
std::optional<char> vin_check_digit(std::string_view vin);
// The character a hand-copied VIN most likely meant instead of `c` ("0" for O or Q, "1" for I), or "".
std::string_view vin_slip(char c);
VinReport check_vin(std::string_view vin);

}  // namespace evexport
