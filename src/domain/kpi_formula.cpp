#include "domain/kpi_formula.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "base/text.hpp"
#include "domain/document.hpp"
#include "domain/statistics.hpp"
#include "thai/digits.hpp"

namespace khet {
namespace {

constexpr std::array kMeasures = {
    KpiMeasure{"schools", "โรงเรียนสังกัด สพฐ. ที่เปิดสอน"},
    KpiMeasure{"schools_reported", "โรงเรียนที่ส่งข้อมูลนักเรียนในรอบ"},
    KpiMeasure{"small_schools", "โรงเรียนขนาดเล็ก (นักเรียนไม่เกิน 120 คน)"},
    KpiMeasure{"schools_short_of_teachers", "โรงเรียนที่มีครูน้อยกว่าห้องเรียน (ครูไม่ครบชั้น)"},
    KpiMeasure{"students", "นักเรียนทั้งหมด"},
    KpiMeasure{"students_male", "นักเรียนชาย"},
    KpiMeasure{"students_female", "นักเรียนหญิง"},
    KpiMeasure{"students_pre_primary", "นักเรียนก่อนประถมศึกษา"},
    KpiMeasure{"students_primary", "นักเรียนประถมศึกษา"},
    KpiMeasure{"students_lower_secondary", "นักเรียนมัธยมศึกษาตอนต้น"},
    KpiMeasure{"students_upper_secondary", "นักเรียนมัธยมศึกษาตอนปลาย"},
    KpiMeasure{"rooms", "ห้องเรียน"},
    KpiMeasure{"teachers", "ครู (ตำแหน่งที่นับเป็นครูผู้สอน)"},
};

std::string_view StageMeasure(SchoolStage stage) {
    switch (stage) {
        case SchoolStage::kPrePrimary:
            return "students_pre_primary";
        case SchoolStage::kPrimary:
            return "students_primary";
        case SchoolStage::kLowerSecondary:
            return "students_lower_secondary";
        case SchoolStage::kUpperSecondary:
            return "students_upper_secondary";
    }
    return "students";
}

bool IsKnownMeasure(std::string_view name) {
    for (const KpiMeasure& measure : kMeasures) {
        if (measure.name == name) return true;
    }
    return false;
}

std::string KnownMeasureNames() {
    std::string names;
    for (const KpiMeasure& measure : kMeasures) {
        if (!names.empty()) names += ", ";
        names += measure.name;
    }
    return names;
}

// Every number a formula writes, reads or gives stays within this: far above any count or
// percent of the census (6.5 million students), far below where a double loses whole units or a
// result in hundredths leaves int64 (a literal of 92233720368547758 once stored -9.2e16).
constexpr double kLargestMagnitude = 1e12;

constexpr std::size_t kMostFormulaCharacters = 1000;
constexpr int kMostParentheses = 32;

bool InRange(double value) { return std::isfinite(value) && std::fabs(value) <= kLargestMagnitude; }

// A number for the working: whole numbers without a point, others with up to 4 decimals.
std::string WorkingNumber(double value) {
    if (value == std::floor(value) && std::fabs(value) < 1e15) {
        return fmt::format("{}", static_cast<long long>(value));
    }
    std::string text = fmt::format("{:.4f}", value);
    while (text.back() == '0') text.pop_back();
    return text;
}

}  // namespace

std::span<const KpiMeasure> KpiMeasures() { return kMeasures; }

MeasureValues MeasuresOf(const OfficeSnapshot& snapshot) {
    MeasureValues values;
    for (const KpiMeasure& measure : kMeasures) values[std::string(measure.name)] = 0;
    for (const EnrolmentRow& row : snapshot.enrolment) {
        values["students"] += row.Students();
        values["students_male"] += row.male;
        values["students_female"] += row.female;
        values[std::string(StageMeasure(StageOf(row.grade)))] += row.Students();
        values["rooms"] += row.rooms;
    }
    for (const StaffRow& row : snapshot.staff) {
        if (CountsAsTeacher(row.position)) values["teachers"] += row.People();
    }
    const auto totals = TotalsBySchool(snapshot);
    for (const School& school : snapshot.schools) {
        if (!IsCountedObecSchool(school)) continue;
        ++values["schools"];
        const auto found = totals.find(school.code);
        if (found == totals.end() || !found->second.reported) continue;
        const SchoolTotals& own = found->second;
        ++values["schools_reported"];
        if (own.students <= kSmallSchoolStudents) ++values["small_schools"];
        if (own.teachers < own.rooms) ++values["schools_short_of_teachers"];
    }
    return values;
}

// Reads a formula's tokens by recursive descent: expression := term (('+'|'-') term)*,
// term := factor (('*'|'/') factor)*, factor := number | measure | '(' expression ')' |
// '-' factor. Without values it only checks the grammar; with them it also evaluates.
class FormulaReader {
  public:
    using Token = KpiFormula::Token;

