#include "thai/text_hygiene.hpp"

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <vector>

#include "base/assert.hpp"
#include "base/utf8.hpp"

namespace khet {
namespace {

constexpr char32_t kNikhahit = 0x0E4D;  // ํ
constexpr char32_t kSaraAa = 0x0E32;    // า
constexpr char32_t kSaraAm = 0x0E33;    // ำ
constexpr char32_t kSaraE = 0x0E40;     // เ
constexpr char32_t kSaraAe = 0x0E41;    // แ

bool IsToneMark(char32_t c) { return c >= 0x0E48 && c <= 0x0E4B; }

// Vowels written above or below their consonant, before any tone mark: ั ิ ี ึ ื ุ ู ฺ ็.
bool IsVowelAboveOrBelow(char32_t c) {
    return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || c == 0x0E47;
}

// Marks that sit on a consonant; the same one twice looks like once, so it is stored once.
bool IsThaiMark(char32_t c) {
    return c == 0x0E31 || (c >= 0x0E34 && c <= 0x0E3A) || (c >= 0x0E47 && c <= 0x0E4E);
}

// Characters that end or break a line; one-line fields take a space for each.
bool IsLineBreak(char32_t c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
           c == 0x2029;
}

bool IsControl(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

// Embeddings, overrides and isolates reorder what a reader sees ("Trojan Source"); Thai never
// needs them.
bool IsDirectionControl(char32_t c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// Spaces and characters that draw nothing: what a text may not begin or end with, and all
// that a blank text holds.
bool IsSpaceOrInvisible(char32_t c) {
    if (c < 0x80) return c <= 0x20 || c == 0x7F;
    return IsControl(c) || u_isUWhiteSpace(static_cast<UChar32>(c)) ||
           u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
           c == 0x2800;  // BRAILLE PATTERN BLANK
}

// Code points NFC may change: outside ASCII, and Thai has no compositions.
bool MayNeedNfc(char32_t c) { return c >= 0x0300 && (c < 0x0E00 || c > 0x0E7F); }

const icu::Normalizer2& Nfc() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    KHET_ASSERT(U_SUCCESS(status) && nfc != nullptr, "ICU has no NFC data");
    return *nfc;
}

bool IsNfc(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const auto unicode = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    const bool normal = Nfc().isNormalized(unicode, status);
    return U_SUCCESS(status) && normal;
}

std::string ToNfc(const std::string& text) {
    UErrorCode status = U_ZERO_ERROR;
    const auto unicode = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    const icu::UnicodeString normal = Nfc().normalize(unicode, status);
    if (U_FAILURE(status)) return text;
    std::string out;
    normal.toUTF8String(out);
    return out;
}

std::string CodeName(char32_t c) { return fmt::format("U+{:04X}", static_cast<unsigned>(c)); }

std::unexpected<Error> Refuse(std::size_t position, std::string what) {
    return InvalidArgument(fmt::format("{} ที่ตัวอักษรที่ {}: ลบออกแล้วลองอีกครั้ง", what, position));
}

// Appends `c` to `out` in Thai normal form, given what `out` already holds.
void AppendNormalThai(char32_t c, std::vector<char32_t>& out) {
    const std::size_t n = out.size();
    if (c == kSaraAa && n >= 1 && out[n - 1] == kNikhahit) {
        out[n - 1] = kSaraAm;
    } else if (c == kSaraAa && n >= 2 && out[n - 2] == kNikhahit && IsToneMark(out[n - 1])) {
        out[n - 2] = out[n - 1];
        out[n - 1] = kSaraAm;
    } else if (c == kSaraE && n >= 1 && out[n - 1] == kSaraE) {
        out[n - 1] = kSaraAe;
    } else if (IsThaiMark(c) && n >= 1 && out[n - 1] == c) {
        // typed twice
    } else if (IsVowelAboveOrBelow(c) && n >= 1 && IsToneMark(out[n - 1])) {
        if (n >= 2 && out[n - 2] == c) return;  // the vowel is there already
        out.insert(out.end() - 1, c);
    } else {
        out.push_back(c);
    }
}

}  // namespace

bool IsCleanText(std::string_view text, TextShape shape) {
    std::size_t at = 0;
    char32_t before_previous = 0;
    char32_t previous = 0;
    char32_t c = 0;
    bool first = true;
    bool check_nfc = false;
    while (at < text.size()) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte >= 0x20 && byte < 0x7F) {
            c = byte;
            ++at;
        } else {
            const std::size_t start = at;
            c = DecodeUtf8(text, at);
            if (c == kReplacementCharacter && text.substr(start, at - start) != "\xEF\xBF\xBD") {
                return false;
            }
            if (IsNoncharacter(c) || IsDirectionControl(c)) return false;
            if (IsControl(c) || IsLineBreak(c)) {
                if (!(shape == TextShape::kLines && c == '\n')) return false;
            }
            if (c == kSaraAa &&
                (previous == kNikhahit || (before_previous == kNikhahit && IsToneMark(previous)))) {
                return false;
            }
            if ((c == kSaraE && previous == kSaraE) || (IsThaiMark(c) && previous == c) ||
                (IsVowelAboveOrBelow(c) && IsToneMark(previous))) {
                return false;
            }
            check_nfc = check_nfc || MayNeedNfc(c);
        }
        if (first && IsSpaceOrInvisible(c)) return false;
        first = false;
        before_previous = previous;
        previous = c;
    }
    if (!text.empty() && IsSpaceOrInvisible(c)) return false;
    return !check_nfc || IsNfc(text);
}

