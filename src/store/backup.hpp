#pragma once

#include <filesystem>
#include <string_view>

#include "base/error.hpp"

namespace khet::store {

/// What a restore put in place.
struct RestoreSummary {
    int migration = 0;  // latest migration recorded in the backup
    long long schools = 0;
    long long enrolment_rows = 0;
};

/// Writes a consistent copy of the database at `database_url` (as for Connect) to `file`
/// while other processes may go on reading and writing it; `file` is whole or untouched.
Status Backup(std::string_view database_url, const std::filesystem::path& file);

/// Replaces the data of the database at `database_url` with the backup `file`, all or nothing,
/// then runs the migrations the backup lacks. kInvalidArgument when `file` is not a backup of
/// Khet for the engine, kConflict when it comes from a newer build.
Result<RestoreSummary> Restore(std::string_view database_url, const std::filesystem::path& file);

}  // namespace khet::store
