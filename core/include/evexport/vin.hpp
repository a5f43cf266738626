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
    std::string vin;  // as folded by fold_identifier
    bool valid = false;
    std::vector<IdentifierProblem> problems;
    std::string wmi;
    std::optional<char> check_digit;  // the computed value, when the characters allow it
    std::optional<int> model_year;    // 2010–2039 cycle, or 1980–2009 when that would lie after as_of's next year
    const WmiEntry* maker = nullptr;
};

// An identifier as people type it (identifiers.md, addendum A.4): full-width forms (U+FF01–FF5E) and
// the ideographic space folded to ASCII, spaces, tabs and dashes dropped, letters upper-cased.
std::string fold_identifier(std::string_view typed);
// Its characters (UTF-8 code points), each as the bytes it is written in: lengths and positions are
// counted in characters, never in bytes.
std::vector<std::string_view> identifier_characters(std::string_view folded);

// A character's value in the check-digit sum, or -1 for one VINs never use (I, O, Q, anything but
// digits and capitals).
int vin_value(char c);
// Position-9 check value of a 17-character VIN, or nothing if a character cannot be weighed.
std::optional<char> vin_check_digit(std::string_view vin);
// The character a hand-copied VIN most likely meant instead of `c` ("0" for O or Q, "1" for I), or "".
std::string_view vin_slip(char c);
// `as_of` (default: none) places the model year: a 2010-cycle year after as_of's next year is read in
// the 1980 cycle (a 2006 Chery, not a 2036 one).
VinReport check_vin(std::string_view vin, std::optional<Date> as_of = std::nullopt);
// China assigns the L and H ranges (ISO 3780; vPIC lists 40 H makers in China): a check digit is
// mandatory there.
inline bool chinese_vin(std::string_view vin) { return !vin.empty() && (vin.front() == 'L' || vin.front() == 'H'); }

}  // namespace evexport
