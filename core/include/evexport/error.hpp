// The contract's structured error for input that cannot be read, and an answer that is either a
// result or such an error.
#pragma once

#include <string>

namespace evexport {

struct Error {
    std::string code;     // invalid_json | invalid_field | too_large (| invalid_ruleset for rulesets)
    std::string field;    // JSON Pointer of the offending field ("" for the whole document)
    std::string message;  // for people
};

struct Answer {
    bool ok = false;  // false: `json` is {"error": …}
    std::string json;
};

}  // namespace evexport
