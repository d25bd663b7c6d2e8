// Plans through the services and the real store, on both engines: importing the seed plans,
// all-or-nothing imports, starting next year's plan, reporting results, and who may do what.
#include "tests/support/plans.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "domain/kpi_table.hpp"
#include "tests/support/fixtures.hpp"

namespace khet::testing {
namespace {

Actor As(Role role, std::string group = "", std::string office = "2402") {
    User user;
    user.id = 7;
    user.login = std::string(RoleName(role)) + ".test";
    user.display_name = "ผู้ทดสอบ";
    user.grants = {Grant{role, role == Role::kSystemAdmin ? "" : office, "", std::move(group)}};
    return Actor::SignedIn(std::move(user), "127.0.0.1");
}

class Plans : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        fixture_.LoadDemo();
        auto imported = fixture_.Plans().Import(Actor::Console(), SeedPlanFiles());
        ASSERT_TRUE(imported) << Describe(imported.error());
        ASSERT_EQ(imported->plans.size(), 5u);
        ASSERT_EQ(imported->frameworks.size(), 4u);
    }

    StoreFixture fixture_{GetParam()};
};

TEST_P(Plans, EverySeedPlanComesBackFromTheStoreAsItsFileHasIt) {
    for (const auto& [name, office, year] : std::vector<std::tuple<std::string, std::string, int>>{
             {"000-2402-2562.yaml", "2402", 2562},
             {"001-2402-2563.yaml", "2402", 2563},
             {"002-9202-2562.yaml", "9202", 2562},
             {"003-2402-2565.yaml", "2402", 2565},
             {"004-101713-2562.yaml", "101713", 2562}}) {
        auto stored = fixture_.Store().FindPlan(office, year);
        ASSERT_TRUE(stored) << name << ": " << Describe(stored.error());
        std::string why;
        EXPECT_TRUE(SamePlan(SeedPlan(name), *stored, &why)) << name << " differs in " << why;
        EXPECT_EQ(stored->version, 1);
        EXPECT_EQ(stored->updated_by, Actor::Console().Name());
    }
    // The offices the files named and the store lacked were added from their office_name.
    auto trang = fixture_.Store().FindOffice("9202");
    ASSERT_TRUE(trang);
    EXPECT_EQ(trang->name, "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตรัง เขต 2");
    auto frameworks = fixture_.Store().Frameworks();
    ASSERT_TRUE(frameworks);
    ASSERT_EQ(frameworks->size(), 4u);
    EXPECT_EQ(frameworks->at(1).code, "obec-2562");
    EXPECT_EQ(frameworks->at(1).items.size(), 6u);
}

TEST_P(Plans, ImportingAgainReplacesThePlanAndRaisesItsVersion) {
    auto again = fixture_.Plans().Import(Actor::Console(), SeedPlanFiles());
    ASSERT_TRUE(again) << Describe(again.error());
    auto stored = fixture_.Store().FindPlan("9202", 2562);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->version, 2);
    EXPECT_TRUE(SamePlan(SeedPlan("002-9202-2562.yaml"), *stored));
}

TEST_P(Plans, SkippingExistingPlansKeepsWhatPeopleChanged) {
    ASSERT_TRUE(fixture_.Plans().Copy(Actor::Console(), "2402", 2565, 2566));
    auto again = fixture_.Plans().Import(Actor::Console(), SeedPlanFiles(),
                                         {.skip_existing = true, .only_office = ""});
    ASSERT_TRUE(again) << Describe(again.error());
    EXPECT_TRUE(again->plans.empty());
    EXPECT_EQ(again->skipped.size(), 9u);  // four frameworks, five plans
    EXPECT_EQ(fixture_.Store().FindPlan("9202", 2562)->version, 1);
}

TEST_P(Plans, AnImportWithOneBadFileWritesNothing) {
    std::vector<NamedText> files = SeedPlanFiles();
    // A new plan that is fine, and a file linking to a framework item that does not exist.
    files.push_back({"good.yaml",
                     "format: khet-plan/1\noffice: \"2402\"\nfiscal_year: 2570\n"
                     "title: แผนใหม่\nitems:\n  - vision: ก\n"});
    files.push_back({"bad.yaml",
                     "format: khet-plan/1\noffice: \"2402\"\nfiscal_year: 2571\n"
                     "title: แผนผิด\nitems:\n  - strategy: ก\n    serves: [obec-2562/9]\n"
                     "  - strategy: ข\n    serves: [espg99/1]\n"});
    auto refused = fixture_.Plans().Import(Actor::Console(), files);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(refused.error().fields.size(), 2u);
    EXPECT_EQ(refused.error().fields[0].field, "bad.yaml:7");
    EXPECT_NE(refused.error().fields[0].message.find("ไม่มีข้อ \"9\""), std::string::npos);
    EXPECT_EQ(refused.error().fields[1].field, "bad.yaml:9");
    EXPECT_NE(refused.error().fields[1].message.find("ไม่มีกรอบ \"espg99\""), std::string::npos);
    EXPECT_FALSE(fixture_.Store().FindPlan("2402", 2570));
    auto seed = fixture_.Store().FindPlan("9202", 2562);
    ASSERT_TRUE(seed);
    EXPECT_EQ(seed->version, 1);  // not replaced either
}

