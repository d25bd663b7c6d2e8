// Crash safety: the real `khet serve` is killed with SIGKILL at random moments while a census
// import and a stream of school edits are in flight. After every kill the database must open
// (the next trial's server starts on it), pass SQLite's integrity check, hold the import either
// entirely or not at all (with its audit entry exactly when its rows are there), and hold every
// edit the server acknowledged (with one audit entry per edit that landed).
//
// Labelled slow; `make test` runs it on both engines. KHET_CRASH_TRIALS sets the number of kills
// per engine (100 by default) and KHET_CRASH_SEED replays a run (the seed is printed).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "store/sql.hpp"
#include "tests/support/databases.hpp"
#include "tests/support/khet_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace khet::testing {
namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kOffice = "2402";
// How long the edits run alone, at most, before the import starts: long enough for a few edits
// to be acknowledged in every trial.
constexpr int kEditsAloneMs = 60;
constexpr const char* kRound = "2564/2";  // the demo's census round (Round() names it in SQL)

int TrialsPerEngine() {
    const char* text = std::getenv("KHET_CRASH_TRIALS");
    return text ? std::max(1, std::atoi(text)) : 100;
}

unsigned Seed() {
    const char* text = std::getenv("KHET_CRASH_SEED");
    return text ? static_cast<unsigned>(std::strtoul(text, nullptr, 10)) : std::random_device{}();
}

std::string UrlEncode(std::string_view text) {
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
            out += static_cast<char>(c);
        } else {
            out += fmt::format("%{:02X}", c);
        }
    }
    return out;
}

/// The first `columns` cells of a query's first row as text (none when there is no row); fails
/// the test on a database error.
std::vector<std::string> Row(store::SqlConnection& connection, int columns, std::string_view sql,
                             const std::vector<std::string>& params = {}) {
    auto statement = connection.Prepare(sql);
    if (!statement) {
        ADD_FAILURE() << sql << ": " << statement.error().message;
        return {};
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
        (*statement)->Bind(static_cast<int>(i + 1), params[i]);
    }
    auto stepped = (*statement)->Step();
    if (!stepped) {
        ADD_FAILURE() << sql << ": " << stepped.error().message;
        return {};
    }
    std::vector<std::string> cells;
    if (!*stepped) return cells;
    for (int column = 0; column < columns; ++column) {
        cells.push_back((*statement)->IsNull(column) ? "" : (*statement)->Text(column));
    }
    return cells;
}

/// What the imports left in the round: its row count and the ranges of its counts. Every row of a
/// crash file carries the trial's marker as both counts, so one import's rows show one value.
struct RoundState {
    long long rows = 0;
    long long least_boys = 0;
    long long most_boys = 0;
    long long least_girls = 0;
    long long most_girls = 0;
    bool operator==(const RoundState&) const = default;

    /// The round as the crash file with `marker` for `schools` schools writes it.
    static RoundState Imported(std::size_t schools, int marker) {
        return {static_cast<long long>(schools) * 6, marker, marker, marker, marker};
    }
};

std::string Describe(const RoundState& state) {
    return fmt::format("{} rows, boys {}..{}, girls {}..{}", state.rows, state.least_boys,
                       state.most_boys, state.least_girls, state.most_girls);
}

/// The edited school as the database holds it.
struct SchoolState {
    long long version = 0;
    std::string name;
    bool operator==(const SchoolState&) const = default;
};

