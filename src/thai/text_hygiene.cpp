#include "thai/text_hygiene.hpp"

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
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

// The order of the marks on one consonant: vowels above or below first, then the tone mark,
// then the others (์ ํ ๎), as TIS 620 orders them and Thai keyboards type them; within each,
// by canonical combining class, so that Thai in this form is NFC as well.
int MarkOrder(char32_t c) {
    const int group = IsVowelAboveOrBelow(c) ? 0 : IsToneMark(c) ? 1 : 2;
    // Then by code point, so that two marks typed in either order are stored one way.
    return (group * 256 + u_getCombiningClass(static_cast<UChar32>(c))) * 256 +
           static_cast<int>(c & 0xFF);
}

// At most every distinct mark once: ั ิ–ฺ (8) and ็–๎ (8).
constexpr std::size_t kMostMarks = 16;

// Writes text in Thai normal form, the form IsCleanText accepts: the marks on one consonant in
// their order and each once, never after ำ; ํ + า as ำ; เ + เ as แ.
class ThaiNormalizer {
  public:
    explicit ThaiNormalizer(std::vector<char32_t>& out) : out_(out) {}

    void Add(char32_t c) {
        if (IsThaiMark(c)) {
            // Each once: a mark typed again adds nothing (and a run of them costs nothing more).
            if (std::find(marks_.begin(), marks_.end(), c) == marks_.end()) marks_.push_back(c);
            return;
        }
        if (c == kSaraAa && std::erase(marks_, kNikhahit) > 0) c = kSaraAm;
        Flush();
        if (c == kSaraE && !out_.empty() && out_.back() == kSaraE) {
            out_.back() = kSaraAe;
            return;
        }
        out_.push_back(c);
    }

    void Flush() {
        if (marks_.empty()) return;
        const bool after_am = !out_.empty() && out_.back() == kSaraAm;
        if (after_am) out_.pop_back();
        while (!out_.empty() && IsThaiMark(out_.back())) {  // the consonant's marks so far
            marks_.insert(marks_.begin(), out_.back());
            out_.pop_back();
        }
        std::stable_sort(marks_.begin(), marks_.end(),
                         [](char32_t a, char32_t b) { return MarkOrder(a) < MarkOrder(b); });
        for (std::size_t i = 0; i < marks_.size(); ++i) {
            if (std::find(marks_.begin(), marks_.begin() + static_cast<std::ptrdiff_t>(i),
                          marks_[i]) == marks_.begin() + static_cast<std::ptrdiff_t>(i)) {
                out_.push_back(marks_[i]);
            }
        }
        if (after_am) out_.push_back(kSaraAm);
        marks_.clear();
    }

  private:
    std::vector<char32_t>& out_;
    std::vector<char32_t> marks_;  // typed after the last consonant, not yet written
};

}  // namespace

bool IsCleanText(std::string_view text, TextShape shape) {
    std::size_t at = 0;
    char32_t previous = 0;
    char32_t c = 0;
    bool first = true;
    bool check_nfc = false;
    std::array<char32_t, kMostMarks> marks{};  // on the current consonant
    std::size_t mark_count = 0;
    while (at < text.size()) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte >= 0x20 && byte < 0x7F) {
            c = byte;
            ++at;
            mark_count = 0;
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
            // Thai normal form, as ThaiNormalizer writes it.
            if (IsThaiMark(c)) {
                if (previous == kSaraAm || mark_count == kMostMarks) return false;
                if (mark_count > 0 && MarkOrder(marks[mark_count - 1]) > MarkOrder(c)) return false;
                for (std::size_t i = 0; i < mark_count; ++i) {
                    if (marks[i] == c) return false;
                }
                marks[mark_count++] = c;
            } else {
                const auto end = marks.begin() + static_cast<std::ptrdiff_t>(mark_count);
                if (c == kSaraAa && std::find(marks.begin(), end, kNikhahit) != end) return false;
                if (c == kSaraE && previous == kSaraE) return false;
                mark_count = 0;
            }
            check_nfc = check_nfc || MayNeedNfc(c);
        }
        if (first && IsSpaceOrInvisible(c)) return false;
        first = false;
        previous = c;
    }
    if (!text.empty() && IsSpaceOrInvisible(c)) return false;
    return !check_nfc || IsNfc(text);
}

namespace {

// Thai normal form, then nothing invisible at either end.
std::string NormalThaiTrimmed(std::string_view text) {
    std::vector<char32_t> out;
    out.reserve(text.size());
    ThaiNormalizer thai(out);
    for (std::size_t at = 0; at < text.size();) thai.Add(DecodeUtf8(text, at));
    thai.Flush();
    std::size_t first = 0;
    std::size_t last = out.size();
    while (first < last && IsSpaceOrInvisible(out[first])) ++first;
    while (last > first && IsSpaceOrInvisible(out[last - 1])) --last;
    std::string clean;
    clean.reserve(text.size());
    for (std::size_t i = first; i < last; ++i) AppendUtf8(out[i], clean);
    return clean;
}

}  // namespace

Result<std::string> CleanText(std::string_view text, TextShape shape) {
    if (IsCleanText(text, shape)) return std::string(text);
    std::string clean;
    clean.reserve(text.size());
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
        AppendUtf8(c, clean);
    }
    // NFC reorders the marks of other scripts among Thai ones (a Lao tone mark between two Thai
    // ones brings those together), which Thai normal form then joins: a few rounds reach text
    // that is both, and text that reaches none within them is no writing anyone reads.
    for (int round = 0; round < 4; ++round) {
        if (check_nfc && !IsNfc(clean)) clean = ToNfc(clean);
        clean = NormalThaiTrimmed(clean);
        if (IsCleanText(clean, shape)) return clean;
    }
    return Refuse(1, "มีเครื่องหมายกำกับ (สระบน สระล่าง วรรณยุกต์) ของหลายภาษาปนกันจนจัดรูปไม่ได้");
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
