#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/error.hpp"
#include "http/message.hpp"

namespace khet::http {

/// Values of a route's `{name}` segments.
using PathParams = std::map<std::string, std::string>;
using Handler = std::function<Response(const Request&, const PathParams&)>;

/// The body a JSON route takes unless it says otherwise.
inline constexpr std::size_t kMaxJsonBody = 64 * 1024;

/// What a route allows before its handler reads the request's body.
struct RouteLimits {
    std::size_t max_body = kMaxJsonBody;
    /// The permission its path alone decides (an office, a school), asked of the service that
    /// decides it, before the body is read: a user without the right gets 403, never a 400 about
    /// a body they had no right to send. Empty when only the body can tell.
    std::function<Status(const Request&, const PathParams&)> admit;
};

/// Matches method and path against patterns such as "/api/v1/offices/{office}".
class Router {
  public:
    struct Match {
        const RouteLimits* limits;
        const Handler* handler;
        PathParams params;
    };

    void Add(std::string method, std::string pattern, Handler handler, RouteLimits limits = {});
    /// The route of the request's method and path, or the 404 or 405 answer in the JSON error
    /// body (405 with Allow).
    std::variant<Match, Response> Find(const Request& request) const;
    /// The route's admit check, then its handler; 404, 405 or the refusal otherwise.
    Response Dispatch(const Request& request) const;
    /// "GET /api/v1/offices" for every route, for docs and tests.
    std::vector<std::string> Routes() const;

  private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
        RouteLimits limits;
    };
    std::vector<Route> routes_;
};

}  // namespace khet::http
