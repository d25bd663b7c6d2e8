#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "services/sessions.hpp"

namespace khet::http {

/// Sessions the gate resolved within the last `lifetime`, so that a user's burst of GETs reads
/// the sessions and users tables once rather than once a request (which cost nine tenths of the
/// requests per second of a kept answer). Thread-safe, shared by the threads of one process.
///
/// Only reads use it. Every state-changing request goes to the store and clears the cache when
/// it is done, since it may have ended sessions (sign-out, a password reset) or changed grants;
/// a change made by another process sharing the database is seen within `lifetime`. The
/// session's own limits still hold: SessionService::StillCurrent is asked on every hit.
class SessionCache {
  public:
    using Clock = std::chrono::steady_clock;

    struct Limits {
        std::size_t max_entries = 4096;
        Clock::duration lifetime = std::chrono::seconds(1);
    };

    SessionCache() : SessionCache(Limits{}) {}
    explicit SessionCache(Limits limits) : limits_(limits) {}

    /// The session resolved for `token` within `lifetime` before `now`, or null.
    std::shared_ptr<const Session> Find(std::string_view token, Clock::time_point now) const;
    /// Keeps the session resolved for `token` at `now`.
    void Keep(std::string_view token, std::shared_ptr<const Session> session,
              Clock::time_point now);
    /// Forgets every session.
    void Clear();

    std::size_t Size() const;

  private:
    struct Entry {
        std::shared_ptr<const Session> session;
        Clock::time_point resolved_at;
    };

    // Looks tokens up as string_views, without a copy per request.
    struct TokenHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view token) const {
            return std::hash<std::string_view>{}(token);
        }
    };

    Limits limits_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Entry, TokenHash, std::equal_to<>> entries_;
};

}  // namespace khet::http
