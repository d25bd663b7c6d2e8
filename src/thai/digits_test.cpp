#include "thai/digits.hpp"

#include <gtest/gtest.h>

namespace khet {
namespace {

TEST(Digits, WritesEveryArabicDigitInThai) {
    EXPECT_EQ(ToThaiDigits("0123456789"), "๐๑๒๓๔๕๖๗๘๙");
    EXPECT_EQ(ToThaiDigits("10 พ.ย. 2564"), "๑๐ พ.ย. ๒๕๖๔");
    EXPECT_EQ(ToThaiDigits("1,234.50 บาท"), "๑,๒๓๔.๕๐ บาท");
    EXPECT_EQ(ToThaiDigits(""), "");
}

TEST(Digits, ReadsEveryThaiDigitAsArabic) {
    EXPECT_EQ(ToArabicDigits("๐๑๒๓๔๕๖๗๘๙"), "0123456789");
    EXPECT_EQ(ToArabicDigits("๑๐ พ.ย. ๒๕๖๔"), "10 พ.ย. 2564");
    EXPECT_EQ(ToArabicDigits("mixed ๑2๓"), "mixed 123");
}

TEST(Digits, LeavesOtherThaiCharactersAndBrokenBytesAlone) {
    // ๚ (U+0E5A) and ๛ (U+0E5B) share the digits' first two bytes but are not digits.
    EXPECT_EQ(ToArabicDigits("๚๛ฯ"), "๚๛ฯ");
    EXPECT_EQ(ToArabicDigits("\xE0\xB9"), "\xE0\xB9");
    EXPECT_EQ(ToArabicDigits(ToThaiDigits("ปี 2564 ข้อ 3.1")), "ปี 2564 ข้อ 3.1");
}

}  // namespace
}  // namespace khet
