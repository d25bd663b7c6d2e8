#pragma once

#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "store/sql.hpp"

namespace khet::store {

/// One numbered schema change, from src/store/migrations/NNNN_name.sql.
struct Migration {
    int number;
    std::string_view name;
    std::string_view sql;
};

/// Every migration of this build, in order.
const std::vector<Migration>& Migrations();

/// Runs the migrations the database has not seen yet, each in its own transaction, and
/// returns how many ran. kConflict when the database is newer than this build.
Result<int> Migrate(SqlConnection& connection);

}  // namespace khet::store
