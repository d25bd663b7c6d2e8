#include "domain/kpi_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace khet {

std::string GroupsText(const std::vector<std::string>& groups) {
    std::string text;
    for (const std::string& group : groups) text += (text.empty() ? "" : "/") + group;
    return text;
}

std::vector<KpiTableLine> KpiTable(const Plan& plan) {
    std::map<std::string_view, const PlanItem*> by_key;
    for (const PlanItem& item : plan.tree.items) by_key[item.key] = &item;
    std::vector<KpiTableLine> lines;
    for (const PlanItem& item : plan.tree.items) {
        if (item.kind != PlanItemKind::kKpi) continue;
        const Kpi* kpi = plan.FindKpi(item.key);
        if (!kpi) continue;
        KpiTableLine line;
        line.item = &item;
        line.kpi = kpi;
        for (auto up = by_key.find(item.parent); up != by_key.end();
             up = by_key.find(up->second->parent)) {
            const PlanItem* above = up->second;
            if (above->kind == PlanItemKind::kGuideline && !line.strategy) line.guideline = above;
            if (above->kind == PlanItemKind::kStrategy) {
                line.strategy = above;
                break;
            }
        }
        if (kpi->rows.empty()) {
            line.figures = &kpi->figures;
            line.groups = GroupsText(kpi->groups);
            lines.push_back(line);
            continue;
        }
        for (std::size_t i = 0; i < kpi->rows.size(); ++i) {
            line.row = &kpi->rows[i];
            line.sub_row = static_cast<int>(i) + 1;
            line.figures = &kpi->rows[i].figures;
            line.groups = GroupsText(kpi->GroupsOf(kpi->rows[i]));
            lines.push_back(line);
        }
    }
    return lines;
}

KpiJudgement JudgeLine(const Plan& plan, const KpiTableLine& line, int fiscal_year,
                       bool year_open) {
    return Judge(line.kpi->FactsFor(*line.figures, fiscal_year, year_open), plan.rules);
}

void StatusCounts::Add(KpiStatus status) {
    switch (status) {
        case KpiStatus::kAchieved:
            ++achieved;
            break;
        case KpiStatus::kClose:
            ++close;
            break;
        case KpiStatus::kNotAchieved:
            ++not_achieved;
            break;
        case KpiStatus::kNoTarget:
            ++no_target;
            break;
        case KpiStatus::kNoResult:
            ++no_result;
            break;
    }
}

int DefaultStatusYear(const Plan& plan) {
    for (const KpiTableLine& line : KpiTable(plan)) {
        if (line.figures->Result(plan.fiscal_year)) return plan.fiscal_year;
    }
    return plan.fiscal_year - 1;
}

PlanDashboard Dashboard(const Plan& plan, int fiscal_year, bool year_open) {
    PlanDashboard dashboard;
    dashboard.fiscal_year = fiscal_year;
    dashboard.year_open = year_open;
    for (const PlanItem& item : plan.tree.items) {
        if (item.kind != PlanItemKind::kStrategy) continue;
        dashboard.by_strategy.push_back(
            {item.key,
             fmt::format("{}{}{}", PlanItemKindLabel(item.kind),
                         item.number.empty() ? "" : "ที่ " + item.number, " " + item.text),
             {}});
    }
    for (const PlanGroup& group : plan.groups) {
        dashboard.by_group.push_back(
            {group.code, group.name.empty() ? group.code : group.name, {}});
    }
    StatusTally outside{"", "ไม่อยู่ภายใต้กลยุทธ์", {}};
    const auto tally = [](std::vector<StatusTally>& tallies, std::string_view key) {
        auto found = std::find_if(tallies.begin(), tallies.end(),
                                  [&](const StatusTally& t) { return t.key == key; });
        return found == tallies.end() ? nullptr : &found->counts;
    };
    for (const KpiTableLine& line : KpiTable(plan)) {
        const KpiStatus status = JudgeLine(plan, line, fiscal_year, year_open).status;
        dashboard.total.Add(status);
        StatusCounts* strategy =
            line.strategy ? tally(dashboard.by_strategy, line.strategy->key) : nullptr;
        (strategy ? *strategy : outside.counts).Add(status);
        const auto& groups = line.row ? line.kpi->GroupsOf(*line.row) : line.kpi->groups;
        for (const std::string& code : groups) {
            if (StatusCounts* counts = tally(dashboard.by_group, code)) counts->Add(status);
        }
    }
    if (outside.counts.Total() > 0) dashboard.by_strategy.push_back(std::move(outside));
    return dashboard;
}

}  // namespace khet
