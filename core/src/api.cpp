#include "evexport/api.hpp"

#include "guarded.hpp"
#include "json_writer.hpp"

#include "evexport/evaluate.hpp"
#include "evexport/uscc.hpp"
#include "evexport/vin.hpp"

namespace evexport {

namespace {

using detail::JsonWriter;

void problems(JsonWriter& w, const std::vector<IdentifierProblem>& list) {
    w.key("problems").begin_array();
    for (const auto& p : list) {
        w.begin_object().member("code", p.code).member("detail", p.detail);
        if (!p.positions.empty()) w.member("positions", p.positions);
        if (!p.expected.empty()) w.member("expected", p.expected);
        w.end_object();
    }
    w.end_array();
}

std::optional<std::string> one_char(std::optional<char> c) {
    return c ? std::optional<std::string>(std::string(1, *c)) : std::nullopt;
}

}  // namespace

Answer evaluate_json(std::string_view request_json, const Ruleset& ruleset, Date today, const Registry* registry,
                     const Destinations* destinations) {
    return detail::guarded([&]() -> Answer {
        auto parsed = parse_request(request_json, today);
        if (auto* error = std::get_if<Error>(&parsed)) return {false, error_to_json(*error)};
        return {true, result_to_json(evaluate(std::get<Request>(parsed), ruleset, registry, destinations))};
    });
}

Answer evaluate_json(std::string_view request_json, const Ruleset& ruleset) {
    return evaluate_json(request_json, ruleset, today_utc());
}

Answer vin_json(std::string_view vin, std::optional<Date> as_of) {
    return detail::guarded([&]() -> Answer {
        if (vin.size() > kMaxStringBytes)
            return {false, error_to_json({"too_large", "/vin", "a VIN argument is at most 512 bytes"})};
        const Date day = as_of ? *as_of : today_utc();
        const auto report = check_vin(vin, day);
        const int this_year = day.year();
        JsonWriter w(512);
        w.begin_object().member("vin", report.vin).member("valid", report.valid);
        problems(w, report.problems);
        w.member_or_null("wmi", report.wmi)
            .member("check_digit", one_char(report.check_digit))
            .member("model_year", report.model_year);
        w.member("model_year_future", report.model_year && *report.model_year > this_year + 1);
        w.key("manufacturer");
        if (const auto* m = report.maker)
            w.begin_object()
                .member("name", m->manufacturer)
                .member("brands", m->brands)
                .member("source", m->source)
                .member("confidence", m->confidence)
                .end_object();
        else w.null();
        return {true, w.end_object().take()};
    });
}

Answer uscc_json(std::string_view code) {
    return detail::guarded([&]() -> Answer {
        if (code.size() > kMaxStringBytes)
            return {false, error_to_json({"too_large", "/uscc", "a USCC argument is at most 512 bytes"})};
        const auto report = check_uscc(code);
        JsonWriter w(512);
        w.begin_object().member("uscc", report.code).member("valid", report.valid);
        problems(w, report.problems);
        w.member("check_character", one_char(report.check_character)).member_or_null("authority", report.authority);
        w.member_or_null("division", report.division)
            .member_or_null("province", report.province)
            .member_or_null("organization_code", report.organization_code);
        if (!report.valid && !report.problems.empty() && report.problems.front().code == "uscc_check")
            w.member(
                "note",
                "A checksum failure is a format anomaly to verify in the official register; some early codes fail it.");
        return {true, w.end_object().take()};
    });
}

std::string ruleset_info_json(const Ruleset& rules, std::string_view lang) {
    JsonWriter w(8192);
    w.begin_object()
        .member("id", rules.id)
        .member("version", rules.version)
        .member("sha256", rules.sha256)
        .member("compiled", rules.compiled);
    w.key("languages").begin_array();
    for (const auto& lang : rules.languages) w.value(lang);
    w.end_array();
    w.key("rules").begin_array();
    for (const auto& r : rules.rules) {
        w.begin_object().member("id", r.id).member("from", format_date(r.from)).member("until", format_date(r.until));
        w.member("source", r.source->id)
            .member("clause", r.clause)
            .member("confidence", name_of(r.confidence))
            .end_object();
    }
    w.end_array().key("sources").begin_array();
    for (const auto& s : rules.sources)
        w.begin_object()
            .member("id", s->id)
            .member("title", s->title)
            .member("title_en", s->title_en)
            .member("number", s->number)
            .member("issued", s->issued)
            .member("effective", s->effective)
            .member("url", s->url)
            .member("grade", s->grade)
            .end_object();
    // What each version changed, newest first, in the asked language (docs/RULESET.md).
    w.end_array().key("changes").begin_array();
    for (const auto& c : rules.changes) {
        w.begin_object()
            .member("version", c.version)
            .member("date", c.date)
            .member_or_null("source", c.source ? c.source->id : std::string());
        w.key("items").begin_array();
        for (const auto& item : c.items)
            w.begin_object().member("rules", item.rules).member("text", item.text.in(lang)).end_object();
        w.end_array().end_object();
    }
    return w.end_array().end_object().take();
}

}  // namespace evexport
