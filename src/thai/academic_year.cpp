#include "thai/academic_year.hpp"

#include <fmt/format.h>

#include "base/assert.hpp"
#include "thai/buddhist_date.hpp"

namespace khet {
namespace {

constexpr int kFirstBeYear = 2500;
constexpr int kLastBeYear = 2700;
constexpr int kFirstMonth = 5;
constexpr int kFirstDay = 16;

Date CivilDate(int year, int month, int day) {
    auto date = Date::FromYmd(year, month, day);
    KHET_ASSERT(date.has_value(), "academic year boundaries are real days");
    return *date;
}

}  // namespace

Result<AcademicYear> AcademicYear::FromBe(int be_year) {
    if (be_year < kFirstBeYear || be_year > kLastBeYear) {
        return InvalidArgument(fmt::format("ปีการศึกษาต้องเป็นปีพุทธศักราชระหว่าง {} ถึง {} (ได้รับ {})",
                                           kFirstBeYear, kLastBeYear, be_year));
    }
    return AcademicYear(be_year);
}

AcademicYear AcademicYear::Containing(Date day) {
    const bool started =
        day.Month() > kFirstMonth || (day.Month() == kFirstMonth && day.Day() >= kFirstDay);
    const int be_year = khet::BeYear(day.Year());
    return AcademicYear(started ? be_year : be_year - 1);
}

Date AcademicYear::First() const { return CivilDate(CeYear(be_year_), kFirstMonth, kFirstDay); }

Date AcademicYear::Last() const {
    return CivilDate(CeYear(be_year_) + 1, kFirstMonth, kFirstDay - 1);
}

std::string AcademicYear::Label() const { return std::to_string(be_year_); }

}  // namespace khet
