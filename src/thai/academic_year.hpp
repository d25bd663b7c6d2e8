#pragma once

#include <compare>
#include <string>

#include "base/date.hpp"
#include "base/error.hpp"

namespace khet {

/// A Thai academic year, 16 May to 15 May, named by the Buddhist-era year it starts in.
class AcademicYear {
  public:
    /// The academic year named `be_year`; kInvalidArgument outside 2500–2700.
    static Result<AcademicYear> FromBe(int be_year);
    /// The academic year that contains `day`: 16 May 2021 → 2564, 15 May 2021 → 2563.
    static AcademicYear Containing(Date day);

    /// The Buddhist-era year that names it.
    int BeYear() const { return be_year_; }
    /// 16 May of CE year (be_year_ - 543).
    Date First() const;
    /// 15 May of CE year (be_year_ - 542).
    Date Last() const;
    /// The name as written in headings and file names: "2564".
    std::string Label() const;

    friend auto operator<=>(AcademicYear, AcademicYear) = default;

  private:
    explicit AcademicYear(int be_year) : be_year_(be_year) {}
    int be_year_;
};

}  // namespace khet