TEST_P(Plans, AnOfficeNotInKhetNeedsItsName) {
    auto refused = fixture_.Plans().Import(
        Actor::Console(), {{"x.yaml",
                            "format: khet-plan/1\noffice: \"9999\"\nfiscal_year: 2567\ntitle: ก\n"
                            "items: [{vision: ข}]\n"}});
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("ไม่พบสำนักงานเขตรหัส 9999"), std::string::npos);
}

TEST_P(Plans, NextYearStartsFromThisYearsPlanAsADraft) {
    auto copied = fixture_.Plans().Copy(As(Role::kPlanner), "2402", 2565, 2566);
    ASSERT_TRUE(copied) << Describe(copied.error());
    EXPECT_EQ(copied->status, PlanStatus::kDraft);
    auto source = fixture_.Store().FindPlan("2402", 2565);
    auto copy = fixture_.Store().FindPlan("2402", 2566);
    ASSERT_TRUE(source && copy);
    EXPECT_EQ(copy->tree.items, source->tree.items);
    EXPECT_EQ(copy->kpis, source->kpis);
    EXPECT_EQ(copy->source, "คัดลอกจากแผนปี 2565");
    EXPECT_EQ(copy->title, "แผนพัฒนาข้าราชการครู และบุคลากรทางการศึกษา ประจำปีงบประมาณ 2566");

    auto twice = fixture_.Plans().Copy(As(Role::kPlanner), "2402", 2565, 2566);
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
    // Others may not start a plan; the public does not see the draft.
    EXPECT_EQ(fixture_.Plans().Copy(As(Role::kExecutive), "2402", 2565, 2567).error().code,
              ErrorCode::kPermissionDenied);
    auto seen = fixture_.Plans().Get(As(Role::kPublic), "2402", 2566);
    ASSERT_FALSE(seen);
    EXPECT_EQ(seen.error().code, ErrorCode::kNotFound);
    auto listed = fixture_.Plans().List(As(Role::kPublic), "2402");
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->size(), 3u);  // 2565, 2563, 2562: published
    auto planner_list = fixture_.Plans().List(As(Role::kPlanner), "2402");
    ASSERT_TRUE(planner_list);
    EXPECT_EQ(planner_list->size(), 4u);

    AuditFilter filter;
    filter.office_code = "2402";
    filter.action = "plan.copy";
    auto trail = fixture_.Store().AuditEntries(filter, "", "");
    ASSERT_TRUE(trail);
    ASSERT_EQ(trail->size(), 1u);
    EXPECT_EQ(trail->front().entity_id, "2402/2566");
}

