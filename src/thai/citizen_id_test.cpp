#include "thai/citizen_id.hpp"

#include <gtest/gtest.h>

namespace khet {
namespace {

TEST(CitizenId, KeepsThirteenDigitsWithARightCheckDigit) {
    EXPECT_EQ(NormalizeCitizenId("1103702071811"), "1103702071811");
    EXPECT_EQ(NormalizeCitizenId("1234567890121"), "1234567890121");
}

TEST(CitizenId, StripsDashesAndSpacesAndReadsThaiDigits) {
    EXPECT_EQ(NormalizeCitizenId("1-1037-02071-81-1"), "1103702071811");
    EXPECT_EQ(NormalizeCitizenId(" 1 1037 02071 81 1 "), "1103702071811");
    EXPECT_EQ(NormalizeCitizenId("๑-๑๐๓๗-๐๒๐๗๑-๘๑-๑"), "1103702071811");
}

TEST(CitizenId, HandlesTheSumsWhoseCheckWrapsAround) {
    // sum % 11 == 1 gives (11 - 1) % 10 == 0; sum % 11 == 0 gives (11 - 0) % 10 == 1.
    EXPECT_EQ(NormalizeCitizenId("3-1006-00123-45-0"), "3100600123450");
    EXPECT_EQ(NormalizeCitizenId("0000000000001"), "0000000000001");
}

TEST(CitizenId, SaysWhichCheckDigitWasExpected) {
    auto id = NormalizeCitizenId("1-1037-02071-81-2");
    ASSERT_FALSE(id);
    EXPECT_EQ(id.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(id.error().message.find("ควรเป็น 1 แต่เป็น 2"), std::string::npos) << id.error().message;
}

TEST(CitizenId, SaysHowManyDigitsThereWere) {
    for (std::string_view text : {"110370207181", "11037020718111", "", "- -"}) {
        auto id = NormalizeCitizenId(text);
        ASSERT_FALSE(id) << text;
        EXPECT_NE(id.error().message.find("ต้องมี 13 หลัก"), std::string::npos) << text;
    }
    EXPECT_NE(NormalizeCitizenId("110370207181").error().message.find("มี 12 หลัก"),
              std::string::npos);
}

TEST(CitizenId, NamesTheCharacterThatIsNotADigit) {
    auto id = NormalizeCitizenId("1103702O71811");
    ASSERT_FALSE(id);
    EXPECT_NE(id.error().message.find("\"O\""), std::string::npos) << id.error().message;
    auto thai = NormalizeCitizenId("11037020718ก1");
    ASSERT_FALSE(thai);
    EXPECT_NE(thai.error().message.find("\"ก\""), std::string::npos) << thai.error().message;
    EXPECT_FALSE(NormalizeCitizenId("1103702071811.0"));
    EXPECT_FALSE(NormalizeCitizenId("1103702071811\xE0"));  // a cut-off UTF-8 character
}

}  // namespace
}  // namespace khet
