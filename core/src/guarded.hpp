// Every text-level API entry point answers through this: a C++ exception (a defect, never bad
// input) becomes the contract's structured error instead of escaping.
#pragma once

#include <exception>
#include <string>

#include "evexport/api.hpp"

namespace evexport::detail {

template <typename F> Answer guarded(F&& answer) {
    auto internal = [](const char* what) {
        return Answer{false, error_to_json({"internal_error", "", std::string("internal error: ") + what})};
    };
    try {
        return answer();
    } catch (const std::exception& e) {
        return internal(e.what());
    } catch (...) {
        return internal("unknown");
    }
}

}  // namespace evexport::detail
