#pragma once

#include <memory>
#include <string>

#include "store/sql.hpp"

namespace khet::store {

/// Connects to PostgreSQL by a libpq URL ("postgresql://user@/db?host=/tmp&port=5433").
Result<std::unique_ptr<SqlConnection>> OpenPostgres(const std::string& url);

}  // namespace khet::store
