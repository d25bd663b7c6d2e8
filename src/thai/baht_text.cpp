#include "thai/baht_text.hpp"

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace khet {
namespace {

constexpr std::array<std::string_view, 10> kDigits{
    "ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า",
};
// Places of a six-digit group, from the ones up; ล้าน joins the groups.
constexpr std::array<std::string_view, 6> kPlaces{"", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"};
constexpr std::uint64_t kGroup = 1'000'000;

// Appends one group of up to six digits. A final 1 reads เอ็ด whenever any digit before it in
// the whole number is non-zero (101 หนึ่งร้อยเอ็ด, 1,000,001 หนึ่งล้านเอ็ด, as Excel writes them),
// and หนึ่ง only when it stands alone.
void AppendGroup(std::string& out, std::uint64_t group, bool higher_digits) {
    std::array<int, 6> digits{};
    for (int& digit : digits) {
        digit = static_cast<int>(group % 10);
        group /= 10;
    }
    for (std::size_t place = 5; place >= 2; --place) {
        if (digits[place] != 0) {
            out += kDigits[static_cast<std::size_t>(digits[place])];
            out += kPlaces[place];
            higher_digits = true;
        }
    }
    if (digits[1] != 0) {
        if (digits[1] == 2) {
            out += "ยี่";
        } else if (digits[1] != 1) {
            out += kDigits[static_cast<std::size_t>(digits[1])];
        }
        out += kPlaces[1];
        higher_digits = true;
    }
    if (digits[0] == 1) {
        out += higher_digits ? "เอ็ด" : "หนึ่ง";
    } else if (digits[0] != 0) {
        out += kDigits[static_cast<std::size_t>(digits[0])];
    }
}

void AppendNumber(std::string& out, std::uint64_t number) {
    std::vector<std::uint64_t> groups;  // least significant first
    do {
        groups.push_back(number % kGroup);
        number /= kGroup;
    } while (number != 0);
    bool higher_digits = false;
    for (std::size_t i = groups.size(); i-- > 0;) {
        AppendGroup(out, groups[i], higher_digits);
        higher_digits = higher_digits || groups[i] != 0;
        if (i != 0) out += "ล้าน";
    }
}

}  // namespace

std::string BahtText(Money amount) {
    const std::int64_t satang = amount.Satang();
    if (satang == 0) return "ศูนย์บาทถ้วน";
    // Through unsigned so that the most negative amount has a magnitude too.
    const std::uint64_t magnitude = satang < 0
                                        ? std::uint64_t{0} - static_cast<std::uint64_t>(satang)
                                        : static_cast<std::uint64_t>(satang);
    const std::uint64_t baht = magnitude / 100;
    const std::uint64_t rest = magnitude % 100;

    std::string out;
    if (satang < 0) out += "ลบ";
    if (baht != 0) {
        AppendNumber(out, baht);
        out += "บาท";
    }
    if (rest == 0) {
        out += "ถ้วน";
    } else {
        AppendGroup(out, rest, false);
        out += "สตางค์";
    }
    return out;
}

}  // namespace khet
