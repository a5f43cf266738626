// libFuzzer: any bytes as a request, through parsing and evaluation, with the destination data
// loaded (a request naming a destination is answered for it too). The answer must be the contract's
// JSON (a result or a structured error), whatever the input.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string_view>

#include "evexport/api.hpp"
#include "json_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto today = *evexport::parse_date("2026-11-28");
    static const auto destinations = [] {
        std::ifstream in(EVEXPORT_RULES_DIR "/destinations.json");
        std::stringstream file;
        file << in.rdbuf();
        auto loaded = evexport::Destinations::load(file.str());
        if (std::holds_alternative<evexport::Error>(loaded)) std::abort();
        return std::get<std::shared_ptr<const evexport::Destinations>>(loaded);
    }();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto answer = evexport::evaluate_json(text, evexport::Ruleset::builtin(), today, nullptr, destinations.get());
    const auto out = evexport::detail::parse_json(answer.json);
    if (!out || !out->is_object()) std::abort();                                  // always JSON
    if (answer.ok != !out->contains("error")) std::abort();                       // ok ⇔ a result
    if (!answer.ok && (*out)["error"]["code"] == "internal_error") std::abort();  // a defect, not bad input
    return 0;
}
