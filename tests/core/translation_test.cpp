// Translation packs (core/rules/translations/): each one complete for the built-in ruleset, and a
// pack that does not fit refused with a pointer into it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "corpus.hpp"
#include "evexport/api.hpp"
#include "evexport/ruleset.hpp"

namespace {

using evexport::Ruleset;
using json = nlohmann::ordered_json;

const std::string kDir = std::string(EVEXPORT_RULES_DIR) + "/translations/";
const char* const kLanguages[] = {"ru", "es", "pt-BR", "ar"};

std::shared_ptr<const Ruleset> with(const std::vector<std::string>& packs) {
    std::vector<std::string_view> views(packs.begin(), packs.end());
    auto loaded = Ruleset::builtin().with_translations(views);
    if (auto* error = std::get_if<evexport::Error>(&loaded))
        ADD_FAILURE() << error->code << " at " << error->field << ": " << error->message;
    return std::holds_alternative<evexport::Error>(loaded) ? nullptr : std::get<std::shared_ptr<const Ruleset>>(loaded);
}

evexport::Error refusal(const json& pack) {
    auto loaded = Ruleset::builtin().with_translations({pack.dump()});
    EXPECT_TRUE(std::holds_alternative<evexport::Error>(loaded)) << "accepted";
    return std::holds_alternative<evexport::Error>(loaded) ? std::get<evexport::Error>(loaded) : evexport::Error{};
}

json pack(const char* lang) { return json::parse(corpus::read(kDir + lang + ".json")); }

std::string english_text(const std::string& rule_id) {
    const auto doc = json::parse(corpus::read(std::string(EVEXPORT_RULES_DIR) + "/cn-vehicle-export.json"));
    for (const auto& rule : doc["rules"])
        if (rule["id"] == rule_id) return rule["text"]["en"];
    return {};
}

TEST(Translation, EveryPackTranslatesEveryTextOfTheBuiltInRuleset) {
    std::vector<std::string> packs;
    for (const char* lang : kLanguages) packs.push_back(corpus::read(kDir + lang + ".json"));
    const auto rules = with(packs);
    ASSERT_TRUE(rules);
    EXPECT_EQ(rules->languages, (std::vector<std::string>{"en", "zh", "ru", "es", "pt-BR", "ar"}));
    for (const char* lang : kLanguages) {
        SCOPED_TRACE(lang);
        for (const auto& rule : rules->rules) EXPECT_TRUE(rule.text.has(lang)) << rule.id;
        for (const auto& [code, text] : rules->messages) EXPECT_TRUE(text.has(lang)) << code;
        for (const auto& source : rules->sources) EXPECT_TRUE(source->translated_title.has(lang)) << source->id;
    }
    EXPECT_EQ(rules->sha256, Ruleset::builtin().sha256) << "translations do not change what the ruleset says";
}

TEST(Translation, ResultsCarryTheTranslatedTextsAndTheChineseTitleBesideTheTranslation) {
    const auto rules = with({corpus::read(kDir + "ru.json")});
    ASSERT_TRUE(rules);
    const std::string request =
        R"({"as_of":"2026-03-01","lang":"ru",)"
        R"("vehicle":{"category":"passenger_car","powertrain":"bev","condition":"new"},"exporter":{"role":"trader"}})";
    const auto result = json::parse(evexport::evaluate_json(request, *rules, *evexport::parse_date("2026-03-01")).json);
    const auto& reason = result["reasons"][0];
    EXPECT_EQ(reason["rule"], "cn.licence.bev-2026");
    EXPECT_EQ(reason["text"], pack("ru")["texts"]["rules/cn.licence.bev-2026/text"]);
    EXPECT_EQ(reason["source"]["title"], "《公布对纯电动乘用车实施出口许可证管理》");
    EXPECT_EQ(reason["source"]["title_translated"], pack("ru")["texts"]["sources/D1/title"]);
    // Languages without a translation keep falling back to English, with no translated title.
    auto fr = json::parse(request);
    fr["lang"] = "fr";
    const auto french =
        json::parse(evexport::evaluate_json(fr.dump(), *rules, *evexport::parse_date("2026-03-01")).json);
    EXPECT_EQ(french["reasons"][0]["rule"], "cn.licence.bev-2026");
    EXPECT_EQ(french["reasons"][0]["text"], english_text("cn.licence.bev-2026"));
    EXPECT_FALSE(french["reasons"][0]["source"].contains("title_translated"));
}

TEST(Translation, APackThatDoesNotFitIsRefusedWithAPointerIntoIt) {
    auto missing = pack("es");
    missing["texts"].erase("messages/exporter_trader");
    EXPECT_EQ(refusal(missing).field, "/texts/messages~1exporter_trader");

    auto extra = pack("es");
    extra["texts"]["rules/cn.no-such-rule/text"] = "¿?";
    EXPECT_EQ(refusal(extra).field, "/texts/rules~1cn.no-such-rule~1text");

    auto placeholder = pack("es");
    placeholder["texts"]["messages/authorization_brand_mismatch"] = "La autorización es para {marca}.";
    EXPECT_EQ(refusal(placeholder).field, "/texts/messages~1authorization_brand_mismatch");

    auto older = pack("ar");
    older["version"] = "2026.1.1";
    EXPECT_EQ(refusal(older).field, "/version");

    auto own = pack("ru");
    own["lang"] = "zh";
    EXPECT_EQ(refusal(own).field, "/lang");

    EXPECT_EQ(refusal(json::array()).code, "invalid_translation");
    auto twice = Ruleset::builtin().with_translations({corpus::read(kDir + "ru.json")});
    ASSERT_TRUE(std::holds_alternative<std::shared_ptr<const Ruleset>>(twice));
    auto again = std::get<std::shared_ptr<const Ruleset>>(twice)->with_translations({corpus::read(kDir + "ru.json")});
    ASSERT_TRUE(std::holds_alternative<evexport::Error>(again));
    EXPECT_EQ(std::get<evexport::Error>(again).field, "/lang");
}

}  // namespace
