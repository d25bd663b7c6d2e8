#pragma once
// The KPI table of a plan as seed 002 prints it: strategy, guideline, KPI, responsible groups,
// last year's target and result, this year's target; one line per KPI or sub-row.
#include <string>
#include <vector>

#include "domain/kpi_status.hpp"
#include "domain/plan.hpp"

namespace khet {

struct KpiTableLine {
    const PlanItem* strategy = nullptr;   // the nearest strategy above the KPI, if any
    const PlanItem* guideline = nullptr;  // the outermost guideline of that strategy above it
    const PlanItem* item = nullptr;       // the KPI's item
    const Kpi* kpi = nullptr;
    const KpiRow* row = nullptr;  // the sub-row, nullptr on a KPI without rows
    int sub_row = 0;              // 1, 2 … on sub-rows, 0 otherwise
    const KpiFigures* figures = nullptr;
    std::string groups;  // as the table prints them: "อก/ทุกกลุ่ม"
};

/// The lines of `plan`'s KPI table, in the plan's order. Pointers are into `plan`.
std::vector<KpiTableLine> KpiTable(const Plan& plan);

/// "อก/ทุกกลุ่ม".
std::string GroupsText(const std::vector<std::string>& groups);

/// The status of a line in `fiscal_year` by the plan's rules.
KpiJudgement JudgeLine(const Plan& plan, const KpiTableLine& line, int fiscal_year, bool year_open);

/// Counts of statuses, for the executives' dashboard.
struct StatusCounts {
    int achieved = 0;
    int close = 0;
    int not_achieved = 0;
    int no_target = 0;
    int no_result = 0;
    void Add(KpiStatus status);
    int Total() const { return achieved + close + not_achieved + no_target + no_result; }
};

/// The statuses of the lines under one strategy or of one group.
struct StatusTally {
    std::string key;    // the strategy's item key, or the group's code
    std::string label;  // "กลยุทธ์ที่ 1 …", or the group's name
    StatusCounts counts;
};

/// The executives' view of a plan in a year: how many lines (KPIs and sub-rows) are achieved,
/// close or not, in all, by strategy (in plan order; lines under none last, keyed "") and by
/// responsible group (in the plan's group order; a line of two groups counts for both).
struct PlanDashboard {
    int fiscal_year = 0;
    bool year_open = false;
    StatusCounts total;
    std::vector<StatusTally> by_strategy;
    std::vector<StatusTally> by_group;
};

PlanDashboard Dashboard(const Plan& plan, int fiscal_year, bool year_open);

/// The year a plan's statuses are shown for unless one is asked: the plan's own once any line
/// has a result for it, else the year before (whose results the KPI table prints).
int DefaultStatusYear(const Plan& plan);

}  // namespace khet
