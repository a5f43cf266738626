// Bad input on every path returns the contract's structured error; nothing throws or crashes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "evexport/api.hpp"

namespace {

using json = nlohmann::json;
const evexport::Date kToday = *evexport::parse_date("2026-11-28");

json check(const std::string& text) {
    const auto answer = evexport::evaluate_json(text, evexport::Ruleset::builtin(), kToday);
    auto result = json::parse(answer.json);
    EXPECT_EQ(answer.ok, !result.contains("error")) << answer.json;
    return result;
}

TEST(Request, OversizeInputIsTooLarge) {
    const std::string big = R"({"vehicle":{"model":")" + std::string(evexport::kMaxRequestBytes, 'x') + "\"}}";
    const auto result = check(big);
    EXPECT_EQ(result["error"]["code"], "too_large");
}

TEST(Request, InputAtTheSizeLimitIsRead) {
    std::string text = R"({"as_of":"2026-03-01"})";
    text += std::string(evexport::kMaxRequestBytes - text.size(), ' ');
    EXPECT_FALSE(check(text).contains("error"));
}

TEST(Request, DeepNestingIsTooLargeAndDoesNotRecurse) {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    EXPECT_EQ(check(deep)["error"]["code"], "too_large");
    const std::string deep_objects = [] {
        std::string s;
        for (int i = 0; i < 5000; ++i) s += "{\"a\":";
        s += "1";
        for (int i = 0; i < 5000; ++i) s += "}";
        return s;
    }();
    EXPECT_EQ(check(deep_objects)["error"]["code"], "too_large");
}

