// The destination's mechanics on a small fixture of its own (the real markets are the corpus's:
// tests/cases/destination-*.json): entry from the items' facts, charges in order on their bases,
// the estimate without exchange rates, dated changes, and the data file refused when malformed.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "evexport/api.hpp"
#include "evexport/destinations.hpp"

namespace {

using nlohmann::json;

const char* kFixture = R"({
  "schema": "evexport-destinations/1", "id": "destinations", "version": "1", "compiled": "2026-11-29",
  "stale_after_days": 90,
  "sources": [{"id": "s", "title": "A source", "url": "https://example.org/s", "date": "2026-01-01", "grade": "P"},
              {"id": "w", "title": "A weak one", "url": "https://example.org/w", "date": "n.d.", "grade": "W"}],
  "groups": [{"id": "byd", "name": {"en": "BYD Group"}, "makes": ["BYD"], "wmis": ["LGX"]}],
  "markets": [
    {"country": "EU", "members": ["DE", "FR"], "name": {"en": "European Union"}, "currency": "EUR",
     "verified": "2026-11-01",
     "entry": [{"id": "eu.approval", "effect": "conditional", "confirmed": true, "sources": ["s"],
                "text": {"en": "Type approval."}}],
     "charges": [
       {"id": "eu.duty", "kind": "duty", "rate_percent": 10, "confirmed": true, "sources": ["s"],
        "text": {"en": "Duty"}},
       {"id": "eu.cvd.byd", "kind": "countervailing_duty", "rate_percent": 17, "when": {"condition": "new",
        "groups": ["byd"]},
        "confirmed": true, "sources": ["s"], "text": {"en": "CVD BYD"}},
       {"id": "eu.cvd.coop", "kind": "countervailing_duty", "rate_percent": 20.7, "option": "cooperating",
        "when": {"condition": "new", "no_group": true}, "confirmed": true, "sources": ["s"],
         "text": {"en": "CVD other"}},
       {"id": "eu.vat", "kind": "vat", "rate_percent": 20, "base": "cumulative", "confirmed": false,
        "conflict": {"rate_percent": 19, "sources": ["w"]}, "sources": ["s"], "text": {"en": "VAT"}}]},
    {"country": "BR", "name": {"en": "Brazil"}, "currency": "BRL", "verified": "2026-11-29",
     "entry": [{"id": "br.used", "effect": "not_allowed", "when": {"condition": "used"}, "confirmed": true,
                "sources": ["s"], "text": {"en": "No used cars."}}],
     "charges": [
       {"id": "br.duty.25", "series": "br.duty", "kind": "duty", "rate_percent": 25, "from": "2025-07-01",
        "until": "2026-06-30", "confirmed": true, "sources": ["s"], "text": {"en": "25 %"}},
       {"id": "br.duty.35", "series": "br.duty", "kind": "duty", "rate_percent": 35, "from": "2026-07-01",
        "confirmed": true, "sources": ["s"], "text": {"en": "35 %"}},
       {"id": "br.quota", "kind": "duty", "rate_percent": 0, "until": "2026-06-30", "then_unknown": true,
        "confirmed": true, "sources": ["s"], "text": {"en": "Quota"}}]},
    {"country": "GB", "name": {"en": "United Kingdom"}, "currency": "GBP", "verified": "2026-11-29",
     "entry": [{"id": "gb.rhd", "effect": "not_allowed", "when": {"drive_side": "lhd"}, "confirmed": true,
                "sources": ["s"], "text": {"en": "Right-hand drive only."}}],
     "charges": [{"id": "gb.fee", "kind": "fee", "amount": {"amount": 55, "currency": "GBP"}, "confirmed": true,
                  "sources": ["s"], "text": {"en": "Fee"}},
                 {"id": "gb.usd", "kind": "fee", "amount": {"amount": 100, "currency": "USD"}, "confirmed": true,
                  "sources": ["s"], "text": {"en": "Fee in dollars"}},
                 {"id": "gb.lct", "kind": "luxury_tax", "rate_percent": 33, "above": {"amount": 1000,
                  "currency": "GBP"},
                  "confirmed": true, "sources": ["s"], "text": {"en": "Above"}},
                 {"id": "gb.min", "kind": "additional_duty", "rate_percent": 30, "minimum": {"amount": 8500,
                  "currency": "USD"},
                  "confirmed": true, "sources": ["s"], "text": {"en": "Minimum in dollars"}}]}],
  "questions": {"/vehicle/drive_side": {"en": "Drive side?"}, "/shipment/importer": {"en": "Importer?"},
    "/vehicle/condition": {"en": "New or used?"}, "/vehicle/registration_date": {"en": "Registered when?"},
    "/vehicle/make": {"en": "Make?"}, "/vehicle/vin": {"en": "VIN?"},
     "/shipment/customs_value/amount": {"en": "Value?"},
    "/vehicle/power_kw": {"en": "Power?"}, "/shipment/origin_certificate": {"en": "Certificate?"}},
  "messages": {"destination_not_covered": {"en": "{country} is not covered."},
    "destination_stale": {"en": "{country} verified {verified}, over {days} days before {as_of}."},
    "destination_figure_expired": {"en": "{item} ended {until}."},
    "destination_source_conflict": {"en": "{item}: {value} or {other}."}}
})";

