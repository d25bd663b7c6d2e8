#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "domain/user.hpp"

namespace khet {

/// What a use case needs the caller to be allowed. Roles map onto these (GrantAllows); services
/// ask for them, so a handler or the CLI can never skip the check.
enum class Permission {
    kReadPublished,   // the office's overview and statistics tables: what the office publishes
    kReadSchoolData,  // schools' lists, pages and census rows; validation warnings
    kEditSchool,      // a school's own record (name, district, zone, levels, status)
    kImport,          // census and school-list imports
    kManageUsers,     // add users, reset their passwords
    kReadAudit,       // the audit trail
    kEditPlan,        // the office's plans: import, copy, edit, publish; read drafts
    kReportResults,   // KPI results; group staff only for the KPIs of their group
};

inline constexpr Permission kAllPermissions[] = {
    Permission::kReadPublished, Permission::kReadSchoolData, Permission::kEditSchool,
    Permission::kImport,        Permission::kManageUsers,    Permission::kReadAudit,
    Permission::kEditPlan,      Permission::kReportResults};

/// Stable machine name ("read_school_data"), as the API and the web UI use it.
std::string_view PermissionName(Permission permission);

/// Where a permission is asked for: an office, or one school of it. A school officer's grant
/// reaches only a scope naming its school; office grants reach every school of their office.
struct Scope {
    std::string office_code;
    std::string school_code;
    std::string group_code = {};  // a KPI's responsible group, for kReportResults
};

/// Who asks. Either a signed-in user (with the address the request came from), the operator at
/// the console (the CLI, who holds the database itself), or nobody (a request without a session).
class Actor {
  public:
    /// Nobody signed in: every permission is refused with kUnauthenticated.
    static Actor Anonymous(std::string address = "");
    static Actor Console();
    static Actor SignedIn(User user, std::string address);

    const User* user() const { return user_ ? &*user_ : nullptr; }
    bool console() const { return console_; }
    const std::string& address() const { return address_; }
    /// The login for the record ("console" for the console, "" when anonymous).
    std::string Login() const;
    /// The display name for the record.
    std::string Name() const;
    long long UserId() const { return user_ ? user_->id : 0; }

  private:
    std::optional<User> user_;
    bool console_ = false;
    std::string address_;
};

/// Whether one grant allows `permission` in `scope`.
bool GrantAllows(const Grant& grant, Permission permission, const Scope& scope);

/// Whether the actor may: the console always; nobody never; a user who must change their
/// password never; otherwise when any of the user's grants allows it.
bool Allows(const Actor& actor, Permission permission, const Scope& scope);

/// Allows() as a Status: kUnauthenticated for nobody, kPermissionDenied (Thai, naming what was
/// refused) otherwise; a user who must change their password is told so on the field "password".
Status Require(const Actor& actor, Permission permission, const Scope& scope);

/// Require() for some part of an office: the office itself, or a school or group of it that
/// one of the actor's grants names. What a request's path alone can decide (it names the office;
/// the school or the group is in the body), so a user with no right there at all is refused
/// before the body is read.
Status RequireWithin(const Actor& actor, Permission permission, std::string_view office_code);

/// kUnauthenticated unless someone is signed in (or the console); for what any user may read.
Status RequireSignedIn(const Actor& actor);

/// Whether the actor holds system_admin (the console counts as one).
bool IsSystemAdmin(const Actor& actor);

/// The permissions the actor has over the office as a whole (school officers' grants do not
/// reach an office), in the order of kAllPermissions.
std::vector<Permission> OfficePermissions(const Actor& actor, std::string_view office_code);

/// The permissions the actor has over one school of an office.
std::vector<Permission> SchoolPermissions(const Actor& actor, const Scope& school);

}  // namespace khet
