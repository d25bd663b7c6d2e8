#include "sheets/text_encoding.hpp"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "base/utf8.hpp"
#include "sheets/sheet_error.hpp"

namespace khet::sheets {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";
constexpr std::size_t kValid = static_cast<std::size_t>(-1);

/// Appends UTF-16 code units as UTF-8; returns the index of an unpaired surrogate, or kValid.
std::size_t AppendUtf16(std::u16string_view units, std::string& out) {
    std::size_t bad = kValid;
    const auto start = out.size();
    // A unit takes at most three bytes in UTF-8; a surrogate pair takes four for its two.
    out.resize_and_overwrite(start + units.size() * 3, [&](char* buffer, std::size_t) {
        char* at = buffer + start;
        for (std::size_t i = 0; i < units.size(); ++i) {
            const char32_t unit = units[i];
            if (unit < 0x80) {
                *at++ = static_cast<char>(unit);
            } else if (unit < 0xD800 || unit > 0xDFFF) {
                at = WriteUtf8(unit, at);
            } else if (unit <= 0xDBFF && i + 1 < units.size() && units[i + 1] >= 0xDC00 &&
                       units[i + 1] <= 0xDFFF) {
                const char32_t low = units[++i];
                at = WriteUtf8(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), at);
            } else {
                bad = i;
                break;
            }
        }
        return static_cast<std::size_t>(at - buffer);
    });
    return bad;
}

Result<Utf8Text> DecodeUtf16(std::string_view bytes, bool little_endian, std::string_view source) {
    std::u16string units(bytes.size() / 2, u'\0');
    for (std::size_t i = 0; i < units.size(); ++i) {
        const auto first = static_cast<unsigned char>(bytes[2 * i]);
        const auto second = static_cast<unsigned char>(bytes[2 * i + 1]);
        units[i] = little_endian ? static_cast<char16_t>(first | (second << 8))
                                 : static_cast<char16_t>((first << 8) | second);
    }
    auto text = Utf8Text::Converted({});
    const auto bad = AppendUtf16(units, text.converted);
    if (bad != kValid || bytes.size() % 2 != 0) {
        const auto at = bad != kValid ? bad : units.size();
        const auto line_feeds =
            std::count(units.begin(), units.begin() + static_cast<std::ptrdiff_t>(at), u'\n');
        const int row = static_cast<int>(1 + line_feeds);
        return RowProblem(
            source, row, {},
            fmt::format("ไฟล์ Unicode (UTF-16) เสียหายหรือไม่ครบ: {} แถว {}", source, row),
            "ข้อความ UTF-16 ขาดครึ่งตัวอักษร ให้เปิดใน Excel แล้วบันทึกใหม่เป็น CSV UTF-8");
    }
    return text;
}

struct ConverterCloser {
    void operator()(UConverter* converter) const { ucnv_close(converter); }
};

/// UTF-8 of each byte of Windows-874 as ICU converts it; length 0 for the bytes the code page
/// leaves undefined, which ICU maps to C1 controls (0x81…0x9F) and private-use characters
/// (0xDB…0xDE, 0xFC…0xFF). Converting through this table is the same conversion as ucnv's for a
/// single-byte code page, five times faster than ucnv_toUnicode followed by UTF-16 to UTF-8.
struct Windows874Table {
    struct Entry {
        char bytes[4] = {};
        std::uint8_t length = 0;
    };
    std::array<Entry, 256> entries;
    std::string failure;  // why ICU could not give the table; empty when it did
};

const Windows874Table& Windows874() {
    static const Windows874Table table = [] {
        Windows874Table built;
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<UConverter, ConverterCloser> converter(ucnv_open("windows-874", &status));
        for (int byte = 0; byte < 256 && U_SUCCESS(status); ++byte) {
            const char input = static_cast<char>(byte);
            UChar unit = 0;
            const auto produced = ucnv_toUChars(converter.get(), &unit, 1, &input, 1, &status);
            if (U_FAILURE(status) || produced != 1 || U16_IS_SURROGATE(unit)) break;
            if ((unit >= 0x80 && unit <= 0x9F) || (unit >= 0xE000 && unit <= 0xF8FF)) continue;
            auto& entry = built.entries[static_cast<std::size_t>(byte)];
            entry.length = static_cast<std::uint8_t>(WriteUtf8(unit, entry.bytes) - entry.bytes);
        }
        if (U_FAILURE(status) || built.entries[0xFF].bytes[0] != 0 ||
            built.entries[0xA1].length != 3) {
            built.failure =
                fmt::format("ICU windows-874 converter unusable: {}", u_errorName(status));
        }
        return built;
    }();
    return table;
}