std::shared_ptr<const evexport::Destinations> fixture() {
    auto loaded = evexport::Destinations::load(kFixture);
    if (auto* e = std::get_if<evexport::Error>(&loaded)) ADD_FAILURE() << e->field << ": " << e->message;
    return std::get<std::shared_ptr<const evexport::Destinations>>(loaded);
}

json answer(const json& request) {
    static const auto data = fixture();
    const auto a = evexport::evaluate_json(request.dump(), evexport::Ruleset::builtin(),
                                           *evexport::parse_date("2026-11-29"), nullptr, data.get());
    EXPECT_TRUE(a.ok) << a.json;
    return json::parse(a.json);
}

json request(const std::string& country, const json& vehicle, const json& shipment = json::object()) {
    json r = {{"as_of", "2026-11-29"},
              {"vehicle", {{"category", "passenger_car"}, {"powertrain", "bev"}}},
              {"shipment", {{"destination", country}}}};
    r["vehicle"].update(vehicle);
    r["shipment"].update(shipment);
    return r;
}

std::vector<std::string> ids(const json& list) {
    std::vector<std::string> out;
    for (const auto& item : list) out.push_back(item.contains("id") ? item["id"] : item["charge"]);
    return out;
}

TEST(Destination, MemberStateAnswersForItsUnionAndTheExportVerdictIsUntouched) {
    const auto with = answer(request("DE", {{"condition", "new"}, {"make", "BYD"}}));
    auto without = request("DE", {{"condition", "new"}, {"make", "BYD"}});
    const auto plain = json::parse(
        evexport::evaluate_json(without.dump(), evexport::Ruleset::builtin(), *evexport::parse_date("2026-11-29"))
            .json);
    EXPECT_EQ(with["verdict"], plain["verdict"]);
    EXPECT_FALSE(plain.contains("destination"));
    const auto& d = with["destination"];
    EXPECT_EQ(d["country"], "DE");
    EXPECT_EQ(d["market"], "EU");
    EXPECT_EQ(d["entry"], "conditional");
    EXPECT_EQ(ids(d["charges"]), (std::vector<std::string>{"eu.duty", "eu.cvd.byd", "eu.vat"}));
    // 10 + 17 on the value, then VAT on value and duties: 27 + 20 % of 127.
    EXPECT_DOUBLE_EQ(d["charges_percent"].get<double>(), 52.4);
}

TEST(Destination, UnknownMakeShowsEveryGroupLineAndAsks) {
    const auto d = answer(request("FR", {{"condition", "new"}}))["destination"];
    EXPECT_EQ(ids(d["charges"]), (std::vector<std::string>{"eu.duty", "eu.cvd.byd", "eu.cvd.coop", "eu.vat"}));
    EXPECT_EQ(d["charges"][1]["applies"], "if");
    EXPECT_EQ(d["charges"][1]["depends_on"], json::array({"/vehicle/make"}));
    EXPECT_EQ(d["charges"][2]["applies"], "option");
    EXPECT_EQ(d["missing"][0]["field"], "/vehicle/make");
    EXPECT_EQ(d["missing"][0]["question"], "Make?");
}