    FormulaReader(const std::string& text, const std::vector<Token>& tokens,
                  const MeasureValues* values)
        : text_(text), tokens_(tokens), values_(values) {}

    Result<FormulaValue> Read() {
        auto value = Expression();
        if (!value) return value;
        if (at_ < tokens_.size()) {
            return Problem(
                tokens_[at_].column,
                fmt::format("\"{}\" เกินมา: ต้องมีเครื่องหมาย + - * / ก่อน", tokens_[at_].text));
        }
        return value;
    }

  private:
    Result<FormulaValue> Expression() {
        auto left = Term();
        if (!left) return left;
        while (at_ < tokens_.size() && tokens_[at_].kind == Token::Kind::kOperator &&
               (tokens_[at_].text == "+" || tokens_[at_].text == "-")) {
            const bool plus = tokens_[at_++].text == "+";
            auto right = Term();
            if (!right) return right;
            left->value = plus ? left->value + right->value : left->value - right->value;
            left->working += plus ? " + " : " - ";
            left->working += right->working;
            if (auto checked = CheckRange(*left); !checked) return std::unexpected(checked.error());
        }
        return left;
    }

    Result<FormulaValue> Term() {
        auto left = Factor();
        if (!left) return left;
        while (at_ < tokens_.size() && tokens_[at_].kind == Token::Kind::kOperator &&
               (tokens_[at_].text == "*" || tokens_[at_].text == "/")) {
            const bool times = tokens_[at_++].text == "*";
            auto right = Factor();
            if (!right) return right;
            if (!times && values_ && right->value == 0) {
                return Fail(ErrorCode::kConflict,
                            fmt::format("สูตร \"{}\" หารด้วยศูนย์: {} = 0", text_, right->working),
                            {FieldError{"formula", "หารด้วยศูนย์", 0, ""}});
            }
            left->value = times ? left->value * right->value
                                : (values_ ? left->value / right->value : left->value);
            left->working += times ? " × " : " ÷ ";
            left->working += right->working;
            if (auto checked = CheckRange(*left); !checked) return std::unexpected(checked.error());
        }
        return left;
    }

    Result<FormulaValue> Factor() {
        if (at_ >= tokens_.size()) {
            return Problem(static_cast<int>(CodePoints(text_)) + 1,
                           "สูตรจบก่อนครบ: ต้องมีตัวเลข ชื่อข้อมูล หรือ ( ต่อ");
        }
        const Token& token = tokens_[at_++];
        switch (token.kind) {
            case Token::Kind::kNumber:
                return FormulaValue{token.number, token.text};
            case Token::Kind::kMeasure: {
                if (!values_) return FormulaValue{1, token.text};
                const auto found = values_->find(token.text);
                const double value =
                    found == values_->end() ? 0 : static_cast<double>(found->second);
                return FormulaValue{value, WorkingNumber(value)};
            }
            case Token::Kind::kOpen: {
                auto inner = Expression();
                if (!inner) return inner;
                if (at_ >= tokens_.size() || tokens_[at_].kind != Token::Kind::kClose) {
                    return Problem(token.column, "วงเล็บเปิด ( นี้ไม่มีวงเล็บปิด )");
                }
                ++at_;
                inner->working = "(" + inner->working + ")";
                return inner;
            }
            case Token::Kind::kOperator:
                if (token.text == "-") {
                    auto operand = Factor();
                    if (!operand) return operand;
                    operand->value = -operand->value;
                    operand->working = "-" + operand->working;
                    return operand;
                }
                [[fallthrough]];
            case Token::Kind::kClose:
                break;
        }
        return Problem(token.column,
                       fmt::format("ต้องเป็นตัวเลข ชื่อข้อมูล หรือ ( ไม่ใช่ \"{}\"", token.text));
    }

    // Measures are counted only when values are given; a grammar check passes 1 for each.
    Status CheckRange(const FormulaValue& value) const {
        if (!values_ || InRange(value.value)) return {};
        const std::string message =
            fmt::format("สูตร \"{}\" ให้ค่าเกินช่วงที่เก็บได้ (±{}): {}", text_,
                        FormatInteger(static_cast<long long>(kLargestMagnitude)), value.working);
        return InvalidArgument(message, {FieldError{"formula", message, 0, ""}});
    }

    std::unexpected<Error> Problem(int column, std::string_view what) const {
        std::string message = fmt::format("สูตร \"{}\" ตำแหน่งที่ {}: {}", text_, column, what);
        return InvalidArgument(message, {FieldError{"formula", message, 0, ""}});
    }

