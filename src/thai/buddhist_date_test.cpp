#include "thai/buddhist_date.hpp"

#include <gtest/gtest.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

namespace khet {
namespace {

Date Ymd(int year, int month, int day) { return *Date::FromYmd(year, month, day); }

std::string IcuFormat(Date day, const char* pattern, const char* locale) {
    UErrorCode status = U_ZERO_ERROR;
    icu::SimpleDateFormat format(icu::UnicodeString(pattern), icu::Locale(locale), status);
    EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
    format.setTimeZone(*icu::TimeZone::getGMT());
    const auto days = static_cast<double>(day.Days().time_since_epoch().count());
    icu::UnicodeString out;
    format.format(days * U_MILLIS_PER_DAY, out);
    std::string utf8;
    return out.toUTF8String(utf8);
}

TEST(BuddhistDate, AddsFiveHundredFortyThreeYears) {
    EXPECT_EQ(BeYear(2021), 2564);
    EXPECT_EQ(CeYear(2564), 2021);
}

TEST(BuddhistDate, WritesTheMonthInFullOrAbbreviated) {
    const Date day = Ymd(2021, 11, 10);
    EXPECT_EQ(FormatThaiDate(day), "10 พฤศจิกายน 2564");
    EXPECT_EQ(FormatThaiDate(day, DateStyle::kLong), "10 พฤศจิกายน 2564");
    EXPECT_EQ(FormatThaiDate(day, DateStyle::kShort), "10 พ.ย. 2564");
    EXPECT_EQ(FormatThaiDate(Ymd(2022, 1, 1), DateStyle::kShort), "1 ม.ค. 2565");
}

TEST(BuddhistDate, WritesThaiDigitsOnRequest) {
    EXPECT_EQ(FormatThaiDate(Ymd(2021, 11, 10), DateStyle::kLong, true), "๑๐ พฤศจิกายน ๒๕๖๔");
    EXPECT_EQ(FormatThaiDate(Ymd(2021, 11, 10), DateStyle::kShort, true), "๑๐ พ.ย. ๒๕๖๔");
}

TEST(BuddhistDate, AgreesWithIcuBuddhistCalendarForEveryMonthAndStyle) {
    for (int month = 1; month <= 12; ++month) {
        const Date day = Ymd(2024, month, month + 15);
        EXPECT_EQ(FormatThaiDate(day, DateStyle::kLong),
                  IcuFormat(day, "d MMMM y", "th_TH@calendar=buddhist"));
        EXPECT_EQ(FormatThaiDate(day, DateStyle::kShort),
                  IcuFormat(day, "d MMM y", "th_TH@calendar=buddhist"));
        EXPECT_EQ(FormatThaiDate(day, DateStyle::kShort, true),
                  IcuFormat(day, "d MMM y", "th_TH@calendar=buddhist;numbers=thai"));
    }
}

TEST(BuddhistDate, ReadsEveryAcceptedForm) {
    const Date expected = Ymd(2021, 11, 10);
    for (std::string_view text :
         {"10/11/2564", "10 พฤศจิกายน 2564", "๑๐ พ.ย. ๒๕๖๔", "2021-11-10", "10 พ.ย. 2564",
          "๑๐/๑๑/๒๕๖๔", "10 พฤศจิกายน พ.ศ. 2564", "  10   พ.ย.  2564 "}) {
        auto date = ParseThaiDate(text);
        ASSERT_TRUE(date) << text << ": " << date.error().message;
        EXPECT_EQ(*date, expected) << text;
    }
    EXPECT_EQ(*ParseThaiDate("01/02/2563"), Ymd(2020, 2, 1));
    EXPECT_EQ(*ParseThaiDate("29 ก.พ. 2563"), Ymd(2020, 2, 29));
}

TEST(BuddhistDate, ReadsBackWhatItWrites) {
    for (int month = 1; month <= 12; ++month) {
        const Date day = Ymd(2023, month, 28);
        for (auto style : {DateStyle::kLong, DateStyle::kShort}) {
            for (bool thai_digits : {false, true}) {
                EXPECT_EQ(*ParseThaiDate(FormatThaiDate(day, style, thai_digits)), day);
            }
        }
    }
}

TEST(BuddhistDate, RejectsACeYearWhereABeYearBelongs) {
    auto date = ParseThaiDate("10/11/2021");
    ASSERT_FALSE(date);
    EXPECT_EQ(date.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(date.error().message.find("คริสต์ศักราช"), std::string::npos);
    EXPECT_NE(date.error().message.find("2564"), std::string::npos);
}

TEST(BuddhistDate, RejectsDaysThatDoNotExist) {
    auto date = ParseThaiDate("29/02/2564");
    ASSERT_FALSE(date);
    EXPECT_NE(date.error().message.find("29/02/2564"), std::string::npos);
    EXPECT_FALSE(ParseThaiDate("31 เม.ย. 2564"));
    EXPECT_FALSE(ParseThaiDate("0/11/2564"));
}

TEST(BuddhistDate, RejectsTextThatIsNotADate) {
    for (std::string_view text : {"", "10", "10/11", "10/11/64", "10-11-2564", "10 พย 2564",
                                  "10 November 2564", "10 พ.ย.", "พ.ย. 10 2564", "10/11/2564/1",
                                  "-1/11/2564", "10/+1/2564", "2021-11-1x", "10 พ.ย. 2564 เวลา"}) {
        auto date = ParseThaiDate(text);
        ASSERT_FALSE(date) << text;
        EXPECT_EQ(date.error().code, ErrorCode::kInvalidArgument) << text;
    }
}

}  // namespace
}  // namespace khet
