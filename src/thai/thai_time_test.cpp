#include "thai/thai_time.hpp"

#include <gtest/gtest.h>

namespace khet {
namespace {

TEST(ThaiTime, WritesUtcAsThaiTimeInTheBuddhistEra) {
    const auto when = ParseUtcIso("2026-11-23T03:42:05Z");
    ASSERT_TRUE(when);
    EXPECT_EQ(FormatThaiDateTime(*when, DateStyle::kShort), "23 พ.ย. 2569 10:42 น.");
    EXPECT_EQ(FormatThaiDateTime(*when), "23 พฤศจิกายน 2569 เวลา 10:42 น.");
    // 17:30 UTC is already the next day in Thailand.
    EXPECT_EQ(FormatThaiDateTime(*ParseUtcIso("2026-12-31T17:30:00Z"), DateStyle::kShort),
              "1 ม.ค. 2570 00:30 น.");
}

TEST(ThaiTime, RoundTripsTheStoredTextAndGivesTheThaiOffset) {
    const auto when = ParseUtcIso("2026-11-23T03:42:05Z");
    ASSERT_TRUE(when);
    EXPECT_EQ(UtcIso(*when), "2026-11-23T03:42:05Z");
    EXPECT_EQ(ThaiIsoFromUtc("2026-11-23T20:00:00Z"), "2026-11-24T03:00:00+07:00");
    EXPECT_EQ(ThaiIsoFromUtc(""), "");
    EXPECT_FALSE(ParseUtcIso("2026-11-23 03:42:05"));
    EXPECT_FALSE(ParseUtcIso("2026-02-30T00:00:00Z"));
}

TEST(ThaiTime, ThaiMidnightIsSevenHoursBeforeUtcMidnight) {
    EXPECT_EQ(UtcIsoOfThaiMidnight(*Date::FromIso("2026-11-01")), "2026-10-31T17:00:00Z");
}

}  // namespace
}  // namespace khet
