#include "services/accounts.hpp"

#include <fmt/format.h>

namespace khet {
namespace {

constexpr std::string_view kWrongCredentials = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง";

std::unexpected<Error> Denied() {
    return Fail(ErrorCode::kPermissionDenied, std::string(kWrongCredentials));
}

}  // namespace

Status AccountService::ResolveScope(Grant& grant) {
    if (!grant.office_code.empty()) {
        auto office = schools_.FindOffice(grant.office_code);
        if (!office && office.error().code == ErrorCode::kNotFound) {
            return NotFound(fmt::format("ไม่มีสำนักงานเขตรหัส {} ในฐานข้อมูล", grant.office_code));
        }
        if (!office) return std::unexpected(office.error());
    }
    if (!grant.school_code.empty()) {
        auto school = schools_.FindSchool(grant.school_code);
        if (!school && school.error().code == ErrorCode::kNotFound) {
            return NotFound(fmt::format("ไม่มีโรงเรียนรหัส {} ในฐานข้อมูล", grant.school_code));
        }
        if (!school) return std::unexpected(school.error());
        if (grant.office_code.empty()) {
            grant.office_code = school->office_code;
        } else if (grant.office_code != school->office_code) {
            const std::string message =
                fmt::format("โรงเรียน {} สังกัดสำนักงานเขต {} ไม่ใช่ {}", grant.school_code,
                            school->office_code, grant.office_code);
            return InvalidArgument(message, {FieldError{"school_code", message, 0, ""}});
        }
    }
    return {};
}

Result<NewAccount> AccountService::AddUser(std::string_view login, std::string_view display_name,
                                           Grant grant, std::optional<std::string> password) {
    auto normal = NormalizeLogin(login);
    if (!normal) return std::unexpected(normal.error());
    if (display_name.find_first_not_of(" \t") == std::string_view::npos) {
        const std::string message = "ต้องระบุชื่อที่แสดงของผู้ใช้";
        return InvalidArgument(message, {FieldError{"display_name", message, 0, ""}});
    }
    if (auto valid = ValidateGrant(grant); !valid) return std::unexpected(valid.error());
    if (password) {
        if (auto valid = ValidatePassword(*password); !valid) {
            return std::unexpected(valid.error());
        }
    }
    if (auto resolved = ResolveScope(grant); !resolved) return std::unexpected(resolved.error());
    // The store's unique login is the real guard; this check only spares an argon2 hash.
    if (auto existing = users_.FindUserByLogin(*normal); existing) {
        return Fail(ErrorCode::kConflict, fmt::format("มีผู้ใช้ชื่อ {} อยู่แล้ว", *normal));
    } else if (existing.error().code != ErrorCode::kNotFound) {
        return std::unexpected(existing.error());
    }

    NewAccount account;
    account.user.login = *normal;
    account.user.display_name = std::string(display_name);
    account.user.must_change_password = !password.has_value();
    account.user.grants = {grant};
    if (!password) account.one_time_password = hasher_.GeneratePassword();
    auto hash = hasher_.Hash(password ? *password : account.one_time_password);
    if (!hash) return std::unexpected(hash.error());
    auto added = users_.AddUser(account.user, *hash);
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
        return Denied();
    }
    if (!hasher_.Verify(found->password_hash, password)) return Denied();
    return std::move(found->user);
}

}  // namespace khet
