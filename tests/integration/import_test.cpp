// Imports: every bad file is refused whole with file, row and column; good files replace a round.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "sheets/xlsx_fixture.hpp"
#include "tests/support/fixtures.hpp"

namespace khet::testing {
namespace {

using ::testing::HasSubstr;

std::string ReadFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

class Imports : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        ImportOptions options = StoreFixture::ConsoleImport();
        auto summary = fixture_.Imports().ImportSchools(
            CsvSheet("schools.csv",
                     "รหัสโรงเรียน,รหัส SMIS,ชื่อโรงเรียน,อำเภอ,เขตคุณภาพ,สังกัด\n"
                     "1024070191,24020001,บ้านแหลมตะคร้อ,พนมสารคาม,เขตคุณภาพที่ 1,สพฐ.\n"
                     "1024070205,24020002,วัดบ้านซ่อง,พนมสารคาม,เขตคุณภาพที่ 1,สพฐ.\n"),
            options);
        ASSERT_TRUE(summary) << Describe(summary.error());
    }

    ImportOptions Round() const {
        ImportOptions options = StoreFixture::ConsoleImport();
        options.round = *CensusRound::Parse("2564/2");
        return options;
    }

    long long StoredRows() { return *fixture_.Store().CountEnrolmentRows(*Round().round); }

    StoreFixture fixture_{GetParam()};
};

TEST_P(Imports, SchoolListCreatesTheOfficeFromSmisCodesAndTheZones) {
    auto office = fixture_.Store().FindOffice("2402");
    ASSERT_TRUE(office);
    auto zones = fixture_.Store().Zones("2402");
    ASSERT_TRUE(zones);
    ASSERT_EQ(zones->size(), 1u);
    EXPECT_EQ(zones->front().name, "เขตคุณภาพที่ 1");
    EXPECT_EQ(fixture_.Store().FindSchool("1024070205")->zone_code, zones->front().code);
}

TEST_P(Imports, RejectsTheWholeFileWhenOneRowIsNegative) {
    auto result = fixture_.Imports().ImportCensus(
        CsvSheet("census.csv",
                 "school_code,grade,male,female,rooms\n1024070191,ป.1,12,10,1\n"
                 "1024070191,ป.2,-3,4,1\n"),
        Round());
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    ASSERT_EQ(result.error().fields.size(), 1u);
    EXPECT_EQ(result.error().fields[0].field, "census.csv:row 3:male");
    EXPECT_EQ(result.error().fields[0].row, 3);
    EXPECT_THAT(result.error().fields[0].message, HasSubstr("ติดลบ"));
    EXPECT_EQ(StoredRows(), 0);
}

TEST_P(Imports, NamesEveryBadCellOfAFile) {
    auto result = fixture_.Imports().ImportCensus(CsvSheet("census.csv",
                                                           "รหัสโรงเรียน,ชั้น,ชาย,หญิง,ห้องเรียน\n"
                                                           "1024070191,ป.1,สิบ,10,1\n"
                                                           "9999999999,ป.1,1,1,1\n"
                                                           "1024070191,ป.9,1,1,1\n"
                                                           "1024070205,ม.1,1,1,1\n"
                                                           "1024070205,ม.1,2,2,1\n"),
                                                  Round());
    ASSERT_FALSE(result);
    std::vector<std::string> fields;
    for (const FieldError& field : result.error().fields) fields.push_back(field.field);
    EXPECT_THAT(fields,
                ::testing::ElementsAre("census.csv:row 2:ชาย", "census.csv:row 3:รหัสโรงเรียน",
                                       "census.csv:row 4:ชั้น", "census.csv:row 6:ชั้น"));
    EXPECT_THAT(result.error().fields[3].message, HasSubstr("ซ้ำกับแถว 5"));
    EXPECT_EQ(StoredRows(), 0);
}