TEST(Destination, EstimateAppliesChargesInOrderAndLeavesOpenWhatItCannotCompute) {
    const auto d = answer(request("DE", {{"condition", "new"}, {"make", "Xpeng"}},
                                  {{"customs_value", {{"amount", 10000}, {"currency", "EUR"}}}}))["destination"];
    const auto& e = d["estimate"];
    EXPECT_EQ(ids(e["lines"]), (std::vector<std::string>{"eu.duty", "eu.vat"}));
    EXPECT_DOUBLE_EQ(e["lines"][1]["base"].get<double>(), 11000);
    EXPECT_DOUBLE_EQ(e["total"].get<double>(), 3200);
    EXPECT_EQ(e["currency"], "EUR");
    EXPECT_EQ(e["open"], json::array({"eu.cvd.coop"}));
    // The conflicting VAT figure is said.
    EXPECT_EQ(d["warnings"][0]["code"], "destination_source_conflict");
    EXPECT_EQ(d["warnings"][0]["text"], "VAT: 20 % or 19 %.");
}

TEST(Destination, FixedAmountsThresholdsAndMinimumsWithoutExchangeRates) {
    const auto d = answer(request("GB", {{"condition", "new"}, {"drive_side", "rhd"}},
                                  {{"customs_value", {{"amount", "3000.50"}, {"currency", "GBP"}}}}))["destination"];
    EXPECT_EQ(d["entry"], "allowed");
    const auto& e = d["estimate"];
    EXPECT_EQ(ids(e["lines"]), (std::vector<std::string>{"gb.fee", "gb.lct"}));
    EXPECT_DOUBLE_EQ(e["lines"][1]["base"].get<double>(), 2000.5);
    EXPECT_DOUBLE_EQ(e["lines"][1]["amount"].get<double>(), 660.17);
    EXPECT_EQ(e["other"], json::parse(R"([{"amount":100,"currency":"USD"}])"));
    EXPECT_EQ(e["open"], json::array({"gb.min"}));
}

TEST(Destination, EntryFromTheCarsFacts) {
    EXPECT_EQ(answer(request("BR", {{"condition", "used"}}))["destination"]["entry"], "not_allowed");
    EXPECT_EQ(answer(request("BR", {{"condition", "new"}}))["destination"]["entry"], "allowed");
    // A ban that may hold leaves entry undetermined, and asks.
    const auto unknown = answer(request("BR", json::object()))["destination"];
    EXPECT_EQ(unknown["entry"], "undetermined");
    EXPECT_EQ(unknown["missing"][0]["field"], "/vehicle/condition");
    // A used car from China is left-hand drive; a new one's side is asked.
    EXPECT_EQ(answer(request("GB", {{"condition", "used"}}))["destination"]["entry"], "not_allowed");
    EXPECT_EQ(answer(request("GB", {{"condition", "new"}}))["destination"]["missing"][0]["field"],
              "/vehicle/drive_side");
}

TEST(Destination, TheArrivalDateDecidesAndTheChangesOnTheWayAreListed) {
    auto r = request("BR", {{"condition", "new"}}, {{"arrival_date", "2026-06-30"}});
    r["as_of"] = "2026-06-01";
    EXPECT_EQ(ids(answer(r)["destination"]["charges"]), (std::vector<std::string>{"br.duty.25", "br.quota"}));
    r["shipment"]["arrival_date"] = "2026-07-01";
    const auto d = answer(r)["destination"];
    EXPECT_EQ(ids(d["charges"]), (std::vector<std::string>{"br.duty.35"}));
    ASSERT_EQ(d["changes"].size(), 3u);
    EXPECT_EQ(d["changes"][0]["item"], "br.duty.25");
    EXPECT_EQ(d["changes"][0]["change"], "ends");
    EXPECT_EQ(d["changes"][2]["item"], "br.duty.35");
    EXPECT_EQ(d["changes"][2]["date"], "2026-07-01");
    // The quota ended and the sources do not say what followed.
    EXPECT_EQ(d["warnings"][0]["code"], "destination_figure_expired");
    EXPECT_EQ(d["warnings"][0]["text"], "Quota ended 2026-06-30.");
}

TEST(Destination, TheCarArrivesAfterItLeaves) {
    auto r = request("BR", {{"condition", "new"}}, {{"arrival_date", "2026-11-28"}});
    const auto a = evexport::evaluate_json(r.dump(), evexport::Ruleset::builtin(), *evexport::parse_date("2026-11-29"));
    EXPECT_FALSE(a.ok);
    EXPECT_EQ(json::parse(a.json)["error"]["field"], "/shipment/arrival_date");
}

