// The Session the WebAssembly bindings forward to (docs/SECURITY.md): loads during a batch change
// nothing for it and free nothing it uses (run under ASan by ./scripts/test), batches run side by
// side, and every call answers JSON.
#include <gtest/gtest.h>

#include "corpus.hpp"
#include "evexport/session.hpp"

namespace {

using corpus::json;
const evexport::Date kToday = *evexport::parse_date("2026-11-28");

std::string file(const std::string& path) { return corpus::read(path); }
std::string registry_text() { return file(std::string(EVEXPORT_CASES_DIR) + "/../registry/fictional-2026.json"); }
std::string ruleset_text() { return file(std::string(EVEXPORT_RULES_DIR) + "/cn-vehicle-export.json"); }
std::string pack_text(const char* lang) {
    return file(std::string(EVEXPORT_RULES_DIR) + "/translations/" + lang + ".json");
}

// A newer version of the built-in ruleset in which every BEV needs no licence: loaded mid-batch, it
// must not change the batch's answers.
std::string other_ruleset() {
    auto doc = json::parse(ruleset_text());
    doc["version"] = "2099.1.1";
    doc["changes"] = json::array({doc["changes"][0]});
    doc["changes"][0]["version"] = "2099.1.1";
    for (auto& rule : doc["rules"])
        if (rule["id"] == "cn.licence.bev-2026") {
            rule["licence"] = false;
            rule["regime"] = "none";
        }
    return doc.dump();
}

// Rows whose answers depend on the registry (listed by code) and on the ruleset (BEVs in 2026).
std::string inventory(int rows) {
    std::string csv = "id,as_of,category,powertrain,condition,make,exporter_uscc,exporter_role\n";
    for (int i = 0; i < rows; ++i)
        csv += std::to_string(i) + ",2026-03-01,passenger_car,bev,new,BYD," +
               (i % 2 ? "91440300MA5FK00171" : "91350100M000100Y43") + ",manufacturer\n";
    return csv;
}

std::string start(evexport::Session& s, const char* format = "csv") {
    const auto started = json::parse(s.batch_start(format, kToday));
    return std::to_string(started.value("batch", 0));
}

TEST(Session, LoadsDuringABatchChangeNothingForIt) {
    const std::string input = inventory(400);
    // The reference: the same batch with nothing loaded meanwhile.
    evexport::Session quiet;
    ASSERT_EQ(json::parse(quiet.load_registry(registry_text())).value("loaded", 0), 4);
    const int q = std::stoi(start(quiet));
    std::string expected = quiet.batch_feed(q, input);
    expected += quiet.batch_finish(q);
    ASSERT_NE(expected.find("conditional"), std::string::npos);
    ASSERT_NE(expected.find("not_permitted"), std::string::npos);

    evexport::Session busy;
    busy.load_registry(registry_text());
    const int b = std::stoi(start(busy));
    std::string got;
    const std::size_t step = 997;
    for (std::size_t at = 0, n = 0; at < input.size(); at += step, ++n) {
        got += busy.batch_feed(b, std::string_view(input).substr(at, step));
        switch (n % 5) {  // every kind of load, between every few pieces
            case 0: busy.clear_registry(); break;
            case 1:
                EXPECT_EQ(json::parse(busy.load_ruleset(other_ruleset(), "")).value("version", ""), "2099.1.1");
                break;
            case 2: busy.load_registry(registry_text()); break;
            case 3: busy.load_translation(pack_text("es")); break;  // refused once the ruleset is 2099.1.1: also a path
            case 4: busy.load_registry("{ not json"); break;
        }
    }
    got += busy.batch_finish(b);
    EXPECT_EQ(got, expected);
    // The session itself now answers with what was loaded last.
    const auto now = json::parse(busy.evaluate(
        R"({"as_of":"2026-03-01","vehicle":{"category":"passenger_car","powertrain":"bev","condition":"new"}})",
        kToday));
    EXPECT_EQ(now["verdict"], "permitted");
    EXPECT_EQ(now["ruleset"]["version"], "2099.1.1");
}

TEST(Session, BatchesRunSideBySide) {
    evexport::Session s;
    const int a = std::stoi(start(s)), b = std::stoi(start(s, "jsonl"));
    ASSERT_NE(a, b);
    std::string out_a = s.batch_feed(
        a, "id,as_of,category,powertrain,condition,exporter_role\n1,2026-03-01,passenger_car,bev,new,trader\n");
    std::string out_b = s.batch_feed(
        b, R"({"as_of":"2025-03-01","vehicle":{"category":"passenger_car","powertrain":"bev","condition":"new"}})");
    out_a += s.batch_finish(a);
    out_b += s.batch_finish(b);
    EXPECT_NE(out_a.find("1,not_permitted"), std::string::npos) << out_a;
    EXPECT_NE(out_b.find("1,permitted"), std::string::npos) << out_b;
    EXPECT_EQ(json::parse(s.batch_counts(a))["rows"], 1);
    // A finished batch takes no more input, and an unknown one is an error, not a crash.
    EXPECT_EQ(json::parse(s.batch_feed(a, "more"))["error"]["code"], "unknown_batch");
    EXPECT_EQ(json::parse(s.batch_finish(12345))["error"]["code"], "unknown_batch");
    EXPECT_EQ(json::parse(s.batch_counts(-1))["error"]["code"], "unknown_batch");
    EXPECT_EQ(json::parse(s.batch_start("xml", kToday))["error"]["field"], "/format");
}

TEST(Session, OpenBatchesAreBounded) {
    evexport::Session s;
    const int first = std::stoi(start(s));
    for (std::size_t i = 0; i < evexport::kMaxOpenBatches; ++i) start(s);
    EXPECT_EQ(json::parse(s.batch_feed(first, "id\n"))["error"]["code"], "unknown_batch");  // the oldest made room
}

// A replacement accepted without a pinned hash says so in every answer; a pinned one does not.
TEST(Session, AnUnpinnedRulesetIsMarkedInEveryAnswer) {
    const std::string request =
        R"({"as_of":"2026-03-01","vehicle":{"category":"passenger_car","powertrain":"bev","condition":"new"}})";
    auto codes = [](const json& r) {
        std::vector<std::string> out;
        for (const auto& w : r["warnings"]) out.push_back(w["code"]);
        return out;
    };
    evexport::Session plain;
    EXPECT_EQ(codes(json::parse(plain.evaluate(request, kToday))), std::vector<std::string>{});
    evexport::Session unpinned;
    unpinned.load_ruleset(other_ruleset(), "");
    EXPECT_EQ(codes(json::parse(unpinned.evaluate(request, kToday))), std::vector<std::string>{"ruleset_unpinned"});
    evexport::Session pinned;
    const auto text = other_ruleset();
    ASSERT_EQ(json::parse(pinned.load_ruleset(text, evexport::Ruleset::load(text).index() == 0
                                                        ? std::get<0>(evexport::Ruleset::load(text))->sha256
                                                        : ""))["version"],
              "2099.1.1");
    EXPECT_EQ(codes(json::parse(pinned.evaluate(request, kToday))), std::vector<std::string>{});
}

}  // namespace