TEST_P(Imports, RefusesUnknownAndMissingHeaders) {
    auto result = fixture_.Imports().ImportCensus(
        CsvSheet("census.csv", "school_code,grade,boys,female,rooms\n1024070191,ป.1,1,1,1\n"),
        Round());
    ASSERT_FALSE(result);
    EXPECT_THAT(result.error().fields[0].message, HasSubstr("ไม่รู้จักหัวคอลัมน์ \"boys\""));
    EXPECT_THAT(result.error().fields[1].message, HasSubstr("ไม่มีคอลัมน์ male"));
    EXPECT_EQ(result.error().fields[0].row, 1);
}

TEST_P(Imports, AskForTheRoundOfTheCensus) {
    auto result = fixture_.Imports().ImportCensus(
        CsvSheet("census.csv", "school_code,grade,male,female,rooms\n1024070191,ป.1,1,1,1\n"),
        StoreFixture::ConsoleImport());
    ASSERT_FALSE(result);
    EXPECT_THAT(result.error().message, HasSubstr("--round"));
}

TEST_P(Imports, DryRunChecksButWritesNothing) {
    ImportOptions options = Round();
    options.dry_run = true;
    auto result = fixture_.Imports().ImportCensus(
        CsvSheet("census.csv", "school_code,grade,male,female,rooms\n1024070191,ป.1,1,1,1\n"),
        options);
    ASSERT_TRUE(result) << Describe(result.error());
    EXPECT_EQ(result->rows, 1);
    EXPECT_EQ(StoredRows(), 0);
}

// An import nobody waits for any more (its client has gone), or past its time, stops between
// rows and writes nothing.
TEST_P(Imports, StopsWhenItsDeadlinePassesAndWritesNothing) {
    std::string csv = "school_code,grade,male,female,rooms\n";
    for (int i = 0; i < 5000; ++i) csv += "1024070191,ป.1,1,1,1\n";
    const sheets::Sheet sheet = CsvSheet("census.csv", csv);
    ImportOptions options = Round();
    std::stop_source client;
    options.deadline = Deadline::In(std::chrono::hours(1), client.get_token());
    client.request_stop();
    auto gone = fixture_.Imports().ImportCensus(sheet, options);
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().code, ErrorCode::kUnavailable);
    options.deadline = Deadline::In(std::chrono::seconds(-1));
    auto late = fixture_.Imports().ImportCensus(sheet, options);
    ASSERT_FALSE(late);
    EXPECT_THAT(late.error().message, HasSubstr("ใช้เวลานานเกินกำหนด"));
    EXPECT_EQ(StoredRows(), 0);
}

TEST_P(Imports, ReimportingARoundReplacesItForTheOffice) {
    const std::string first =
        "school_code,grade,male,female,rooms\n1024070191,ป.1,1,1,1\n1024070205,ป.1,2,2,1\n";
    ASSERT_TRUE(fixture_.Imports().ImportCensus(CsvSheet("a.csv", first), Round()));
    EXPECT_EQ(StoredRows(), 2);
    // The second file leaves 1024070205 out: its old rows go, not stay behind.
    auto second = fixture_.Imports().ImportCensus(
        CsvSheet("b.csv", "school_code,grade,male,female,rooms\n1024070191,ป.2,7,8,1\n"), Round());
    ASSERT_TRUE(second);
    auto rows = fixture_.Store().Enrolment("2402", *Round().round);
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ(rows->front().grade, Grade::kP2);
    EXPECT_EQ(rows->front().male, 7);
}

