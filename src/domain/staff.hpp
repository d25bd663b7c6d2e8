#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace khet {

/// A staff position in a school, as the census counts it.
enum class Position {
    kDirector,            // ผู้อำนวยการ
    kDeputyDirector,      // รองผู้อำนวยการ
    kTeacher,             // ครู
    kAssistantTeacher,    // ครูผู้ช่วย
    kGovernmentEmployee,  // พนักงานราชการ (teaching)
    kContractTeacher,     // ครูอัตราจ้าง
    kEmployee,            // ลูกจ้าง (not teaching)
};

inline constexpr std::array<Position, 7> kAllPositions = {
    Position::kDirector,         Position::kDeputyDirector,     Position::kTeacher,
    Position::kAssistantTeacher, Position::kGovernmentEmployee, Position::kContractTeacher,
    Position::kEmployee};

std::string_view PositionName(Position position);
/// Accepts the short names and the EMIS ones ("1. ผู้อำนวยการโรงเรียน", "ลูกจ้างประจำ", "ลูกจ้างชั่วคราว").
std::optional<Position> ParsePosition(std::string_view text);
/// Whether the position is a ข้าราชการครูและบุคลากรทางการศึกษา (seed 003 table 6 and 7 count these).
bool IsCivilServant(Position position);
/// Whether the position counts as a teacher in the teacher : student ratio (seed 003 table 3):
/// everyone who teaches — directors, deputies, teachers, assistant teachers, government employees
/// and contract teachers; not other employees (ลูกจ้าง).
bool CountsAsTeacher(Position position);

/// Salary rank คศ.1–คศ.5, "ครูผู้ช่วย", or "-" for positions without one.
std::optional<std::string_view> ParseRank(std::string_view text);
inline constexpr std::array<std::string_view, 7> kRanks = {"คศ.1", "คศ.2",   "คศ.3", "คศ.4",
                                                           "คศ.5", "ครูผู้ช่วย", "-"};

/// Academic standing (วิทยฐานะ): "-", ชำนาญการ, ชำนาญการพิเศษ, เชี่ยวชาญ, เชี่ยวชาญพิเศษ.
/// "ผู้อำนวยการชำนาญการ" and "ครูชำนาญการ" are read as ชำนาญการ.
std::optional<std::string_view> ParseStanding(std::string_view text);
inline constexpr std::array<std::string_view, 5> kStandings = {"-", "ชำนาญการ", "ชำนาญการพิเศษ",
                                                               "เชี่ยวชาญ", "เชี่ยวชาญพิเศษ"};

/// Highest degree, as seed 003 table 7 lists it.
inline constexpr std::array<std::string_view, 4> kDegrees = {"ปริญญาเอก", "ปริญญาโท", "ปริญญาตรี",
                                                             "ต่ำกว่าปริญญาตรี"};
std::optional<std::string_view> ParseDegree(std::string_view text);

}  // namespace khet
