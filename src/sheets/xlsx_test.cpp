#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sheets/sheet.hpp"
#include "sheets/xlsx_fixture.hpp"

namespace khet::sheets {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Parts;
using testing::Workbook;
using testing::ZipParts;

Sheet ReadOk(const std::string& bytes) {
    auto sheet = ReadXlsx(bytes, "schools.xlsx");
    EXPECT_TRUE(sheet) << (sheet ? "" : Describe(sheet.error()));
    return sheet ? *std::move(sheet) : Sheet{};
}

Workbook CensusWorkbook() {
    Workbook workbook;
    workbook.shared_strings =
        "<si><t>รหัสโรงเรียน</t></si>"
        "<si><t xml:space=\"preserve\"> ชั้น </t></si>"
        "<si><r><t>บ้าน</t></r><r><rPr><b/></rPr><t>หนองบัว</t></r><rPh><t>x</t></rPh></si>"
        "<si><t>ชาย</t></si>";
    workbook.sheet_data =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
        "<c r=\"D1\" t=\"s\"><v>3</v></c></row>"
        "<row r=\"2\"><c r=\"A2\"><v>1024070046</v></c>"
        "<c r=\"B2\" t=\"inlineStr\"><is><t>ป.1</t></is></c>"
        "<c r=\"C2\" t=\"s\"><v>2</v></c><c r=\"D2\"><v>12.0</v></c>"
        "<c r=\"E2\"><v>3.25</v></c><c r=\"F2\"><v>1.5E+3</v></c></row>"
        "<row r=\"4\"><c r=\"A4\" t=\"b\"><v>1</v></c><c r=\"C4\"><f>A1</f><v>7</v></c>"
        "<c r=\"D4\" t=\"str\"><v>ok</v></c><c r=\"E4\" t=\"e\"><v>#N/A</v></c></row>"
        "<row r=\"5\"><c r=\"A5\" s=\"0\"/><c r=\"B5\" t=\"inlineStr\"><is><t> </t></is></c></row>";
    return workbook;
}

TEST(ReadXlsx, ReadsSharedAndInlineStringsNumbersAndGaps) {
    const auto sheet = ReadOk(CensusWorkbook().Bytes());
    EXPECT_EQ(sheet.source, "schools.xlsx");
    EXPECT_EQ(sheet.encoding_note, "");
    ASSERT_EQ(sheet.rows.size(), 3u);
    EXPECT_THAT(sheet.rows[0].cells, ElementsAre("รหัสโรงเรียน", "ชั้น", "", "ชาย"));
    EXPECT_THAT(sheet.rows[1].cells,
                ElementsAre("1024070046", "ป.1", "บ้านหนองบัว", "12", "3.25", "1500"));
    EXPECT_THAT(sheet.rows[2].cells, ElementsAre("TRUE", "", "7", "ok", "#N/A"));
    EXPECT_EQ(sheet.rows[0].number, 1);
    EXPECT_EQ(sheet.rows[1].number, 2);
    EXPECT_EQ(sheet.rows[2].number, 4);  // row 3 is absent, row 5 holds nothing
}

TEST(ReadXlsx, PlacesCellsWithoutReferencesAfterThePreviousOne) {
    Workbook workbook;
    workbook.sheet_data =
        "<row><c t=\"inlineStr\"><is><t>a</t></is></c><c r=\"C1\"><v>3</v></c><c><v>4</v></c></row>"
        "<row><c><v>5</v></c></row>";
    const auto sheet = ReadOk(workbook.Bytes());
    ASSERT_EQ(sheet.rows.size(), 2u);
    EXPECT_THAT(sheet.rows[0].cells, ElementsAre("a", "", "3", "4"));
    EXPECT_EQ(sheet.rows[1].number, 2);
}

TEST(ReadXlsx, KeepsDecimalsAsWrittenAndDropsOnlyAZeroFraction) {
    Workbook workbook;
    workbook.sheet_data =
        "<row r=\"1\"><c r=\"A1\"><v>0.1</v></c><c r=\"B1\"><v>-42.000</v></c>"
        "<c r=\"C1\"><v>0.30000000000000004</v></c><c r=\"D1\"><v>1.5E-3</v></c>"
        "<c r=\"E1\"><v>-0</v></c><c r=\"F1\"><v>1.024070046E9</v></c>"
        "<c r=\"G1\"><v>123456789012345678</v></c></row>";
    const auto sheet = ReadOk(workbook.Bytes());
    EXPECT_THAT(sheet.rows.at(0).cells, ElementsAre("0.1", "-42", "0.30000000000000004", "1.5E-3",
                                                    "-0", "1024070046", "123456789012345678"));
}

TEST(ReadXlsx, WritesDateFormattedNumbersAsIsoDates) {
    Workbook workbook;
    workbook.number_formats =
        "<numFmt numFmtId=\"187\" formatCode=\"[$-th-TH]d\\ mmmm\\ bbbb\"/>"
        "<numFmt numFmtId=\"188\" formatCode=\"#,##0.00\\ &quot;days&quot;\"/>";
    workbook.cell_formats =
        "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"187\"/><xf numFmtId=\"188\"/>"
        "<xf numFmtId=\"22\"/><xf numFmtId=\"20\"/>";
    workbook.sheet_data =
        "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>44510</v></c><c r=\"B1\" s=\"2\"><v>44510</v></c>"
        "<c r=\"C1\" s=\"3\"><v>44510</v></c><c r=\"D1\" s=\"4\"><v>44510.5</v></c>"
        "<c r=\"E1\" s=\"5\"><v>0.5</v></c><c r=\"F1\" s=\"1\"><v>59</v></c></row>";
    const auto sheet = ReadOk(workbook.Bytes());
    EXPECT_THAT(sheet.rows.at(0).cells, ElementsAre("2021-11-10", "2021-11-10", "44510",
                                                    "2021-11-10 12:00:00", "0.5", "1900-02-28"));
}

TEST(ReadXlsx, ReadsTheFirstWorksheetInTabOrderWithPrefixedNamesAndRootTargets) {
    const std::string main =
        "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
    const std::string rels =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    const std::string type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    const auto sheet_xml = [&](const std::string& text) {
        return "<x:worksheet " + main +
               "><x:sheetData><x:row r=\"3\"><x:c r=\"B3\" t=\"inlineStr\">"
               "<x:is><x:t>" +
               text + "</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>";
    };
    const Parts parts = {
        {"_rels/.rels", rels + "<Relationship Id=\"a\" Type=\"" + type +
                            "officeDocument\" Target=\"/xl/workbook2.xml\"/></Relationships>"},
        {"xl/workbook2.xml",
         "<x:workbook " + main +
             " xmlns:rel=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
             "<x:sheets><x:sheet name=\"กราฟ\" sheetId=\"3\" rel:id=\"c\"/>"
             "<x:sheet name=\"ข้อมูล\" sheetId=\"2\" rel:id=\"b\"/>"
             "<x:sheet name=\"เก่า\" sheetId=\"1\" rel:id=\"a\"/></x:sheets></x:workbook>"},
        {"xl/_rels/workbook2.xml.rels",
         rels + "<Relationship Id=\"a\" Type=\"" + type +
             "worksheet\" Target=\"/xl/worksheets/sheet1.xml\"/><Relationship Id=\"b\" Type=\"" +
             type + "worksheet\" Target=\"./worksheets/../worksheets/sheet2.xml\"/>" +
             "<Relationship Id=\"c\" Type=\"" + type +
             "chartsheet\" Target=\"chartsheets/sheet1.xml\"/></Relationships>"},
        {"xl/worksheets/sheet1.xml", sheet_xml("old")},
        {"xl/worksheets/sheet2.xml", sheet_xml("data")},
    };
    const auto sheet = ReadOk(ZipParts(parts));
    ASSERT_EQ(sheet.rows.size(), 1u);
    EXPECT_THAT(sheet.rows[0].cells, ElementsAre("", "data"));
    EXPECT_EQ(sheet.rows[0].number, 3);
}

TEST(ReadXlsx, ReadsASheetLargerThanOneParsedBlock) {
    // About 9 MB of XML: the worksheet is parsed in blocks of 4 MB cut at row ends.
    constexpr int kRows = 100000;
    Workbook workbook;
    workbook.shared_strings = "<si><t>ชาย</t></si><si><t>หญิง</t></si>";
    for (int row = 1; row <= kRows; ++row) {
        const auto r = std::to_string(row);
        workbook.sheet_data += "<row r=\"" + r + "\"><c r=\"A" + r +
                               "\" t=\"inlineStr\"><is><t>โรงเรียน " + r + "</t></is></c><c r=\"C" +
                               r + "\" t=\"s\"><v>" + std::to_string(row % 2) + "</v></c><c r=\"D" +
                               r + "\"><v>" + r + ".0</v></c></row>";
    }
    ASSERT_GT(workbook.sheet_data.size(), 8u * 1024 * 1024);
    const auto sheet = ReadOk(workbook.Bytes());
    ASSERT_EQ(sheet.rows.size(), static_cast<std::size_t>(kRows));
    for (int row = 1; row <= kRows; ++row) {
        const auto& read = sheet.rows[static_cast<std::size_t>(row - 1)];
        ASSERT_EQ(read.number, row);
        ASSERT_THAT(read.cells, ElementsAre("โรงเรียน " + std::to_string(row), "",
                                            row % 2 ? "หญิง" : "ชาย", std::to_string(row)));
    }
}

TEST(ReadXlsx, FindsTheSheetDataTagWhereverABlockEnds) {
    constexpr std::size_t kBlock = 4 * 1024 * 1024;
    const std::string head = std::string("<worksheet ") + testing::kMainNamespace + "><!--";
    for (std::size_t before = 0; before <= 12; before += 3) {
        const std::string padding(kBlock - head.size() - 3 - before, '.');
        Workbook workbook;
        auto parts = workbook.ToParts();
        for (auto& [name, content] : parts) {
            if (name != "xl/worksheets/sheet1.xml") continue;
            content = head + padding +
                      "--><x:sheetData xmlns:x=\"urn:x\"><x:row r=\"2\">"
                      "<x:c t=\"inlineStr\"><x:is><x:t>ok</x:t></x:is></x:c></x:row>"
                      "</x:sheetData></worksheet>";
        }
        const auto sheet = ReadOk(ZipParts(parts));
        ASSERT_EQ(sheet.rows.size(), 1u) << before;
        EXPECT_EQ(sheet.rows[0].number, 2);
        EXPECT_THAT(sheet.rows[0].cells, ElementsAre("ok"));
    }
}

TEST(ReadXlsx, ReportsAWorksheetThatEndsInsideItsData) {
    auto parts = CensusWorkbook().ToParts();
    for (auto& [name, content] : parts) {
        if (name == "xl/worksheets/sheet1.xml") content.resize(content.find("</sheetData>"));
    }
    auto sheet = ReadXlsx(ZipParts(parts), "schools.xlsx");
    ASSERT_FALSE(sheet);
    EXPECT_EQ(sheet.error().message, "ไฟล์ XLSX เสียหายหรือไม่ครบ: schools.xlsx");
}

TEST(ReadXlsx, DecodesOoxmlCharacterEscapes) {
    Workbook workbook;
    workbook.shared_strings = "<si><t>a_x000D_b_x005F_x0041_</t></si>";
    workbook.sheet_data = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>";
    // _x000D_ is a carriage return, which a one-line cell holds as a space.
    EXPECT_EQ(ReadOk(workbook.Bytes()).rows.at(0).cells.at(0), "a b_x0041_");
}

TEST(ReadXlsx, ReportsATruncatedFileAsDamaged) {
    const auto bytes = CensusWorkbook().Bytes();
    auto sheet = ReadXlsx(bytes.substr(0, bytes.size() / 2), "schools.xlsx");
    ASSERT_FALSE(sheet);
    EXPECT_EQ(sheet.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(sheet.error().message, "ไฟล์ XLSX เสียหายหรือไม่ครบ: schools.xlsx");
    EXPECT_EQ(sheet.error().fields.at(0).field, "schools.xlsx");
}

TEST(ReadXlsx, NeverCrashesOnCutOrDamagedBytes) {
    const auto bytes = CensusWorkbook().Bytes();
    for (std::size_t length = 0; length < bytes.size(); length += 7) {
        auto sheet = ReadXlsx(bytes.substr(0, length), "schools.xlsx");
        EXPECT_FALSE(sheet) << length;
    }
    for (std::size_t at = 0; at < bytes.size(); at += 3) {
        auto damaged = bytes;
        damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
        auto sheet = ReadXlsx(damaged, "schools.xlsx");
        if (!sheet) {
            EXPECT_EQ(sheet.error().code, ErrorCode::kInvalidArgument) << at;
        }
    }
}

TEST(ReadXlsx, ReportsMissingPartsAndBadReferencesAsDamage) {
    auto parts = CensusWorkbook().ToParts();
    std::erase_if(parts, [](const auto& part) { return part.first == "xl/workbook.xml"; });
    auto no_workbook = ReadXlsx(ZipParts(parts), "schools.xlsx");
    ASSERT_FALSE(no_workbook);
    EXPECT_THAT(no_workbook.error().message, HasSubstr("เสียหาย"));
    EXPECT_THAT(no_workbook.error().fields.at(0).message, HasSubstr("xl/workbook.xml"));

    Workbook workbook;
    workbook.sheet_data = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>";
    auto missing_string = ReadXlsx(workbook.Bytes(), "schools.xlsx");
    ASSERT_FALSE(missing_string);
    EXPECT_THAT(missing_string.error().fields.at(0).message, HasSubstr("แถว 1"));

    workbook.sheet_data = "<row r=\"1\"><c r=\"ZZZZ1\"><v>5</v></c></row>";
    EXPECT_FALSE(ReadXlsx(workbook.Bytes(), "schools.xlsx"));

    workbook.sheet_data = "<row r=\"1\"><c r=\"A1\"><v>5</v></row>";
    auto bad_xml = ReadXlsx(workbook.Bytes(), "schools.xlsx");
    ASSERT_FALSE(bad_xml);
    EXPECT_THAT(bad_xml.error().fields.at(0).message, HasSubstr("xl/worksheets/sheet1.xml"));
}

// docs/SECURITY.md: a formula without its value was imported as 0, and a cell whose reference
// named another row went missing; both are problems at their row and column.
TEST(ReadXlsx, RefusesAFormulaThatWasNeverComputed) {
    Workbook workbook;
    workbook.shared_strings = "<si><t>ชาย</t></si>";
    workbook.sheet_data =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
        "<row r=\"2\"><c r=\"A2\"><f>SUM(B1:B9)</f></c></row>";
    auto sheet = ReadXlsx(workbook.Bytes(), "census.xlsx");
    ASSERT_FALSE(sheet);
    const FieldError& field = sheet.error().fields.at(0);
    EXPECT_EQ(field.row, 2);
    EXPECT_EQ(field.column, "ชาย");
    EXPECT_THAT(sheet.error().message, HasSubstr("สูตรที่ยังไม่ได้คำนวณ"));
    // With its computed value, a formula cell is that value.
    workbook.sheet_data =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
        "<row r=\"2\"><c r=\"A2\"><f>SUM(B1:B9)</f><v>12</v></c></row>";
    EXPECT_EQ(ReadOk(workbook.Bytes()).rows.at(1).cells.at(0), "12");
}

TEST(ReadXlsx, RefusesACellWhoseReferenceNamesAnotherRow) {
    Workbook workbook;
    workbook.sheet_data = "<row r=\"3\"><c r=\"A3\"><v>1</v></c><c r=\"B7\"><v>5</v></c></row>";
    auto sheet = ReadXlsx(workbook.Bytes(), "census.xlsx");
    ASSERT_FALSE(sheet);
    EXPECT_EQ(sheet.error().fields.at(0).row, 3);
    EXPECT_EQ(sheet.error().fields.at(0).column, "B7");
}

TEST(ReadXlsx, CellsAreCleanTextAndANulIsAProblemAtItsCell) {
    Workbook workbook;
    workbook.shared_strings =
        "<si><t>ชื่อ</t></si><si><t>\u200Bบ้าน\u00A0 </t></si><si><t>ก_x0000_ข</t></si>";
    workbook.sheet_data =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row>";
    EXPECT_EQ(ReadOk(workbook.Bytes()).rows.at(1).cells.at(0), "บ้าน");
    workbook.sheet_data += "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c></row>";
    auto sheet = ReadXlsx(workbook.Bytes(), "census.xlsx");
    ASSERT_FALSE(sheet);
    EXPECT_EQ(sheet.error().fields.at(0).row, 3);
    EXPECT_EQ(sheet.error().fields.at(0).column, "ชื่อ");
    EXPECT_THAT(sheet.error().fields.at(0).message, HasSubstr("U+0000"));
}

// docs/SECURITY.md, probe 4: 1.2 MB of zipped whitespace inflated to 1.2 GB, took 6 minutes and
// 2.1 GB before it was refused.
TEST(ReadXlsx, RefusesAWorksheetThatInflatesLikeABomb) {
    Workbook workbook;
    workbook.sheet_data =
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c>" + std::string(40 * 1024 * 1024, ' ') + "</row>";
    const std::string bytes = workbook.Bytes();
    ASSERT_LT(bytes.size(), 200u * 1024);
    auto sheet = ReadXlsx(bytes, "bomb.xlsx");
    ASSERT_FALSE(sheet);
    EXPECT_EQ(sheet.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(sheet.error().message, HasSubstr("ไฟล์ XLSX ผิดปกติ: bomb.xlsx"));
}

TEST(ReadXlsx, RefusesARowThatDoesNotEndWithin16Megabytes) {
    std::string digits(17 * 1024 * 1024, '0');
    std::uint32_t state = 7;
    for (char& c : digits) {
        state = state * 1664525u + 1013904223u;
        c = static_cast<char>('0' + (state >> 24) % 10);
    }
    Workbook workbook;
    workbook.sheet_data =
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>" + digits +
        "</v></c></row>";
    auto sheet = ReadXlsx(workbook.Bytes(), "wide.xlsx");
    ASSERT_FALSE(sheet);
    EXPECT_EQ(sheet.error().fields.at(0).row, 2);
    EXPECT_THAT(sheet.error().fields.at(0).message, HasSubstr("ยาวเกิน 16 MB"));
}

// Found in review: one shared string of 16 MB named by 300 cells spelled 4.8 GB from 20 KB.
TEST(ReadXlsx, LimitsTheTextItsCellsSpellNotOnlyTheBytesItHolds) {
    Workbook workbook;
    workbook.shared_strings = "<si><t>" + std::string(1024 * 1024, 'a') + "</t></si>";
    for (int row = 1; row <= 300; ++row) {
        workbook.sheet_data +=
            fmt::format("<row r=\"{0}\"><c r=\"A{0}\" t=\"s\"><v>0</v></c></row>", row);
    }
    auto sheet = ReadXlsx(workbook.Bytes(), "spelled.xlsx", {.max_text = 100 * 1024 * 1024});
    ASSERT_FALSE(sheet);
    EXPECT_EQ(sheet.error().fields.at(0).row, 101);
    EXPECT_THAT(sheet.error().message, HasSubstr("ข้อความในเซลล์รวมเกิน 100 MB"));
}

TEST(ReadXlsx, StopsAtTheCellLimitAndTheDeadline) {
    const std::string bytes = CensusWorkbook().Bytes();
    auto many = ReadXlsx(bytes, "census.xlsx", {.max_cells = 3});
    ASSERT_FALSE(many);
    EXPECT_THAT(many.error().message, HasSubstr("มีข้อมูลเกิน 3 ช่อง"));
    auto late =
        ReadXlsx(bytes, "census.xlsx", {.deadline = Deadline::In(std::chrono::seconds(-1))});
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(ReadXlsx(bytes, "census.xlsx", {.deadline = Deadline::In(std::chrono::hours(1))}));
}

TEST(ReadXlsx, TellsOpenDocumentFilesApart) {
    auto sheet = ReadXlsx(ZipParts({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"},
                                    {"content.xml", "<office:document-content/>"}}),
                          "schools.ods");
    ASSERT_FALSE(sheet);
    EXPECT_THAT(sheet.error().message, HasSubstr(".ods"));
}

TEST(ReadXlsx, RejectsAWorkbookWithoutData) {
    Workbook workbook;
    workbook.sheet_data = "<row r=\"1\"><c r=\"A1\" s=\"0\"/></row>";
    auto sheet = ReadXlsx(workbook.Bytes(), "schools.xlsx");
    ASSERT_FALSE(sheet);
    EXPECT_THAT(sheet.error().message, HasSubstr("ไม่มีข้อมูล"));

    auto parts = workbook.ToParts();
    for (auto& [name, content] : parts) {
        if (name == "xl/worksheets/sheet1.xml") {
            content =
                std::string("<worksheet ") + testing::kMainNamespace + "><sheetData/></worksheet>";
        }
    }
    auto empty = ReadXlsx(ZipParts(parts), "schools.xlsx");
    ASSERT_FALSE(empty);
    EXPECT_THAT(empty.error().message, HasSubstr("ไม่มีข้อมูล"));
}

}  // namespace
}  // namespace khet::sheets
