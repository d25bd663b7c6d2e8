// Backup and restore on both engines: a round trip gives back exactly the data backed up, and a
// restore that cannot be done leaves the database as it was.
#include "store/backup.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <map>

#include "store/migrations.hpp"
#include "tests/support/fixtures.hpp"

namespace khet::testing {
namespace {

struct TableColumns {
    const char* table;
    const char* columns;
    int count;
};

// Every table of migrations 0001–0003 and their bookkeeping, each column named.
constexpr std::array<TableColumns, 11> kTables = {{
    {"offices", "code, name, short_name, data_note", 4},
    {"quality_zones", "code, office_code, ordinal, name, district, centre_school_code", 6},
    {"schools",
     "code, smis_code, office_code, name, district, zone_code, affiliation, level_span, active, "
     "source, version",
     11},
    {"census_rounds", "academic_year, round, snapshot_date", 3},
    {"enrolments", "school_code, academic_year, round, grade, male, female, rooms", 7},
    {"staff_counts", "school_code, academic_year, round, position, rank, standing, male, female",
     8},
    {"degree_counts", "school_code, academic_year, round, degree, male, female", 6},
    {"size_schemes", "code, name, ordinal", 3},
    {"size_bands", "scheme_code, ordinal, label, min_students, max_students", 5},
    {"data_generation", "id, value", 2},
    {"schema_migrations", "number, name, applied_at", 3},
}};

using Dump = std::map<std::string, std::vector<std::string>>;  // table → rows as text

// Every row of every table, read through a connection of its own.
Dump DumpTables(const std::string& url, bool with_generation = true) {
    auto connection = store::Connect(url);
    if (!connection) throw std::runtime_error(Describe(connection.error()));
    Dump dump;
    for (const TableColumns& table : kTables) {
        if (!with_generation && std::string_view(table.table) == "data_generation") continue;
        auto statement = (*connection)
                             ->Prepare(fmt::format("SELECT {1} FROM {0} ORDER BY {1}", table.table,
                                                   table.columns));
        if (!statement) throw std::runtime_error(Describe(statement.error()));
        auto& rows = dump[table.table];
        while (true) {
            auto row = (*statement)->Step();
            if (!row) throw std::runtime_error(Describe(row.error()));
            if (!*row) break;
            std::string text;
            for (int column = 0; column < table.count; ++column) {
                text += (*statement)->IsNull(column) ? "NULL" : (*statement)->Text(column);
                text += '|';
            }
            rows.push_back(std::move(text));
        }
    }
    return dump;
}

long long Generation(const std::string& url) {
    auto connection = store::Connect(url);
    if (!connection) throw std::runtime_error(Describe(connection.error()));
    auto statement = (*connection)->Prepare("SELECT value FROM data_generation WHERE id = 1");
    if (!statement || !(*statement)->Step()) throw std::runtime_error("no data generation");
    return (*statement)->Int(0);
}

class Backup : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override { fixture_.LoadDemo(); }

    // Replaces the latest round's enrolment with one row and renames a school.
    void ChangeData() {
        store::SqlStore& store = fixture_.Store();
        auto rounds = store.AllRounds();
        ASSERT_TRUE(rounds && !rounds->empty());
        auto schools = store.AllSchools();
        ASSERT_TRUE(schools && !schools->empty());
        std::vector<std::string> codes;
        for (const School& school : *schools) codes.push_back(school.code);
        ASSERT_TRUE(store.ReplaceEnrolment(rounds->back(), codes,
                                           {{codes.front(), Grade::kP1, 1, 2, 1}}, TestAudit()));
        School renamed = schools->front();
        renamed.name = "โรงเรียนเปลี่ยนชื่อ";
        ASSERT_TRUE(store.SaveSchools({}, {}, {renamed}, TestAudit()));
    }

    std::filesystem::path BackupFile() const { return fixture_.Folder().File("khet.backup"); }

