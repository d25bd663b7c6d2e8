#pragma once
// UTF-8 at the byte level: what every layer that reads or writes text needs, once.
#include <cstddef>
#include <string>
#include <string_view>

namespace khet {

/// U+FFFD, written where bytes cannot be shown as what they were.
inline constexpr char32_t kReplacementCharacter = 0xFFFD;

/// Offset of the first byte that does not belong to well-formed UTF-8 (no overlongs, surrogates
/// or code points above U+10FFFF), or bytes.size() when all of it is.
std::size_t FindInvalidUtf8(std::string_view bytes);

inline bool IsValidUtf8(std::string_view bytes) { return FindInvalidUtf8(bytes) == bytes.size(); }

/// The code point at `at`, moving `at` past it; for a byte that does not start well-formed UTF-8,
/// U+FFFD and `at` moved past the longest ill-formed part (Unicode's "maximal subpart").
char32_t DecodeUtf8(std::string_view bytes, std::size_t& at);

/// Appends one Unicode scalar value as UTF-8.
void AppendUtf8(char32_t code_point, std::string& out);

/// Writes one Unicode scalar value as UTF-8 at `out` (room for 4 bytes); returns the end.
char* WriteUtf8(char32_t code_point, char* out);

/// Unicode's noncharacters: U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE,
/// U+FFFF, U+1FFFE …). They are for a program's own use and break XML, so no document holds one.
constexpr bool IsNoncharacter(char32_t c) {
    return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

}  // namespace khet
