// The destination's answer (destination.hpp): entry first, then the charges, each as it bears on
// this car; an estimate when the customs value is known; what changes before the car arrives.
#include "destination.hpp"

#include <algorithm>
#include <cmath>

#include "evexport/api.hpp"
#include "json_writer.hpp"
#include "optimize.hpp"

namespace evexport::detail {

namespace {

// Amounts as the request writes them: digits and at most one dot (request_fields.cpp checked it).
// Read here rather than by strtod, which the download would carry for this alone.
double amount_of(std::string_view text) {
    double whole = 0, scale = 0;
    for (char c : text) {
        if (c == '.') scale = 1;
        else {
            whole = whole * 10 + (c - '0');
            scale *= 10;
        }
    }
    return scale > 1 ? whole / scale : whole;
}

bool same_text(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

bool listed(const std::vector<std::string>& list, std::string_view name) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& item) { return same_text(item, name); });
}

// What the car's facts say of an item's `when`: it holds, it does not, or a fact it needs is unknown.
struct Match {
    enum { yes, no, unknown } is = yes;
    std::vector<std::string> needs;

    void check(bool known, bool holds, std::string_view pointer) {
        if (known && holds) return;
        if (known) is = no;
        else {
            if (is == yes) is = unknown;
            if (std::find(needs.begin(), needs.end(), pointer) == needs.end()) needs.emplace_back(pointer);
        }
    }
};

struct Facts {
    const Request& request;
    const VehicleFacts& vehicle;
    std::optional<DriveSide> drive_side;
    bool group_known = false;
    const ProducerGroup* group = nullptr;
    std::optional<double> age_years, power_kw;
    std::optional<Money> value;
    const char* age_needs = "/vehicle/condition";

    Facts(const Request& r, const VehicleFacts& v, Date arrival, const Destinations& data)
        : request(r), vehicle(v), drive_side(r.vehicle.drive_side) {
        // A used car leaving China was registered there, for China's roads: left-hand drive.
        if (!drive_side && v.condition == Condition::used) drive_side = DriveSide::lhd;
        // The producer group: from the make, else from the WMI. A make no group names is known to
        // be in none; an unlisted WMI alone says nothing (the table of WMIs is not complete).
        for (const auto& g : data.groups) {
            const bool by_make = r.vehicle.make && listed(g.makes, *r.vehicle.make);
            const bool by_wmi = v.wmi && listed(g.wmis, *v.wmi);
            if (by_make || by_wmi) group = &g;
        }
        group_known = group || r.vehicle.make;
        if (v.condition == Condition::new_vehicle) age_years = 0;
        else if (v.condition == Condition::used) {
            age_needs = "/vehicle/registration_date";
            if (r.vehicle.registration_date) age_years = days_between(*r.vehicle.registration_date, arrival) / 365.25;
        }
        if (r.vehicle.power_kw) power_kw = amount_of(*r.vehicle.power_kw);
        if (r.shipment.customs_value && r.shipment.customs_currency)
            value = Money{amount_of(*r.shipment.customs_value), *r.shipment.customs_currency};
    }