    StoreFixture fixture_{GetParam()};
};

TEST_P(Backup, RoundTripGivesBackExactlyTheDataBackedUp) {
    const Dump original = DumpTables(fixture_.Url(), false);
    const long long generation_at_backup = Generation(fixture_.Url());
    auto backed_up = store::Backup(fixture_.Url(), BackupFile());
    ASSERT_TRUE(backed_up) << Describe(backed_up.error());
    EXPECT_FALSE(std::filesystem::exists(BackupFile().string() + ".tmp"));

    ChangeData();
    ASSERT_NE(DumpTables(fixture_.Url(), false), original);
    const long long generation_changed = Generation(fixture_.Url());

    auto restored = store::Restore(fixture_.Url(), BackupFile());
    ASSERT_TRUE(restored) << Describe(restored.error());
    EXPECT_EQ(restored->migration, store::Migrations().back().number);
    EXPECT_EQ(restored->schools, static_cast<long long>(original.at("schools").size()));
    EXPECT_EQ(restored->enrolment_rows, static_cast<long long>(original.at("enrolments").size()));
    EXPECT_GT(restored->enrolment_rows, 1000);
    const Dump after = DumpTables(fixture_.Url(), false);
    for (const auto& [table, rows] : original) {
        EXPECT_EQ(after.at(table), rows) << table;
    }
    // A serving process must not take the restored data for an answer it already keeps.
    EXPECT_GT(Generation(fixture_.Url()), std::max(generation_at_backup, generation_changed));
    // The fixture's long-lived connection, open across the restore, reads the restored data.
    const CensusRound latest = fixture_.Store().AllRounds()->back();
    const auto in_latest = std::ranges::count_if(original.at("enrolments"), [&](const auto& row) {
        return row.find(fmt::format("|{}|{}|", latest.AcademicYear(), latest.Round())) != row.npos;
    });
    EXPECT_EQ(*fixture_.Store().CountEnrolmentRows(latest), static_cast<long long>(in_latest));
}

TEST_P(Backup, RefusesAFileThatIsNotABackupAndLeavesTheDatabaseAsItWas) {
    const Dump before = DumpTables(fixture_.Url());
    const auto file = fixture_.Folder().Write("notes.backup", "สวัสดี: not a database\n");
    auto restored = store::Restore(fixture_.Url(), file);
    ASSERT_FALSE(restored);
    EXPECT_EQ(restored.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(restored.error().message.find("notes.backup"), std::string::npos)
        << restored.error().message;
    EXPECT_EQ(DumpTables(fixture_.Url()), before);

    auto missing = store::Restore(fixture_.Url(), fixture_.Folder().File("nothing.backup"));
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST_P(Backup, RefusesABackupOfANewerSchema) {
    auto connection = store::Connect(fixture_.Url());
    ASSERT_TRUE(connection);
    ASSERT_TRUE((*connection)
                    ->Execute("INSERT INTO schema_migrations (number, name, applied_at) "
                              "VALUES (9999, '9999_future', 'now')"));
    ASSERT_TRUE(store::Backup(fixture_.Url(), BackupFile()));
    ASSERT_TRUE((*connection)->Execute("DELETE FROM schema_migrations WHERE number = 9999"));
    const Dump before = DumpTables(fixture_.Url());

    auto restored = store::Restore(fixture_.Url(), BackupFile());
    ASSERT_FALSE(restored);
    EXPECT_EQ(restored.error().code, ErrorCode::kConflict);
    EXPECT_NE(restored.error().message.find("9999"), std::string::npos);
    EXPECT_EQ(DumpTables(fixture_.Url()), before);
}

std::string Quote(const std::string& text) {
    std::string quoted = "'";
    for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

std::pair<int, std::string> RunKhet(const std::string& args) {
    const std::string command =
        Quote(std::string(KHET_BINARY_DIR) + "/khet") + " " + args + " </dev/null 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return {-1, ""};
    std::string out;
    std::array<char, 512> buffer;
    while (std::fgets(buffer.data(), buffer.size(), pipe)) out += buffer.data();
    return {pclose(pipe), out};
}

TEST_P(Backup, CommandLineBacksUpAndRestoresIntoAnotherDatabase) {
    const std::string target = NewDatabaseUrl(GetParam(), fixture_.Folder());
    const std::string file = BackupFile().string();
    auto [backup_status, backup_out] =
        RunKhet(fmt::format("--db {} backup {}", Quote(fixture_.Url()), Quote(file)));
    ASSERT_EQ(backup_status, 0) << backup_out;

    // Without --yes and without an answer on stdin nothing is restored.
    auto [refused_status, refused_out] =
        RunKhet(fmt::format("--db {} restore {}", Quote(target), Quote(file)));
    EXPECT_NE(refused_status, 0) << refused_out;
    EXPECT_EQ(DumpTables(target).at("schools").size(), 0u);

    auto [status, out] =
        RunKhet(fmt::format("--db {} restore {} --yes", Quote(target), Quote(file)));
    ASSERT_EQ(status, 0) << out;
    const Dump original = DumpTables(fixture_.Url(), false);
    EXPECT_EQ(DumpTables(target, false), original);
    EXPECT_NE(out.find(fmt::format("โรงเรียน {} แห่ง", original.at("schools").size())),
              std::string::npos)
        << out;
}

INSTANTIATE_TEST_SUITE_P(Engines, Backup, ::testing::ValuesIn(kEngines),
                         [](const auto& info) { return info.param; });

// WAL lets the backup read the last committed state while a writer holds its transaction open.
TEST(SqliteBackup, SucceedsWhileAnotherConnectionHoldsAWriteTransaction) {
    StoreFixture fixture("sqlite");
    fixture.LoadDemo();
    const Dump committed = DumpTables(fixture.Url());
    auto writer = store::Connect(fixture.Url());
    ASSERT_TRUE(writer);
    ASSERT_TRUE((*writer)->Begin());
    ASSERT_TRUE((*writer)->Execute("UPDATE schools SET name = 'ยังไม่ยืนยัน'"));

    const auto file = fixture.Folder().File("busy.backup");
    auto backed_up = store::Backup(fixture.Url(), file);
    ASSERT_TRUE(backed_up) << Describe(backed_up.error());
    ASSERT_TRUE((*writer)->Commit());

    const std::string copy = fixture.Folder().File("copy.db").string();
    std::filesystem::copy_file(file, copy);
    EXPECT_EQ(DumpTables(copy), committed);
}

}  // namespace
}  // namespace khet::testing