class CrashSafety : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        url_ = NewDatabaseUrl(GetParam(), folder_);
        KhetProcess demo({"demo", "--db", url_, "--school-list",
                          SourcePath("data/demo/obec_schools_2402.tsv").string(), "--accounts-file",
                          folder_.File("accounts.json").string()},
                         Log());
        const auto status = demo.WaitFor(std::chrono::seconds(120));
        ASSERT_TRUE(status && WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << ReadText(Log());
    }

    std::filesystem::path Log() const { return folder_.File("khet.log"); }

    std::unique_ptr<store::SqlConnection> Open() {
        auto connection = store::Connect(url_);
        if (!connection) {
            ADD_FAILURE() << "the database does not open after a kill: "
                          << connection.error().message;
            return nullptr;
        }
        return std::move(*connection);
    }

    /// On PostgreSQL a killed client's transaction lives on until its backend notices the
    /// closed socket (and a COMMIT already sent still lands): wait for those backends to end.
    void AwaitOrphanedBackends(store::SqlConnection& connection) {
        if (connection.Engine() != "postgresql") return;
        const auto deadline = Clock::now() + std::chrono::seconds(20);
        while (Clock::now() < deadline) {
            const auto others =
                Row(connection, 1,
                    "SELECT COUNT(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()");
            if (!others.empty() && others[0] == "0") return;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ADD_FAILURE() << "the killed server's database sessions did not end within 20 s";
    }

    RoundState Round(store::SqlConnection& connection) {
        const auto cells = Row(connection, 5,
                               "SELECT COUNT(*), COALESCE(MIN(male), 0), COALESCE(MAX(male), 0), "
                               "COALESCE(MIN(female), 0), COALESCE(MAX(female), 0) "
                               "FROM enrolments WHERE academic_year = 2564 AND round = 2");
        if (cells.size() < 5) return {};
        return {std::stoll(cells[0]), std::stoll(cells[1]), std::stoll(cells[2]),
                std::stoll(cells[3]), std::stoll(cells[4])};
    }

    long long ImportAudits(store::SqlConnection& connection, const std::string& file) {
        const auto cells = Row(connection, 1,
                               "SELECT COUNT(*) FROM audit_log WHERE action = 'import.census' "
                               "AND after_value LIKE ?",
                               {fmt::format("%\"file\":\"{}\"%", file)});
        return cells.empty() ? -1 : std::stoll(cells[0]);
    }

    SchoolState School(store::SqlConnection& connection, const std::string& code) {
        const auto cells =
            Row(connection, 2, "SELECT version, name FROM schools WHERE code = ?", {code});
        if (cells.size() < 2) return {};
        return {std::stoll(cells[0]), cells[1]};
    }

    long long EditAudits(store::SqlConnection& connection, const std::string& code) {
        const auto cells = Row(connection, 1,
                               "SELECT COUNT(*) FROM audit_log WHERE action = 'school.update' "
                               "AND entity_id = ?",
                               {code});
        return cells.empty() ? -1 : std::stoll(cells[0]);
    }

    TempDir folder_;
    std::string url_;
};

/// A census file of every school of the office, every primary grade, `marker` boys and girls.
std::string CensusFile(const std::vector<std::string>& schools, int marker) {
    std::string csv = "school_code,grade,male,female,rooms\n";
    for (const std::string& code : schools) {
        for (int grade = 1; grade <= 6; ++grade) {
            csv += fmt::format("{},ป.{},{},{},1\n", code, grade, marker, marker);
        }
    }
    return csv;
}

/// Sends one request on `connection` and reads the answer; status 0 when the server went away.
HttpReply Exchange(Connection& connection, const std::string& request) {
    if (!connection.Connected() || !connection.Send(request)) return {};
    return connection.Read();
}

