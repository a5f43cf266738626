// The decision: a typed request and a ruleset in, a typed result out. Pure and allocation-light;
// no JSON is touched here.
#pragma once

#include "evexport/request.hpp"
#include "evexport/result.hpp"
#include "evexport/ruleset.hpp"

namespace evexport {

// `request.as_of` must be set (the API layer fills in today's date when the caller gave none).
Result evaluate(const Request& request, const Ruleset& ruleset);

}  // namespace evexport
