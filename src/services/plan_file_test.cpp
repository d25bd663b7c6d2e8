#include "services/plan_file.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "domain/kpi_table.hpp"
#include "tests/support/plans.hpp"

namespace khet {
namespace {

TEST(PlanFile, EverySeedPlanAndFrameworkReads) {
    int plans = 0;
    int frameworks = 0;
    for (const char* dir : {"data/plans", "data/frameworks"}) {
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            auto file =
                ReadPlanFile(entry.path().string(), testing::SourceText(entry.path().string()));
            ASSERT_TRUE(file) << Describe(file.error());
            plans += file->plan.has_value();
            frameworks += file->framework.has_value();
        }
    }
    EXPECT_EQ(plans, 5);
    EXPECT_EQ(frameworks, 4);
}

// tests/data/seed002_kpi_table.tsv was read from the seed's own text by a script, apart from the
// plan file: every KPI line must come out of Khet as the seed prints it.
TEST(PlanFile, Seed002KpiTableComesOutExactly) {
    const Plan plan = testing::SeedPlan("002-9202-2562.yaml");
    const std::vector<KpiTableLine> table = KpiTable(plan);
    const std::vector<testing::SeedKpiLine> seed = testing::Seed002KpiTable();
    ASSERT_EQ(table.size(), seed.size());
    for (std::size_t i = 0; i < seed.size(); ++i) {
        const KpiTableLine& ours = table[i];
        const testing::SeedKpiLine& line = seed[i];
        SCOPED_TRACE("KPI " + line.kpi + " line " + std::to_string(line.sub_row));
        ASSERT_TRUE(ours.strategy && ours.guideline);
        EXPECT_EQ(ours.strategy->number, line.strategy);
        EXPECT_EQ(ours.guideline->number, line.guideline);
        EXPECT_EQ(ours.item->number, line.kpi);
        EXPECT_EQ(ours.item->text, line.text);
        EXPECT_EQ(ours.sub_row, line.sub_row);
        EXPECT_EQ(ours.row ? ours.row->label : "", line.label);
        EXPECT_EQ(ours.groups, line.groups);
        EXPECT_EQ(ours.figures->Target(2561).Text(), line.target_2561);
        const KpiResult* result = ours.figures->Result(2561);
        EXPECT_EQ(result ? result->value.Text() : "-", line.result_2561);
        EXPECT_EQ(ours.figures->Target(2562).Text(), line.target_2562);
    }
}

TEST(PlanFile, WritesWhatItReadsBackUnchanged) {
    for (const auto& entry : std::filesystem::directory_iterator("data/plans")) {
        const Plan plan = testing::SeedPlan(entry.path().filename().string());
        const std::string written = WritePlanFile(plan, "สำนักงานทดสอบ");
        auto again = ReadPlanFile("written.yaml", written);
        ASSERT_TRUE(again) << Describe(again.error()) << written;
        std::string why;
        EXPECT_TRUE(testing::SamePlan(plan, *again->plan, &why))
            << entry.path() << ": " << why << "\n"
            << written;
        EXPECT_EQ(again->office_name, "สำนักงานทดสอบ");
    }
}

TEST(PlanFile, KeepsRoundsAndEvidence) {
    const Plan plan = *ReadPlanFile("p.yaml", R"(format: khet-plan/1
office: "2402"
fiscal_year: 2567
title: แผนทดสอบ
groups: [{code: แผน}]
items:
  - kpi: ร้อยละของโรงเรียนที่ส่งรายงาน
    unit: ร้อยละ
    groups: [แผน]
    targets: {2567: 100}
    results: {2567: {6: 45.50, 12: {value: 98, evidence: รายงาน e-MES}}}
  - kpi: ร้อยละของโรงเรียนขนาดเล็ก
    unit: ร้อยละ
    formula: 100 * small_schools / schools
    results: {2567: {3: {value: 44.14, formula: 100 * small_schools / schools}}}
)")
                           ->plan;
    const KpiFigures& figures = plan.kpis.at(0).figures;
    ASSERT_EQ(figures.results.size(), 2u);
    EXPECT_EQ(figures.results[0].round, 6);
    EXPECT_EQ(figures.results[0].value.Text(), "45.50");
    EXPECT_EQ(figures.Result(2567)->value.Text(), "98");
    EXPECT_EQ(figures.Result(2567)->evidence, "รายงาน e-MES");
    EXPECT_EQ(plan.tree.items[0].key, "kpi-1");
    EXPECT_EQ(plan.tree.items[0].number, "1");
    // A computed result keeps the formula it was computed by, beside the KPI's own.
    const KpiFigures& computed = plan.kpis.at(1).figures;
    EXPECT_EQ(computed.formula, "100 * small_schools / schools");
    EXPECT_EQ(computed.Result(2567)->round, 3);
    EXPECT_EQ(computed.Result(2567)->formula, "100 * small_schools / schools");
    EXPECT_EQ(figures.formula, "");
    const Plan again = *ReadPlanFile("again.yaml", WritePlanFile(plan))->plan;
    ASSERT_EQ(again.kpis.size(), 2u);
    EXPECT_EQ(again.kpis[0].figures, plan.kpis[0].figures);
    EXPECT_EQ(again.kpis[1].figures, plan.kpis[1].figures);
}

// The first problem of reading `text`, as "line: message".
std::pair<int, std::string> FirstProblem(std::string_view text) {
    auto file = ReadPlanFile("bad.yaml", text);
    if (file) return {0, "read without a problem"};
    EXPECT_FALSE(file.error().fields.empty());
    const FieldError& first = file.error().fields.front();
    EXPECT_EQ(first.field, "bad.yaml:" + std::to_string(first.row));
    EXPECT_NE(file.error().message.find("bad.yaml:"), std::string::npos);
    return {first.row, first.message};
}

constexpr std::string_view kHead = R"(format: khet-plan/1
office: "2402"
fiscal_year: 2567
title: แผนทดสอบ
groups: [{code: แผน}]
items:
)";

