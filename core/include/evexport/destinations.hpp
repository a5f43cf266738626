// The destination ruleset (core/rules/destinations.json, docs/RULESET.md "Destinations"): what each
// market asks of a China-built electric car at its border — entry conditions first, then each
// charge — dated, cited, confirmed or not. It is kept apart from the export ruleset: China's export
// verdict never depends on where the car goes (issue 14).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "evexport/date.hpp"
#include "evexport/enums.hpp"
#include "evexport/error.hpp"
#include "evexport/text.hpp"

namespace evexport {

struct Request;
struct VehicleFacts;
struct DestinationAnswer;  // the answer for one car (result.hpp)

struct Money {
    double amount = 0;
    std::string currency;  // ISO 4217
};

struct DestinationSource {
    std::string id, title, url, date, grade;  // grade: P official, S trade press or law firm, W weak
};

// The facts an item applies to (its `when`): every condition given must hold; none given, any car.
struct Conditions {
    std::optional<Condition> condition;
    std::optional<Importer> importer;
    std::optional<DriveSide> drive_side;
    std::vector<std::string> groups;  // the vehicle's producer group is one of these
    bool no_group = false;            // the vehicle's make belongs to none of the groups
    std::vector<std::string> makes;   // the vehicle's make is one of these (case ignored)
    std::optional<bool> origin_certificate;
    std::optional<int> model_year_min;
    std::optional<double> age_over_years, age_up_to_years;
    std::optional<Money> value_over, value_up_to;
    std::optional<double> power_kw_over, power_kw_up_to;
};

enum class EntryEffect { not_allowed, conditional };
enum class ChargeBase { value, cumulative };

// What entry conditions and charges share: dates (both days included), facts, sources, texts.
struct MarketItem {
    std::string id;
    std::string series;  // the items of one dated schedule (Brazil's 10 → 35 %)
    std::string option;  // alternatives the importer chooses between (Kazakhstan's clearance routes)
    std::optional<Date> from, until;
    bool then_unknown = false;  // the sources do not say what follows `until`
    bool confirmed = true;
    Conditions when;
    std::vector<const DestinationSource*> sources;
    Text text, note;

    bool in_force(Date day) const { return (!from || *from <= day) && (!until || day <= *until); }
};

struct EntryCondition : MarketItem {
    EntryEffect effect = EntryEffect::conditional;
};

struct Charge : MarketItem {
    std::string kind;  // duty, countervailing_duty, … (docs/RULESET.md)
    std::optional<double> rate_percent;
    std::optional<Money> amount;   // a fixed amount instead of a rate
    std::optional<Money> minimum;  // with a rate: the higher of the two
    std::optional<Money> above;    // with a rate: it applies to the part of the base above this
    ChargeBase base = ChargeBase::value;
    std::optional<double> conflict_rate;  // another source's figure
    std::vector<const DestinationSource*> conflict_sources;
};

struct Market {
    std::string country;               // ISO 3166-1 alpha-2, or "EU"
    std::vector<std::string> members;  // a customs union's member states
    Text name;
    std::string currency;
    Date verified;
    std::vector<EntryCondition> entry;
    std::vector<Charge> charges;  // in the order the country applies them
};

// The EU's countervailing duties name producer groups; a vehicle's group comes from its make or WMI.
struct ProducerGroup {
    std::string id;
    Text name;
    std::vector<std::string> makes, wmis;
};

struct Destinations {
    std::string id, version, sha256;
    Date compiled;
    int stale_after_days = 90;
    std::vector<std::unique_ptr<DestinationSource>> sources;
    std::vector<ProducerGroup> groups;
    std::vector<Market> markets;
    std::map<std::string, Text, std::less<>> questions, messages;
    std::vector<std::string> languages;                            // of the texts, English first
    std::map<std::string, const Market*, std::less<>> by_country;  // each country and member state
    // The evaluation (core/src/destination.cpp) and its writer, set by load(). The core reaches them
    // only through data it was given, so that a build that never loads any carries none of their
    // code: the WebAssembly core, whose download the budget counts, has them in its second build,
    // loaded with the data (wasm/CMakeLists.txt, docs/BENCHMARKS.md).
    DestinationAnswer (*evaluate)(const Request&, const VehicleFacts&, Date as_of, const Destinations&) = nullptr;
    std::string (*write)(const DestinationAnswer&, std::string_view lang) = nullptr;

    // Parsed and checked, with the texts of each translation pack (core/rules/destinations/<lang>.json);
    // a malformed file or pack is refused with the first problem's JSON Pointer.
    static std::variant<std::shared_ptr<const Destinations>, Error> load(
        std::string_view json, const std::vector<std::string_view>& translations = {});
    // The market a country belongs to (a member state finds its union), or nothing.
    const Market* market_for(std::string_view country) const;
    const Text* message(std::string_view code) const;
    const Text* question(std::string_view field) const;
};

}  // namespace evexport
