#pragma once
// What the files of SqlStore share: stepping statements, reading rows, the time of a write.
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <string>
#include <vector>

#include "store/sql.hpp"

// Evaluates `expr` (a Result) into `var`, returning its error from the enclosing function.
#define KHET_TRY(var, expr) \
    auto var = (expr);      \
    if (!var) return std::unexpected(std::move(var).error())

namespace khet::store {

/// Runs a statement that returns no rows, and resets it for the next binding.
inline Status Run(SqlStatement& statement) {
    auto step = statement.Step();
    if (!step) return std::unexpected(step.error());
    statement.Reset();
    return {};
}

/// Steps through every row of `query`, reading each with `read`.
template <typename Row>
Result<std::vector<Row>> ReadRows(SqlStatement& query, Result<Row> (*read)(const SqlStatement&)) {
    std::vector<Row> rows;
    while (true) {
        KHET_TRY(more, query.Step());
        if (!*more) break;
        KHET_TRY(row, read(query));
        rows.push_back(std::move(*row));
    }
    return rows;
}

/// UTC, to the second, ISO 8601: the same text on both engines, sortable as text.
inline std::string NowUtc() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

}  // namespace khet::store
