// The other side of the border (issue 14): may the car enter the buyer's country, and what will it
// cost there. A second answer beside China's export verdict, which it never changes.
#pragma once

#include <string>
#include <string_view>

#include "evexport/destinations.hpp"
#include "evexport/request.hpp"
#include "evexport/result.hpp"

namespace evexport::detail {

// The destination's entry conditions and charges in force on the arrival date (as_of when the
// request gives none), as they bear on this car's facts.
// Not inlined into the speed-built evaluation: it is built for size (core/CMakeLists.txt).
[[gnu::noinline]] DestinationAnswer evaluate_destination(const Request& request, const VehicleFacts& vehicle,
                                                         Date as_of, const Destinations& data);

// The result's `destination` member, rendered in `lang` (a language the texts are not in reads
// English). Both writers — the v1 JSON and the JS API's compact answer — carry this one text.
std::string destination_json(const DestinationAnswer& answer, std::string_view lang);

}  // namespace evexport::detail