    const std::string& text_;
    const std::vector<Token>& tokens_;
    const MeasureValues* values_;
    std::size_t at_ = 0;
};

Result<KpiFormula> KpiFormula::Parse(std::string_view raw) {
    const std::string text(TrimSpaces(raw));
    const std::string ascii = ToArabicDigits(text);
    const auto problem = [&](int column, std::string_view what) {
        std::string message = fmt::format("สูตร \"{}\" ตำแหน่งที่ {}: {}", text, column, what);
        return InvalidArgument(message, {FieldError{"formula", message, 0, ""}});
    };
    if (ascii.empty()) return InvalidArgument("สูตรว่าง", {FieldError{"formula", "สูตรว่าง", 0, ""}});
    if (CodePoints(text) > kMostFormulaCharacters) {
        return problem(static_cast<int>(kMostFormulaCharacters) + 1,
                       fmt::format("สูตรยาวเกิน {} ตัวอักษร", kMostFormulaCharacters));
    }
    std::vector<Token> tokens;
    int column = 0;
    int depth = 0;  // parentheses open: the reader recurses once a level
    for (std::size_t i = 0; i < ascii.size();) {
        ++column;
        const unsigned char c = static_cast<unsigned char>(ascii[i]);
        const std::string_view rest = std::string_view(ascii).substr(i);
        if (c == ' ' || c == '\t') {
            ++i;
            continue;
        }
        if ((c >= '0' && c <= '9') || c == '.') {
            const std::size_t start = i;
            while (i < ascii.size() && ((ascii[i] >= '0' && ascii[i] <= '9') || ascii[i] == '.')) {
                ++i;
            }
            const std::string number = ascii.substr(start, i - start);
            char* end = nullptr;
            const double value = std::strtod(number.c_str(), &end);
            if (end != number.c_str() + number.size()) {
                return problem(column, fmt::format("\"{}\" ไม่ใช่ตัวเลข", number));
            }
            if (!InRange(value)) {
                return problem(
                    column, fmt::format("ตัวเลข {} ใหญ่เกินไป: ตัวเลขในสูตรต้องไม่เกิน {}", number,
                                        FormatInteger(static_cast<long long>(kLargestMagnitude))));
            }
            tokens.push_back({Token::Kind::kNumber, number, value, column});
            column += static_cast<int>(number.size()) - 1;
            continue;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
            const std::size_t start = i;
            while (i < ascii.size() &&
                   (std::isalnum(static_cast<unsigned char>(ascii[i])) || ascii[i] == '_')) {
                ++i;
            }
            const std::string name = ascii.substr(start, i - start);
            if (!IsKnownMeasure(name)) {
                return problem(column,
                               fmt::format("ไม่รู้จักข้อมูล \"{}\" (ที่มี: {})", name, KnownMeasureNames()));
            }
            tokens.push_back({Token::Kind::kMeasure, name, 0, column});
            column += static_cast<int>(name.size()) - 1;
            continue;
        }
        if (c == '+' || c == '-' || c == '*' || c == '/') {
            tokens.push_back(
                {Token::Kind::kOperator, std::string(1, static_cast<char>(c)), 0, column});
            ++i;
            continue;
        }
        if (rest.starts_with("×") || rest.starts_with("÷")) {
            tokens.push_back(
                {Token::Kind::kOperator, rest.starts_with("×") ? "*" : "/", 0, column});
            i += std::string_view("×").size();
            continue;
        }
        if (c == '(' || c == ')') {
            depth += c == '(' ? 1 : -1;
            if (depth > kMostParentheses) {
                return problem(column, fmt::format("วงเล็บซ้อนกันเกิน {} ชั้น", kMostParentheses));
            }
            tokens.push_back({c == '(' ? Token::Kind::kOpen : Token::Kind::kClose,
                              std::string(1, static_cast<char>(c)), 0, column});
            ++i;
            continue;
        }
        // One character, whole: a Thai letter is three bytes.
        std::size_t length = 1;
        while (i + length < ascii.size() &&
               (static_cast<unsigned char>(ascii[i + length]) & 0xC0) == 0x80) {
            ++length;
        }
        return problem(column,
                       fmt::format("\"{}\" ใช้ในสูตรไม่ได้: สูตรมีได้แค่ชื่อข้อมูล ตัวเลข + - * / และวงเล็บ",
                                   ascii.substr(i, length)));
    }
    KpiFormula formula(text, std::move(tokens));
    FormulaReader reader(formula.text_, formula.tokens_, nullptr);
    if (auto checked = reader.Read(); !checked) return std::unexpected(checked.error());
    return formula;
}

Result<FormulaValue> KpiFormula::Evaluate(const MeasureValues& values) const {
    FormulaReader reader(text_, tokens_, &values);
    return reader.Read();
}

}  // namespace khet
