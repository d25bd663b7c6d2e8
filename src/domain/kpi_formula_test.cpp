#include "domain/kpi_formula.hpp"

#include <gtest/gtest.h>

#include "domain/kpi_compute.hpp"

namespace khet {
namespace {

School ObecSchool(std::string code) {
    School school;
    school.code = std::move(code);
    school.office_code = "2402";
    return school;
}

// Three open OBEC schools (one small, one short of teachers, one without census rows), one
// closed school and one school of another affiliation.
OfficeSnapshot Snapshot() {
    OfficeSnapshot snapshot{Office{}, *CensusRound::Make(2564, 2), {}, {}, {}, {}, {}};
    snapshot.schools = {ObecSchool("1"), ObecSchool("2"), ObecSchool("3"), ObecSchool("4"),
                        ObecSchool("5")};
    snapshot.schools[3].active = false;
    snapshot.schools[4].affiliation = "สช.";
    snapshot.enrolment = {
        {"1", Grade::kK2, 10, 12, 1}, {"1", Grade::kP1, 30, 28, 2}, {"1", Grade::kM1, 20, 25, 2},
        {"1", Grade::kM4, 5, 7, 1},   {"2", Grade::kP1, 30, 30, 3},  // 60 students: a small school
        {"4", Grade::kP1, 1, 1, 1},  // closed: its rows count, the school does not
    };
    snapshot.staff = {
        {"1", Position::kTeacher, "คศ.1", "-", 3, 5},
        {"1", Position::kEmployee, "-", "-", 1, 0},    // not a teacher
        {"2", Position::kTeacher, "คศ.1", "-", 1, 1},  // 2 teachers for 3 rooms
    };
    return snapshot;
}

TEST(KpiMeasures, AreCountedFromTheCensusRound) {
    const MeasureValues values = MeasuresOf(Snapshot());
    EXPECT_EQ(values.at("schools"), 3);           // the closed and the private one are not
    EXPECT_EQ(values.at("schools_reported"), 2);  // school 3 sent nothing
    EXPECT_EQ(values.at("small_schools"), 1);
    EXPECT_EQ(values.at("schools_short_of_teachers"), 1);
    EXPECT_EQ(values.at("students"), 199);
    EXPECT_EQ(values.at("students_male"), 96);
    EXPECT_EQ(values.at("students_female"), 103);
    EXPECT_EQ(values.at("students_pre_primary"), 22);
    EXPECT_EQ(values.at("students_primary"), 120);
    EXPECT_EQ(values.at("students_lower_secondary"), 45);
    EXPECT_EQ(values.at("students_upper_secondary"), 12);
    EXPECT_EQ(values.at("rooms"), 10);
    EXPECT_EQ(values.at("teachers"), 10);
    // Every measure a formula may name has a value, and a Thai label.
    for (const KpiMeasure& measure : KpiMeasures()) {
        EXPECT_TRUE(values.contains(measure.name)) << measure.name;
        EXPECT_FALSE(measure.label.empty());
    }
}

TEST(KpiFormula, EvaluatesWithPrecedenceParenthesesAndTheWorking) {
    const MeasureValues values = MeasuresOf(Snapshot());
    auto share = KpiFormula::Parse("100 * small_schools / schools");
    ASSERT_TRUE(share) << share.error().message;
    auto value = share->Evaluate(values);
    ASSERT_TRUE(value);
    EXPECT_NEAR(value->value, 33.3333, 1e-3);
    EXPECT_EQ(value->working, "100 × 1 ÷ 3");

    auto nested = KpiFormula::Parse("(students - students_pre_primary) ÷ teachers × 2 + -1");
    ASSERT_TRUE(nested) << nested.error().message;
    value = nested->Evaluate(values);
    ASSERT_TRUE(value);
    EXPECT_DOUBLE_EQ(value->value, (199.0 - 22.0) / 10.0 * 2 - 1);
    EXPECT_EQ(value->working, "(199 - 22) ÷ 10 × 2 + -1");

    auto thai = KpiFormula::Parse("๑๐๐ * rooms / 2.5");
    ASSERT_TRUE(thai);
    EXPECT_DOUBLE_EQ(thai->Evaluate(values)->value, 400);
    EXPECT_EQ(thai->Text(), "๑๐๐ * rooms / 2.5");
}

TEST(KpiFormula, RefusesWhatItCannotReadSayingWhere) {
    const auto message = [](std::string_view text) {
        auto parsed = KpiFormula::Parse(text);
        EXPECT_FALSE(parsed) << text;
        if (parsed) return std::string();
        EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(parsed.error().fields.at(0).field, "formula");
        return parsed.error().message;
    };
    EXPECT_NE(message("100 * pupils / schools").find("ตำแหน่งที่ 7: ไม่รู้จักข้อมูล \"pupils\""),
              std::string::npos);
    EXPECT_NE(message("100 * pupils").find("small_schools"), std::string::npos);  // the known
    EXPECT_NE(message("students / (teachers").find("ตำแหน่งที่ 12: วงเล็บเปิด"), std::string::npos);
    EXPECT_NE(message("students /").find("ตำแหน่งที่ 11: สูตรจบก่อนครบ"), std::string::npos);
    EXPECT_NE(message("students teachers").find("ตำแหน่งที่ 10: \"teachers\" เกินมา"),
              std::string::npos);
    EXPECT_NE(message("ร้อยละ * students").find("ตำแหน่งที่ 1: \"ร\" ใช้ในสูตรไม่ได้"), std::string::npos);
    EXPECT_NE(message("1.2.3 * students").find("\"1.2.3\" ไม่ใช่ตัวเลข"), std::string::npos);
    EXPECT_NE(message(") students").find("ไม่ใช่ \")\""), std::string::npos);
    EXPECT_EQ(message("  "), "สูตรว่าง");
}

TEST(KpiFormula, ADivisionByZeroIsAConflictNamingTheDivisor) {
    MeasureValues values = MeasuresOf(Snapshot());
    values["teachers"] = 0;
    auto formula = KpiFormula::Parse("students / (teachers * 2)");
    ASSERT_TRUE(formula);
    auto value = formula->Evaluate(values);
    ASSERT_FALSE(value);
    EXPECT_EQ(value.error().code, ErrorCode::kConflict);
    EXPECT_NE(value.error().message.find("หารด้วยศูนย์: (0 × 2) = 0"), std::string::npos);
}

// docs/SECURITY.md, probe 5: 92233720368547758 once stored -92233720368547758.08 and broke the
// plan for everyone.
TEST(KpiFormula, RefusesNumbersAndResultsPastTenToTheTwelve) {
    auto literal = KpiFormula::Parse("92233720368547758");
    ASSERT_FALSE(literal);
    EXPECT_NE(literal.error().message.find("ใหญ่เกินไป"), std::string::npos)
        << literal.error().message;
    EXPECT_FALSE(KpiFormula::Parse("1000000000000000 * 1000000"));
    EXPECT_FALSE(KpiFormula::Parse("1e400"));  // "e" is no measure: refused as a word

    const MeasureValues values = MeasuresOf(Snapshot());
    for (const char* text : {"1000000 * 1000000 * 10", "students * 1000000000000",
                             "1 / 0.000000000001 / 0.0001", "-(999999999999 + 999999999999)"}) {
        auto formula = KpiFormula::Parse(text);
        ASSERT_TRUE(formula) << text << ": " << formula.error().message;
        auto value = formula->Evaluate(values);
        ASSERT_FALSE(value) << text << " = " << value->value;
        EXPECT_EQ(value.error().code, ErrorCode::kInvalidArgument);
        EXPECT_NE(value.error().message.find("เกินช่วงที่เก็บได้"), std::string::npos) << text;
    }
    EXPECT_EQ(KpiFormula::Parse("1000000 * 1000000")->Evaluate(values)->value, 1e12);
}

TEST(KpiFormula, RefusesFormulasTooLongOrTooDeepToRead) {
    // A plan file may hold a formula of megabytes; the reader recurses once a parenthesis.
    auto deep = KpiFormula::Parse(std::string(40, '(') + "1" + std::string(40, ')'));
    ASSERT_FALSE(deep);
    EXPECT_NE(deep.error().message.find("ซ้อนกันเกิน 32 ชั้น"), std::string::npos);
    EXPECT_TRUE(KpiFormula::Parse(std::string(32, '(') + "1" + std::string(32, ')')));
    auto tall = KpiFormula::Parse("1" + std::string(1000, '0'));
    ASSERT_FALSE(tall);
    EXPECT_NE(tall.error().message.find("ยาวเกิน 1000 ตัวอักษร"), std::string::npos);
}

TEST(RoundEnd, IsTheLastDayOfTheRoundsMonth) {
    EXPECT_EQ(RoundEnd(2565, 3).Iso(), "2021-12-31");
    EXPECT_EQ(RoundEnd(2565, 6).Iso(), "2022-03-31");
    EXPECT_EQ(RoundEnd(2565, 9).Iso(), "2022-06-30");
    EXPECT_EQ(RoundEnd(2565, 12).Iso(), "2022-09-30");
    EXPECT_EQ(RoundEnd(2567, 6).Iso(), "2024-03-31");
}

Plan PlanWithFormulas() {
    Plan plan;
    plan.office_code = "2402";
    plan.fiscal_year = 2565;
    plan.title = "แผน";
    plan.tree.items = {
        {"k1", "", PlanItemKind::kKpi, "1", "ร้อยละของโรงเรียนขนาดเล็ก", 0},
        {"k2", "", PlanItemKind::kKpi, "2", "นักเรียนต่อครู", 0},
        {"k3", "", PlanItemKind::kKpi, "3", "รายงานเอง", 0},
    };
    Kpi k1;
    k1.item_key = "k1";
    k1.figures.formula = "100 * small_schools / schools";
    k1.figures.targets[2565] = *ParseKpiValue("30", KpiUnit::kPercent);
    Kpi k2;
    k2.item_key = "k2";
    k2.unit = KpiUnit::kCount;
    k2.rows = {KpiRow{}, KpiRow{}};
    k2.rows[0].label = "ทั้งเขต";
    k2.rows[0].figures.formula = "students / teachers";
    k2.rows[1].label = "ห้องเรียน";
    k2.rows[1].figures.formula = "rooms";
    Kpi k3;
    k3.item_key = "k3";
    plan.kpis = {k1, k2, k3};
    return plan;
}

MeasureSource Source(const OfficeSnapshot& snapshot) {
    return {snapshot.round.Description(), MeasuresOf(snapshot), "23 พ.ย. 2569"};
}

TEST(ComputeRoundResults, StoresEachFormulasValueWithItsWorkingAndFormula) {
    Plan plan = PlanWithFormulas();
    ASSERT_TRUE(plan.Validate()) << plan.Validate().error().message;
    auto lines = ComputeRoundResults(plan, 2565, 12, Source(Snapshot()), false);
    ASSERT_TRUE(lines) << lines.error().message;
    ASSERT_EQ(lines->size(), 3u);
    EXPECT_EQ((*lines)[0].name, "ตัวชี้วัด 1");
    EXPECT_EQ((*lines)[1].name, "ตัวชี้วัด 2 (ทั้งเขต)");
    const KpiResult* share = plan.kpis[0].figures.Result(2565);
    ASSERT_NE(share, nullptr);
    EXPECT_EQ(share->round, 12);
    EXPECT_EQ(share->value.Text(), "33.33");  // a percent keeps two decimals
    EXPECT_EQ(share->formula, "100 * small_schools / schools");
    EXPECT_EQ(share->evidence,
              "คำนวณจากข้อมูลสำมะโน ปีการศึกษา 2564 รอบที่ 2 (10 พฤศจิกายน 2564): "
              "100 × 1 ÷ 3 = 33.33 (คำนวณเมื่อ 23 พ.ย. 2569)");
    EXPECT_EQ(plan.kpis[1].rows[0].figures.Result(2565)->value.Text(), "19.90");
    EXPECT_EQ(plan.kpis[1].rows[1].figures.Result(2565)->value.Text(), "10");  // whole: no point
    EXPECT_EQ(plan.kpis[2].figures.Result(2565), nullptr);
    EXPECT_TRUE(plan.Validate());
}

TEST(ComputeRoundResults, KeepsStoredResultsSoAChangedFormulaRewritesNoHistory) {
    Plan plan = PlanWithFormulas();
    ASSERT_TRUE(ComputeRoundResults(plan, 2565, 6, Source(Snapshot()), false));
    plan.kpis[0].figures.formula = "100 * schools_reported / schools";
    auto again = ComputeRoundResults(plan, 2565, 6, Source(Snapshot()), false);
    ASSERT_TRUE(again);
    EXPECT_TRUE((*again)[0].kept);
    EXPECT_EQ(plan.kpis[0].figures.Result(2565)->value.Text(), "33.33");
    EXPECT_EQ(plan.kpis[0].figures.Result(2565)->formula, "100 * small_schools / schools");
    // The next round uses the formula as it is now; asked to, the round is computed again.
    ASSERT_TRUE(ComputeRoundResults(plan, 2565, 9, Source(Snapshot()), false));
    EXPECT_EQ(plan.kpis[0].figures.Result(2565)->value.Text(), "66.67");
    auto replaced = ComputeRoundResults(plan, 2565, 6, Source(Snapshot()), true);
    ASSERT_TRUE(replaced);
    EXPECT_FALSE((*replaced)[0].kept);
    ASSERT_EQ(plan.kpis[0].figures.results.size(), 2u);
    EXPECT_EQ(plan.kpis[0].figures.results[0].value.Text(), "66.67");
}

TEST(ComputeRoundResults, OneLineThatCannotBeComputedChangesNothing) {
    Plan plan = PlanWithFormulas();
    const std::vector<Kpi> before = plan.kpis;
    const OfficeSnapshot empty{Office{}, *CensusRound::Make(2564, 2), {}, {}, {}, {}, {}};
    auto lines = ComputeRoundResults(plan, 2565, 12, Source(empty), false);
    ASSERT_FALSE(lines);
    EXPECT_EQ(lines.error().code, ErrorCode::kConflict);
    EXPECT_EQ(lines.error().fields.size(), 2u);  // both divisions; "rooms" alone is fine
    EXPECT_NE(lines.error().message.find("ตัวชี้วัด 1: สูตร"), std::string::npos);
    EXPECT_EQ(plan.kpis, before);

    Plan none = PlanWithFormulas();
    none.kpis[0].figures.formula.clear();
    none.kpis[1].rows[0].figures.formula.clear();
    none.kpis[1].rows[1].figures.formula.clear();
    auto nothing = ComputeRoundResults(none, 2565, 12, Source(Snapshot()), false);
    ASSERT_FALSE(nothing);
    EXPECT_EQ(nothing.error().code, ErrorCode::kInvalidArgument);
}

TEST(PlanValidate, RefusesAFormulaOnAUnitWithoutNumbersOrThatCannotBeRead) {
    Plan plan = PlanWithFormulas();
    plan.kpis[2].figures.formula = "students";
    plan.kpis[2].unit = KpiUnit::kLevel;
    plan.kpis[0].figures.formula = "100 * pupils";
    auto valid = plan.Validate();
    ASSERT_FALSE(valid);
    ASSERT_EQ(valid.error().fields.size(), 2u);
    EXPECT_EQ(valid.error().fields[0].column, "formula");
    EXPECT_NE(valid.error().fields[0].message.find("ไม่รู้จักข้อมูล \"pupils\""), std::string::npos);
    EXPECT_NE(valid.error().fields[1].message.find("ไม่ใช่ ระดับ"), std::string::npos);
}

}  // namespace
}  // namespace khet
