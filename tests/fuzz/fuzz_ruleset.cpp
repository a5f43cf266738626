// libFuzzer: any bytes as a ruleset file. Loading refuses or accepts; an accepted ruleset then
// decides a few requests without crashing.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "evexport/api.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto today = *evexport::parse_date("2026-11-28");
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto loaded = evexport::Ruleset::load(text);
    if (std::holds_alternative<evexport::Error>(loaded)) return 0;
    const auto& rules = *std::get<std::shared_ptr<const evexport::Ruleset>>(loaded);
    for (const char* request :
         {R"({"as_of":"2026-03-01","vehicle":{"category":"passenger_car","powertrain":"bev","condition":"new"},)"
          R"("exporter":{"role":"trader"}})",
          R"({"as_of":"2026-03-01","vehicle":{"category":"passenger_car","condition":"used",)"
          R"("registration_date":"2026-01-10"}})",
          R"({"as_of":"2019-01-01","vehicle":{"hs_code":"8703801090","vin":"LGXCE4CB6T0123456"},)"
          R"("exporter":{"role":"authorized_exporter",)"
          R"("authorization":{"brand":"BYD","valid_from":"2018-01-01","valid_until":"2019-12-31"}}})"}) {
        if (evexport::evaluate_json(request, rules, today).json.empty()) std::abort();
    }
    evexport::ruleset_info_json(rules);
    return 0;
}
