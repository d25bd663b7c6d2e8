#include "sheets/sheet.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "sheets/xlsx_fixture.hpp"
#include "tests/support/temp_dir.hpp"

namespace khet::sheets {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string SmallXlsx() {
    testing::Workbook workbook;
    workbook.sheet_data = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ชาย</t></is></c></row>";
    return workbook.Bytes();
}

TEST(ReadSheet, ReadsXlsxByItsZipSignatureWhateverTheName) {
    auto sheet = ReadSheet(SmallXlsx(), "census.csv");
    ASSERT_TRUE(sheet) << Describe(sheet.error());
    EXPECT_THAT(sheet->rows.at(0).cells, ElementsAre("ชาย"));
}

TEST(ReadSheet, ReadsEverythingElseAsDelimitedText) {
    auto sheet = ReadSheet("a\tb\n1\t2\n", "census.xlsx");
    ASSERT_TRUE(sheet) << Describe(sheet.error());
    EXPECT_THAT(sheet->rows.at(1).cells, ElementsAre("1", "2"));
    EXPECT_EQ(sheet->source, "census.xlsx");
}

TEST(ReadSheet, RejectsFilesOverTheLimitBeforeReadingThem) {
    auto sheet = ReadSheet("a,b\n1,2\n", "census.csv", {.max_bytes = 4});
    ASSERT_FALSE(sheet);
    EXPECT_EQ(sheet.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(sheet.error().message, HasSubstr("ไฟล์ใหญ่เกินกำหนด"));
    EXPECT_THAT(sheet.error().message, HasSubstr("census.csv"));
    EXPECT_THAT(sheet.error().message, HasSubstr("MB"));
    EXPECT_EQ(sheet.error().fields.at(0).field, "census.csv");

    EXPECT_TRUE(ReadSheet("a,b\n1,2\n", "census.csv", {.max_bytes = 8}));
    // The limit comes first: a broken file over it is "too large", not "broken".
    auto broken = ReadSheet(std::string("PK\x03\x04") + "xxxx", "census.xlsx", {.max_bytes = 4});
    ASSERT_FALSE(broken);
    EXPECT_THAT(broken.error().message, HasSubstr("ไฟล์ใหญ่เกินกำหนด"));
}

TEST(ReadSheet, RejectsEmptyFiles) {
    auto sheet = ReadSheet("", "census.csv");
    ASSERT_FALSE(sheet);
    EXPECT_THAT(sheet.error().message, HasSubstr("ไฟล์ว่างเปล่า"));
}

TEST(ReadSheet, AsksForXlsxInsteadOfExcel97Files) {
    auto sheet = ReadSheet(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10), "census.xls");
    ASSERT_FALSE(sheet);
    EXPECT_EQ(sheet.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(sheet.error().message, HasSubstr(".xls"));
}

TEST(ReadSheetFile, NamesTheSheetAfterTheFile) {
    khet::testing::TempDir folder;
    const auto path = folder.Write("จำนวนนักเรียน.csv", "a,b\r\n1,2\r\n");
    auto sheet = ReadSheetFile(path);
    ASSERT_TRUE(sheet) << Describe(sheet.error());
    EXPECT_EQ(sheet->source, "จำนวนนักเรียน.csv");
    EXPECT_EQ(sheet->rows.size(), 2u);

    const auto xlsx = folder.Write("schools.xlsx", SmallXlsx());
    auto workbook = ReadSheetFile(xlsx);
    ASSERT_TRUE(workbook) << Describe(workbook.error());
    EXPECT_EQ(workbook->source, "schools.xlsx");
}

TEST(ReadSheetFile, ReportsMissingFilesAndFolders) {
    khet::testing::TempDir folder;
    auto missing = ReadSheetFile(folder.File("none.csv"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
    EXPECT_THAT(missing.error().message, HasSubstr("none.csv"));

    auto directory = ReadSheetFile(folder.Path());
    ASSERT_FALSE(directory);
    EXPECT_EQ(directory.error().code, ErrorCode::kInvalidArgument);
}

TEST(ReadSheetFile, ChecksTheSizeLimit) {
    khet::testing::TempDir folder;
    const auto path = folder.Write("big.csv", "a,b\n1,2\n");
    auto sheet = ReadSheetFile(path, {.max_bytes = 4});
    ASSERT_FALSE(sheet);
    EXPECT_THAT(sheet.error().message, HasSubstr("ไฟล์ใหญ่เกินกำหนด"));
    EXPECT_EQ(sheet.error().fields.at(0).field, "big.csv");
}

}  // namespace
}  // namespace khet::sheets
