#pragma once

#include <map>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access.hpp"

namespace khet::http {

/// An HTTP request as handlers see it, independent of the server library.
struct Request {
    std::string method;  // "GET", "POST"
    std::string path;    // decoded path without the query: "/api/v1/offices/2402"
    std::map<std::string, std::string> query;    // decoded query parameters
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    std::string remote_address;
    // Filled by the gate (http/gate.hpp) before a handler sees the request.
    Actor actor = Actor::Anonymous();
    bool secure = false;  // reached over TLS (directly or through a proxy that says so)
    // Requested when the client closes its connection while the answer is being computed:
    // long work (an import) stops instead of going on for nobody.
    std::stop_token stop;

    /// The query parameter, or nullopt when absent.
    std::optional<std::string> Query(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

/// What the server decides from a request's head before it reads a byte of its body (the
/// session, the route, the permission the path alone decides, the size): a refusal to answer
/// at once, or the largest body the route takes.
struct Admission {
    std::optional<Response> refusal;
    std::size_t body_limit = 0;
    std::shared_ptr<void> hold;  // an upload slot, kept until the answer has been written
};

/// Splits "a=1&b=%E0%B8%81" into decoded pairs; '+' is a space.
std::map<std::string, std::string> ParseQuery(std::string_view query);
/// Percent-decodes a path or query component; nullopt on a malformed escape.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace khet::http
