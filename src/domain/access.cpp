#include "domain/access.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/assert.hpp"

namespace khet {
namespace {

// The permissions each role holds within its scope (docs/SECURITY.md, "Roles").
bool RoleHolds(Role role, Permission permission) {
    using enum Permission;
    switch (role) {
        case Role::kSystemAdmin:
        case Role::kOfficeAdmin:
            return true;
        case Role::kPlanner:
            return permission == kReadPublished || permission == kReadSchoolData ||
                   permission == kEditSchool || permission == kImport || permission == kEditPlan ||
                   permission == kReportResults;
        case Role::kGroupStaff:
            return permission == kReadPublished || permission == kReportResults;
        case Role::kPublic:
            return permission == kReadPublished;
        case Role::kSupervisor:
            return permission == kReadPublished || permission == kReadSchoolData;
        case Role::kExecutive:
            return permission == kReadPublished || permission == kReadSchoolData ||
                   permission == kReadAudit;
        case Role::kSchoolOfficer:
            return permission == kReadSchoolData || permission == kEditSchool ||
                   permission == kImport;
    }
    KHET_UNREACHABLE("Role outside the enum");
}

std::string_view PermissionLabel(Permission permission) {
    switch (permission) {
        case Permission::kReadPublished:
            return "ดูข้อมูลที่สำนักงานเขตเผยแพร่";
        case Permission::kReadSchoolData:
            return "ดูข้อมูลรายโรงเรียน";
        case Permission::kEditSchool:
            return "แก้ไขข้อมูลโรงเรียน";
        case Permission::kImport:
            return "นำเข้าข้อมูล";
        case Permission::kManageUsers:
            return "จัดการผู้ใช้";
        case Permission::kReadAudit:
            return "ดูบันทึกการใช้งาน";
        case Permission::kEditPlan:
            return "แก้ไขแผน";
        case Permission::kReportResults:
            return "บันทึกผลตัวชี้วัด";
    }
    KHET_UNREACHABLE("Permission outside the enum");
}

std::string DescribeScope(const Scope& scope) {
    if (!scope.school_code.empty()) return fmt::format("ของโรงเรียน {}", scope.school_code);
    if (!scope.office_code.empty()) return fmt::format("ของสำนักงานเขต {}", scope.office_code);
    return "";
}

}  // namespace

std::string_view PermissionName(Permission permission) {
    switch (permission) {
        case Permission::kReadPublished:
            return "read_published";
        case Permission::kReadSchoolData:
            return "read_school_data";
        case Permission::kEditSchool:
            return "edit_school";
        case Permission::kImport:
            return "import";
        case Permission::kManageUsers:
            return "manage_users";
        case Permission::kReadAudit:
            return "read_audit";
        case Permission::kEditPlan:
            return "edit_plan";
        case Permission::kReportResults:
            return "report_results";
    }
    KHET_UNREACHABLE("Permission outside the enum");
}

Actor Actor::Anonymous(std::string address) {
    Actor actor;
    actor.address_ = std::move(address);
    return actor;
}

Actor Actor::Console() {
    Actor actor;
    actor.console_ = true;
    actor.address_ = "console";
    return actor;
}

Actor Actor::SignedIn(User user, std::string address) {
    Actor actor;
    actor.user_ = std::move(user);
    actor.address_ = std::move(address);
    return actor;
}

std::string Actor::Login() const {
    if (user_) return user_->login;
    return console_ ? "console" : "";
}

std::string Actor::Name() const {
    if (user_) return user_->display_name;
    return console_ ? "ผู้ดูแลระบบ (บรรทัดคำสั่ง)" : "";
}

bool GrantAllows(const Grant& grant, Permission permission, const Scope& scope) {
    if (!RoleHolds(grant.role, permission)) return false;
    switch (grant.role) {
        case Role::kSystemAdmin:
            return true;
        case Role::kSchoolOfficer:
            return !scope.school_code.empty() && scope.school_code == grant.school_code;
        case Role::kGroupStaff:
            // Results only of their own group's KPIs; reading as every office role does.
            if (permission == Permission::kReportResults &&
                (scope.group_code.empty() || scope.group_code != grant.group)) {
                return false;
            }
            return !scope.office_code.empty() && scope.office_code == grant.office_code;
        default:
            return !scope.office_code.empty() && scope.office_code == grant.office_code;
    }
}

bool Allows(const Actor& actor, Permission permission, const Scope& scope) {
    if (actor.console()) return true;
    const User* user = actor.user();
    if (user == nullptr || user->must_change_password) return false;
    return std::any_of(user->grants.begin(), user->grants.end(),
                       [&](const Grant& grant) { return GrantAllows(grant, permission, scope); });
}

Status RequireSignedIn(const Actor& actor) {
    if (actor.console()) return {};
    const User* user = actor.user();
    if (user == nullptr) {
        return Fail(ErrorCode::kUnauthenticated,
                    "กรุณาเข้าสู่ระบบก่อน (ยังไม่ได้เข้าสู่ระบบหรือหมดเวลาใช้งานแล้ว)");
    }
    if (user->must_change_password) {
        const std::string message = "ต้องเปลี่ยนรหัสผ่านก่อนใช้งานระบบ";
        return Fail(ErrorCode::kPermissionDenied, message,
                    {FieldError{"password", message, 0, ""}});
    }
    return {};
}

Status Require(const Actor& actor, Permission permission, const Scope& scope) {
    if (auto signed_in = RequireSignedIn(actor); !signed_in) return signed_in;
    if (Allows(actor, permission, scope)) return {};
    return Fail(ErrorCode::kPermissionDenied,
                fmt::format("ไม่มีสิทธิ์{}{}", PermissionLabel(permission), DescribeScope(scope)));
}

Status RequireWithin(const Actor& actor, Permission permission, std::string_view office_code) {
    const Scope office{std::string(office_code), ""};
    if (auto signed_in = RequireSignedIn(actor); !signed_in) return signed_in;
    if (Allows(actor, permission, office)) return {};
    const User& user = *actor.user();  // the console is allowed everything above
    for (const Grant& grant : user.grants) {
        if (grant.office_code != office_code) continue;
        if (GrantAllows(grant, permission,
                        Scope{office.office_code, grant.school_code, grant.group})) {
            return {};
        }
    }
    return Require(actor, permission, office);
}

bool IsSystemAdmin(const Actor& actor) {
    if (actor.console()) return true;
    const User* user = actor.user();
    return user != nullptr && !user->must_change_password &&
           std::any_of(user->grants.begin(), user->grants.end(),
                       [](const Grant& grant) { return grant.role == Role::kSystemAdmin; });
}

std::vector<Permission> OfficePermissions(const Actor& actor, std::string_view office_code) {
    std::vector<Permission> out;
    const Scope scope{std::string(office_code), ""};
    for (Permission permission : kAllPermissions) {
        if (Allows(actor, permission, scope)) out.push_back(permission);
    }
    return out;
}

std::vector<Permission> SchoolPermissions(const Actor& actor, const Scope& school) {
    std::vector<Permission> out;
    for (Permission permission : kAllPermissions) {
        if (Allows(actor, permission, school)) out.push_back(permission);
    }
    return out;
}

}  // namespace khet
