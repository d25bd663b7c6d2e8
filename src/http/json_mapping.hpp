#pragma once

#include <nlohmann/json.hpp>

#include "domain/document.hpp"
#include "domain/school.hpp"
#include "domain/size_scheme.hpp"
#include "domain/validation.hpp"
#include "services/imports.hpp"
#include "services/statistics_service.hpp"

namespace khet::http {

nlohmann::json ToJson(const Table& table, const std::vector<std::string>& provenance);
nlohmann::json ToJson(const SizeScheme& scheme);
nlohmann::json ToJson(const SchoolSummary& summary);
nlohmann::json ToJson(const SchoolDetail& detail);
nlohmann::json ToJson(const ValidationWarning& warning);
nlohmann::json ToJson(const ImportSummary& summary);

}  // namespace khet::http
