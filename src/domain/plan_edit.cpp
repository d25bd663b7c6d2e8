#include "domain/plan_edit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/text.hpp"

namespace khet {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;  // clang 16 does not deduce it for aggregates yet

Status Invalid(std::string field, std::string message) {
    return InvalidArgument(message, {FieldError{std::move(field), message, 0, ""}});
}

Status MissingItem(std::string_view key) {
    return NotFound(fmt::format("ไม่พบรายการ \"{}\" ในแผน", key));
}

// The item and everything under it, as keys.
std::set<std::string, std::less<>> Subtree(const PlanTree& tree, std::string_view key) {
    std::set<std::string, std::less<>> keys = {std::string(key)};
    for (const PlanItem& item : tree.items) {
        if (keys.count(item.parent)) keys.insert(item.key);
    }
    return keys;
}

std::string FreeKey(const Plan& plan) {
    for (int n = 1;; ++n) {
        std::string key = fmt::format("new-{}", n);
        if (!plan.FindItem(key)) return key;
    }
}

Status Apply(Plan& plan, const EditItemText& edit) {
    auto found = std::find_if(plan.tree.items.begin(), plan.tree.items.end(),
                              [&](const PlanItem& item) { return item.key == edit.key; });
    if (found == plan.tree.items.end()) return MissingItem(edit.key);
    if (edit.text.empty()) return Invalid("text", "ข้อความของรายการต้องไม่ว่าง");
    found->text = edit.text;
    return {};
}

Status Apply(Plan& plan, const MoveItem& edit) { return plan.tree.Move(edit.key, edit.index); }

Status Apply(Plan& plan, const AddItem& edit) {
    if (edit.text.empty()) return Invalid("text", "ข้อความของรายการต้องไม่ว่าง");
    if (!edit.parent.empty() && !plan.FindItem(edit.parent)) return MissingItem(edit.parent);
    PlanItem item;
    item.key = FreeKey(plan);
    item.parent = edit.parent;
    item.kind = edit.kind;
    item.text = edit.text;
    // Appended under the parent's subtree, then moved to its place among the siblings.
    auto& items = plan.tree.items;
    std::size_t at = items.size();
    if (!edit.parent.empty()) {
        const auto under = Subtree(plan.tree, edit.parent);
        at = 0;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (under.count(items[i].key)) at = i + 1;
        }
    }
    items.insert(items.begin() + static_cast<std::ptrdiff_t>(at), item);
    if (edit.kind == PlanItemKind::kKpi) {
        Kpi kpi;
        kpi.item_key = item.key;
        plan.kpis.push_back(std::move(kpi));
    }
    const auto siblings = static_cast<std::size_t>(
        std::count_if(items.begin(), items.end(),
                      [&](const PlanItem& other) { return other.parent == edit.parent; }));
    return plan.tree.Move(item.key, std::min(edit.index, siblings - 1));
}

Status Apply(Plan& plan, const RemoveItem& edit) {
    if (!plan.FindItem(edit.key)) return MissingItem(edit.key);
    const auto gone = Subtree(plan.tree, edit.key);
    std::erase_if(plan.tree.items, [&](const PlanItem& item) { return gone.count(item.key) > 0; });
    std::erase_if(plan.kpis, [&](const Kpi& kpi) { return gone.count(kpi.item_key) > 0; });
    std::erase_if(plan.alignments,
                  [&](const Alignment& link) { return gone.count(link.item_key) > 0; });
    return {};
}

Kpi* FindKpi(Plan& plan, std::string_view key) {
    auto found = std::find_if(plan.kpis.begin(), plan.kpis.end(),
                              [&](const Kpi& kpi) { return kpi.item_key == key; });
    return found == plan.kpis.end() ? nullptr : &*found;
}

Status Apply(Plan& plan, const EditKpi& edit) {
    Kpi* kpi = FindKpi(plan, edit.key);
    if (!kpi) return NotFound(fmt::format("ไม่พบตัวชี้วัด \"{}\" ในแผน", edit.key));
    kpi->unit = edit.unit;
    kpi->polarity = edit.polarity;
    kpi->groups = edit.groups;
    kpi->evidence = edit.evidence;
    return {};
}

