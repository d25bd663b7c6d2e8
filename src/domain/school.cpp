#include "domain/school.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/json_text.hpp"
#include "base/text.hpp"
#include "thai/text_hygiene.hpp"

namespace khet {
namespace {

bool AllDigits(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string SchoolAuditText(const School& school) {
    return JsonObjectText()
        .Add("name", school.name)
        .Add("district", school.district)
        .Add("zone_code", school.zone_code)
        .Add("level_span", school.level_span)
        .Add("active", school.active)
        .Add("version", school.version)
        .Text();
}

Status ValidateSchoolEdit(const School& school) {
    std::vector<FieldError> fields;
    auto check = [&](std::string_view field, std::string_view value, std::size_t max, bool required,
                     std::string_view what) {
        if (required && IsBlank(value)) {
            fields.push_back({std::string(field), fmt::format("ต้องระบุ{}", what), 0, ""});
        } else if (CodePoints(value) > max) {
            fields.push_back(
                {std::string(field), fmt::format("{}ยาวเกิน {} ตัวอักษร", what, max), 0, ""});
        } else if (!IsCleanText(value)) {
            // Every entry cleans what it takes (thai/text_hygiene.hpp); this is the last guard.
            auto clean = CleanText(value);
            fields.push_back({std::string(field),
                              clean ? fmt::format("{}ต้องอยู่ในบรรทัดเดียว ไม่มีช่องว่างหัวท้าย", what)
                                    : fmt::format("{}{}", what, clean.error().message),
                              0, ""});
        }
    };
    check("name", school.name, 200, true, "ชื่อโรงเรียน");
    check("district", school.district, 100, true, "อำเภอ");
    check("level_span", school.level_span, 100, false, "ระดับที่เปิดสอน");
    if (fields.empty()) return {};
    std::string message = "ข้อมูลโรงเรียนไม่ถูกต้อง: " + fields.front().message;
    return InvalidArgument(std::move(message), std::move(fields));
}

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
