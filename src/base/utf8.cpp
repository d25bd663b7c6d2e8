#include "base/utf8.hpp"

#include <cstdint>
#include <cstring>

namespace khet {
namespace {

// The length of the well-formed sequence starting at `at` (1–4), or 0 with `ill_formed` set to
// the length of its maximal ill-formed subpart (at least 1).
std::size_t SequenceLength(const unsigned char* data, std::size_t size, std::size_t at,
                           std::size_t& ill_formed) {
    const unsigned char lead = data[at];
    std::size_t length;
    unsigned char low = 0x80;   // range of the second byte, narrowed where overlongs,
    unsigned char high = 0xBF;  // surrogates or code points past U+10FFFF would start
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        ill_formed = 1;
        return 0;
    }
    std::size_t k = 1;
    for (; k < length && at + k < size; ++k) {
        const unsigned char next = data[at + k];
        const bool fits = k == 1 ? next >= low && next <= high : (next & 0xC0) == 0x80;
        if (!fits) break;
    }
    if (k == length) return length;
    ill_formed = k;
    return 0;
}

}  // namespace

std::size_t FindInvalidUtf8(std::string_view bytes) {
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const std::size_t size = bytes.size();
    std::size_t i = 0;
    while (i < size) {
        if (i + 8 <= size) {
            std::uint64_t word;
            std::memcpy(&word, data + i, sizeof word);
            if ((word & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        std::size_t ill_formed = 0;
        const std::size_t length = SequenceLength(data, size, i, ill_formed);
        if (length == 0) return i;
        i += length;
    }
    return size;
}

char32_t DecodeUtf8(std::string_view bytes, std::size_t& at) {
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t ill_formed = 0;
    const std::size_t length = SequenceLength(data, bytes.size(), at, ill_formed);
    if (length == 0) {
        at += ill_formed;
        return kReplacementCharacter;
    }
    const unsigned char lead = data[at];
    char32_t code = length == 1   ? lead
                    : length == 2 ? lead & 0x1F
                    : length == 3 ? lead & 0x0F
                                  : lead & 0x07;
    for (std::size_t k = 1; k < length; ++k) code = (code << 6) | (data[at + k] & 0x3F);
    at += length;
    return code;
}

char* WriteUtf8(char32_t code_point, char* at) {
    if (code_point < 0x80) {
        *at++ = static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        *at++ = static_cast<char>(0xC0 | (code_point >> 6));
        *at++ = static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        *at++ = static_cast<char>(0xE0 | (code_point >> 12));
        *at++ = static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        *at++ = static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        *at++ = static_cast<char>(0xF0 | (code_point >> 18));
        *at++ = static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        *at++ = static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        *at++ = static_cast<char>(0x80 | (code_point & 0x3F));
    }
    return at;
}

void AppendUtf8(char32_t code_point, std::string& out) {
    char buffer[4];
    out.append(buffer, WriteUtf8(code_point, buffer));
}

}  // namespace khet
