// Unified Social Credit Code (统一社会信用代码), GB 32100-2015, with the embedded GB 11714
// organisation code.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "evexport/vin.hpp"

namespace evexport {

struct UsccReport {
    std::string code;
    bool valid = false;  // format and both checks pass
    std::vector<IdentifierProblem> problems;
    std::optional<char> check_character;  // computed position 18
    std::string authority;                // position 1
    std::string division, province;       // positions 3–8
    std::string organization_code;        // positions 9–17
};

UsccReport check_uscc(std::string_view code);
// Whether a company code uses this character (31 symbols: digits and capitals but I, O, S, V and Z).
bool uscc_symbol(char c);

}  // namespace evexport
