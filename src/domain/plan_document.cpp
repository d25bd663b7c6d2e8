#include "domain/plan_document.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>

#include "domain/kpi_table.hpp"

namespace khet {
namespace {

std::string Numbered(const PlanItem& item) {
    return item.number.empty() ? item.text : fmt::format("{}. {}", item.number, item.text);
}

std::vector<std::string> Provenance(const Plan& plan, const Office& office,
                                    const std::string& exported_at) {
    return {office.name.empty() ? office.code : office.name,
            fmt::format("ปีงบประมาณ พ.ศ. {}", plan.fiscal_year),
            fmt::format("{} ฉบับที่ {} · พิมพ์จาก Khet เมื่อ {}", PlanStatusLabel(plan.status),
                        plan.version, exported_at)};
}

// The heading a top-level run of items of one kind goes under.
std::string SectionTitle(PlanItemKind kind) {
    switch (kind) {
        case PlanItemKind::kValue:
            return "ค่านิยมองค์กร";
        case PlanItemKind::kStrategy:
            return "กลยุทธ์และแนวทางการพัฒนา";
        case PlanItemKind::kFocus:
            return "จุดเน้น";
        default:
            return std::string(PlanItemKindLabel(kind));
    }
}

// The KPI table as seed 002 prints it: a strategy and a guideline written once, where they
// start; a KPI with sub-rows one row, its rows' labels and figures one per line (KPI 10, 12,
// 14). With `status`, last year's status follows its result.
Table SeedFormKpiTable(const Plan& plan, const Office& office, bool status) {
    const std::vector<KpiTableLine> lines = KpiTable(plan);
    const int year = plan.fiscal_year;
    Table table;
    table.id = "kpis";
    table.caption = fmt::format("ตัวชี้วัด/เป้าหมาย ปีงบประมาณ พ.ศ. {} ของ{}", year,
                                office.short_name.empty() ? office.name : office.short_name);
    table.columns = {{"strategy", "กลยุทธ์", CellKind::kText},
                     {"guideline", "แนวทาง", CellKind::kText},
                     {"kpi", "ตัวชี้วัด", CellKind::kText},
                     {"groups", "กลุ่มรับผิดชอบ", CellKind::kText},
                     {"target_previous", fmt::format("เป้าหมาย ปี {}", year - 1), CellKind::kText},
                     {"result_previous", fmt::format("ผลปฏิบัติงาน ปี {}", year - 1), CellKind::kText}};
    if (status) {
        table.columns.push_back(
            {"status_previous", fmt::format("สถานะ ปี {}", year - 1), CellKind::kText});
    }
    table.columns.push_back({"target", fmt::format("เป้าหมาย ปี {}", year), CellKind::kText});
    const PlanItem* last_strategy = nullptr;
    const PlanItem* last_guideline = nullptr;
    for (std::size_t i = 0; i < lines.size();) {
        const KpiTableLine& first = lines[i];
        std::string text = Numbered(*first.item);
        std::string groups, target_previous, result_previous, judged, target;
        std::size_t end = i;
        while (end < lines.size() && lines[end].item == first.item) ++end;
        for (std::size_t j = i; j < end; ++j) {
            const KpiTableLine& line = lines[j];
            const auto add = [&](std::string& cell, std::string_view value) {
                cell += (j == i ? "" : "\n") + std::string(value);
            };
            if (line.row) text += "\n- " + line.row->label;
            const KpiResult* previous = line.figures->Result(year - 1);
            if (j == i || line.groups != lines[i].groups) add(groups, line.groups);
            add(target_previous, line.figures->Target(year - 1).Text());
            add(result_previous, previous ? previous->value.Text() : "-");
            add(judged, KpiStatusLabel(JudgeLine(plan, line, year - 1, false).status));
            add(target, line.figures->Target(year).Text());
        }
        Row row;
        row.cells = {
            Cell::Text(first.strategy && first.strategy != last_strategy ? Numbered(*first.strategy)
                                                                         : ""),
            Cell::Text(first.guideline && first.guideline != last_guideline
                           ? Numbered(*first.guideline)
                           : ""),
            Cell::Text(text),
            Cell::Text(groups),
            Cell::Text(target_previous),
            Cell::Text(result_previous)};
        if (status) row.cells.push_back(Cell::Text(judged));
        row.cells.push_back(Cell::Text(target));
        last_strategy = first.strategy;
        last_guideline = first.guideline;
        table.rows.push_back(std::move(row));
        i = end;
    }
    table.notes.push_back("- หมายถึง ไม่มีค่าเป้าหมายหรือผลในปีนั้น");
    return table;
}

Document WholePlan(const Plan& plan, const Office& office, const std::string& exported_at) {
    Document document;
    document.title = plan.title;
    document.provenance = Provenance(plan, office, exported_at);
    document.cover = true;
    document.blocks.push_back(Contents{});

    std::map<std::string_view, int> depth;
    std::optional<PlanItemKind> section;
    for (const PlanItem& item : plan.tree.items) {
        const int level = item.parent.empty() ? 0 : depth[item.parent] + 1;
        depth[item.key] = level;
        if (item.kind == PlanItemKind::kKpi) continue;  // the KPI table has them
        if (level == 0 && item.kind != section) {
            section = item.kind;
            document.blocks.push_back(Heading{SectionTitle(item.kind), 1});
        }
        if (level == 0 && item.kind == PlanItemKind::kStrategy) {
            document.blocks.push_back(
                Heading{item.number.empty() ? item.text
                                            : fmt::format("กลยุทธ์ที่ {} {}", item.number, item.text),
                        2});
            continue;
        }
        // Indented by depth: two no-break spaces per level keep the outline readable.
        std::string indent;
        for (int i = 1; i < level; ++i) indent += "\u00a0\u00a0\u00a0\u00a0";
        document.blocks.push_back(Paragraph{indent + Numbered(item)});
    }

    if (KpiTable(plan).empty()) return document;
    // The table is as wide as seed 002's: its pages are turned sideways.
    document.blocks.push_back(PageBreak{.landscape = true});
    document.blocks.push_back(
        Heading{fmt::format("ตัวชี้วัดและค่าเป้าหมาย ปีงบประมาณ พ.ศ. {}", plan.fiscal_year), 1});
    document.blocks.push_back(SeedFormKpiTable(plan, office, false));
    return document;
}

Document KpiSheet(const Plan& plan, const Office& office, const std::string& exported_at) {
    Document document;
    const int year = plan.fiscal_year;
    document.title = fmt::format("ตัวชี้วัดและค่าเป้าหมาย ปีงบประมาณ พ.ศ. {}", year);
    document.provenance = Provenance(plan, office, exported_at);
    Table table;
    table.id = "kpis";
    table.caption = document.title;
    table.columns = {{"strategy", "กลยุทธ์", CellKind::kText},
                     {"guideline", "แนวทาง", CellKind::kText},
                     {"number", "ที่", CellKind::kText},
                     {"kpi", "ตัวชี้วัด", CellKind::kText},
                     {"row", "แถวย่อย", CellKind::kText},
                     {"unit", "หน่วยนับ", CellKind::kText},
                     {"groups", "กลุ่มรับผิดชอบ", CellKind::kText},
                     {"target_previous", fmt::format("เป้าหมาย ปี {}", year - 1), CellKind::kText},
                     {"result_previous", fmt::format("ผลปฏิบัติงาน ปี {}", year - 1), CellKind::kText},
                     {"target", fmt::format("เป้าหมาย ปี {}", year), CellKind::kText},
                     {"status_previous", fmt::format("สถานะ ปี {}", year - 1), CellKind::kText},
                     {"why", "เหตุผล", CellKind::kText}};
    for (const KpiTableLine& line : KpiTable(plan)) {
        const KpiResult* previous = line.figures->Result(year - 1);
        const KpiJudgement judged = JudgeLine(plan, line, year - 1, false);
        Row row;
        row.cells = {
            Cell::Text(line.strategy ? Numbered(*line.strategy) : ""),
            Cell::Text(line.guideline ? Numbered(*line.guideline) : ""),
            Cell::Text(line.item->number),
            Cell::Text(line.item->text),
            Cell::Text(line.row ? line.row->label : ""),
            Cell::Text(std::string(KpiUnitLabel(line.kpi->unit))),
            Cell::Text(line.groups),
            Cell::Text(line.figures->Target(year - 1).Text()),
            Cell::Text(previous ? previous->value.Text() : "-"),
            Cell::Text(line.figures->Target(year).Text()),
            Cell::Text(std::string(KpiStatusLabel(judged.status))),
            Cell::Text(judged.rule.empty() ? judged.inputs : judged.inputs + "; " + judged.rule)};
        table.rows.push_back(std::move(row));
    }
    document.blocks.push_back(std::move(table));
    return document;
}

}  // namespace

Document PlanDocument(const Plan& plan, const Office& office, const std::string& exported_at,
                      PlanDocumentPart part) {
    switch (part) {
        case PlanDocumentPart::kPlan:
            return WholePlan(plan, office, exported_at);
        case PlanDocumentPart::kKpiTable: {
            Document document;
            document.title = fmt::format("ตัวชี้วัดและค่าเป้าหมาย ปีงบประมาณ พ.ศ. {}", plan.fiscal_year);
            document.provenance = Provenance(plan, office, exported_at);
            document.landscape = true;
            document.blocks.push_back(SeedFormKpiTable(plan, office, true));
            return document;
        }
        case PlanDocumentPart::kKpiTableSheet:
            return KpiSheet(plan, office, exported_at);
    }
    return WholePlan(plan, office, exported_at);
}

}  // namespace khet
