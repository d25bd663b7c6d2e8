#include "domain/grade.hpp"

#include <gtest/gtest.h>

#include "domain/census_round.hpp"
#include "domain/staff.hpp"

namespace khet {
namespace {

TEST(Grade, ReadsTheWaysOfficesWriteAGrade) {
    EXPECT_EQ(ParseGrade("อ.1"), Grade::kK1);
    EXPECT_EQ(ParseGrade("อบ.2"), Grade::kK2);
    EXPECT_EQ(ParseGrade("อนุบาล 3"), Grade::kK3);
    EXPECT_EQ(ParseGrade("ป.๖"), Grade::kP6);
    EXPECT_EQ(ParseGrade("ประถมศึกษาปีที่ 1"), Grade::kP1);
    EXPECT_EQ(ParseGrade(" ม.3 "), Grade::kM3);
    EXPECT_EQ(ParseGrade("M6"), Grade::kM6);
    EXPECT_FALSE(ParseGrade("อ.4"));
    EXPECT_FALSE(ParseGrade("ป.7"));
    EXPECT_FALSE(ParseGrade("ปวช.1"));
    EXPECT_FALSE(ParseGrade(""));
}

TEST(Grade, KnowsItsStage) {
    EXPECT_EQ(StageOf(Grade::kK3), SchoolStage::kPrePrimary);
    EXPECT_EQ(StageOf(Grade::kP1), SchoolStage::kPrimary);
    EXPECT_EQ(StageOf(Grade::kM3), SchoolStage::kLowerSecondary);
    EXPECT_EQ(StageOf(Grade::kM4), SchoolStage::kUpperSecondary);
    EXPECT_EQ(GradeCode(Grade::kP4), "ป.4");
}

TEST(CensusRound, ParsesAndDatesTheThreeSnapshots) {
    auto round = CensusRound::Parse("2564/2");
    ASSERT_TRUE(round);
    EXPECT_EQ(round->SnapshotDate().Iso(), "2021-11-10");
    EXPECT_EQ(CensusRound::Parse("2564/1")->SnapshotDate().Iso(), "2021-06-10");
    EXPECT_EQ(CensusRound::Parse("2564/3")->SnapshotDate().Iso(), "2022-03-31");
    EXPECT_EQ(CensusRound::Parse("๒๕๖๔/๒")->Label(), "2564/2");
    EXPECT_EQ(round->Description(), "ปีการศึกษา 2564 รอบที่ 2 (10 พฤศจิกายน 2564)");
}

TEST(CensusRound, RejectsRoundsThatDoNotExist) {
    EXPECT_EQ(CensusRound::Parse("2564/4").error().code, ErrorCode::kInvalidArgument);
    EXPECT_FALSE(CensusRound::Parse("2021/2"));  // a CE year is not an academic year
    EXPECT_FALSE(CensusRound::Parse("2564"));
    EXPECT_FALSE(CensusRound::Parse("2564/x"));
}

TEST(Staff, ReadsEmisPositionsAndStandings) {
    EXPECT_EQ(ParsePosition("1. ผู้อำนวยการโรงเรียน"), Position::kDirector);
    EXPECT_EQ(ParsePosition("2. รองผู้อำนวยการโรงเรียน"), Position::kDeputyDirector);
    EXPECT_EQ(ParsePosition("ครูผู้ช่วย"), Position::kAssistantTeacher);
    EXPECT_EQ(ParsePosition("5. ลูกจ้างประจำ"), Position::kEmployee);
    EXPECT_EQ(ParsePosition("7. ลูกจ้างชั่วคราว"), Position::kEmployee);
    EXPECT_FALSE(ParsePosition("นักการภารโรง"));
    EXPECT_EQ(ParseStanding("ผู้อำนวยการชำนาญการพิเศษ"), "ชำนาญการพิเศษ");
    EXPECT_EQ(ParseStanding("ครูเชี่ยวชาญ"), "เชี่ยวชาญ");
    EXPECT_EQ(ParseStanding(""), "-");
    EXPECT_FALSE(ParseStanding("ชำนาญงาน"));
    EXPECT_EQ(ParseRank("คศ.3"), "คศ.3");
    EXPECT_FALSE(ParseRank("คศ.6"));
}

TEST(Staff, CountsEveryoneWhoTeachesAsATeacherButNotOtherEmployees) {
    EXPECT_TRUE(CountsAsTeacher(Position::kDirector));
    EXPECT_TRUE(CountsAsTeacher(Position::kContractTeacher));
    EXPECT_TRUE(CountsAsTeacher(Position::kGovernmentEmployee));
    EXPECT_FALSE(CountsAsTeacher(Position::kEmployee));
    EXPECT_TRUE(IsCivilServant(Position::kAssistantTeacher));
    EXPECT_FALSE(IsCivilServant(Position::kContractTeacher));
}

}  // namespace
}  // namespace khet
