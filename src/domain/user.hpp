#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

namespace khet {

/// What a user may do; each role is held within a scope (see Grant).
enum class Role {
    kSystemAdmin,
    kOfficeAdmin,
    kPlanner,
    kGroupStaff,
    kSupervisor,
    kExecutive,
    kSchoolOfficer,
    kPublic,
};

/// Every role, in the order above.
inline constexpr Role kAllRoles[] = {Role::kSystemAdmin,   Role::kOfficeAdmin, Role::kPlanner,
                                     Role::kGroupStaff,    Role::kSupervisor,  Role::kExecutive,
                                     Role::kSchoolOfficer, Role::kPublic};

/// Stable machine name, as stored and typed on the command line ("office_admin").
std::string_view RoleName(Role role);
/// Thai label for people ("ผู้ดูแลสำนักงานเขต").
std::string_view RoleLabel(Role role);
/// The role of a stable name; kInvalidArgument naming the known roles otherwise.
Result<Role> ParseRole(std::string_view name);

/// One role held within one scope; a user may hold several.
struct Grant {
    Role role = Role::kPublic;
    std::string office_code;  // office roles; the school's office for school_officer
    std::string school_code;  // school_officer only
    std::string group;  // group_staff only: the office's group (กลุ่ม) the staff work in

    friend bool operator==(const Grant&, const Grant&) = default;
};

/// Checks that the grant has the scope its role needs and nothing else: system_admin has no
/// scope, office roles need an office, school_officer a school, group_staff a group.
Status ValidateGrant(const Grant& grant);

/// A person who signs in. The password hash is not part of it: it stays in the store.
struct User {
    long long id = 0;
    std::string login;         // e-mail or user name, lower-cased
    std::string display_name;  // Thai
    bool must_change_password = false;
    bool demo = false;  // an account of the demo office
    long long version = 0;
    std::vector<Grant> grants;
};

/// The login lower-cased, when it is 3–64 of the characters a-z, 0-9, '.', '_', '@', '-'.
Result<std::string> NormalizeLogin(std::string_view login);

/// Passwords are at least this many characters (code points, so Thai counts as typed).
inline constexpr int kMinPasswordLength = 10;
/// The longest display name, in characters typed (a Thai name with its title fits in 100).
inline constexpr std::size_t kMaxDisplayName = 200;

/// kInvalidArgument when the password is shorter than kMinPasswordLength.
Status ValidatePassword(std::string_view password);

}  // namespace khet
