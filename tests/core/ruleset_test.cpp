#include <gtest/gtest.h>
#include <algorithm>

#include <set>

#include "corpus.hpp"
#include "evexport/api.hpp"
#include "evexport/ruleset.hpp"
#include "packed.hpp"
#include "sha256.hpp"

namespace {

using evexport::Ruleset;

const std::string kRulesFile = std::string(EVEXPORT_RULES_DIR) + "/cn-vehicle-export.json";

TEST(Sha256, KnownVectors) {
    EXPECT_EQ(evexport::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(evexport::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(evexport::sha256_hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    EXPECT_EQ(evexport::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Ruleset, BuiltInIsTheFileItWasBuiltFrom) {
    const auto& rules = Ruleset::builtin();
    EXPECT_EQ(rules.sha256, evexport::sha256_hex(corpus::read(kRulesFile)));
    EXPECT_EQ(rules.id, "cn-vehicle-export");
}

// The file names the dossier section behind every rule (the wasm build embeds it without them).
TEST(Ruleset, EveryRuleInTheFileNamesItsDossierSection) {
    const auto doc = corpus::json::parse(corpus::read(kRulesFile));
    for (const auto& rule : doc["rules"]) EXPECT_FALSE(rule.value("dossier", std::string()).empty()) << rule["id"];
}

TEST(Ruleset, EveryRuleIsDatedCitedAndExplainedInEnglishAndChinese) {
    const auto& rules = Ruleset::builtin();
    std::set<std::string> ids;
    for (const auto& rule : rules.rules) {
        SCOPED_TRACE(rule.id);
        EXPECT_TRUE(ids.insert(rule.id).second) << "duplicate id";
        EXPECT_TRUE(rule.from || rule.until || rule.kind == evexport::RuleKind::licence_scope) << "undated";
        ASSERT_NE(rule.source, nullptr);
        EXPECT_FALSE(rule.source->url.empty());
        EXPECT_FALSE(rule.source->number.empty());
        EXPECT_FALSE(rule.clause.empty());
        EXPECT_TRUE(rule.text.has("en") && rule.text.has("zh"));
    }
    for (const auto* list : {&rules.documents, &rules.obligations})
        for (const auto& e : *list) {
            SCOPED_TRACE(e.code);
            EXPECT_NE(e.source, nullptr);
            EXPECT_TRUE(e.text.has("en") && e.text.has("zh"));
        }
    for (const auto& [key, text] : rules.messages) EXPECT_TRUE(text.has("en") && text.has("zh")) << key;
    for (const auto& [key, text] : rules.questions) EXPECT_TRUE(text.has("en") && text.has("zh")) << key;
}

TEST(Ruleset, EveryContractWarningCodeHasItsText) {
    for (const char* code :
         {"vin_invalid", "vin_check_digit", "vin_make_mismatch", "vin_unknown_wmi", "vin_model_year_future",
          "uscc_invalid", "uscc_check", "authorization_expired", "authorization_not_yet_valid",
          "authorization_brand_mismatch", "recently_registered", "hs_code_mismatch", "rule_unconfirmed", "not_covered",
          "registry_mismatch", "registry_role_mismatch"})
        EXPECT_TRUE(Ruleset::builtin().message(code).has("en")) << code;
}

TEST(Ruleset, LoadsFromAFileAndNamesItsBytes) {
    const auto text = corpus::read(kRulesFile);
    auto loaded = Ruleset::load(text);
    ASSERT_TRUE(std::holds_alternative<std::shared_ptr<const Ruleset>>(loaded));
    const auto& rules = *std::get<std::shared_ptr<const Ruleset>>(loaded);
    EXPECT_EQ(rules.sha256, Ruleset::builtin().sha256);
    EXPECT_EQ(rules.rules.size(), Ruleset::builtin().rules.size());
}

// A loaded ruleset decides exactly as the built-in one, and a changed date changes the answer.
TEST(Ruleset, ADateInTheDataMovesTheBoundary) {
    auto doc = corpus::json::parse(corpus::read(kRulesFile));
    for (auto& rule : doc["rules"]) {
        if (rule["id"] == "cn.licence.bev-2026") rule["from"] = "2026-02-01";
        if (rule["id"] == "cn.scope.bev-before-2026") rule["until"] = "2026-01-31";
    }
    auto loaded = Ruleset::load(doc.dump());
    ASSERT_TRUE(std::holds_alternative<std::shared_ptr<const Ruleset>>(loaded));
    const auto& moved = *std::get<std::shared_ptr<const Ruleset>>(loaded);
    const std::string request =
        R"({"as_of":"2026-01-15","vehicle":{"category":"passenger_car","powertrain":"bev","condition":"new"}})";
    EXPECT_EQ(corpus::json::parse(evexport::evaluate_json(request, Ruleset::builtin()).json)["licence_required"], true);
    EXPECT_EQ(corpus::json::parse(evexport::evaluate_json(request, moved).json)["licence_required"], false);
    EXPECT_NE(moved.sha256, Ruleset::builtin().sha256);
}

TEST(Ruleset, MalformedRulesetsAreRefusedWithThePlace) {
    auto base = corpus::json::parse(corpus::read(kRulesFile));
    auto refuse = [&](const std::function<void(corpus::json&)>& damage, const std::string& field) {
        auto doc = base;
        damage(doc);
        auto loaded = Ruleset::load(doc.dump());
        ASSERT_TRUE(std::holds_alternative<evexport::Error>(loaded)) << field;
        EXPECT_EQ(std::get<evexport::Error>(loaded).code, "invalid_ruleset");
        EXPECT_EQ(std::get<evexport::Error>(loaded).field, field);
    };
    refuse([](auto& d) { d["rules"][0]["source"] = "D99"; }, "/rules/0/source");
    refuse([](auto& d) { d["rules"][0]["from"] = "2026-02-30"; }, "/rules/0/from");
    refuse([](auto& d) { d["rules"][0]["kind"] = "magic"; }, "/rules/0/kind");
    refuse([](auto& d) { d["rules"][0]["confidence"] = "probably"; }, "/rules/0/confidence");
    refuse([](auto& d) { d["rules"][0]["text"].erase("en"); }, "/rules/0/text/en");
    refuse([](auto& d) { d["rules"][1]["documents"] = {"no_such_document"}; }, "/rules/1/documents");
    refuse([](auto& d) { d["rules"][0]["until"] = "2000-01-01"; }, "/rules/0/until");
    refuse([](auto& d) { d.erase("sources"); }, "/sources");
    refuse([](auto& d) { d["schema"] = 2; }, "/schema");
    refuse([](auto& d) { d = corpus::json::array(); }, "");
    auto garbage = Ruleset::load("{\"schema\": 1,");
    ASSERT_TRUE(std::holds_alternative<evexport::Error>(garbage));
    EXPECT_EQ(std::get<evexport::Error>(garbage).code, "invalid_ruleset");
}

TEST(Ruleset, CustomsCodeTable) {
    const auto& rules = Ruleset::builtin();
    ASSERT_NE(rules.hs_lookup("8703801090"), nullptr);
    EXPECT_EQ(rules.hs_lookup("8703801090")->condition, evexport::Condition::new_vehicle);
    EXPECT_EQ(rules.hs_lookup("8703234190")->hs, "870323");
    EXPECT_EQ(rules.hs_lookup("9999999999"), nullptr);
    EXPECT_EQ(
        rules.hs_derive(evexport::Category::low_speed, evexport::Powertrain::bev, evexport::Condition::new_vehicle)->hs,
        "8703809090");
}

TEST(Api, RulesetInfoListsRulesAndSources) {
    const auto info = corpus::json::parse(evexport::ruleset_info_json());
    EXPECT_EQ(info["sha256"], Ruleset::builtin().sha256);
    EXPECT_EQ(info["rules"].size(), Ruleset::builtin().rules.size());
    EXPECT_FALSE(info["sources"].empty());
}

TEST(Api, VinAndUsccAnswers) {
    const auto vin = corpus::json::parse(evexport::vin_json("LGXCE4CB6T0123456").json);
    EXPECT_EQ(vin["valid"], true);
    EXPECT_EQ(vin["manufacturer"]["brands"][0], "BYD");
    const auto bad = corpus::json::parse(evexport::vin_json("LGXCE4CB7T0123456").json);
    EXPECT_EQ(bad["valid"], false);
    EXPECT_EQ(bad["problems"][0]["code"], "vin_check_digit");
    EXPECT_EQ(bad["problems"][0]["positions"][0], 9);
    const auto uscc = corpus::json::parse(evexport::uscc_json("91350100M000100Y44").json);
    EXPECT_EQ(uscc["valid"], false);
    EXPECT_EQ(uscc["problems"][0]["code"], "uscc_check");
    EXPECT_FALSE(evexport::vin_json(std::string(600, 'A')).ok);
}

}  // namespace

namespace {

// Replacing the ruleset in force (issue: tampered or stale rulesets are refused, the one in force stays).
std::string with(const std::function<void(corpus::json&)>& change) {
    auto doc = corpus::json::parse(corpus::read(kRulesFile));
    change(doc);
    return doc.dump();
}

// A new version names itself in the change log's first entry as well.
void set_version(corpus::json& d, const std::string& version) {
    d["version"] = version;
    d["changes"] = corpus::json::array({d["changes"][0]});
    d["changes"][0]["version"] = version;
}

std::string refusal(std::string_view text, std::string_view pinned = {}) {
    auto loaded = Ruleset::load_replacement(text, Ruleset::builtin(), pinned);
    return std::holds_alternative<evexport::Error>(loaded) ? std::get<evexport::Error>(loaded).code : "accepted";
}

TEST(RulesetReplacement, ANewerVersionOfTheSameRulesetIsAccepted) {
    EXPECT_EQ(refusal(with([](auto& d) { set_version(d, "2026.12.1"); })), "accepted");
    EXPECT_EQ(refusal(corpus::read(kRulesFile)), "accepted");  // the very same bytes
}

TEST(RulesetReplacement, RefusalsNameTheirReason) {
    EXPECT_EQ(refusal(with([](auto& d) { set_version(d, "2026.1.1"); })), "ruleset_older");
    EXPECT_EQ(refusal(with([](auto& d) { set_version(d, "2025.12.31"); })), "ruleset_older");
    EXPECT_EQ(refusal(with([](auto& d) { d["rules"][1]["from"] = "2006-04-01"; })), "ruleset_version_reused");
    EXPECT_EQ(refusal(with([](auto& d) {
                  d["id"] = "someone-else";
                  set_version(d, "2030.1.1");
              })),
              "ruleset_id_mismatch");
    EXPECT_EQ(refusal("{ not json"), "invalid_ruleset");
    const auto newer = with([](auto& d) { set_version(d, "2026.12.1"); });
    EXPECT_EQ(refusal(newer, evexport::sha256_hex(newer)), "accepted");
    EXPECT_EQ(refusal(newer, Ruleset::builtin().sha256), "ruleset_sha256_mismatch");
}

TEST(RulesetReplacement, VersionsCompareNumerically) {
    EXPECT_LT(evexport::compare_versions("2026.11.28", "2026.12.1"), 0);
    EXPECT_GT(evexport::compare_versions("2026.11.28", "2026.9.30"), 0);
    EXPECT_EQ(evexport::compare_versions("2026.1", "2026.1.0"), 0);
    EXPECT_LT(evexport::compare_versions("1.9", "1.10"), 0);
}

}  // namespace

TEST(Ruleset, AListEntryIsNamedByItsOwnPointer) {
    auto doc = corpus::json::parse(corpus::read(kRulesFile));
    doc["rules"][2]["vehicles"][0]["powertrains"][1] = "steam";
    auto loaded = Ruleset::load(doc.dump());
    ASSERT_TRUE(std::holds_alternative<evexport::Error>(loaded));
    EXPECT_EQ(std::get<evexport::Error>(loaded).field, "/rules/2/vehicles/0/powertrains/1");
}

// The format is enforced: a key that does not belong to a rule's kind, or a missing one it needs,
// is refused with the key's pointer (docs/RULESET.md). Without this, an exemption that lost its
// trade_mode loaded and applied to every trade mode.
TEST(Ruleset, AStrayOrMissingKeyIsRefusedWithItsPointer) {
    const auto base = corpus::json::parse(corpus::read(kRulesFile));
    auto refused_at = [](const corpus::json& doc) {
        auto loaded = Ruleset::load(doc.dump());
        return std::holds_alternative<evexport::Error>(loaded) ? std::get<evexport::Error>(loaded).field
                                                               : std::string("accepted");
    };
    for (std::size_t i = 0; i < base["rules"].size(); ++i) {
        const auto at = "/rules/" + std::to_string(i);
        auto stray = base;
        stray["rules"][i]["trade_modes"] = corpus::json::array({"general"});
        EXPECT_EQ(refused_at(stray), at + "/trade_modes");
        for (const char* key : {"id", "kind", "source", "clause", "confidence", "text"}) {
            auto missing = base;
            missing["rules"][i].erase(key);
            EXPECT_NE(refused_at(missing), "accepted") << at << " without " << key;
        }
    }
    std::size_t exemptions = 0;
    for (std::size_t i = 0; i < base["rules"].size(); ++i) {
        const auto kind = base["rules"][i]["kind"].get<std::string>();
        const auto at = "/rules/" + std::to_string(i);
        for (const char* key :
             {"trade_mode", "categories", "roles", "max_days", "regime", "vehicles", "licence", "transferred_before"}) {
            if (!base["rules"][i].contains(key)) continue;
            auto missing = base;
            missing["rules"][i].erase(key);
            const bool required = !(kind == "used_exporter" && std::string(key) == "own_products_only");
            if (required) EXPECT_EQ(refused_at(missing), at + "/" + key) << kind;
        }
        exemptions += kind == "qualification_exemption";
        // A key of another kind is stray here.
        auto other = base;
        other["rules"][i][kind == "used_recent_registration" ? "roles" : "max_days"] =
            kind == "used_recent_registration" ? corpus::json::array({"trader"}) : corpus::json(10);
        EXPECT_NE(refused_at(other), "accepted") << at;
    }
    EXPECT_GE(exemptions, 2u);
    auto top = base;
    top["rule"] = corpus::json::array();
    EXPECT_EQ(refused_at(top), "/rule");
    auto source = base;
    source["sources"][0]["url"] = "javascript:alert(1)";
    EXPECT_EQ(refused_at(source), "/sources/0/url");
    auto message = base;
    message["messages"].erase("exporter_not_own_make");
    EXPECT_EQ(refused_at(message), "/messages/exporter_not_own_make");
    auto label = base;
    label["labels"].erase("role/trader");
    EXPECT_EQ(refused_at(label), "/labels/role~1trader");
    auto text = base;
    text["rules"][0]["text"]["fr"] = "texte";
    EXPECT_EQ(refused_at(text), "/rules/0/text/fr");
    auto changes = base;
    changes["changes"][0]["version"] = "2026.1.1";
    EXPECT_EQ(refused_at(changes), "/changes/0/version");
    auto unknown_rule = base;
    unknown_rule["changes"][0]["items"][0]["rules"] = corpus::json::array({"cn.no-such-rule"});
    EXPECT_EQ(refused_at(unknown_rule), "/changes/0/items/0/rules");
    auto twice = base;
    twice["rules"][1]["id"] = base["rules"][0]["id"];
    EXPECT_EQ(refused_at(twice), "/rules/1/id");
    auto not_a_list = base;
    not_a_list["rules"][0]["vehicles"] = corpus::json::object({{"category", "bus"}});
    EXPECT_EQ(refused_at(not_a_list), "/rules/0/vehicles");
    auto no_regime = base;
    no_regime["rules"][0]["regime"] = "none";  // a licence rule without its regime
    EXPECT_EQ(refused_at(no_regime), "/rules/0/regime");
}

TEST(Ruleset, EveryRuleNamedInTheChangeLogExists) {
    const auto& rules = Ruleset::builtin();
    ASSERT_FALSE(rules.changes.empty());
    EXPECT_EQ(rules.changes.front().version, rules.version);
    for (const auto& change : rules.changes)
        for (const auto& item : change.items)
            for (const auto& id : item.rules)
                EXPECT_TRUE(std::any_of(rules.rules.begin(), rules.rules.end(), [&](const auto& r) {
                    return r.id == id;
                })) << id;
}

// Versions compare part by part as numbers written in digits, with no integer to overflow: the
// native build and the 32-bit wasm build order them the same (docs/SECURITY.md).
TEST(RulesetReplacement, VersionsOfAnyLengthCompareTheSameEverywhere) {
    EXPECT_LT(evexport::compare_versions("2026.11.29", "4294967297.1"), 0);
    EXPECT_LT(evexport::compare_versions("99999999999999999999.1", "100000000000000000000"), 0);
    EXPECT_EQ(evexport::compare_versions("2026.011.29", "2026.11.29"), 0);
    EXPECT_GT(evexport::compare_versions("2026.11.29.1", "2026.11.29"), 0);
    auto doc = corpus::json::parse(corpus::read(kRulesFile));
    for (const char* bad : {"2099.1.1-beta", "", "1..2", ".1", "v2"}) {
        set_version(doc, bad);
        auto loaded = Ruleset::load(doc.dump());
        ASSERT_TRUE(std::holds_alternative<evexport::Error>(loaded)) << bad;
        EXPECT_EQ(std::get<evexport::Error>(loaded).field, "/version") << bad;
    }
}

// No text of a ruleset or translation can make answers grow without bound.
TEST(Ruleset, TextsAreBounded) {
    auto doc = corpus::json::parse(corpus::read(kRulesFile));
    std::string repeated;
    for (int i = 0; i < 100000; ++i) repeated += "{as_of}";
    doc["messages"]["exporter_trader"]["en"] = repeated;
    auto loaded = Ruleset::load(doc.dump());
    ASSERT_TRUE(std::holds_alternative<evexport::Error>(loaded));
    EXPECT_EQ(std::get<evexport::Error>(loaded).field, "/messages/exporter_trader/en");
    auto pack = corpus::json::parse(corpus::read(std::string(EVEXPORT_RULES_DIR) + "/translations/es.json"));
    pack["texts"]["messages/exporter_trader"] = "{as_of}{as_of}{as_of}{as_of}";
    auto translated = Ruleset::builtin().with_translations({pack.dump()});
    ASSERT_TRUE(std::holds_alternative<evexport::Error>(translated));
    EXPECT_EQ(std::get<evexport::Error>(translated).field, "/texts/messages~1exporter_trader");
}

// What the evaluator asks must have its question, so that no answer carries an empty one.
TEST(Ruleset, EveryQuestionTheEvaluatorAsksExists) {
    auto doc = corpus::json::parse(corpus::read(kRulesFile));
    doc["questions"].erase("/shipment/licence_application_date");
    auto loaded = Ruleset::load(doc.dump());
    ASSERT_TRUE(std::holds_alternative<evexport::Error>(loaded));
    EXPECT_EQ(std::get<evexport::Error>(loaded).field, "/questions/~1shipment~1licence_application_date");
}

namespace {

// The unconfirmed-rule warning says how the rule could change the outcome (issue 16 item 4), in the
// answer's language; the corpus (tests/cases/unconfirmed-rules.json) holds when it is given at all.
TEST(Evaluation, TheUnconfirmedWarningSaysHowTheRuleCouldChangeTheOutcome) {
    auto warning = [](const std::string& ccc, const std::string& lang) {
        const auto result = corpus::json::parse(
            evexport::evaluate_json(R"({"as_of":"2026-03-01","lang":")" + lang +
                                        R"(","vehicle":{"category":"truck","powertrain":"ice","condition":"new",)"
                                        R"("modified":true},"exporter":{"role":"manufacturer","listed":true},)"
                                        R"("evidence":{"miit_catalogue":true,"ccc":)" +
                                        ccc + "}}",
                                    Ruleset::builtin())
                .json);
        for (const auto& w : result["warnings"])
            if (w["code"] == "rule_unconfirmed") return w["text"].get<std::string>();
        return std::string();
    };
    EXPECT_NE(warning("false", "en").find(R"(: without them the answer would be "Permitted, with conditions".)"),
              std::string::npos)
        << warning("false", "en");
    EXPECT_NE(warning("false", "zh").find(R"(;若这些规则不成立,结论将为"有条件可以出口",)"), std::string::npos)
        << warning("false", "zh");
    EXPECT_NE(warning("true", "en").find("without them the documents, obligations or questions"), std::string::npos);
}

}  // namespace

// The WebAssembly build embeds the ruleset packed (core/src/packed.hpp). Read back, the packed form
// is the same ruleset: it packs to the same bytes, describes itself and answers every case of the
// corpus as the file does, in each language, with a translation too.
TEST(PackedRuleset, AnswersAsTheFileItWasPackedFrom) {
    const auto text = corpus::read(kRulesFile);
    const auto from_file = std::get<std::shared_ptr<const Ruleset>>(Ruleset::load(text));
    const auto packed = evexport::detail::pack_ruleset(*from_file);
    ASSERT_TRUE(packed);
    EXPECT_LT(packed->size(), text.size());
    auto loaded = Ruleset::load_packed(*packed, from_file->sha256);
    ASSERT_TRUE(std::holds_alternative<std::shared_ptr<const Ruleset>>(loaded))
        << std::get<evexport::Error>(loaded).message;
    const auto from_pack = std::get<std::shared_ptr<const Ruleset>>(loaded);
    EXPECT_EQ(evexport::detail::pack_ruleset(*from_pack), packed);
    EXPECT_EQ(from_pack->sha256, from_file->sha256);

    const auto es = corpus::read(std::string(EVEXPORT_RULES_DIR) + "/translations/es.json");
    const auto file_es = std::get<std::shared_ptr<const Ruleset>>(from_file->with_translations({es}));
    const auto pack_es = std::get<std::shared_ptr<const Ruleset>>(from_pack->with_translations({es}));
    for (const char* lang : {"en", "zh", "es"}) {
        EXPECT_EQ(evexport::ruleset_info_json(*pack_es, lang), evexport::ruleset_info_json(*file_es, lang)) << lang;
        EXPECT_EQ(evexport::tables_json(*pack_es, lang), evexport::tables_json(*file_es, lang)) << lang;
    }
    const auto today = *evexport::parse_date("2026-11-28");
    const auto cases = corpus::load();
    ASSERT_GT(cases.size(), 100u);
    for (const auto& c : cases)
        for (const char* lang : {"en", "zh", "es"}) {
            auto request = corpus::json::parse(c.request_text, nullptr, false);  // some cases are not JSON
            if (request.is_object()) request["lang"] = lang;
            const auto text = request.is_object() ? request.dump() : c.request_text;
            EXPECT_EQ(evexport::evaluate_json(text, *pack_es, today).json,
                      evexport::evaluate_json(text, *file_es, today).json)
                << c.topic_file << ": " << c.name << " in " << lang;
        }
}

// Bytes cut short, or with a byte changed, are refused, never followed (the native tests run under
// ASan too).
TEST(PackedRuleset, DamagedBytesAreRefusedNotFollowed) {
    const auto packed = *evexport::detail::pack_ruleset(Ruleset::builtin());
    for (std::size_t cut = 0; cut < packed.size(); cut += cut < 64 ? 1 : 997)
        EXPECT_TRUE(std::holds_alternative<evexport::Error>(Ruleset::load_packed(packed.substr(0, cut), ""))) << cut;
    for (std::size_t at = 0; at < 4096 && at < packed.size(); at += 7) {
        auto damaged = packed;
        damaged[at] = char(damaged[at] ^ 0x5a);
        EXPECT_TRUE(std::holds_alternative<evexport::Error>(Ruleset::load_packed(damaged, ""))) << at;
    }
}
