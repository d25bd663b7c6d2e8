#include "services/plans.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "base/json_text.hpp"
#include "domain/plan_document.hpp"
#include "services/plan_file.hpp"
#include "thai/buddhist_date.hpp"
#include "thai/fiscal_year.hpp"
#include "thai/thai_time.hpp"

namespace khet {
namespace {

std::string PlanId(std::string_view office_code, int fiscal_year) {
    return fmt::format("{}/{}", office_code, fiscal_year);
}

// Every problem of an import, from every file, as one error.
Status Refuse(std::vector<FieldError> problems) {
    std::string message =
        problems.size() == 1
            ? fmt::format("{}: {}", problems.front().field, problems.front().message)
            : fmt::format("ไม่ได้นำเข้า: พบข้อผิดพลาด {} แห่ง เช่น {}: {}", problems.size(),
                          problems.front().field, problems.front().message);
    return InvalidArgument(std::move(message), std::move(problems));
}

}  // namespace

AlignmentCheck CheckAlignment(const Plan& plan, const std::vector<Framework>& frameworks) {
    AlignmentCheck check;
    std::map<std::string_view, const PlanItem*> by_key;
    for (const PlanItem& item : plan.tree.items) by_key[item.key] = &item;
    std::set<std::string_view> with_kpi;
    for (const PlanItem& item : plan.tree.items) {
        if (item.kind != PlanItemKind::kKpi) continue;
        for (auto up = by_key.find(item.parent); up != by_key.end();
             up = by_key.find(up->second->parent)) {
            with_kpi.insert(up->first);
        }
        const Kpi* kpi = plan.FindKpi(item.key);
        const bool grouped =
            kpi && (!kpi->groups.empty() ||
                    (!kpi->rows.empty() &&
                     std::all_of(kpi->rows.begin(), kpi->rows.end(),
                                 [](const KpiRow& row) { return !row.groups.empty(); })));
        if (!grouped) check.kpis_without_group.push_back(&item);
    }
    for (const PlanItem& item : plan.tree.items) {
        if (item.kind == PlanItemKind::kStrategy && !with_kpi.count(item.key)) {
            check.strategies_without_kpis.push_back(&item);
        }
    }
    for (const Framework& framework : frameworks) {
        for (const FrameworkItem& framework_item : framework.items) {
            AlignmentCheck::Served served{&framework, &framework_item, {}};
            for (const Alignment& link : plan.alignments) {
                if (link.framework != framework.code || link.framework_item != framework_item.key)
                    continue;
                const auto item = by_key.find(link.item_key);
                if (item != by_key.end()) served.by.push_back(item->second);
            }
            if (!served.by.empty()) check.served.push_back(std::move(served));
        }
    }
    return check;
}

Result<PlanImportSummary> PlanService::Import(const Actor& actor,
                                              const std::vector<NamedText>& files,
                                              const PlanImportOptions& options) {
    const bool dry_run = options.dry_run;
    if (auto signed_in = RequireSignedIn(actor); !signed_in)
        return std::unexpected(signed_in.error());
    if (!options.only_office.empty()) {
        if (auto allowed = Require(actor, Permission::kEditPlan, Scope{options.only_office, ""});
            !allowed) {
            return std::unexpected(allowed.error());
        }
    }
    std::vector<FieldError> problems;
    std::vector<PlanFile> read;
    for (const NamedText& file : files) {
        auto parsed = ReadPlanFile(file.name, file.text);
        if (!parsed) {
            for (FieldError& field : parsed.error().fields) problems.push_back(std::move(field));
            continue;
        }
        read.push_back(std::move(*parsed));
    }

    // The frameworks as they will be: the store's, replaced by the import's of the same code.
    auto stored = plans_.Frameworks();
    if (!stored) return std::unexpected(stored.error());
    std::map<std::string, Framework, std::less<>> frameworks;
    for (Framework& framework : *stored) frameworks[framework.code] = std::move(framework);
    const std::set<std::string, std::less<>> stored_codes = [&] {
        std::set<std::string, std::less<>> codes;
        for (const auto& [code, framework] : frameworks) codes.insert(code);
        return codes;
    }();
    PlanImportSummary summary;
    summary.dry_run = dry_run;
    std::vector<Framework> imported_frameworks;
    std::set<std::string, std::less<>> seen_frameworks;
    for (const PlanFile& file : read) {
        if (!file.framework) continue;
        const Framework& framework = *file.framework;
        const std::string where = fmt::format("{}:1", file.name);
        if (!options.only_office.empty() && !framework.office_code.empty() &&
            framework.office_code != options.only_office) {
            problems.push_back({where,
                                fmt::format("กรอบ {} เป็นของสำนักงาน {} ไม่ใช่ {}", framework.code,
                                            framework.office_code, options.only_office),
                                1, "office"});
            continue;
        }
        if (!seen_frameworks.insert(framework.code).second) {
            problems.push_back({where,
                                fmt::format("กรอบ {} อยู่ในการนำเข้านี้มากกว่าหนึ่งไฟล์", framework.code), 1,
                                "code"});
            continue;
        }
        const Status allowed =
            framework.office_code.empty()
                ? (IsSystemAdmin(actor)
                       ? Status{}
                       : Fail(ErrorCode::kPermissionDenied,
                              fmt::format("กรอบระดับชาติ ({}) นำเข้าได้เฉพาะผู้ดูแลระบบ", framework.code)))
                : Require(actor, Permission::kEditPlan, Scope{framework.office_code, ""});
        if (!allowed) return std::unexpected(allowed.error());
        if (options.skip_existing && stored_codes.count(framework.code)) {
            summary.skipped.push_back(framework.code);
            continue;
        }
        frameworks[framework.code] = framework;
        imported_frameworks.push_back(framework);
    }

    std::vector<Plan> plans;
    std::vector<Office> new_offices;
    std::set<std::pair<std::string, int>> seen_plans;
    for (const PlanFile& file : read) {
        if (!file.plan) continue;
        const Plan& plan = *file.plan;
        if (!options.only_office.empty() && plan.office_code != options.only_office) {
            problems.push_back({fmt::format("{}:1", file.name),
                                fmt::format("ไฟล์นี้เป็นแผนของสำนักงาน {} ไม่ใช่สำนักงาน {} ที่เลือกไว้",
                                            plan.office_code, options.only_office),
                                1, "office"});
            continue;
        }
        if (auto allowed = Require(actor, Permission::kEditPlan, Scope{plan.office_code, ""});
            !allowed) {
            return std::unexpected(allowed.error());
        }
        if (options.skip_existing) {
            auto existing = StoredSummary(plan.office_code, plan.fiscal_year);
            if (!existing) return std::unexpected(existing.error());
            if (*existing) {
                summary.skipped.push_back(PlanId(plan.office_code, plan.fiscal_year));
                continue;
            }
        }
        if (!seen_plans.insert({plan.office_code, plan.fiscal_year}).second) {
            problems.push_back({fmt::format("{}:1", file.name),
                                fmt::format("แผนปี {} ของสำนักงาน {} อยู่ในการนำเข้านี้มากกว่าหนึ่งไฟล์",
                                            plan.fiscal_year, plan.office_code),
                                1, "fiscal_year"});
        }
        auto office = schools_.FindOffice(plan.office_code);
        if (!office && office.error().code != ErrorCode::kNotFound) {
            return std::unexpected(office.error());
        }
        const bool office_known =
            office || std::any_of(new_offices.begin(), new_offices.end(), [&](const Office& added) {
                return added.code == plan.office_code;
            });
        if (!office_known) {
            if (file.office_name.empty()) {
                problems.push_back({fmt::format("{}:1", file.name),
                                    fmt::format("ไม่พบสำนักงานเขตรหัส {}: นำเข้ารายชื่อโรงเรียนของเขตก่อน "
                                                "หรือใส่ office_name ในไฟล์",
                                                plan.office_code),
                                    1, "office"});
            } else {
                new_offices.push_back({plan.office_code, file.office_name, file.office_name, ""});
                summary.new_offices.push_back(plan.office_code);
            }
        }
        for (const Alignment& link : plan.alignments) {
            const auto framework = frameworks.find(link.framework);
            const std::string where = fmt::format("{}:{}", file.name, link.line);
            if (framework == frameworks.end()) {
                problems.push_back(
                    {where,
                     fmt::format("ไม่มีกรอบ \"{}\" (ใน serves {}/{}): นำเข้าไฟล์กรอบนั้นด้วย",
                                 link.framework, link.framework, link.framework_item),
                     link.line, "serves"});
            } else if (!framework->second.Find(link.framework_item)) {
                problems.push_back(
                    {where,
                     fmt::format("กรอบ {} ไม่มีข้อ \"{}\" (ใน serves {}/{})", link.framework,
                                 link.framework_item, link.framework, link.framework_item),
                     link.line, "serves"});
            }
        }
        summary.items += static_cast<int>(plan.tree.items.size());
        summary.kpis += static_cast<int>(plan.kpis.size());
        plans.push_back(plan);
    }
    if (!problems.empty()) return std::unexpected(Refuse(std::move(problems)).error());

    for (const Framework& framework : imported_frameworks)
        summary.frameworks.push_back(framework.code);
    if (!dry_run && (!plans.empty() || !imported_frameworks.empty())) {
        std::set<std::string> offices;
        for (const Plan& plan : plans) offices.insert(plan.office_code);
        AuditEntry audit =
            AuditOf(actor, "import.plans", offices.size() == 1 ? *offices.begin() : std::string());
        audit.entity = "plan";
        std::string ids;
        for (const Plan& plan : plans) {
            ids += (ids.empty() ? "" : ", ") + PlanId(plan.office_code, plan.fiscal_year);
        }
        std::string names;
        for (const NamedText& file : files) names += (names.empty() ? "" : ", ") + file.name;
        audit.entity_id = ids.empty() ? "frameworks" : ids;
        audit.after = JsonObjectText()
                          .Add("files", names)
                          .Add("plans", ids)
                          .Add("frameworks", static_cast<long long>(imported_frameworks.size()))
                          .Add("items", summary.items)
                          .Add("kpis", summary.kpis)
                          .Text();
        if (auto written = plans_.ImportPlans(new_offices, imported_frameworks, plans, audit);
            !written) {
            return std::unexpected(written.error());
        }
        for (const Plan& plan : plans) {
            auto stored_plan = StoredSummary(plan.office_code, plan.fiscal_year);
            if (!stored_plan) return std::unexpected(stored_plan.error());
            if (*stored_plan) summary.plans.push_back(**stored_plan);
        }
    } else {
        for (const Plan& plan : plans) summary.plans.push_back(plan.Summary());
    }
    return summary;
}

Result<PlanSummary> PlanService::Copy(const Actor& actor, std::string_view office_code, int from,
                                      int to) {
    if (auto allowed = Require(actor, Permission::kEditPlan, Scope{std::string(office_code), ""});
        !allowed) {
        return std::unexpected(allowed.error());
    }
    if (!IsBuddhistEraYear(to) || !IsBuddhistEraYear(from)) {
        return InvalidArgument(
            fmt::format("ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2566 (ได้ {} และ {})", from, to));
    }
    if (from == to) return InvalidArgument("ปีต้นทางและปีปลายทางต้องต่างกัน");
    auto existing = StoredSummary(office_code, to);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) {
        return Fail(ErrorCode::kConflict,
                    fmt::format("สำนักงาน {} มีแผนปีงบประมาณ {} อยู่แล้ว (ฉบับที่ {}): ไม่คัดลอกทับ",
                                office_code, to, (*existing)->version));
    }
    auto source = plans_.FindPlan(office_code, from);
    if (!source) return std::unexpected(source.error());
    const Plan copy = source->CopyTo(to);
    AuditEntry audit = AuditOf(actor, "plan.copy", std::string(office_code));
    audit.entity = "plan";
    audit.entity_id = PlanId(office_code, to);
    audit.after = JsonObjectText()
                      .Add("from", PlanId(office_code, from))
                      .Add("items", static_cast<long long>(copy.tree.items.size()))
                      .Add("kpis", static_cast<long long>(copy.kpis.size()))
                      .Text();
    if (auto written = plans_.ImportPlans({}, {}, {copy}, audit); !written) {
        return std::unexpected(written.error());
    }
    auto stored = StoredSummary(office_code, to);
    if (!stored) return std::unexpected(stored.error());
    if (!*stored) return Fail(ErrorCode::kInternal, "แผนที่คัดลอกไม่อยู่ในฐานข้อมูลหลังบันทึก");
    return **stored;
}

