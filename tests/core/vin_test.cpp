#include <gtest/gtest.h>

#include "evexport/identifiers.hpp"
#include "evexport/vin.hpp"

using evexport::check_vin;
using evexport::vin_check_digit;

// Worked examples from docs/sources/identifiers.md, recomputed there.
TEST(Vin, CheckDigitWorkedExamples) {
    EXPECT_EQ(vin_check_digit("1M8GDM9AXKP042788"), 'X');  // remainder 10 → X
    EXPECT_EQ(vin_check_digit("LVVDC21B1PD196821"), '1');
    EXPECT_EQ(vin_check_digit("LZZ7CCWD5PC474830"), '5');
    EXPECT_EQ(vin_check_digit("WBAXW1104J0X16755"), '4');
    EXPECT_EQ(vin_check_digit("1FACP45E0LF192944"), 'X');
    // The documentation trap: fails (computes 7, carries 3).
    EXPECT_EQ(vin_check_digit("1HGCM82633A123456"), '7');
}

TEST(Vin, ValidChineseVinDecodes) {
    const auto r = check_vin("LVVDC21B1PD196821");
    EXPECT_TRUE(r.valid);
    EXPECT_TRUE(r.problems.empty());
    EXPECT_EQ(r.wmi, "LVV");
    EXPECT_EQ(r.model_year, 2023);  // P
    ASSERT_NE(r.maker, nullptr);
    EXPECT_EQ(r.maker->brands.front(), "Chery");
}

TEST(Vin, WrongCheckDigitOnAChineseVinIsInvalid) {
    const auto r = check_vin("LVVDC21B2PD196821");
    EXPECT_FALSE(r.valid);
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].code, "vin_check_digit");
    EXPECT_EQ(r.problems[0].positions, std::vector<int>{9});
    EXPECT_EQ(r.problems[0].expected, "1");
}

TEST(Vin, WrongCheckDigitElsewhereIsOnlyReported) {
    const auto r = check_vin("1HGCM82633A123456");
    EXPECT_TRUE(r.valid);
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].code, "vin_check_digit");
}

TEST(Vin, ForbiddenLettersNameTheirPositionAndTheUsualSlip) {
    const auto r = check_vin("LVVDC2IB1PD196O21");
    EXPECT_FALSE(r.valid);
    ASSERT_FALSE(r.problems.empty());
    EXPECT_EQ(r.problems[0].code, "vin_invalid");
    EXPECT_EQ(r.problems[0].positions, (std::vector<int>{7, 15}));
    EXPECT_NE(r.problems[0].detail.find("did you mean 1"), std::string::npos);
    EXPECT_NE(r.problems[0].detail.find("did you mean 0"), std::string::npos);
    EXPECT_EQ(check_vin("LVVDC21B1PD19682Q").problems[0].positions, std::vector<int>{17});
}

TEST(Vin, LengthIsChecked) {
    EXPECT_FALSE(check_vin("LVVDC21B1PD19682").valid);
    EXPECT_FALSE(check_vin("LVVDC21B1PD1968211").valid);
    EXPECT_FALSE(check_vin("").valid);
}

TEST(Vin, NonAsciiIsRefusedNotMisread) {
    const auto r = check_vin("LVVDC21B1PD19682\xe4\xb8\x80");  // 一
    EXPECT_FALSE(r.valid);
}

TEST(Vin, ModelYearCycle) {
    EXPECT_EQ(check_vin("LGXCE4CB0A0123456").model_year, 2010);
    EXPECT_EQ(check_vin("LGXCE4CB0T0123456").model_year, 2026);
    EXPECT_EQ(check_vin("LGXCE4CB0Y0123456").model_year, 2030);
    EXPECT_EQ(check_vin("LGXCE4CB011123456").model_year, 2031);
    EXPECT_EQ(check_vin("LGXCE4CB099123456").model_year, 2039);
    EXPECT_FALSE(check_vin("LGXCE4CB0U0123456").model_year);  // U is not a year code
    EXPECT_FALSE(check_vin("LGXCE4CB000123456").model_year);  // nor is 0
}

