// Calendar dates as the law counts them: whole days, no time zone.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace evexport {

struct Date {
    std::chrono::sys_days days{};

    int year() const;

    // Spelled out: the libc++ of emcc 3.1.6 has no <=> for time points.
    friend bool operator==(Date a, Date b) { return a.days == b.days; }
    friend bool operator!=(Date a, Date b) { return a.days != b.days; }
    friend bool operator<(Date a, Date b) { return a.days < b.days; }
    friend bool operator<=(Date a, Date b) { return a.days <= b.days; }
    friend bool operator>(Date a, Date b) { return a.days > b.days; }
    friend bool operator>=(Date a, Date b) { return a.days >= b.days; }
};

// Strict ISO 8601 calendar date, YYYY-MM-DD, year 1900–2100 (a bound of the v1 contract).
// Refuses impossible dates such as 2026-02-30.
std::optional<Date> parse_date(std::string_view text);
// A date, a month (YYYY-MM) or a year (YYYY): its first and last day (the same for a date).
struct Period {
    Date first, last;
};
std::optional<Period> parse_period(std::string_view text);
std::string format_date(Date date);
// The same, or nothing for no date (a JSON null).
inline std::optional<std::string> format_date(const std::optional<Date>& date) {
    return date ? std::optional<std::string>(format_date(*date)) : std::nullopt;
}
Date today_utc();

// Days from `from` to `to` (negative when `to` is earlier).
int days_between(Date from, Date to);

}  // namespace evexport
