#include "tests/support/fixtures.hpp"

#include <stdexcept>

#include "services/demo_office.hpp"

namespace khet::testing {

StoreFixture::StoreFixture(const std::string& engine) : url_(NewDatabaseUrl(engine, folder_)) {
    auto connection = store::Connect(url_);
    if (!connection) throw std::runtime_error(Describe(connection.error()));
    store_ = std::make_unique<store::SqlStore>(std::move(*connection));
    imports_ = std::make_unique<ImportService>(*store_, *store_);
    statistics_ = std::make_unique<StatisticsService>(*store_, *store_, *store_);
    accounts_ = std::make_unique<AccountService>(*store_, *store_, hasher_);
    sessions_ = std::make_unique<SessionService>(*store_, *store_, *accounts_, tokens_, clock_);
    directory_ = std::make_unique<DirectoryService>(*store_, *store_);
    audit_ = std::make_unique<AuditService>(*store_);
    plans_ = std::make_unique<PlanService>(*store_, *store_, *statistics_);
}

AuditEntry TestAudit(std::string action) {
    AuditEntry entry = AuditOf(Actor::Console(), std::move(action), "");
    entry.entity = "test";
    return entry;
}

void StoreFixture::LoadDemo() {
    auto sheet = sheets::ReadSheetFile(SourcePath("data/demo/obec_schools_2402.tsv"));
    if (!sheet) throw std::runtime_error(Describe(sheet.error()));
    DemoOffice demo(*store_, *store_);
    auto built = demo.Build(*sheet);
    if (!built) throw std::runtime_error(Describe(built.error()));
}

sheets::Sheet CsvSheet(const std::string& source, const std::string& text) {
    auto sheet = sheets::ReadCsv(text, source);
    if (!sheet) throw std::runtime_error(Describe(sheet.error()));
    return std::move(*sheet);
}

std::vector<std::vector<std::string>> TableText(const Table& table) {
    std::vector<std::vector<std::string>> rows;
    for (const Row& row : table.rows) {
        std::vector<std::string> cells;
        for (const Cell& cell : row.cells) cells.push_back(cell.text);
        rows.push_back(std::move(cells));
    }
    return rows;
}

http::Request ApiRequest(std::string method, std::string path,
                         std::map<std::string, std::string> query, std::string body) {
    http::Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.query = std::move(query);
    request.body = std::move(body);
    request.remote_address = "127.0.0.1";
    return request;
}

}  // namespace khet::testing