Result<std::optional<PlanSummary>> PlanService::StoredSummary(std::string_view office_code,
                                                              int fiscal_year) {
    auto plans = plans_.Plans(office_code);
    if (!plans) return std::unexpected(plans.error());
    for (PlanSummary& plan : *plans) {
        if (plan.fiscal_year == fiscal_year) return std::move(plan);
    }
    return std::nullopt;
}

bool PlanService::MayReadDrafts(const Actor& actor, std::string_view office_code) {
    const Scope scope{std::string(office_code), ""};
    if (Allows(actor, Permission::kEditPlan, scope)) return true;
    // Group staff report results into a plan before it is published.
    const User* user = actor.user();
    return user && !user->must_change_password &&
           std::any_of(user->grants.begin(), user->grants.end(), [&](const Grant& grant) {
               return grant.role == Role::kGroupStaff && grant.office_code == office_code;
           });
}

Result<std::vector<PlanSummary>> PlanService::List(const Actor& actor,
                                                   std::string_view office_code) {
    const bool drafts = MayReadDrafts(actor, office_code);
    if (auto allowed =
            Require(actor, Permission::kReadPublished, Scope{std::string(office_code), ""});
        !allowed && !drafts) {
        return std::unexpected(allowed.error());
    }
    auto plans = plans_.Plans(office_code);
    if (!plans || drafts) return plans;
    std::erase_if(*plans,
                  [](const PlanSummary& plan) { return plan.status != PlanStatus::kPublished; });
    return plans;
}

