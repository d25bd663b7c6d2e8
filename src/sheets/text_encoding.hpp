#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "base/error.hpp"
#include "base/utf8.hpp"

namespace khet::sheets {

/// A text file's content as UTF-8: a view of the original bytes when they were UTF-8 already,
/// else the converted copy.
struct Utf8Text {
    static Utf8Text Unchanged(std::string_view bytes) {
        Utf8Text text;
        text.original = bytes;
        return text;
    }
    static Utf8Text Converted(std::string note) {
        Utf8Text text;
        text.is_converted = true;
        text.note = std::move(note);
        return text;
    }

    std::string_view original;  // the input without its BOM, when no conversion was needed
    std::string converted;
    bool is_converted = false;
    std::string note;  // for the office: which conversion was made, empty for Unicode input

    std::string_view View() const { return is_converted ? std::string_view(converted) : original; }
};

inline constexpr std::string_view kWindows874Note = "แปลงจาก Windows-874 (TIS-620) เป็น UTF-8";

/// UTF-8 (BOM stripped), UTF-16LE/BE with BOM, or else Windows-874 (the encoding of Thai Excel's
/// plain "CSV"); kInvalidArgument naming the row of the first byte that fits none of them, or of
/// a NUL byte (not a text file).
Result<Utf8Text> DecodeText(std::string_view bytes, std::string_view source);

/// `cell` without surrounding ASCII white space, no-break spaces (U+00A0) and zero-width spaces
/// (U+200B, U+FEFF): Thai text pasted from Word or the web brings them in and they never matter.
inline std::string_view TrimCell(std::string_view cell) {
    constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
    constexpr std::string_view kZeroWidthSpace = "\xE2\x80\x8B";
    constexpr std::string_view kZeroWidthNoBreakSpace = "\xEF\xBB\xBF";
    const auto is_ascii_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    while (!cell.empty()) {
        if (is_ascii_space(cell.front())) {
            cell.remove_prefix(1);
        } else if (static_cast<unsigned char>(cell.front()) < 0xC2) {
            break;
        } else if (cell.starts_with(kNoBreakSpace)) {
            cell.remove_prefix(kNoBreakSpace.size());
        } else if (cell.starts_with(kZeroWidthSpace) || cell.starts_with(kZeroWidthNoBreakSpace)) {
            cell.remove_prefix(kZeroWidthSpace.size());
        } else {
            break;
        }
    }
    while (!cell.empty()) {
        if (is_ascii_space(cell.back())) {
            cell.remove_suffix(1);
        } else if (static_cast<unsigned char>(cell.back()) < 0x80) {
            break;
        } else if (cell.ends_with(kNoBreakSpace)) {
            cell.remove_suffix(kNoBreakSpace.size());
        } else if (cell.ends_with(kZeroWidthSpace) || cell.ends_with(kZeroWidthNoBreakSpace)) {
            cell.remove_suffix(kZeroWidthSpace.size());
        } else {
            break;
        }
    }
    return cell;
}

}  // namespace khet::sheets
