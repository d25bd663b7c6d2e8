#include "thai/thai_time.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cstdio>

namespace khet {

std::string FormatThaiDateTime(std::chrono::system_clock::time_point when, DateStyle style) {
    const auto thai = when + kThaiUtcOffset;
    const auto day = std::chrono::floor<std::chrono::days>(thai);
    const std::chrono::hh_mm_ss time(std::chrono::floor<std::chrono::minutes>(thai - day));
    const std::chrono::year_month_day ymd(day);
    const auto date =
        Date::FromYmd(static_cast<int>(ymd.year()), static_cast<int>(unsigned(ymd.month())),
                      static_cast<int>(unsigned(ymd.day())));
    return fmt::format("{}{}{:02}:{:02} น.", FormatThaiDate(*date, style),
                       style == DateStyle::kLong ? " เวลา " : " ", time.hours().count(),
                       time.minutes().count());
}

std::string UtcIso(std::chrono::system_clock::time_point when) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(when));
}

std::optional<std::chrono::system_clock::time_point> ParseUtcIso(std::string_view text) {
    if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':' || text[19] != 'Z') {
        return std::nullopt;
    }
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    const std::string copy(text);
    if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &s) != 6) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(mo),
                                          std::chrono::day(d)};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
    return std::chrono::sys_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) +
           std::chrono::seconds(s);
}

std::string ThaiIsoFromUtc(std::string_view utc) {
    const auto when = ParseUtcIso(utc);
    if (!when) return std::string(utc);
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}+07:00",
                       std::chrono::floor<std::chrono::seconds>(*when + kThaiUtcOffset));
}

std::string UtcIsoOfThaiMidnight(Date day) { return UtcIso(day.Days() - kThaiUtcOffset); }

}  // namespace khet
