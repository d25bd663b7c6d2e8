#pragma once

#include <map>
#include <memory>
#include <string>

#include "base/clock.hpp"
#include "domain/census.hpp"
#include "http/api.hpp"
#include "services/accounts.hpp"
#include "services/audit_service.hpp"
#include "services/directory.hpp"
#include "services/imports.hpp"
#include "services/plans.hpp"
#include "services/sessions.hpp"
#include "services/statistics_service.hpp"
#include "sheets/sheet.hpp"
#include "store/sodium_password_hasher.hpp"
#include "store/sodium_tokens.hpp"
#include "store/sql_store.hpp"
#include "tests/support/databases.hpp"

namespace khet::testing {

/// A clock the test sets and moves.
class FakeClock final : public Clock {
  public:
    std::int64_t NowSeconds() override { return now; }
    std::int64_t now = 1'795'000'000;  // 2026-11-18
};

/// An audit entry for writes a test makes straight to the store.
AuditEntry TestAudit(std::string action = "test.write");

/// A migrated store of one engine with the services over it.
class StoreFixture {
  public:
    explicit StoreFixture(const std::string& engine);

    store::SqlStore& Store() { return *store_; }
    ImportService& Imports() { return *imports_; }
    StatisticsService& Statistics() { return *statistics_; }
    /// Accounts over the store, hashing with libsodium's minimum limits to keep tests fast.
    AccountService& Accounts() { return *accounts_; }
    SessionService& Sessions() { return *sessions_; }
    DirectoryService& Directory() { return *directory_; }
    AuditService& Audit() { return *audit_; }
    PlanService& Plans() { return *plans_; }
    FakeClock& Clock() { return clock_; }
    http::ApiServices Api() {
        return {*directory_, *statistics_, *imports_, *accounts_, *sessions_, *audit_, *plans_};
    }
    /// Import options of the console (which may do anything).
    static ImportOptions ConsoleImport() {
        ImportOptions options;
        options.actor = Actor::Console();
        return options;
    }
    const std::string& Url() const { return url_; }
    const TempDir& Folder() const { return folder_; }

    /// Builds the demo office from the repository's extract of OBEC's list.
    void LoadDemo();

  private:
    TempDir folder_;
    std::string url_;
    std::unique_ptr<store::SqlStore> store_;
    std::unique_ptr<ImportService> imports_;
    std::unique_ptr<StatisticsService> statistics_;
    store::SodiumPasswordHasher hasher_{store::HashCost::kMinimum};
    store::SodiumTokenMinter tokens_;
    FakeClock clock_;
    std::unique_ptr<AccountService> accounts_;
    std::unique_ptr<SessionService> sessions_;
    std::unique_ptr<DirectoryService> directory_;
    std::unique_ptr<AuditService> audit_;
    std::unique_ptr<PlanService> plans_;
};

/// A CSV sheet from text, as the import would read a file named `source`.
sheets::Sheet CsvSheet(const std::string& source, const std::string& text);

/// An API request from 127.0.0.1, before the gate: the caller adds the session's headers.
http::Request ApiRequest(std::string method, std::string path,
                         std::map<std::string, std::string> query = {}, std::string body = "");

/// The cells of `table` as text, row by row, for comparing with a seed's printed table.
std::vector<std::vector<std::string>> TableText(const Table& table);

}  // namespace khet::testing
