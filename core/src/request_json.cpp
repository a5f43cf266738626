// JSON text → typed Request, with the contract's structured errors (a JSON Pointer for each field).
#include <nlohmann/json.hpp>

#include "evexport/api.hpp"
#include "json_reader.hpp"

namespace evexport {

using detail::json;

namespace {

// Deepest nesting of arrays and objects, counted before parsing so that no input can make the
// parser or the document it builds grow without bound. Stops counting past `limit`.
int nesting_depth(std::string_view text, int limit) {
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '{' || c == '[') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit) break;
        } else if (c == '}' || c == ']') --depth;
    }
    return deepest;
}

bool is_hs_code(std::string_view s) {
    if (s.size() != 10) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

bool is_country(std::string_view s) { return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z'; }

}  // namespace

std::variant<Request, Error> parse_request(std::string_view text, Date today) {
    if (text.size() > kMaxRequestBytes)
        return Error{"too_large", "", "a request may be at most " + std::to_string(kMaxRequestBytes) + " bytes"};
    if (nesting_depth(text, kMaxNestingDepth) > kMaxNestingDepth)
        return Error{"too_large", "", "a request may nest at most " + std::to_string(kMaxNestingDepth) + " levels"};

    std::size_t error_at = 0;
    const auto parsed = detail::parse_json(text, &error_at);
    if (!parsed) return Error{"invalid_json", "", "not valid JSON (at byte " + std::to_string(error_at) + ")"};
    const json& root = *parsed;
    if (!root.is_object()) return Error{"invalid_field", "", "a request must be a JSON object"};

    detail::Reader in("invalid_field");
    constexpr auto S = kMaxStringBytes;
    Request r;
    r.as_of = in.date(root, "", "as_of");
    if (auto lang = in.string(root, "", "lang", 16)) r.lang = *lang;

    if (const json* v = in.object(root, "", "vehicle")) {
        const std::string at = "/vehicle";
        auto& out = r.vehicle;
        out.vin = in.string(*v, at, "vin", S);
        out.make = in.string(*v, at, "make", S);
        out.model = in.string(*v, at, "model", S);
        out.category = in.enumeration<Category>(*v, at, "category");
        out.powertrain = in.enumeration<Powertrain>(*v, at, "powertrain", request_value_count<Powertrain>());
        out.hs_code = in.string(*v, at, "hs_code", S);
        if (out.hs_code && !is_hs_code(*out.hs_code)) in.fail(at + "/hs_code", "a China customs code has 10 digits, such as 8703801090");
        out.condition = in.enumeration<Condition>(*v, at, "condition");
        out.registration_date = in.date(*v, at, "registration_date");
        out.modified = in.boolean(*v, at, "modified");
    }
    if (const json* e = in.object(root, "", "exporter")) {
        const std::string at = "/exporter";
        auto& out = r.exporter;
        out.name = in.string(*e, at, "name", S);
        out.uscc = in.string(*e, at, "uscc", S);
        out.role = in.enumeration<Role>(*e, at, "role");
        out.listed = in.boolean(*e, at, "listed");
        if (const json* a = in.object(*e, at, "authorization")) {
            const std::string aat = at + "/authorization";
            Authorization auth;
            auth.brand = in.string(*a, aat, "brand", S);
            auth.valid_from = in.date(*a, aat, "valid_from");
            auth.valid_until = in.date(*a, aat, "valid_until");
            if (auth.valid_from && auth.valid_until && *auth.valid_until < *auth.valid_from)
                in.fail(aat + "/valid_until", "the authorisation ends before it starts");
            out.authorization = auth;
        }
        out.registered_owner = in.boolean(*e, at, "registered_owner");
    }
    if (const json* s = in.object(root, "", "shipment")) {
        const std::string at = "/shipment";
        r.shipment.destination = in.string(*s, at, "destination", S);
        if (r.shipment.destination && !is_country(*r.shipment.destination))
            in.fail(at + "/destination", "an ISO 3166-1 alpha-2 country code in capitals, such as KZ");
        r.shipment.trade_mode = in.enumeration<TradeMode>(*s, at, "trade_mode");
    }
    if (const json* ev = in.object(root, "", "evidence")) {
        const std::string at = "/evidence";
        r.evidence.aftersales_confirmation = in.boolean(*ev, at, "aftersales_confirmation");
        r.evidence.quality_report = in.boolean(*ev, at, "quality_report");
        r.evidence.ccc = in.boolean(*ev, at, "ccc");
        r.evidence.miit_catalogue = in.boolean(*ev, at, "miit_catalogue");
    }
    if (!in.ok()) return in.error();

    if (!r.as_of) r.as_of = today;
    if (r.vehicle.registration_date && *r.as_of < *r.vehicle.registration_date)
        return Error{"invalid_field", "/vehicle/registration_date", "the registration date is after the export date (as_of)"};
    return r;
}

}  // namespace evexport
