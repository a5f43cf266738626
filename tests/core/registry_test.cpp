// The registry hook: a portal's copy of the year's list answers the exporter's list status.
#include <gtest/gtest.h>

#include "corpus.hpp"
#include "evexport/api.hpp"
#include "evexport/registry.hpp"

namespace {

using corpus::json;
const evexport::Date kToday = *evexport::parse_date("2026-11-28");

std::shared_ptr<const evexport::Registry> fictional() {
    auto loaded =
        evexport::Registry::load(corpus::read(std::string(EVEXPORT_CASES_DIR) + "/../registry/fictional-2026.json"));
    EXPECT_TRUE(std::holds_alternative<std::shared_ptr<const evexport::Registry>>(loaded));
    return std::get<std::shared_ptr<const evexport::Registry>>(loaded);
}

json check(const json& exporter, const std::string& as_of = "2026-03-01", const std::string& make = "BYD") {
    const json request = {
        {"as_of", as_of},
        {"vehicle", {{"make", make}, {"category", "passenger_car"}, {"powertrain", "bev"}, {"condition", "new"}}},
        {"exporter", exporter}};
    static const auto registry = fictional();
    return json::parse(
        evexport::evaluate_json(request.dump(), evexport::Ruleset::builtin(), kToday, registry.get()).json);
}

std::vector<std::string> codes(const json& list, const char* key) {
    std::vector<std::string> out;
    for (const auto& item : list) out.push_back(item[key]);
    return out;
}

TEST(Registry, LoadsTheDocumentedFormat) {
    const auto r = fictional();
    EXPECT_EQ(r->entries.size(), 4u);
    EXPECT_TRUE(r->covers(2026));
    EXPECT_TRUE(r->covers(2025));
    EXPECT_FALSE(r->covers(2027));
    EXPECT_EQ(r->entries[3].year, 2025);
}

TEST(Registry, ListedManufacturerFoundByCode) {
    const auto r = check({{"uscc", "91440300MA5FK00171"}});
    EXPECT_EQ(r["verdict"], "conditional");
    EXPECT_EQ(codes(r["warnings"], "code"), std::vector<std::string>{});
    EXPECT_NE(r["reasons"][1]["text"].get<std::string>().find("FICTIONAL"), std::string::npos);
}

TEST(Registry, AuthorisedExporterFoundByNameWithoutCaseOrSpacing) {
    const auto r =
        check({{"name", "fictional export trading co.,ltd."},
               {"role", "authorized_exporter"},
               {"authorization", {{"brand", "BYD"}, {"valid_from", "2026-01-01"}, {"valid_until", "2026-12-31"}}}});
    EXPECT_EQ(r["verdict"], "conditional") << r.dump();
}

TEST(Registry, AnExporterNotOnTheListIsNotPermittedWhateverItClaims) {
    const auto r = check({{"uscc", "91350100M000100Y43"}, {"role", "manufacturer"}, {"listed", true}});
    EXPECT_EQ(r["verdict"], "not_permitted");
    EXPECT_EQ(codes(r["warnings"], "code"), std::vector<std::string>{"registry_mismatch"});
}

TEST(Registry, ListedForAnotherBrand) {
    const auto r = check({{"uscc", "91370200MA3CT0036J"}}, "2026-03-01", "BYD");
    EXPECT_EQ(r["verdict"], "not_permitted");
    EXPECT_EQ(codes(r["warnings"], "code"), std::vector<std::string>{"authorization_brand_mismatch"});
}

TEST(Registry, OnLastYearsListOnly) {
    // 2025's list covers 2025; in 2026 the exporter is not on the 2026 list.
    EXPECT_EQ(check({{"uscc", "91110000MA0TR0043K"}})["verdict"], "not_permitted");
    // In 2025 new BEVs needed no licence at all; a petrol car shows the 2025 listing.
    const json request = {
        {"as_of", "2025-06-01"},
        {"vehicle", {{"make", "BYD"}, {"category", "passenger_car"}, {"powertrain", "phev"}, {"condition", "new"}}},
        {"exporter",
         {{"uscc", "91110000MA0TR0043K"},
          {"authorization", {{"brand", "BYD"}, {"valid_from", "2025-01-01"}, {"valid_until", "2025-12-31"}}}}}};
    const auto registry = fictional();
    const auto r =
        json::parse(evexport::evaluate_json(request.dump(), evexport::Ruleset::builtin(), kToday, registry.get()).json);
    EXPECT_EQ(r["verdict"], "conditional") << r.dump();
}

TEST(Registry, AYearTheListDoesNotCoverIsAskedAsBefore) {
    const auto r = check({{"uscc", "91440300MA5FK00171"}, {"role", "manufacturer"}}, "2027-03-01");
    EXPECT_EQ(r["verdict"], "undetermined");
    EXPECT_EQ(codes(r["missing"], "field"), std::vector<std::string>{"/exporter/listed"});
}

TEST(Registry, WithoutCodeOrNameTheCodeIsAskedFor) {
    const auto r = check({{"role", "manufacturer"}});
    EXPECT_EQ(codes(r["missing"], "field"), std::vector<std::string>{"/exporter/uscc"});
    EXPECT_FALSE(r["missing"][0]["question"].get<std::string>().empty());
}

TEST(Registry, MalformedRegistriesAreRefusedWithThePlace) {
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"[]", ""},
        {R"({"schema":1,"enterprises":{}})", "/enterprises"},
        {R"({"schema":1,"year":2026,"enterprises":[{"name":"X","role":"trader"}]})", "/enterprises/0/role"},
        {R"({"schema":1,"enterprises":[{"name":"X","role":"manufacturer"}]})", "/enterprises/0/year"},
        {R"({"schema":1,"year":2026,"enterprises":[{"role":"manufacturer"}]})", "/enterprises/0"},
        {R"({"schema":2,"enterprises":[]})", "/schema"},
    };
    for (const auto& [text, field] : bad) {
        auto loaded = evexport::Registry::load(text);
        ASSERT_TRUE(std::holds_alternative<evexport::Error>(loaded)) << text;
        EXPECT_EQ(std::get<evexport::Error>(loaded).code, "invalid_registry");
        EXPECT_EQ(std::get<evexport::Error>(loaded).field, field) << text;
    }
}

}  // namespace

