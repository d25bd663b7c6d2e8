#pragma once
// The plan use cases: importing plan and framework files, starting next year's plan, reading a
// plan as each role may, reporting KPI results, and checking a plan's alignment.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access.hpp"
#include "domain/document.hpp"
#include "domain/kpi_compute.hpp"
#include "domain/kpi_table.hpp"
#include "domain/plan.hpp"
#include "domain/plan_document.hpp"
#include "domain/plan_edit.hpp"
#include "services/ports/repositories.hpp"
#include "services/statistics_service.hpp"

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
    /// When set, every plan and office framework of the files must be of this office (an upload
    /// to one office's page must not write another's plan).
    std::string only_office;
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

/// A plan as its pages show it: the KPI table judged for one year, with what the actor may do.
/// Pointers are into `plan` and `frameworks`, whose buffers a move keeps, so a view moves but
/// is never copied.
struct PlanView {
    struct Line {
        KpiTableLine line;
        KpiJudgement judgement;
        bool may_report = false;
    };
    Plan plan;
    std::vector<Framework> frameworks;
    int status_year = 0;
    bool year_open = false;
    bool may_edit = false;
    std::vector<Line> lines;
    PlanDashboard dashboard;
    AlignmentCheck check;

    PlanView() = default;
    PlanView(PlanView&&) = default;
    PlanView& operator=(PlanView&&) = default;
    PlanView(const PlanView&) = delete;
    PlanView& operator=(const PlanView&) = delete;
};

/// What to compute of the KPIs that take their results from Khet's data.
struct ComputeRequest {
    int result_year = 0;       // the fiscal year of the results; 0: the plan's
    std::optional<int> round;  // 3, 6, 9, 12; nullopt: every round of the year that has closed
    bool replace = false;      // compute again a round that has a result (kept otherwise)
    long long expected_version = 0;  // the plan's version as the caller saw it; 0: not checked
};

/// What a computation did, round by round.
struct ComputeSummary {
    struct Round {
        int round = 0;
        std::string census;  // the census round it was computed from, as described
        std::vector<ComputedLine> lines;
    };
    std::vector<Round> rounds;
    /// Rounds closed but not computed, with why ("no census before 31 ธันวาคม 2564").
    std::vector<std::string> skipped;
    bool written = false;  // false when every line kept its result
    Plan plan;             // as stored after
};

class PlanService {
  public:
    PlanService(PlanRepository& plans, SchoolRepository& schools, StatisticsService& statistics)
        : plans_(plans), schools_(schools), statistics_(statistics) {}

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

    /// Whether the actor may change the office's plans (import, copy, edit, compute), and
    /// whether they may report results of some KPI of them: the gate asks before it reads a
    /// body (docs/SECURITY.md).
    Status MayEdit(const Actor& actor, std::string_view office_code) const {
        return Require(actor, Permission::kEditPlan, Scope{std::string(office_code), ""});
    }
    Status MayReport(const Actor& actor, std::string_view office_code) const {
        return RequireWithin(actor, Permission::kReportResults, office_code);
    }

    /// Sets the result of a KPI (row 0) or of its sub-row (1, 2 …) for a fiscal year and round,
    /// as written ("91.97", "ดีเยี่ยม", "-" to clear), with its evidence; the plan must still be at
    /// `expected_version`. Needs kReportResults for one of the KPI's (or the row's) groups.
    Result<Plan> ReportResult(const Actor& actor, std::string_view office_code, int fiscal_year,
                              std::string_view item_key, int row, int result_year, int round,
                              std::string_view value, std::string_view evidence,
                              long long expected_version);

    /// The plan as Get allows, its statuses judged for `status_year` (default:
    /// DefaultStatusYear), open while that fiscal year has not ended.
    Result<PlanView> View(const Actor& actor, std::string_view office_code, int fiscal_year,
                          std::optional<int> status_year = std::nullopt);
    /// The view of a plan the actor has just read or changed (Get, Edit, ReportResult return
    /// it), without reading it again.
    Result<PlanView> ViewOf(const Actor& actor, Plan plan,
                            std::optional<int> status_year = std::nullopt);

    /// Applies one change of the plan editor (domain/plan_edit.hpp) to the plan at
    /// `expected_version`, audited as plan.update. Needs kEditPlan.
    Result<Plan> Edit(const Actor& actor, std::string_view office_code, int fiscal_year,
                      const PlanEdit& edit, long long expected_version);

    /// Computes the results of the plan's KPI lines that have a formula, from the office's
    /// latest census round taken on or before each round's last day, and stores them with the
    /// formula and the working (domain/kpi_compute.hpp), audited as plan.compute. A round still
    /// running is refused (kConflict), as is a round asked for that has no census before it
    /// ends. Needs kEditPlan.
    Result<ComputeSummary> ComputeResults(const Actor& actor, std::string_view office_code,
                                          int fiscal_year, const ComputeRequest& request);

    /// Whether the actor may report results of a line of `plan` whose groups are `groups`:
    /// kReportResults over the office, or over one of the groups, named in the grant by the
    /// plan's code ("แผน") or the group's name ("กลุ่มนโยบายและแผน").
    bool MayReport(const Actor& actor, const Plan& plan,
                   const std::vector<std::string>& groups) const;

    /// The plan printed whole, or its KPI table printed or as a sheet (domain/plan_document.hpp);
    /// read as Get allows.
    Result<Document> PlanDocumentOf(const Actor& actor, std::string_view office_code,
                                    int fiscal_year, PlanDocumentPart part);

  private:
    bool MayReadDrafts(const Actor& actor, std::string_view office_code);
    /// The stored plan's summary, nullopt when the office has none for the year: an existence
    /// check without reading the whole plan.
    Result<std::optional<PlanSummary>> StoredSummary(std::string_view office_code, int fiscal_year);

    PlanRepository& plans_;
    SchoolRepository& schools_;
    StatisticsService& statistics_;
};

}  // namespace khet
