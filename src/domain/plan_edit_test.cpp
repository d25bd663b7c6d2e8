#include "domain/plan_edit.hpp"

#include <gtest/gtest.h>

#include "domain/kpi_table.hpp"

namespace khet {
namespace {

KpiValue Number(std::string_view text) { return KpiValue::Number(*Decimal::Parse(text)); }

// Two strategies; KPIs numbered through the plan; k1 reported for 2566.
Plan SmallPlan() {
    Plan plan;
    plan.office_code = "2402";
    plan.fiscal_year = 2567;
    plan.title = "แผนปฏิบัติการ ประจำปีงบประมาณ 2567";
    plan.groups = {{"แผน", "กลุ่มนโยบายและแผน"}, {"นิเทศ", "กลุ่มนิเทศ ติดตามและประเมินผล"}};
    plan.tree.items = {
        {"vision", "", PlanItemKind::kVision, "", "ผู้เรียนมีคุณภาพ", 0},
        {"s1", "", PlanItemKind::kStrategy, "1", "พัฒนาคุณภาพผู้เรียน", 0},
        {"k1", "s1", PlanItemKind::kKpi, "1", "ร้อยละของนักเรียนที่อ่านออก", 0},
        {"k2", "s1", PlanItemKind::kKpi, "2", "จำนวนโรงเรียนที่ผ่านการประเมิน", 0},
        {"s2", "", PlanItemKind::kStrategy, "2", "พัฒนาครู", 0},
        {"k3", "s2", PlanItemKind::kKpi, "3", "ร้อยละของครูที่ได้รับการพัฒนา", 0},
    };
    Kpi k1;
    k1.item_key = "k1";
    k1.groups = {"แผน"};
    k1.figures.targets[2566] = Number("80");
    k1.figures.results.push_back({2566, 12, Number("85"), "", ""});
    Kpi k2;
    k2.item_key = "k2";
    k2.unit = KpiUnit::kCount;
    k2.groups = {"นิเทศ"};
    k2.figures.targets[2566] = Number("10");
    k2.figures.results.push_back({2566, 12, Number("7"), "", ""});
    Kpi k3;
    k3.item_key = "k3";
    k3.groups = {"แผน", "นิเทศ"};
    k3.figures.targets[2566] = Number("100");
    k3.figures.results.push_back({2566, 12, Number("90"), "", ""});
    plan.kpis = {k1, k2, k3};
    plan.alignments = {{"k3", "obec", "1", 0}};
    return plan;
}

std::vector<std::string> Keys(const Plan& plan) {
    std::vector<std::string> keys;
    for (const PlanItem& item : plan.tree.items) keys.push_back(item.key + "=" + item.number);
    return keys;
}

std::vector<std::string> KpiOrder(const Plan& plan) {
    std::vector<std::string> keys;
    for (const Kpi& kpi : plan.kpis) keys.push_back(kpi.item_key);
    return keys;
}

TEST(PlanEdit, MovingAStrategyRenumbersItAndTheKpisThroughout) {
    const Plan plan = SmallPlan();
    ASSERT_TRUE(plan.Validate());
    auto moved = ApplyEdit(plan, MoveItem{"s2", 0});
    ASSERT_TRUE(moved) << Describe(moved.error());
    EXPECT_EQ(Keys(*moved),
              (std::vector<std::string>{"s2=1", "k3=1", "vision=", "s1=2", "k1=2", "k2=3"}));
    EXPECT_EQ(KpiOrder(*moved), (std::vector<std::string>{"k3", "k1", "k2"}));
    EXPECT_EQ(Keys(plan).front(), "vision=");  // the original is untouched
}

TEST(PlanEdit, AddsAKpiWhereAskedWithANewKeyAndDefaults) {
    auto added = ApplyEdit(SmallPlan(), AddItem{"s1", PlanItemKind::kKpi, "ตัวชี้วัดใหม่", 1});
    ASSERT_TRUE(added) << Describe(added.error());
    EXPECT_EQ(Keys(*added), (std::vector<std::string>{"vision=", "s1=1", "k1=1", "new-1=2", "k2=3",
                                                      "s2=2", "k3=4"}));
    const Kpi* kpi = added->FindKpi("new-1");
    ASSERT_NE(kpi, nullptr);
    EXPECT_EQ(kpi->unit, KpiUnit::kPercent);
    EXPECT_TRUE(kpi->groups.empty());
    // Past the end of the siblings: last.
    auto last = ApplyEdit(*added, AddItem{"", PlanItemKind::kStrategy, "กลยุทธ์ใหม่"});
    ASSERT_TRUE(last);
    EXPECT_EQ(Keys(*last).back(), "new-2=3");
}

TEST(PlanEdit, RemovingAnItemTakesItsSubtreeKpisAndLinks) {
    auto removed = ApplyEdit(SmallPlan(), RemoveItem{"s2"});
    ASSERT_TRUE(removed) << Describe(removed.error());
    EXPECT_EQ(Keys(*removed), (std::vector<std::string>{"vision=", "s1=1", "k1=1", "k2=2"}));
    EXPECT_EQ(KpiOrder(*removed), (std::vector<std::string>{"k1", "k2"}));
    EXPECT_TRUE(removed->alignments.empty());
}

TEST(PlanEdit, SetsATargetByTheKpisUnitAndRefusesOneThatDoesNotFit) {
    auto set = ApplyEdit(SmallPlan(), SetTarget{"k2", 0, 2567, "12", ""});
    ASSERT_TRUE(set) << Describe(set.error());
    EXPECT_EQ(set->FindKpi("k2")->figures.Target(2567).Text(), "12");
    auto cleared = ApplyEdit(*set, SetTarget{"k2", 0, 2567, "-", ""});
    ASSERT_TRUE(cleared);
    EXPECT_TRUE(cleared->FindKpi("k2")->figures.Target(2567).IsNone());

    auto level = ApplyEdit(SmallPlan(), SetTarget{"k2", 0, 2567, "ดีเยี่ยม", ""});
    ASSERT_FALSE(level);
    EXPECT_EQ(level.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(level.error().fields.at(0).field, "value");
    auto row = ApplyEdit(SmallPlan(), SetTarget{"k2", 2, 2567, "12", ""});
    ASSERT_FALSE(row);
    EXPECT_EQ(row.error().fields.at(0).field, "row");
    auto high = ApplyEdit(SmallPlan(), SetTarget{"k2", 0, 2567, "12", "15"});
    ASSERT_FALSE(high);
    EXPECT_EQ(high.error().fields.at(0).field, "high");
}

TEST(PlanEdit, AKpiSettingThatBreaksThePlanChangesNothing) {
    // k1's targets and results are percentages: it cannot become a ระดับ KPI.
    auto unit = ApplyEdit(SmallPlan(),
                          EditKpi{"k1", KpiUnit::kLevel, Polarity::kHigherIsBetter, {"แผน"}, ""});
    ASSERT_FALSE(unit);
    EXPECT_EQ(unit.error().code, ErrorCode::kInvalidArgument);
    auto group = ApplyEdit(
        SmallPlan(), EditKpi{"k1", KpiUnit::kPercent, Polarity::kHigherIsBetter, {"ไม่มีกลุ่มนี้"}, ""});
    ASSERT_FALSE(group);
    EXPECT_NE(group.error().message.find("ไม่มีกลุ่มนี้"), std::string::npos);
    auto fine =
        ApplyEdit(SmallPlan(),
                  EditKpi{"k1", KpiUnit::kPercent, Polarity::kLowerIsBetter, {"นิเทศ"}, "ระบบ DMC"});
    ASSERT_TRUE(fine) << Describe(fine.error());
    EXPECT_EQ(fine->FindKpi("k1")->polarity, Polarity::kLowerIsBetter);
    EXPECT_EQ(fine->FindKpi("k1")->evidence, "ระบบ DMC");
}

TEST(PlanEdit, UnknownItemsAndEmptyTextAreRefused) {
    EXPECT_EQ(ApplyEdit(SmallPlan(), EditItemText{"nope", "x"}).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(ApplyEdit(SmallPlan(), RemoveItem{"nope"}).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(ApplyEdit(SmallPlan(), AddItem{"nope", PlanItemKind::kKpi, "x"}).error().code,
              ErrorCode::kNotFound);
    EXPECT_EQ(ApplyEdit(SmallPlan(), EditItemText{"k1", ""}).error().fields.at(0).field, "text");
    auto text = ApplyEdit(SmallPlan(), EditItemText{"k1", "ร้อยละของนักเรียนที่อ่านคล่อง"});
    ASSERT_TRUE(text);
    EXPECT_EQ(text->FindItem("k1")->text, "ร้อยละของนักเรียนที่อ่านคล่อง");
    EXPECT_EQ(PlanEditName(PlanEdit{MoveItem{"k1", 0}}), "move");
}

TEST(PlanDashboard, CountsStatusesByStrategyAndByGroup) {
    const Plan plan = SmallPlan();
    const PlanDashboard dashboard = Dashboard(plan, 2566, false);
    // k1 85/80 achieved, k2 7/10 = 70 % not achieved, k3 90/100 = 90 % close.
    EXPECT_EQ(dashboard.total.achieved, 1);
    EXPECT_EQ(dashboard.total.close, 1);
    EXPECT_EQ(dashboard.total.not_achieved, 1);
    ASSERT_EQ(dashboard.by_strategy.size(), 2u);
    EXPECT_EQ(dashboard.by_strategy[0].label, "กลยุทธ์ที่ 1 พัฒนาคุณภาพผู้เรียน");
    EXPECT_EQ(dashboard.by_strategy[0].counts.achieved, 1);
    EXPECT_EQ(dashboard.by_strategy[0].counts.not_achieved, 1);
    EXPECT_EQ(dashboard.by_strategy[1].counts.close, 1);
    ASSERT_EQ(dashboard.by_group.size(), 2u);
    EXPECT_EQ(dashboard.by_group[0].key, "แผน");  // k1 and k3
    EXPECT_EQ(dashboard.by_group[0].counts.achieved, 1);
    EXPECT_EQ(dashboard.by_group[0].counts.close, 1);
    EXPECT_EQ(dashboard.by_group[1].counts.Total(), 2);  // k2 and k3

    // The plan's own year: targets not set yet, nothing to judge.
    EXPECT_EQ(Dashboard(plan, 2567, true).total.no_target, 3);
}

}  // namespace
}  // namespace khet
