#include "tests/support/databases.hpp"

#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <thread>

namespace khet::testing {
namespace {

std::string Capture(const std::string& command) {
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return out;
    std::array<char, 512> buffer;
    while (std::fgets(buffer.data(), buffer.size(), pipe)) out += buffer.data();
    if (pclose(pipe) != 0) return "";
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

}  // namespace

ThrowawayPostgres& ThrowawayPostgres::Instance() {
    static ThrowawayPostgres server;
    return server;
}

// CTest starts one server for all tests (the postgres fixture in CMakeLists.txt) and passes
// its URL; a test binary run by hand starts its own.
ThrowawayPostgres::ThrowawayPostgres() {
    if (const char* url = std::getenv("KHET_TEST_POSTGRES_URL"); url && *url) {
        external_url_ = url;
        return;
    }
    folder_ = std::make_unique<TempDir>();
    socket_dir_ = (folder_->Path() / "pg").string();
    external_url_ = Capture(SourcePath("tools/test_postgres").string() + " start " + socket_dir_);
    if (external_url_.empty()) {
        std::fprintf(stderr, "throwaway PostgreSQL did not start (tools/test_postgres)\n");
        std::abort();
    }
}

ThrowawayPostgres::~ThrowawayPostgres() {
    if (folder_) Capture(SourcePath("tools/test_postgres").string() + " stop " + socket_dir_);
}

std::string ThrowawayPostgres::NewDatabase() {
    const std::string name =
        "khet_test_" + std::to_string(getpid()) + "_" + std::to_string(++databases_);
    // CREATE DATABASE copies template1 and fails while another test process (ctest -j) is
    // copying it too ("source database is being accessed by other users"): try again. The
    // reason of the last try is kept for the exception.
    std::string why;
    for (int attempt = 1; attempt <= 50; ++attempt) {
        if (attempt > 1) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        auto admin = store::Connect(external_url_);
        if (!admin) {
            why = admin.error().message;
            continue;
        }
        auto created = (*admin)->Execute("CREATE DATABASE " + name);
        if (created) {
            why.clear();
            break;
        }
        why = created.error().message;
    }
    if (!why.empty()) throw std::runtime_error("CREATE DATABASE " + name + ": " + why);
    const auto question = external_url_.find('?');
    const auto slash = external_url_.rfind('/', question);
    return external_url_.substr(0, slash + 1) + name + external_url_.substr(question);
}

std::string NewDatabaseUrl(const std::string& engine, const TempDir& folder) {
    if (engine == "postgresql") return ThrowawayPostgres::Instance().NewDatabase();
    static int counter = 0;
    return (folder.Path() / ("khet-" + std::to_string(++counter) + ".db")).string();
}

}  // namespace khet::testing