TEST_P(Plans, GroupStaffReportTheirGroupsResultsOnly) {
    // Seed 002: KPI 14's rows belong to นิเทศ (row 1) and ส่งเสริม (rows 2, 3).
    const Actor promotion = As(Role::kGroupStaff, "ส่งเสริม", "9202");
    auto plan = fixture_.Store().FindPlan("9202", 2562);
    ASSERT_TRUE(plan);
    auto reported = fixture_.Plans().ReportResult(promotion, "9202", 2562, "kpi-14", 2, 2562, 6,
                                                  "55.5", "แบบรายงาน DMC", plan->version);
    ASSERT_TRUE(reported) << Describe(reported.error());
    EXPECT_EQ(reported->version, plan->version + 1);
    const KpiResult* result = reported->FindKpi("kpi-14")->rows[1].figures.Result(2562);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->value.Text(), "55.5");
    EXPECT_EQ(result->round, 6);
    EXPECT_EQ(result->evidence, "แบบรายงาน DMC");

    auto not_theirs = fixture_.Plans().ReportResult(promotion, "9202", 2562, "kpi-14", 1, 2562, 6,
                                                    "50", "", reported->version);
    ASSERT_FALSE(not_theirs);
    EXPECT_EQ(not_theirs.error().code, ErrorCode::kPermissionDenied);
    EXPECT_NE(not_theirs.error().message.find("นิเทศ"), std::string::npos);

    // A row the KPI does not have, a value that does not fit the unit, and a stale version.
    auto no_row = fixture_.Plans().ReportResult(promotion, "9202", 2562, "kpi-14", 4, 2562, 12,
                                                "60", "", reported->version);
    ASSERT_FALSE(no_row);
    EXPECT_EQ(no_row.error().fields.at(0).field, "row");
    EXPECT_NE(no_row.error().message.find("ระบุแถวที่ 1–3"), std::string::npos);
    auto bad = fixture_.Plans().ReportResult(promotion, "9202", 2562, "kpi-14", 2, 2562, 12, "ดีมาก",
                                             "", reported->version);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().fields.at(0).field, "value");
    auto stale = fixture_.Plans().ReportResult(promotion, "9202", 2562, "kpi-14", 2, 2562, 12, "60",
                                               "", plan->version);
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::kConflict);

    AuditFilter filter;
    filter.office_code = "9202";
    filter.action = "plan.result";
    auto trail = fixture_.Store().AuditEntries(filter, "", "");
    ASSERT_TRUE(trail);
    ASSERT_EQ(trail->size(), 1u);
    EXPECT_EQ(trail->front().entity_id, "9202/2562/kpi-14#2/2562/6");
    EXPECT_NE(trail->front().after.find("55.5"), std::string::npos);

    // The planner may report any KPI's result; the public none.
    EXPECT_TRUE(fixture_.Plans().ReportResult(As(Role::kPlanner, "", "9202"), "9202", 2562,
                                              "kpi-20", 0, 2562, 12, "0.02", "",
                                              reported->version));
    EXPECT_EQ(fixture_.Plans()
                  .ReportResult(As(Role::kPublic, "", "9202"), "9202", 2562, "kpi-20", 0, 2562, 12,
                                "0.01", "", reported->version + 1)
                  .error()
                  .code,
              ErrorCode::kPermissionDenied);
}

TEST_P(Plans, TheAlignmentCheckListsWhatIsMissingAndTheLinksBothWays) {
    auto plan = fixture_.Store().FindPlan("9202", 2562);
    auto frameworks = fixture_.Store().Frameworks();
    ASSERT_TRUE(plan && frameworks);
    const AlignmentCheck check = CheckAlignment(*plan, *frameworks);
    EXPECT_TRUE(check.strategies_without_kpis.empty());
    EXPECT_TRUE(check.kpis_without_group.empty());
    ASSERT_EQ(check.served.size(), 6u);  // OBEC's six strategies, one plan strategy each
    EXPECT_EQ(check.served[0].framework->code, "obec-2562");
    EXPECT_EQ(check.served[0].by.at(0)->kind, PlanItemKind::kStrategy);

    // Seed 000 has strategies but no KPIs.
    auto direction = fixture_.Store().FindPlan("2402", 2562);
    ASSERT_TRUE(direction);
    EXPECT_EQ(CheckAlignment(*direction, *frameworks).strategies_without_kpis.size(), 6u);
}

