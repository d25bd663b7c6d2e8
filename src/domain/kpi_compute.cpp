#include "domain/kpi_compute.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>

#include "base/assert.hpp"

namespace khet {
namespace {

// The value as the KPI table writes it: a percent with two decimals, a count whole when it is.
// Evaluate keeps values within ±10^12, so hundredths fit an int64 with room to spare.
KpiValue ValueOf(double value, KpiUnit unit) {
    KHET_ASSERT(std::isfinite(value) && std::fabs(value) <= 1e15, "a formula value in range");
    const auto hundredths = static_cast<std::int64_t>(std::llround(value * 100));
    if (unit != KpiUnit::kPercent && hundredths % 100 == 0) {
        return KpiValue::Number(Decimal{hundredths / 100, 0});
    }
    return KpiValue::Number(Decimal{hundredths, 2});
}

std::string LineName(const PlanItem& item, const KpiRow* row) {
    std::string name = fmt::format("ตัวชี้วัด {}", item.number.empty() ? item.key : item.number);
    if (row) name += fmt::format(" ({})", row->label);
    return name;
}

}  // namespace

Date RoundEnd(int fiscal_year, int round) {
    KHET_ASSERT(IsReportingRound(round), "a round of 3, 6, 9 or 12 months");
    // Round 3 ends in December of the CE year before the one the fiscal year ends in.
    const int month = (9 + round) % 12 == 0 ? 12 : (9 + round) % 12;
    const int year = fiscal_year - 543 - (round == 3 ? 1 : 0);
    const std::chrono::year_month_day_last last{std::chrono::year{year} /
                                                std::chrono::month{static_cast<unsigned>(month)} /
                                                std::chrono::last};
    return *Date::FromYmd(year, month, static_cast<int>(static_cast<unsigned>(last.day())));
}

Status RequireFormulas(const Plan& plan) {
    for (const Kpi& kpi : plan.kpis) {
        if (!kpi.figures.formula.empty()) return {};
        for (const KpiRow& row : kpi.rows) {
            if (!row.figures.formula.empty()) return {};
        }
    }
    const std::string message =
        fmt::format("แผนปี {} ไม่มีตัวชี้วัดที่คำนวณผลจากข้อมูลของ Khet (สูตร)", plan.fiscal_year);
    return InvalidArgument(message, {FieldError{"formula", message, 0, ""}});
}

Result<std::vector<ComputedLine>> ComputeRoundResults(Plan& plan, int fiscal_year, int round,
                                                      const MeasureSource& source, bool replace) {
    if (auto formulas = RequireFormulas(plan); !formulas) {
        return std::unexpected(formulas.error());
    }
    std::vector<ComputedLine> lines;
    std::vector<FieldError> problems;
    // Evaluated first, written after: one line that fails leaves the plan as it was.
    std::vector<std::pair<KpiFigures*, KpiResult>> writes;
    for (Kpi& kpi : plan.kpis) {
        const PlanItem* item = plan.FindItem(kpi.item_key);
        KHET_ASSERT(item, "a KPI of an item of the plan");
        const auto compute = [&](KpiFigures& figures, int row, const KpiRow* sub_row) {
            if (figures.formula.empty()) return;
            ComputedLine line{kpi.item_key, row, LineName(*item, sub_row), {}, false};
            for (const KpiResult& result : figures.results) {
                if (result.fiscal_year == fiscal_year && result.round == round) {
                    line.result = result;
                    line.kept = !replace;
                }
            }
            if (line.kept) {
                lines.push_back(std::move(line));
                return;
            }
            auto formula = KpiFormula::Parse(figures.formula);
            if (!formula) {
                problems.push_back({"formula",
                                    fmt::format("{}: {}", line.name, formula.error().message), 0,
                                    kpi.item_key});
                return;
            }
            auto value = formula->Evaluate(source.values);
            if (!value) {
                problems.push_back({"formula",
                                    fmt::format("{}: {}", line.name, value.error().message), 0,
                                    kpi.item_key});
                return;
            }
            const KpiValue stored = ValueOf(value->value, kpi.unit);
            line.result = KpiResult{
                fiscal_year, round, stored,
                fmt::format("คำนวณจากข้อมูลสำมะโน {}: {} = {} (คำนวณเมื่อ {})", source.description,
                            value->working, stored.Text(), source.computed_on),
                formula->Text()};
            writes.emplace_back(&figures, line.result);
            lines.push_back(std::move(line));
        };
        if (kpi.rows.empty()) {
            compute(kpi.figures, 0, nullptr);
            continue;
        }
        for (std::size_t i = 0; i < kpi.rows.size(); ++i) {
            compute(kpi.rows[i].figures, static_cast<int>(i) + 1, &kpi.rows[i]);
        }
    }
    if (!problems.empty()) {
        std::string message = problems.size() == 1
                                  ? problems.front().message
                                  : fmt::format("คำนวณผลไม่ได้ {} ตัวชี้วัด: {}", problems.size(),
                                                problems.front().message);
        return Fail(ErrorCode::kConflict, std::move(message), std::move(problems));
    }
    for (auto& [figures, result] : writes) figures->SetResult(std::move(result));
    return lines;
}

}  // namespace khet
