#include "base/date.hpp"

#include <gtest/gtest.h>

namespace khet {
namespace {

TEST(Date, ParsesAndPrintsIso) {
    auto date = Date::FromIso("2021-11-10");
    ASSERT_TRUE(date);
    EXPECT_EQ(date->Year(), 2021);
    EXPECT_EQ(date->Month(), 11);
    EXPECT_EQ(date->Day(), 10);
    EXPECT_EQ(date->Iso(), "2021-11-10");
}

TEST(Date, RejectsImpossibleDays) {
    EXPECT_FALSE(Date::FromIso("2022-02-29"));
    EXPECT_TRUE(Date::FromIso("2024-02-29"));
    EXPECT_FALSE(Date::FromIso("2021-13-01"));
    EXPECT_FALSE(Date::FromIso("10/11/2021"));
    EXPECT_EQ(Date::FromIso("2021-1-01").error().code, ErrorCode::kInvalidArgument);
}

TEST(Date, OrdersByDay) { EXPECT_LT(*Date::FromIso("2021-09-30"), *Date::FromIso("2021-10-01")); }

}  // namespace
}  // namespace khet
