#pragma once
// Results of KPIs that come from Khet's own data: when a reporting round has closed, each KPI
// line with a formula (domain/kpi_formula.hpp) is evaluated over the office's census and the
// value is stored as the round's result, with the formula and the working, so history stays as
// it was computed.
#include <string>
#include <vector>

#include "base/date.hpp"
#include "base/error.hpp"
#include "domain/kpi_formula.hpp"
#include "domain/plan.hpp"

namespace khet {

/// The last day of reporting round `round` (3, 6, 9, 12 months) of `fiscal_year` (BE): round 3
/// of 2565 ends on 31 December 2021, round 12 on 30 September 2022.
Date RoundEnd(int fiscal_year, int round);

/// The data a round's results are computed from.
struct MeasureSource {
    std::string description;  // the census round: "ปีการศึกษา 2564 รอบที่ 2 (10 พฤศจิกายน 2564)"
    MeasureValues values;
    std::string computed_on;  // the day, as the evidence writes it
};

/// A line of the KPI table whose round result was computed, or kept.
struct ComputedLine {
    std::string item_key;
    int row = 0;        // 0: the KPI's own line; 1, 2 …: its sub-rows
    std::string name;   // "ตัวชี้วัด 10 (ป.1)", for messages
    KpiResult result;   // the round's result: new, or the one kept
    bool kept = false;  // it had a result for the round, which was kept
};

/// Computes, into `plan`, the result of `round` of `fiscal_year` for every KPI line with a
/// formula. A line with a result for the round keeps it, unless `replace`. kInvalidArgument
/// when the plan has no line with a formula; kConflict, listing every line that cannot be
/// evaluated (a division by zero), when one cannot, and `plan` is unchanged.
Result<std::vector<ComputedLine>> ComputeRoundResults(Plan& plan, int fiscal_year, int round,
                                                      const MeasureSource& source, bool replace);

/// kInvalidArgument (field formula) when no KPI line of `plan` takes its result from a formula.
Status RequireFormulas(const Plan& plan);

}  // namespace khet