Result<Plan> PlanService::Get(const Actor& actor, std::string_view office_code, int fiscal_year) {
    const bool drafts = MayReadDrafts(actor, office_code);
    if (auto allowed =
            Require(actor, Permission::kReadPublished, Scope{std::string(office_code), ""});
        !allowed && !drafts) {
        return std::unexpected(allowed.error());
    }
    auto plan = plans_.FindPlan(office_code, fiscal_year);
    if (plan && plan->status != PlanStatus::kPublished && !drafts) {
        return NotFound(
            fmt::format("สำนักงาน {} ยังไม่ได้เผยแพร่แผนปีงบประมาณ {}", office_code, fiscal_year));
    }
    return plan;
}

Result<std::vector<Framework>> PlanService::Frameworks(const Actor& actor) {
    if (auto signed_in = RequireSignedIn(actor); !signed_in)
        return std::unexpected(signed_in.error());
    return plans_.Frameworks();
}

Result<Plan> PlanService::ReportResult(const Actor& actor, std::string_view office_code,
                                       int fiscal_year, std::string_view item_key, int row,
                                       int result_year, int round, std::string_view value,
                                       std::string_view evidence, long long expected_version) {
    // Whether the plan exists is not told to those who may not read it.
    auto plan = Get(actor, office_code, fiscal_year);
    if (!plan) return std::unexpected(plan.error());
    const auto found = std::find_if(plan->kpis.begin(), plan->kpis.end(),
                                    [&](const Kpi& kpi) { return kpi.item_key == item_key; });
    if (found == plan->kpis.end()) {
        return NotFound(fmt::format("แผนปี {} ไม่มีตัวชี้วัด \"{}\"", fiscal_year, item_key));
    }
    Kpi& kpi = *found;
    auto row_figures = FiguresOfRow(kpi, row);
    if (!row_figures) return std::unexpected(row_figures.error());
    KpiFigures& figures = **row_figures;
    const std::vector<std::string>& groups =
        row == 0 ? kpi.groups : kpi.GroupsOf(kpi.rows[static_cast<std::size_t>(row) - 1]);
    if (!MayReport(actor, *plan, groups)) {
        return Fail(
            ErrorCode::kPermissionDenied,
            fmt::format("ไม่มีสิทธิ์บันทึกผลตัวชี้วัดนี้: ผู้รับผิดชอบคือกลุ่ม {}",
                        groups.empty() ? "(ไม่ระบุ)" : fmt::format("{}", fmt::join(groups, "/"))));
    }
    std::vector<FieldError> problems;
    if (!IsBuddhistEraYear(result_year)) {
        problems.push_back(
            {"fiscal_year", fmt::format("ปี {} ไม่ใช่ปีงบประมาณ พ.ศ.", result_year), 0, ""});
    }
    if (!IsReportingRound(round)) {
        problems.push_back(
            {"round", fmt::format("รอบรายงาน {} เดือนไม่มี: ใช้ได้ 3, 6, 9 หรือ 12", round), 0, ""});
    }
    auto parsed = ParseKpiValue(value, kpi.unit, kpi.Levels());
    if (!parsed) problems.push_back({"value", parsed.error().message, 0, ""});
    if (!problems.empty()) {
        std::string message = problems.front().message;
        return InvalidArgument(std::move(message), std::move(problems));
    }
    std::optional<KpiResult> before;  // a copy: the results change below
    for (const KpiResult& result : figures.results) {
        if (result.fiscal_year == result_year && result.round == round) before = result;
    }
    if (parsed->IsNone()) {
        std::erase_if(figures.results, [&](const KpiResult& result) {
            return result.fiscal_year == result_year && result.round == round;
        });
    } else {
        figures.SetResult({result_year, round, *parsed, std::string(evidence), ""});
    }
    AuditEntry audit = AuditOf(actor, "plan.result", std::string(office_code));
    audit.entity = "kpi_result";
    audit.entity_id = fmt::format("{}/{}#{}/{}/{}", PlanId(office_code, fiscal_year), item_key, row,
                                  result_year, round);
    if (before) {
        audit.before = JsonObjectText()
                           .Add("value", before->value.Text())
                           .Add("evidence", before->evidence)
                           .Text();
    }
    if (!parsed->IsNone()) {
        audit.after =
            JsonObjectText().Add("value", parsed->Text()).Add("evidence", evidence).Text();
    }
    return plans_.UpdatePlan(*plan, expected_version, audit);
}

