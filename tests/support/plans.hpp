#pragma once
// Helpers for tests of plans: reading the repository's plan files and comparing plans.
#include <string>
#include <vector>

#include "domain/plan.hpp"
#include "services/plans.hpp"

namespace khet::testing {

/// The text of a file of the repository (a path relative to its root).
std::string SourceText(const std::string& relative_path);

/// Every framework and plan file of data/frameworks and data/plans, by path.
std::vector<NamedText> SeedPlanFiles();

/// The plan of data/plans/NAME, read with ReadPlanFile (fails the test when it does not read).
Plan SeedPlan(const std::string& name);

/// A line of seed 002's KPI table as tests/data/seed002_kpi_table.tsv has it (read from the
/// seed's own text, apart from the plan file): a KPI, or one of its sub-rows.
struct SeedKpiLine {
    std::string strategy;   // "1"
    std::string guideline;  // "2"
    std::string kpi;        // "10"
    std::string text;       // the KPI's words, without its number
    int sub_row = 0;        // 1, 2 … on sub-rows
    std::string label;      // the sub-row's
    std::string groups;     // as printed: "อก/ทุกกลุ่ม"
    std::string target_2561;
    std::string result_2561;
    std::string target_2562;
};

/// The 37 lines of seed 002's KPI table, in order.
std::vector<SeedKpiLine> Seed002KpiTable();

/// Whether two plans hold the same content: the lines they were read from, their version and
/// who stored them when aside. On a difference, says which part differs in `why`.
bool SamePlan(const Plan& a, const Plan& b, std::string* why = nullptr);

}  // namespace khet::testing
