#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sheets/sheet.hpp"
#include "tests/support/temp_dir.hpp"

namespace khet::sheets {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

using Cells = std::vector<std::string>;

Sheet ReadOk(std::string_view bytes) {
    auto sheet = ReadCsv(bytes, "census.csv");
    EXPECT_TRUE(sheet) << (sheet ? "" : Describe(sheet.error()));
    return sheet ? *std::move(sheet) : Sheet{};
}

std::vector<int> Numbers(const Sheet& sheet) {
    std::vector<int> numbers;
    for (const auto& row : sheet.rows) numbers.push_back(row.number);
    return numbers;
}

/// `text` as Thai Excel's plain "CSV" saves it.
std::string Windows874(const std::string& text) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* converter = ucnv_open("windows-874", &status);
    const auto unicode = icu::UnicodeString::fromUTF8(text);
    std::string bytes(static_cast<std::size_t>(unicode.length()) * 2 + 1, '\0');
    const auto length = ucnv_fromUChars(converter, bytes.data(), static_cast<int32_t>(bytes.size()),
                                        unicode.getBuffer(), unicode.length(), &status);
    ucnv_close(converter);
    EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
    bytes.resize(static_cast<std::size_t>(length));
    return bytes;
}

TEST(ReadCsv, ReadsRowsWithTheirNumbersInTheFile) {
    const auto sheet = ReadOk("school_code,grade,male,female\n1024070046,ป.1,12,9\n");
    EXPECT_EQ(sheet.source, "census.csv");
    EXPECT_EQ(sheet.encoding_note, "");
    ASSERT_EQ(sheet.rows.size(), 2u);
    EXPECT_THAT(sheet.rows[0].cells, ElementsAre("school_code", "grade", "male", "female"));
    EXPECT_THAT(sheet.rows[1].cells, ElementsAre("1024070046", "ป.1", "12", "9"));
    EXPECT_THAT(Numbers(sheet), ElementsAre(1, 2));
}

TEST(ReadCsv, StripsTheByteOrderMark) {
    const auto sheet = ReadOk("\xEF\xBB\xBFรหัส,ชื่อ\r\n1,ก\r\n");
    EXPECT_EQ(sheet.rows.at(0).cells.at(0), "รหัส");
    EXPECT_EQ(sheet.encoding_note, "");
}

TEST(ReadCsv, ConvertsUnicodeTextFromExcel) {
    // Excel's "Unicode text": UTF-16LE with a BOM, tab-delimited, CRLF.
    const std::u16string text = u"ชั้น\tชาย\r\nป.1\t12\r\n";
    std::string bytes = "\xFF\xFE";
    for (const char16_t unit : text) {
        bytes += static_cast<char>(unit & 0xFF);
        bytes += static_cast<char>(unit >> 8);
    }
    const auto sheet = ReadOk(bytes);
    ASSERT_EQ(sheet.rows.size(), 2u);
    EXPECT_THAT(sheet.rows[0].cells, ElementsAre("ชั้น", "ชาย"));
    EXPECT_THAT(sheet.rows[1].cells, ElementsAre("ป.1", "12"));
}

TEST(ReadCsv, ConvertsWindows874AndSaysSo) {
    const auto sheet = ReadOk("sex,count\n\xAA\xD2\xC2,12\n");  // ชาย in Windows-874
    EXPECT_THAT(sheet.rows.at(1).cells, ElementsAre("ชาย", "12"));
    EXPECT_EQ(sheet.encoding_note, "แปลงจาก Windows-874 (TIS-620) เป็น UTF-8");

    const auto line = ReadOk(Windows874("โรงเรียนบ้านหนองบัว,ป.1,หญิง\r\n"));
    EXPECT_THAT(line.rows.at(0).cells, ElementsAre("โรงเรียนบ้านหนองบัว", "ป.1", "หญิง"));
}

TEST(ReadCsv, TakesTabAsTheDelimiterWhenTheFirstLineHasMoreTabsThanCommas) {
    const auto sheet = ReadOk("code\tname\tlevels\n1\tวัดภาชี \"สุนทรอุปถัมภ์\"\tอนุบาล, ประถม\n");
    ASSERT_EQ(sheet.rows.size(), 2u);
    EXPECT_THAT(sheet.rows[1].cells, ElementsAre("1", "วัดภาชี \"สุนทรอุปถัมภ์\"", "อนุบาล, ประถม"));
}

