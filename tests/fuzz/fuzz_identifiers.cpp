// libFuzzer: any bytes as a VIN, a company code and a registry file.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "evexport/api.hpp"
#include "evexport/registry.hpp"
#include "json_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto& answer : {evexport::vin_json(text), evexport::uscc_json(text)})
        if (!evexport::detail::parse_json(answer.json)) std::abort();  // always valid JSON, even for invalid UTF-8
    auto registry = evexport::Registry::load(text);
    if (auto* loaded = std::get_if<std::shared_ptr<const evexport::Registry>>(&registry)) {
        static const auto today = *evexport::parse_date("2026-11-28");
        evexport::evaluate_json(
            R"({"as_of":"2026-03-01","vehicle":{"category":"passenger_car","powertrain":"bev","condition":"new"},)"
            R"("exporter":{"name":"x","uscc":"91440300MA5FK00171"}})",
            evexport::Ruleset::builtin(), today, loaded->get());
    }
    return 0;
}