Result<ComputeSummary> PlanService::ComputeResults(const Actor& actor, std::string_view office_code,
                                                   int fiscal_year, const ComputeRequest& request) {
    if (auto allowed = Require(actor, Permission::kEditPlan, Scope{std::string(office_code), ""});
        !allowed) {
        return std::unexpected(allowed.error());
    }
    const int year = request.result_year == 0 ? fiscal_year : request.result_year;
    if (!IsBuddhistEraYear(year)) {
        const std::string message = fmt::format("ปี {} ไม่ใช่ปีงบประมาณ พ.ศ.", year);
        return InvalidArgument(message, {FieldError{"fiscal_year", message, 0, ""}});
    }
    if (request.round && !IsReportingRound(*request.round)) {
        const std::string message =
            fmt::format("รอบรายงาน {} เดือนไม่มี: ใช้ได้ 3, 6, 9 หรือ 12", *request.round);
        return InvalidArgument(message, {FieldError{"round", message, 0, ""}});
    }
    auto plan = plans_.FindPlan(office_code, fiscal_year);
    if (!plan) return std::unexpected(plan.error());
    if (auto formulas = RequireFormulas(*plan); !formulas) {  // before the census is read
        return std::unexpected(formulas.error());
    }
    const Date today = Date::Today();
    std::vector<int> rounds;
    for (int round : kReportingRounds) {
        if (request.round && round != *request.round) continue;
        if (RoundEnd(year, round) < today) {
            rounds.push_back(round);
        } else if (request.round) {
            return Fail(ErrorCode::kConflict,
                        fmt::format("รอบ {} เดือนของปีงบประมาณ {} ยังไม่สิ้นสุด (สิ้นสุด {}): "
                                    "คำนวณผลได้เมื่อสิ้นรอบ",
                                    round, year, FormatThaiDate(RoundEnd(year, round))));
        }
    }
    if (rounds.empty()) {
        return Fail(ErrorCode::kConflict,
                    fmt::format("ยังไม่มีรอบรายงานของปีงบประมาณ {} ที่สิ้นสุด: รอบ 3 เดือนสิ้นสุด {}", year,
                                FormatThaiDate(RoundEnd(year, 3))));
    }
    auto census = statistics_.Rounds(actor, office_code);  // newest first
    if (!census) return std::unexpected(census.error());

    ComputeSummary summary;
    // Rounds of one year mostly share a census round: each is read and counted once.
    std::map<CensusRound, MeasureSource> sources;
    for (int round : rounds) {
        const Date end = RoundEnd(year, round);
        const auto source = std::find_if(census->begin(), census->end(), [&](const CensusRound& c) {
            return c.SnapshotDate() <= end;
        });
        if (source == census->end()) {
            std::string why =
                fmt::format("รอบ {} เดือนของปีงบประมาณ {}: สำนักงาน {} ไม่มีข้อมูลสำมะโนที่เก็บก่อน {}", round,
                            year, office_code, FormatThaiDate(end));
            if (request.round) return Fail(ErrorCode::kConflict, std::move(why));
            summary.skipped.push_back(std::move(why));
            continue;
        }
        auto measures = sources.find(*source);
        if (measures == sources.end()) {
            auto snapshot = statistics_.Snapshot(actor, office_code, *source);
            if (!snapshot) return std::unexpected(snapshot.error());
            measures =
                sources
                    .emplace(*source, MeasureSource{source->Description(), MeasuresOf(*snapshot),
                                                    FormatThaiDate(today, DateStyle::kShort)})
                    .first;
        }
        auto lines = ComputeRoundResults(*plan, year, round, measures->second, request.replace);
        if (!lines) return std::unexpected(lines.error());
        for (const ComputedLine& line : *lines) summary.written = summary.written || !line.kept;
        summary.rounds.push_back({round, source->Description(), std::move(*lines)});
    }
    if (summary.rounds.empty()) {
        return Fail(ErrorCode::kConflict,
                    fmt::format("ไม่มีรอบใดคำนวณได้: {}", fmt::join(summary.skipped, "; ")));
    }
    if (!summary.written) {
        summary.plan = std::move(*plan);
        return summary;
    }
    AuditEntry audit = AuditOf(actor, "plan.compute", std::string(office_code));
    audit.entity = "plan";
    audit.entity_id = PlanId(office_code, fiscal_year);
    JsonObjectText after;
    for (const ComputeSummary::Round& round : summary.rounds) {
        for (const ComputedLine& line : round.lines) {
            if (line.kept) continue;
            after.Add(fmt::format("{}#{}/{}/{}", line.item_key, line.row, year, round.round),
                      line.result.value.Text());
        }
    }
    audit.after = after.Text();
    const long long version =
        request.expected_version == 0 ? plan->version : request.expected_version;
    auto stored = plans_.UpdatePlan(*plan, version, audit);
    if (!stored) return std::unexpected(stored.error());
    summary.plan = std::move(*stored);
    return summary;
}

