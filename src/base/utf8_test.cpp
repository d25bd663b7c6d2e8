#include "base/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace khet {
namespace {

TEST(FindInvalidUtf8, AcceptsAsciiAndThai) {
    const std::string text = "school_code,ชื่อโรงเรียน,ป.1\r\n1024070046,บ้านหนองบัว,12\n";
    EXPECT_EQ(FindInvalidUtf8(text), text.size());
    EXPECT_EQ(FindInvalidUtf8(""), 0u);
    EXPECT_EQ(FindInvalidUtf8("\xF0\x9F\x98\x80"), 4u);  // an emoji, four bytes
}

TEST(FindInvalidUtf8, PointsAtOverlongsSurrogatesAndCutSequences) {
    EXPECT_EQ(FindInvalidUtf8("ab\xC0\x80"), 2u);            // overlong NUL
    EXPECT_EQ(FindInvalidUtf8("abc\xED\xA0\x80"), 3u);       // a UTF-16 surrogate
    EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);      // past U+10FFFF
    EXPECT_EQ(FindInvalidUtf8("ชาย\xE0\xB8"), 9u);           // cut at the end
    EXPECT_EQ(FindInvalidUtf8("12345678\xAA\xD2\xC2"), 8u);  // TIS-620 after a fast-path word
}

TEST(DecodeUtf8, ReadsEachCodePointAndMovesPastIt) {
    const std::string text = "aก\xF0\x9F\x98\x80";
    std::size_t at = 0;
    EXPECT_EQ(DecodeUtf8(text, at), U'a');
    EXPECT_EQ(at, 1u);
    EXPECT_EQ(DecodeUtf8(text, at), U'ก');
    EXPECT_EQ(at, 4u);
    EXPECT_EQ(DecodeUtf8(text, at), char32_t{0x1F600});
    EXPECT_EQ(at, text.size());
}

TEST(DecodeUtf8, GivesOneReplacementPerMaximalIllFormedPart) {
    // A cut three-byte sequence is one U+FFFD; a stray continuation byte is another.
    const std::string text =
        "\xE0\xB8"
        "a\x80";
    std::size_t at = 0;
    EXPECT_EQ(DecodeUtf8(text, at), kReplacementCharacter);
    EXPECT_EQ(at, 2u);
    EXPECT_EQ(DecodeUtf8(text, at), U'a');
    EXPECT_EQ(DecodeUtf8(text, at), kReplacementCharacter);
    EXPECT_EQ(at, text.size());
}

TEST(WriteUtf8, RoundTripsEveryLength) {
    for (char32_t c : {U'a', U'\u00E9', U'ก', char32_t{0x1F600}}) {
        std::string out;
        AppendUtf8(c, out);
        std::size_t at = 0;
        EXPECT_EQ(DecodeUtf8(out, at), c);
        EXPECT_EQ(at, out.size());
    }
}

TEST(IsNoncharacter, KnowsTheEndsOfEveryPlaneAndTheArabicBlock) {
    EXPECT_TRUE(IsNoncharacter(0xFFFF));
    EXPECT_TRUE(IsNoncharacter(0xFFFE));
    EXPECT_TRUE(IsNoncharacter(0x1FFFE));
    EXPECT_TRUE(IsNoncharacter(0x10FFFF));
    EXPECT_TRUE(IsNoncharacter(0xFDD0));
    EXPECT_FALSE(IsNoncharacter(0xFFFD));
    EXPECT_FALSE(IsNoncharacter(U'ก'));
}

}  // namespace
}  // namespace khet
