#pragma once

#include <compare>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/assert.hpp"
#include "base/error.hpp"

namespace khet {

/// An amount of Thai money as a whole number of satang (1 baht = 100 satang); never a float.
class Money {
  public:
    /// Zero baht.
    constexpr Money() = default;
    /// The amount of `satang` satang; `FromSatang(150)` is 1.50 baht.
    static constexpr Money FromSatang(std::int64_t satang) { return Money(satang); }
    /// Parses a baht amount such as "1,234.50", "-0.75" or "12"; digits past the second decimal
    /// round to the satang half away from zero; kInvalidArgument for anything else.
    static Result<Money> Parse(std::string_view text);

    /// The amount in satang.
    constexpr std::int64_t Satang() const { return satang_; }

    /// The sum of `amounts`; kInvalidArgument when it passes what Money holds (±92 million
    /// million baht). What sums amounts users enter, so that no input can stop the process.
    static Result<Money> Sum(std::span<const Money> amounts);

    /// Sum; overflowing ±92 million million baht is a bug and stops the process.
    friend Money operator+(Money a, Money b) {
        std::int64_t sum = 0;
        KHET_ASSERT(!__builtin_add_overflow(a.satang_, b.satang_, &sum), "Money overflow");
        return Money(sum);
    }
    /// Difference; overflow is a bug and stops the process.
    friend Money operator-(Money a, Money b) {
        std::int64_t difference = 0;
        KHET_ASSERT(!__builtin_sub_overflow(a.satang_, b.satang_, &difference), "Money overflow");
        return Money(difference);
    }
    /// Negation; negating the most negative amount is a bug and stops the process.
    friend Money operator-(Money a) { return Money() - a; }
    Money& operator+=(Money other) { return *this = *this + other; }
    Money& operator-=(Money other) { return *this = *this - other; }

    friend constexpr auto operator<=>(Money, Money) = default;

  private:
    explicit constexpr Money(std::int64_t satang) : satang_(satang) {}
    std::int64_t satang_ = 0;
};

}  // namespace khet
