#include "base/date.hpp"

#include <fmt/format.h>

#include <charconv>

namespace khet {

Result<Date> Date::FromYmd(int year, int month, int day) {
    const std::chrono::year_month_day ymd{std::chrono::year(year),
                                          std::chrono::month(static_cast<unsigned>(month)),
                                          std::chrono::day(static_cast<unsigned>(day))};
    if (month < 1 || day < 1 || !ymd.ok()) {
        return InvalidArgument(fmt::format("วันที่ไม่ถูกต้อง: {:04}-{:02}-{:02}", year, month, day));
    }
    return Date(ymd);
}

Result<Date> Date::FromIso(std::string_view text) {
    auto bad = [&] {
        return InvalidArgument(fmt::format("วันที่ต้องอยู่ในรูป YYYY-MM-DD: \"{}\"", text));
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
    int year = 0, month = 0, day = 0;
    auto parse = [&](std::string_view part, int& out) {
        auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
        return ec == std::errc() && ptr == part.data() + part.size();
    };
    if (!parse(text.substr(0, 4), year) || !parse(text.substr(5, 2), month) ||
        !parse(text.substr(8, 2), day)) {
        return bad();
    }
    return FromYmd(year, month, day);
}

Date Date::Today() {
    return Date(std::chrono::year_month_day(
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())));
}

std::string Date::Iso() const { return fmt::format("{:04}-{:02}-{:02}", Year(), Month(), Day()); }

}  // namespace khet
