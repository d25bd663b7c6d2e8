#include "domain/size_scheme.hpp"

#include <gtest/gtest.h>

#include "domain/document.hpp"

namespace khet {
namespace {

TEST(SizeScheme, PutsBoundaryStudentCountsInTheLowerGroup) {
    const auto scheme = SizeScheme::Seed003();
    EXPECT_EQ(scheme.BandIndexOf(120), 0);
    EXPECT_EQ(scheme.BandIndexOf(121), 1);
    EXPECT_EQ(scheme.BandIndexOf(1500), 2);
    EXPECT_EQ(scheme.BandIndexOf(1501), 3);
    EXPECT_EQ(scheme.BandIndexOf(0), std::nullopt);
}

TEST(SizeScheme, SeedZeroSmallSchoolGroupsStopAt120) {
    const auto small = SizeScheme::Seed000Small();
    EXPECT_EQ(small.LabelOf(50), "ไม่เกิน 50 คน");
    EXPECT_EQ(small.LabelOf(51), "51–60 คน");
    EXPECT_EQ(small.BandIndexOf(121), std::nullopt);
    EXPECT_EQ(SizeScheme::Seed000().BandIndexOf(501), 2);
    EXPECT_EQ(SizeScheme::Obec7().Bands().size(), 7u);
    EXPECT_EQ(SizeScheme::Obec7().BandIndexOf(2500), 6);
}

TEST(SizeScheme, RefusesOverlappingOrGappedBands) {
    EXPECT_FALSE(SizeScheme::Make("x", "x", {{"a", 1, 100}, {"b", 100, 200}}));
    EXPECT_FALSE(SizeScheme::Make("x", "x", {{"a", 1, 100}, {"b", 102, 200}}));
    EXPECT_FALSE(SizeScheme::Make("x", "x", {{"a", 1, std::nullopt}, {"b", 2, 3}}));
    EXPECT_FALSE(SizeScheme::Make("x", "x", {}));
    EXPECT_TRUE(SizeScheme::Make("x", "x", {{"a", 1, 100}, {"b", 101, std::nullopt}}));
}

TEST(Ratio, IsStudentsPerTeacherWrittenWithTwoDecimals) {
    EXPECT_EQ(Cell::Ratio(*StudentsPer(691, 40)).text, "1:17.28");
    EXPECT_EQ(Cell::Ratio(*StudentsPer(691, 64)).text, "1:10.80");
    EXPECT_EQ(Cell::Ratio(*StudentsPer(27853, 1449)).text, "1:19.22");
    EXPECT_FALSE(StudentsPer(10, 0));
}

TEST(Document, FormatsNumbersAsThaiOfficesPrintThem) {
    EXPECT_EQ(FormatInteger(27853), "27,853");
    EXPECT_EQ(FormatInteger(-1505), "-1,505");
    EXPECT_EQ(FormatInteger(0), "0");
    EXPECT_EQ(FormatDecimal(1234.567), "1,234.57");
    EXPECT_EQ(FormatDecimal(27.586), "27.59");
}

}  // namespace
}  // namespace khet
