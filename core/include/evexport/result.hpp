// The v1 result as typed values. Texts are not rendered here: each item points at its rule or
// entry and carries the values its template needs, and the serialiser renders them in one language.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "evexport/date.hpp"
#include "evexport/enums.hpp"
#include "evexport/ruleset.hpp"
#include "evexport/text.hpp"

namespace evexport {

struct Reason {
    const Rule* rule = nullptr;
    std::string message;  // a key of Ruleset::messages, or empty for the rule's own text
    Params params;
};

struct Warning {
    std::string code;
    std::string field;  // JSON Pointer
    Params params;
    std::vector<int> positions;  // 1-based character positions, for identifiers
};

// What the check derived about the vehicle.
struct VehicleFacts {
    std::optional<std::string> hs_code;
    std::optional<Category> category;
    std::optional<Powertrain> powertrain;
    std::optional<Condition> condition;
    std::optional<std::string> wmi, manufacturer;
    std::optional<int> model_year;
};

// One of the seller's papers as checked (request `papers`): the codes of the warnings it caused.
struct PaperCheck {
    Paper paper{};
    PaperStatus status = PaperStatus::not_seen;
    std::vector<std::string> problems;
};

struct Result {
    Verdict verdict = Verdict::undetermined;
    std::optional<bool> licence_required;
    Regime regime = Regime::none;
    Date as_of;
    std::string lang = "en";
    std::vector<Reason> reasons;
    std::vector<const Entry*> obligations, documents;
    std::vector<Warning> warnings;
    std::vector<std::string> missing;  // JSON Pointers; the question comes from the ruleset
    VehicleFacts vehicle;
    const Ruleset* ruleset = nullptr;
    // With a request's rules_seen: the ruleset's changes after that version, newest first.
    std::optional<std::vector<const Change*>> changes_since;
    // With a request that gives any paper: each of the six, in the order of enum Paper.
    std::optional<std::vector<PaperCheck>> papers;
};

}  // namespace evexport
