#include "thai/citizen_id.hpp"

#include <fmt/format.h>
#include <unicode/utf8.h>

#include "thai/digits.hpp"

namespace khet {
namespace {

constexpr std::size_t kLength = 13;

bool IsSeparator(char c) { return c == '-' || c == ' ' || c == '\t'; }

// The whole UTF-8 character that starts at `at`, so a message never shows half a Thai letter.
std::string_view CharacterAt(std::string_view text, std::size_t at) {
    int32_t next = static_cast<int32_t>(at);
    UChar32 ignored = 0;
    U8_NEXT(text.data(), next, static_cast<int32_t>(text.size()), ignored);
    return text.substr(at, static_cast<std::size_t>(next) - at);
}

}  // namespace

Result<std::string> NormalizeCitizenId(std::string_view text) {
    const std::string plain = ToArabicDigits(text);
    std::string digits;
    digits.reserve(kLength);
    for (std::size_t i = 0; i < plain.size(); ++i) {
        const char c = plain[i];
        if (IsSeparator(c)) continue;
        if (c < '0' || c > '9') {
            return InvalidArgument(
                fmt::format("เลขประจำตัวประชาชนต้องเป็นตัวเลขเท่านั้น พบ \"{}\" ใน \"{}\"",
                            CharacterAt(plain, i), text));
        }
        digits += c;
    }
    if (digits.size() != kLength) {
        return InvalidArgument(fmt::format("เลขประจำตัวประชาชนต้องมี {} หลัก แต่ \"{}\" มี {} หลัก",
                                           kLength, text, digits.size()));
    }
    int sum = 0;
    for (std::size_t i = 0; i + 1 < kLength; ++i) {
        sum += (digits[i] - '0') * static_cast<int>(kLength - i);
    }
    const char expected = static_cast<char>('0' + (11 - sum % 11) % 10);
    if (digits.back() != expected) {
        return InvalidArgument(
            fmt::format("เลขประจำตัวประชาชน \"{}\" ไม่ถูกต้อง: หลักที่ 13 (เลขตรวจสอบ) ควรเป็น {} แต่เป็น {}",
                        text, expected, digits.back()));
    }
    return digits;
}

}  // namespace khet
