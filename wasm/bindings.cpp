// Embind bindings: JSON text in, JSON text out. Every C++ exception is caught here, because one
// that escapes reaches JavaScript as a bare number (TOOLCHAIN.md).
#include <emscripten/bind.h>

#include <string>

#include "evexport/api.hpp"

namespace {

template <typename F> std::string guarded(F&& f) {
    try {
        return f();
    } catch (const std::exception& e) {
        return evexport::error_to_json({"internal_error", "", e.what()});
    } catch (...) {
        return evexport::error_to_json({"internal_error", "", "unknown C++ exception"});
    }
}

std::string evaluate(const std::string& request) {
    return guarded([&] { return evexport::evaluate_json(request).json; });
}

// `as_of` may be empty (today).
std::string vin(const std::string& vin, const std::string& as_of) {
    return guarded([&] { return evexport::vin_json(vin, evexport::parse_date(as_of)).json; });
}

std::string uscc(const std::string& code) {
    return guarded([&] { return evexport::uscc_json(code).json; });
}

std::string ruleset_info() {
    return guarded([] { return evexport::ruleset_info_json(); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(evexport) {
    emscripten::function("evaluate", &evaluate);
    emscripten::function("vin", &vin);
    emscripten::function("uscc", &uscc);
    emscripten::function("rulesetInfo", &ruleset_info);
}
