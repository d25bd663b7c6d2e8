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

}  // namespace khet::sheets
