#include "store/migrations.hpp"

#include <fmt/format.h>

namespace khet::store {

Result<int> Migrate(SqlConnection& connection) {
    if (auto created = connection.Execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (number INTEGER PRIMARY KEY, "
            "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        !created) {
        return std::unexpected(created.error());
    }
    auto latest = connection.Prepare("SELECT COALESCE(MAX(number), 0) FROM schema_migrations");
    if (!latest) return std::unexpected(latest.error());
    auto has_row = (*latest)->Step();
    if (!has_row) return std::unexpected(has_row.error());
    const long long applied = (*latest)->Int(0);
    latest->reset();

    const auto& all = Migrations();
    if (!all.empty() && applied > all.back().number) {
        return Fail(ErrorCode::kConflict,
                    fmt::format("ฐานข้อมูลใหม่กว่าโปรแกรมนี้ (migration {} > {}): ใช้ khet รุ่นใหม่กว่า",
                                applied, all.back().number));
    }
    int ran = 0;
    for (const Migration& migration : all) {
        if (migration.number <= applied) continue;
        auto transaction = Transaction::Begin(connection);
        if (!transaction) return std::unexpected(transaction.error());
        if (auto done = connection.Execute(migration.sql); !done) {
            return Fail(done.error().code, fmt::format("migration {} ล้มเหลว: {}", migration.name,
                                                       done.error().message));
        }
        auto record = connection.Prepare(
            "INSERT INTO schema_migrations (number, name, applied_at) VALUES (?, ?, ?)");
        if (!record) return std::unexpected(record.error());
        BindAll(**record, migration.number, migration.name, std::string_view("now"));
        if (auto step = (*record)->Step(); !step) return std::unexpected(step.error());
        if (auto committed = transaction->Commit(); !committed) {
            return std::unexpected(committed.error());
        }
        ++ran;
    }
    return ran;
}

}  // namespace khet::store
