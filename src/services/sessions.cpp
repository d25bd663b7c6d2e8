#include "services/sessions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "thai/thai_time.hpp"

namespace khet {
namespace {

std::unexpected<Error> SessionEnded() {
    return Fail(ErrorCode::kUnauthenticated, "หมดเวลาการใช้งานหรือออกจากระบบแล้ว กรุณาเข้าสู่ระบบอีกครั้ง");
}

std::string LoginForRecord(std::string_view login) {
    auto normal = NormalizeLogin(login);
    if (normal) return *normal;
    return std::string(login.substr(0, 64));
}

}  // namespace

std::int64_t SessionService::LockedUntil(const SignInFailures& failures, int free) const {
    if (failures.count < free) return 0;
    const int excess = std::min(failures.count - free, 20);
    const std::int64_t wait =
        std::min(policy_.lock_base_seconds << excess, policy_.lock_max_seconds);
    return failures.last_at + wait;
}

Result<SignedIn> SessionService::SignIn(std::string_view login, std::string_view password,
                                        std::string_view address, std::string_view user_agent) {
    const std::int64_t now = clock_.NowSeconds();
    const std::string recorded_login = LoginForRecord(login);
    const std::int64_t since = now - policy_.failure_window_seconds;
    auto by_login = sessions_.LoginFailures(recorded_login, since);
    if (!by_login) return std::unexpected(by_login.error());
    auto by_address = sessions_.AddressFailures(address, since);
    if (!by_address) return std::unexpected(by_address.error());
    const std::int64_t locked_until =
        std::max(LockedUntil(*by_login, policy_.free_login_failures),
                 LockedUntil(*by_address, policy_.free_address_failures));
    if (now < locked_until) {
        if (auto logged = sessions_.RecordSignInAttempt(recorded_login, address, false, now);
            !logged) {
            return std::unexpected(logged.error());
        }
        const auto until =
            std::chrono::system_clock::time_point(std::chrono::seconds(locked_until));
        return Fail(ErrorCode::kTooManyRequests,
                    fmt::format("เข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป: ลองใหม่ได้หลัง {} (อีกประมาณ {} นาที)",
                                FormatThaiDateTime(until, DateStyle::kShort),
                                (locked_until - now + 59) / 60));
    }
    auto user = accounts_.Authenticate(login, password);
    if (auto logged = sessions_.RecordSignInAttempt(recorded_login, address, user.has_value(), now);
        !logged) {
        return std::unexpected(logged.error());
    }
    if (!user) return std::unexpected(user.error());
    auto opened = Open(std::move(*user), address, user_agent);
    if (!opened) return opened;
    // Sign-ins are rare enough to sweep up old sessions and attempts on the way.
    if (auto purged = sessions_.PurgeExpired(now, now - 30 * 24 * 3600); !purged) {
        return std::unexpected(purged.error());
    }
    return opened;
}

Result<SignedIn> SessionService::ChangePassword(const Actor& actor,
                                                std::string_view current_password,
                                                std::string_view new_password,
                                                std::string_view address,
                                                std::string_view user_agent) {
    auto user = accounts_.ChangeOwnPassword(actor, current_password, new_password);
    if (!user) return std::unexpected(user.error());
    return Open(std::move(*user), address, user_agent);
}

Result<SignedIn> SessionService::Open(User user, std::string_view address,
                                      std::string_view user_agent) {
    const std::int64_t now = clock_.NowSeconds();
    SignedIn signed_in;
    signed_in.token = tokens_.NewToken();
    SessionRecord record;
    record.token_hash = tokens_.HashToken(signed_in.token);
    record.user_id = user.id;
    record.csrf_token = tokens_.NewToken();
    record.created_at = now;
    record.last_seen_at = now;
    record.expires_at = now + policy_.absolute_seconds;
    record.address = std::string(address);
    record.user_agent = std::string(user_agent.substr(0, 300));
    if (auto added = sessions_.AddSession(record); !added) return std::unexpected(added.error());
    signed_in.session = {std::move(user),
                         record.csrf_token,
                         record.expires_at,
                         std::min(record.expires_at, now + policy_.idle_seconds),
                         now + policy_.touch_every_seconds,
                         false};
    return signed_in;
}

Result<Session> SessionService::Resume(std::string_view token, Touch touch) {
    if (token.empty() || token.size() > 100) return SessionEnded();
    const std::string hash = tokens_.HashToken(token);
    auto record = sessions_.FindSession(hash);
    if (!record && record.error().code == ErrorCode::kNotFound) return SessionEnded();
    if (!record) return std::unexpected(record.error());
    const std::int64_t now = clock_.NowSeconds();
    if (now >= record->expires_at || now >= record->last_seen_at + policy_.idle_seconds) {
        if (touch == Touch::kWrite) (void)sessions_.DeleteSession(hash);
        return SessionEnded();
    }
    auto user = users_.FindUser(record->user_id);
    if (!user && user.error().code == ErrorCode::kNotFound) return SessionEnded();
    if (!user) return std::unexpected(user.error());
    Session session{std::move(*user),
                    record->csrf_token,
                    record->expires_at,
                    std::min(record->expires_at, record->last_seen_at + policy_.idle_seconds),
                    record->last_seen_at + policy_.touch_every_seconds,
                    false};
    if (now - record->last_seen_at >= policy_.touch_every_seconds) {
        if (touch == Touch::kReadOnly) {
            session.touch_due = true;
        } else {
            if (auto touched = sessions_.TouchSession(hash, now); !touched) {
                return std::unexpected(touched.error());
            }
            session.idle_expires_at = std::min(record->expires_at, now + policy_.idle_seconds);
            session.touch_at = now + policy_.touch_every_seconds;
        }
    }
    return session;
}

Status SessionService::SignOut(std::string_view token) {
    if (token.empty() || token.size() > 100) return {};
    return sessions_.DeleteSession(tokens_.HashToken(token));
}

}  // namespace khet