TEST_P(Plans, FormulaResultsAreComputedFromTheCensusWhenARoundClosesAndThenKept) {
    // Seed 003's KPI 2 and 6 of office 2402 given formulas; the demo's census is 2564/2
    // (10 November 2021), within fiscal year 2565.
    const Actor planner = As(Role::kPlanner);
    auto plan = fixture_.Store().FindPlan("2402", 2565);
    ASSERT_TRUE(plan);
    auto edited = fixture_.Plans().Edit(planner, "2402", 2565,
                                        SetFormula{"kpi-2", 0, "100 * students_female / students"},
                                        plan->version);
    ASSERT_TRUE(edited) << Describe(edited.error());
    edited = fixture_.Plans().Edit(planner, "2402", 2565,
                                   SetFormula{"kpi-6", 0, "students / teachers"}, edited->version);
    ASSERT_TRUE(edited) << Describe(edited.error());
    // A formula naming an unknown measure is refused.
    auto refused = fixture_.Plans().Edit(planner, "2402", 2565, SetFormula{"kpi-2", 0, "pupils"},
                                         edited->version);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().fields.at(0).field, "formula");

    // The expected values, from the statistics the office already reads.
    TableQuery query;
    query.office_code = "2402";
    auto schools = fixture_.Statistics().SchoolSummaries(Actor::Console(), query);
    ASSERT_TRUE(schools);
    long long students = 0, female = 0, teachers = 0;
    for (const SchoolSummary& school : *schools) {
        students += school.students;
        female += school.female;
        teachers += school.teachers;
    }
    ASSERT_GT(teachers, 0);

    ComputeRequest request;
    request.round = 6;
    request.expected_version = edited->version;
    auto computed = fixture_.Plans().ComputeResults(planner, "2402", 2565, request);
    ASSERT_TRUE(computed) << Describe(computed.error());
    ASSERT_TRUE(computed->written);
    ASSERT_EQ(computed->rounds.size(), 1u);
    EXPECT_EQ(computed->rounds[0].census, "ปีการศึกษา 2564 รอบที่ 2 (10 พฤศจิกายน 2564)");
    ASSERT_EQ(computed->rounds[0].lines.size(), 2u);
    const KpiResult* share = computed->plan.FindKpi("kpi-2")->figures.Result(2565);
    ASSERT_TRUE(share);
    EXPECT_EQ(share->round, 6);
    EXPECT_EQ(share->value.Text(), fmt::format("{:.2f}", 100.0 * female / students));
    EXPECT_EQ(share->formula, "100 * students_female / students");
    EXPECT_NE(share->evidence.find(fmt::format("100 × {} ÷ {} =", female, students)),
              std::string::npos);
    const KpiResult* ratio = computed->plan.FindKpi("kpi-6")->figures.Result(2565);
    ASSERT_TRUE(ratio);
    EXPECT_DOUBLE_EQ(ratio->value.number.Value(), std::round(100.0 * students / teachers) / 100.0);

    // As stored: the result, its formula and evidence; and the audit trail.
    auto stored = fixture_.Store().FindPlan("2402", 2565);
    ASSERT_TRUE(stored);
    EXPECT_EQ(*stored->FindKpi("kpi-2")->figures.Result(2565), *share);
    AuditFilter filter;
    filter.office_code = "2402";
    filter.action = "plan.compute";
    auto trail = fixture_.Store().AuditEntries(filter, "", "");
    ASSERT_TRUE(trail);
    ASSERT_EQ(trail->size(), 1u);
    EXPECT_NE(trail->front().after.find("kpi-2#0/2565/6"), std::string::npos);

    // A changed formula leaves the stored round as it was; the rounds without a result get it.
    auto changed = fixture_.Plans().Edit(planner, "2402", 2565,
                                         SetFormula{"kpi-2", 0, "100 * students_male / students"},
                                         stored->version);
    ASSERT_TRUE(changed);
    auto due = fixture_.Plans().ComputeResults(planner, "2402", 2565, {});
    ASSERT_TRUE(due) << Describe(due.error());
    ASSERT_EQ(due->rounds.size(), 4u);  // every round of 2565 has closed
    EXPECT_TRUE(due->rounds[1].lines[0].kept);
    const std::vector<KpiResult>& results = due->plan.FindKpi("kpi-2")->figures.results;
    ASSERT_EQ(results.size(), 4u);
    EXPECT_EQ(results[1].value, share->value);  // round 6, as computed before
    EXPECT_EQ(results[1].formula, "100 * students_female / students");
    EXPECT_EQ(results[3].value.Text(),
              fmt::format("{:.2f}", 100.0 * (students - female) / students));
    EXPECT_EQ(results[3].formula, "100 * students_male / students");

    // A round still running, a round before any census, a stale version, and who may not.
    ComputeRequest running;
    running.result_year = 2600;
    running.round = 3;
    auto early = fixture_.Plans().ComputeResults(planner, "2402", 2565, running);
    ASSERT_FALSE(early);
    EXPECT_EQ(early.error().code, ErrorCode::kConflict);
    EXPECT_NE(early.error().message.find("ยังไม่สิ้นสุด"), std::string::npos);
    ComputeRequest before_census;
    before_census.result_year = 2564;
    before_census.round = 12;
    auto no_census = fixture_.Plans().ComputeResults(planner, "2402", 2565, before_census);
    ASSERT_FALSE(no_census);
    EXPECT_NE(no_census.error().message.find("ไม่มีข้อมูลสำมะโนที่เก็บก่อน 30 กันยายน 2564"),
              std::string::npos);
    ComputeRequest stale;
    stale.round = 12;
    stale.replace = true;
    stale.expected_version = edited->version;
    auto conflict = fixture_.Plans().ComputeResults(planner, "2402", 2565, stale);
    ASSERT_FALSE(conflict);
    EXPECT_EQ(conflict.error().code, ErrorCode::kConflict);
    auto group = fixture_.Plans().ComputeResults(As(Role::kGroupStaff, "แผน"), "2402", 2565, {});
    ASSERT_FALSE(group);
    EXPECT_EQ(group.error().code, ErrorCode::kPermissionDenied);
    auto after = fixture_.Store().FindPlan("2402", 2565);
    ASSERT_TRUE(after);
    EXPECT_EQ(after->version, due->plan.version);
}

INSTANTIATE_TEST_SUITE_P(Engines, Plans, ::testing::ValuesIn(kEngines),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace khet::testing
