#include "store/sqlite/sqlite_connection.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <filesystem>

namespace khet::store {
namespace {

Error SqliteError(sqlite3* db, std::string_view what) {
    const int code = sqlite3_extended_errcode(db);
    const int primary = code & 0xff;
    const ErrorCode kind = primary == SQLITE_CONSTRAINT ? ErrorCode::kConflict
                           : primary == SQLITE_BUSY || primary == SQLITE_LOCKED ||
                                   primary == SQLITE_FULL || primary == SQLITE_IOERR ||
                                   primary == SQLITE_CANTOPEN
                               ? ErrorCode::kUnavailable
                               : ErrorCode::kInternal;
    return Error{kind, fmt::format("ฐานข้อมูล SQLite: {} ({})", sqlite3_errmsg(db), what), {}};
}

class SqliteStatement final : public SqlStatement {
  public:
    SqliteStatement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
    ~SqliteStatement() override { sqlite3_finalize(statement_); }

    void Bind(int index, long long value) override { sqlite3_bind_int64(statement_, index, value); }
    void Bind(int index, std::string_view value) override {
        sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT);
    }
    void BindBorrowed(int index, std::string_view value) override {
        sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                          SQLITE_STATIC);
    }
    void BindNull(int index) override { sqlite3_bind_null(statement_, index); }

    Result<bool> Step() override {
        const int rc = sqlite3_step(statement_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        return std::unexpected(SqliteError(db_, sqlite3_sql(statement_)));
    }
    long long Int(int column) const override { return sqlite3_column_int64(statement_, column); }
    std::string Text(int column) const override {
        const auto* text = sqlite3_column_text(statement_, column);
        return text
                   ? std::string(reinterpret_cast<const char*>(text),
                                 static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
                   : std::string();
    }
    bool IsNull(int column) const override {
        return sqlite3_column_type(statement_, column) == SQLITE_NULL;
    }
    void Reset() override {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
    }

  private:
    sqlite3* db_;
    sqlite3_stmt* statement_;
};

class SqliteConnection final : public SqlConnection {
  public:
    explicit SqliteConnection(sqlite3* db) : db_(db) {}
    ~SqliteConnection() override { sqlite3_close_v2(db_); }

    std::string_view Engine() const override { return "sqlite"; }

    Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) override {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement,
                               nullptr) != SQLITE_OK) {
            return std::unexpected(SqliteError(db_, sql));
        }
        return std::make_unique<SqliteStatement>(db_, statement);
    }

    Status Execute(std::string_view script) override {
        const std::string text(script);
        if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
            return std::unexpected(SqliteError(db_, "script"));
        }
        return {};
    }
    // IMMEDIATE takes the write lock up front, so two writers wait on busy_timeout instead of
    // failing halfway through a transaction.
    Status Begin() override { return Execute("BEGIN IMMEDIATE"); }
    Status Commit() override { return Execute("COMMIT"); }
    Status Rollback() override { return Execute("ROLLBACK"); }

  private:
    sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenSqlite(const std::string& path) {
    if (path != ":memory:") {
        const auto folder = std::filesystem::path(path).parent_path();
        std::error_code ignored;
        if (!folder.empty()) std::filesystem::create_directories(folder, ignored);
    }
    sqlite3* db = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        Error error{ErrorCode::kUnavailable,
                    fmt::format("เปิดฐานข้อมูล {} ไม่ได้: {}", path,
                                db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)),
                    {}};
        sqlite3_close_v2(db);
        return std::unexpected(error);
    }
    sqlite3_busy_timeout(db, 5000);
    auto connection = std::make_unique<SqliteConnection>(db);
    if (auto status = connection->Execute(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
        !status) {
        return std::unexpected(status.error());
    }
    return connection;
}

}  // namespace khet::store
