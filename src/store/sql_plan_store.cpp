// SqlStore's plans: a plan is written whole (its rows deleted and written again in the write's
// transaction) and read whole.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "store/sql_store.hpp"
#include "store/sql_store_support.hpp"

namespace khet::store {
namespace {

// The tables of a plan's rows, children first: deleted in this order.
constexpr std::string_view kPlanRowTables[] = {"plan_alignments", "kpi_results", "kpi_targets",
                                               "kpi_rows",        "kpis",        "plan_items",
                                               "plan_groups"};

std::string Lines(const std::vector<std::string>& texts) {
    std::string joined;
    for (const std::string& text : texts) joined += (joined.empty() ? "" : "\n") + text;
    return joined;
}

std::vector<std::string> SplitLines(std::string_view text) {
    std::vector<std::string> lines;
    if (text.empty()) return lines;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find('\n', start);
        lines.emplace_back(text.substr(start, end - start));
        if (end == std::string_view::npos) return lines;
        start = end + 1;
    }
}

std::string NumberingText(const PlanTree& tree) {
    std::vector<std::string> lines;
    for (const auto& [kind, style] : tree.numbering) {
        lines.push_back(fmt::format("{}={}", PlanItemKindName(kind), NumberingName(style)));
    }
    return Lines(lines);
}

std::string RulesText(const StatusRules& rules) {
    std::vector<std::string> lines;
    for (const StatusBand& band : rules.bands) {
        lines.push_back(fmt::format("{}={}", band.min_percent.Text(), KpiStatusName(band.status)));
    }
    lines.push_back(fmt::format("otherwise={}", KpiStatusName(rules.otherwise)));
    return Lines(lines);
}

Error Corrupt(std::string_view what, std::string_view text) {
    return Error{
        ErrorCode::kInternal, fmt::format("ข้อมูลแผนที่บันทึกไว้เสียหาย: {} \"{}\"", what, text), {}};
}

Result<StatusRules> ParseRules(std::string_view text) {
    StatusRules rules;
    rules.bands.clear();
    for (const std::string& line : SplitLines(text)) {
        const auto equals = line.find('=');
        if (equals == std::string::npos) return std::unexpected(Corrupt("เกณฑ์", line));
        auto status = ParseKpiStatus(line.substr(equals + 1));
        if (!status) return std::unexpected(Corrupt("เกณฑ์", line));
        if (line.compare(0, equals, "otherwise") == 0) {
            rules.otherwise = *status;
            continue;
        }
        const auto threshold = Decimal::Parse(line.substr(0, equals));
        if (!threshold) return std::unexpected(Corrupt("เกณฑ์", line));
        rules.bands.push_back({*threshold, *status});
    }
    return rules;
}

Result<std::map<PlanItemKind, Numbering>> ParseNumberingLines(std::string_view text) {
    std::map<PlanItemKind, Numbering> numbering;
    for (const std::string& line : SplitLines(text)) {
        const auto equals = line.find('=');
        auto kind = ParsePlanItemKind(line.substr(0, equals));
        if (equals == std::string::npos || !kind)
            return std::unexpected(Corrupt("การเรียงเลข", line));
        auto style = ParseNumbering(line.substr(equals + 1));
        if (!style) return std::unexpected(Corrupt("การเรียงเลข", line));
        numbering[*kind] = *style;
    }
    return numbering;
}

Result<PlanSummary> ReadSummary(const SqlStatement& row) {
    auto status = ParsePlanStatus(row.Text(3));
    if (!status) return std::unexpected(Corrupt("สถานะ", row.Text(3)));
    return PlanSummary{
        row.Text(0), static_cast<int>(row.Int(1)), row.Text(2), *status, row.Int(4), row.Text(5),
        row.Text(6)};
}

constexpr std::string_view kSummaryColumns =
    "office_code, fiscal_year, title, status, version, updated_at, updated_by";

}  // namespace

