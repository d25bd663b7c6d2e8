#pragma once
// The plan as the offices print it (seeds 000–004): a cover, the contents, the items from the
// vision to the guidelines in order, and the KPI table with seed 002's columns.
#include <string>

#include "domain/document.hpp"
#include "domain/plan.hpp"
#include "domain/school.hpp"

namespace khet {

/// What of a plan is printed or exported.
enum class PlanDocumentPart {
    kPlan,           // the whole plan: cover, contents, items, the KPI table (PDF)
    kKpiTable,       // the KPI table in seed 002's form with last year's status (PDF)
    kKpiTableSheet,  // the KPI table a line per KPI or sub-row, with status and why (XLSX, CSV)
};

/// What a download holds: a PDF prints the whole plan or, with `kpi_table`, its KPI table; any
/// other format (XLSX, CSV) is the KPI table as a sheet.
inline PlanDocumentPart PlanDocumentPartFor(bool kpi_table, bool pdf) {
    if (!pdf) return PlanDocumentPart::kKpiTableSheet;
    return kpi_table ? PlanDocumentPart::kKpiTable : PlanDocumentPart::kPlan;
}

/// The part of `plan` for `office`; `exported_at` ("23 พฤศจิกายน 2569") goes under the title.
Document PlanDocument(const Plan& plan, const Office& office, const std::string& exported_at,
                      PlanDocumentPart part = PlanDocumentPart::kPlan);

}  // namespace khet
