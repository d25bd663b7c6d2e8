#include "domain/census_round.hpp"

#include <fmt/format.h>

#include <charconv>

#include "thai/digits.hpp"

namespace khet {

Result<CensusRound> CensusRound::Make(int academic_year_be, int round) {
    if (academic_year_be < 2500 || academic_year_be > 2700) {
        return InvalidArgument(
            fmt::format("ปีการศึกษาต้องเป็นปี พ.ศ. (2500–2700) แต่ได้ {}", academic_year_be));
    }
    if (round < 1 || round > 3) {
        return InvalidArgument(fmt::format(
            "รอบการเก็บข้อมูลต้องเป็น 1 (10 มิ.ย.), 2 (10 พ.ย.) หรือ 3 (31 มี.ค.) แต่ได้ {}", round));
    }
    return CensusRound(academic_year_be, round);
}

Result<CensusRound> CensusRound::Parse(std::string_view text) {
    const std::string plain = ToArabicDigits(text);
    const auto slash = plain.find('/');
    int year = 0, round = 0;
    auto number = [](std::string_view part, int& out) {
        auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
        return !part.empty() && ec == std::errc() && ptr == part.data() + part.size();
    };
    if (slash == std::string::npos || !number(std::string_view(plain).substr(0, slash), year) ||
        !number(std::string_view(plain).substr(slash + 1), round)) {
        return InvalidArgument(
            fmt::format("รอบข้อมูลต้องเขียนเป็น ปีการศึกษา/รอบ เช่น 2564/2 แต่ได้ \"{}\"", text));
    }
    return Make(year, round);
}

std::string CensusRound::Label() const { return fmt::format("{}/{}", academic_year_be_, round_); }

Date CensusRound::SnapshotDate() const {
    const int ce = academic_year_be_ - 543;
    switch (round_) {
        case 1:
            return *Date::FromYmd(ce, 6, 10);
        case 2:
            return *Date::FromYmd(ce, 11, 10);
        default:
            return *Date::FromYmd(ce + 1, 3, 31);
    }
}

std::string CensusRound::Description() const {
    static constexpr const char* kDays[] = {"", "10 มิถุนายน", "10 พฤศจิกายน", "31 มีนาคม"};
    const int be_of_day = SnapshotDate().Year() + 543;
    return fmt::format("ปีการศึกษา {} รอบที่ {} ({} {})", academic_year_be_, round_, kDays[round_],
                       be_of_day);
}

}  // namespace khet