    Match match(const Conditions& c) const {
        Match m;
        const auto& r = request;
        if (c.condition) m.check(bool(vehicle.condition), vehicle.condition == c.condition, "/vehicle/condition");
        if (c.importer) m.check(bool(r.shipment.importer), r.shipment.importer == c.importer, "/shipment/importer");
        if (c.drive_side) m.check(bool(drive_side), drive_side == c.drive_side, "/vehicle/drive_side");
        if (!c.groups.empty())
            m.check(group_known, group && std::find(c.groups.begin(), c.groups.end(), group->id) != c.groups.end(),
                    "/vehicle/make");
        if (c.no_group) m.check(group_known, !group, "/vehicle/make");
        if (!c.makes.empty())
            m.check(bool(r.vehicle.make), r.vehicle.make && listed(c.makes, *r.vehicle.make), "/vehicle/make");
        if (c.origin_certificate)
            m.check(bool(r.shipment.origin_certificate), r.shipment.origin_certificate == c.origin_certificate,
                    "/shipment/origin_certificate");
        if (c.model_year_min) m.check(bool(vehicle.model_year), vehicle.model_year >= c.model_year_min, "/vehicle/vin");
        if (c.age_over_years) m.check(bool(age_years), age_years > c.age_over_years, age_needs);
        if (c.age_up_to_years) m.check(bool(age_years), age_years <= c.age_up_to_years, age_needs);
        for (const auto& [limit, over] : {std::pair{&c.value_over, true}, std::pair{&c.value_up_to, false}})
            if (*limit) {
                // A value in another currency cannot be compared without an exchange rate.
                const bool known = value && value->currency == (*limit)->currency;
                m.check(known, known && (over ? value->amount > (*limit)->amount : value->amount <= (*limit)->amount),
                        "/shipment/customs_value/amount");
            }
        if (c.power_kw_over) m.check(bool(power_kw), power_kw > c.power_kw_over, "/vehicle/power_kw");
        if (c.power_kw_up_to) m.check(bool(power_kw), power_kw <= c.power_kw_up_to, "/vehicle/power_kw");
        return m;
    }
};

// The item as it bears on the car, or nothing when its facts rule it out.
std::optional<DestinationLine> line(const MarketItem& item, const Facts& facts) {
    auto m = facts.match(item.when);
    if (m.is == Match::no) return std::nullopt;
    DestinationLine l{&item, Applies::yes, std::move(m.needs)};
    if (!item.option.empty()) l.applies = Applies::option;
    else if (m.is == Match::unknown) l.applies = Applies::if_known;
    return l;
}

// The charges that apply, each on its base, in the country's order. `value` is the customs value.
Estimate estimate(const std::vector<DestinationLine>& charges, const Money& value) {
    Estimate e{value, {}, 0, {}, {}};
    double running = value.amount;  // the base of a cumulative charge: the value and the charges before it
    for (const auto& l : charges) {
        const auto& c = static_cast<const Charge&>(*l.item);
        if (l.applies != Applies::yes) {
            e.open.push_back(&c);
            continue;
        }
        if (c.amount) {
            if (c.amount->currency == value.currency) {
                e.lines.push_back({&c, std::nullopt, c.amount->amount});
                e.total += c.amount->amount;
                running += c.amount->amount;
            } else {
                auto it = std::find_if(e.other.begin(), e.other.end(),
                                       [&](const Money& m) { return m.currency == c.amount->currency; });
                if (it == e.other.end()) e.other.push_back(*c.amount);
                else it->amount += c.amount->amount;
            }
            continue;
        }
        double base = c.base == ChargeBase::cumulative ? running : value.amount;
        // A threshold or a minimum in another currency needs an exchange rate: left open.
        if ((c.above && c.above->currency != value.currency) || (c.minimum && c.minimum->currency != value.currency)) {
            e.open.push_back(&c);
            continue;
        }
        if (c.above) base = std::max(0.0, base - c.above->amount);
        double amount = base * *c.rate_percent / 100;
        if (c.minimum) amount = std::max(amount, c.minimum->amount);
        e.lines.push_back({&c, base, amount});
        e.total += amount;
        running += amount;
    }
    return e;
}

}  // namespace

