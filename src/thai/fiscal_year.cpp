#include "thai/fiscal_year.hpp"

#include <fmt/format.h>

#include "base/assert.hpp"
#include "thai/buddhist_date.hpp"

namespace khet {
namespace {

constexpr int kFirstBeYear = 2500;
constexpr int kLastBeYear = 2700;

Date CivilDate(int year, int month, int day) {
    auto date = Date::FromYmd(year, month, day);
    KHET_ASSERT(date.has_value(), "fiscal year boundaries are real days");
    return *date;
}

}  // namespace

Result<FiscalYear> FiscalYear::FromBe(int be_year) {
    if (be_year < kFirstBeYear || be_year > kLastBeYear) {
        return InvalidArgument(fmt::format("ปีงบประมาณต้องเป็นปีพุทธศักราชระหว่าง {} ถึง {} (ได้รับ {})",
                                           kFirstBeYear, kLastBeYear, be_year));
    }
    return FiscalYear(be_year);
}

FiscalYear FiscalYear::Containing(Date day) {
    const int be_year = khet::BeYear(day.Year());
    return FiscalYear(day.Month() >= 10 ? be_year + 1 : be_year);
}

Date FiscalYear::First() const { return CivilDate(CeYear(be_year_) - 1, 10, 1); }

Date FiscalYear::Last() const { return CivilDate(CeYear(be_year_), 9, 30); }

std::string FiscalYear::Label() const { return std::to_string(be_year_); }

}  // namespace khet