Result<std::vector<PlanSummary>> SqlStore::Plans(std::string_view office_code) {
    KHET_TRY(query, connection_->Prepare(fmt::format(
                        "SELECT {} FROM plans WHERE office_code = ? ORDER BY fiscal_year DESC",
                        kSummaryColumns)));
    BindAll(**query, office_code);
    return ReadRows(**query, ReadSummary);
}

Result<Plan> SqlStore::FindPlan(std::string_view office_code, int fiscal_year) {
    const auto bind = [&](SqlStatement& statement) {
        BindAll(statement, office_code, fiscal_year);
    };
    KHET_TRY(head, connection_->Prepare(
                       fmt::format("SELECT {}, source, numbering, status_rules FROM plans "
                                   "WHERE office_code = ? AND fiscal_year = ?",
                                   kSummaryColumns)));
    bind(**head);
    KHET_TRY(found, (*head)->Step());
    if (!*found) {
        return NotFound(fmt::format("สำนักงาน {} ยังไม่มีแผนปีงบประมาณ {}", office_code, fiscal_year));
    }
    KHET_TRY(summary, ReadSummary(**head));
    Plan plan;
    plan.office_code = summary->office_code;
    plan.fiscal_year = summary->fiscal_year;
    plan.title = summary->title;
    plan.status = summary->status;
    plan.version = summary->version;
    plan.updated_at = summary->updated_at;
    plan.updated_by = summary->updated_by;
    plan.source = (*head)->Text(7);
    KHET_TRY(numbering, ParseNumberingLines((*head)->Text(8)));
    plan.tree.numbering = std::move(*numbering);
    KHET_TRY(rules, ParseRules((*head)->Text(9)));
    plan.rules = std::move(*rules);

    KHET_TRY(groups,
             connection_->Prepare("SELECT code, name FROM plan_groups WHERE office_code = ? "
                                  "AND fiscal_year = ? ORDER BY position"));
    bind(**groups);
    while (true) {
        KHET_TRY(more, (*groups)->Step());
        if (!*more) break;
        plan.groups.push_back({(*groups)->Text(0), (*groups)->Text(1)});
    }

    KHET_TRY(items,
             connection_->Prepare("SELECT item_key, parent_key, kind, number, body FROM plan_items "
                                  "WHERE office_code = ? AND fiscal_year = ? ORDER BY position"));
    bind(**items);
    while (true) {
        KHET_TRY(more, (*items)->Step());
        if (!*more) break;
        auto kind = ParsePlanItemKind((*items)->Text(2));
        if (!kind) return std::unexpected(Corrupt("ชนิดรายการ", (*items)->Text(2)));
        plan.tree.items.push_back(
            {(*items)->Text(0), (*items)->Text(1), *kind, (*items)->Text(3), (*items)->Text(4), 0});
    }

    // KPIs, then their rows, targets and results, attached by key and row.
    std::map<std::string, Kpi> kpis;
    KHET_TRY(kpi_query, connection_->Prepare(
                            "SELECT item_key, unit, polarity, levels, groups, evidence FROM kpis "
                            "WHERE office_code = ? AND fiscal_year = ?"));
    bind(**kpi_query);
    while (true) {
        KHET_TRY(more, (*kpi_query)->Step());
        if (!*more) break;
        const SqlStatement& row = **kpi_query;
        Kpi kpi;
        kpi.item_key = row.Text(0);
        auto unit = ParseKpiUnit(row.Text(1));
        auto polarity = ParsePolarity(row.Text(2));
        if (!unit || !polarity) return std::unexpected(Corrupt("ตัวชี้วัด", kpi.item_key));
        kpi.unit = *unit;
        kpi.polarity = *polarity;
        kpi.levels = SplitLines(row.Text(3));
        kpi.groups = SplitLines(row.Text(4));
        kpi.evidence = row.Text(5);
        kpis.emplace(kpi.item_key, std::move(kpi));
    }
    const auto figures_of = [&](const std::string& key, long long row_no) -> Result<KpiFigures*> {
        const auto found = kpis.find(key);
        if (found == kpis.end()) return std::unexpected(Corrupt("ตัวชี้วัด", key));
        Kpi& kpi = found->second;
        if (row_no == 0) return &kpi.figures;
        if (row_no < 0 || static_cast<std::size_t>(row_no) > kpi.rows.size()) {
            return std::unexpected(Corrupt("แถวย่อย", key));
        }
        return &kpi.rows[static_cast<std::size_t>(row_no) - 1].figures;
    };
    // One value out of range must not make the whole plan unreadable for everyone: it is read
    // as unreadable, and the KPI table says which it is.
    const auto value_of = [&](const std::string& key, const std::string& text) -> Result<KpiValue> {
        const Kpi& kpi = kpis.at(key);
        auto value = ParseKpiValue(text, kpi.unit, kpi.Levels());
        if (!value) return KpiValue::Unreadable(text);
        return *value;
    };

    KHET_TRY(rows, connection_->Prepare(
                       "SELECT item_key, row_no, label, groups, baseline, formula FROM kpi_rows "
                       "WHERE office_code = ? AND fiscal_year = ? ORDER BY item_key, row_no"));
    bind(**rows);
    while (true) {
        KHET_TRY(more, (*rows)->Step());
        if (!*more) break;
        const std::string key = (*rows)->Text(0);
        const auto found = kpis.find(key);
        if (found == kpis.end()) return std::unexpected(Corrupt("แถวของตัวชี้วัด", key));
        KHET_TRY(baseline, value_of(key, (*rows)->Text(4)));
        if ((*rows)->Int(1) == 0) {
            found->second.figures.baseline = *baseline;
            found->second.figures.formula = (*rows)->Text(5);
            continue;
        }
        KpiRow row;
        row.label = (*rows)->Text(2);
        row.groups = SplitLines((*rows)->Text(3));
        row.figures.baseline = *baseline;
        row.figures.formula = (*rows)->Text(5);
        found->second.rows.push_back(std::move(row));
    }

    KHET_TRY(targets,
             connection_->Prepare("SELECT item_key, row_no, target_year, target, target_high FROM "
                                  "kpi_targets WHERE office_code = ? AND fiscal_year = ?"));
    bind(**targets);
    while (true) {
        KHET_TRY(more, (*targets)->Step());
        if (!*more) break;
        const std::string key = (*targets)->Text(0);
        KHET_TRY(figures, figures_of(key, (*targets)->Int(1)));
        const int year = static_cast<int>((*targets)->Int(2));
        KHET_TRY(target, value_of(key, (*targets)->Text(3)));
        KHET_TRY(high, value_of(key, (*targets)->Text(4)));
        (*figures)->targets[year] = *target;
        if (!high->IsNone()) (*figures)->targets_high[year] = *high;
    }

    KHET_TRY(results,
             connection_->Prepare(
                 "SELECT item_key, row_no, result_year, round, value, evidence, formula FROM "
                 "kpi_results WHERE office_code = ? AND fiscal_year = ?"));
    bind(**results);
    while (true) {
        KHET_TRY(more, (*results)->Step());
        if (!*more) break;
        const std::string key = (*results)->Text(0);
        KHET_TRY(figures, figures_of(key, (*results)->Int(1)));
        KHET_TRY(value, value_of(key, (*results)->Text(4)));
        (*figures)->SetResult({static_cast<int>((*results)->Int(2)),
                               static_cast<int>((*results)->Int(3)), *value, (*results)->Text(5),
                               (*results)->Text(6)});
    }
    for (const PlanItem& item : plan.tree.items) {
        const auto found = kpis.find(item.key);
        if (found != kpis.end()) plan.kpis.push_back(std::move(found->second));
    }

    KHET_TRY(links, connection_->Prepare(
                        "SELECT a.item_key, a.framework_code, a.framework_item FROM "
                        "plan_alignments a JOIN plan_items i ON i.office_code = a.office_code AND "
                        "i.fiscal_year = a.fiscal_year AND i.item_key = a.item_key "
                        "WHERE a.office_code = ? AND a.fiscal_year = ? "
                        "ORDER BY i.position, a.framework_code, a.framework_item"));
    bind(**links);
    while (true) {
        KHET_TRY(more, (*links)->Step());
        if (!*more) break;
        plan.alignments.push_back({(*links)->Text(0), (*links)->Text(1), (*links)->Text(2), 0});
    }
    return plan;
}

