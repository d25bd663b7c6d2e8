#pragma once

#include <chrono>
#include <compare>
#include <string>
#include <string_view>

#include "base/error.hpp"

namespace khet {

/// A civil date (proleptic Gregorian, CE); stored as ISO text, shown in BE by thai/.
class Date {
  public:
    static Result<Date> FromYmd(int year, int month, int day);
    /// Parses "2021-11-10"; kInvalidArgument for anything else.
    static Result<Date> FromIso(std::string_view text);
    static Date Today();

    int Year() const { return static_cast<int>(ymd_.year()); }
    int Month() const { return static_cast<int>(static_cast<unsigned>(ymd_.month())); }
    int Day() const { return static_cast<int>(static_cast<unsigned>(ymd_.day())); }
    std::string Iso() const;
    std::chrono::sys_days Days() const { return std::chrono::sys_days(ymd_); }

    friend bool operator==(const Date&, const Date&) = default;
    friend auto operator<=>(const Date& a, const Date& b) { return a.Days() <=> b.Days(); }

  private:
    explicit Date(std::chrono::year_month_day ymd) : ymd_(ymd) {}
    std::chrono::year_month_day ymd_;
};

}  // namespace khet
