#include "http/gate.hpp"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>

#include <algorithm>

#include "base/text.hpp"
#include "http/error_mapping.hpp"

namespace khet::http {
namespace {

std::string Header(const Request& request, const std::string& name) {
    const auto found = request.headers.find(name);
    return found == request.headers.end() ? std::string() : found->second;
}

bool IsIpAddress(std::string_view text) {
    if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return false;
    const std::string address(text);
    unsigned char bytes[sizeof(in6_addr)];
    return ::inet_pton(AF_INET, address.c_str(), bytes) == 1 ||
           ::inet_pton(AF_INET6, address.c_str(), bytes) == 1;
}

// Address and TLS as the client sees them.
void ApplyTransport(Request& request, const GateOptions& options) {
    request.secure = options.secure_cookies;
    if (!options.trust_proxy) return;
    const std::string forwarded = Header(request, "x-forwarded-for");
    if (!forwarded.empty()) {
        const auto comma = forwarded.rfind(',');
        const std::string_view last =
            TrimSpaces(comma == std::string::npos ? std::string_view(forwarded)
                                                  : std::string_view(forwarded).substr(comma + 1));
        // Only an address: a proxy passes on whatever the client wrote before its own entry,
        // and the address is stored with every audit entry.
        if (IsIpAddress(last)) request.remote_address = std::string(last);
    }
    if (Header(request, "x-forwarded-proto") == "https") request.secure = true;
}

bool ChangesState(const Request& request) {
    return request.method != "GET" && request.method != "HEAD" && request.method != "OPTIONS";
}

// An Origin header naming another site than the Host the request was sent to.
bool ForeignOrigin(const Request& request) {
    const std::string origin = Header(request, "origin");
    if (origin.empty()) return false;
    const std::string host = Header(request, "host");
    const auto scheme_end = origin.find("://");
    if (scheme_end == std::string::npos) return true;  // "null" and other opaque origins
    return origin.substr(scheme_end + 3) != host;
}

struct Resolved {
    std::shared_ptr<const Session> session;
    bool clear_cookie = false;
    std::optional<Error> failure;  // the store could not be read
};

// The request's session: for a read, one resolved a moment ago if still current, else the
// store's (kept for the next reads unless a write of last-seen is due).
Resolved ResolveSession(SessionService& sessions, SessionCache& kept, Request& request,
                        SessionService::Touch touch) {
    Resolved resolved;
    const auto token = CookieValue(request, kSessionCookie);
    if (!token) return resolved;
    const bool read = !ChangesState(request);
    const auto now = SessionCache::Clock::now();
    if (read) {
        if (auto session = kept.Find(*token, now); session && sessions.StillCurrent(*session)) {
            request.actor = Actor::SignedIn(session->user, request.remote_address);
            resolved.session = std::move(session);
            return resolved;
        }
    }
    auto session = sessions.Resume(*token, touch);
    if (session) {
        request.actor = Actor::SignedIn(session->user, request.remote_address);
        resolved.session = std::make_shared<const Session>(std::move(*session));
        if (read && !resolved.session->touch_due) kept.Keep(*token, resolved.session, now);
    } else if (session.error().code == ErrorCode::kUnauthenticated) {
        resolved.clear_cookie = true;
    } else {
        resolved.failure = session.error();
    }
    return resolved;
}

// API answers carry one user's data: no browser or proxy may keep them (downloads included).
Response NotStored(Response response) {
    const bool has_policy =
        std::any_of(response.headers.begin(), response.headers.end(),
                    [](const auto& header) { return header.first == "Cache-Control"; });
    if (!has_policy) response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

}  // namespace

std::optional<std::string> CookieValue(const Request& request, std::string_view name) {
    const auto header = request.headers.find("cookie");
    if (header == request.headers.end()) return std::nullopt;
    std::string_view rest = header->second;
    while (!rest.empty()) {
        const auto end = rest.find(';');
        const std::string_view pair = TrimSpaces(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        const auto equals = pair.find('=');
        if (equals != std::string_view::npos && TrimSpaces(pair.substr(0, equals)) == name) {
            return std::string(TrimSpaces(pair.substr(equals + 1)));
        }
    }
    return std::nullopt;
}

std::string SessionCookie(std::string_view token, bool secure) {
    return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax{}", kSessionCookie, token,
                       secure ? "; Secure" : "");
}

std::string ClearedSessionCookie(bool secure) {
    return fmt::format("{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}", kSessionCookie,
                       secure ? "; Secure" : "");
}

namespace {

// The checks every API request passes before its route, on its head alone: the session (only
// sign-in goes without one), a foreign Origin, and a session's CSRF token on a write. The
// refusal, or nullopt with request.actor filled.
std::optional<Response> Screen(SessionService& sessions, const Resolved& resolved,
                               const Request& request) {
    if (resolved.failure) return ErrorResponse(*resolved.failure);
    // Nobody signed in may do nothing but sign in: refused before a body is read (an upload is
    // parsed before its service can say no), and again by every service.
    if (request.path != "/api/v1/session" && !request.path.starts_with("/api/v1/session/")) {
        if (auto signed_in = RequireSignedIn(request.actor);
            !signed_in && signed_in.error().code == ErrorCode::kUnauthenticated) {
            Response refused = ErrorResponse(signed_in.error());
            if (resolved.clear_cookie) {
                refused.headers.emplace_back("Set-Cookie", ClearedSessionCookie(request.secure));
            }
            return NotStored(std::move(refused));
        }
    }
    if (!ChangesState(request)) return std::nullopt;
    if (ForeignOrigin(request)) {
        return ErrorResponse(Error{
            ErrorCode::kPermissionDenied, "คำขอนี้มาจากเว็บไซต์อื่น: ระบบไม่รับคำขอแก้ไขข้อมูลข้ามเว็บไซต์", {}});
    }
    // Signing in needs no token (there is no session yet); the Origin check covers it.
    const bool signing_in = request.method == "POST" && request.path == "/api/v1/session";
    if (resolved.session && !signing_in &&
        !sessions.SameCsrfToken(resolved.session->csrf_token,
                                Header(request, std::string(kCsrfHeader)))) {
        const std::string message =
            "คำขอไม่มีรหัสป้องกันการปลอมคำขอ (CSRF) ที่ถูกต้อง: โหลดหน้าใหม่แล้วลองอีกครั้ง";
        return ErrorResponse(Error{
            ErrorCode::kPermissionDenied, message, {FieldError{"X-CSRF-Token", message, 0, ""}}});
    }
    return std::nullopt;
}

std::string Size(std::size_t bytes) {
    if (bytes >= 1024 * 1024) return fmt::format("{} MB", bytes / (1024 * 1024));
    return fmt::format("{} KB", bytes / 1024);
}

}  // namespace

std::shared_ptr<void> UploadSlots::Take(const std::string& address) {
    {
        std::lock_guard lock(mutex_);
        int& own = by_address_[address];
        if (in_use_ >= total_ || own >= per_address_) {
            if (own == 0) by_address_.erase(address);
            return nullptr;
        }
        ++in_use_;
        ++own;
    }
    return std::shared_ptr<void>(this, [address](UploadSlots* slots) { slots->Give(address); });
}

void UploadSlots::Give(const std::string& address) {
    std::lock_guard lock(mutex_);
    --in_use_;
    if (--by_address_[address] <= 0) by_address_.erase(address);
}

Admission AdmitHead(const Router& router, SessionCache& kept_sessions, SessionService& sessions,
                    UploadSlots& uploads, const GateOptions& options, Request head,
                    std::optional<std::size_t> declared_length) {
    if (!head.path.starts_with("/api/")) {
        // The web UI's files: a GET is answered whatever its (ignored) body; nothing else is.
        if (head.method == "GET" || head.method == "HEAD") {
            return {std::nullopt, kMaxJsonBody, nullptr};
        }
        return {ErrorResponse(NotFound(fmt::format("ไม่พบ {}", head.path)).error()), 0, nullptr};
    }
    ApplyTransport(head, options);
    const Resolved resolved =
        ResolveSession(sessions, kept_sessions, head, SessionService::Touch::kReadOnly);
    if (auto refused = Screen(sessions, resolved, head)) return {std::move(refused), 0, nullptr};
    auto found = router.Find(head);
    if (auto* answer = std::get_if<Response>(&found)) return {std::move(*answer), 0, nullptr};
    const Router::Match& route = std::get<Router::Match>(found);
    if (route.limits->admit) {
        if (auto allowed = route.limits->admit(head, route.params); !allowed) {
            return {ErrorResponse(allowed.error()), 0, nullptr};
        }
    }
    const std::size_t limit = route.limits->max_body;
    if (declared_length.value_or(0) > limit) {
        Response refused = ErrorResponse(
            Error{ErrorCode::kInvalidArgument,
                  fmt::format("ไฟล์หรือข้อมูลที่ส่งมาใหญ่เกิน {} ที่ {} รับได้", Size(limit), head.path),
                  {}});
        refused.status = 413;
        return {std::move(refused), 0, nullptr};
    }
    std::shared_ptr<void> slot;
    if (declared_length.value_or(limit) > kUploadBytes) {
        slot = uploads.Take(head.remote_address);
        if (!slot) {
            Response busy =
                ErrorResponse(Error{ErrorCode::kTooManyRequests,
                                    "มีไฟล์ที่กำลังส่งอยู่ก่อนแล้ว: รอให้ไฟล์นั้นเสร็จ แล้วส่งใหม่อีกครั้งในอีกสักครู่",
                                    {}});
            busy.headers.emplace_back("Retry-After", "10");
            return {std::move(busy), 0, nullptr};
        }
    }
    return {std::nullopt, limit, std::move(slot)};
}

Response HandleApi(const Router& router, ResponseCache& cache, SessionCache& kept_sessions,
                   DataGenerationRepository& generation, SessionService& sessions,
                   const GateOptions& options, Request request) {
    ApplyTransport(request, options);
    const Resolved resolved =
        ResolveSession(sessions, kept_sessions, request, SessionService::Touch::kWrite);
    if (auto refused = Screen(sessions, resolved, request)) return *refused;
    Response response = DispatchCached(router, cache, generation, request);
    // A write may have ended sessions or changed what their users may do.
    if (ChangesState(request)) kept_sessions.Clear();
    if (resolved.clear_cookie &&
        std::none_of(response.headers.begin(), response.headers.end(),
                     [](const auto& header) { return header.first == "Set-Cookie"; })) {
        response.headers.emplace_back("Set-Cookie", ClearedSessionCookie(request.secure));
    }
    return NotStored(std::move(response));
}

std::optional<Response> QuickApi(ResponseCache& cache, SessionCache& kept_sessions,
                                 DataGenerationRepository& generation, SessionService& sessions,
                                 const GateOptions& options, Request request) {
    if (request.method != "GET") return std::nullopt;
    ApplyTransport(request, options);
    Resolved resolved =
        ResolveSession(sessions, kept_sessions, request, SessionService::Touch::kReadOnly);
    if (resolved.failure || resolved.clear_cookie) return std::nullopt;
    if (resolved.session && resolved.session->touch_due) return std::nullopt;
    auto kept = KeptAnswer(cache, generation, request);
    if (!kept) return std::nullopt;
    return NotStored(std::move(*kept));
}

}  // namespace khet::http
