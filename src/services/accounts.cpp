#include "services/accounts.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "base/json_text.hpp"
#include "base/text.hpp"
#include "thai/text_hygiene.hpp"

namespace khet {
namespace {

constexpr std::string_view kWrongCredentials = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง";

std::unexpected<Error> WrongCredentials() {
    return Fail(ErrorCode::kUnauthenticated, std::string(kWrongCredentials));
}

std::string UserAuditText(const User& user) {
    JsonObjectText text;
    text.Add("login", user.login).Add("display_name", user.display_name);
    std::string roles;
    for (const Grant& grant : user.grants) {
        if (!roles.empty()) roles += "; ";
        roles += RoleName(grant.role);
        if (!grant.office_code.empty()) roles += " " + grant.office_code;
        if (!grant.school_code.empty()) roles += " " + grant.school_code;
        if (!grant.group.empty()) roles += " " + grant.group;
    }
    text.Add("grants", roles)
        .Add("must_change_password", user.must_change_password)
        .Add("demo", user.demo)
        .Add("version", user.version);
    return text.Text();
}

std::string OfficeOf(const User& user) {
    for (const Grant& grant : user.grants) {
        if (!grant.office_code.empty()) return grant.office_code;
    }
    return "";
}

}  // namespace

Status AccountService::ResolveScope(Grant& grant) {
    if (!grant.office_code.empty()) {
        auto office = schools_.FindOffice(grant.office_code);
        if (!office && office.error().code == ErrorCode::kNotFound) {
            const std::string message =
                fmt::format("ไม่มีสำนักงานเขตรหัส {} ในฐานข้อมูล", grant.office_code);
            return Fail(ErrorCode::kNotFound, message, {FieldError{"office", message, 0, ""}});
        }
        if (!office) return std::unexpected(office.error());
    }
    if (!grant.school_code.empty()) {
        auto school = schools_.FindSchool(grant.school_code);
        if (!school && school.error().code == ErrorCode::kNotFound) {
            const std::string message =
                fmt::format("ไม่มีโรงเรียนรหัส {} ในฐานข้อมูล", grant.school_code);
            return Fail(ErrorCode::kNotFound, message, {FieldError{"school", message, 0, ""}});
        }
        if (!school) return std::unexpected(school.error());
        if (grant.office_code.empty()) {
            grant.office_code = school->office_code;
        } else if (grant.office_code != school->office_code) {
            const std::string message =
                fmt::format("โรงเรียน {} สังกัดสำนักงานเขต {} ไม่ใช่ {}", grant.school_code,
                            school->office_code, grant.office_code);
            return InvalidArgument(message, {FieldError{"school", message, 0, ""}});
        }
    }
    return {};
}

Status AccountService::RequireManage(const Actor& actor, const Grant& grant) {
    if (auto signed_in = RequireSignedIn(actor); !signed_in) return signed_in;
    if (IsSystemAdmin(actor)) return {};
    if (grant.role == Role::kSystemAdmin) {
        return Fail(ErrorCode::kPermissionDenied, "เฉพาะผู้ดูแลระบบจัดการบัญชีผู้ดูแลระบบได้");
    }
    return Require(actor, Permission::kManageUsers, Scope{grant.office_code, ""});
}

Result<NewAccount> AccountService::AddUser(const Actor& actor, std::string_view login,
                                           std::string_view display_name, Grant grant,
                                           std::optional<std::string> password) {
    return AddAccount(actor, login, display_name, std::move(grant), std::move(password), false);
}

Status AccountService::MayManageUsers(const Actor& actor) const {
    if (auto signed_in = RequireSignedIn(actor); !signed_in) return signed_in;
    if (IsSystemAdmin(actor)) return {};
    for (const Grant& grant : actor.user()->grants) {
        if (Allows(actor, Permission::kManageUsers, Scope{grant.office_code, ""})) return {};
    }
    return Fail(ErrorCode::kPermissionDenied, "ไม่มีสิทธิ์จัดการผู้ใช้");
}

Result<NewAccount> AccountService::AddAccount(const Actor& actor, std::string_view login,
                                              std::string_view display_name, Grant grant,
                                              std::optional<std::string> password, bool demo) {
    if (auto signed_in = RequireSignedIn(actor); !signed_in) {
        return std::unexpected(signed_in.error());
    }
    std::vector<FieldError> fields;
    auto normal = NormalizeLogin(login);
    if (!normal) fields.push_back({"login", normal.error().message, 0, ""});
    auto name = CleanText(display_name);
    if (!name) {
        fields.push_back({"display_name", name.error().message, 0, ""});
    } else if (name->empty()) {
        fields.push_back({"display_name", "ต้องระบุชื่อที่แสดงของผู้ใช้", 0, ""});
    } else if (CodePoints(*name) > kMaxDisplayName) {
        fields.push_back(
            {"display_name", fmt::format("ชื่อที่แสดงยาวเกิน {} ตัวอักษร", kMaxDisplayName), 0, ""});
    }
    if (auto valid = ValidateGrant(grant); !valid) {
        fields.push_back({"role", valid.error().message, 0, ""});
    }
    if (password) {
        if (auto valid = ValidatePassword(*password); !valid) {
            fields.push_back({"password", valid.error().message, 0, ""});
        }
    }
    if (!fields.empty()) {
        std::string message = fields.front().message;
        return InvalidArgument(std::move(message), std::move(fields));
    }
    if (auto resolved = ResolveScope(grant); !resolved) return std::unexpected(resolved.error());
    if (auto allowed = RequireManage(actor, grant); !allowed) {
        return std::unexpected(allowed.error());
    }
    // The store's unique login is the real guard; this check only spares an argon2 hash.
    if (auto existing = users_.FindUserByLogin(*normal); existing) {
        const std::string message = fmt::format("มีผู้ใช้ชื่อ {} อยู่แล้ว", *normal);
        return Fail(ErrorCode::kConflict, message, {FieldError{"login", message, 0, ""}});
    } else if (existing.error().code != ErrorCode::kNotFound) {
        return std::unexpected(existing.error());
    }

    NewAccount account;
    account.user.login = *normal;
    account.user.display_name = std::move(*name);
    account.user.must_change_password = !password.has_value();
    account.user.demo = demo;
    account.user.grants = {grant};
    if (!password) account.one_time_password = hasher_.GeneratePassword();
    auto hash = hasher_.Hash(password ? *password : account.one_time_password);
    if (!hash) return std::unexpected(hash.error());
    AuditEntry audit = AuditOf(actor, "user.add", grant.office_code);
    audit.entity = "user";
    audit.entity_id = account.user.login;
    account.user.version = 1;
    audit.after = UserAuditText(account.user);
    auto added = users_.AddUser(account.user, *hash, audit);
    if (!added) return std::unexpected(added.error());
    account.user = std::move(*added);
    return account;
}

Result<User> AccountService::Authenticate(std::string_view login, std::string_view password) {
    auto normal = NormalizeLogin(login);
    auto found = normal ? users_.FindCredentials(*normal)
                        : Result<UserCredentials>(NotFound("ชื่อผู้ใช้ไม่ถูกรูปแบบ"));
    if (!found && found.error().code != ErrorCode::kNotFound) {
        return std::unexpected(found.error());
    }
    if (!found) {
        // Verify anyway, so an unknown login takes as long as a wrong password.
        if (unknown_login_hash_.empty()) {
            auto hash = hasher_.Hash("khet-unknown-login-placeholder");
            if (!hash) return std::unexpected(hash.error());
            unknown_login_hash_ = std::move(*hash);
        }
        (void)hasher_.Verify(unknown_login_hash_, password);
        return WrongCredentials();
    }
    if (!hasher_.Verify(found->password_hash, password)) return WrongCredentials();
    return std::move(found->user);
}

Result<std::vector<User>> AccountService::Users(const Actor& actor, std::string_view office_code) {
    if (auto signed_in = RequireSignedIn(actor); !signed_in) {
        return std::unexpected(signed_in.error());
    }
    if (office_code.empty() && !IsSystemAdmin(actor)) {
        const std::string message = "ต้องระบุสำนักงานเขต (office)";
        return InvalidArgument(message, {FieldError{"office", message, 0, ""}});
    }
    if (!office_code.empty()) {
        if (auto allowed =
                Require(actor, Permission::kManageUsers, Scope{std::string(office_code), ""});
            !allowed) {
            return std::unexpected(allowed.error());
        }
    }
    auto users = users_.Users();
    if (!users || office_code.empty()) return users;
    std::erase_if(*users, [&](const User& user) {
        return std::none_of(user.grants.begin(), user.grants.end(),
                            [&](const Grant& grant) { return grant.office_code == office_code; });
    });
    return users;
}

Result<NewAccount> AccountService::ResetPassword(const Actor& actor, long long user_id) {
    if (auto signed_in = RequireSignedIn(actor); !signed_in) {
        return std::unexpected(signed_in.error());
    }
    auto user = users_.FindUser(user_id);
    if (!user) return std::unexpected(user.error());
    for (const Grant& grant : user->grants) {
        if (auto allowed = RequireManage(actor, grant); !allowed) {
            return std::unexpected(allowed.error());
        }
    }
    if (user->grants.empty() && !IsSystemAdmin(actor)) {
        return Fail(ErrorCode::kPermissionDenied, "เฉพาะผู้ดูแลระบบตั้งรหัสผ่านให้ผู้ใช้ที่ไม่มีบทบาทได้");
    }
    NewAccount account{*user, hasher_.GeneratePassword()};
    auto hash = hasher_.Hash(account.one_time_password);
    if (!hash) return std::unexpected(hash.error());
    AuditEntry audit = AuditOf(actor, "user.password_reset", OfficeOf(*user));
    audit.entity = "user";
    audit.entity_id = user->login;
    audit.before = UserAuditText(*user);
    account.user.must_change_password = true;
    ++account.user.version;
    audit.after = UserAuditText(account.user);
    auto version = users_.SetPassword(user->id, *hash, true, user->version, audit);
    if (!version) return std::unexpected(version.error());
    account.user.version = *version;
    return account;
}

Result<User> AccountService::ChangeOwnPassword(const Actor& actor,
                                               std::string_view current_password,
                                               std::string_view new_password) {
    const User* me = actor.user();
    if (me == nullptr) {
        return Fail(ErrorCode::kUnauthenticated, "กรุณาเข้าสู่ระบบก่อนเปลี่ยนรหัสผ่าน");
    }
    auto found = users_.FindCredentials(me->login);
    if (!found) return std::unexpected(found.error());
    if (!hasher_.Verify(found->password_hash, current_password)) {
        const std::string message = "รหัสผ่านปัจจุบันไม่ถูกต้อง";
        return InvalidArgument(message, {FieldError{"current_password", message, 0, ""}});
    }
    if (auto valid = ValidatePassword(new_password); !valid) {
        return InvalidArgument(valid.error().message,
                               {FieldError{"new_password", valid.error().message, 0, ""}});
    }
    if (new_password == current_password) {
        const std::string message = "รหัสผ่านใหม่ต้องไม่ซ้ำกับรหัสผ่านปัจจุบัน";
        return InvalidArgument(message, {FieldError{"new_password", message, 0, ""}});
    }
    auto hash = hasher_.Hash(new_password);
    if (!hash) return std::unexpected(hash.error());
    User user = found->user;
    AuditEntry audit = AuditOf(actor, "user.password_change", OfficeOf(user));
    audit.entity = "user";
    audit.entity_id = user.login;
    audit.before = UserAuditText(user);
    user.must_change_password = false;
    ++user.version;
    audit.after = UserAuditText(user);
    auto version = users_.SetPassword(user.id, *hash, false, found->user.version, audit);
    if (!version) return std::unexpected(version.error());
    user.version = *version;
    return user;
}

Result<NewAccount> AccountService::EnsureDemoAccount(std::string_view login,
                                                     std::string_view display_name, Grant grant) {
    const Actor console = Actor::Console();
    auto existing = users_.FindUserByLogin(login);
    if (!existing && existing.error().code != ErrorCode::kNotFound) {
        return std::unexpected(existing.error());
    }
    const std::string password = hasher_.GeneratePassword();
    if (!existing) {
        auto added = AddAccount(console, login, display_name, std::move(grant), password, true);
        if (!added) return added;
        added->one_time_password = password;
        return added;
    }
    if (!existing->demo) {
        return Fail(ErrorCode::kConflict,
                    fmt::format("มีบัญชีจริงชื่อ {} อยู่แล้ว: ไม่แตะบัญชีนี้", existing->login));
    }
    auto hash = hasher_.Hash(password);
    if (!hash) return std::unexpected(hash.error());
    AuditEntry audit = AuditOf(console, "user.password_reset", OfficeOf(*existing));
    audit.entity = "user";
    audit.entity_id = existing->login;
    audit.after = JsonObjectText().Add("demo", true).Text();
    auto version = users_.SetPassword(existing->id, *hash, false, existing->version, audit);
    if (!version) return std::unexpected(version.error());
    NewAccount account{std::move(*existing), password};
    account.user.version = *version;
    account.user.must_change_password = false;
    return account;
}

}  // namespace khet
