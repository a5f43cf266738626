// libFuzzer: any bytes as destination data (core/rules/destinations.json's format). Loading refuses or
// accepts; accepted data then answers requests for each of its markets without crashing, and every
// answer is the contract's JSON.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "evexport/api.hpp"
#include "json_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto today = *evexport::parse_date("2026-11-28");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto loaded = evexport::Destinations::load(text);
    if (std::holds_alternative<evexport::Error>(loaded)) return 0;
    const auto& destinations = *std::get<std::shared_ptr<const evexport::Destinations>>(loaded);
    for (const auto& market : destinations.markets)
        for (const char* facts :
             {R"("vehicle":{"condition":"new","make":"BYD","power_kw":"150"},"shipment":{"importer":"personal",)"
              R"("customs_value":{"amount":"30000.5","currency":"EUR"},"arrival_date":"2027-06-30",)",
              R"("vehicle":{"condition":"used","registration_date":"2019-05-01","vin":"LRWYHCEK3PC907290"},)"
              R"("shipment":{"origin_certificate":true,"drive_side":null,)"}) {
            const std::string request = std::string(R"({"as_of":"2026-11-28",)") + facts + R"("destination":")" +
                                        (market.members.empty() ? market.country : market.members.front()) + "\"}}";
            const auto answer =
                evexport::evaluate_json(request, evexport::Ruleset::builtin(), today, nullptr, &destinations);
            const auto out = evexport::detail::parse_json(answer.json);
            if (!out || !out->is_object()) std::abort();
            if (answer.ok && !out->contains("destination")) std::abort();
        }
    evexport::destinations_info_json(destinations);
    return 0;
}
