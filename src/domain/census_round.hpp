#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "base/date.hpp"
#include "base/error.hpp"

namespace khet {

/// A school census snapshot: academic year (BE) and round 1 (10 June), 2 (10 November) or
/// 3 (31 March of the next calendar year); written "2564/2".
class CensusRound {
  public:
    static Result<CensusRound> Make(int academic_year_be, int round);
    /// Parses "2564/2" (Thai digits accepted).
    static Result<CensusRound> Parse(std::string_view text);

    int AcademicYear() const { return academic_year_be_; }
    int Round() const { return round_; }
    std::string Label() const;
    /// The snapshot day: 2564/1 → 2021-06-10, 2564/2 → 2021-11-10, 2564/3 → 2022-03-31.
    Date SnapshotDate() const;
    /// Thai description: "ปีการศึกษา 2564 รอบที่ 2 (10 พฤศจิกายน 2564)".
    std::string Description() const;

    friend auto operator<=>(const CensusRound&, const CensusRound&) = default;

  private:
    CensusRound(int academic_year_be, int round)
        : academic_year_be_(academic_year_be), round_(round) {}
    int academic_year_be_;
    int round_;
};

}  // namespace khet