Result<PlanView> PlanService::View(const Actor& actor, std::string_view office_code,
                                   int fiscal_year, std::optional<int> status_year) {
    auto plan = Get(actor, office_code, fiscal_year);
    if (!plan) return std::unexpected(plan.error());
    return ViewOf(actor, std::move(*plan), status_year);
}

Result<PlanView> PlanService::ViewOf(const Actor& actor, Plan plan,
                                     std::optional<int> status_year) {
    if (status_year && !IsBuddhistEraYear(*status_year)) {
        const std::string message = fmt::format("ปี {} ไม่ใช่ปีงบประมาณ พ.ศ.", *status_year);
        return InvalidArgument(message, {FieldError{"year", message, 0, "year"}});
    }
    auto frameworks = plans_.Frameworks();
    if (!frameworks) return std::unexpected(frameworks.error());
    PlanView view;
    view.plan = std::move(plan);
    view.frameworks = std::move(*frameworks);
    view.status_year = status_year.value_or(DefaultStatusYear(view.plan));
    view.year_open = view.status_year >= FiscalYear::Containing(Date::Today()).BeYear();
    view.may_edit = Allows(actor, Permission::kEditPlan, Scope{view.plan.office_code, ""});
    for (const KpiTableLine& line : KpiTable(view.plan)) {
        const auto& groups = line.row ? line.kpi->GroupsOf(*line.row) : line.kpi->groups;
        view.lines.push_back({line, JudgeLine(view.plan, line, view.status_year, view.year_open),
                              MayReport(actor, view.plan, groups)});
    }
    view.dashboard = Dashboard(view.plan, view.status_year, view.year_open);
    view.check = CheckAlignment(view.plan, view.frameworks);
    return view;
}

