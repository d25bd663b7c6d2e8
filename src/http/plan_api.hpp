#pragma once
// The plan routes of the API (docs/api/openapi.yaml, "Plans"): frameworks, an office's plans,
// one plan with its judged KPI table, its documents, uploads, copies, edits and results.
#include <functional>
#include <string>

#include "http/api.hpp"

namespace khet::http {

using ApiHandler = std::function<Response(const ApiServices&, const Request&, const PathParams&)>;
using AddApiRoute = std::function<void(std::string method, std::string pattern, ApiHandler)>;

void RegisterPlanApi(const AddApiRoute& add);

}  // namespace khet::http