TEST_P(CrashSafety, KilledAtRandomMomentsKeepsImportsWholeAndAcknowledgedEditsSaved) {
    const int trials = TrialsPerEngine();
    const unsigned seed = Seed();
    std::mt19937 random(seed);
    SCOPED_TRACE(fmt::format("KHET_CRASH_SEED={} KHET_CRASH_TRIALS={}", seed, trials));
    std::cout << fmt::format("[ crash    ] {}: seed {}, {} trials\n", GetParam(), seed, trials);

    ServerProcess server = StartServer(url_, folder_.Path(), Log(), {"--threads", "3"});
    ASSERT_GT(server.port, 0) << ReadText(Log());
    std::string failure;
    const auto session =
        SignInOverHttp(server.port, "admin.2402",
                       DemoPassword(folder_.File("accounts.json"), "admin.2402"), &failure);
    ASSERT_TRUE(session) << failure;

    // The office's schools (for the crash files) and the school the edits go to.
    std::vector<std::string> schools;
    Json edited;
    {
        Connection connection(server.port);
        const HttpReply list =
            Exchange(connection, SessionRequest(*session, "GET",
                                                fmt::format("/api/v1/offices/{}/schools?round={}",
                                                            kOffice, UrlEncode(kRound))));
        ASSERT_EQ(list.status, 200) << list.body;
        const Json listed = Json::parse(list.body);
        for (const Json& school : listed["schools"]) {
            schools.push_back(school["code"]);
        }
        ASSERT_GT(schools.size(), 100u);
        const HttpReply school = Exchange(
            connection,
            SessionRequest(*session, "GET", fmt::format("/api/v1/schools/{}", schools.front())));
        ASSERT_EQ(school.status, 200) << school.body;
        edited = Json::parse(school.body)["school"];
    }
    const std::string code = edited["code"];
    const std::string base_name = edited["name"];
    const long long first_version = edited["version"];
    const auto edit_body = [&](long long version, const std::string& name) {
        return Json{{"version", version},
                    {"name", name},
                    {"district", edited["district"]},
                    {"zone_code", edited["zone_code"]},
                    {"level_span", edited["level_span"]},
                    {"active", edited["active"]}}
            .dump();
    };

    auto database = Open();
    ASSERT_TRUE(database);
    RoundState round = Round(*database);           // the state every trial starts from
    SchoolState school = School(*database, code);  // the last acknowledged edit
    ASSERT_EQ(school.version, first_version);
    database.reset();

    // One import run to the end: how long the window is where a kill lands inside it.
    const auto import_request = [&](int marker) {
        const std::string file = fmt::format("crash-{}.csv", marker);
        return SessionRequest(*session, "POST",
                              fmt::format("/api/v1/offices/{}/imports/census?round={}&filename={}",
                                          kOffice, UrlEncode(kRound), file),
                              CensusFile(schools, marker));
    };
    int marker = 0;
    const long long import_ms = [&] {
        const auto started = Clock::now();
        Connection connection(server.port);
        const HttpReply reply = Exchange(connection, import_request(++marker));
        EXPECT_EQ(reply.status, 200) << reply.body;
        round = RoundState::Imported(schools.size(), marker);
        return std::max<long long>(
            5,
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count());
    }();
    ASSERT_FALSE(HasFailure());
    std::cout << fmt::format("[ crash    ] one import of {} rows takes {} ms\n", schools.size() * 6,
                             import_ms);

    int killed_during_import = 0;
    int killed_during_edit = 0;
    int imports_acknowledged = 0;
    long long edits_acknowledged = 0;
    for (int trial = 0; trial < trials && !HasFailure(); ++trial) {
        SCOPED_TRACE(fmt::format("trial {}", trial));
        if (trial > 0) {
            server = StartServer(url_, folder_.Path(), Log(), {"--threads", "3"});
            ASSERT_GT(server.port, 0) << "the server does not start after a kill:\n"
                                      << ReadText(Log());
        }
        const int this_marker = ++marker;
        const std::string this_file = fmt::format("crash-{}.csv", this_marker);
        const std::string request = import_request(this_marker);

        std::atomic<int> import_stage = 0;  // 0 not sent, 1 sent, 2 acknowledged, 3 refused
        std::string import_refusal;
        // The edits run from the start; the import starts a little later, at a random moment,
        // and the kill comes at another random moment from its start to well after its end.
        std::uniform_int_distribution<int> import_start(0, kEditsAloneMs);
        std::uniform_int_distribution<int> kill_after(0, static_cast<int>(import_ms * 2));
        const auto import_at = Clock::now() + std::chrono::milliseconds(import_start(random));
        const auto kill_at = import_at + std::chrono::milliseconds(kill_after(random));
        std::thread importer([&, port = server.port] {
            Connection connection(port);
            std::this_thread::sleep_until(import_at);
            if (!connection.Connected() || !connection.Send(request)) return;
            import_stage = 1;
            const HttpReply reply = connection.Read();
            if (reply.status == 200) {
                import_stage = 2;
            } else if (reply.status != 0) {
                import_refusal = fmt::format("{} {}", reply.status, reply.body);
                import_stage = 3;
            }
        });

        std::atomic<bool> edit_in_flight = false;
        SchoolState acknowledged = school;
        SchoolState pending;
        std::string edit_refusal;
        long long edits_this_trial = 0;
        std::thread editor([&, port = server.port] {
            Connection connection(port);
            for (int k = 0;; ++k) {
                pending = {acknowledged.version + 1,
                           fmt::format("{} (แก้ไขครั้งที่ {}-{})", base_name, trial, k)};
                edit_in_flight = true;
                const HttpReply reply = Exchange(
                    connection,
                    SessionRequest(*session, "PUT", fmt::format("/api/v1/schools/{}", code),
                                   edit_body(acknowledged.version, pending.name)));
                if (reply.status == 0) return;  // killed: the pending edit may or may not be there
                edit_in_flight = false;
                if (reply.status != 200) {
                    edit_refusal = fmt::format("{} {}", reply.status, reply.body);
                    return;
                }
                const Json saved = Json::parse(reply.body)["school"];
                acknowledged = {saved["version"], saved["name"]};
                ++edits_this_trial;
            }
        });

        std::this_thread::sleep_until(kill_at);
        const bool import_was_in_flight = import_stage == 1;
        const bool edit_was_in_flight = edit_in_flight;
        ::kill(server.process->Pid(), SIGKILL);
        const auto status = server.process->WaitFor(std::chrono::seconds(10));
        ASSERT_TRUE(status && WIFSIGNALED(*status)) << "the server was not killed";
        importer.join();
        editor.join();
        ASSERT_EQ(import_refusal, "") << "the server refused the import";
        ASSERT_EQ(edit_refusal, "") << "the server refused an edit";
        killed_during_import += import_was_in_flight && import_stage != 2 ? 1 : 0;
        killed_during_edit += edit_was_in_flight ? 1 : 0;
        edits_acknowledged += edits_this_trial;

        database = Open();
        ASSERT_TRUE(database);
        AwaitOrphanedBackends(*database);
        if (database->Engine() == "sqlite") {
            const auto check = Row(*database, 1, "PRAGMA integrity_check");
            ASSERT_EQ(check, std::vector<std::string>{"ok"});
        }

        // The import: all of this file or the round as it was, never a mix.
        const RoundState now = Round(*database);
        const RoundState imported = RoundState::Imported(schools.size(), this_marker);
        if (import_stage == 2) {
            ++imports_acknowledged;
            ASSERT_EQ(now, imported) << "an acknowledged import is missing: " << Describe(now);
        } else {
            ASSERT_TRUE(now == imported || now == round)
                << "the round is neither as it was (" << Describe(round)
                << ") nor the whole import (" << Describe(imported) << "): " << Describe(now);
        }
        ASSERT_EQ(ImportAudits(*database, this_file), now == imported ? 1 : 0)
            << "the import's audit entry must be there exactly when its rows are";
        round = now;

        // The edits: the last acknowledged one, or the one in flight when the server died.
        const SchoolState held = School(*database, code);
        ASSERT_TRUE(held == acknowledged || held == pending)
            << fmt::format("the school holds version {} \"{}\"; acknowledged was version {} \"{}\"",
                           held.version, held.name, acknowledged.version, acknowledged.name);
        ASSERT_EQ(EditAudits(*database, code), held.version - first_version)
            << "every edit that landed has its audit entry, and no other";
        school = held;
        database.reset();
    }

    // After the last kill the server starts once more and serves what was saved.
    server = StartServer(url_, folder_.Path(), Log(), {"--threads", "3"});
    ASSERT_GT(server.port, 0) << ReadText(Log());
    Connection connection(server.port);
    const HttpReply reply = Exchange(
        connection, SessionRequest(*session, "GET", fmt::format("/api/v1/schools/{}", code)));
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(Json::parse(reply.body)["school"]["version"], school.version);
    EXPECT_EQ(Json::parse(reply.body)["school"]["name"], school.name);

    std::cout << fmt::format(
        "[ crash    ] {} kills: {} during an import, {} during an edit; {} imports and {} edits "
        "acknowledged\n",
        trials, killed_during_import, killed_during_edit, imports_acknowledged, edits_acknowledged);
    // The kills must land where the test means them to: inside imports and inside edits.
    // (About 3 in 10 kills land inside a 5 ms SQLite import, most inside a PostgreSQL one.)
    EXPECT_GE(killed_during_import, trials / 10) << "too few kills landed inside an import";
    EXPECT_GE(killed_during_edit, trials / 5) << "too few kills landed inside an edit";
}

INSTANTIATE_TEST_SUITE_P(Engines, CrashSafety, ::testing::ValuesIn(kEngines),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace khet::testing
