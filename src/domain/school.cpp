#include "domain/school.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace khet {
namespace {

bool AllDigits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Status CheckSchoolCode(std::string_view code) {
    if (code.size() != 10 || !AllDigits(code)) {
        return InvalidArgument(fmt::format("รหัสโรงเรียนต้องเป็นตัวเลข 10 หลัก แต่ได้ \"{}\"", code));
    }
    return {};
}

Status CheckSmisCode(std::string_view code) {
    if (!code.empty() && (code.size() != 8 || !AllDigits(code))) {
        return InvalidArgument(fmt::format("รหัส SMIS ต้องเป็นตัวเลข 8 หลัก แต่ได้ \"{}\"", code));
    }
    return {};
}

}  // namespace khet