// Every row of the WMI table has a worked example whose check digit is recomputed here.
TEST(Vin, EveryWmiRowHasAValidExample) {
#ifdef __EMSCRIPTEN__
    // Skipped under wasm on purpose: the examples are data for this test only, left out of the
    // wasm's download; the same table is checked by the native run of this test.
    GTEST_SKIP() << "the wasm embeds the table without its examples (cmake/slim-ruleset.mjs); "
                    "the native run checks them";
#endif
    const auto& ids = evexport::Identifiers::builtin();
    ASSERT_GT(ids.wmis.size(), 15u);
    for (const auto& row : ids.wmis) {
        SCOPED_TRACE(row.wmi);
        const auto r = check_vin(row.example_vin);
        EXPECT_TRUE(r.valid);
        EXPECT_TRUE(r.problems.empty());
        EXPECT_EQ(r.wmi, row.wmi);
        EXPECT_EQ(r.maker, &row);
        EXPECT_FALSE(row.source.empty());
        EXPECT_TRUE(row.confidence == "high" || row.confidence == "medium");
        for (const auto& brand : row.brands) EXPECT_TRUE(ids.wmi_serves(row, brand));
    }
}

TEST(Brands, AliasesAndGroups) {
    const auto& ids = evexport::Identifiers::builtin();
    EXPECT_TRUE(ids.same_brand("比亚迪", "BYD"));
    EXPECT_TRUE(ids.same_brand("吉利", "geely"));
    EXPECT_TRUE(ids.same_brand("特斯拉", "Tesla"));
    EXPECT_TRUE(ids.same_brand("上汽", "SAIC"));
    EXPECT_TRUE(ids.same_brand("名爵", "MG"));
    EXPECT_TRUE(ids.same_brand("SAIC", "MG"));  // the group's authorisation covers its brand
    EXPECT_TRUE(ids.same_brand("Great Wall", "great-wall"));
    EXPECT_FALSE(ids.same_brand("BYD", "Geely"));
    EXPECT_FALSE(ids.same_brand("MG", "Geely"));
    EXPECT_TRUE(ids.same_brand("Unknown Motors", "unknown motors"));
}

// identifiers.md, addendum of 2026-11-29, A.4 and A.5: what real input breaks.
TEST(Vin, TypedAsPeopleTypeIt) {
    // Full-width characters, the ideographic space and a spreadsheet's tab are folded away.
    const auto wide = check_vin("\xef\xbc\xac\xef\xbc\xb2\xef\xbc\xb7YHCEK3PC907290");  // ＬＲＷ…
    EXPECT_EQ(wide.vin, "LRWYHCEK3PC907290");
    EXPECT_TRUE(wide.valid);
    EXPECT_EQ(check_vin("LRWYHC\xe3\x80\x80"
                        "EK3PC907290\t")
                  .vin,
              "LRWYHCEK3PC907290");
    // A Chinese character counts as one character, at its position, not as three bytes.
    const auto chinese = check_vin("LVVDC21B1PD19682\xe4\xb8\x80");
    ASSERT_EQ(chinese.problems.size(), 1u) << "no length problem: 17 characters";
    EXPECT_EQ(chinese.problems[0].positions, std::vector<int>{17});
}

TEST(Vin, ChineseHRangeHoldsTheCheckDigit) {
    const auto h = check_vin("HE9XR1C40PS083871");
    EXPECT_FALSE(h.valid);
    ASSERT_EQ(h.problems.size(), 1u);
    EXPECT_EQ(h.problems[0].expected, "8");
    EXPECT_TRUE(check_vin("HE9XR1C48PS083871").valid);
    EXPECT_TRUE(check_vin("1HGCM82633A123456").valid) << "outside China a wrong check digit is reported, not fatal";
}

TEST(Vin, ModelYearFromTheCycleBeforeWhenTheLaterWouldBeInTheFuture) {
    const auto day = *evexport::parse_date("2026-11-29");
    EXPECT_EQ(check_vin("LVVDB12A86D193156", day).model_year, 2006);  // a 2006 Chery, not a 2036 one
    EXPECT_EQ(check_vin("LGXCE4CB0V0123456", day).model_year, 2027);  // next year's model is normal
    EXPECT_EQ(check_vin("LGXCE4CB0W0123456", day).model_year, 1998);
    EXPECT_EQ(check_vin("LVVDB12A86D193156").model_year, 2036) << "without a day, the 2010 cycle";
}

TEST(Vin, AStrayByteOfBrokenUtf8IsNotALatinCharacter) {
    const auto r = check_vin("\xe9GXCE4CB6T0123456");
    EXPECT_FALSE(r.valid);
    EXPECT_TRUE(r.wmi.empty());
    ASSERT_FALSE(r.problems.empty());
    EXPECT_EQ(r.problems.back().positions, std::vector<int>{1});
    EXPECT_NE(r.problems.back().detail.find("non-ASCII"), std::string::npos) << r.problems.back().detail;
}
