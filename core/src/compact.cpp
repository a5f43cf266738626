// The JS API's fast path, C++ side (its JS side: wasm/compact.mjs): a plain request object comes in
// field by field, through the same validators as JSON; the rendered answer goes out with what the
// JS API caches per language (tables_json) as indices, and the JS API joins them into the v1 object.
// The corpus test in tests/js/api.test.mjs checks both paths give the same result for every case.
#include <array>

#include "evexport/api.hpp"
#include "evexport/evaluate.hpp"
#include "guarded.hpp"
#include "json_writer.hpp"
#include "optimize.hpp"
#include "render.hpp"
#include "request_fields.hpp"

namespace evexport {

using detail::JsonWriter;

namespace {

// The compact answer's members, in order. wasm/compact.mjs reads them by the same names, and
// tables_json hands it this list so that the two cannot drift apart unnoticed.
constexpr std::array<std::string_view, 13> kLayout{
    "verdict",  "licence_required", "regime",  "as_of",         "reasons", "obligations", "documents",
    "warnings", "missing",          "vehicle", "changes_since", "papers",  "destination"};

template <typename T> int index_in(const std::vector<T>& list, const T* item) { return int(item - list.data()); }

// A mechanical writer of the rendered answer (render.hpp): what the JS API caches per language (a
// rule's fixed members and own text, entries, names of values) goes as an index, the rest as text.
//   reasons: [rule index, text or null (the rule's own text), 1 if it decides else 0];
//   obligations, documents: entry indices;
//   warnings: [code, field, text, positions]; missing: [field, question];
//   vehicle: [hs_code, category, powertrain, condition, wmi, manufacturer, model_year];
//   changes_since: null, or [[version, date, [[[rule ids], text], …]], …]
//   papers: null, or one [status, [problem codes]] per paper in the order of enum Paper
//   destination: null, or the v1 result's `destination` as JSON text (core/src/destination.hpp): rendered
//     once, for both writers, and read by the JS API with JSON.parse
std::string compact(const Result& r) {
    const auto answer = detail::render(r);
    const auto& rules = *r.ruleset;
    JsonWriter w(512);
    w.begin_array()
        .value(int(r.verdict))
        .value(r.licence_required ? int(*r.licence_required) : 2)
        .value(int(r.regime))
        .value(answer.as_of);
    w.begin_array();
    for (std::size_t i = 0; i < r.reasons.size(); ++i) {
        w.begin_array().value(index_in(rules.rules, r.reasons[i].rule));
        if (answer.reasons[i].fixed) w.null();
        else w.value(answer.reasons[i].filled);
        w.value(int(r.reasons[i].decides)).end_array();
    }
    w.end_array().begin_array();
    for (const Entry* e : r.obligations) w.value(index_in(rules.obligations, e));
    w.end_array().begin_array();
    for (const Entry* e : r.documents) w.value(index_in(rules.documents, e));
    w.end_array().begin_array();
    for (std::size_t i = 0; i < r.warnings.size(); ++i) {
        const auto& warning = r.warnings[i];
        w.begin_array()
            .value(warning.code)
            .value(warning.field)
            .value(answer.warnings[i])
            .value(warning.positions)
            .end_array();
    }
    w.end_array().begin_array();
    for (std::size_t i = 0; i < r.missing.size(); ++i)
        w.begin_array().value(r.missing[i]).value(answer.questions[i]).end_array();
    w.end_array();
    const auto& v = r.vehicle;
    auto enum_or_null = [&](auto value) {
        if (value) w.value(name_of(*value));
        else w.null();
    };
    w.begin_array().value(v.hs_code);
    enum_or_null(v.category);
    enum_or_null(v.powertrain);
    enum_or_null(v.condition);
    w.value(v.wmi).value(v.manufacturer).value(v.model_year).end_array();
    if (!r.changes_since) {
        w.null();
    } else {
        w.begin_array();
        std::size_t text = 0;
        for (const Change* change : *r.changes_since) {
            w.begin_array().value(change->version).value(change->date).begin_array();
            for (const auto& item : change->items)
                w.begin_array().value(item.rules).value(answer.changes[text++]).end_array();
            w.end_array().end_array();
        }
        w.end_array();
    }
    if (!r.papers) {
        w.null();
    } else {
        w.begin_array();
        for (const auto& check : *r.papers) w.begin_array().value(int(check.status)).value(check.problems).end_array();
        w.end_array();
    }
    if (r.destination) w.value(r.destination->data->write(*r.destination, r.lang));
    else w.null();
    return w.end_array().take();
}

}  // namespace

namespace {

// One request's fields, as the JS API encodes them (api.hpp), into a typed request.
// Into `request` (fresh), or the contract's error: no Request moved out of a variant per call.
std::optional<Error> decode_fields(std::string_view encoded, Date today, Request& request) {
    std::size_t start = 0;
    // The JS API sends the slots of the fields before the papers (the papers and the fields after them,
    // the destination's, take the JSON path): the input may end before the table does.
    for (std::size_t field = 0; field < detail::kFieldCount && start < encoded.size(); ++field) {
        const auto end = std::min(encoded.find('\0', start), encoded.size());
        const auto slot = encoded.substr(start, end - start);
        start = end + 1;
        if (slot.empty()) continue;  // absent
        if (detail::kFields[field].type != detail::FieldType::boolean) {
            if (auto e = detail::assign_text(request, field, slot)) return e;
        } else if (slot == "t" || slot == "f") {
            detail::assign_bool(request, field, slot == "t");
        } else {
            return Error{"invalid_field", std::string(detail::kFields[field].pointer), "unreadable field"};
        }
    }
    return detail::complete(request, today);
}

}  // namespace

Answer evaluate_fields(std::string_view encoded, const Ruleset& ruleset, Date today, const Registry* registry,
                       const Destinations* destinations) {
    return detail::guarded([&]() -> Answer {
        Request request;
        if (auto e = decode_fields(encoded, today, request)) return {false, error_to_json(*e)};
        return {true, compact(evaluate(request, ruleset, registry, destinations))};
    });
}

std::string verdicts_fields(std::string_view encoded, const Ruleset& ruleset, Date today, const Registry* registry) {
    std::string out;
    for (std::size_t start = 0; start <= encoded.size();) {
        const auto end = std::min(encoded.find('\x1e', start), encoded.size());
        Request request;
        if (decode_fields(encoded.substr(start, end - start), today, request)) out += 'e';
        else out += char('0' + int(evaluate_verdict(request, ruleset, registry)));
        start = end + 1;
    }
    return out;
}

// What the JS API caches per language to join to compact answers (wasm/compact.mjs).
EVEXPORT_RARELY std::string tables_json(const Ruleset& rules, std::string_view lang) {
    const auto& fragments = rules.render_cache->in(lang);
    JsonWriter w(32 * 1024);
    w.begin_object()
        .key("ruleset")
        .begin_object()
        .member("id", rules.id)
        .member("version", rules.version)
        .member("sha256", rules.sha256)
        .end_object();
    w.key("rules").begin_array();
    for (std::size_t i = 0; i < rules.rules.size(); ++i) {
        const auto& rule = rules.rules[i];
        // The reason's fixed members as an object (a tail starts with the comma that follows "text").
        w.begin_object().member("id", rule.id).member("text", rule.text.in(lang));
        w.key("tail").raw_value(std::string("{").append(fragments.rule_tails[i], 1).append("}")).end_object();
    }
    w.end_array();
    for (const auto& [name, list] :
         {std::pair{"documents", &fragments.documents}, std::pair{"obligations", &fragments.obligations}}) {
        w.key(name).begin_array();
        for (const auto& json : *list) w.raw_value(json);
        w.end_array();
    }
    w.key("papers").begin_array();  // by enum Paper: {paper, label, verify}
    for (std::size_t i = 0; i < fragments.papers.size(); ++i)
        w.raw_value(std::string(R"({"paper":")")
                        .append(name_of(Paper(i)))
                        .append("\"")
                        .append(fragments.papers[i])
                        .append("}"));
    w.end_array();
    w.key("languages").begin_array();  // of the texts: the JS API reads any other language's tables as English
    for (const auto& l : rules.languages) w.value(l);
    w.end_array();
    w.key("layout").begin_array();
    for (auto name : kLayout) w.value(name);
    w.end_array();
    w.key("fields").begin_array();
    for (const auto& f : detail::kFields)
        w.begin_array().value(f.pointer).value(f.type == detail::FieldType::boolean).end_array();
    w.end_array();
    w.key("verdicts").begin_array();
    for (auto name : EnumNames<Verdict>::names) w.value(name);
    w.end_array().key("regimes").begin_array();
    for (auto name : EnumNames<Regime>::names) w.value(name);
    w.end_array().key("paper_statuses").begin_array();
    for (auto name : EnumNames<PaperStatus>::names) w.value(name);
    return w.end_array().end_object().take();
}

}  // namespace evexport
