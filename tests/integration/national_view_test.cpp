// The national view (office code "all"): every office in the store read as one, on both engines.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/fixtures.hpp"

namespace khet::testing {
namespace {

using ::testing::ElementsAre;

class NationalView : public ::testing::TestWithParam<std::string> {
  protected:
    // A second office of 70 small schools, three grades each: 210 rows, three of the store's
    // 64-row inserts and a shorter last one.
    void AddSecondOffice() {
        std::vector<School> schools;
        std::vector<EnrolmentRow> rows;
        for (int i = 70; i >= 1; --i) {
            const std::string code = fmt::format("10900100{:02}", i);
            schools.push_back({.code = code,
                               .smis_code = "",
                               .office_code = "9001",
                               .name = "โรงเรียน " + code,
                               .district = "",
                               .zone_code = ""});
            for (Grade grade : {Grade::kP3, Grade::kK1, Grade::kP1}) {
                rows.push_back({code, grade, i % 7, 10, 1});
            }
        }
        ASSERT_TRUE(fixture_.Store().SaveSchools({{"9001", "สำนักงานทดสอบ", "สพป.ทดสอบ", ""}}, {},
                                                 schools, TestAudit()));
        std::vector<std::string> codes;
        for (const School& school : schools) codes.push_back(school.code);
        auto saved = fixture_.Store().ReplaceEnrolment(round_, codes, rows, TestAudit());
        ASSERT_TRUE(saved) << Describe(saved.error());
    }

    const CensusRound round_ = *CensusRound::Make(2564, 2);
    const TableQuery national_{std::string(kAllOffices), std::nullopt, ""};
    StoreFixture fixture_{GetParam()};
};

TEST_P(NationalView, StoresEveryRowOfAManyBatchReplace) {
    AddSecondOffice();
    auto rows = fixture_.Store().Enrolment("9001", round_);
    ASSERT_TRUE(rows) << Describe(rows.error());
    ASSERT_EQ(rows->size(), 210u);
    long long male = 0, female = 0;
    for (const EnrolmentRow& row : *rows) {
        male += row.male;
        female += row.female;
    }
    long long expected_male = 0;
    for (int i = 1; i <= 70; ++i) expected_male += 3 * (i % 7);
    EXPECT_EQ(male, expected_male);
    EXPECT_EQ(female, 2100);
}

TEST_P(NationalView, ReadsEveryOfficeAsOne) {
    fixture_.LoadDemo();
    AddSecondOffice();
    EXPECT_EQ(fixture_.Store().AllSchools()->size(), fixture_.Store().Schools("2402")->size() + 70);
    EXPECT_EQ(fixture_.Store().AllZones()->size(), fixture_.Store().Zones("2402")->size());
    EXPECT_EQ(fixture_.Store().AllEnrolment(round_)->size(),
              fixture_.Store().Enrolment("2402", round_)->size() + 210);
    EXPECT_EQ(fixture_.Store().AllStaff(round_)->size(),
              fixture_.Store().Staff("2402", round_)->size());
    EXPECT_EQ(fixture_.Store().AllDegrees(round_)->size(),
              fixture_.Store().Degrees("2402", round_)->size());
    auto rounds = fixture_.Store().AllRounds();
    ASSERT_TRUE(rounds);
    ASSERT_EQ(rounds->size(), 1u);
    EXPECT_EQ(rounds->front().Label(), "2564/2");
}

TEST_P(NationalView, CountsTheSchoolsOfEveryOfficeBySize) {
    fixture_.LoadDemo();
    AddSecondOffice();
    // The demo office alone: 64, 76, 4 and 1 schools (seed 003); the second office's 70 schools
    // have 30 to 48 students each, all small.
    auto table = fixture_.Statistics().StatisticsDocument(Actor::Console(), "table2", national_);
    ASSERT_TRUE(table) << Describe(table.error());
    EXPECT_EQ(table->title, "ทุกสำนักงานเขตพื้นที่การศึกษาในระบบ");
    std::vector<std::string> counts;
    for (const auto& row : TableText(std::get<Table>(table->blocks.front()))) {
        counts.push_back(row[2]);
    }
    EXPECT_THAT(counts, ElementsAre("134", "76", "4", "1", "215"));
}

TEST_P(NationalView, SaysWhenNoOfficeHasACensus) {
    auto table = fixture_.Statistics().StatisticsTable(Actor::Console(), "table2", national_);
    ASSERT_FALSE(table);
    EXPECT_EQ(table.error().code, ErrorCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Engines, NationalView, ::testing::ValuesIn(kEngines),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace khet::testing
