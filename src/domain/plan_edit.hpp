#pragma once
// The plan editor's changes, one at a time: a new text, a move among siblings, an item added or
// removed, a KPI's settings, a target, the plan's status. Each is applied to a copy of the plan,
// which must still hold together afterwards (Plan::Validate); otherwise the plan is unchanged.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/plan.hpp"

namespace khet {

struct EditItemText {
    std::string key;
    std::string text;
};

/// Moves an item (with everything under it) to `index` among its siblings, 0 first.
struct MoveItem {
    std::string key;
    std::size_t index = 0;
};

/// Adds an item under `parent` ("" at the top) at `index` among its siblings (past the end:
/// last). A KPI starts counted in ร้อยละ, higher is better, with no group and no figures.
struct AddItem {
    std::string parent;
    PlanItemKind kind = PlanItemKind::kStrategy;
    std::string text;
    std::size_t index = static_cast<std::size_t>(-1);
};

/// Removes an item with everything under it, their KPIs and their links to frameworks.
struct RemoveItem {
    std::string key;
};

/// A KPI's unit, polarity, responsible groups and where its results come from.
struct EditKpi {
    std::string key;
    KpiUnit unit = KpiUnit::kPercent;
    Polarity polarity = Polarity::kHigherIsBetter;
    std::vector<std::string> groups;
    std::string evidence;
};

/// The target of a KPI (row 0) or of its sub-row (1, 2 …) for a fiscal year, as written
/// ("80", "ดีเยี่ยม", "-" for none); `high` is the top of a range target.
struct SetTarget {
    std::string key;
    int row = 0;
    int fiscal_year = 0;
    std::string value;
    std::string high;
};

/// The formula a KPI (row 0) or its sub-row takes its result from (domain/kpi_formula.hpp),
/// "" to report its results by hand again. Results already stored stay as they are.
struct SetFormula {
    std::string key;
    int row = 0;
    std::string formula;
};

struct SetPlanStatus {
    PlanStatus status = PlanStatus::kDraft;
};

using PlanEdit = std::variant<EditItemText, MoveItem, AddItem, RemoveItem, EditKpi, SetTarget,
                              SetFormula, SetPlanStatus>;

/// "move", "add" …: the edit's name, for the audit trail.
std::string_view PlanEditName(const PlanEdit& edit);

/// `plan` with `edit` applied, renumbered, its KPIs in the order of their items, and valid;
/// kNotFound for an item that is not there, kInvalidArgument (with the field) otherwise. The
/// key of an added item is the first free "new-N".
Result<Plan> ApplyEdit(const Plan& plan, const PlanEdit& edit);

/// The figures of a KPI's row (0: the KPI's own, on a KPI without rows); kInvalidArgument
/// naming the rows there are otherwise.
Result<KpiFigures*> FiguresOfRow(Kpi& kpi, int row);

}  // namespace khet