TEST(PlanFile, RefusesBadInputWithLineAndReason) {
    const auto refused = [](std::string_view items, int line, std::string_view words) {
        const auto [at, message] = FirstProblem(std::string(kHead) + std::string(items));
        EXPECT_EQ(at, line) << items << " → " << message;
        EXPECT_NE(message.find(words), std::string::npos) << items << " → " << message;
    };
    // Lines: the head is 6 lines, so the first item is on line 7.
    refused("  - project: ปรับปรุงอาคาร\n", 7, "ไม่รู้จักชนิดของรายการ");
    refused("  - strategy: ก\n    number: \"1\"\n  - strategy: ข\n    number: \"3\"\n", 9,
            "ควรเป็น \"2\"");
    refused("  - kpi: ร้อยละของครู\n    groups: [แผน]\n", 7, "ไม่มีหน่วยนับ");
    refused("  - kpi: ร้อยละของครู\n    unit: ร้อยละ\n    targets: {2567: ดีมาก}\n", 9, "ไม่ใช่ตัวเลข");
    refused("  - kpi: ระดับการประเมิน\n    unit: ระดับ\n    targets: {2567: เยี่ยม}\n", 9,
            "ไม่ใช่ระดับที่กำหนด");
    refused("  - kpi: ร้อยละ\n    unit: ร้อยละ\n    targets: {2024: 100}\n", 9, "ไม่ใช่ปีงบประมาณ พ.ศ.");
    refused("  - kpi: ร้อยละ\n    unit: ร้อยละ\n    groups: [บุคคล]\n", 7, "ไม่อยู่ในรายชื่อกลุ่ม");
    refused("  - kpi: ร้อยละ\n    unit: กิโลกรัม\n", 8, "กิโลกรัม");
    refused("  - kpi: ร้อยละ\n    unit: ร้อยละ\n    results: {2567: {5: 10}}\n", 9, "รอบรายงาน");
    refused("  - vision: ก\n    unit: ร้อยละ\n", 8, "ใช้ได้กับตัวชี้วัดเท่านั้น");
    refused("  - vision: ก\n    colour: แดง\n", 8, "ไม่รู้จักคีย์ \"colour\"");
    refused("  - strategy: ก\n    serves: [obec]\n", 8, "กรอบ/ข้อ");
    refused("  - strategy: ก\n    vision: ข\n", 8, "มีได้ชนิดเดียว");
    refused("  - strategy: [ก\n", 8, "อ่าน YAML ไม่ได้");  // where the parser gave up
    refused(R"(  - kpi: ร้อยละ
    unit: ร้อยละ
    targets: {2567: 100}
    rows: [{label: ป.1, targets: {2567: 100}}]
)",
            10, "แถวย่อย");
    refused("  - kpi: ร้อยละ\n    unit: ร้อยละ\n    formula: 100 * pupils / schools\n", 9,
            "ไม่รู้จักข้อมูล \"pupils\"");
    refused("  - kpi: ระดับ\n    unit: ระดับ\n    formula: students\n", 9, "ไม่ใช่ ระดับ");
    refused("  - kpi: ร้อยละ\n    unit: ร้อยละ\n    rows: [{label: ป.1, formula: \"students /\"}]\n",
            9, "สูตรจบก่อนครบ");
}

TEST(PlanFile, RefusesABrokenHead) {
    EXPECT_NE(FirstProblem("format: khet-plan/2\n").second.find("format"), std::string::npos);
    EXPECT_NE(FirstProblem("format: khet-plan/1\noffice: \"2402\"\nfiscal_year: 2024\n"
                           "title: ก\nitems: []\n")
                  .second.find("ไม่ใช่ปีงบประมาณ"),
              std::string::npos);
    const auto rules = FirstProblem(std::string(kHead.substr(0, kHead.size() - 7)) +
                                    "status_rules: [{at_least: 80, status: close}, "
                                    "{at_least: 100, status: achieved}]\nitems: []\n");
    EXPECT_EQ(rules.first, 6);
    EXPECT_NE(rules.second.find("ต้องต่ำกว่าเกณฑ์ก่อนหน้า"), std::string::npos);
}

