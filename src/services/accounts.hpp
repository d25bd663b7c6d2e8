#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "domain/access.hpp"
#include "domain/user.hpp"
#include "services/ports/password_hasher.hpp"
#include "services/ports/repositories.hpp"

namespace khet {

/// A user just added or reset, with the one-time password to hand over (empty when one was
/// given).
struct NewAccount {
    User user;
    std::string one_time_password;
};

/// Users and their passwords. Who may manage whom: a system administrator everyone; an office
/// administrator (kManageUsers) the users whose every grant lies in their office.
class AccountService {
  public:
    AccountService(UserRepository& users, SchoolRepository& schools, PasswordHasher& hasher)
        : users_(users), schools_(schools), hasher_(hasher) {}

    /// Whether the actor may manage the users of some office (the system administrator, of
    /// all): the gate asks before it reads a new user or a reset (docs/SECURITY.md).
    Status MayManageUsers(const Actor& actor) const;

    /// Adds a user holding `grant`. Without a password a one-time one is generated and the
    /// user must change it at first sign-in. kInvalidArgument per field (login, display_name,
    /// role, office, school, group, password); kConflict when the login is taken; kNotFound for
    /// an unknown office or school; kPermissionDenied unless the actor may grant it.
    Result<NewAccount> AddUser(const Actor& actor, std::string_view login,
                               std::string_view display_name, Grant grant,
                               std::optional<std::string> password);

    /// The user of `login` when `password` is theirs. A wrong password and an unknown login
    /// give the same kUnauthenticated, after the same work.
    Result<User> Authenticate(std::string_view login, std::string_view password);

    /// The users the actor may manage, by login: of `office_code` (every office's for a system
    /// administrator when empty).
    Result<std::vector<User>> Users(const Actor& actor, std::string_view office_code);

    /// Gives the user a new one-time password that must be changed at the next sign-in, and
    /// ends their sessions.
    Result<NewAccount> ResetPassword(const Actor& actor, long long user_id);

    /// The signed-in user changes their own password (allowed while they must change it).
    /// kInvalidArgument on the field current_password or new_password.
    /// Every session of the user ends with it, in its transaction (SessionService::ChangePassword
    /// opens a new one).
    Result<User> ChangeOwnPassword(const Actor& actor, std::string_view current_password,
                                   std::string_view new_password);

    /// The console's demo accounts: added if missing (marked demo, no change required), or
    /// given a new random password if they exist and are demo accounts. kConflict when the
    /// login belongs to a real account.
    Result<NewAccount> EnsureDemoAccount(std::string_view login, std::string_view display_name,
                                         Grant grant);

  private:
    Result<NewAccount> AddAccount(const Actor& actor, std::string_view login,
                                  std::string_view display_name, Grant grant,
                                  std::optional<std::string> password, bool demo);
    // Checks that the grant's office and school exist, filling a school officer's office.
    Status ResolveScope(Grant& grant);
    // Whether the actor may give or manage `grant`.
    Status RequireManage(const Actor& actor, const Grant& grant);

    UserRepository& users_;
    SchoolRepository& schools_;
    PasswordHasher& hasher_;
    std::string unknown_login_hash_;  // verified against for unknown logins, made on first use
};

}  // namespace khet
