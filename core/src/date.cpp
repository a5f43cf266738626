#include "evexport/date.hpp"

namespace evexport {

namespace {
bool digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}
int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}
}  // namespace

int Date::year() const { return int(std::chrono::year_month_day{days}.year()); }

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
    const int year = to_int(y);
    if (year < 1900 || year > 2100) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{unsigned(to_int(m))},
                                          std::chrono::day{unsigned(to_int(d))}};
    if (!ymd.ok()) return std::nullopt;
    return Date{std::chrono::sys_days{ymd}};
}

std::optional<Period> parse_period(std::string_view text) {
    if (const auto day = parse_date(text)) return Period{*day, *day};
    if ((text.size() != 4 && (text.size() != 7 || text[4] != '-')) || !digits(text.substr(0, 4))) return std::nullopt;
    const int year = to_int(text.substr(0, 4));
    if (year < 1900 || year > 2100) return std::nullopt;
    using namespace std::chrono;
    if (text.size() == 4)
        return Period{Date{sys_days{std::chrono::year{year} / 1 / 1}},
                      Date{sys_days{std::chrono::year{year} / 12 / 31}}};
    const auto m = text.substr(5, 2);
    if (!digits(m) || to_int(m) < 1 || to_int(m) > 12) return std::nullopt;
    const auto month = std::chrono::year{year} / std::chrono::month{unsigned(to_int(m))};
    return Period{Date{sys_days{month / 1}}, Date{sys_days{month / last}}};
}

std::string format_date(Date date) {
    const std::chrono::year_month_day ymd{date.days};
    const int y = int(ymd.year());  // 1900–2100: four digits
    const unsigned m = unsigned(ymd.month()), d = unsigned(ymd.day());
    return {char('0' + y / 1000),
            char('0' + y / 100 % 10),
            char('0' + y / 10 % 10),
            char('0' + y % 10),
            '-',
            char('0' + m / 10),
            char('0' + m % 10),
            '-',
            char('0' + d / 10),
            char('0' + d % 10)};
}

Date today_utc() { return Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())}; }

int days_between(Date from, Date to) { return int((to.days - from.days).count()); }

}  // namespace evexport
