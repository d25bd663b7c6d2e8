#pragma once

#include <filesystem>
#include <string>

#include "base/error.hpp"

namespace khet::store {

/// `pg_dump --format=custom` of the database at `url` into `file`, through `file`.tmp so a
/// failed dump never leaves a partial file under the name.
Status BackupPostgres(const std::string& url, const std::filesystem::path& file);

/// The latest migration recorded in the dump `file`: kInvalidArgument unless pg_restore reads
/// it as a dump of Khet, kConflict when it is newer than `latest_known`.
Result<int> CheckPostgresBackup(const std::filesystem::path& file, int latest_known);

/// `pg_restore --clean --if-exists --single-transaction` of `file` into the database at `url`:
/// all of it or, on any failure, nothing.
Status RestorePostgres(const std::string& url, const std::filesystem::path& file);

}  // namespace khet::store