EVEXPORT_SMALL DestinationAnswer evaluate_destination(const Request& request, const VehicleFacts& vehicle, Date as_of,
                                                      const Destinations& data) {
    DestinationAnswer a;
    a.country = request.shipment.destination.value_or("");
    a.data = &data;
    a.arrival = request.shipment.arrival_date.value_or(as_of);
    a.market = data.market_for(a.country);
    if (!a.market) {
        a.warnings.push_back({"destination_not_covered", "/shipment/destination", {{"country", a.country}}, nullptr});
        return a;
    }
    const Market& market = *a.market;
    const Facts facts(request, vehicle, a.arrival, data);

    // Entry: a confirmed ban that holds refuses it; a ban that may hold, or rests on an unconfirmed
    // source, leaves it undetermined; otherwise what the importer must obtain makes it conditional.
    bool refused = false, maybe_refused = false, conditions = false;
    for (const auto& item : market.entry) {
        if (!item.in_force(a.arrival)) continue;
        auto l = line(item, facts);
        if (!l) continue;
        if (item.effect == EntryEffect::not_allowed) {
            if (l->applies == Applies::yes && item.confirmed) refused = true;
            else maybe_refused = true;
        } else {
            conditions = true;
        }
        a.reasons.push_back(std::move(*l));
    }
    // A figure that ended before the arrival, the sources not saying what followed: warned below, and a
    // ban among them (Mexico's used-car decree) does not make entry allowed, since what follows is unknown.
    auto ended_unknown = [&](const MarketItem& item) {
        return item.then_unknown && item.until && *item.until < a.arrival && facts.match(item.when).is != Match::no;
    };
    for (const auto& item : market.entry)
        if (item.effect == EntryEffect::not_allowed && ended_unknown(item)) maybe_refused = true;
    a.entry = refused         ? EntryStatus::not_allowed
              : maybe_refused ? EntryStatus::undetermined
              : conditions    ? EntryStatus::conditional
                              : EntryStatus::allowed;

    for (const auto& charge : market.charges)
        if (charge.in_force(a.arrival))
            if (auto l = line(charge, facts)) a.charges.push_back(std::move(*l));

    // The percentage charges that apply, on a value of 100: the share of the customs value they take.
    {
        double running = 100, total = 0;
        bool any = false;
        for (const auto& l : a.charges) {
            const auto& c = static_cast<const Charge&>(*l.item);
            if (l.applies != Applies::yes || !c.rate_percent || c.above) continue;
            const double amount = (c.base == ChargeBase::cumulative ? running : 100) * *c.rate_percent / 100;
            total += amount;
            running += amount;
            any = true;
        }
        if (any) a.charges_percent = std::round(total * 100) / 100;
    }
    if (facts.value) a.estimate = estimate(a.charges, *facts.value);

    // What the car's facts leave open, in the order the items ask.
    for (const auto* lines : {&a.reasons, &a.charges})
        for (const auto& l : *lines)
            if (l.applies == Applies::if_known)
                for (const auto& field : l.depends_on)
                    if (std::find(a.missing.begin(), a.missing.end(), field) == a.missing.end())
                        a.missing.push_back(field);

    // Every dated change between as_of and the arrival date, for the items that may bear on the car.
    const Date first = std::min(as_of, a.arrival), last = std::max(as_of, a.arrival);
    auto dated = [&](const MarketItem& item) {
        const bool starts = item.from && first < *item.from && *item.from <= last;
        const bool ends = item.until && first <= *item.until && *item.until < last;
        if ((!starts && !ends) || facts.match(item.when).is == Match::no) return;
        if (starts) a.changes.push_back({*item.from, &item, true});
        if (ends) a.changes.push_back({*item.until, &item, false});
    };
    for (const auto& item : market.entry) dated(item);
    for (const auto& item : market.charges) dated(item);
    // By date, in the data's order on one day (a handful of items: an insertion sort, small in the download).
    for (std::size_t i = 1; i < a.changes.size(); ++i)
        for (std::size_t j = i; j > 0 && a.changes[j].date < a.changes[j - 1].date; --j)
            std::swap(a.changes[j], a.changes[j - 1]);

    // What a buyer must know about the data itself.
    const int age = days_between(market.verified, as_of);
    if (age > data.stale_after_days)
        a.warnings.push_back({"destination_stale",
                              "/shipment/destination",
                              {{"country", a.country},
                               {"verified", format_date(market.verified)},
                               {"days", std::to_string(data.stale_after_days)},
                               {"as_of", format_date(as_of)}},
                              nullptr});
    auto expired = [&](const MarketItem& item) {
        if (ended_unknown(item))
            a.warnings.push_back(
                {"destination_figure_expired", "/shipment/arrival_date", {{"until", format_date(*item.until)}}, &item});
    };
    for (const auto& item : market.entry) expired(item);
    for (const auto& item : market.charges) expired(item);
    for (const auto& l : a.charges) {
        const auto& c = static_cast<const Charge&>(*l.item);
        if (c.conflict_rate && c.rate_percent)
            a.warnings.push_back({"destination_source_conflict",
                                  "/shipment/destination",
                                  {{"value", format_hundredths(*c.rate_percent) + " %"},
                                   {"other", format_hundredths(*c.conflict_rate) + " %"}},
                                  &c});
    }
    return a;
}

