#pragma once

#include <filesystem>
#include <string>

#include "base/error.hpp"

namespace khet::store {

/// Copies the SQLite database at `path` to `file` with the online backup API, so writers may go
/// on meanwhile; `file` appears only once the copy is whole and passes PRAGMA integrity_check.
Status BackupSqlite(const std::string& path, const std::filesystem::path& file);

/// The latest migration recorded in `file`: kInvalidArgument unless it is a sound SQLite
/// database of Khet, kConflict when it is newer than `latest_known`.
Result<int> CheckSqliteBackup(const std::filesystem::path& file, int latest_known);

/// Copies `file` over the database at `path` with the online backup API, in one write
/// transaction of the database: other connections see all of the old or all of the new.
Status RestoreSqlite(const std::string& path, const std::filesystem::path& file);

}  // namespace khet::store
