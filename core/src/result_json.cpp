// Typed Result → the v1 result JSON, texts rendered in the request's language.
#include "evexport/api.hpp"
#include "json_writer.hpp"

namespace evexport {

using detail::JsonWriter;

namespace {

template <typename E> void optional_enum(JsonWriter& w, std::string_view name, const std::optional<E>& value) {
    w.key(name);
    if (value) w.value(name_of(*value));
    else w.null();
}

void entries(JsonWriter& w, std::string_view name, const std::vector<const Entry*>& list, const std::string& lang) {
    w.key(name).begin_array();
    for (const Entry* e : list) w.raw_value(e->json.in(lang));
    w.end_array();
}

}  // namespace

std::string error_to_json(const Error& error) {
    JsonWriter w(128);
    w.begin_object().key("error").begin_object().member("code", error.code).member("field", error.field).member("message", error.message);
    return w.end_object().end_object().take();
}

std::string result_to_json(const Result& r) {
    const auto& rules = *r.ruleset;
    const auto& lang = r.lang;
    // {as_of} and {from} are known to every text: added here, when texts are written, not per evaluation.
    const std::string as_of = format_date(r.as_of);
    auto with_dates = [&](Params params, const Rule* rule) {
        params.emplace_back("as_of", as_of);
        if (rule) params.emplace_back("from", rule->from ? format_date(*rule->from) : std::string("—"));
        return params;
    };
    JsonWriter w(4096);
    w.begin_object().member("verdict", name_of(r.verdict)).member("licence_required", r.licence_required).member("regime", name_of(r.regime));
    w.member("as_of", as_of);

    w.key("reasons").begin_array();
    for (const auto& reason : r.reasons) {
        const Rule& rule = *reason.rule;
        auto params = with_dates(reason.params, &rule);
        std::string text = fill(rule.text.in(lang), params);
        if (!reason.message.empty()) {
            params.emplace_back("rule_text", std::move(text));
            text = fill(rules.message(reason.message).in(lang), params);
        }
        w.begin_object().member("rule", rule.id).member("text", text).raw_members(rule.json_tail.in(lang)).end_object();
    }
    w.end_array();
    entries(w, "obligations", r.obligations, lang);
    entries(w, "documents", r.documents, lang);

    w.key("warnings").begin_array();
    for (const auto& warning : r.warnings) {
        w.begin_object().member("code", warning.code).member("field", warning.field).member("text", fill(rules.message(warning.code).in(lang), with_dates(warning.params, nullptr)));
        if (!warning.positions.empty()) w.member("positions", warning.positions);
        w.end_object();
    }
    w.end_array();
    w.key("missing").begin_array();
    for (const auto& field : r.missing) {
        const Text* question = rules.question(field);
        w.begin_object().member("field", field).member("question", question ? question->in(lang) : std::string()).end_object();
    }
    w.end_array();

    const auto& v = r.vehicle;
    w.key("vehicle").begin_object().member("hs_code", v.hs_code);
    optional_enum(w, "category", v.category);
    optional_enum(w, "powertrain", v.powertrain);
    optional_enum(w, "condition", v.condition);
    w.member("wmi", v.wmi).member("manufacturer", v.manufacturer).member("model_year", v.model_year).end_object();
    w.key("ruleset").begin_object().member("id", rules.id).member("version", rules.version).member("sha256", rules.sha256).end_object();
    return w.end_object().take();
}

}  // namespace evexport