TEST_P(Imports, ReadsTheEmisStudentLayoutAndChecksItsSubtotals) {
    const auto bytes = ReadFile(SharedDataPath("emis-samples/1020080005_student.csv"));
    auto sheet = sheets::ReadSheet(bytes, "1020080005_student.csv");
    ASSERT_TRUE(sheet);
    ImportOptions options = Round();
    options.school_code = "1024070191";
    auto result = fixture_.Imports().ImportCensus(*sheet, options);
    ASSERT_TRUE(result) << Describe(result.error());
    EXPECT_EQ(result->format, "emis-student");
    auto rows = fixture_.Store().Enrolment("2402", *options.round);
    long long students = 0, rooms = 0;
    for (const EnrolmentRow& row : *rows) {
        students += row.male + row.female;
        rooms += row.rooms;
    }
    EXPECT_EQ(students, 59);  // รวมทั้งหมด of the sample
    EXPECT_EQ(rooms, 8);

    std::string broken = bytes;
    broken.replace(broken.find("รวมประถม,24,22,46,6"), std::string("รวมประถม,24,22,46,6").size(),
                   "รวมประถม,25,22,47,6");
    auto refused =
        fixture_.Imports().ImportCensus(*sheets::ReadSheet(broken, "broken_student.csv"), options);
    ASSERT_FALSE(refused);
    EXPECT_THAT(refused.error().fields[0].message, HasSubstr("รวมประถม"));
    EXPECT_EQ(refused.error().fields[0].row, 12);
}

TEST_P(Imports, ReadsTheEmisStaffLayoutAndRefusesSeed003sMisprintedTotal) {
    const auto bytes = ReadFile(SharedDataPath("emis-samples/1020080005_staff.csv"));
    ImportOptions options = Round();
    options.school_code = "1024070191";
    auto result = fixture_.Imports().ImportStaff(*sheets::ReadSheet(bytes, "staff.csv"), options);
    ASSERT_TRUE(result) << Describe(result.error());
    EXPECT_EQ(result->format, "emis-staff");
    auto rows = fixture_.Store().Staff("2402", *options.round);
    int total = 0;
    for (const StaffRow& row : *rows) total += row.male + row.female;
    EXPECT_EQ(total, 8);

    // Seed 003 table 6 in EMIS layout: its women's rows add up to 1,072, but it prints 1,074.
    const std::string seed_table6 =
        "ตำแหน่ง,วิทยฐานะ,ระดับ_ตำแหน่ง,ชาย,หญิง,รวม\n"
        "1. ผู้อำนวยการโรงเรียน,ชำนาญการ,คศ.2,14,17,31\n"
        "1. ผู้อำนวยการโรงเรียน,ชำนาญการพิเศษ,คศ.3,41,28,69\n"
        "1. ผู้อำนวยการโรงเรียน,เชี่ยวชาญ,คศ.4,1,0,1\n"
        "1. ผู้อำนวยการโรงเรียน,รวม,-,56,45,101\n"
        "2. รองผู้อำนวยการโรงเรียน,-,คศ.1,0,3,3\n"
        "2. รองผู้อำนวยการโรงเรียน,ชำนาญการ,คศ.2,1,4,5\n"
        "2. รองผู้อำนวยการโรงเรียน,ชำนาญการพิเศษ,คศ.3,1,2,3\n"
        "2. รองผู้อำนวยการโรงเรียน,รวม,-,2,9,11\n"
        "3. ครู,-,คศ.1,117,390,507\n"
        "3. ครู,ชำนาญการ,คศ.2,35,188,223\n"
        "3. ครู,ชำนาญการพิเศษ,คศ.3,39,229,268\n"
        "3. ครู,เชี่ยวชาญ,คศ.4,0,1,1\n"
        "3. ครู,รวม,-,191,808,999\n"
        "4. ครูผู้ช่วย,-,ครูผู้ช่วย,71,210,281\n"
        "รวมทั้งหมด,รวมทั้งหมด,รวมทั้งหมด,320,1074,1394\n";
    auto refused = fixture_.Imports().ImportStaff(
        *sheets::ReadSheet(seed_table6, "seed003_table6.csv"), options);
    ASSERT_FALSE(refused);
    ASSERT_FALSE(refused.error().fields.empty());
    EXPECT_EQ(refused.error().fields[0].field, "seed003_table6.csv:row 16:หญิง");
    EXPECT_THAT(refused.error().fields[0].message, HasSubstr("1074"));
    EXPECT_THAT(refused.error().fields[0].message, HasSubstr("1072"));
    int after = 0;
    const auto kept = fixture_.Store().Staff("2402", *options.round);
    ASSERT_TRUE(kept);
    for (const StaffRow& row : *kept) {
        after += row.male + row.female;
    }
    EXPECT_EQ(after, 8);  // the earlier import is untouched
}