Result<std::vector<Framework>> SqlStore::Frameworks() {
    KHET_TRY(query,
             connection_->Prepare("SELECT code, name, office_code FROM frameworks ORDER BY code"));
    std::vector<Framework> frameworks;
    std::map<std::string, std::size_t> index;
    while (true) {
        KHET_TRY(more, (*query)->Step());
        if (!*more) break;
        index[(*query)->Text(0)] = frameworks.size();
        frameworks.push_back({(*query)->Text(0), (*query)->Text(1), (*query)->Text(2), {}});
    }
    KHET_TRY(items,
             connection_->Prepare("SELECT framework_code, item_key, parent_key, number, body FROM "
                                  "framework_items ORDER BY framework_code, position"));
    while (true) {
        KHET_TRY(more, (*items)->Step());
        if (!*more) break;
        const auto found = index.find((*items)->Text(0));
        if (found == index.end()) return std::unexpected(Corrupt("กรอบ", (*items)->Text(0)));
        frameworks[found->second].items.push_back(
            {(*items)->Text(1), (*items)->Text(2), (*items)->Text(3), (*items)->Text(4), 0});
    }
    return frameworks;
}

Status SqlStore::WritePlan(const Plan& plan, long long version) {
    for (std::string_view table : kPlanRowTables) {
        KHET_TRY(remove, connection_->Prepare(fmt::format(
                             "DELETE FROM {} WHERE office_code = ? AND fiscal_year = ?", table)));
        BindAll(**remove, plan.office_code, plan.fiscal_year);
        if (auto done = Run(**remove); !done) return done;
    }
    KHET_TRY(remove_plan,
             connection_->Prepare("DELETE FROM plans WHERE office_code = ? AND fiscal_year = ?"));
    BindAll(**remove_plan, plan.office_code, plan.fiscal_year);
    if (auto done = Run(**remove_plan); !done) return done;

    KHET_TRY(head, connection_->Prepare(
                       "INSERT INTO plans (office_code, fiscal_year, title, status, source, "
                       "numbering, status_rules, version, updated_at, updated_by) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    BindAll(**head, plan.office_code, plan.fiscal_year, plan.title, PlanStatusName(plan.status),
            plan.source, NumberingText(plan.tree), RulesText(plan.rules), version, NowUtc(),
            plan.updated_by);
    if (auto done = Run(**head); !done) return done;

    KHET_TRY(group, connection_->Prepare(
                        "INSERT INTO plan_groups (office_code, fiscal_year, position, code, name) "
                        "VALUES (?, ?, ?, ?, ?)"));
    for (std::size_t i = 0; i < plan.groups.size(); ++i) {
        BindAll(**group, plan.office_code, plan.fiscal_year, i, plan.groups[i].code,
                plan.groups[i].name);
        if (auto done = Run(**group); !done) return done;
    }
    KHET_TRY(item, connection_->Prepare(
                       "INSERT INTO plan_items (office_code, fiscal_year, position, item_key, "
                       "parent_key, kind, number, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (std::size_t i = 0; i < plan.tree.items.size(); ++i) {
        const PlanItem& row = plan.tree.items[i];
        BindAll(**item, plan.office_code, plan.fiscal_year, i, row.key, row.parent,
                PlanItemKindName(row.kind), row.number, row.text);
        if (auto done = Run(**item); !done) return done;
    }
    KHET_TRY(kpi_insert,
             connection_->Prepare(
                 "INSERT INTO kpis (office_code, fiscal_year, item_key, unit, polarity, "
                 "levels, groups, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    KHET_TRY(row_insert, connection_->Prepare(
                             "INSERT INTO kpi_rows (office_code, fiscal_year, item_key, row_no, "
                             "label, groups, baseline, formula) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    KHET_TRY(target_insert,
             connection_->Prepare("INSERT INTO kpi_targets (office_code, fiscal_year, item_key, "
                                  "row_no, target_year, target, target_high) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    KHET_TRY(result_insert,
             connection_->Prepare("INSERT INTO kpi_results (office_code, fiscal_year, item_key, "
                                  "row_no, result_year, round, value, evidence, formula) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const Kpi& kpi : plan.kpis) {
        BindAll(**kpi_insert, plan.office_code, plan.fiscal_year, kpi.item_key,
                KpiUnitLabel(kpi.unit), PolarityName(kpi.polarity), Lines(kpi.levels),
                Lines(kpi.groups), kpi.evidence);
        if (auto done = Run(**kpi_insert); !done) return done;
        const auto write_figures = [&](long long row_no, std::string_view label,
                                       const std::vector<std::string>& groups,
                                       const KpiFigures& figures) -> Status {
            BindAll(**row_insert, plan.office_code, plan.fiscal_year, kpi.item_key, row_no, label,
                    Lines(groups), figures.baseline.Text(), figures.formula);
            if (auto done = Run(**row_insert); !done) return done;
            std::map<int, std::pair<std::string, std::string>> by_year;
            for (const auto& [year, value] : figures.targets) by_year[year].first = value.Text();
            for (const auto& [year, value] : figures.targets_high) {
                by_year[year].second = value.Text();
                if (!figures.targets.count(year)) by_year[year].first = "-";
            }
            for (auto& [year, values] : by_year) {
                if (values.second.empty()) values.second = "-";
                BindAll(**target_insert, plan.office_code, plan.fiscal_year, kpi.item_key, row_no,
                        year, values.first, values.second);
                if (auto done = Run(**target_insert); !done) return done;
            }
            for (const KpiResult& result : figures.results) {
                BindAll(**result_insert, plan.office_code, plan.fiscal_year, kpi.item_key, row_no,
                        result.fiscal_year, result.round, result.value.Text(), result.evidence,
                        result.formula);
                if (auto done = Run(**result_insert); !done) return done;
            }
            return {};
        };
        if (auto done = write_figures(0, "", {}, kpi.figures); !done) return done;
        for (std::size_t i = 0; i < kpi.rows.size(); ++i) {
            const KpiRow& row = kpi.rows[i];
            if (auto done = write_figures(static_cast<long long>(i) + 1, row.label, row.groups,
                                          row.figures);
                !done) {
                return done;
            }
        }
    }
    KHET_TRY(link, connection_->Prepare(
                       "INSERT INTO plan_alignments (office_code, fiscal_year, item_key, "
                       "framework_code, framework_item) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT DO NOTHING"));
    for (const Alignment& alignment : plan.alignments) {
        BindAll(**link, plan.office_code, plan.fiscal_year, alignment.item_key, alignment.framework,
                alignment.framework_item);
        if (auto done = Run(**link); !done) return done;
    }
    return {};
}

Status SqlStore::ImportPlans(const std::vector<Office>& offices,
                             const std::vector<Framework>& frameworks,
                             const std::vector<Plan>& plans, const AuditEntry& audit) {
    KHET_TRY(transaction, Transaction::Begin(*connection_));
    KHET_TRY(office, connection_->Prepare("INSERT INTO offices (code, name, short_name, data_note) "
                                          "VALUES (?, ?, ?, ?) ON CONFLICT (code) DO NOTHING"));
    for (const Office& row : offices) {
        BindAll(**office, row.code, row.name, row.short_name, row.data_note);
        if (auto done = Run(**office); !done) return done;
    }
    KHET_TRY(remove_items,
             connection_->Prepare("DELETE FROM framework_items WHERE framework_code = ?"));
    KHET_TRY(upsert, connection_->Prepare(
                         "INSERT INTO frameworks (code, name, office_code) VALUES (?, ?, ?) "
                         "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
                         "office_code = excluded.office_code"));
    KHET_TRY(item, connection_->Prepare(
                       "INSERT INTO framework_items (framework_code, position, item_key, "
                       "parent_key, number, body) VALUES (?, ?, ?, ?, ?, ?)"));
    for (const Framework& framework : frameworks) {
        BindAll(**remove_items, framework.code);
        if (auto done = Run(**remove_items); !done) return done;
        BindAll(**upsert, framework.code, framework.name, framework.office_code);
        if (auto done = Run(**upsert); !done) return done;
        for (std::size_t i = 0; i < framework.items.size(); ++i) {
            const FrameworkItem& row = framework.items[i];
            BindAll(**item, framework.code, i, row.key, row.parent, row.number, row.text);
            if (auto done = Run(**item); !done) return done;
        }
    }
    KHET_TRY(version_query,
             connection_->Prepare(
                 "SELECT version FROM plans WHERE office_code = ? AND fiscal_year = ?"));
    for (const Plan& plan : plans) {
        BindAll(**version_query, plan.office_code, plan.fiscal_year);
        KHET_TRY(found, (*version_query)->Step());
        const long long version = *found ? (*version_query)->Int(0) + 1 : 1;
        (*version_query)->Reset();
        Plan stamped = plan;
        stamped.updated_by = audit.user_name;
        if (auto done = WritePlan(stamped, version); !done) return done;
    }
    return CommitWrite(*transaction, audit);
}

Result<Plan> SqlStore::UpdatePlan(const Plan& plan, long long expected_version,
                                  const AuditEntry& audit) {
    KHET_TRY(transaction, Transaction::Begin(*connection_));
    // Raised first, as in UpdateSchool: concurrent writers queue on it, so the version read
    // next is still current when the plan is written.
    KHET_TRY(generation, RaiseDataGeneration());
    KHET_TRY(query, connection_->Prepare("SELECT version, updated_by, updated_at FROM plans "
                                         "WHERE office_code = ? AND fiscal_year = ?"));
    BindAll(**query, plan.office_code, plan.fiscal_year);
    KHET_TRY(found, (*query)->Step());
    if (!*found) {
        return NotFound(
            fmt::format("สำนักงาน {} ยังไม่มีแผนปีงบประมาณ {}", plan.office_code, plan.fiscal_year));
    }
    if ((*query)->Int(0) != expected_version) {
        return Fail(
            ErrorCode::kConflict,
            fmt::format("แผนปี {} ถูกแก้ไขไปแล้วโดย {} เมื่อ {} (ฉบับที่ {} ไม่ใช่ {})", plan.fiscal_year,
                        (*query)->Text(1), (*query)->Text(2), (*query)->Int(0), expected_version));
    }
    (*query)->Reset();
    Plan stamped = plan;
    stamped.updated_by = audit.user_name;
    if (auto done = WritePlan(stamped, expected_version + 1); !done) {
        return std::unexpected(done.error());
    }
    if (auto recorded = RecordAudit(audit, *generation, 1, NowUtc()); !recorded) {
        return std::unexpected(recorded.error());
    }
    if (auto committed = transaction->Commit(); !committed) {
        return std::unexpected(committed.error());
    }
    return FindPlan(plan.office_code, plan.fiscal_year);
}

}  // namespace khet::store
