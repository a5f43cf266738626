// The decision: a typed request and a ruleset in, a typed result out. Pure and allocation-light;
// no JSON is touched here.
#pragma once

#include <string_view>
#include <vector>

#include "evexport/destinations.hpp"
#include "evexport/registry.hpp"
#include "evexport/request.hpp"
#include "evexport/result.hpp"
#include "evexport/ruleset.hpp"

namespace evexport {

// `request.as_of` must be set (the API layer fills in today's date when the caller gave none).
// With a registry that covers the year of as_of, the exporter's list status comes from it.
// With destination data and a request that names a destination, the result also answers for the
// other side of the border (result.destination); the export verdict is decided without it.
Result evaluate(const Request& request, const Ruleset& ruleset, const Registry* registry = nullptr,
                const Destinations* destinations = nullptr);

// The verdict alone, as `evaluate` decides it, without the work only its explanation needs (the
// answer worked out again without unconfirmed rules, for the warning that says how): `verdicts()`.
Verdict evaluate_verdict(const Request& request, const Ruleset& ruleset, const Registry* registry = nullptr);

// The messages and labels the evaluator writes by name. A ruleset lacking one is refused when it
// loads, so that no answer carries an empty text.
const std::vector<std::string_view>& evaluator_messages();
const std::vector<std::string_view>& evaluator_labels();
const std::vector<std::string_view>& evaluator_questions();

}  // namespace evexport