TEST(ReadCsv, ReadsQuotedCellsWithDelimitersEscapedQuotesAndLineBreaks) {
    const auto sheet = ReadOk(
        "name,note\r\n"
        "\"บ้านบึง \"\"อุตสาหกรรม\"\"\",\"a,b\"\r\n"
        "\"two\r\nlines\",\"\"\r\n"
        "last,\"x\"\r\n");
    ASSERT_EQ(sheet.rows.size(), 4u);
    EXPECT_THAT(sheet.rows[1].cells, ElementsAre("บ้านบึง \"อุตสาหกรรม\"", "a,b"));
    EXPECT_THAT(sheet.rows[2].cells, ElementsAre("two lines", ""));  // a cell is one line
    EXPECT_THAT(sheet.rows[3].cells, ElementsAre("last", "x"));
    EXPECT_THAT(Numbers(sheet), ElementsAre(1, 2, 3, 4));  // rows as Excel numbers them
}

TEST(ReadCsv, SkipsEmptyRowsButKeepsTheNumbersOfTheOthers) {
    const auto sheet = ReadOk("a,b\r\n\r\n,,\r\n1,2\r\n\r\n\r\n   \r\n");
    EXPECT_THAT(Numbers(sheet), ElementsAre(1, 4));
    EXPECT_THAT(sheet.rows[1].cells, ElementsAre("1", "2"));
}

TEST(ReadCsv, TrimsSpacesAroundCellsQuotedOrNot) {
    const auto sheet = ReadOk(
        "  a , \"  b \" ,\xC2\xA0"
        "c\xC2\xA0\n");
    EXPECT_THAT(sheet.rows.at(0).cells, ElementsAre("a", "b", "c"));
}

TEST(ReadCsv, RefusesControlCharactersAndNoncharactersAtTheirRowAndColumn) {
    auto sheet = ReadCsv("code,name\n1024070046,\"บ้าน\x01ดอน\"\n", "schools.csv");
    ASSERT_FALSE(sheet);
    EXPECT_EQ(sheet.error().fields.at(0).field, "schools.csv:row 2:name");
    EXPECT_THAT(sheet.error().fields.at(0).message, HasSubstr("U+0001"));
    auto nonchar = ReadCsv("code,name\n1,ก\uFFFF\n", "schools.csv");
    ASSERT_FALSE(nonchar);
    EXPECT_THAT(nonchar.error().fields.at(0).message, HasSubstr("U+FFFF"));
    // A cell of the header row is named by its letter.
    auto header = ReadCsv("code,\x1B[2J\n1,2\n", "schools.csv");
    ASSERT_FALSE(header);
    EXPECT_EQ(header.error().fields.at(0).field, "schools.csv:row 1:คอลัมน์ B");
}

TEST(ReadCsv, StopsAtTheCellLimitAndTheDeadline) {
    auto many = ReadCsv("a,b\n1,2\n3,4\n", "x.csv", {.max_cells = 5});
    ASSERT_FALSE(many);
    EXPECT_EQ(many.error().fields.at(0).row, 3);
    EXPECT_THAT(many.error().message, HasSubstr("มีข้อมูลเกิน 5 ช่อง"));
    std::string rows = "a,b\n";
    for (int i = 0; i < 5000; ++i) rows += "1,2\n";
    auto late = ReadCsv(rows, "x.csv", {.deadline = Deadline::In(std::chrono::seconds(-1))});
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, ErrorCode::kInvalidArgument);
}

