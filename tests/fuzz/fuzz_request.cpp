// libFuzzer: any bytes as a request, through parsing and evaluation. The answer must be the
// contract's JSON (a result or a structured error), whatever the input.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "evexport/api.hpp"
#include "json_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto today = *evexport::parse_date("2026-11-28");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto answer = evexport::evaluate_json(text, evexport::Ruleset::builtin(), today);
    const auto out = evexport::detail::parse_json(answer.json);
    if (!out || !out->is_object()) std::abort();                                  // always JSON
    if (answer.ok != !out->contains("error")) std::abort();                       // ok ⇔ a result
    if (!answer.ok && (*out)["error"]["code"] == "internal_error") std::abort();  // a defect, not bad input
    return 0;
}