Result<std::string> CleanText(std::string_view text, TextShape shape) {
    if (IsCleanText(text, shape)) return std::string(text);
    std::vector<char32_t> out;
    out.reserve(text.size());
    std::size_t at = 0;
    std::size_t position = 0;
    bool check_nfc = false;
    while (at < text.size()) {
        const std::size_t start = at;
        char32_t c = DecodeUtf8(text, at);
        ++position;
        if (c == kReplacementCharacter && text.substr(start, at - start) != "\xEF\xBF\xBD") {
            return Refuse(position, fmt::format("มีไบต์ 0x{:02X} ที่ไม่ใช่ตัวอักษร UTF-8",
                                                static_cast<unsigned char>(text[start])));
        }
        if (IsNoncharacter(c)) {
            return Refuse(position, fmt::format("มีอักขระ {} ซึ่งไม่ใช่ตัวอักษร", CodeName(c)));
        }
        if (IsDirectionControl(c)) {
            return Refuse(position, fmt::format("มีอักขระกลับทิศทางข้อความ {}", CodeName(c)));
        }
        if (c == '\r' && at < text.size() && text[at] == '\n') continue;  // CR LF is one break
        if (IsLineBreak(c)) {
            c = shape == TextShape::kLines ? U'\n' : U' ';
        } else if (c == '\t') {
            c = U' ';
        } else if (IsControl(c)) {
            return Refuse(position, fmt::format("มีอักขระควบคุม {}", CodeName(c)));
        }
        check_nfc = check_nfc || MayNeedNfc(c);
        AppendNormalThai(c, out);
    }
    std::size_t first = 0;
    std::size_t last = out.size();
    while (first < last && IsSpaceOrInvisible(out[first])) ++first;
    while (last > first && IsSpaceOrInvisible(out[last - 1])) --last;
    std::string clean;
    clean.reserve(text.size());
    for (std::size_t i = first; i < last; ++i) AppendUtf8(out[i], clean);
    if (check_nfc && !IsNfc(clean)) clean = ToNfc(clean);
    return clean;
}

bool IsBlank(std::string_view text) {
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t start = at;
        const char32_t c = DecodeUtf8(text, at);
        if (c == kReplacementCharacter && text.substr(start, at - start) != "\xEF\xBF\xBD") {
            return false;  // a byte that is not text is something, not nothing
        }
        if (!IsSpaceOrInvisible(c)) return false;
    }
    return true;
}

bool IsPrintableText(std::string_view text) {
    std::size_t at = 0;
    while (at < text.size()) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte >= 0x20 && byte < 0x7F) {
            ++at;
            continue;
        }
        if (byte == '\t' || byte == '\n' || byte == '\r') {
            ++at;
            continue;
        }
        const std::size_t start = at;
        const char32_t c = DecodeUtf8(text, at);
        if (c == kReplacementCharacter && text.substr(start, at - start) != "\xEF\xBF\xBD") {
            return false;
        }
        if (IsControl(c) || IsNoncharacter(c)) return false;
    }
    return true;
}

std::string PrintableText(std::string_view text) {
    if (IsPrintableText(text)) return std::string(text);
    std::string out;
    out.reserve(text.size() + 8);
    std::size_t at = 0;
    while (at < text.size()) {
        char32_t c = DecodeUtf8(text, at);
        const bool kept = c == '\t' || c == '\n' || c == '\r';
        if ((IsControl(c) && !kept) || IsNoncharacter(c)) c = kReplacementCharacter;
        AppendUtf8(c, out);
    }
    return out;
}

}  // namespace khet
