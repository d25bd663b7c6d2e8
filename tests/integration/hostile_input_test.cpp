// The probes of docs/SECURITY.md ("Hostile input"), each sent to the real `khet serve` over
// loopback as an attacker or a careless user would, on both engines where it touches the store:
// none may crash the server, hold on to what it was sent, or leave a document that cannot be
// produced.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/databases.hpp"
#include "tests/support/khet_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace khet::testing {
namespace {

using ::testing::HasSubstr;
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
