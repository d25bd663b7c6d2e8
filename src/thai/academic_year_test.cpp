#include "thai/academic_year.hpp"

#include <gtest/gtest.h>

namespace khet {
namespace {

Date Iso(std::string_view text) { return *Date::FromIso(text); }

TEST(AcademicYear, StartsOnTheSixteenthOfMay) {
    EXPECT_EQ(AcademicYear::Containing(Iso("2021-05-16")).BeYear(), 2564);
    EXPECT_EQ(AcademicYear::Containing(Iso("2021-05-15")).BeYear(), 2563);
    EXPECT_EQ(AcademicYear::Containing(Iso("2021-04-30")).BeYear(), 2563);
    EXPECT_EQ(AcademicYear::Containing(Iso("2021-06-10")).BeYear(), 2564);
    EXPECT_EQ(AcademicYear::Containing(Iso("2021-11-10")).BeYear(), 2564);
    EXPECT_EQ(AcademicYear::Containing(Iso("2022-03-31")).BeYear(), 2564);
    EXPECT_EQ(AcademicYear::Containing(Iso("2022-05-15")).BeYear(), 2564);
}

TEST(AcademicYear, KnowsItsFirstAndLastDay) {
    const auto year = *AcademicYear::FromBe(2564);
    EXPECT_EQ(year.First(), Iso("2021-05-16"));
    EXPECT_EQ(year.Last(), Iso("2022-05-15"));
    EXPECT_EQ(AcademicYear::Containing(year.First()), year);
    EXPECT_EQ(AcademicYear::Containing(year.Last()), year);
    EXPECT_EQ(year.Label(), "2564");
}

TEST(AcademicYear, RejectsYearsOutsideTheBeRange) {
    EXPECT_TRUE(AcademicYear::FromBe(2500));
    EXPECT_TRUE(AcademicYear::FromBe(2700));
    for (int be_year : {2499, 2701, 2021}) {
        auto year = AcademicYear::FromBe(be_year);
        ASSERT_FALSE(year) << be_year;
        EXPECT_EQ(year.error().code, ErrorCode::kInvalidArgument);
        EXPECT_NE(year.error().message.find("ปีการศึกษา"), std::string::npos);
    }
}

TEST(AcademicYear, OrdersByYear) {
    EXPECT_LT(*AcademicYear::FromBe(2563), *AcademicYear::FromBe(2564));
    EXPECT_EQ(*AcademicYear::FromBe(2564), AcademicYear::Containing(Iso("2021-11-10")));
}

}  // namespace
}  // namespace khet
