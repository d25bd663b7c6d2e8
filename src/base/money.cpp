#include "base/money.hpp"

#include <fmt/format.h>

#include <limits>

#include "base/text.hpp"

namespace khet {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Commas are accepted only as thousands separators, so "1,23" (a decimal comma?) is refused
// rather than read as 123 baht.
bool HasValidGrouping(std::string_view whole) {
    if (whole.find(',') == std::string_view::npos) return true;
    std::size_t group_length = 0;
    bool first_group = true;
    for (std::size_t i = 0; i <= whole.size(); ++i) {
        if (i == whole.size() || whole[i] == ',') {
            if (first_group ? (group_length < 1 || group_length > 3) : group_length != 3) {
                return false;
            }
            first_group = false;
            group_length = 0;
        } else {
            ++group_length;
        }
    }
    return true;
}

}  // namespace

Result<Money> Money::Sum(std::span<const Money> amounts) {
    std::int64_t sum = 0;
    for (const Money amount : amounts) {
        if (__builtin_add_overflow(sum, amount.satang_, &sum)) {
            return InvalidArgument("ผลรวมของจำนวนเงินมากเกินกว่าที่ระบบเก็บได้");
        }
    }
    return Money(sum);
}

Result<Money> Money::Parse(std::string_view text) {
    auto bad = [&] {
        return InvalidArgument(
            fmt::format("จำนวนเงินไม่ถูกต้อง: \"{}\" (ใช้ตัวเลข เช่น 1,234.50 หรือ -0.75)", text));
    };
    std::string_view rest = TrimSpaces(text);
    bool negative = false;
    if (!rest.empty() && (rest.front() == '-' || rest.front() == '+')) {
        negative = rest.front() == '-';
        rest.remove_prefix(1);
    }
    const auto point = rest.find('.');
    const std::string_view whole = rest.substr(0, point);
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view() : rest.substr(point + 1);

    if (whole.empty() || !IsDigit(whole.front()) || !HasValidGrouping(whole)) return bad();
    if (point != std::string_view::npos && fraction.empty()) return bad();
    for (char c : fraction) {
        if (!IsDigit(c)) return bad();
    }

    constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
    std::int64_t satang = 0;
    auto push_digit = [&](char c) {
        return !__builtin_mul_overflow(satang, 10, &satang) &&
               !__builtin_add_overflow(satang, c - '0', &satang);
    };
    auto too_large = [&] { return InvalidArgument(fmt::format("จำนวนเงินมากเกินไป: \"{}\"", text)); };
    for (char c : whole) {
        if (c == ',') continue;
        if (!IsDigit(c)) return bad();
        if (!push_digit(c)) return too_large();
    }
    for (std::size_t i = 0; i < 2; ++i) {
        if (!push_digit(i < fraction.size() ? fraction[i] : '0')) return too_large();
    }
    // Half away from zero: only the first dropped digit decides, since the magnitude is rounded
    // before the sign is applied.
    if (fraction.size() > 2 && fraction[2] >= '5') {
        if (satang == kMax) return too_large();
        ++satang;
    }
    return Money(negative ? -satang : satang);
}

}  // namespace khet
