#pragma once
// The plan routes of the API (docs/api/openapi.yaml, "Plans"): frameworks, an office's plans,
// one plan with its judged KPI table, its documents, uploads, copies, edits and results.
#include <functional>
#include <string>

#include "http/api.hpp"

namespace khet::http {

using ApiHandler = std::function<Response(const ApiServices&, const Request&, const PathParams&)>;
/// RouteLimits in terms of the services: the body a route takes, and the permission its path
/// decides, asked of the service that decides it.
struct ApiLimits {
    std::size_t max_body = kMaxJsonBody;
    std::function<Status(const ApiServices&, const Request&, const PathParams&)> admit;
};
using AddApiRoute =
    std::function<void(std::string method, std::string pattern, ApiHandler, ApiLimits)>;

void RegisterPlanApi(const AddApiRoute& add);

}  // namespace khet::http
