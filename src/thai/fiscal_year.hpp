#pragma once

#include <compare>
#include <string>

#include "base/date.hpp"
#include "base/error.hpp"

namespace khet {

/// A Thai fiscal year, 1 October to 30 September, named by the Buddhist-era year it ends in.
class FiscalYear {
  public:
    /// The fiscal year named `be_year`; kInvalidArgument outside 2500–2700 (a CE year or a typo).
    static Result<FiscalYear> FromBe(int be_year);
    /// The fiscal year that contains `day`: 1 Oct 2021 → FY 2565; any date has one, so no range.
    static FiscalYear Containing(Date day);

    /// The Buddhist-era year that names it.
    int BeYear() const { return be_year_; }
    /// 1 October of CE year (be_year_ - 544).
    Date First() const;
    /// 30 September of CE year (be_year_ - 543).
    Date Last() const;
    /// The name as written in headings and file names: "2565".
    std::string Label() const;

    friend auto operator<=>(FiscalYear, FiscalYear) = default;

  private:
    explicit FiscalYear(int be_year) : be_year_(be_year) {}
    int be_year_;
};

}  // namespace khet
