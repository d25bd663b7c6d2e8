#pragma once
// A KPI whose result comes from Khet's own data: a formula over the measures of the office's
// census round, such as `100 * small_schools / schools` or `students / teachers`. Khet
// evaluates it when a reporting round closes and stores the value with the round, the formula
// and the working, so a later change of the formula never rewrites a result already stored.
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "domain/census.hpp"

namespace khet {

/// A number of the office's census round a formula may name.
struct KpiMeasure {
    std::string_view name;   // as formulas write it: "students"
    std::string_view label;  // what it counts, in Thai
};

/// Every measure, in the order the docs list them.
std::span<const KpiMeasure> KpiMeasures();

/// The measures of one office's census round, by name.
using MeasureValues = std::map<std::string, long long, std::less<>>;

/// Counts every measure of `snapshot`: its enrolment and staff rows, and its OBEC schools
/// that are open (a school whose students are ≤ kSmallSchoolStudents is small).
MeasureValues MeasuresOf(const OfficeSnapshot& snapshot);

/// OBEC's small school: at most 120 students.
inline constexpr long long kSmallSchoolStudents = 120;

/// What a formula gave: its value and the working with the measures' values in place
/// ("100 × 52 ÷ 148").
struct FormulaValue {
    double value = 0;
    std::string working;
};

/// A formula of numbers, measures, + - * / (or × ÷) and parentheses.
class KpiFormula {
  public:
    /// kInvalidArgument saying where and what is wrong: an unknown measure (listing the known
    /// ones), a character a formula cannot hold, a number past ±10^12, a missing operand or
    /// parenthesis, more than 1,000 characters or 32 parentheses one inside another.
    static Result<KpiFormula> Parse(std::string_view text);

    /// As written.
    const std::string& Text() const { return text_; }
    /// Evaluates over `values`, which must hold every measure named; kConflict for a division
    /// by zero, naming the divisor's working; kInvalidArgument when a step leaves ±10^12.
    Result<FormulaValue> Evaluate(const MeasureValues& values) const;

  private:
    struct Token {
        enum class Kind { kNumber, kMeasure, kOperator, kOpen, kClose };
        Kind kind = Kind::kNumber;
        std::string text;  // the number or name as written; the operator in ASCII
        double number = 0;
        int column = 0;  // 1-based, in characters
    };
    explicit KpiFormula(std::string text, std::vector<Token> tokens)
        : text_(std::move(text)), tokens_(std::move(tokens)) {}

    std::string text_;
    std::vector<Token> tokens_;
    friend class FormulaReader;
};

}  // namespace khet
