#include "domain/staff.hpp"

#include <string>

#include "base/assert.hpp"
#include "base/text.hpp"

namespace khet {
namespace {

// EMIS numbers its positions ("3. ครู"); the number carries no meaning of its own.
std::string_view WithoutNumbering(std::string_view text) {
    text = TrimSpaces(text);
    std::size_t i = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    if (i > 0 && i < text.size() && text[i] == '.') text.remove_prefix(i + 1);
    return TrimSpaces(text);
}

bool StartsWith(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string_view PositionName(Position position) {
    switch (position) {
        case Position::kDirector:
            return "ผู้อำนวยการ";
        case Position::kDeputyDirector:
            return "รองผู้อำนวยการ";
        case Position::kTeacher:
            return "ครู";
        case Position::kAssistantTeacher:
            return "ครูผู้ช่วย";
        case Position::kGovernmentEmployee:
            return "พนักงานราชการ";
        case Position::kContractTeacher:
            return "ครูอัตราจ้าง";
        case Position::kEmployee:
            return "ลูกจ้าง";
    }
    KHET_UNREACHABLE("Position outside the enum");
}

std::optional<Position> ParsePosition(std::string_view text) {
    const std::string_view key = WithoutNumbering(text);
    for (Position position : kAllPositions) {
        if (key == PositionName(position)) return position;
    }
    if (key == "ผู้อำนวยการโรงเรียน" || key == "ผอ.") return Position::kDirector;
    if (key == "รองผู้อำนวยการโรงเรียน" || key == "รอง ผอ.") return Position::kDeputyDirector;
    if (StartsWith(key, "ลูกจ้าง")) return Position::kEmployee;
    if (key == "ครูจ้างสอน") return Position::kContractTeacher;
    return std::nullopt;
}

bool IsCivilServant(Position position) {
    return position == Position::kDirector || position == Position::kDeputyDirector ||
           position == Position::kTeacher || position == Position::kAssistantTeacher;
}

bool CountsAsTeacher(Position position) { return position != Position::kEmployee; }

std::optional<std::string_view> ParseRank(std::string_view text) {
    std::string_view key = TrimSpaces(text);
    if (key.empty()) key = "-";
    for (std::string_view rank : kRanks) {
        if (key == rank) return rank;
    }
    return std::nullopt;
}

std::optional<std::string_view> ParseStanding(std::string_view text) {
    std::string_view key = TrimSpaces(text);
    if (key.empty()) return kStandings[0];
    for (std::string_view prefix : {"รองผู้อำนวยการ", "ผู้อำนวยการ", "ครู"}) {
        if (StartsWith(key, prefix) && key.size() > prefix.size()) {
            key.remove_prefix(prefix.size());
            break;
        }
    }
    for (std::string_view standing : kStandings) {
        if (key == standing) return standing;
    }
    return std::nullopt;
}

std::optional<std::string_view> ParseDegree(std::string_view text) {
    const std::string_view key = TrimSpaces(text);
    for (std::string_view degree : kDegrees) {
        if (key == degree) return degree;
    }
    if (key == "ป.เอก") return kDegrees[0];
    if (key == "ป.โท") return kDegrees[1];
    if (key == "ป.ตรี") return kDegrees[2];
    return std::nullopt;
}

}  // namespace khet
