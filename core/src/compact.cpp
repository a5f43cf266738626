// The JS API's fast path (wasm/index.mjs): a plain request object comes in field by field, through
// the same validators as JSON; the result goes out as indices and values only, and the JS API builds
// the v1 object from per-language tables it fetched once (tables_json). The corpus test in
// tests/js/api.test.mjs checks both paths give the same result for every case.
#include "evexport/api.hpp"
#include "evexport/evaluate.hpp"
#include "guarded.hpp"
#include "json_writer.hpp"
#include "request_fields.hpp"

namespace evexport {

using detail::JsonWriter;

namespace {

template <typename T> int index_in(const std::vector<T>& list, const T* item) { return int(item - list.data()); }

void params(JsonWriter& w, const Params& p) {
    w.begin_array();
    for (const auto& [key, value] : p) w.value(key).value(value);
    w.end_array();
}

std::string compact(const Result& r) {
    const auto& rules = *r.ruleset;
    JsonWriter w(512);
    w.begin_array().value(int(r.verdict)).value(r.licence_required ? int(*r.licence_required) : 2).value(int(r.regime)).value(format_date(r.as_of));
    w.begin_array();
    for (const auto& reason : r.reasons) {
        w.begin_array().value(index_in(rules.rules, reason.rule)).value(reason.message);
        params(w, reason.params);
        w.end_array();
    }
    w.end_array().begin_array();
    for (const Entry* e : r.obligations) w.value(index_in(rules.obligations, e));
    w.end_array().begin_array();
    for (const Entry* e : r.documents) w.value(index_in(rules.documents, e));
    w.end_array().begin_array();
    for (const auto& warning : r.warnings) {
        w.begin_array().value(warning.code).value(warning.field);
        params(w, warning.params);
        w.value(warning.positions).end_array();
    }
    w.end_array().value(r.missing);
    const auto& v = r.vehicle;
    auto enum_or_null = [&](auto value) { value ? void(w.value(name_of(*value))) : void(w.null()); };
    w.begin_array().value(v.hs_code);
    enum_or_null(v.category);
    enum_or_null(v.powertrain);
    enum_or_null(v.condition);
    w.value(v.wmi).value(v.manufacturer).value(v.model_year).end_array();
    return w.end_array().take();
}

}  // namespace

namespace {

// One request's fields, as the JS API encodes them (api.hpp), into a typed request.
std::variant<Request, Error> decode_fields(std::string_view encoded, Date today) {
    Request request;
    std::size_t start = 0;
    for (std::size_t field = 0; field < detail::kFieldCount; ++field) {
        const auto end = start < encoded.size() ? std::min(encoded.find('\0', start), encoded.size()) : start;
        const auto slot = start < encoded.size() ? encoded.substr(start, end - start) : std::string_view();
        if (slot == "t" || slot == "f") detail::assign_bool(request, field, slot == "t");
        else if (!slot.empty() && slot.front() == 's') {
            if (auto e = detail::assign_text(request, field, slot.substr(1))) return *e;
        } else if (!slot.empty()) {
            return Error{"invalid_field", std::string(detail::kFields[field].pointer), "unreadable field"};
        }
        start = end + 1;
    }
    if (auto e = detail::complete(request, today)) return *e;
    return request;
}

}  // namespace

Answer evaluate_fields(std::string_view encoded, const Ruleset& ruleset, Date today, const Registry* registry) {
    return detail::guarded([&]() -> Answer {
        auto request = decode_fields(encoded, today);
        if (auto* e = std::get_if<Error>(&request)) return {false, error_to_json(*e)};
        return {true, compact(evaluate(std::get<Request>(request), ruleset, registry))};
    });
}

std::string verdicts_fields(std::string_view encoded, const Ruleset& ruleset, Date today, const Registry* registry) {
    std::string out;
    for (std::size_t start = 0; start <= encoded.size();) {
        const auto end = std::min(encoded.find('\x1e', start), encoded.size());
        auto request = decode_fields(encoded.substr(start, end - start), today);
        if (auto* r = std::get_if<Request>(&request)) out += char('0' + int(evaluate(*r, ruleset, registry).verdict));
        else out += 'e';
        start = end + 1;
    }
    return out;
}

std::string tables_json(const Ruleset& rules, std::string_view lang) {
    JsonWriter w(32 * 1024);
    w.begin_object().key("ruleset").begin_object().member("id", rules.id).member("version", rules.version).member("sha256", rules.sha256).end_object();
    w.key("rules").begin_array();
    for (const auto& rule : rules.rules) {
        // The reason's fixed members as an object (json_tail starts with the comma that follows "text").
        // param_from: the {from} of the texts ("—" when the rule has no start); tail.from: the JSON value.
        w.begin_object().member("id", rule.id).member("text", rule.text.in(lang)).member("param_from", rule.from ? format_date(*rule.from) : std::string("—"));
        w.key("tail").raw_value(std::string("{").append(rule.json_tail.in(lang), 1).append("}")).end_object();
    }
    w.end_array();
    for (const auto& [name, list] : {std::pair{"documents", &rules.documents}, std::pair{"obligations", &rules.obligations}}) {
        w.key(name).begin_array();
        for (const auto& e : *list) w.raw_value(e.json.in(lang));
        w.end_array();
    }
    for (const auto& [name, map] : {std::pair{"messages", &rules.messages}, std::pair{"questions", &rules.questions}}) {
        w.key(name).begin_object();
        for (const auto& [key, text] : *map) w.member(key, text.in(lang));
        w.end_object();
    }
    w.key("languages").begin_array();  // of the texts: the JS API reads any other language's tables as English
    for (const auto& l : rules.languages) w.value(l);
    w.end_array();
    w.key("fields").begin_array();
    for (const auto& f : detail::kFields) w.begin_array().value(f.pointer).value(f.type == detail::FieldType::boolean).end_array();
    w.end_array();
    w.key("verdicts").begin_array();
    for (auto name : EnumNames<Verdict>::names) w.value(name);
    w.end_array().key("regimes").begin_array();
    for (auto name : EnumNames<Regime>::names) w.value(name);
    return w.end_array().end_object().take();
}

}  // namespace evexport
