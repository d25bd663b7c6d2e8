#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "domain/user.hpp"
#include "services/ports/password_hasher.hpp"
#include "services/ports/repositories.hpp"

namespace khet {

/// A user just added, with the one-time password to hand over (empty when one was given).
struct NewAccount {
    User user;
    std::string one_time_password;
};

/// Adding users and checking their passwords. Sessions and sign-in pages build on this.
class AccountService {
  public:
    AccountService(UserRepository& users, SchoolRepository& schools, PasswordHasher& hasher)
        : users_(users), schools_(schools), hasher_(hasher) {}

    /// Adds a user holding `grant`. Without a password a one-time one is generated and the
    /// user must change it at first sign-in. kInvalidArgument for a bad login, name, grant or
    /// password; kConflict when the login is taken; kNotFound for an unknown office or school.
    Result<NewAccount> AddUser(std::string_view login, std::string_view display_name, Grant grant,
                               std::optional<std::string> password);

    /// The user of `login` when `password` is theirs. A wrong password and an unknown login
    /// give the same kPermissionDenied, after the same work.
    Result<User> Authenticate(std::string_view login, std::string_view password);

    /// Every user, by login.
    Result<std::vector<User>> Users() { return users_.Users(); }

  private:
    // Checks that the grant's office and school exist, filling a school officer's office.
    Status ResolveScope(Grant& grant);

    UserRepository& users_;
    SchoolRepository& schools_;
    PasswordHasher& hasher_;
    std::string unknown_login_hash_;  // verified against for unknown logins, made on first use
};

}  // namespace khet
