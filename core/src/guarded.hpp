// Every text-level API entry point answers through this: a C++ exception (a defect, never bad
// input) becomes the contract's structured error instead of escaping (natively; see below for wasm).
#pragma once

#include <exception>
#include <string>

#include "evexport/api.hpp"

namespace evexport::detail {

template <typename F> Answer guarded(F&& answer) {
#if defined(__cpp_exceptions)
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
#else
    // The WebAssembly build has no exceptions (CMakeLists.txt): what would throw aborts the module,
    // and module.post.js answers internal_error from then on.
    return answer();
#endif
}

}  // namespace evexport::detail
