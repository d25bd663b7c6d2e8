#include "http/router.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "http/error_mapping.hpp"

namespace khet::http {
namespace {

std::vector<std::string> Split(std::string_view path) {
    std::vector<std::string> segments;
    while (!path.empty()) {
        if (path.front() == '/') {
            path.remove_prefix(1);
            continue;
        }
        const auto slash = path.find('/');
        segments.emplace_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash);
    }
    return segments;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler, RouteLimits limits) {
    auto segments = Split(pattern);
    routes_.push_back({std::move(method), std::move(pattern), std::move(segments),
                       std::move(handler), std::move(limits)});
}

std::variant<Router::Match, Response> Router::Find(const Request& request) const {
    const auto segments = Split(request.path);
    std::vector<std::string> allowed;  // methods of the routes whose pattern matches the path
    for (const Route& route : routes_) {
        if (route.segments.size() != segments.size()) continue;
        PathParams params;
        bool match = true;
        for (std::size_t i = 0; i < segments.size() && match; ++i) {
            const std::string& part = route.segments[i];
            if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
                params[part.substr(1, part.size() - 2)] = segments[i];
            } else {
                match = part == segments[i];
            }
        }
        if (!match) continue;
        allowed.push_back(route.method);
        if (route.method == "GET") allowed.push_back("HEAD");
        if (route.method == request.method || (request.method == "HEAD" && route.method == "GET")) {
            return Match{&route.limits, &route.handler, std::move(params)};
        }
    }
    if (!allowed.empty()) {
        Response response =
            ErrorResponse(Error{ErrorCode::kInvalidArgument,
                                fmt::format("ไม่รองรับเมธอด {} ที่ {}", request.method, request.path),
                                {}});
        response.status = 405;
        response.headers.emplace_back("Allow", fmt::format("{}", fmt::join(allowed, ", ")));
        return response;
    }
    return ErrorResponse(
        Error{ErrorCode::kNotFound,
              fmt::format("ไม่พบ {} (ดูรายการ API ที่ docs/api/openapi.yaml)", request.path),
              {}});
}

Response Router::Dispatch(const Request& request) const {
    auto found = Find(request);
    if (auto* answer = std::get_if<Response>(&found)) return std::move(*answer);
    const Match& match = std::get<Match>(found);
    if (match.limits->admit) {
        if (auto allowed = match.limits->admit(request, match.params); !allowed) {
            return ErrorResponse(allowed.error());
        }
    }
    return (*match.handler)(request, match.params);
}

std::vector<std::string> Router::Routes() const {
    std::vector<std::string> out;
    for (const Route& route : routes_) out.push_back(route.method + " " + route.pattern);
    return out;
}

}  // namespace khet::http
