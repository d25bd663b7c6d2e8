#include "domain/user.hpp"

#include <fmt/format.h>

#include "base/assert.hpp"
#include "base/text.hpp"

namespace khet {

std::string_view RoleName(Role role) {
    switch (role) {
        case Role::kSystemAdmin:
            return "system_admin";
        case Role::kOfficeAdmin:
            return "office_admin";
        case Role::kPlanner:
            return "planner";
        case Role::kGroupStaff:
            return "group_staff";
        case Role::kSupervisor:
            return "supervisor";
        case Role::kExecutive:
            return "executive";
        case Role::kSchoolOfficer:
            return "school_officer";
        case Role::kPublic:
            return "public";
    }
    KHET_UNREACHABLE("Role outside the enum");
}

std::string_view RoleLabel(Role role) {
    switch (role) {
        case Role::kSystemAdmin:
            return "ผู้ดูแลระบบ";
        case Role::kOfficeAdmin:
            return "ผู้ดูแลสำนักงานเขต";
        case Role::kPlanner:
            return "กลุ่มนโยบายและแผน";
        case Role::kGroupStaff:
            return "เจ้าหน้าที่กลุ่ม";
        case Role::kSupervisor:
            return "ศึกษานิเทศก์";
        case Role::kExecutive:
            return "ผู้บริหาร";
        case Role::kSchoolOfficer:
            return "เจ้าหน้าที่โรงเรียน";
        case Role::kPublic:
            return "บุคคลทั่วไป";
    }
    KHET_UNREACHABLE("Role outside the enum");
}

Result<Role> ParseRole(std::string_view name) {
    for (Role role : kAllRoles) {
        if (RoleName(role) == name) return role;
    }
    std::string known;
    for (Role role : kAllRoles) {
        if (!known.empty()) known += ", ";
        known += RoleName(role);
    }
    return InvalidArgument(fmt::format("ไม่รู้จักบทบาท \"{}\" (ใช้ได้: {})", name, known),
                           {FieldError{"role", "ไม่รู้จักบทบาทนี้", 0, ""}});
}

Status ValidateGrant(const Grant& grant) {
    const std::string_view label = RoleLabel(grant.role);
    const auto refuse = [&](std::string_view field, std::string message) -> Status {
        return InvalidArgument(message, {FieldError{std::string(field), message, 0, ""}});
    };
    switch (grant.role) {
        case Role::kSystemAdmin:
            if (!grant.office_code.empty() || !grant.school_code.empty() || !grant.group.empty()) {
                return refuse(
                    "office_code",
                    fmt::format("{} ดูแลทั้งระบบ: ไม่ต้องระบุสำนักงานเขต โรงเรียน หรือกลุ่ม", label));
            }
            return {};
        case Role::kOfficeAdmin:
        case Role::kPlanner:
        case Role::kGroupStaff:
        case Role::kSupervisor:
        case Role::kExecutive:
            if (grant.office_code.empty()) {
                return refuse("office_code", fmt::format("{} ต้องระบุสำนักงานเขต", label));
            }
            if (!grant.school_code.empty()) {
                return refuse("school_code", fmt::format("{} ไม่ต้องระบุโรงเรียน", label));
            }
            if (grant.role == Role::kGroupStaff && grant.group.empty()) {
                return refuse("group", fmt::format("{} ต้องระบุกลุ่มที่สังกัด", label));
            }
            if (grant.role != Role::kGroupStaff && !grant.group.empty()) {
                return refuse("group", fmt::format("{} ไม่ต้องระบุกลุ่ม", label));
            }
            return {};
        case Role::kSchoolOfficer:
            if (grant.school_code.empty()) {
                return refuse("school_code", fmt::format("{} ต้องระบุโรงเรียน", label));
            }
            if (!grant.group.empty()) {
                return refuse("group", fmt::format("{} ไม่ต้องระบุกลุ่ม", label));
            }
            return {};
        case Role::kPublic:
            // The public may be shown one office's pages; never a school's or a group's.
            if (!grant.school_code.empty() || !grant.group.empty()) {
                return refuse("school_code",
                              fmt::format("{} ระบุได้เฉพาะสำนักงานเขต ไม่ระบุโรงเรียนหรือกลุ่ม", label));
            }
            return {};
    }
    KHET_UNREACHABLE("Role outside the enum");
}

Result<std::string> NormalizeLogin(std::string_view login) {
    const auto refuse = [] {
        const std::string message =
            "ชื่อผู้ใช้ต้องยาว 3–64 ตัวอักษร ใช้ได้เฉพาะ a–z, 0–9 และ . _ @ - (เช่น อีเมล)";
        return InvalidArgument(message, {FieldError{"login", message, 0, ""}});
    };
    if (login.size() < 3 || login.size() > 64) return refuse();
    std::string normal;
    normal.reserve(login.size());
    for (char c : login) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                             c == '_' || c == '@' || c == '-';
        if (!allowed) return refuse();
        normal += c;
    }
    return normal;
}

Status ValidatePassword(std::string_view password) {
    if (CodePoints(password) < static_cast<std::size_t>(kMinPasswordLength)) {
        const std::string message =
            fmt::format("รหัสผ่านต้องยาวอย่างน้อย {} ตัวอักษร", kMinPasswordLength);
        return InvalidArgument(message, {FieldError{"password", message, 0, ""}});
    }
    return {};
}

}  // namespace khet
