#include "domain/kpi.hpp"

#include <gtest/gtest.h>

namespace khet {
namespace {

TEST(Decimal, ComesBackOutExactlyAsWritten) {
    for (const char* text : {"91.97", "-5.20", "0.01", "100", "0", "37.760", "-0.50"}) {
        const auto decimal = Decimal::Parse(text);
        ASSERT_TRUE(decimal) << text;
        EXPECT_EQ(decimal->Text(), text);
    }
    EXPECT_EQ(Decimal::Parse("-5.20")->units, -520);
    EXPECT_EQ(Decimal::Parse("-5.20")->scale, 2);
    EXPECT_DOUBLE_EQ(Decimal::Parse("91.97")->Value(), 91.97);
}

TEST(Decimal, ReadsThaiDigitsSignsAndThousands) {
    EXPECT_EQ(Decimal::Parse("๙๑.๙๗")->Text(), "91.97");
    EXPECT_EQ(Decimal::Parse("+3")->Text(), "3");
    EXPECT_EQ(Decimal::Parse("\xE2\x88\x92"
                             "5.20")
                  ->Text(),
              "-5.20");  // U+2212 minus sign
    EXPECT_EQ(Decimal::Parse("1,250")->Text(), "1250");
    EXPECT_EQ(Decimal::Parse("12,345,678.5")->Text(), "12345678.5");
    EXPECT_EQ(Decimal::Parse(" 50 ")->Text(), "50");
}

TEST(Decimal, RefusesWhatIsNotANumber) {
    for (const char* text : {"", "-", "abc", "1.", "1.2.3", "12a", ",5", "1.1234567", "ร้อยละ 5",
                             "1,2", "91,97", "1234,567", "1,2345", "1,234,56", "1,23.5"}) {
        EXPECT_FALSE(Decimal::Parse(text)) << text;
    }
}

TEST(KpiUnit, IsReadFromItsThaiLabelOrEnglishName) {
    EXPECT_EQ(*ParseKpiUnit("ร้อยละ"), KpiUnit::kPercent);
    EXPECT_EQ(*ParseKpiUnit("people"), KpiUnit::kPeople);
    EXPECT_EQ(*ParseKpiUnit(" ทุกแห่ง "), KpiUnit::kEvery);
    EXPECT_EQ(KpiUnitLabel(KpiUnit::kRatio), "สัดส่วน");
    auto unknown = ParseKpiUnit("เปอร์เซ็นต์");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("ร้อยละ (percent)"), std::string::npos)
        << unknown.error().message;
}

TEST(KpiValue, IsReadAsItsUnitTakesIt) {
    EXPECT_TRUE(ParseKpiValue("-", KpiUnit::kPercent)->IsNone());
    EXPECT_TRUE(ParseKpiValue("", KpiUnit::kLevel)->IsNone());
    EXPECT_EQ(ParseKpiValue("91.97", KpiUnit::kPercent)->Text(), "91.97");
    EXPECT_EQ(ParseKpiValue("ดีเยี่ยม", KpiUnit::kLevel)->kind, KpiValue::Kind::kLevel);
    EXPECT_EQ(ParseKpiValue("3:2", KpiUnit::kRatio)->Text(), "3:2");
    EXPECT_EQ(ParseKpiValue("ทุกแห่ง", KpiUnit::kEvery)->kind, KpiValue::Kind::kEvery);
    EXPECT_EQ(ParseKpiValue("12", KpiUnit::kEvery)->kind, KpiValue::Kind::kNumber);
    EXPECT_EQ(ParseKpiValue("มีคู่มือครบ", KpiUnit::kText)->Text(), "มีคู่มือครบ");
}

TEST(KpiValue, SaysWhatTheUnitTakesWhenTheCellDoesNotFit) {
    auto word = ParseKpiValue("ดี", KpiUnit::kPercent);
    ASSERT_FALSE(word);
    EXPECT_NE(word.error().message.find("หน่วยร้อยละ ต้องเป็นตัวเลข"), std::string::npos)
        << word.error().message;
    auto level = ParseKpiValue("เยี่ยม", KpiUnit::kLevel);
    ASSERT_FALSE(level);
    EXPECT_NE(level.error().message.find("ดีเยี่ยม"), std::string::npos);
    EXPECT_FALSE(ParseKpiValue("3:0", KpiUnit::kRatio));
    EXPECT_FALSE(ParseKpiValue("3", KpiUnit::kRatio));
    EXPECT_FALSE(ParseKpiValue("บางแห่ง", KpiUnit::kEvery));
    // A scale of the office's own.
    EXPECT_TRUE(ParseKpiValue("ทอง", KpiUnit::kLevel, {"ทองแดง", "เงิน", "ทอง"}));
}

}  // namespace
}  // namespace khet
