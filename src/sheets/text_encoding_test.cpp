#include "sheets/text_encoding.hpp"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <string>

namespace khet::sheets {
namespace {

TEST(DecodeText, LeavesUtf8AsItIsWithoutCopying) {
    const std::string bytes = "a,b\n";
    auto text = DecodeText(bytes, "x.csv");
    ASSERT_TRUE(text);
    EXPECT_FALSE(text->is_converted);
    EXPECT_EQ(text->View().data(), bytes.data());
    EXPECT_EQ(text->note, "");
}

TEST(DecodeText, StripsTheUtf8Bom) {
    auto text = DecodeText("\xEF\xBB\xBFชาย,หญิง", "x.csv");
    ASSERT_TRUE(text);
    EXPECT_EQ(text->View(), "ชาย,หญิง");
    EXPECT_EQ(text->note, "");
}

TEST(DecodeText, ConvertsUtf16LittleAndBigEndian) {
    // "ชาย\tA" with a BOM: ช U+0E0A, า U+0E32, ย U+0E22, an emoji as a surrogate pair.
    const std::string little(
        "\xFF\xFE\x0A\x0E\x32\x0E\x22\x0E\t\x00"
        "A\x00\x3D\xD8\x00\xDE",
        16);
    const std::string big(
        "\xFE\xFF\x0E\x0A\x0E\x32\x0E\x22\x00\t\x00"
        "A\xD8\x3D\xDE\x00",
        16);
    for (const auto& bytes : {little, big}) {
        auto text = DecodeText(bytes, "x.txt");
        ASSERT_TRUE(text);
        EXPECT_EQ(text->View(), "ชาย\tA\xF0\x9F\x98\x80");
        EXPECT_EQ(text->note, "");
    }
}

TEST(DecodeText, RejectsUtf16CutInHalfACharacter) {
    auto text = DecodeText(std::string("\xFF\xFE"
                                       "a\x00\n\x00"
                                       "b\x00\x3D\xD8",
                                       10),
                           "x.txt");
    ASSERT_FALSE(text);
    EXPECT_EQ(text.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(text.error().fields.at(0).row, 2);
    EXPECT_EQ(text.error().fields.at(0).field, "x.txt:row 2");
}

TEST(DecodeText, ConvertsWindows874WhenTheBytesAreNotUtf8) {
    auto text = DecodeText("sex\r\n\xAA\xD2\xC2\r\n\xCB\xAD\xD4\xA7\r\n", "census.csv");
    ASSERT_TRUE(text);
    EXPECT_EQ(text->View(), "sex\r\nชาย\r\nหญิง\r\n");
    EXPECT_EQ(text->note, "แปลงจาก Windows-874 (TIS-620) เป็น UTF-8");
}

TEST(DecodeText, ConvertsEveryDefinedWindows874ByteAsIcuDoes) {
    std::string bytes = "\xAA";  // not UTF-8 on its own, so the whole text is Windows-874
    for (int byte = 1; byte < 256; ++byte) {
        const bool undefined =
            (byte >= 0x81 && byte <= 0x9F && byte != 0x85 && (byte < 0x91 || byte > 0x97)) ||
            (byte >= 0xDB && byte <= 0xDE) || byte >= 0xFC;
        if (!undefined) bytes += static_cast<char>(byte);
    }
    auto text = DecodeText(bytes, "x.csv");
    ASSERT_TRUE(text) << Describe(text.error());

    UErrorCode status = U_ZERO_ERROR;
    UConverter* converter = ucnv_open("windows-874", &status);
    std::u16string units(bytes.size(), u'\0');
    units.resize(static_cast<std::size_t>(
        ucnv_toUChars(converter, units.data(), static_cast<int32_t>(units.size()), bytes.data(),
                      static_cast<int32_t>(bytes.size()), &status)));
    ucnv_close(converter);
    ASSERT_TRUE(U_SUCCESS(status));
    std::string expected;
    icu::UnicodeString(units.data(), static_cast<int32_t>(units.size())).toUTF8String(expected);
    EXPECT_EQ(text->View(), expected);
}

TEST(DecodeText, NamesTheRowOfAByteThatIsNeitherUtf8NorWindows874) {
    // 0xDB is unassigned in Windows-874.
    auto text = DecodeText("a\n\xAA\xD2\xC2\nok\xDB\n", "census.csv");
    ASSERT_FALSE(text);
    EXPECT_EQ(text.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(text.error().fields.size(), 1u);
    EXPECT_EQ(text.error().fields[0].row, 3);
    EXPECT_EQ(text.error().fields[0].field, "census.csv:row 3");
    EXPECT_NE(text.error().fields[0].message.find("0xDB"), std::string::npos);
    EXPECT_NE(text.error().message.find("census.csv"), std::string::npos);

    for (const char undefined : {'\x81', '\x8F', '\x90', '\x98', '\x9F', '\xDE', '\xFC', '\xFF'}) {
        EXPECT_FALSE(DecodeText(std::string("\xAA\xD2\xC2") + undefined, "x.csv")) << +undefined;
    }
    EXPECT_TRUE(DecodeText("\x80\x85\x91\x97\xA0\xA1\xDA\xDF\xFB", "x.csv"));  // all defined
}

TEST(DecodeText, RejectsBrokenUtf8AfterABom) {
    auto text = DecodeText(
        "\xEF\xBB\xBF"
        "a\nb\xAA\n",
        "x.csv");
    ASSERT_FALSE(text);
    EXPECT_EQ(text.error().fields.at(0).row, 2);
}

TEST(DecodeText, RejectsBinaryFiles) {
    auto text = DecodeText(std::string("a,b\nc\0d\n", 8), "photo.csv");
    ASSERT_FALSE(text);
    EXPECT_EQ(text.error().fields.at(0).row, 2);
}

}  // namespace
}  // namespace khet::sheets
