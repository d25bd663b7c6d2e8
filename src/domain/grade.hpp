#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace khet {

/// A class level of a Thai school, from อนุบาล 1 to มัธยมศึกษาปีที่ 6.
enum class Grade { kK1, kK2, kK3, kP1, kP2, kP3, kP4, kP5, kP6, kM1, kM2, kM3, kM4, kM5, kM6 };

/// The stage a grade belongs to; seed 003 table 4 subtotals by stage.
enum class SchoolStage { kPrePrimary, kPrimary, kLowerSecondary, kUpperSecondary };

inline constexpr std::array<Grade, 15> kAllGrades = {
    Grade::kK1, Grade::kK2, Grade::kK3, Grade::kP1, Grade::kP2, Grade::kP3, Grade::kP4, Grade::kP5,
    Grade::kP6, Grade::kM1, Grade::kM2, Grade::kM3, Grade::kM4, Grade::kM5, Grade::kM6};

inline constexpr std::array<SchoolStage, 4> kAllStages = {
    SchoolStage::kPrePrimary, SchoolStage::kPrimary, SchoolStage::kLowerSecondary,
    SchoolStage::kUpperSecondary};

/// Short code as stored and written in files: "อ.1", "ป.6", "ม.3".
std::string_view GradeCode(Grade grade);
/// Full name as printed in seed 003 table 4: "ประถมศึกษาปีที่ 1".
std::string_view GradeName(Grade grade);
SchoolStage StageOf(Grade grade);
/// Subtotal label of a stage: "รวมก่อนประถมศึกษา".
std::string_view StageSubtotalName(SchoolStage stage);
/// Accepts the codes and names offices write: "อ.1", "อบ.1", "อนุบาล 1", "ป.1", "ประถมศึกษาปีที่ 1",
/// "ม.1", "มัธยมศึกษาปีที่ 1", "K1", "P1", "M1" (Thai or Arabic digits, spaces ignored).
std::optional<Grade> ParseGrade(std::string_view text);
int GradeIndex(Grade grade);

}  // namespace khet
