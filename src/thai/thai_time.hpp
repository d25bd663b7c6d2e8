#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "thai/buddhist_date.hpp"

namespace khet {

/// Thailand keeps UTC+7 all year, so Thai time needs no time-zone database.
inline constexpr std::chrono::hours kThaiUtcOffset{7};

/// "23 พฤศจิกายน 2569 เวลา 10:42 น." (kLong) or "23 พ.ย. 2569 10:42 น." (kShort), in Thai time.
std::string FormatThaiDateTime(std::chrono::system_clock::time_point when,
                               DateStyle style = DateStyle::kLong);

/// The UTC text the store keeps, "2026-11-23T03:42:05Z".
std::string UtcIso(std::chrono::system_clock::time_point when);
/// Reads UtcIso's text; nullopt for anything else.
std::optional<std::chrono::system_clock::time_point> ParseUtcIso(std::string_view text);
/// UtcIso's text as Thai local time with its offset, "2026-11-23T10:42:05+07:00"; "" for "".
std::string ThaiIsoFromUtc(std::string_view utc);
/// The UTC text of midnight in Thailand at the start of `day` (Thai calendar day).
std::string UtcIsoOfThaiMidnight(Date day);

}  // namespace khet
