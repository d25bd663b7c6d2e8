#pragma once

#include <functional>

#include "http/router.hpp"
#include "services/imports.hpp"
#include "services/ports/repositories.hpp"
#include "services/statistics_service.hpp"

namespace khet::http {

/// The use cases the API calls, bound to one store connection.
struct ApiServices {
    SchoolRepository& schools;
    SizeSchemeRepository& schemes;
    StatisticsService& statistics;
    ImportService& imports;
};

/// Gives the calling thread its services (each thread owns a store connection).
using ServicesProvider = std::function<ApiServices()>;

/// Registers the JSON API under /api/v1 (docs/api/openapi.yaml).
void RegisterApi(Router& router, ServicesProvider services);

}  // namespace khet::http
