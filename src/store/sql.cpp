#include "store/sql.hpp"

#include "store/migrations.hpp"
#include "store/postgres/postgres_connection.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace khet::store {

Result<Transaction> Transaction::Begin(SqlConnection& connection) {
    if (auto begun = connection.Begin(); !begun) return std::unexpected(begun.error());
    return Transaction(connection);
}

Transaction::~Transaction() {
    if (connection_) (void)connection_->Rollback();
}

Status Transaction::Commit() {
    SqlConnection* connection = connection_;
    connection_ = nullptr;
    return connection->Commit();
}

Result<std::unique_ptr<SqlConnection>> Connect(std::string_view url) {
    Result<std::unique_ptr<SqlConnection>> connection;
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        connection = OpenPostgres(std::string(url));
    } else {
        std::string_view path = url;
        if (path.starts_with("sqlite://")) path.remove_prefix(std::string_view("sqlite://").size());
        connection = OpenSqlite(std::string(path));
    }
    if (!connection) return connection;
    if (auto migrated = Migrate(**connection); !migrated) {
        return std::unexpected(migrated.error());
    }
    return connection;
}

}  // namespace khet::store
