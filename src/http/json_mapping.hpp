#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "domain/document.hpp"
#include "domain/school.hpp"
#include "domain/size_scheme.hpp"
#include "domain/validation.hpp"
#include "services/imports.hpp"
#include "services/statistics_service.hpp"

namespace khet::http {

/// `json` as response text. Bytes that are not UTF-8 (a path or parameter echoed in an error
/// message) become U+FFFD instead of an exception that would end the server.
std::string DumpJson(const nlohmann::json& json);

/// A decimal or ratio rounded to two places the way the tables' text rounds it; null for nullopt.
nlohmann::json Rounded(double value);
nlohmann::json Rounded(std::optional<double> value);

nlohmann::json ToJson(const Table& table, const std::vector<std::string>& provenance);
nlohmann::json ToJson(const SizeScheme& scheme);
nlohmann::json ToJson(const SchoolSummary& summary);
nlohmann::json ToJson(const SchoolDetail& detail);
nlohmann::json ToJson(const ValidationWarning& warning);
nlohmann::json ToJson(const ImportSummary& summary);

}  // namespace khet::http
