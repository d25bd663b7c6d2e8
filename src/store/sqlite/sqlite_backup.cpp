#include "store/sqlite/sqlite_backup.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <chrono>
#include <memory>
#include <system_error>
#include <thread>

namespace khet::store {
namespace {

constexpr int kPagesPerStep = 256;
// A writer holds the lock for milliseconds; a minute of BUSY means something is stuck.
constexpr auto kBusyLimit = std::chrono::seconds(60);

struct CloseDatabase {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Database = std::unique_ptr<sqlite3, CloseDatabase>;

Result<Database> Open(const std::filesystem::path& path, int flags) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    Database db(raw);
    if (rc != SQLITE_OK) {
        return Fail(ErrorCode::kUnavailable,
                    fmt::format("เปิดฐานข้อมูล {} ไม่ได้: {}", path.string(),
                                db ? sqlite3_errmsg(db.get()) : sqlite3_errstr(rc)));
    }
    sqlite3_busy_timeout(db.get(), 5000);
    return db;
}

// Pages go over a few at a time, so writers of the source get the lock between steps; a BUSY
// or LOCKED step is tried again until kBusyLimit.
Status Copy(sqlite3* from, sqlite3* to, std::string_view what) {
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (!backup) {
        return Fail(ErrorCode::kUnavailable, fmt::format("{} ไม่ได้: {}", what, sqlite3_errmsg(to)));
    }
    const auto deadline = std::chrono::steady_clock::now() + kBusyLimit;
    int rc = SQLITE_OK;
    while (true) {
        rc = sqlite3_backup_step(backup, kPagesPerStep);
        if (rc == SQLITE_DONE) break;
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            if (std::chrono::steady_clock::now() > deadline) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        } else if (rc != SQLITE_OK) {
            break;
        }
    }
    const int finished = sqlite3_backup_finish(backup);
    if (rc == SQLITE_DONE && finished == SQLITE_OK) return {};
    const int code = rc == SQLITE_DONE ? finished : rc;
    return Fail(ErrorCode::kUnavailable, fmt::format("{} ไม่ได้: {}{}", what, sqlite3_errstr(code),
                                                     code == SQLITE_BUSY || code == SQLITE_LOCKED
                                                         ? " (ฐานข้อมูลถูกล็อกนานเกินไป ลองใหม่อีกครั้ง)"
                                                         : ""));
}

// Every row of a one-column query, or the engine's message as the error.
Result<std::vector<std::string>> Column(sqlite3* db, const char* sql) {
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &raw, nullptr) != SQLITE_OK) {
        return Fail(ErrorCode::kInvalidArgument, sqlite3_errmsg(db));
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
    std::vector<std::string> values;
    int rc;
    while ((rc = sqlite3_step(raw)) == SQLITE_ROW) {
        const auto* text = sqlite3_column_text(raw, 0);
        values.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
    if (rc != SQLITE_DONE) return Fail(ErrorCode::kInvalidArgument, sqlite3_errmsg(db));
    return values;
}

void RemoveWithCompanions(const std::filesystem::path& file) {
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
        std::filesystem::remove(file.string() + suffix, ignored);
    }
}

}  // namespace

Status BackupSqlite(const std::string& path, const std::filesystem::path& file) {
    if (!std::filesystem::exists(path)) {
        return Fail(ErrorCode::kNotFound, fmt::format("ไม่พบฐานข้อมูล {}", path));
    }
    auto source = Open(path, SQLITE_OPEN_READWRITE);
    if (!source) return std::unexpected(source.error());
    const std::filesystem::path temporary = file.string() + ".tmp";
    RemoveWithCompanions(temporary);
    Status copied = [&]() -> Status {
        auto target = Open(temporary, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        if (!target) return std::unexpected(target.error());
        if (auto done = Copy(source->get(), target->get(), "สำรองฐานข้อมูล"); !done) return done;
        // The copy keeps the source's WAL mode; a backup should be one self-contained file.
        if (sqlite3_exec(target->get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr) !=
            SQLITE_OK) {
            return Fail(ErrorCode::kUnavailable,
                        fmt::format("เขียนไฟล์สำรอง {} ไม่ได้: {}", temporary.string(),
                                    sqlite3_errmsg(target->get())));
        }
        auto check = Column(target->get(), "PRAGMA integrity_check");
        if (!check || check->empty() || check->front() != "ok") {
            return Fail(
                ErrorCode::kUnavailable,
                fmt::format("ไฟล์สำรองที่ได้ไม่สมบูรณ์ (integrity_check: {}): ไม่บันทึก {}",
                            check ? (check->empty() ? "" : check->front()) : check.error().message,
                            file.string()));
        }
        return {};
    }();
    if (!copied) {
        RemoveWithCompanions(temporary);
        return copied;
    }
    std::error_code error;
    std::filesystem::rename(temporary, file, error);
    if (error) {
        RemoveWithCompanions(temporary);
        return Fail(ErrorCode::kUnavailable,
                    fmt::format("ย้ายไฟล์สำรองไปที่ {} ไม่ได้: {}", file.string(), error.message()));
    }
    return {};
}

Result<int> CheckSqliteBackup(const std::filesystem::path& file, int latest_known) {
    if (!std::filesystem::is_regular_file(file)) {
        return Fail(ErrorCode::kNotFound, fmt::format("ไม่พบไฟล์สำรอง {}", file.string()));
    }
    auto db = Open(file, SQLITE_OPEN_READONLY);
    if (!db) return std::unexpected(db.error());
    auto check = Column(db->get(), "PRAGMA quick_check");
    if (!check || check->empty() || check->front() != "ok") {
        return Fail(
            ErrorCode::kInvalidArgument,
            fmt::format("ไฟล์ {} ไม่ใช่ฐานข้อมูล SQLite ที่สมบูรณ์: {}", file.string(),
                        check ? (check->empty() ? "" : check->front()) : check.error().message));
    }
    auto latest = Column(db->get(), "SELECT COALESCE(MAX(number), 0) FROM schema_migrations");
    if (!latest || latest->empty()) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("ไฟล์ {} ไม่ใช่ข้อมูลสำรองของ Khet (ไม่มีตาราง schema_migrations)",
                                file.string()));
    }
    const int migration = std::stoi(latest->front());
    if (migration > latest_known) {
        return Fail(ErrorCode::kConflict,
                    fmt::format("ไฟล์สำรอง {} มาจากโปรแกรมรุ่นใหม่กว่า (migration {} > {}): "
                                "ใช้ khet รุ่นใหม่กว่าในการกู้คืน",
                                file.string(), migration, latest_known));
    }
    return migration;
}

Status RestoreSqlite(const std::string& path, const std::filesystem::path& file) {
    auto source = Open(file, SQLITE_OPEN_READONLY);
    if (!source) return std::unexpected(source.error());
    auto target = Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!target) return std::unexpected(target.error());
    return Copy(source->get(), target->get(), "กู้คืนฐานข้อมูล");
}

}  // namespace khet::store
