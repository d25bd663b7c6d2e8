#include "domain/grade.hpp"

#include <string>

#include "base/assert.hpp"
#include "thai/digits.hpp"

namespace khet {
namespace {

struct GradeInfo {
    std::string_view code;
    std::string_view name;
    SchoolStage stage;
};

constexpr std::array<GradeInfo, 15> kGrades = {{
    {"อ.1", "อนุบาล 1", SchoolStage::kPrePrimary},
    {"อ.2", "อนุบาล 2", SchoolStage::kPrePrimary},
    {"อ.3", "อนุบาล 3", SchoolStage::kPrePrimary},
    {"ป.1", "ประถมศึกษาปีที่ 1", SchoolStage::kPrimary},
    {"ป.2", "ประถมศึกษาปีที่ 2", SchoolStage::kPrimary},
    {"ป.3", "ประถมศึกษาปีที่ 3", SchoolStage::kPrimary},
    {"ป.4", "ประถมศึกษาปีที่ 4", SchoolStage::kPrimary},
    {"ป.5", "ประถมศึกษาปีที่ 5", SchoolStage::kPrimary},
    {"ป.6", "ประถมศึกษาปีที่ 6", SchoolStage::kPrimary},
    {"ม.1", "มัธยมศึกษาปีที่ 1", SchoolStage::kLowerSecondary},
    {"ม.2", "มัธยมศึกษาปีที่ 2", SchoolStage::kLowerSecondary},
    {"ม.3", "มัธยมศึกษาปีที่ 3", SchoolStage::kLowerSecondary},
    {"ม.4", "มัธยมศึกษาปีที่ 4", SchoolStage::kUpperSecondary},
    {"ม.5", "มัธยมศึกษาปีที่ 5", SchoolStage::kUpperSecondary},
    {"ม.6", "มัธยมศึกษาปีที่ 6", SchoolStage::kUpperSecondary},
}};

std::string WithoutSpaces(std::string_view text) {
    std::string out;
    for (char c : ToArabicDigits(text)) {
        if (c != ' ' && c != '\t') out += c;
    }
    return out;
}

}  // namespace

int GradeIndex(Grade grade) { return static_cast<int>(grade); }
std::string_view GradeCode(Grade grade) { return kGrades[GradeIndex(grade)].code; }
std::string_view GradeName(Grade grade) { return kGrades[GradeIndex(grade)].name; }
SchoolStage StageOf(Grade grade) { return kGrades[GradeIndex(grade)].stage; }

std::string_view StageSubtotalName(SchoolStage stage) {
    switch (stage) {
        case SchoolStage::kPrePrimary:
            return "รวมก่อนประถมศึกษา";
        case SchoolStage::kPrimary:
            return "รวมประถมศึกษา";
        case SchoolStage::kLowerSecondary:
            return "รวมมัธยมศึกษาตอนต้น";
        case SchoolStage::kUpperSecondary:
            return "รวมมัธยมศึกษาตอนปลาย";
    }
    KHET_UNREACHABLE("SchoolStage outside the enum");
}

std::optional<Grade> ParseGrade(std::string_view text) {
    // Census files and the store write the short codes: match those before normalising.
    for (Grade grade : kAllGrades) {
        if (text == GradeCode(grade)) return grade;
    }
    const std::string key = WithoutSpaces(text);
    if (key.empty()) return std::nullopt;
    const char last = key.back();
    if (last < '1' || last > '6') return std::nullopt;
    const int number = last - '0';
    const std::string prefix = key.substr(0, key.size() - 1);
    auto pick = [&](int first, int count) -> std::optional<Grade> {
        if (number > count) return std::nullopt;
        return static_cast<Grade>(first + number - 1);
    };
    if (prefix == "อ." || prefix == "อบ." || prefix == "อนุบาล" || prefix == "K" || prefix == "k") {
        return pick(0, 3);
    }
    if (prefix == "ป." || prefix == "ประถมศึกษาปีที่" || prefix == "P" || prefix == "p") {
        return pick(3, 6);
    }
    if (prefix == "ม." || prefix == "มัธยมศึกษาปีที่" || prefix == "M" || prefix == "m") {
        return pick(9, 6);
    }
    return std::nullopt;
}

}  // namespace khet