bool PlanService::MayReport(const Actor& actor, const Plan& plan,
                            const std::vector<std::string>& groups) const {
    const auto allows = [&](const std::string& group) {
        return Allows(actor, Permission::kReportResults, Scope{plan.office_code, "", group});
    };
    return allows("") || std::any_of(groups.begin(), groups.end(), [&](const std::string& code) {
               const PlanGroup* group = plan.FindGroup(code);
               return allows(code) || (group && !group->name.empty() && allows(group->name));
           });
}

Result<Plan> PlanService::Edit(const Actor& actor, std::string_view office_code, int fiscal_year,
                               const PlanEdit& edit, long long expected_version) {
    if (auto allowed = Require(actor, Permission::kEditPlan, Scope{std::string(office_code), ""});
        !allowed) {
        return std::unexpected(allowed.error());
    }
    auto plan = plans_.FindPlan(office_code, fiscal_year);
    if (!plan) return std::unexpected(plan.error());
    auto edited = ApplyEdit(*plan, edit);
    if (!edited) return std::unexpected(edited.error());
    AuditEntry audit = AuditOf(actor, "plan.update", std::string(office_code));
    audit.entity = "plan";
    audit.entity_id = PlanId(office_code, fiscal_year);
    audit.after = JsonObjectText().Add("edit", PlanEditName(edit)).Text();
    return plans_.UpdatePlan(*edited, expected_version, audit);
}

Result<Document> PlanService::PlanDocumentOf(const Actor& actor, std::string_view office_code,
                                             int fiscal_year, PlanDocumentPart part) {
    auto plan = Get(actor, office_code, fiscal_year);
    if (!plan) return std::unexpected(plan.error());
    auto office = schools_.FindOffice(office_code);
    if (!office) return std::unexpected(office.error());
    const std::string now = FormatThaiDateTime(std::chrono::system_clock::now());
    return PlanDocument(*plan, *office, now, part);
}

}  // namespace khet