namespace {

TEST(Session, FinishedBatchesMakeRoomBeforeAnOpenOne) {
    evexport::Session s;
    const int open = std::stoi(start(s));
    for (int i = 0; i < 40; ++i) s.batch_finish(std::stoi(start(s)));
    EXPECT_EQ(s.batch_feed(open, "id\n"),
              "id,verdict,licence_required,warnings,missing,error,error_field,vin,make,model,message\n");
}

TEST(Session, ReloadingAnUnpinnedRulesetKeepsItMarked) {
    const std::string request =
        R"({"as_of":"2026-03-01","vehicle":{"category":"passenger_car","powertrain":"bev","condition":"new"}})";
    evexport::Session s;
    s.load_ruleset(other_ruleset(), "");
    s.load_ruleset(other_ruleset(), "");  // the same bytes again, still without a pin
    const auto r = json::parse(s.evaluate(request, kToday));
    ASSERT_EQ(r["warnings"].size(), 1u);
    EXPECT_EQ(r["warnings"][0]["code"], "ruleset_unpinned");
}

// An enterprise the list gives by name alone is found by its name, whatever code the request gives.
TEST(Session, AnEntryListedByNameAloneIsFoundByItsName) {
    evexport::Session s;
    s.load_registry(R"({"schema":1,"source":"test","year":2026,)"
                    R"("enterprises":[{"name":"Name Only Motors","role":"manufacturer"}]})");
    const auto r = json::parse(
        s.evaluate(R"({"as_of":"2026-03-01","vehicle":{"category":"passenger_car","powertrain":"bev","condition":"new"},
        "exporter":{"name":"NAME ONLY MOTORS","uscc":"91350100M000100Y43","role":"manufacturer"}})",
                   kToday));
    EXPECT_EQ(r["verdict"], "conditional") << r.dump();
}

}  // namespace
