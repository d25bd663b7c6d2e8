#include "domain/kpi.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "base/text.hpp"
#include "thai/digits.hpp"

namespace khet {
namespace {

constexpr int kMaxScale = 6;

struct UnitName {
    KpiUnit unit;
    std::string_view label;
    std::string_view name;
};

constexpr std::array<UnitName, 7> kUnits = {{
    {KpiUnit::kPercent, "ร้อยละ", "percent"},
    {KpiUnit::kPeople, "คน", "people"},
    {KpiUnit::kCount, "จำนวน", "count"},
    {KpiUnit::kLevel, "ระดับ", "level"},
    {KpiUnit::kRatio, "สัดส่วน", "ratio"},
    {KpiUnit::kEvery, "ทุกแห่ง", "every"},
    {KpiUnit::kText, "ข้อความ", "text"},
}};

struct KnownPolarity {
    Polarity polarity;
    std::string_view label;
    std::string_view name;
};

constexpr std::array<KnownPolarity, 4> kPolarities = {{
    {Polarity::kHigherIsBetter, "ยิ่งสูงยิ่งดี", "higher"},
    {Polarity::kLowerIsBetter, "ยิ่งต่ำยิ่งดี", "lower"},
    {Polarity::kRange, "อยู่ในช่วงเป้าหมาย", "range"},
    {Polarity::kChange, "เปลี่ยนแปลงจากปีก่อน", "change"},
}};

constexpr std::string_view kEveryWord = "ทุกแห่ง";

}  // namespace

std::optional<Decimal> Decimal::Parse(std::string_view raw) {
    const std::string text = ToArabicDigits(TrimSpaces(raw));
    std::size_t at = 0;
    bool negative = false;
    if (at < text.size() && (text[at] == '-' || text[at] == '+' || text[at] == '\xE2')) {
        // U+2212 MINUS SIGN (e2 88 92), as word processors write it.
        if (text[at] == '\xE2') {
            if (text.compare(at, 3, "\xE2\x88\x92") != 0) return std::nullopt;
            negative = true;
            at += 3;
        } else {
            negative = text[at] == '-';
            ++at;
        }
    }
    Decimal decimal;
    bool digits = false;
    bool point = false;
    // Commas only as thousands separators: "1,2" (a decimal comma?) is refused, not read as 12.
    bool grouped = false;
    int since_comma = 0;
    for (; at < text.size(); ++at) {
        const char c = text[at];
        if (c >= '0' && c <= '9') {
            if (point && decimal.scale == kMaxScale) return std::nullopt;
            if (decimal.units > (INT64_MAX - 9) / 10) return std::nullopt;
            decimal.units = decimal.units * 10 + (c - '0');
            if (point) {
                ++decimal.scale;
            } else {
                ++since_comma;
            }
            digits = true;
        } else if (c == '.' && !point) {
            if (grouped && since_comma != 3) return std::nullopt;
            point = true;
        } else if (c == ',' && !point && digits) {
            if ((grouped && since_comma != 3) || (!grouped && since_comma > 3)) return std::nullopt;
            grouped = true;
            since_comma = 0;
        } else {
            return std::nullopt;
        }
    }
    if (!digits || (point && decimal.scale == 0)) return std::nullopt;
    if (grouped && !point && since_comma != 3) return std::nullopt;
    if (negative) decimal.units = -decimal.units;
    return decimal;
}

std::string Decimal::Text() const {
    if (scale == 0) return std::to_string(units);
    std::int64_t divisor = 1;
    for (int i = 0; i < scale; ++i) divisor *= 10;
    const std::int64_t whole = units / divisor;
    const std::int64_t fraction = units < 0 ? -(units % divisor) : units % divisor;
    return fmt::format("{}{}.{:0{}}", units < 0 && whole == 0 ? "-" : "", whole, fraction, scale);
}

double Decimal::Value() const { return static_cast<double>(units) / std::pow(10.0, scale); }

std::string_view KpiUnitLabel(KpiUnit unit) {
    for (const UnitName& known : kUnits) {
        if (known.unit == unit) return known.label;
    }
    return "";
}

Result<KpiUnit> ParseKpiUnit(std::string_view raw) {
    const std::string_view text = TrimSpaces(raw);
    for (const UnitName& known : kUnits) {
        if (text == known.label || text == known.name) return known.unit;
    }
    std::string names;
    for (const UnitName& known : kUnits) {
        names += fmt::format("{}{} ({})", names.empty() ? "" : ", ", known.label, known.name);
    }
    return InvalidArgument(fmt::format("ไม่รู้จักหน่วยนับ \"{}\": ใช้ได้ {}", text, names));
}

std::string_view PolarityLabel(Polarity polarity) {
    for (const KnownPolarity& known : kPolarities) {
        if (known.polarity == polarity) return known.label;
    }
    return "";
}

std::string_view PolarityName(Polarity polarity) {
    for (const KnownPolarity& known : kPolarities) {
        if (known.polarity == polarity) return known.name;
    }
    return "";
}

Result<Polarity> ParsePolarity(std::string_view raw) {
    const std::string_view text = TrimSpaces(raw);
    for (const KnownPolarity& known : kPolarities) {
        if (text == known.name || text == known.label) return known.polarity;
    }
    return InvalidArgument(
        fmt::format("ไม่รู้จักทิศทางของตัวชี้วัด \"{}\": ใช้ได้ higher (ยิ่งสูงยิ่งดี), lower (ยิ่งต่ำยิ่งดี), "
                    "range (อยู่ในช่วงเป้าหมาย), change (เปลี่ยนแปลงจากปีก่อน)",
                    text));
}

std::string KpiValue::Text() const {
    switch (kind) {
        case Kind::kNone:
            return "-";
        case Kind::kNumber:
            return number.Text();
        case Kind::kRatio:
            return number.Text() + ":" + second.Text();
        case Kind::kEvery:
            return std::string(kEveryWord);
        case Kind::kLevel:
        case Kind::kText:
        case Kind::kUnreadable:
            return text;
    }
    return "-";
}

const std::vector<std::string>& DefaultLevels() {
    static const std::vector<std::string> levels = {"ปรับปรุง", "พอใช้", "ดี", "ดีมาก", "ดีเยี่ยม"};
    return levels;
}

Result<KpiValue> ParseKpiValue(std::string_view raw, KpiUnit unit,
                               const std::vector<std::string>& levels) {
    const std::string_view text = TrimSpaces(raw);
    if (text.empty() || text == "-" || text == "–") return KpiValue::None();
    const auto number = Decimal::Parse(text);
    switch (unit) {
        case KpiUnit::kPercent:
        case KpiUnit::kPeople:
        case KpiUnit::kCount:
            if (number) return KpiValue::Number(*number);
            return InvalidArgument(
                fmt::format("\"{}\" ไม่ใช่ตัวเลข: หน่วย{} ต้องเป็นตัวเลข เช่น 91.97 "
                            "หรือ - เมื่อไม่มีค่า",
                            text, KpiUnitLabel(unit)));
        case KpiUnit::kEvery:
            if (text == kEveryWord) return KpiValue{KpiValue::Kind::kEvery, {}, {}, ""};
            if (number) return KpiValue::Number(*number);
            return InvalidArgument(
                fmt::format("\"{}\" ไม่ใช่ค่าของหน่วยทุกแห่ง: ใช้ ทุกแห่ง หรือจำนวน หรือ - เมื่อไม่มีค่า", text));
        case KpiUnit::kRatio: {
            const auto colon = text.find(':');
            if (colon != std::string_view::npos) {
                const auto first = Decimal::Parse(text.substr(0, colon));
                const auto second = Decimal::Parse(text.substr(colon + 1));
                if (first && second && second->units != 0) {
                    return KpiValue{KpiValue::Kind::kRatio, *first, *second, ""};
                }
            }
            return InvalidArgument(
                fmt::format("\"{}\" ไม่ใช่สัดส่วน: เขียนเป็น ก:ข เช่น 3:2 หรือ - เมื่อไม่มีค่า", text));
        }
        case KpiUnit::kLevel: {
            if (std::find(levels.begin(), levels.end(), text) != levels.end()) {
                return KpiValue{KpiValue::Kind::kLevel, {}, {}, std::string(text)};
            }
            std::string names;
            for (const std::string& level : levels) names += (names.empty() ? "" : ", ") + level;
            return InvalidArgument(
                fmt::format("\"{}\" ไม่ใช่ระดับที่กำหนด: ใช้ได้ {} หรือ - เมื่อไม่มีค่า", text, names));
        }
        case KpiUnit::kText:
            return KpiValue{KpiValue::Kind::kText, {}, {}, std::string(text)};
    }
    return KpiValue::None();
}

}  // namespace khet
