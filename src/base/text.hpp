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

}  // namespace khet
