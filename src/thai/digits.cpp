#include "thai/digits.hpp"

namespace khet {
namespace {

// U+0E50..U+0E59 (๐..๙) are E0 B9 90..99 in UTF-8: only the last byte carries the digit.
constexpr char kLead0 = '\xE0';
constexpr char kLead1 = '\xB9';
constexpr unsigned char kZeroTrail = 0x90;

}  // namespace

std::string ToThaiDigits(std::string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            out += kLead0;
            out += kLead1;
            out += static_cast<char>(kZeroTrail + (c - '0'));
        } else {
            out += c;
        }
    }
    return out;
}

std::string ToArabicDigits(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i + 2 < text.size() && text[i] == kLead0 && text[i + 1] == kLead1) {
            const auto trail = static_cast<unsigned char>(text[i + 2]);
            if (trail >= kZeroTrail && trail <= kZeroTrail + 9) {
                out += static_cast<char>('0' + (trail - kZeroTrail));
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

}  // namespace khet