namespace {

// A source as the answer and the data's description both write it.
void source(JsonWriter& w, const DestinationSource& s) {
    w.begin_object()
        .member("id", s.id)
        .member("title", s.title)
        .member("url", s.url)
        .member("date", s.date)
        .member("grade", s.grade)
        .end_object();
}

void sources(JsonWriter& w, std::string_view key, const std::vector<const DestinationSource*>& list) {
    w.key(key).begin_array();
    for (const auto* s : list) source(w, *s);
    w.end_array();
}

void money(JsonWriter& w, std::string_view key, const Money& m) {
    w.key(key)
        .begin_object()
        .key("amount")
        .raw_value(format_hundredths(m.amount))
        .member("currency", m.currency)
        .end_object();
}

constexpr std::string_view kApplies[] = {"yes", "if", "option"};

// The members every line shares, after its own.
void common(JsonWriter& w, const DestinationLine& l, std::string_view lang) {
    const MarketItem& item = *l.item;
    w.member("applies", kApplies[int(l.applies)]);
    if (!l.depends_on.empty()) w.member("depends_on", l.depends_on);
    if (!item.option.empty()) w.member("option", item.option);
    w.member("confirmed", item.confirmed)
        .member("from", format_date(item.from))
        .member("until", format_date(item.until));
    if (item.note.has("en")) w.member("note", item.note.in(lang));
    sources(w, "sources", item.sources);
}

}  // namespace

