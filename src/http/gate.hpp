#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/message.hpp"
#include "http/response_cache.hpp"
#include "http/router.hpp"
#include "http/session_cache.hpp"
#include "services/sessions.hpp"

namespace khet::http {

/// The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure when the request came over TLS.
inline constexpr std::string_view kSessionCookie = "khet_session";
/// The header every state-changing request of a session carries its CSRF token in.
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

struct GateOptions {
    // Behind a reverse proxy: take the client's address from the last X-Forwarded-For entry and
    // TLS from X-Forwarded-Proto. Off, both headers are ignored (a client could forge them).
    bool trust_proxy = false;
    // Mark cookies Secure even without a proxy's word (Khet itself serves plain HTTP).
    bool secure_cookies = false;
};

/// The value of cookie `name` in the request's Cookie header.
std::optional<std::string> CookieValue(const Request& request, std::string_view name);

/// Set-Cookie values that open and end a session.
std::string SessionCookie(std::string_view token, bool secure);
std::string ClearedSessionCookie(bool secure);

/// Every API request passes here. It fills the request's actor from its session cookie (an
/// unknown or expired session is anonymous, and its cookie is cleared), refuses a state-changing
/// request whose Origin is another site or, with a session, whose X-CSRF-Token is not the
/// session's, and answers through the cache (per user) and the router. Permissions are checked
/// by the services the handlers call, not here. Reads may use a session resolved a moment ago
/// (`kept_sessions`); a state-changing request clears those.
Response HandleApi(const Router& router, ResponseCache& cache, SessionCache& kept_sessions,
                   DataGenerationRepository& generation, SessionService& sessions,
                   const GateOptions& options, Request request);

/// The kept answer for an API GET, when its session is valid and needs no write; nullopt sends
/// the request on to HandleApi on a worker thread.
std::optional<Response> QuickApi(ResponseCache& cache, SessionCache& kept_sessions,
                                 DataGenerationRepository& generation, SessionService& sessions,
                                 const GateOptions& options, Request request);

}  // namespace khet::http