Result<Utf8Text> DecodeWindows874(std::string_view bytes, std::string_view source) {
    const auto& table = Windows874();
    if (!table.failure.empty()) return Fail(ErrorCode::kInternal, table.failure);
    auto text = Utf8Text::Converted(std::string(kWindows874Note));
    std::size_t undefined = bytes.size();
    // A byte takes at most three bytes in UTF-8 (Thai letters take exactly three).
    text.converted.resize_and_overwrite(bytes.size() * 3, [&](char* buffer, std::size_t) {
        char* at = buffer;
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            const auto byte = static_cast<unsigned char>(bytes[i]);
            if (byte < 0x80) {
                *at++ = static_cast<char>(byte);
                continue;
            }
            const auto& entry = table.entries[byte];
            if (entry.length == 0) {
                undefined = i;
                break;
            }
            std::memcpy(at, entry.bytes, 3);
            at += entry.length;
        }
        return static_cast<std::size_t>(at - buffer);
    });
    if (undefined != bytes.size()) {
        const int row = LineOfOffset(bytes, undefined);
        return RowProblem(
            source, row, {},
            fmt::format("อ่านตัวอักษรในไฟล์ไม่ได้: {} แถว {} (ไม่ใช่ UTF-8 และไม่ใช่ Windows-874)", source,
                        row),
            fmt::format("พบไบต์ 0x{:02X} ที่ไม่ใช่ตัวอักษร ให้เปิดใน Excel แล้วบันทึกใหม่เป็น CSV UTF-8",
                        static_cast<unsigned char>(bytes[undefined])));
    }
    return text;
}

}  // namespace

Result<Utf8Text> DecodeText(std::string_view bytes, std::string_view source) {
    Result<Utf8Text> text;
    if (bytes.starts_with(kUtf8Bom)) {
        bytes.remove_prefix(kUtf8Bom.size());
        text = Utf8Text::Unchanged(bytes);
        if (const auto bad = FindInvalidUtf8(bytes); bad != bytes.size()) {
            const int row = LineOfOffset(bytes, bad);
            return RowProblem(source, row, {},
                              fmt::format("ไฟล์ UTF-8 มีตัวอักษรเสีย: {} แถว {}", source, row),
                              fmt::format("พบไบต์ 0x{:02X} ที่ไม่ใช่ UTF-8 ให้แก้ตัวอักษรในแถวนี้",
                                          static_cast<unsigned char>(bytes[bad])));
        }
    } else if (bytes.starts_with(kUtf16LeBom)) {
        text = DecodeUtf16(bytes.substr(kUtf16LeBom.size()), true, source);
    } else if (bytes.starts_with(kUtf16BeBom)) {
        text = DecodeUtf16(bytes.substr(kUtf16BeBom.size()), false, source);
    } else if (FindInvalidUtf8(bytes) == bytes.size()) {
        text = Utf8Text::Unchanged(bytes);
    } else {
        text = DecodeWindows874(bytes, source);
    }
    if (!text) return text;

    const auto view = text->View();
    if (const auto nul = view.find('\0'); nul != std::string_view::npos) {
        const int row = LineOfOffset(view, nul);
        return RowProblem(source, row, {}, fmt::format("ไฟล์นี้ไม่ใช่ไฟล์ข้อความ CSV: {}", source),
                          "พบไบต์ศูนย์ (NUL) ในไฟล์ ให้เปิดใน Excel แล้วบันทึกเป็น .xlsx หรือ CSV UTF-8");
    }
    return text;
}

}  // namespace khet::sheets
