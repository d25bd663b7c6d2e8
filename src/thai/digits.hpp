#pragma once

#include <string>
#include <string_view>

namespace khet {

/// Replaces each ASCII digit 0–9 with the Thai digit ๐–๙; every other byte is kept as it is.
std::string ToThaiDigits(std::string_view text);

/// Replaces each Thai digit ๐–๙ with the ASCII digit 0–9; every other byte is kept as it is.
std::string ToArabicDigits(std::string_view text);

}  // namespace khet
