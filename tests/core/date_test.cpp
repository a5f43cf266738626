#include <gtest/gtest.h>

#include "evexport/date.hpp"

using evexport::days_between;
using evexport::format_date;
using evexport::parse_date;

TEST(Date, ParsesAndFormatsIsoDates) {
    EXPECT_EQ(format_date(*parse_date("2026-01-01")), "2026-01-01");
    EXPECT_EQ(format_date(*parse_date("1900-01-01")), "1900-01-01");
    EXPECT_EQ(format_date(*parse_date("2100-12-31")), "2100-12-31");
}

TEST(Date, KnowsLeapYears) {
    EXPECT_TRUE(parse_date("2028-02-29"));
    EXPECT_TRUE(parse_date("2000-02-29"));   // divisible by 400
    EXPECT_FALSE(parse_date("2100-02-29"));  // divisible by 100, not 400
    EXPECT_FALSE(parse_date("2026-02-29"));
    EXPECT_FALSE(parse_date("2026-02-30"));
}

TEST(Date, RefusesAnythingButYYYYMMDD) {
    for (const char* bad : {"", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", "2026-01-01T00:00", " 2026-01-01",
                            "2026-00-10", "2026-13-01", "2026-01-00", "2026-01-32", "2026-04-31", "+026-01-01",
                            "２０２６-01-01", "1899-12-31", "2101-01-01"})
        EXPECT_FALSE(parse_date(bad)) << bad;
}

TEST(Date, CountsDaysAsTheCalendarDoes) {
    // TOOLCHAIN.md: 2025-09-02 to 2026-03-01 is 180 days in both builds.
    EXPECT_EQ(days_between(*parse_date("2025-09-02"), *parse_date("2026-03-01")), 180);
    EXPECT_EQ(days_between(*parse_date("2028-02-28"), *parse_date("2028-03-01")), 2);
    EXPECT_EQ(days_between(*parse_date("2027-02-28"), *parse_date("2027-03-01")), 1);
    EXPECT_EQ(days_between(*parse_date("2026-03-01"), *parse_date("2026-03-01")), 0);
    EXPECT_EQ(days_between(*parse_date("2026-03-02"), *parse_date("2026-03-01")), -1);
    EXPECT_EQ(days_between(*parse_date("1900-01-01"), *parse_date("2100-12-31")), 73413);
}

TEST(Date, KnowsItsYear) { EXPECT_EQ(parse_date("2026-12-31")->year(), 2026); }
