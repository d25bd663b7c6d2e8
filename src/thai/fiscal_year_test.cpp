#include "thai/fiscal_year.hpp"

#include <gtest/gtest.h>

namespace khet {
namespace {

Date Iso(std::string_view text) { return *Date::FromIso(text); }

TEST(FiscalYear, StartsOnTheFirstOfOctoberOfThePreviousYear) {
    EXPECT_EQ(FiscalYear::Containing(Iso("2021-10-01")).BeYear(), 2565);
    EXPECT_EQ(FiscalYear::Containing(Iso("2021-09-30")).BeYear(), 2564);
    EXPECT_EQ(FiscalYear::Containing(Iso("2022-09-30")).BeYear(), 2565);
    EXPECT_EQ(FiscalYear::Containing(Iso("2022-01-15")).BeYear(), 2565);
    EXPECT_EQ(FiscalYear::Containing(Iso("2021-12-31")).BeYear(), 2565);
}

TEST(FiscalYear, KnowsItsFirstAndLastDay) {
    const auto year = *FiscalYear::FromBe(2565);
    EXPECT_EQ(year.First(), Iso("2021-10-01"));
    EXPECT_EQ(year.Last(), Iso("2022-09-30"));
    EXPECT_EQ(FiscalYear::Containing(year.First()), year);
    EXPECT_EQ(FiscalYear::Containing(year.Last()), year);
}

TEST(FiscalYear, IsLabelledByItsBeYear) { EXPECT_EQ(FiscalYear::FromBe(2565)->Label(), "2565"); }

TEST(FiscalYear, RejectsYearsOutsideTheBeRange) {
    EXPECT_TRUE(FiscalYear::FromBe(2500));
    EXPECT_TRUE(FiscalYear::FromBe(2700));
    for (int be_year : {2499, 2701, 2021, 65, 0, -2565}) {
        auto year = FiscalYear::FromBe(be_year);
        ASSERT_FALSE(year) << be_year;
        EXPECT_EQ(year.error().code, ErrorCode::kInvalidArgument);
        EXPECT_NE(year.error().message.find("ปีงบประมาณ"), std::string::npos);
    }
}

TEST(FiscalYear, OrdersByYear) {
    const auto y2564 = *FiscalYear::FromBe(2564);
    const auto y2565 = *FiscalYear::FromBe(2565);
    EXPECT_LT(y2564, y2565);
    EXPECT_NE(y2564, y2565);
    EXPECT_EQ(y2565, FiscalYear::Containing(Iso("2022-03-01")));
}

}  // namespace
}  // namespace khet
