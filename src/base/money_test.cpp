#include "base/money.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace khet {
namespace {

std::int64_t SatangOf(std::string_view text) {
    auto money = Money::Parse(text);
    EXPECT_TRUE(money) << text << ": " << (money ? "" : money.error().message);
    return money ? money->Satang() : -1;
}

TEST(Money, ParsesPlainGroupedAndNegativeAmounts) {
    EXPECT_EQ(SatangOf("12"), 1200);
    EXPECT_EQ(SatangOf("1,234.50"), 123450);
    EXPECT_EQ(SatangOf("1,234,567.5"), 123456750);
    EXPECT_EQ(SatangOf("-0.75"), -75);
    EXPECT_EQ(SatangOf("+3.01"), 301);
    EXPECT_EQ(SatangOf(" 0 "), 0);
    EXPECT_EQ(SatangOf("-0"), 0);
}

TEST(Money, RoundsExtraDecimalsToTheSatangHalfAwayFromZero) {
    EXPECT_EQ(SatangOf("31000000.309999999"), 3100000031);
    EXPECT_EQ(SatangOf("0.005"), 1);
    EXPECT_EQ(SatangOf("0.0049999"), 0);
    EXPECT_EQ(SatangOf("-0.005"), -1);
    EXPECT_EQ(SatangOf("-0.0749"), -7);
    EXPECT_EQ(SatangOf("0.995"), 100);
    EXPECT_EQ(SatangOf("1.998"), 200);
}

TEST(Money, RejectsTextThatIsNotAnAmount) {
    for (std::string_view text : {"", " ", "-", "abc", "1.2.3", "12.", ".5", "1,23", "12,3456",
                                  ",123", "1 234", "1e5", "฿100", "--1", "1.-5", "๑๒"}) {
        auto money = Money::Parse(text);
        ASSERT_FALSE(money) << text;
        EXPECT_EQ(money.error().code, ErrorCode::kInvalidArgument);
        EXPECT_NE(money.error().message.find("จำนวนเงิน"), std::string::npos);
    }
}

TEST(Money, RejectsAmountsBeyondTheSatangRange) {
    EXPECT_EQ(SatangOf("92233720368547758.07"), INT64_MAX);
    EXPECT_FALSE(Money::Parse("92233720368547758.08"));
    EXPECT_FALSE(Money::Parse("92233720368547758.075"));
    EXPECT_FALSE(Money::Parse("100000000000000000"));
}

TEST(Money, AddsSubtractsAndCompares) {
    const Money a = Money::FromSatang(150);
    const Money b = Money::FromSatang(-25);
    EXPECT_EQ((a + b).Satang(), 125);
    EXPECT_EQ((a - b).Satang(), 175);
    EXPECT_EQ((-a).Satang(), -150);
    Money total;
    total += a;
    total -= b;
    EXPECT_EQ(total, Money::FromSatang(175));
    EXPECT_LT(b, a);
    EXPECT_EQ(Money(), Money::FromSatang(0));
    EXPECT_EQ(*Money::Parse("1.5"), Money::FromSatang(150));
}

TEST(MoneyDeathTest, StopsOnOverflowBecauseItIsABug) {
    EXPECT_DEATH(Money::FromSatang(INT64_MAX) + Money::FromSatang(1), "Money overflow");
}

TEST(Money, SumsAmountsUsersEnterWithoutEverWrapping) {
    const std::vector<Money> amounts = {*Money::Parse("1,250.50"), *Money::Parse("-0.50")};
    EXPECT_EQ(Money::Sum(amounts)->Satang(), 125000);
    const std::vector<Money> huge = {Money::FromSatang(INT64_MAX - 1), Money::FromSatang(2)};
    auto over = Money::Sum(huge);
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(Money::Sum({})->Satang(), 0);
}

}  // namespace
}  // namespace khet
