// Typed Result → the v1 result JSON, texts rendered in the request's language.
#include "json_reader.hpp"

#include "evexport/api.hpp"

namespace evexport {

using ojson = detail::json;

namespace {

template <typename T> ojson optional(const std::optional<T>& value) { return value ? ojson(*value) : ojson(nullptr); }
template <typename E> ojson optional_enum(const std::optional<E>& value) {
    return value ? ojson(std::string(name_of(*value))) : ojson(nullptr);
}

ojson source_json(const Source* s, const std::string& clause) {
    if (!s) return nullptr;
    ojson out{{"id", s->id}, {"title", s->title}, {"number", s->number}, {"clause", clause}, {"url", s->url}};
    if (!s->title_en.empty()) out["title_en"] = s->title_en;
    return out;
}

}  // namespace

std::string error_to_json(const Error& error) {
    return ojson{{"error", {{"code", error.code}, {"field", error.field}, {"message", error.message}}}}.dump();
}

std::string result_to_json(const Result& r) {
    const auto& rules = *r.ruleset;
    const auto& lang = r.lang;
    ojson out;
    out["verdict"] = name_of(r.verdict);
    out["licence_required"] = optional(r.licence_required);
    out["regime"] = name_of(r.regime);
    out["as_of"] = format_date(r.as_of);

    auto& reasons = out["reasons"] = ojson::array();
    for (const auto& reason : r.reasons) {
        const Rule& rule = *reason.rule;
        std::string text = fill(rule.text.in(lang), reason.params);
        if (!reason.message.empty()) {
            auto params = reason.params;
            params.emplace_back("rule_text", text);
            text = fill(rules.message(reason.message).in(lang), params);
        }
        ojson item{{"rule", rule.id},
                   {"text", text},
                   {"source", source_json(rule.source, rule.clause)},
                   {"confidence", name_of(rule.confidence)},
                   {"from", rule.from ? ojson(format_date(*rule.from)) : ojson(nullptr)},
                   {"until", rule.until ? ojson(format_date(*rule.until)) : ojson(nullptr)}};
        if (!rule.from_note.empty()) item["note"] = rule.from_note;
        reasons.push_back(std::move(item));
    }
    auto entries = [&](const std::vector<const Entry*>& list) {
        ojson array = ojson::array();
        for (const Entry* e : list) array.push_back({{"code", e->code}, {"text", e->text.in(lang)}, {"source", source_json(e->source, e->clause)}});
        return array;
    };
    out["obligations"] = entries(r.obligations);
    out["documents"] = entries(r.documents);

    auto& warnings = out["warnings"] = ojson::array();
    for (const auto& w : r.warnings) {
        ojson item{{"code", w.code}, {"field", w.field}, {"text", fill(rules.message(w.code).in(lang), w.params)}};
        if (!w.positions.empty()) item["positions"] = w.positions;
        warnings.push_back(std::move(item));
    }
    auto& missing = out["missing"] = ojson::array();
    for (const auto& field : r.missing) {
        const Text* question = rules.question(field);
        missing.push_back({{"field", field}, {"question", question ? question->in(lang) : std::string()}});
    }

    const auto& v = r.vehicle;
    out["vehicle"] = {{"hs_code", optional(v.hs_code)},     {"category", optional_enum(v.category)},
                      {"powertrain", optional_enum(v.powertrain)}, {"condition", optional_enum(v.condition)},
                      {"wmi", optional(v.wmi)},             {"manufacturer", optional(v.manufacturer)},
                      {"model_year", optional(v.model_year)}};
    out["ruleset"] = {{"id", rules.id}, {"version", rules.version}, {"sha256", rules.sha256}};
    return out.dump();
}

}  // namespace evexport
