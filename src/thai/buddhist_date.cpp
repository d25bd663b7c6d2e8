#include "thai/buddhist_date.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <vector>

#include "thai/digits.hpp"

namespace khet {
namespace {

struct MonthName {
    std::string_view full;
    std::string_view abbreviation;
};

// The names ICU's th_TH@calendar=buddhist patterns "MMMM" and "MMM" produce; the test checks
// that they still agree.
constexpr std::array<MonthName, 12> kMonths{{
    {"มกราคม", "ม.ค."},
    {"กุมภาพันธ์", "ก.พ."},
    {"มีนาคม", "มี.ค."},
    {"เมษายน", "เม.ย."},
    {"พฤษภาคม", "พ.ค."},
    {"มิถุนายน", "มิ.ย."},
    {"กรกฎาคม", "ก.ค."},
    {"สิงหาคม", "ส.ค."},
    {"กันยายน", "ก.ย."},
    {"ตุลาคม", "ต.ค."},
    {"พฤศจิกายน", "พ.ย."},
    {"ธันวาคม", "ธ.ค."},
}};

constexpr std::string_view kBeEra = "พ.ศ.";
// Below this a four-digit year is a CE year typed where a BE year belongs.
constexpr int kFirstPlausibleBeYear = 2400;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::vector<std::string_view> SplitOnSpaces(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && IsSpace(text[i])) ++i;
        const std::size_t start = i;
        while (i < text.size() && !IsSpace(text[i])) ++i;
        if (i > start) words.push_back(text.substr(start, i - start));
    }
    return words;
}

std::vector<std::string_view> SplitOn(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto end = text.find(separator, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

// A number of one to `max_digits` ASCII digits, nothing else.
bool ParseNumber(std::string_view text, std::size_t max_digits, int& out) {
    if (text.empty() || text.size() > max_digits || text.front() < '0' || text.front() > '9') {
        return false;
    }
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size();
}

int MonthNumber(std::string_view word) {
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
        if (word == kMonths[i].full || word == kMonths[i].abbreviation) {
            return static_cast<int>(i) + 1;
        }
    }
    return 0;
}

Result<Date> FromThaiParts(std::string_view text, int day, int month, std::string_view be_text) {
    int be_year = 0;
    if (be_text.size() != 4 || !ParseNumber(be_text, 4, be_year)) {
        return InvalidArgument(fmt::format("ปีต้องเป็นปีพุทธศักราช 4 หลัก เช่น 2564: \"{}\"", text));
    }
    if (be_year < kFirstPlausibleBeYear) {
        return InvalidArgument(
            fmt::format("ปี {} ดูเป็นปีคริสต์ศักราช ให้ใช้ปีพุทธศักราช (ค.ศ. + 543) เช่น {}: \"{}\"", be_year,
                        BeYear(be_year), text));
    }
    auto date = Date::FromYmd(CeYear(be_year), month, day);
    if (!date) {
        return InvalidArgument(fmt::format("ไม่มีวันที่นี้ในปฏิทิน: \"{}\"", text));
    }
    return date;
}

}  // namespace

std::string FormatThaiDate(Date day, DateStyle style, bool thai_digits) {
    const MonthName& month = kMonths[static_cast<std::size_t>(day.Month() - 1)];
    std::string text = fmt::format("{} {} {}", day.Day(),
                                   style == DateStyle::kLong ? month.full : month.abbreviation,
                                   BeYear(day.Year()));
    return thai_digits ? ToThaiDigits(text) : text;
}

Result<Date> ParseThaiDate(std::string_view text) {
    const std::string plain = ToArabicDigits(text);
    std::vector<std::string_view> words = SplitOnSpaces(plain);
    auto bad = [&] {
        return InvalidArgument(
            fmt::format("อ่านวันที่ไม่ได้: \"{}\" (ใช้รูปแบบ 10/11/2564, 10 พฤศจิกายน 2564, 10 พ.ย. 2564 "
                        "หรือ 2021-11-10)",
                        text));
    };
    if (words.size() == 1) {
        const std::string_view word = words.front();
        if (word.size() == 10 && word[4] == '-' && word[7] == '-') return Date::FromIso(word);
        const auto parts = SplitOn(word, '/');
        int day = 0, month = 0;
        if (parts.size() != 3 || !ParseNumber(parts[0], 2, day) ||
            !ParseNumber(parts[1], 2, month)) {
            return bad();
        }
        return FromThaiParts(text, day, month, parts[2]);
    }
    if (words.size() == 4 && words[2] == kBeEra) words.erase(words.begin() + 2);
    if (words.size() != 3) return bad();
    int day = 0;
    const int month = MonthNumber(words[1]);
    if (!ParseNumber(words[0], 2, day) || month == 0) return bad();
    return FromThaiParts(text, day, month, words[2]);
}

}  // namespace khet
