#pragma once

#include <memory>
#include <string>

#include "domain/census.hpp"
#include "services/accounts.hpp"
#include "services/imports.hpp"
#include "services/statistics_service.hpp"
#include "sheets/sheet.hpp"
#include "store/sodium_password_hasher.hpp"
#include "store/sql_store.hpp"
#include "tests/support/databases.hpp"

namespace khet::testing {

/// A migrated store of one engine with the services over it.
class StoreFixture {
  public:
    explicit StoreFixture(const std::string& engine);

    store::SqlStore& Store() { return *store_; }
    ImportService& Imports() { return *imports_; }
    StatisticsService& Statistics() { return *statistics_; }
    /// Accounts over the store, hashing with libsodium's minimum limits to keep tests fast.
    AccountService& Accounts() { return *accounts_; }
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
    std::unique_ptr<AccountService> accounts_;
};

/// A CSV sheet from text, as the import would read a file named `source`.
sheets::Sheet CsvSheet(const std::string& source, const std::string& text);

/// The cells of `table` as text, row by row, for comparing with a seed's printed table.
std::vector<std::vector<std::string>> TableText(const Table& table);

}  // namespace khet::testing
