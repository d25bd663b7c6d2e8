#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.hpp"
#include "domain/user.hpp"
#include "services/accounts.hpp"
#include "services/ports/repositories.hpp"
#include "services/ports/tokens.hpp"

namespace khet {

/// How long sessions live and how sign-in is throttled.
struct SessionPolicy {
    std::int64_t idle_seconds = 2 * 3600;       // ends after this long without a request
    std::int64_t absolute_seconds = 12 * 3600;  // ends this long after sign-in, whatever happens
    std::int64_t touch_every_seconds = 60;      // last-seen is written at most this often
    // Throttling: past this many failures within the window (for one login since its last
    // success, or from one address), sign-in waits lock_base × 2^(excess) after the last failure,
    // at most lock_max.
    int free_login_failures = 5;
    int free_address_failures = 20;
    std::int64_t failure_window_seconds = 3600;
    std::int64_t lock_base_seconds = 30;
    std::int64_t lock_max_seconds = 15 * 60;
};

/// A signed-in session: the user as now stored (grants included) and its CSRF token.
struct Session {
    User user;
    std::string csrf_token;
    std::int64_t expires_at = 0;       // absolute expiry, seconds since 1970 UTC
    std::int64_t idle_expires_at = 0;  // when it ends unless used before
    std::int64_t touch_at = 0;         // when last-seen is next due a write
    bool touch_due = false;            // Resume(…, kReadOnly) found last-seen due a write
};

struct SignedIn {
    std::string token;  // for the cookie; the store keeps only its hash
    Session session;
};

/// Sign-in, sessions and sign-out. Sessions live in the store, so every server process sharing
/// the database sees them.
class SessionService {
  public:
    enum class Touch { kWrite, kReadOnly };

    SessionService(SessionRepository& sessions, UserRepository& users, AccountService& accounts,
                   TokenMinter& tokens, Clock& clock, SessionPolicy policy = {})
        : sessions_(sessions),
          users_(users),
          accounts_(accounts),
          tokens_(tokens),
          clock_(clock),
          policy_(policy) {}

    /// Checks the password and opens a session. Every attempt is recorded. kUnauthenticated
    /// (one message for a wrong login or password); kTooManyRequests, saying until when, while
    /// the login or the address is locked out.
    Result<SignedIn> SignIn(std::string_view login, std::string_view password,
                            std::string_view address, std::string_view user_agent);

    /// The session of a token; kUnauthenticated when unknown, idle too long or past its end.
    /// With kWrite, last-seen is written when due; with kReadOnly nothing is written and
    /// touch_due says whether it was due.
    Result<Session> Resume(std::string_view token, Touch touch = Touch::kWrite);

    /// Whether a session resumed a moment ago may still be used as it was, without asking the
    /// store: it has not ended (idle or absolute) nor come due for a write of last-seen.
    bool StillCurrent(const Session& session) const {
        const std::int64_t now = clock_.NowSeconds();
        return !session.touch_due && now < session.idle_expires_at && now < session.touch_at;
    }

    /// Changes the signed-in actor's password (AccountService::ChangeOwnPassword), which ends
    /// every session of theirs, and opens a new one here: a new token and a new CSRF token, so
    /// that a cookie or token read before the change is worth nothing after it.
    Result<SignedIn> ChangePassword(const Actor& actor, std::string_view current_password,
                                    std::string_view new_password, std::string_view address,
                                    std::string_view user_agent);

    /// Ends the token's session (nothing when it has none).
    Status SignOut(std::string_view token);

    /// Whether `given` is the session's CSRF token, compared in constant time.
    bool SameCsrfToken(std::string_view expected, std::string_view given) {
        return !expected.empty() && tokens_.SameSecret(expected, given);
    }

    const SessionPolicy& Policy() const { return policy_; }

  private:
    // A new session of `user` (whose password was just checked).
    Result<SignedIn> Open(User user, std::string_view address, std::string_view user_agent);

    // When sign-in opens again after `failures` (0 when it is open).
    std::int64_t LockedUntil(const SignInFailures& failures, int free) const;

    SessionRepository& sessions_;
    UserRepository& users_;
    AccountService& accounts_;
    TokenMinter& tokens_;
    Clock& clock_;
    SessionPolicy policy_;
};

}  // namespace khet
