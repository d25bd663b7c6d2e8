#pragma once

#include <memory>
#include <string>

#include "http/api.hpp"
#include "services/accounts.hpp"
#include "services/imports.hpp"
#include "services/statistics_service.hpp"
#include "store/sodium_password_hasher.hpp"
#include "store/sql_store.hpp"

namespace khet::app {

/// The concrete classes of one store connection, wired together.
class Wiring {
  public:
    /// Connects to `database` (a SQLite path or a postgresql:// URL) and migrates it.
    static Result<std::unique_ptr<Wiring>> Open(const std::string& database);

    store::SqlStore& Store() { return store_; }
    StatisticsService& Statistics() { return statistics_; }
    ImportService& Imports() { return imports_; }
    AccountService& Accounts() { return accounts_; }
    http::ApiServices Api() { return {store_, store_, statistics_, imports_}; }

  private:
    explicit Wiring(std::unique_ptr<store::SqlConnection> connection)
        : store_(std::move(connection)),
          statistics_(store_, store_, store_),
          imports_(store_, store_),
          accounts_(store_, store_, hasher_) {}

    store::SqlStore store_;
    store::SodiumPasswordHasher hasher_{store::HashCost::kInteractive};
    StatisticsService statistics_;
    ImportService imports_;
    AccountService accounts_;
};

}  // namespace khet::app
