#pragma once

#include <functional>

#include "http/router.hpp"
#include "services/accounts.hpp"
#include "services/audit_service.hpp"
#include "services/directory.hpp"
#include "services/imports.hpp"
#include "services/plans.hpp"
#include "services/sessions.hpp"
#include "services/statistics_service.hpp"

namespace khet::http {

/// The use cases the API calls, bound to one store connection. Each checks the request's actor
/// itself: handlers translate between HTTP and the services and decide nothing.
struct ApiServices {
    DirectoryService& directory;
    StatisticsService& statistics;
    ImportService& imports;
    AccountService& accounts;
    SessionService& sessions;
    AuditService& audit;
    PlanService& plans;
};

/// Gives the calling thread its services (each thread owns a store connection).
using ServicesProvider = std::function<ApiServices()>;

/// Registers the JSON API under /api/v1 (docs/api/openapi.yaml). Requests must have passed the
/// gate (http/gate.hpp), which sets their actor.
void RegisterApi(Router& router, ServicesProvider services);

}  // namespace khet::http
