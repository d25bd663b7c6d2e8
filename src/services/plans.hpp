#pragma once
// The plan use cases: importing plan and framework files, starting next year's plan, reading a
// plan as each role may, reporting KPI results, and checking a plan's alignment.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access.hpp"
#include "domain/document.hpp"
#include "domain/plan.hpp"
#include "services/ports/repositories.hpp"

namespace khet {

/// A file to import: its name (for messages) and its text.
struct NamedText {
    std::string name;
    std::string text;
};

/// What an import read and (unless a dry run) wrote.
struct PlanImportSummary {
    bool dry_run = false;
    std::vector<std::string> frameworks;  // codes
    std::vector<PlanSummary> plans;
    int items = 0;
    int kpis = 0;
    std::vector<std::string> new_offices;  // offices added from the files' office_name
    std::vector<std::string> skipped;      // "2402/2565", "obec-2562": kept as stored
};

struct PlanImportOptions {
    bool dry_run = false;
    /// Leaves plans and frameworks the store already has as they are (the demo's set-up, run
    /// on every start, must not undo what people changed).
    bool skip_existing = false;
};

/// What a plan's alignment check finds (issue: strategies without KPIs, KPIs without a group).
struct AlignmentCheck {
    std::vector<const PlanItem*> strategies_without_kpis;
    std::vector<const PlanItem*> kpis_without_group;
    /// For every framework item a plan item serves: the plan items serving it.
    struct Served {
        const Framework* framework = nullptr;
        const FrameworkItem* item = nullptr;
        std::vector<const PlanItem*> by;
    };
    std::vector<Served> served;
};

/// Checks `plan` against the frameworks it links to; pointers are into both.
AlignmentCheck CheckAlignment(const Plan& plan, const std::vector<Framework>& frameworks);

class PlanService {
  public:
    PlanService(PlanRepository& plans, SchoolRepository& schools)
        : plans_(plans), schools_(schools) {}

    /// Reads every file (plans and frameworks, in any order), checks them all (each plan's
    /// links against the frameworks of the import and of the store, its office against the
    /// store or its office_name), then writes them in one transaction: all or nothing. Needs
    /// kEditPlan in each plan's office; a national framework needs a system administrator.
    Result<PlanImportSummary> Import(const Actor& actor, const std::vector<NamedText>& files,
                                     const PlanImportOptions& options = {});

    /// Starts `to`'s plan from `from`'s (Plan::CopyTo), as a draft. kConflict when the office
    /// already has a plan for `to`. Needs kEditPlan.
    Result<PlanSummary> Copy(const Actor& actor, std::string_view office_code, int from, int to);

    /// The office's plans the actor may read: all with kEditPlan or kReportResults, else the
    /// published ones (kReadPublished).
    Result<std::vector<PlanSummary>> List(const Actor& actor, std::string_view office_code);

    /// One plan, as List allows; a draft is kNotFound to those who may not read drafts.
    Result<Plan> Get(const Actor& actor, std::string_view office_code, int fiscal_year);

    /// The frameworks, for any signed-in user.
    Result<std::vector<Framework>> Frameworks(const Actor& actor);

    /// Sets the result of a KPI (row 0) or of its sub-row (1, 2 …) for a fiscal year and round,
    /// as written ("91.97", "ดีเยี่ยม", "-" to clear), with its evidence; the plan must still be at
    /// `expected_version`. Needs kReportResults for one of the KPI's (or the row's) groups.
    Result<Plan> ReportResult(const Actor& actor, std::string_view office_code, int fiscal_year,
                              std::string_view item_key, int row, int result_year, int round,
                              std::string_view value, std::string_view evidence,
                              long long expected_version);

    /// The plan document (cover, contents, items, KPI table) or, with `kpi_table`, the KPI table
    /// alone with last year's statuses; read as Get allows.
    Result<Document> PlanDocumentOf(const Actor& actor, std::string_view office_code,
                                    int fiscal_year, bool kpi_table);

  private:
    bool MayReadDrafts(const Actor& actor, std::string_view office_code);
    /// The stored plan's summary, nullopt when the office has none for the year: an existence
    /// check without reading the whole plan.
    Result<std::optional<PlanSummary>> StoredSummary(std::string_view office_code, int fiscal_year);

    PlanRepository& plans_;
    SchoolRepository& schools_;
};

}  // namespace khet