EVEXPORT_SMALL std::string destination_json(const DestinationAnswer& a, std::string_view lang) {
    const Destinations& data = *a.data;
    const Market* market = a.market;
    const std::string as_text = format_date(a.arrival);
    JsonWriter w(4096);
    w.begin_object().member("country", a.country);
    if (market) w.member("market", market->country).member("name", market->name.in(lang));
    else w.key("market").null().key("name").null();
    w.member("entry", name_of(a.entry)).member("arrival_date", as_text);
    w.key("reasons").begin_array();
    for (const auto& l : a.reasons) {
        const auto& e = static_cast<const EntryCondition&>(*l.item);
        w.begin_object()
            .member("id", e.id)
            .member("effect", e.effect == EntryEffect::not_allowed ? "not_allowed" : "conditional")
            .member("text", e.text.in(lang));
        common(w, l, lang);
        w.end_object();
    }
    w.end_array().key("charges").begin_array();
    for (const auto& l : a.charges) {
        const auto& c = static_cast<const Charge&>(*l.item);
        w.begin_object().member("id", c.id).member("kind", c.kind).member("text", c.text.in(lang));
        if (c.rate_percent) w.key("rate_percent").raw_value(format_hundredths(*c.rate_percent));
        if (c.amount) money(w, "amount", *c.amount);
        if (c.minimum) money(w, "minimum", *c.minimum);
        if (c.above) money(w, "above", *c.above);
        w.member("base", c.base == ChargeBase::cumulative ? "cumulative" : "value");
        common(w, l, lang);
        if (c.conflict_rate) {
            w.key("conflict").begin_object().key("rate_percent").raw_value(format_hundredths(*c.conflict_rate));
            sources(w, "sources", c.conflict_sources);
            w.end_object();
        }
        w.end_object();
    }
    w.end_array().key("charges_percent");
    if (a.charges_percent) w.raw_value(format_hundredths(*a.charges_percent));
    else w.null();
    if (const auto& e = a.estimate) {
        w.key("estimate").begin_object();
        money(w, "customs_value", e->value);
        w.key("lines").begin_array();
        for (const auto& l : e->lines) {
            w.begin_object().member("charge", l.charge->id).key("base");
            if (l.base) w.raw_value(format_hundredths(*l.base));
            else w.null();
            w.key("amount").raw_value(format_hundredths(l.amount)).end_object();
        }
        // Nothing computed and something open (alternatives the importer chooses): no total to state.
        w.end_array().key("total");
        if (e->lines.empty() && !e->open.empty()) w.null();
        else w.raw_value(format_hundredths(e->total));
        w.member("currency", e->value.currency);
        w.key("other").begin_array();
        for (const auto& m : e->other)
            w.begin_object()
                .key("amount")
                .raw_value(format_hundredths(m.amount))
                .member("currency", m.currency)
                .end_object();
        w.end_array().key("open").begin_array();
        for (const auto* c : e->open) w.value(c->id);
        w.end_array().end_object();
    }
    w.key("changes").begin_array();
    for (const auto& c : a.changes)
        w.begin_object()
            .member("date", format_date(c.date))
            .member("item", c.item->id)
            .member("change", c.starts ? "starts" : "ends")
            .member("text", c.item->text.in(lang))
            .end_object();
    w.end_array().key("missing").begin_array();
    for (const auto& field : a.missing) {
        const Text* q = data.question(field);
        w.begin_object().member("field", field).member("question", q ? q->in(lang) : std::string()).end_object();
    }
    w.end_array().key("warnings").begin_array();
    for (const auto& warning : a.warnings) {
        const Text* m = data.message(warning.code);
        const std::string item = warning.item ? warning.item->text.in(lang) : std::string();
        w.begin_object()
            .member("code", warning.code)
            .member("field", warning.field)
            .member("text", m ? fill(m->in(lang), warning.params, {{"item", item}}) : std::string())
            .end_object();
    }
    w.end_array();
    if (market) w.member("verified", format_date(market->verified));
    else w.key("verified").null();
    w.key("data")
        .begin_object()
        .member("id", data.id)
        .member("version", data.version)
        .member("sha256", data.sha256)
        .end_object();
    return w.end_object().take();
}

}  // namespace evexport::detail

namespace evexport {

// The data's description (evexport destinations, the JS API's destinations()): beside the answer's
// writer, so that a build that loads no destination data carries neither.
EVEXPORT_RARELY std::string destinations_info_json(const Destinations& data, std::string_view lang) {
    detail::JsonWriter w(8192);
    w.begin_object()
        .member("id", data.id)
        .member("version", data.version)
        .member("sha256", data.sha256)
        .member("compiled", format_date(data.compiled))
        .member("stale_after_days", data.stale_after_days)
        .member("languages", data.languages);
    w.key("markets").begin_array();
    for (const auto& m : data.markets) {
        w.begin_object()
            .member("country", m.country)
            .member("members", m.members)
            .member("name", m.name.in(lang))
            .member("currency", m.currency)
            .member("verified", format_date(m.verified));
        std::vector<std::string> cited;  // every source its items cite, once
        auto add = [&](const MarketItem& item) {
            for (const auto* s : item.sources)
                if (std::find(cited.begin(), cited.end(), s->id) == cited.end()) cited.push_back(s->id);
        };
        for (const auto& e : m.entry) add(e);
        for (const auto& c : m.charges) add(c);
        w.member("sources", cited).end_object();
    }
    w.end_array().key("sources").begin_array();
    for (const auto& s : data.sources) detail::source(w, *s);
    return w.end_array().end_object().take();
}

}  // namespace evexport
