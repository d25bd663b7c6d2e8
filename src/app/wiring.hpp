#pragma once

#include <memory>
#include <string>

#include "base/clock.hpp"
#include "http/api.hpp"
#include "services/accounts.hpp"
#include "services/audit_service.hpp"
#include "services/directory.hpp"
#include "services/imports.hpp"
#include "services/plans.hpp"
#include "services/sessions.hpp"
#include "services/statistics_service.hpp"
#include "store/sodium_password_hasher.hpp"
#include "store/sodium_tokens.hpp"
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
    SessionService& Sessions() { return sessions_; }
    DirectoryService& Directory() { return directory_; }
    AuditService& Audit() { return audit_; }
    PlanService& Plans() { return plans_; }
    http::ApiServices Api() {
        return {directory_, statistics_, imports_, accounts_, sessions_, audit_, plans_};
    }

  private:
    explicit Wiring(std::unique_ptr<store::SqlConnection> connection)
        : store_(std::move(connection)),
          statistics_(store_, store_, store_),
          imports_(store_, store_),
          accounts_(store_, store_, hasher_),
          sessions_(store_, store_, accounts_, tokens_, clock_),
          directory_(store_, store_),
          audit_(store_),
          plans_(store_, store_, statistics_) {}

    store::SqlStore store_;
    store::SodiumPasswordHasher hasher_{store::HashCost::kInteractive};
    store::SodiumTokenMinter tokens_;
    SystemClock clock_;
    StatisticsService statistics_;
    ImportService imports_;
    AccountService accounts_;
    SessionService sessions_;
    DirectoryService directory_;
    AuditService audit_;
    PlanService plans_;
};

}  // namespace khet::app
