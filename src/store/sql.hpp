#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/error.hpp"

namespace khet::store {

/// A prepared statement with `?` placeholders, numbered from 1. Drivers translate the
/// placeholders to their engine's form, so repositories write one SQL text for both engines.
class SqlStatement {
  public:
    virtual ~SqlStatement() = default;
    virtual void Bind(int index, long long value) = 0;
    virtual void Bind(int index, std::string_view value) = 0;
    /// Binds text without copying it: it must stay valid until the statement is reset.
    virtual void BindBorrowed(int index, std::string_view value) { Bind(index, value); }
    virtual void BindNull(int index) = 0;
    /// Runs the statement (on the first call) and moves to the next row; false when done.
    virtual Result<bool> Step() = 0;
    virtual long long Int(int column) const = 0;
    virtual std::string Text(int column) const = 0;
    virtual bool IsNull(int column) const = 0;
    /// Makes the statement ready to run again with new bindings.
    virtual void Reset() = 0;
};

/// One connection to SQLite or PostgreSQL; not thread-safe, one per thread or request.
class SqlConnection {
  public:
    virtual ~SqlConnection() = default;
    virtual std::string_view Engine() const = 0;  // "sqlite" or "postgresql"
    virtual Result<std::unique_ptr<SqlStatement>> Prepare(std::string_view sql) = 0;
    /// Runs a script of one or more statements without results (migrations).
    virtual Status Execute(std::string_view script) = 0;
    virtual Status Begin() = 0;
    virtual Status Commit() = 0;
    virtual Status Rollback() = 0;
};

/// Rolls back on scope exit unless committed: a failed write keeps what was there.
class Transaction {
  public:
    static Result<Transaction> Begin(SqlConnection& connection);
    Transaction(Transaction&& other) noexcept : connection_(other.connection_) {
        other.connection_ = nullptr;
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();
    Status Commit();

  private:
    explicit Transaction(SqlConnection& connection) : connection_(&connection) {}
    SqlConnection* connection_;
};

/// Opens "var/khet.db", "sqlite:///path" or "postgresql://…" and runs pending migrations.
Result<std::unique_ptr<SqlConnection>> Connect(std::string_view url);

/// Text for BindFrom that is bound without a copy (SqlStatement::BindBorrowed): bulk writes
/// bind millions of cells from rows that outlive the statement.
struct Borrowed {
    std::string_view text;
};

/// Binds each argument in turn to placeholders `first`, `first` + 1, …
template <typename... Args>
void BindFrom(SqlStatement& statement, int first, const Args&... args) {
    int index = first - 1;
    (
        [&] {
            ++index;
            if constexpr (std::is_integral_v<Args>) {
                statement.Bind(index, static_cast<long long>(args));
            } else if constexpr (std::is_same_v<Args, Borrowed>) {
                statement.BindBorrowed(index, args.text);
            } else {
                statement.Bind(index, std::string_view(args));
            }
        }(),
        ...);
}

/// Binds each argument in turn to placeholders 1, 2, …
template <typename... Args>
void BindAll(SqlStatement& statement, const Args&... args) {
    BindFrom(statement, 1, args...);
}

}  // namespace khet::store
