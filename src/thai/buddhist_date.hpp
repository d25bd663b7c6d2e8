#pragma once

#include <string>
#include <string_view>

#include "base/date.hpp"
#include "base/error.hpp"

namespace khet {

/// How the month of a Thai date is written: in full, or as the dotted abbreviation.
enum class DateStyle {
    kLong,   // 10 พฤศจิกายน 2564
    kShort,  // 10 พ.ย. 2564
};

/// The Buddhist-era year of a CE year: 2021 → 2564.
constexpr int BeYear(int ce_year) { return ce_year + 543; }

/// The CE year of a Buddhist-era year: 2564 → 2021.
constexpr int CeYear(int be_year) { return be_year - 543; }

/// Writes a date as Thai readers expect it, day month BE-year: "10 พฤศจิกายน 2564" or, in
/// kShort, "10 พ.ย. 2564"; with `thai_digits`, "๑๐ พฤศจิกายน ๒๕๖๔".
std::string FormatThaiDate(Date day, DateStyle style = DateStyle::kLong, bool thai_digits = false);

/// Reads "10/11/2564", "10 พฤศจิกายน 2564", "10 พ.ย. 2564" (with or without "พ.ศ." before the
/// year, Arabic or Thai digits) or ISO CE "2021-11-10"; kInvalidArgument for anything else,
/// including a four-digit year below 2400 in the Thai forms (a CE year given where BE belongs).
Result<Date> ParseThaiDate(std::string_view text);

}  // namespace khet
