#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace khet::http {

/// Values of a route's `{name}` segments.
using PathParams = std::map<std::string, std::string>;
using Handler = std::function<Response(const Request&, const PathParams&)>;

/// Matches method and path against patterns such as "/api/v1/offices/{office}".
class Router {
  public:
    void Add(std::string method, std::string pattern, Handler handler);
    /// The response of the matching route; 404 or 405 in the JSON error body otherwise.
    Response Dispatch(const Request& request) const;
    /// "GET /api/v1/offices" for every route, for docs and tests.
    std::vector<std::string> Routes() const;

  private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
    };
    std::vector<Route> routes_;
};

}  // namespace khet::http
