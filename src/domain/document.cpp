#include "domain/document.hpp"

#include <cmath>
#include <cstdio>

namespace khet {

std::string FormatInteger(long long value) {
    std::string digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    const int n = static_cast<int>(digits.size());
    for (int i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return value < 0 ? "-" + out : out;
}

std::string FormatDecimal(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    // A tiny nudge keeps 17.275 (stored as 17.27499…) rounding up as a person would.
    const double rounded = std::round(value * scale + (value >= 0 ? 1e-7 : -1e-7)) / scale;
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, rounded);
    std::string text = buffer;
    const auto dot = text.find('.');
    const std::string whole = text.substr(0, dot);
    const bool negative = !whole.empty() && whole[0] == '-';
    std::string grouped = FormatInteger(std::stoll(negative ? whole.substr(1) : whole));
    if (negative) grouped = "-" + grouped;
    return dot == std::string::npos ? grouped : grouped + text.substr(dot);
}

Cell Cell::Text(std::string text) { return Cell{std::move(text), std::nullopt, CellKind::kText}; }
Cell Cell::Integer(long long value) {
    return Cell{FormatInteger(value), static_cast<double>(value), CellKind::kInteger};
}
Cell Cell::Decimal(double value) { return Cell{FormatDecimal(value), value, CellKind::kDecimal}; }
Cell Cell::Percent(double value) { return Cell{FormatDecimal(value), value, CellKind::kPercent}; }
Cell Cell::Ratio(double value) {
    return Cell{"1:" + FormatDecimal(value), value, CellKind::kRatio};
}
Cell Cell::None() { return Cell{"-", std::nullopt, CellKind::kText}; }

}  // namespace khet