TEST(Destination, StaleDataAndUncoveredCountriesAreSaidNeverGuessed) {
    auto r = request("DE", {{"condition", "new"}, {"make", "BYD"}});
    r["as_of"] = "2027-03-01";
    const auto stale = answer(r)["destination"];
    EXPECT_EQ(stale["warnings"][0]["code"], "destination_stale");
    EXPECT_EQ(stale["warnings"][0]["text"], "DE verified 2026-11-01, over 90 days before 2027-03-01.");
    const auto none = answer(request("JP", {{"condition", "new"}}))["destination"];
    EXPECT_EQ(none["entry"], "undetermined");
    EXPECT_TRUE(none["market"].is_null());
    EXPECT_EQ(none["warnings"][0]["code"], "destination_not_covered");
    EXPECT_EQ(none["warnings"][0]["text"], "JP is not covered.");
}

TEST(Destination, TranslationPacksAddALanguageAndAreRefusedWhenTheyDoNotFit) {
    auto pack = [](const std::string& version, const std::string& key) {
        return json{{"schema", "evexport-destinations-translation/1"},
                    {"destinations", "destinations"},
                    {"version", version},
                    {"lang", "es"},
                    {"texts", {{key, "Arancel"}, {"questions/vehicle/make", "¿Marca?"}}}}
            .dump();
    };
    const auto good = pack("1", "items/eu.duty/text");
    auto loaded = evexport::Destinations::load(kFixture, {good});
    ASSERT_TRUE(std::holds_alternative<std::shared_ptr<const evexport::Destinations>>(loaded));
    const auto& data = *std::get<std::shared_ptr<const evexport::Destinations>>(loaded);
    auto r = request("DE", {{"condition", "new"}});
    r["lang"] = "es";
    const auto d = json::parse(evexport::evaluate_json(r.dump(), evexport::Ruleset::builtin(),
                                                       *evexport::parse_date("2026-11-29"), nullptr, &data)
                                   .json)["destination"];
    EXPECT_EQ(d["charges"][0]["text"], "Arancel");
    EXPECT_EQ(d["charges"][1]["text"], "CVD BYD");  // untranslated: English
    EXPECT_EQ(d["missing"][0]["question"], "¿Marca?");
    auto refused = [](const std::string& text) {
        auto l = evexport::Destinations::load(kFixture, {text});
        return std::holds_alternative<evexport::Error>(l) ? std::get<evexport::Error>(l) : evexport::Error{};
    };
    EXPECT_EQ(refused(pack("2", "items/eu.duty/text")).field, "/translations/0/version");
    EXPECT_EQ(refused(pack("1", "items/eu.nothing/text")).field, "/translations/0/texts/items~1eu.nothing~1text");
    EXPECT_EQ(refused(pack("1", "items/eu.duty/text")).code, "");
}

TEST(Destination, MalformedDataIsRefusedNamingTheField) {
    auto refused = [](const std::string& from, const std::string& to) {
        std::string text = kFixture;
        const auto at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        text.replace(at, from.size(), to);
        auto loaded = evexport::Destinations::load(text);
        return std::holds_alternative<evexport::Error>(loaded) ? std::get<evexport::Error>(loaded)
                                                               : evexport::Error{"loaded", "", ""};
    };
    EXPECT_EQ(refused(R"("rate_percent": 10,)", "").field, "/markets/0/charges/0");
    EXPECT_EQ(refused(R"("rate_percent": 10, "confirmed": true, "sources": ["s"])",
                      R"("rate_percent": 10, "confirmed": true, "sources": ["nope"])")
                  .field,
              "/markets/0/charges/0/sources/0");
    EXPECT_EQ(refused(R"("groups": ["byd"]})", R"("groups": ["geely"]})").field, "/markets/0/charges/1/when/groups/0");
    EXPECT_EQ(refused(R"("effect": "not_allowed", "when": {"condition": "used"})",
                      R"("effect": "banned", "when": {"condition": "used"})")
                  .field,
              "/markets/1/entry/0/effect");
    EXPECT_EQ(refused(R"("members": ["DE", "FR"])", R"("members": ["DE", "BR"])").field, "/markets/1/country");
    EXPECT_EQ(refused("\"destination_stale\"", "\"destination_stalе\"").field, "/messages/destination_stale");
    EXPECT_EQ(refused("evexport-destinations/1", "evexport-destinations/2").code, "invalid_destinations");
}

}  // namespace
