// The v1 result as typed values. Texts are not rendered here: each item points at its rule or
// entry and carries the values its template needs, and the serialiser renders them in one language.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "evexport/date.hpp"
#include "evexport/destinations.hpp"
#include "evexport/enums.hpp"
#include "evexport/ruleset.hpp"
#include "evexport/text.hpp"

namespace evexport {

struct Reason {
    const Rule* rule = nullptr;
    std::string message;  // a key of Ruleset::messages, or empty for the rule's own text
    Params params;
    bool decides = false;  // it stops the export: the verdict is not_permitted because of it
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

// The destination (issue 14): an entry condition or charge as it bears on this car.
//   applies: yes, the car's facts meet its `when`; if, a fact it needs is not known (depends_on
//   names it); option, one of alternatives the importer chooses or the sources cannot tell apart.
enum class Applies { yes, if_known, option };
struct DestinationLine {
    const MarketItem* item = nullptr;
    Applies applies = Applies::yes;
    std::vector<std::string> depends_on;  // JSON Pointers of the request
};
struct EstimateLine {
    const Charge* charge = nullptr;
    std::optional<double> base;  // none for a fixed amount
    double amount = 0;
};
// Charges applied to the customs value in the order the country applies them; no exchange rate is
// ever assumed: a fixed amount in another currency stays in `other`, and a charge that cannot be
// computed without one is `open`.
struct Estimate {
    Money value;
    std::vector<EstimateLine> lines;
    double total = 0;  // written as null when no charge could be computed and some are open
    std::vector<Money> other;
    std::vector<const Charge*> open;
};
struct DatedChange {
    Date date;
    const MarketItem* item = nullptr;
    bool starts = true;  // or ends
};
struct DestinationWarning {
    std::string code, field;
    Params params;
    const MarketItem* item = nullptr;  // its text fills {item}
};
struct DestinationAnswer {
    // Made and destroyed out of line (core/src/destination.cpp, built for size): the speed-built
    // evaluation that holds one in its Result does not carry their code.
    DestinationAnswer();
    DestinationAnswer(DestinationAnswer&&) noexcept;
    DestinationAnswer& operator=(DestinationAnswer&&) noexcept;
    ~DestinationAnswer();

    std::string country;
    const Market* market = nullptr;  // none: the data does not cover the country
    const Destinations* data = nullptr;
    EntryStatus entry = EntryStatus::undetermined;
    Date arrival;
    std::vector<DestinationLine> reasons, charges;
    std::optional<double> charges_percent;  // the percentage charges that apply, compounded as the law does
    std::optional<Estimate> estimate;       // with shipment.customs_value
    std::vector<DatedChange> changes;       // between as_of and the arrival date
    std::vector<std::string> missing;
    std::vector<DestinationWarning> warnings;
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
    // With a request's shipment.destination and destination data loaded (added 2026-11-29).
    std::optional<DestinationAnswer> destination;
};

}  // namespace evexport
