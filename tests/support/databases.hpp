#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/sql.hpp"
#include "tests/support/temp_dir.hpp"

namespace khet::testing {

/// A PostgreSQL server of its own for a test binary: initdb in a temporary folder, listening
/// only on a unix socket there, stopped and removed at exit. Set KHET_TEST_POSTGRES_URL to use
/// an existing server instead.
class ThrowawayPostgres {
  public:
    /// The process-wide server, started on first use; aborts the test run if it cannot start,
    /// because `make test` installs PostgreSQL and a silent skip would hide a broken engine.
    static ThrowawayPostgres& Instance();
    ~ThrowawayPostgres();

    /// A URL of a new, empty database on the server.
    std::string NewDatabase();

  private:
    ThrowawayPostgres();
    std::unique_ptr<TempDir> folder_;
    std::string socket_dir_;
    std::string external_url_;
    int databases_ = 0;
};

/// The engines every store contract test runs on.
inline const std::vector<std::string> kEngines = {"sqlite", "postgresql"};

/// A fresh, migrated database of `engine` ("sqlite" or "postgresql"), as a connection URL;
/// SQLite files live in `folder`.
std::string NewDatabaseUrl(const std::string& engine, const TempDir& folder);

}  // namespace khet::testing
