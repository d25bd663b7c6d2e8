#pragma once

#include <memory>
#include <string>

#include "store/sql.hpp"

namespace khet::store {

/// Opens (creating if needed) a SQLite database file in WAL mode with foreign keys on;
/// ":memory:" opens a private in-memory database.
Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path);

}  // namespace khet::store
