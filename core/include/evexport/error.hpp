// The contract's structured error for input that cannot be read.
#pragma once

#include <string>

namespace evexport {

struct Error {
    std::string code;     // invalid_json | invalid_field | too_large (| invalid_ruleset for rulesets)
    std::string field;    // JSON Pointer of the offending field ("" for the whole document)
    std::string message;  // for people
};

}  // namespace evexport
