#pragma once
// The plan as the offices print it (seeds 000–004): a cover, the contents, the items from the
// vision to the guidelines in order, and the KPI table with seed 002's columns.
#include <string>

#include "domain/document.hpp"
#include "domain/plan.hpp"
#include "domain/school.hpp"

namespace khet {

/// The whole plan document of `plan` for `office`; `exported_at` ("23 พฤศจิกายน 2569") goes on
/// the cover.
Document PlanDocument(const Plan& plan, const Office& office, const std::string& exported_at);

/// The KPI table alone, a line per KPI or sub-row, with last year's status and why: for XLSX.
Document KpiTableDocument(const Plan& plan, const Office& office, const std::string& exported_at);

}  // namespace khet