namespace {

// The company code decides when it is given (docs/SECURITY.md): a valid code that is not on the
// list, with the name of an enterprise that is, is not listed, and the borrowed name is flagged.
TEST(Registry, ACodeNotOnTheListIsNotListedWhateverTheNameSays) {
    const auto r = check({{"uscc", "91350100M000100Y43"},
                          {"name", "Fictional Motors Manufacturing Co., Ltd. (虚构汽车制造有限公司)"},
                          {"role", "manufacturer"}});
    EXPECT_EQ(r["verdict"], "not_permitted") << r.dump();
    EXPECT_EQ(codes(r["warnings"], "code"), std::vector<std::string>{"registry_name_code_conflict"});
    EXPECT_EQ(r["warnings"][0]["field"], "/exporter/name");
}

TEST(Registry, ANameOfAnotherEntryBesideAListedCodeIsFlagged) {
    const auto r = check(
        {{"uscc", "91440300MA5FK00171"}, {"name", "Fictional Export Trading Co., Ltd."}, {"role", "manufacturer"}});
    EXPECT_EQ(r["verdict"], "conditional");
    EXPECT_EQ(codes(r["warnings"], "code"), std::vector<std::string>{"registry_name_code_conflict"});
}

TEST(Registry, TheCodeAndItsOwnNameAgree) {
    const auto r = check({{"uscc", "91440300MA5FK00171"},
                          {"name", "fictional motors manufacturing co., ltd. (虚构汽车制造有限公司)"},
                          {"role", "manufacturer"}});
    EXPECT_EQ(r["verdict"], "conditional");
    EXPECT_EQ(codes(r["warnings"], "code"), std::vector<std::string>{});
}

}  // namespace
