// The text-level API every surface shares (CLI, WebAssembly, batch): JSON in, JSON out.
// Nothing here throws; bad input comes back as the contract's structured error.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "evexport/date.hpp"
#include "evexport/destinations.hpp"
#include "evexport/error.hpp"
#include "evexport/registry.hpp"
#include "evexport/request.hpp"
#include "evexport/result.hpp"
#include "evexport/ruleset.hpp"

namespace evexport {

// Parses and validates a request; `today` fills in an absent as_of.
std::variant<Request, Error> parse_request(std::string_view json_text, Date today);
std::string error_to_json(const Error& error);
std::string result_to_json(const Result& result);

Answer evaluate_json(std::string_view request_json, const Ruleset& ruleset = Ruleset::builtin());
Answer evaluate_json(std::string_view request_json, const Ruleset& ruleset, Date today,
                     const Registry* registry = nullptr, const Destinations* destinations = nullptr);
// The JS API's fast path (core/src/compact.cpp): the request's fields in the order of the field table,
// separated by NUL, each empty (absent), "t"/"f" (a boolean field) or the text (any other); the answer is the
// rendered answer in compact form, which the JS API joins to the tables of tables_json
// (wasm/compact.mjs), or the contract's error.
Answer evaluate_fields(std::string_view encoded, const Ruleset& ruleset, Date today, const Registry* registry = nullptr,
                       const Destinations* destinations = nullptr);
std::string tables_json(const Ruleset& ruleset, std::string_view lang);
// Verdicts only, for many requests encoded as above and separated by U+001E: one character each,
// the verdict's index ('0' permitted … '3' undetermined) or 'e' for a request that cannot be read.
std::string verdicts_fields(std::string_view encoded, const Ruleset& ruleset, Date today,
                            const Registry* registry = nullptr);

Answer vin_json(std::string_view vin, std::optional<Date> as_of = std::nullopt);
Answer uscc_json(std::string_view code);
// The request's JSON Schema (docs/request.schema.json), from the field table every reader uses.
std::string request_schema_json();
// The destination data's markets: country, members, name, currency, verified date and sources.
std::string destinations_info_json(const Destinations& data, std::string_view lang = "en");
// The ruleset's id, version, rules, sources and change log (its texts in `lang`).
std::string ruleset_info_json(const Ruleset& ruleset = Ruleset::builtin(), std::string_view lang = "en");

}  // namespace evexport