TEST(ReadCsv, AFileOfLineEndsAloneReservesNothingToSpeakOf) {
    // 64 MB of "\n" once reserved a row for each: 2 GB before the first was read.
    auto sheet = ReadCsv(std::string(64 * 1024 * 1024, '\n'), "x.csv", {.max_cells = 1000});
    ASSERT_FALSE(sheet);
    EXPECT_THAT(sheet.error().message, HasSubstr("มีข้อมูลเกิน 1,000 ช่อง"));
    // Nor does a line of nothing but commas: its cells are counted as they come.
    auto commas = ReadCsv("a\n" + std::string(10'000, ','), "x.csv", {.max_cells = 1000});
    ASSERT_FALSE(commas);
    EXPECT_EQ(commas.error().fields.at(0).row, 2);
}

TEST(ReadCsv, StoresThaiInItsNormalForm) {
    const auto sheet = ReadOk("name\nน\u0E49\u0E4D\u0E32\u200B\n");
    EXPECT_THAT(sheet.rows.at(1).cells, ElementsAre("น้ำ"));
}

TEST(ReadCsv, KeepsEmptyCellsBetweenAndAfterDelimiters) {
    const auto sheet = ReadOk("a,,c,\n1,2");
    EXPECT_THAT(sheet.rows.at(0).cells, ElementsAre("a", "", "c", ""));
    EXPECT_THAT(sheet.rows.at(1).cells, ElementsAre("1", "2"));
}

TEST(ReadCsv, AcceptsOldMacLineEnds) {
    const auto sheet = ReadOk("a,b\r1,2\r");
    EXPECT_THAT(Numbers(sheet), ElementsAre(1, 2));
}

TEST(ReadCsv, KeepsTextAfterAClosingQuoteAsExcelDoes) {
    const auto sheet = ReadOk("\"ab\"cd,e\n");
    EXPECT_THAT(sheet.rows.at(0).cells, ElementsAre("abcd", "e"));
}

TEST(ReadCsv, NamesTheRowAndColumnWhereAnUnterminatedQuoteStarted) {
    auto sheet = ReadCsv("school,name\n1,ok\n2,\"broken\n3,more\n", "census.csv");
    ASSERT_FALSE(sheet);
    const auto& error = sheet.error();
    EXPECT_EQ(error.code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(error.message, HasSubstr("census.csv"));
    EXPECT_THAT(error.message, HasSubstr("แถว 3"));
    ASSERT_EQ(error.fields.size(), 1u);
    EXPECT_EQ(error.fields[0].field, "census.csv:row 3:name");
    EXPECT_EQ(error.fields[0].row, 3);
    EXPECT_EQ(error.fields[0].column, "name");
    EXPECT_THAT(error.fields[0].message, HasSubstr("ช่องที่ 2"));
}

TEST(ReadCsv, RejectsEmptyFilesAndFilesWithoutData) {
    auto empty = ReadCsv("", "census.csv");
    ASSERT_FALSE(empty);
    EXPECT_THAT(empty.error().message, HasSubstr("ไฟล์ว่างเปล่า"));
    EXPECT_EQ(empty.error().fields.at(0).field, "census.csv");

    auto blank = ReadCsv("\r\n , \r\n\r\n", "census.csv");
    ASSERT_FALSE(blank);
    EXPECT_THAT(blank.error().message, HasSubstr("ไม่มีข้อมูล"));
}

TEST(ReadCsv, NamesTheRowOfBytesItCannotRead) {
    auto sheet = ReadCsv("a\nb\n\xFF\xFE\xFD\n", "census.csv");
    ASSERT_FALSE(sheet);
    EXPECT_EQ(sheet.error().fields.at(0).row, 3);
}

TEST(ReadCsv, ReadsTheObecSchoolList) {
    const auto path = khet::testing::SharedDataPath("obec_schools_2022-09.tsv");
    std::ifstream file(path, std::ios::binary);
    if (!file) GTEST_SKIP() << "no shared data at " << path;
    std::stringstream bytes;
    bytes << file.rdbuf();
    auto sheet = ReadCsv(bytes.str(), "obec_schools_2022-09.tsv");
    ASSERT_TRUE(sheet) << Describe(sheet.error());
    ASSERT_EQ(sheet->rows.size(), 29580u);
    EXPECT_EQ(sheet->rows[0].cells.at(6), "school_id_10");
    for (const auto& row : sheet->rows) ASSERT_EQ(row.cells.size(), 9u) << row.number;
    EXPECT_EQ(sheet->rows[755].cells.at(7), "วัดภาชี \"สุนทรอุปถัมภ์\"");
    EXPECT_EQ(sheet->rows.back().number, 29580);
}

}  // namespace
}  // namespace khet::sheets