TEST(PlanFile, ReportsEveryProblemOfAFileAtOnce) {
    auto file = ReadPlanFile("bad.yaml", std::string(kHead) +
                                             "  - kpi: ก\n  - kpi: ข\n    unit: ร้อยละ\n"
                                             "    targets: {2567: ไม่มี}\n");
    ASSERT_FALSE(file);
    ASSERT_EQ(file.error().fields.size(), 2u);
    EXPECT_EQ(file.error().fields[0].row, 7);
    EXPECT_EQ(file.error().fields[1].row, 10);
    EXPECT_NE(file.error().message.find("ข้อผิดพลาด 2 แห่ง"), std::string::npos);
}

// Hostile files (docs/SECURITY.md, probes 1, 2 and 8): each is refused with its line, quickly,
// and holds no memory to speak of.
TEST(PlanFile, RefusesAnAliasThatNamesItselfInsteadOfCrashing) {
    const auto [line, message] =
        FirstProblem(std::string(kHead) + "  &r [ {strategy: x, items: *r} ]\n");
    EXPECT_EQ(line, 7);
    EXPECT_NE(message.find("การอ้างถึงของ YAML"), std::string::npos) << message;
}

TEST(PlanFile, RefusesAnAliasBombBeforeExpandingIt) {
    // Each strategy lists the previous one twice: 2^30 items if the aliases were walked.
    std::string text = std::string(kHead.substr(0, kHead.size() - 7)) + "a0: &a0 {strategy: x}\n";
    for (int level = 1; level <= 30; ++level) {
        text += fmt::format("a{}: &a{} {{strategy: x, items: [*a{}, *a{}]}}\n", level, level,
                            level - 1, level - 1);
    }
    text += "items: [*a30]\n";
    const auto [line, message] = FirstProblem(text);
    EXPECT_EQ(line, 7);  // a1, the first alias
    EXPECT_NE(message.find("การอ้างถึงของ YAML"), std::string::npos) << message;
}

TEST(PlanFile, RefusesNestingDeeperThanAnyPlan) {
    const std::string deep =
        std::string(kHead) + "  - " + std::string(100000, '[') + std::string(100000, ']') + "\n";
    const auto [line, message] = FirstProblem(deep);
    EXPECT_EQ(line, 7);
    EXPECT_NE(message.find("ลึกเกิน 64 ชั้น"), std::string::npos) << message;
}

TEST(PlanFile, RefusesTextThatCannotBeStoredNamingTheLine) {
    const auto invalid = FirstProblem(std::string(kHead) + "  - strategy: ก\xC3\x28ข\n");
    EXPECT_EQ(invalid.first, 7);
    EXPECT_NE(invalid.second.find("ไม่ใช่ตัวอักษร UTF-8"), std::string::npos) << invalid.second;
    const auto noncharacter = FirstProblem(std::string(kHead) + "  - strategy: \"ก\\uFFFF\"\n");
    EXPECT_EQ(noncharacter.first, 7);
    EXPECT_NE(noncharacter.second.find("U+FFFF"), std::string::npos) << noncharacter.second;
    const auto control = FirstProblem(std::string(kHead) + "  - strategy: \"ก\\0ข\"\n");
    EXPECT_NE(control.second.find("U+0000"), std::string::npos) << control.second;
    const auto blank = FirstProblem(std::string(kHead) + "  - strategy: \"\\u200B\\u00A0\"\n");
    EXPECT_EQ(blank.first, 7);
    EXPECT_NE(blank.second.find("ต้องมีข้อความ"), std::string::npos) << blank.second;
}

TEST(PlanFile, StoresThaiInItsNormalForm) {
    auto file = ReadPlanFile(
        "p.yaml", std::string(kHead) + "  - strategy: \"\\u200Bน\u0E49\u0E4D\u0E32ใจ \"\n");
    ASSERT_TRUE(file) << Describe(file.error());
    EXPECT_EQ(file->plan->tree.items.at(0).text, "น้ำใจ");
}

TEST(PlanFile, ReadsAFramework) {
    auto file = ReadPlanFile("f.yaml", R"(format: khet-framework/1
code: espg14
name: ESPG 14
office: "2402"
items:
  - number: "1"
    text: ด้านที่ 1
    items:
      - {number: "1.1", text: ข้อ 1.1}
  - {id: M, text: Moral}
)");
    ASSERT_TRUE(file) << Describe(file.error());
    ASSERT_TRUE(file->framework);
    EXPECT_EQ(file->framework->items.size(), 3u);
    ASSERT_TRUE(file->framework->Find("1.1"));
    EXPECT_EQ(file->framework->Find("1.1")->parent, "1");
    EXPECT_TRUE(file->framework->Find("M"));
    auto twice = ReadPlanFile("f.yaml",
                              "format: khet-framework/1\ncode: x\nname: x\nitems:\n"
                              "  - {number: \"1\", text: ก}\n  - {number: \"1\", text: ข}\n");
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().fields.at(0).row, 6);
}

}  // namespace
}  // namespace khet