Status Apply(Plan& plan, const SetTarget& edit) {
    Kpi* kpi = FindKpi(plan, edit.key);
    if (!kpi) return NotFound(fmt::format("ไม่พบตัวชี้วัด \"{}\" ในแผน", edit.key));
    if (!IsBuddhistEraYear(edit.fiscal_year)) {
        return Invalid("fiscal_year", fmt::format("ปี {} ไม่ใช่ปีงบประมาณ พ.ศ.", edit.fiscal_year));
    }
    auto figures = FiguresOfRow(*kpi, edit.row);
    if (!figures) return std::unexpected(figures.error());
    auto value = ParseKpiValue(edit.value, kpi->unit, kpi->Levels());
    if (!value) return Invalid("value", value.error().message);
    auto high = ParseKpiValue(edit.high, kpi->unit, kpi->Levels());
    if (!high) return Invalid("high", high.error().message);
    if (kpi->polarity != Polarity::kRange && !high->IsNone()) {
        return Invalid("high", "ค่าสูงสุดของเป้าหมายใช้กับตัวชี้วัดแบบช่วงเท่านั้น");
    }
    const auto set = [&](std::map<int, KpiValue>& by_year, const KpiValue& cell) {
        if (cell.IsNone()) {
            by_year.erase(edit.fiscal_year);
        } else {
            by_year[edit.fiscal_year] = cell;
        }
    };
    set((*figures)->targets, *value);
    set((*figures)->targets_high, *high);
    return {};
}

Status Apply(Plan& plan, const SetFormula& edit) {
    Kpi* kpi = FindKpi(plan, edit.key);
    if (!kpi) return NotFound(fmt::format("ไม่พบตัวชี้วัด \"{}\" ในแผน", edit.key));
    auto figures = FiguresOfRow(*kpi, edit.row);
    if (!figures) return std::unexpected(figures.error());
    const std::string formula(TrimSpaces(edit.formula));
    if (!formula.empty()) {
        if (auto checked = CheckKpiFormula(kpi->unit, formula); !checked) {
            return Invalid("formula", checked.error().message);
        }
    }
    (*figures)->formula = formula;
    return {};
}

Status Apply(Plan& plan, const SetPlanStatus& edit) {
    plan.status = edit.status;
    return {};
}

// Plan::kpis follow their items' order (the KPI table and the files read them so).
void SortKpis(Plan& plan) {
    std::map<std::string_view, std::size_t> place;
    for (std::size_t i = 0; i < plan.tree.items.size(); ++i) place[plan.tree.items[i].key] = i;
    std::stable_sort(plan.kpis.begin(), plan.kpis.end(), [&](const Kpi& a, const Kpi& b) {
        return place[a.item_key] < place[b.item_key];
    });
}

}  // namespace

std::string_view PlanEditName(const PlanEdit& edit) {
    return std::visit(Overloaded{
                          [](const EditItemText&) { return "text"; },
                          [](const MoveItem&) { return "move"; },
                          [](const AddItem&) { return "add"; },
                          [](const RemoveItem&) { return "remove"; },
                          [](const EditKpi&) { return "kpi"; },
                          [](const SetTarget&) { return "target"; },
                          [](const SetFormula&) { return "formula"; },
                          [](const SetPlanStatus&) { return "status"; },
                      },
                      edit);
}

Result<KpiFigures*> FiguresOfRow(Kpi& kpi, int row) {
    if (row < 0 || static_cast<std::size_t>(row) > kpi.rows.size() ||
        (row == 0 && !kpi.rows.empty())) {
        const std::string message =
            kpi.rows.empty()
                ? fmt::format("ตัวชี้วัด {} ไม่มีแถวย่อย: ใช้แถว 0 ไม่ใช่แถว {}", kpi.item_key, row)
                : fmt::format("ตัวชี้วัด {} มีแถวย่อย {} แถว: ระบุแถวที่ 1–{} ไม่ใช่แถว {}", kpi.item_key,
                              kpi.rows.size(), kpi.rows.size(), row);
        return InvalidArgument(message, {FieldError{"row", message, 0, ""}});
    }
    return row == 0 ? &kpi.figures : &kpi.rows[static_cast<std::size_t>(row) - 1].figures;
}

Result<Plan> ApplyEdit(const Plan& plan, const PlanEdit& edit) {
    Plan edited = plan;
    auto applied = std::visit([&](const auto& change) { return Apply(edited, change); }, edit);
    if (!applied) return std::unexpected(applied.error());
    edited.tree.Renumber();
    SortKpis(edited);
    if (auto valid = edited.Validate(); !valid) return std::unexpected(valid.error());
    return edited;
}

}  // namespace khet
