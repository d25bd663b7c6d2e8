#pragma once
// Indicators (ตัวชี้วัด) as the offices' plans write them (seed 002's KPI table): a unit, a
// direction, and targets and results that are not always one number: "-" for none, a level
// (ดีเยี่ยม), a ratio (3:2), "ทุกแห่ง", or a number written with as many decimals as the office
// wrote (91.97, -5.20, 0.01), which must come back out exactly so.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace khet {

/// A decimal number kept exactly as written: 91.97 is {9197, 2}, -5.20 is {-520, 2}.
struct Decimal {
    std::int64_t units = 0;  // the number × 10^scale
    int scale = 0;           // digits after the point, 0–6

    /// "91.97", "-5.20", "+3", "๙๑.๙๗" (Thai digits), "1,250"; nullopt for anything else.
    static std::optional<Decimal> Parse(std::string_view text);
    /// As written: the same digits after the point.
    std::string Text() const;
    double Value() const;

    bool operator==(const Decimal&) const = default;
};

/// หน่วยนับ: what a KPI counts in.
enum class KpiUnit {
    kPercent,  // ร้อยละ
    kPeople,   // คน
    kCount,    // จำนวน (schools, networks, projects …)
    kLevel,    // ระดับ: a named level of an ordered scale (ดีเยี่ยม)
    kRatio,    // สัดส่วน: a:b
    kEvery,    // ทุกแห่ง: every school, network or unit of the office
    kText,     // a statement, achieved or not
};

/// "ร้อยละ", "คน", …
std::string_view KpiUnitLabel(KpiUnit unit);
/// The unit of its Thai label or its English name ("percent", "people", "count", "level",
/// "ratio", "every", "text"); kInvalidArgument naming the known ones otherwise.
Result<KpiUnit> ParseKpiUnit(std::string_view text);

/// Which way is better.
enum class Polarity {
    kHigherIsBetter,  // most KPIs: a result at or over the target achieves it
    kLowerIsBetter,   // a rate to bring down (seed 002 KPI 20, dropout 0.01)
    kRange,           // a result inside [target, target_high]
    kChange,          // the result is a change against last year, in the unit (seed 002 KPI 11)
};

std::string_view PolarityLabel(Polarity polarity);
/// "higher", "lower", "range", "change": as plan files and the store write it.
std::string_view PolarityName(Polarity polarity);
/// "higher", "lower", "range", "change"; kInvalidArgument otherwise.
Result<Polarity> ParsePolarity(std::string_view text);

/// A target or result cell: nothing ("-"), a number, a level, a ratio, every, or text.
struct KpiValue {
    // kUnreadable: a value stored that the KPI's unit cannot read (out of range, or written by
    // an older Khet or another program); `text` keeps it as stored, so the plan still reads and
    // says which value is wrong, and a new value replaces it.
    enum class Kind { kNone, kNumber, kLevel, kRatio, kEvery, kText, kUnreadable };
    Kind kind = Kind::kNone;
    Decimal number;    // kNumber; the first term of a ratio
    Decimal second;    // the second term of a ratio
    std::string text;  // a level's or a text's words

    static KpiValue None() { return {}; }
    static KpiValue Number(Decimal value) { return {Kind::kNumber, value, {}, ""}; }
    static KpiValue Unreadable(std::string stored) {
        return {Kind::kUnreadable, {}, {}, std::move(stored)};
    }

    bool IsNone() const { return kind == Kind::kNone; }
    /// As the plan prints it: "-", "91.97", "3:2", "ทุกแห่ง", "ดีเยี่ยม".
    std::string Text() const;
    bool operator==(const KpiValue&) const = default;
};

/// The ordered levels a KPI of unit ระดับ is judged on, lowest first, unless it names its own.
const std::vector<std::string>& DefaultLevels();

/// Reads a cell written for a KPI of `unit`: "-" (or empty) is none; a percent, people or count
/// KPI takes a number (Thai digits and thousands separators accepted), a ratio "a:b", a level one
/// of `levels`, an every-KPI "ทุกแห่ง" or a number, a text KPI any text. kInvalidArgument saying
/// what the unit takes otherwise (the caller adds where the cell is).
Result<KpiValue> ParseKpiValue(std::string_view text, KpiUnit unit,
                               const std::vector<std::string>& levels = DefaultLevels());

}  // namespace khet
