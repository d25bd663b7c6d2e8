#include "domain/kpi_status.hpp"

#include <gtest/gtest.h>

namespace khet {
namespace {

KpiValue Value(const char* text, KpiUnit unit = KpiUnit::kPercent) {
    auto value = ParseKpiValue(text, unit);
    EXPECT_TRUE(value) << text;
    return value ? *value : KpiValue::None();
}

KpiFacts Facts(const char* target, const char* result,
               Polarity polarity = Polarity::kHigherIsBetter, KpiUnit unit = KpiUnit::kPercent) {
    KpiFacts facts;
    facts.unit = unit;
    facts.polarity = polarity;
    facts.target = Value(target, unit);
    facts.result = Value(result, unit);
    return facts;
}

const StatusRules kRules = StatusRules::Default();

// Seed 002, FY 2561: KPI 7 (80 → 80), KPI 10 ป.1 (100 → 91.97), KPI 12 ป.6 (50 → 37.76).
TEST(KpiStatus, HigherIsBetterGoesByThePercentOfTheTarget) {
    const KpiJudgement met = Judge(Facts("80", "80"), kRules);
    EXPECT_EQ(met.status, KpiStatus::kAchieved);
    EXPECT_DOUBLE_EQ(*met.attainment, 100);

    const KpiJudgement close = Judge(Facts("100", "91.97"), kRules);
    EXPECT_EQ(close.status, KpiStatus::kClose);
    EXPECT_EQ(close.inputs, "เป้าหมาย 100 ผล 91.97 (ร้อยละ, ยิ่งสูงยิ่งดี)");
    EXPECT_EQ(close.rule, "ได้ 91.97% ของเป้าหมาย: ตั้งแต่ 80% = ใกล้เคียง");
    EXPECT_EQ(close.needed, "") << "a closed year needs nothing more";

    KpiFacts open = Facts("50", "37.76");
    open.year_open = true;
    const KpiJudgement short_of = Judge(open, kRules);
    EXPECT_EQ(short_of.status, KpiStatus::kNotAchieved);
    EXPECT_EQ(short_of.rule, "ได้ 75.52% ของเป้าหมาย: ต่ำกว่าทุกเกณฑ์ = ไม่บรรลุ");
    EXPECT_EQ(short_of.needed, "ต้องได้อย่างน้อย 50 จึงจะบรรลุ (ขาดอีก 12.24)");
}

// Seed 002 KPI 20, the dropout rate: FY 2561 target 0.02, result 0.01.
TEST(KpiStatus, LowerIsBetterIsMetOnOrUnderTheTarget) {
    EXPECT_EQ(Judge(Facts("0.02", "0.01", Polarity::kLowerIsBetter), kRules).status,
              KpiStatus::kAchieved);
    EXPECT_EQ(Judge(Facts("0.01", "0.01", Polarity::kLowerIsBetter), kRules).status,
              KpiStatus::kAchieved);
    KpiFacts twice = Facts("0.01", "0.02", Polarity::kLowerIsBetter);
    twice.year_open = true;
    const KpiJudgement judged = Judge(twice, kRules);
    EXPECT_EQ(judged.status, KpiStatus::kNotAchieved);
    EXPECT_DOUBLE_EQ(*judged.attainment, 50);
    EXPECT_EQ(judged.needed, "ต้องลดลงเหลือไม่เกิน 0.01 จึงจะบรรลุ (ต้องลดอีก 0.01)");
    EXPECT_EQ(Judge(Facts("10", "12", Polarity::kLowerIsBetter), kRules).status,
              KpiStatus::kClose);  // 83.33 %
}

// Seed 002 KPI 11: the NT average is to rise by at least 3 %; it fell by 5.20.
TEST(KpiStatus, AChangeIsJudgedAgainstTheChangeAskedFor) {
    const KpiJudgement fell = Judge(Facts("3", "-5.20", Polarity::kChange), kRules);
    EXPECT_EQ(fell.status, KpiStatus::kNotAchieved);
    EXPECT_EQ(fell.rule, "ได้ -173.33% ของเป้าหมาย: ต่ำกว่าทุกเกณฑ์ = ไม่บรรลุ");
    EXPECT_EQ(Judge(Facts("3", "3.10", Polarity::kChange), kRules).status, KpiStatus::kAchieved);
    // A fall asked for: at least 3 down.
    EXPECT_EQ(Judge(Facts("-3", "-4", Polarity::kChange), kRules).status, KpiStatus::kAchieved);
    EXPECT_EQ(Judge(Facts("-3", "1", Polarity::kChange), kRules).status, KpiStatus::kNotAchieved);
    KpiFacts open = Facts("3", "1", Polarity::kChange);
    open.year_open = true;
    EXPECT_EQ(Judge(open, kRules).needed, "ต้องเปลี่ยนแปลงจากปีก่อนอย่างน้อย 3 จึงจะบรรลุ");
}

TEST(KpiStatus, ARangeIsMetInsideItAndJudgedByTheNearerBoundOutside) {
    KpiFacts facts = Facts("10", "15", Polarity::kRange, KpiUnit::kPeople);
    facts.target_high = Value("20", KpiUnit::kPeople);
    EXPECT_EQ(Judge(facts, kRules).status, KpiStatus::kAchieved);
    EXPECT_EQ(Judge(facts, kRules).inputs, "เป้าหมาย 10–20 ผล 15 (คน, อยู่ในช่วงเป้าหมาย)");
    facts.result = Value("8", KpiUnit::kPeople);
    EXPECT_EQ(Judge(facts, kRules).status, KpiStatus::kClose);  // 80 % of the lower bound
    facts.result = Value("25", KpiUnit::kPeople);
    EXPECT_EQ(Judge(facts, kRules).status, KpiStatus::kClose);  // 20 ÷ 25
    facts.result = Value("40", KpiUnit::kPeople);
    facts.year_open = true;
    const KpiJudgement far = Judge(facts, kRules);
    EXPECT_EQ(far.status, KpiStatus::kNotAchieved);
    EXPECT_EQ(far.needed, "ต้องอยู่ระหว่าง 10 ถึง 20 จึงจะบรรลุ");
}

// Seed 002 KPI 28: ดีเยี่ยม asked for and reached.
TEST(KpiStatus, LevelsGoByTheirOrder) {
    const auto level = [](const char* target, const char* result) {
        return Judge(Facts(target, result, Polarity::kHigherIsBetter, KpiUnit::kLevel), kRules);
    };
    EXPECT_EQ(level("ดีเยี่ยม", "ดีเยี่ยม").status, KpiStatus::kAchieved);
    EXPECT_EQ(level("ดีมาก", "ดีเยี่ยม").status, KpiStatus::kAchieved);
    const KpiJudgement one_below = level("ดีเยี่ยม", "ดีมาก");
    EXPECT_EQ(one_below.status, KpiStatus::kClose);
    EXPECT_EQ(one_below.rule, "ระดับ ดีมาก ต่ำกว่าเป้าหมาย ดีเยี่ยม อยู่ 1 ระดับ = ใกล้เคียง");
    EXPECT_EQ(level("ดีเยี่ยม", "ดี").status, KpiStatus::kNotAchieved);
}

// Seed 002 KPI 30 and 31: ทุกแห่ง.
TEST(KpiStatus, EveryAndTextKpisAreMetByTheirWords) {
    EXPECT_EQ(
        Judge(Facts("ทุกแห่ง", "ทุกแห่ง", Polarity::kHigherIsBetter, KpiUnit::kEvery), kRules).status,
        KpiStatus::kAchieved);
    EXPECT_EQ(
        Judge(Facts("ทุกแห่ง", "12", Polarity::kHigherIsBetter, KpiUnit::kEvery), kRules).status,
        KpiStatus::kNotAchieved);
    EXPECT_EQ(
        Judge(Facts("มีคู่มือ", "มีคู่มือ", Polarity::kHigherIsBetter, KpiUnit::kText), kRules).status,
        KpiStatus::kAchieved);
}

TEST(KpiStatus, RatiosCompareAsQuotients) {
    EXPECT_EQ(Judge(Facts("3:2", "3:2", Polarity::kHigherIsBetter, KpiUnit::kRatio), kRules).status,
              KpiStatus::kAchieved);
    EXPECT_EQ(
        Judge(Facts("1:20", "1:25", Polarity::kLowerIsBetter, KpiUnit::kRatio), kRules).status,
        KpiStatus::kAchieved);
}

// Seed 002 uses "-" for no target (KPI 3 in FY 2561) and for no result.
TEST(KpiStatus, ADashIsNoTargetOrNoResultNotAFailure) {
    const KpiJudgement none = Judge(Facts("-", "-"), kRules);
    EXPECT_EQ(none.status, KpiStatus::kNoTarget);
    EXPECT_EQ(none.inputs, "เป้าหมาย - ผล - (ร้อยละ, ยิ่งสูงยิ่งดี)");
    KpiFacts pending = Facts("100", "-");
    pending.year_open = true;
    const KpiJudgement waiting = Judge(pending, kRules);
    EXPECT_EQ(waiting.status, KpiStatus::kNoResult);
    EXPECT_EQ(waiting.needed, "ต้องได้อย่างน้อย 100 จึงจะบรรลุ");
}

// A value stored out of range is shown as it is, with what to do, instead of a judgement.
TEST(KpiStatus, AnUnreadableStoredValueSaysWhichItIs) {
    KpiFacts facts = Facts("100", "-");
    facts.result = KpiValue::Unreadable("-92233720368547758.08");
    const KpiJudgement result = Judge(facts, kRules);
    EXPECT_EQ(result.status, KpiStatus::kNoResult);
    EXPECT_NE(result.rule.find("\"-92233720368547758.08\" อ่านไม่ได้"), std::string::npos)
        << result.rule;
    EXPECT_NE(result.inputs.find("-92233720368547758.08"), std::string::npos);
    facts.target = KpiValue::Unreadable("1e999");
    EXPECT_EQ(Judge(facts, kRules).status, KpiStatus::kNoTarget);
}

TEST(StatusRules, AnOfficesOwnBandsDecide) {
    const StatusRules strict{
        {{*Decimal::Parse("90"), KpiStatus::kAchieved}, {*Decimal::Parse("70"), KpiStatus::kClose}},
        KpiStatus::kNotAchieved};
    ASSERT_TRUE(strict.Validate());
    EXPECT_EQ(Judge(Facts("100", "91.97"), strict).status, KpiStatus::kAchieved);
    EXPECT_EQ(Judge(Facts("100", "75"), strict).status, KpiStatus::kClose);
    EXPECT_EQ(strict.Describe(), "ตั้งแต่ 90% บรรลุ, ตั้งแต่ 70% ใกล้เคียง, ต่ำกว่านั้น ไม่บรรลุ");
    EXPECT_EQ(StatusRules::Default().Describe(),
              "ตั้งแต่ 100% บรรลุ, ตั้งแต่ 80% ใกล้เคียง, ต่ำกว่านั้น ไม่บรรลุ");
}

TEST(StatusRules, RefusesBandsOutOfOrderOrWithoutAJudgement) {
    const StatusRules rising{{{*Decimal::Parse("80"), KpiStatus::kClose},
                              {*Decimal::Parse("100"), KpiStatus::kAchieved}},
                             KpiStatus::kNotAchieved};
    auto refused = rising.Validate();
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().fields.at(0).field, "bands[2]");
    const StatusRules odd{{{*Decimal::Parse("100"), KpiStatus::kNoTarget}},
                          KpiStatus::kNotAchieved};
    EXPECT_FALSE(odd.Validate());
}

}  // namespace
}  // namespace khet
