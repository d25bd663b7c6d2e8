#include "store/backup.hpp"

#include <algorithm>
#include <string>

#include "store/migrations.hpp"
#include "store/postgres/postgres_backup.hpp"
#include "store/sql.hpp"
#include "store/sqlite/sqlite_backup.hpp"

namespace khet::store {
namespace {

bool IsPostgres(std::string_view url) {
    return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::string SqlitePath(std::string_view url) {
    if (url.starts_with("sqlite://")) url.remove_prefix(std::string_view("sqlite://").size());
    return std::string(url);
}

Result<long long> Single(SqlConnection& connection, std::string_view sql) {
    auto statement = connection.Prepare(sql);
    if (!statement) return std::unexpected(statement.error());
    auto row = (*statement)->Step();
    if (!row) return std::unexpected(row.error());
    return *row ? (*statement)->Int(0) : 0;
}

}  // namespace

Status Backup(std::string_view database_url, const std::filesystem::path& file) {
    if (IsPostgres(database_url)) return BackupPostgres(std::string(database_url), file);
    return BackupSqlite(SqlitePath(database_url), file);
}

Result<RestoreSummary> Restore(std::string_view database_url, const std::filesystem::path& file) {
    const int latest_known = Migrations().empty() ? 0 : Migrations().back().number;
    const bool postgres = IsPostgres(database_url);
    auto migration =
        postgres ? CheckPostgresBackup(file, latest_known) : CheckSqliteBackup(file, latest_known);
    if (!migration) return std::unexpected(migration.error());

    // Processes serving the database keep answers tagged with its data generation; the restored
    // data must not come back under a generation they have already seen.
    long long generation_before = 0;
    {
        auto current = Connect(database_url);
        if (!current) return std::unexpected(current.error());
        auto generation = Single(**current, "SELECT value FROM data_generation WHERE id = 1");
        if (!generation) return std::unexpected(generation.error());
        generation_before = *generation;
    }

    if (auto restored = postgres ? RestorePostgres(std::string(database_url), file)
                                 : RestoreSqlite(SqlitePath(database_url), file);
        !restored) {
        return std::unexpected(restored.error());
    }

    auto connection = Connect(database_url);  // runs the migrations the backup lacks
    if (!connection) return std::unexpected(connection.error());
    SqlConnection& db = **connection;
    auto restored_generation = Single(db, "SELECT value FROM data_generation WHERE id = 1");
    if (!restored_generation) return std::unexpected(restored_generation.error());
    auto raise = db.Prepare("UPDATE data_generation SET value = ? WHERE id = 1");
    if (!raise) return std::unexpected(raise.error());
    BindAll(**raise, std::max(generation_before, *restored_generation) + 1);
    if (auto done = (*raise)->Step(); !done) return std::unexpected(done.error());

    RestoreSummary summary;
    summary.migration = *migration;
    auto schools = Single(db, "SELECT COUNT(*) FROM schools");
    if (!schools) return std::unexpected(schools.error());
    summary.schools = *schools;
    auto rows = Single(db, "SELECT COUNT(*) FROM enrolments");
    if (!rows) return std::unexpected(rows.error());
    summary.enrolment_rows = *rows;
    return summary;
}

}  // namespace khet::store
