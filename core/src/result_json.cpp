// Typed Result → the v1 result JSON (CONTRACT.md), and the contract's error.
#include "evexport/api.hpp"
#include "json_writer.hpp"
#include "render.hpp"

namespace evexport {

using detail::JsonWriter;

namespace {

template <typename E> void optional_enum(JsonWriter& w, std::string_view name, const std::optional<E>& value) {
    w.key(name);
    if (value) w.value(name_of(*value));
    else w.null();
}

void entries(JsonWriter& w, std::string_view name, const std::vector<const Entry*>& list, const std::vector<Entry>& all,
             const std::vector<std::string>& json) {
    w.key(name).begin_array();
    for (const Entry* e : list) w.raw_value(json[std::size_t(e - all.data())]);
    w.end_array();
}

}  // namespace

std::string error_to_json(const Error& error) {
    JsonWriter w(128);
    w.begin_object()
        .key("error")
        .begin_object()
        .member("code", error.code)
        .member("field", error.field)
        .member("message", error.message);
    return w.end_object().end_object().take();
}

// The v1 result: a mechanical writer of the rendered answer (render.hpp).
std::string result_to_json(const Result& r) {
    const auto answer = detail::render(r);
    const auto& rules = *r.ruleset;
    const auto& fragments = answer.fragments;
    JsonWriter w(4096);
    w.begin_object()
        .member("verdict", name_of(r.verdict))
        .member("licence_required", r.licence_required)
        .member("regime", name_of(r.regime));
    w.member("as_of", answer.as_of);
    w.key("reasons").begin_array();
    for (std::size_t i = 0; i < r.reasons.size(); ++i) {
        const Rule& rule = *r.reasons[i].rule;
        w.begin_object().member("rule", rule.id).member("text", answer.reasons[i].view());
        w.raw_members(fragments.rule_tails[std::size_t(&rule - rules.rules.data())]);
        if (r.reasons[i].decides) w.member("decides", true);  // added 2026-11-29 (issue 16)
        w.end_object();
    }
    w.end_array();
    entries(w, "obligations", r.obligations, rules.obligations, fragments.obligations);
    entries(w, "documents", r.documents, rules.documents, fragments.documents);
    w.key("warnings").begin_array();
    for (std::size_t i = 0; i < r.warnings.size(); ++i) {
        const auto& warning = r.warnings[i];
        w.begin_object().member("code", warning.code).member("field", warning.field).member("text", answer.warnings[i]);
        if (!warning.positions.empty()) w.member("positions", warning.positions);
        w.end_object();
    }
    w.end_array();
    w.key("missing").begin_array();
    for (std::size_t i = 0; i < r.missing.size(); ++i)
        w.begin_object().member("field", r.missing[i]).member("question", answer.questions[i]).end_object();
    w.end_array();

    if (r.papers) {  // added 2026-11-29: only when the request gives a paper
        w.key("papers").begin_array();
        for (const auto& check : *r.papers)
            w.begin_object()
                .member("paper", name_of(check.paper))
                .member("status", name_of(check.status))
                .member("problems", check.problems)
                .raw_members(fragments.papers[std::size_t(check.paper)])
                .end_object();
        w.end_array();
    }

    const auto& v = r.vehicle;
    w.key("vehicle").begin_object().member("hs_code", v.hs_code);
    optional_enum(w, "category", v.category);
    optional_enum(w, "powertrain", v.powertrain);
    optional_enum(w, "condition", v.condition);
    w.member("wmi", v.wmi).member("manufacturer", v.manufacturer).member("model_year", v.model_year).end_object();
    w.key("ruleset")
        .begin_object()
        .member("id", rules.id)
        .member("version", rules.version)
        .member("sha256", rules.sha256);
    if (r.changes_since) {  // added 2026-11-29: only when the request names the version it saw
        w.key("changes_since").begin_array();
        std::size_t text = 0;
        for (const Change* change : *r.changes_since) {
            w.begin_object().member("version", change->version).member("date", change->date).key("items").begin_array();
            for (const auto& item : change->items)
                w.begin_object().member("rules", item.rules).member("text", answer.changes[text++]).end_object();
            w.end_array().end_object();
        }
        w.end_array();
    }
    w.end_object();
    // Added 2026-11-29: with shipment.destination and destination data loaded (destination.hpp).
    if (r.destination) w.key("destination").raw_value(r.destination->data->write(*r.destination, r.lang));
    return w.end_object().take();
}

}  // namespace evexport
