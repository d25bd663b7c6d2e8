#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

namespace khet {

/// The number of code points of UTF-8 text: what a user counts as characters typed (a Thai
/// vowel or tone mark counts as one, as it takes a key press). Malformed bytes count as
/// themselves; callers that need valid text check it first.
inline std::size_t CodePoints(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

/// `text` without the spaces, tabs and line ends around it.
inline std::string_view TrimSpaces(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

}  // namespace khet
