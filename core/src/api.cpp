#include "evexport/api.hpp"

#include "json_reader.hpp"

#include "evexport/evaluate.hpp"
#include "evexport/uscc.hpp"
#include "evexport/vin.hpp"

namespace evexport {

using ojson = detail::json;

namespace {

Answer internal_error(const char* what) {
    // Reached only through a defect; the caller still gets the contract's shape, never a throw.
    return {false, error_to_json({"internal_error", "", std::string("internal error: ") + what})};
}

ojson problems_json(const std::vector<IdentifierProblem>& problems) {
    ojson out = ojson::array();
    for (const auto& p : problems) {
        ojson item{{"code", p.code}, {"detail", p.detail}};
        if (!p.positions.empty()) item["positions"] = p.positions;
        if (!p.expected.empty()) item["expected"] = p.expected;
        out.push_back(std::move(item));
    }
    return out;
}

}  // namespace

Answer evaluate_json(std::string_view request_json, const Ruleset& ruleset, Date today) {
    try {
        auto parsed = parse_request(request_json, today);
        if (auto* error = std::get_if<Error>(&parsed)) return {false, error_to_json(*error)};
        return {true, result_to_json(evaluate(std::get<Request>(parsed), ruleset))};
    } catch (const std::exception& e) {
        return internal_error(e.what());
    } catch (...) {
        return internal_error("unknown");
    }
}

Answer evaluate_json(std::string_view request_json, const Ruleset& ruleset) { return evaluate_json(request_json, ruleset, today_utc()); }

Answer vin_json(std::string_view vin, std::optional<Date> as_of) {
    try {
        if (vin.size() > kMaxStringBytes) return {false, error_to_json({"too_large", "/vin", "a VIN argument is at most 512 bytes"})};
        const auto report = check_vin(vin);
        ojson out{{"vin", report.vin}, {"valid", report.valid}, {"problems", problems_json(report.problems)}};
        out["wmi"] = report.wmi.empty() ? ojson(nullptr) : ojson(report.wmi);
        out["check_digit"] = report.check_digit ? ojson(std::string(1, *report.check_digit)) : ojson(nullptr);
        out["model_year"] = report.model_year ? ojson(*report.model_year) : ojson(nullptr);
        const int this_year = (as_of ? *as_of : today_utc()).year();
        out["model_year_future"] = report.model_year && *report.model_year > this_year + 1;
        if (report.maker)
            out["manufacturer"] = {{"name", report.maker->manufacturer}, {"brands", report.maker->brands},
                                   {"source", report.maker->source}, {"confidence", report.maker->confidence}};
        else
            out["manufacturer"] = nullptr;
        return {true, out.dump()};
    } catch (const std::exception& e) {
        return internal_error(e.what());
    }
}

Answer uscc_json(std::string_view code) {
    try {
        if (code.size() > kMaxStringBytes) return {false, error_to_json({"too_large", "/uscc", "a USCC argument is at most 512 bytes"})};
        const auto report = check_uscc(code);
        ojson out{{"uscc", report.code}, {"valid", report.valid}, {"problems", problems_json(report.problems)}};
        out["check_character"] = report.check_character ? ojson(std::string(1, *report.check_character)) : ojson(nullptr);
        out["authority"] = report.authority.empty() ? ojson(nullptr) : ojson(report.authority);
        out["division"] = report.division.empty() ? ojson(nullptr) : ojson(report.division);
        out["province"] = report.province.empty() ? ojson(nullptr) : ojson(report.province);
        out["organization_code"] = report.organization_code.empty() ? ojson(nullptr) : ojson(report.organization_code);
        if (!report.valid && !report.problems.empty() && report.problems.front().code == "uscc_check")
            out["note"] = "A checksum failure is a format anomaly to verify in the official register; some early codes fail it.";
        return {true, out.dump()};
    } catch (const std::exception& e) {
        return internal_error(e.what());
    }
}

std::string ruleset_info_json(const Ruleset& rules) {
    ojson sources = ojson::array();
    for (const auto& s : rules.sources)
        sources.push_back({{"id", s->id}, {"title", s->title}, {"title_en", s->title_en}, {"number", s->number},
                           {"issued", s->issued}, {"effective", s->effective}, {"url", s->url}, {"grade", s->grade}});
    ojson list = ojson::array();
    for (const auto& r : rules.rules)
        list.push_back({{"id", r.id},
                        {"from", r.from ? ojson(format_date(*r.from)) : ojson(nullptr)},
                        {"until", r.until ? ojson(format_date(*r.until)) : ojson(nullptr)},
                        {"source", r.source->id},
                        {"clause", r.clause},
                        {"confidence", name_of(r.confidence)}});
    return ojson{{"id", rules.id}, {"version", rules.version}, {"sha256", rules.sha256}, {"compiled", rules.compiled},
                 {"rules", list}, {"sources", sources}}
        .dump();
}

}  // namespace evexport