TEST(Request, BracketsInsideStringsDoNotCountAsNesting) {
    const auto result = check(R"({"as_of":"2026-03-01","vehicle":{"model":"[[[[[[[[[[[[{{{{{{{{{{{"}})");
    EXPECT_FALSE(result.contains("error")) << result;
}

TEST(Request, NotJsonNamesTheByte) {
    const auto result = check("{\"as_of\": 2026-03-01}");
    EXPECT_EQ(result["error"]["code"], "invalid_json");
    EXPECT_NE(result["error"]["message"].get<std::string>().find("byte"), std::string::npos);
}

TEST(Request, InvalidUtf8IsInvalidJson) {
    EXPECT_EQ(check("{\"vehicle\":{\"make\":\"\xff\xfe\"}}")["error"]["code"], "invalid_json");
}

TEST(Request, DuplicateKeysKeepTheLastValue) {
    // Documented behaviour (README, Limits): the last occurrence of a key wins.
    const auto result = check(R"({"as_of":"2025-01-01","as_of":"2026-03-01"})");
    EXPECT_EQ(result["as_of"], "2026-03-01");
}

TEST(Request, EveryFieldOfTheWrongTypeNamesItsPointer) {
    const std::vector<std::pair<std::string, std::string>> fields = {
        {R"({"as_of":1})", "/as_of"},
        {R"({"lang":true})", "/lang"},
        {R"({"vehicle":[]})", "/vehicle"},
        {R"({"vehicle":{"make":1}})", "/vehicle/make"},
        {R"({"vehicle":{"model":{}}})", "/vehicle/model"},
        {R"({"vehicle":{"condition":"nearly new"}})", "/vehicle/condition"},
        {R"({"vehicle":{"modified":"no"}})", "/vehicle/modified"},
        {R"({"exporter":1})", "/exporter"},
        {R"({"exporter":{"name":[]}})", "/exporter/name"},
        {R"({"exporter":{"uscc":9}})", "/exporter/uscc"},
        {R"({"exporter":{"authorization":"BYD"}})", "/exporter/authorization"},
        {R"({"exporter":{"authorization":{"brand":1}}})", "/exporter/authorization/brand"},
        {R"({"exporter":{"authorization":{"valid_from":"2026-02-30"}}})", "/exporter/authorization/valid_from"},
        {R"({"exporter":{"registered_owner":0}})", "/exporter/registered_owner"},
        {R"({"shipment":"KZ"})", "/shipment"},
        {R"({"shipment":{"destination":"kz"}})", "/shipment/destination"},
        {R"({"evidence":[]})", "/evidence"},
        {R"({"evidence":{"aftersales_confirmation":"yes"}})", "/evidence/aftersales_confirmation"},
        {R"({"evidence":{"ccc":null,"miit_catalogue":2}})", "/evidence/miit_catalogue"},
    };
    for (const auto& [text, pointer] : fields) {
        const auto result = check(text);
        ASSERT_TRUE(result.contains("error")) << text;
        EXPECT_EQ(result["error"]["code"], "invalid_field") << text;
        EXPECT_EQ(result["error"]["field"], pointer) << text;
    }
}

TEST(Request, ParsesEveryFieldOfTheContractExample) {
    const auto parsed = evexport::parse_request(
        R"({
      "as_of": "2026-03-01", "lang": "en",
      "vehicle": { "vin": "LGXCE4CB6T0123456", "make": "BYD", "model": "Seal", )"
        R"("category": "passenger_car", "powertrain": "bev",
                   "hs_code": "8703801090", "condition": "new", "registration_date": "2026-01-10", "modified": false },
      "exporter": { "name": "Example Auto Co., Ltd.", "uscc": "91350100M000100Y43", )"
        R"("role": "manufacturer", "listed": true,
                    "authorization": { "brand": "BYD", "valid_from": "2026-01-01", "valid_until": "2026-12-31" }, )"
        R"("registered_owner": true },
      "shipment": { "destination": "KZ", "trade_mode": "general" },
      "evidence": { "aftersales_confirmation": true, "quality_report": true, "ccc": true, "miit_catalogue": true } })",
        kToday);
    ASSERT_TRUE(std::holds_alternative<evexport::Request>(parsed));
    const auto& r = std::get<evexport::Request>(parsed);
    EXPECT_EQ(evexport::format_date(*r.as_of), "2026-03-01");
    EXPECT_EQ(r.vehicle.model, "Seal");
    EXPECT_EQ(r.vehicle.category, evexport::Category::passenger_car);
    EXPECT_EQ(r.vehicle.powertrain, evexport::Powertrain::bev);
    EXPECT_EQ(r.vehicle.condition, evexport::Condition::new_vehicle);
    EXPECT_EQ(r.vehicle.modified, false);
    EXPECT_EQ(r.exporter.role, evexport::Role::manufacturer);
    EXPECT_EQ(r.exporter.authorization->brand, "BYD");
    EXPECT_EQ(evexport::format_date(*r.exporter.authorization->valid_until), "2026-12-31");
    EXPECT_EQ(r.shipment.trade_mode, evexport::TradeMode::general);
    EXPECT_EQ(r.evidence.miit_catalogue, true);
}

TEST(Request, ResultCarriesTheRulesetThatDecidedIt) {
    const auto result = check(R"({"as_of":"2026-03-01"})");
    const auto& rules = evexport::Ruleset::builtin();
    EXPECT_EQ(result["ruleset"]["id"], rules.id);
    EXPECT_EQ(result["ruleset"]["version"], rules.version);
    EXPECT_EQ(result["ruleset"]["sha256"], rules.sha256);
}

TEST(Request, UnknownLanguageFallsBackToEnglish) {
    const auto result = check(R"({"as_of":"2026-03-01","lang":"xx",)"
                              R"("vehicle":{"category":"passenger_car","powertrain":"bev","condition":"new"}})");
    EXPECT_NE(result["reasons"][0]["text"].get<std::string>().find("From 2026-01-01"), std::string::npos);
}

}  // namespace

// The result writer: always valid JSON, whatever bytes a text holds.
#include "json_writer.hpp"

TEST(JsonWriter, EscapesAndKeepsUtf8) {
    evexport::detail::JsonWriter w;
    w.begin_object()
        .member("a", std::string_view("q\"b\\n\n\t\x01 比亚迪 😀"))
        .member("n", std::optional<int>())
        .member("list", std::vector<int>{9, 17});
    const auto text = w.end_object().take();
    EXPECT_EQ(text, "{\"a\":\"q\\\"b\\\\n\\n\\t\\u0001 比亚迪 😀\",\"n\":null,\"list\":[9,17]}");
    EXPECT_EQ(json::parse(text)["a"], "q\"b\\n\n\t\x01 比亚迪 😀");
}

TEST(JsonWriter, ReplacesInvalidUtf8) {
    for (std::string bad :
         {"\xff", "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe6\xaf", "ok\x80"}) {
        evexport::detail::JsonWriter w;
        w.begin_array().value(bad).end_array();
        const auto text = w.take();
        const auto parsed = json::parse(text, nullptr, false);
        ASSERT_FALSE(parsed.is_discarded()) << text;
        EXPECT_NE(parsed[0].get<std::string>().find("\xef\xbf\xbd"), std::string::npos) << text;
    }
}

// Every field of the table reaches its place in the typed request, whatever form it comes in.
#include "request_fields.hpp"

// A list in one cell (CSV, or a string in JSON): its items between the separators people type.
TEST(RequestFields, ListsWrittenAsOneText) {
    evexport::Request r;
    const auto vins = evexport::detail::kFieldCount;  // found below by pointer
    std::size_t at = vins;
    for (std::size_t i = 0; i < evexport::detail::kFieldCount; ++i)
        if (evexport::detail::kFields[i].pointer == "/papers/aftersales_confirmation/destinations") at = i;
    ASSERT_LT(at, vins);
    EXPECT_FALSE(evexport::detail::assign_text(r, at, " KZ, UZ;RU\nBY|AM，GE、AZ；TJ، EG "));
    EXPECT_EQ(*r.papers.aftersales_confirmation.destinations,
              (std::vector<std::string>{"KZ", "UZ", "RU", "BY", "AM", "GE", "AZ", "TJ", "EG"}));
    // Spaces do not separate: a brand or a VIN typed in groups has them.
    std::size_t brands = 0;
    for (std::size_t i = 0; i < evexport::detail::kFieldCount; ++i)
        if (evexport::detail::kFields[i].pointer == "/papers/authorization_letter/brands") brands = i;
    EXPECT_FALSE(evexport::detail::assign_text(r, brands, "Great Wall, Li Auto"));
    EXPECT_EQ(*r.papers.authorization_letter.brands, (std::vector<std::string>{"Great Wall", "Li Auto"}));
    const auto error = evexport::detail::assign_text(r, at, "KZ, kz");
    ASSERT_TRUE(error);
    EXPECT_EQ(error->field, "/papers/aftersales_confirmation/destinations/1");
}

TEST(RequestFields, EveryFieldAcceptsAValidValueOfItsType) {
    using evexport::detail::FieldType;
    for (std::size_t i = 0; i < evexport::detail::kFieldCount; ++i) {
        const auto& f = evexport::detail::kFields[i];
        const char* sample = "X";
        switch (f.type) {
            case FieldType::text: sample = "X"; break;
            case FieldType::lang: sample = "zh"; break;
            case FieldType::boolean: sample = "yes"; break;
            case FieldType::date: sample = "2026-01-01"; break;
            case FieldType::period: sample = "2025-03"; break;
            case FieldType::category: sample = "bus"; break;
            case FieldType::powertrain: sample = "hev"; break;
            case FieldType::condition: sample = "used"; break;
            case FieldType::role: sample = "trader"; break;
            case FieldType::trade_mode: sample = "border"; break;
            case FieldType::hs_code: sample = "8703801090"; break;
            case FieldType::country: sample = "KZ"; break;
            case FieldType::version: sample = "2026.11.28"; break;
            case FieldType::texts: sample = "LGXCE4CB6T0123456, LGXCE4CB6T0123457"; break;
            case FieldType::countries: sample = "KZ;UZ"; break;
            case FieldType::categories: sample = "bus, truck"; break;
            case FieldType::outlets: sample = "KZ、UZ"; break;
            case FieldType::amount: sample = "23800.50"; break;
            case FieldType::currency: sample = "USD"; break;
            case FieldType::drive_side: sample = "rhd"; break;
            case FieldType::importer: sample = "personal"; break;
        }
        evexport::Request r;
        EXPECT_FALSE(evexport::detail::assign_text(r, i, sample)) << f.pointer;
        EXPECT_TRUE(evexport::detail::assign_text(r, i, std::string(600, 'x')).has_value()) << f.pointer;
    }
}

namespace {

// A registration date may be a day, a month or a year (issue 16): a period of its days, cut at the
// export date and the licence application, which come after it.
TEST(RequestFields, ARegistrationDateMayBeAMonthOrAYear) {
    using evexport::parse_period;
    EXPECT_EQ(evexport::format_date(parse_period("2024-02")->last), "2024-02-29");
    EXPECT_EQ(evexport::format_date(parse_period("2025")->first), "2025-01-01");
    EXPECT_EQ(evexport::format_date(parse_period("2025")->last), "2025-12-31");
    EXPECT_EQ(parse_period("2025-03-14")->first, parse_period("2025-03-14")->last);
    for (const char* bad : {"2025-13", "2025-3", "25", "2101", "1899-12", "2025-03-32", "2025/03", "2025-"})
        EXPECT_FALSE(parse_period(bad)) << bad;
    const auto request = evexport::parse_request(R"({"as_of":"2026-03-10","vehicle":{"registration_date":"2026-03"},)"
                                                 R"("shipment":{"licence_application_date":"2026-03-05"}})",
                                                 *evexport::parse_date("2026-11-30"));
    const auto& v = std::get<evexport::Request>(request).vehicle;
    EXPECT_EQ(evexport::format_date(*v.registration_date), "2026-03-01");
    EXPECT_EQ(evexport::format_date(*v.registration_last), "2026-03-05");  // not after the application
    EXPECT_EQ(v.registration_given, "2026-03");
    const auto late = evexport::parse_request(R"({"as_of":"2026-03-10","vehicle":{"registration_date":"2026-04"}})",
                                              *evexport::parse_date("2026-11-30"));
    EXPECT_EQ(std::get<evexport::Error>(late).field, "/vehicle/registration_date");
}

}  // namespace
