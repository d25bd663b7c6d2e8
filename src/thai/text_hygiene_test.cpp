#include "thai/text_hygiene.hpp"

#include <gtest/gtest.h>

#include <string>

namespace khet {
namespace {

std::string Clean(std::string_view text, TextShape shape = TextShape::kLine) {
    auto clean = CleanText(text, shape);
    EXPECT_TRUE(clean) << Describe(clean.error());
    return clean ? *clean : "<refused>";
}

std::string RefusalOf(std::string_view text, TextShape shape = TextShape::kLine) {
    auto clean = CleanText(text, shape);
    EXPECT_FALSE(clean) << "accepted: " << *clean;
    return clean ? "" : clean.error().message;
}

TEST(CleanText, KeepsCleanThaiAndEnglishAsTheyAre) {
    for (std::string_view text : {"พนมสารคาม", "โรงเรียนบ้านหนองบัว (ครูบา 2)", "น้ำ", "กิ่ง", "a = b",
                                  "ร้อยละ 91.97", "O-NET ม.3"}) {
        EXPECT_TRUE(IsCleanText(text)) << text;
        EXPECT_EQ(Clean(text), text);
    }
}

TEST(CleanText, TrimsSpacesAndInvisibleCharactersAtBothEnds) {
    EXPECT_EQ(Clean("  บางคล้า\t"), "บางคล้า");
    EXPECT_EQ(Clean("\u200Bบางคล้า\u00A0\uFEFF"), "บางคล้า");
    EXPECT_EQ(Clean("\u200Cก\u200D"), "ก");
    // Inside a text a zero-width space is a Thai word-break hint, and stays.
    EXPECT_EQ(Clean("ครู\u200Bดี"), "ครู\u200Bดี");
}

TEST(CleanText, AnInvisibleTextIsEmpty) {
    for (std::string_view text :
         {"\u200B\u200B", "\u00A0", "\uFEFF", "\u200C\u200D", " \u3000 ", "\u2800", "\u3164"}) {
        EXPECT_EQ(Clean(text), "") << text;
        EXPECT_TRUE(IsBlank(text)) << text;
    }
    EXPECT_FALSE(IsBlank("ก"));
    EXPECT_FALSE(IsBlank("\u200Bก"));
    EXPECT_FALSE(IsBlank("\xFF"));  // a broken byte is something, not nothing
}

TEST(CleanText, WritesThaiInItsNormalForm) {
    EXPECT_EQ(Clean("น\u0E49\u0E4D\u0E32"), "น้ำ");  // ํ + า typed for ำ
    EXPECT_EQ(Clean("น\u0E4D\u0E49\u0E32"), "น้ำ");  // with the tone mark in between
    EXPECT_EQ(Clean("\u0E40\u0E40ม่"), "แม่");        // เ + เ typed for แ
    EXPECT_EQ(Clean("ก\u0E48\u0E34ง"), "กิ่ง");       // the tone mark before the vowel
    EXPECT_EQ(Clean("ก\u0E48\u0E48า"), "ก่า");       // a tone mark typed twice
    EXPECT_FALSE(IsCleanText("น\u0E49\u0E4D\u0E32"));
    EXPECT_TRUE(IsCleanText("น้ำ"));
    // Found by the fuzz target: a vowel after two tone marks, each typed more than once.
    EXPECT_EQ(Clean("ช\u0E31\u0E31\u0E49\u0E48\u0E48\u0E31น"),
              "ช\u0E31\u0E48\u0E49น");                   // ties by code point
    EXPECT_EQ(Clean("น\u0E33\u0E49"), "น้ำ");             // the tone mark typed after ำ
    EXPECT_EQ(Clean("ก\u0E38\u0E3A"), "ก\u0E3A\u0E38");  // in the order NFC gives
}

// Found in review: marks were kept until the next consonant and each compared with the others,
// so a cell of a million marks took minutes.
TEST(CleanText, AThousandTimesTheSameMarkCostsNoMoreThanOnce) {
    std::string marks = "ก";
    for (int i = 0; i < 200'000; ++i) marks += "\u0E34\u0E48";
    EXPECT_EQ(Clean(marks), "ก\u0E34\u0E48");
    EXPECT_EQ(Clean("ก\u0E34\u0E31"), Clean("ก\u0E31\u0E34"));  // one form, whatever the order
}

TEST(CleanText, ComposesOtherScriptsToNfc) {
    EXPECT_EQ(Clean("Cafe\u0301"), "Caf\u00E9");
    // Found by the fuzz target: NFC moves a Lao tone mark past a Thai one, bringing two Thai
    // tone marks together, which Thai normal form then writes once.
    const std::string mixed = Clean("/@\u200B\u0E49\u0EC9\u0E49");
    EXPECT_TRUE(IsCleanText(mixed)) << mixed;
    EXPECT_EQ(mixed, "/@\u200B\u0E49\u0EC9");
    EXPECT_FALSE(IsCleanText("Cafe\u0301"));
    EXPECT_TRUE(IsCleanText("Caf\u00E9"));
}

TEST(CleanText, OneLineFieldsTakeASpaceForEveryTabAndLineBreak) {
    EXPECT_EQ(Clean("บาง\tคล้า"), "บาง คล้า");
    EXPECT_EQ(Clean("บาง\r\nคล้า"), "บาง คล้า");
    EXPECT_EQ(Clean("บาง\u2028คล้า"), "บาง คล้า");
    EXPECT_EQ(Clean("บาง\u0085คล้า"), "บาง คล้า");
    EXPECT_FALSE(IsCleanText("บาง\nคล้า"));
}

TEST(CleanText, TextOfManyLinesKeepsItsLineFeeds) {
    EXPECT_EQ(Clean("ข้อ 1\r\nข้อ 2\rข้อ 3\u2029ข้อ 4", TextShape::kLines), "ข้อ 1\nข้อ 2\nข้อ 3\nข้อ 4");
    EXPECT_TRUE(IsCleanText("ข้อ 1\nข้อ 2", TextShape::kLines));
    EXPECT_EQ(Clean("\nข้อ 1\n\n", TextShape::kLines), "ข้อ 1");
}

TEST(CleanText, RefusesNoncharactersNamingThemAndWhere) {
    const std::string refusal = RefusalOf("พนมสารคาม\uFFFF");
    EXPECT_NE(refusal.find("U+FFFF"), std::string::npos) << refusal;
    EXPECT_NE(refusal.find("ตัวอักษรที่ 10"), std::string::npos) << refusal;
    EXPECT_NE(RefusalOf("\uFFFE").find("U+FFFE"), std::string::npos);
    EXPECT_NE(RefusalOf("a\uFDD0").find("U+FDD0"), std::string::npos);
}

TEST(CleanText, RefusesControlCharactersAndDirectionOverrides) {
    EXPECT_NE(RefusalOf(std::string("a\0b", 3)).find("U+0000"), std::string::npos);
    EXPECT_NE(RefusalOf("a\x1B[31m").find("U+001B"), std::string::npos);
    EXPECT_NE(RefusalOf("abc\u202Edcb").find("U+202E"), std::string::npos);
    EXPECT_NE(RefusalOf("\x7F").find("U+007F"), std::string::npos);
}

TEST(CleanText, RefusesBytesThatAreNotUtf8) {
    const std::string refusal = RefusalOf("ab\xC3\x28");
    EXPECT_NE(refusal.find("0xC3"), std::string::npos) << refusal;
    EXPECT_NE(refusal.find("ตัวอักษรที่ 3"), std::string::npos) << refusal;
    // U+FFFD itself is a character like any other.
    EXPECT_EQ(Clean("a\uFFFDb"), "a\uFFFDb");
}

TEST(CleanText, WhatItGivesIsClean) {
    for (std::string_view text :
         {" ก\u0E48\u0E34ง ", "\u0E40\u0E40", "x\ty", "Cafe\u0301 ", "\u200B", "น\u0E4D\u0E32"}) {
        const std::string clean = Clean(text);
        EXPECT_TRUE(IsCleanText(clean)) << clean;
        EXPECT_EQ(Clean(clean), clean);
    }
}

TEST(PrintableText, KeepsCleanTextAndReplacesWhatNoDocumentCarries) {
    EXPECT_EQ(PrintableText("พนมสารคาม"), "พนมสารคาม");
    EXPECT_EQ(PrintableText("a\tb\r\nc"), "a\tb\r\nc");
    EXPECT_EQ(PrintableText("พนมสารคาม\uFFFF"), "พนมสารคาม\uFFFD");
    EXPECT_EQ(PrintableText(std::string("a\0b", 3)), "a\uFFFDb");
    EXPECT_EQ(PrintableText("a\xC3\x28"), "a\uFFFD(");
    EXPECT_EQ(PrintableText("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");  // a surrogate, byte by byte
    EXPECT_TRUE(IsPrintableText(PrintableText("x\x01\xFF\uFFFE")));
    EXPECT_FALSE(IsPrintableText("\x01"));
}

}  // namespace
}  // namespace khet