TEST_P(Imports, ReadsTheObecListForOneArea) {
    ImportOptions options = StoreFixture::ConsoleImport();
    options.area_code = "2402";
    const auto bytes = ReadFile(SourcePath("data/demo/obec_schools_2402.tsv"));
    auto result =
        fixture_.Imports().ImportSchools(*sheets::ReadSheet(bytes, "obec_schools.tsv"), options);
    ASSERT_TRUE(result) << Describe(result.error());
    EXPECT_EQ(result->rows, 149);
    EXPECT_EQ(result->format, "obec-list");
    // A school already known keeps the district and zone the office gave it.
    EXPECT_EQ(fixture_.Store().FindSchool("1024070191")->district, "พนมสารคาม");
    EXPECT_EQ(fixture_.Store().Schools("2402")->size(), 149u);

    // Imported into one office, the list brings in that office's rows only.
    ImportOptions into_2402 = StoreFixture::ConsoleImport();
    into_2402.office_code = "2402";
    auto one_office =
        fixture_.Imports().ImportSchools(*sheets::ReadSheet(bytes, "obec_schools.tsv"), into_2402);
    ASSERT_TRUE(one_office) << Describe(one_office.error());
    EXPECT_EQ(one_office->rows, 149);
    into_2402.area_code = "1001";
    EXPECT_FALSE(
        fixture_.Imports().ImportSchools(*sheets::ReadSheet(bytes, "obec_schools.tsv"), into_2402));
}

TEST_P(Imports, StaffAndDegreesFlatFiles) {
    ImportOptions options = Round();
    auto staff = fixture_.Imports().ImportStaff(
        CsvSheet("staff.csv",
                 "school_code,position,standing,rank,male,female\n"
                 "1024070191,ครู,ชำนาญการ,คศ.2,1,2\n1024070191,ผู้อำนวยการ,ชำนาญการพิเศษ,คศ.3,1,0\n"),
        options);
    ASSERT_TRUE(staff) << Describe(staff.error());
    auto degrees = fixture_.Imports().ImportDegrees(
        CsvSheet("degrees.csv",
                 "school_code,degree,male,female\n1024070191,ปริญญาโท,1,1\n"
                 "1024070191,ปริญญาตรี,1,1\n"),
        options);
    ASSERT_TRUE(degrees) << Describe(degrees.error());
    auto bad = fixture_.Imports().ImportDegrees(
        CsvSheet("degrees.csv", "school_code,degree,male,female\n1024070191,ปวส.,1,1\n"), options);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().fields[0].field, "degrees.csv:row 2:degree");
}

TEST_P(Imports, NeverWritesIntoAnotherOfficesSchool) {
    ImportOptions options = StoreFixture::ConsoleImport();
    options.office_code = "9001";
    ASSERT_TRUE(fixture_.Imports().ImportSchools(
        CsvSheet("other.csv", "school_code,name\n1090010001,บ้านกอไผ่\n"), options));

    // An EMIS file for a school of 2402, imported into office 9001.
    options = Round();
    options.office_code = "9001";
    options.school_code = "1024070191";
    const auto bytes = ReadFile(SharedDataPath("emis-samples/1020080005_student.csv"));
    auto emis = fixture_.Imports().ImportCensus(*sheets::ReadSheet(bytes, "student.csv"), options);
    ASSERT_FALSE(emis);
    EXPECT_THAT(emis.error().message, HasSubstr("อยู่ในเขตพื้นที่ 2402 ไม่ใช่ 9001"));

    // A school list imported into 9001 that names a school of 2402 does not move it.
    ImportOptions into_9001 = StoreFixture::ConsoleImport();
    into_9001.office_code = "9001";
    auto moved = fixture_.Imports().ImportSchools(
        CsvSheet("schools.csv", "school_code,name\n1024070191,บ้านแหลมตะคร้อ\n"), into_9001);
    ASSERT_FALSE(moved);
    EXPECT_EQ(moved.error().fields[0].field, "schools.csv:row 2:school_code");
    EXPECT_EQ(fixture_.Store().FindSchool("1024070191")->office_code, "2402");

    auto other_column = fixture_.Imports().ImportSchools(
        CsvSheet("schools.csv", "school_code,name,office_code\n1090010009,ใหม่,2402\n"), into_9001);
    ASSERT_FALSE(other_column);
    EXPECT_THAT(other_column.error().fields[0].message, HasSubstr("เขตพื้นที่ 2402 ไม่ใช่ 9001"));
    EXPECT_EQ(StoredRows(), 0);
}

