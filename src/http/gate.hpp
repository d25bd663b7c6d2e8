#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
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

/// A body over this is an upload (a spreadsheet, a plan file), and takes an upload slot.
inline constexpr std::size_t kUploadBytes = 1024 * 1024;

/// Uploads under way at once: a few for the server and one per client address, so that neither
/// many clients nor one can make the server hold many bodies of 64 MB together.
class UploadSlots {
  public:
    UploadSlots(int total, int per_address) : total_(total), per_address_(per_address) {}
    /// A slot for `address`, free again when the last copy of the pointer goes; null when the
    /// server or the address has no slot free.
    std::shared_ptr<void> Take(const std::string& address);

  private:
    void Give(const std::string& address);

    std::mutex mutex_;
    const int total_;
    const int per_address_;
    int in_use_ = 0;
    std::map<std::string, int> by_address_;
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

/// Decides from the head of a request with a body, before any of it is read: the session (401),
/// a foreign Origin or a wrong CSRF token (403), the route (404, 405), the permission its path
/// decides (403), the route's body limit (413) and an upload slot for a body over kUploadBytes
/// (429). `declared_length` is the Content-Length, nullopt for a chunked body.
Admission AdmitHead(const Router& router, SessionCache& kept_sessions, SessionService& sessions,
                    UploadSlots& uploads, const GateOptions& options, Request head,
                    std::optional<std::size_t> declared_length);

/// The kept answer for an API GET, when its session is valid and needs no write; nullopt sends
/// the request on to HandleApi on a worker thread.
std::optional<Response> QuickApi(ResponseCache& cache, SessionCache& kept_sessions,
                                 DataGenerationRepository& generation, SessionService& sessions,
                                 const GateOptions& options, Request request);

}  // namespace khet::http
