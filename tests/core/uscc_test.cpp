#include <gtest/gtest.h>

#include "evexport/uscc.hpp"

using evexport::check_uscc;

// Worked examples from docs/sources/identifiers.md (recomputed there).
TEST(Uscc, PublishedExampleIsValid) {
    const auto r = check_uscc("91350100M000100Y43");
    EXPECT_TRUE(r.valid);
    EXPECT_EQ(r.check_character, '3');
    EXPECT_EQ(r.division, "350100");
    EXPECT_EQ(r.province, "福建省");
    EXPECT_EQ(r.organization_code, "M000100Y4");
    EXPECT_FALSE(r.authority.empty());
}

TEST(Uscc, OtherValidCodes) {
    for (const char* code : {"91512081MA62K0260E", "91310110666007217T", "91310115591693856A"})
        EXPECT_TRUE(check_uscc(code).valid) << code;
    EXPECT_EQ(check_uscc("91512081MA62K0260E").province, "四川省");
}

TEST(Uscc, WrongCheckCharacter) {
    const auto r = check_uscc("91350100M000100Y44");
    EXPECT_FALSE(r.valid);
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0].code, "uscc_check");
    EXPECT_EQ(r.problems[0].positions, std::vector<int>{18});
    EXPECT_EQ(r.problems[0].expected, "3");
}

TEST(Uscc, EarlyPilotCodeFailsTheChecksum) {
    // A real code from an early pilot region (kept as a negative case by Hutool): a format
    // anomaly to verify in the register, not proof of fraud.
    const auto r = check_uscc("91350211M00013FA1N");
    EXPECT_FALSE(r.valid);
    EXPECT_EQ(r.problems.front().code, "uscc_check");
}

TEST(Uscc, EmbeddedOrganisationCodeUsesItsOwnLetterValues) {
    // MA62K026|0 checks with A = 10 … (GB 11714), not with the USCC table.
    const auto r = check_uscc("91512081MA62K0260E");
    EXPECT_TRUE(r.problems.empty());
    // Change the organisation check (pos 17) and recompute the outer check so only the inner fails.
    const auto inner = check_uscc("91512081MA62K0261E");
    bool inner_failed = false;
    for (const auto& p : inner.problems) inner_failed |= p.positions == std::vector<int>{17};
    EXPECT_TRUE(inner_failed);
}

TEST(Uscc, ForbiddenCharactersAndLength) {
    // The published invalid variant ends in Z, a symbol the code never uses.
    for (const char* code : {"91350100M000100Y4Z", "91350100MOO0100Y43", "91350100M000100Y4S", "91350100M000100Y4I"}) {
        const auto r = check_uscc(code);
        EXPECT_FALSE(r.valid) << code;
        EXPECT_EQ(r.problems.front().code, "uscc_invalid") << code;
    }
    EXPECT_EQ(check_uscc("91350100M000100Y4").problems.front().code, "uscc_invalid");
    EXPECT_EQ(check_uscc("").problems.front().code, "uscc_invalid");
}

TEST(Uscc, LowerCaseIsReadAsUpperCase) { EXPECT_TRUE(check_uscc("91350100m000100y43").valid); }

// identifiers.md, addendum of 2026-11-29, A.4: dashes, full-width characters, lengths in characters.
TEST(Uscc, TypedAsPeopleTypeIt) {
    EXPECT_TRUE(check_uscc("91440300-192317458F").valid);
    EXPECT_TRUE(check_uscc("9144 0300 1923 1745 8F").valid);
    const auto wide = check_uscc(
        "\xef\xbc\x99\xef\xbc\x91"
        "440300192317458F");  // ９１…
    EXPECT_EQ(wide.code, "91440300192317458F");
    EXPECT_TRUE(wide.valid);
    const auto chinese = check_uscc("91440300192317458\xe4\xb8\xad");  // 中 in place of the check character
    ASSERT_EQ(chinese.problems.size(), 1u) << "18 characters: no length problem";
    EXPECT_EQ(chinese.problems[0].positions, std::vector<int>{18});
}