TEST_P(Imports, ConvertsAWindows874FileAndSaysSo) {
    // "ป.1" and "ชาย"/"หญิง" as Thai Excel saves them in TIS-620 / Windows-874.
    const std::string bytes =
        "school_code,grade,\xAA\xD2\xC2,\xCB\xAD\xD4\xA7,rooms\r\n1024070191,\xBB.1,3,4,1\r\n";
    auto sheet = sheets::ReadSheet(bytes, "census-tis620.csv");
    ASSERT_TRUE(sheet) << Describe(sheet.error());
    auto result = fixture_.Imports().ImportCensus(*sheet, Round());
    ASSERT_TRUE(result) << Describe(result.error());
    ASSERT_FALSE(result->notes.empty());
    EXPECT_THAT(result->notes.front(), HasSubstr("Windows-874"));
    auto rows = fixture_.Store().Enrolment("2402", *Round().round);
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ(rows->front().grade, Grade::kP1);
    EXPECT_EQ(rows->front().female, 4);
}

TEST_P(Imports, ReadsAnXlsxCensusWithThaiHeaders) {
    sheets::testing::Workbook workbook;
    workbook.shared_strings =
        "<si><t>รหัสโรงเรียน</t></si><si><t>ชั้น</t></si><si><t>ชาย</t></si><si><t>หญิง</t></si>"
        "<si><t>ห้องเรียน</t></si><si><t>ป.1</t></si><si><t>ม.1</t></si>";
    workbook.sheet_data =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
        "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
        "<c r=\"E1\" t=\"s\"><v>4</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>1024070191</t></is></c>"
        "<c r=\"B2\" t=\"s\"><v>5</v></c><c r=\"C2\"><v>12</v></c><c r=\"D2\"><v>9</v></c>"
        "<c r=\"E2\"><v>1</v></c></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>1024070205</t></is></c>"
        "<c r=\"B3\" t=\"s\"><v>6</v></c><c r=\"C3\"><v>-2</v></c><c r=\"D3\"><v>9</v></c>"
        "<c r=\"E3\"><v>1</v></c></row>";
    auto sheet = sheets::ReadSheet(workbook.Bytes(), "census.xlsx");
    ASSERT_TRUE(sheet) << Describe(sheet.error());
    auto refused = fixture_.Imports().ImportCensus(*sheet, Round());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().fields[0].field, "census.xlsx:row 3:ชาย");
    EXPECT_EQ(StoredRows(), 0);

    workbook.sheet_data.replace(workbook.sheet_data.find("<v>-2</v>"), 9, "<v>8</v>");
    auto imported = fixture_.Imports().ImportCensus(
        *sheets::ReadSheet(workbook.Bytes(), "census.xlsx"), Round());
    ASSERT_TRUE(imported) << Describe(imported.error());
    EXPECT_EQ(imported->rows, 2);
    EXPECT_EQ(StoredRows(), 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, Imports, ::testing::ValuesIn(kEngines),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace khet::testing
