// The plan routes of the API over the seed plans, through the real gate: the KPI table with its
// statuses and reasons as seed 002 has it, the editor's changes with their version checks,
// results reported by a group's staff, uploads that write all or nothing, and the documents.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/api.hpp"
#include "http/gate.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/plans.hpp"

namespace khet::testing {
namespace {

using Json = nlohmann::json;

constexpr const char* kPassword = "plan-api-password-1";
const std::string kPlan002 = "/api/v1/offices/9202/plans/2562";

class PlanApi : public ::testing::Test {
  protected:
    void SetUp() override {
        auto imported = fixture_.Plans().Import(Actor::Console(), SeedPlanFiles());
        ASSERT_TRUE(imported) << Describe(imported.error());
        http::RegisterApi(router_, [this] { return fixture_.Api(); });
        AddUser("root", {Role::kSystemAdmin, "", "", ""});
        // Seed 002's groups name กลุ่มส่งเสริมการจัดการศึกษา ส่งเสริม.
        AddUser("staff.9202", {Role::kGroupStaff, "9202", "", "กลุ่มส่งเสริมการจัดการศึกษา"});
        AddUser("public.9202", {Role::kPublic, "9202", "", ""});
    }

    void AddUser(const std::string& login, Grant grant) {
        ASSERT_TRUE(fixture_.Accounts().AddUser(Actor::Console(), login, "ผู้ทดสอบ " + login,
                                                std::move(grant), std::string(kPassword)));
    }

    http::Response Send(const std::string& login, std::string method, std::string path,
                        std::map<std::string, std::string> query = {}, std::string body = "") {
        auto signed_in = fixture_.Sessions().SignIn(login, kPassword, "127.0.0.1", "test");
        EXPECT_TRUE(signed_in) << Describe(signed_in.error());
        http::Request request =
            ApiRequest(std::move(method), std::move(path), std::move(query), std::move(body));
        request.headers["cookie"] = std::string(http::kSessionCookie) + "=" + signed_in->token;
        request.headers["x-csrf-token"] = signed_in->session.csrf_token;
        return http::HandleApi(router_, cache_, sessions_, fixture_.Store(), fixture_.Sessions(),
                               {}, std::move(request));
    }

    Json Plan002(const std::string& login = "root", std::map<std::string, std::string> query = {}) {
        const http::Response response = Send(login, "GET", kPlan002, std::move(query));
        EXPECT_EQ(response.status, 200) << response.body;
        return Json::parse(response.body);
    }

    Json Edit(const Json& body, int status = 200) {
        const http::Response response = Send("root", "POST", kPlan002 + "/edits", {}, body.dump());
        EXPECT_EQ(response.status, status) << response.body;
        return Json::parse(response.body);
    }

    static const Json& Line(const Json& plan, const std::string& key, int row = 0) {
        for (const Json& line : plan["kpi_table"]) {
            if (line["key"] == key && line["row"] == row) return line;
        }
        throw std::runtime_error("no line " + key);
    }

    StoreFixture fixture_{"sqlite"};
    http::Router router_;
    http::ResponseCache cache_;
    http::SessionCache sessions_;
};

TEST_F(PlanApi, ThePlanShowsSeed002sKpiTableWithLastYearsStatusesAndWhy) {
    const Json plan = Plan002();
    EXPECT_EQ(plan["status_year"], 2561);  // no result for 2562 yet: the year before
    const std::vector<SeedKpiLine> seed = Seed002KpiTable();
    ASSERT_EQ(plan["kpi_table"].size(), seed.size());
    for (std::size_t i = 0; i < seed.size(); ++i) {
        const Json& line = plan["kpi_table"][i];
        SCOPED_TRACE("KPI " + seed[i].kpi + " row " + std::to_string(seed[i].sub_row));
        EXPECT_EQ(line["number"], seed[i].kpi);
        EXPECT_EQ(line["row"], seed[i].sub_row);
        EXPECT_EQ(line["groups"], seed[i].groups);
        EXPECT_EQ(line["targets"].value("2561", "-"), seed[i].target_2561);
        EXPECT_EQ(line["targets"].value("2562", "-"), seed[i].target_2562);
        EXPECT_EQ(line["strategy"]["number"], seed[i].strategy);
    }
    // KPI 1: target 100, result 100 → achieved, with its inputs and the rule that fired.
    const Json& first = Line(plan, "kpi-1");
    EXPECT_EQ(first["status"]["name"], "achieved");
    EXPECT_NE(first["status"]["inputs"].get<std::string>().find("100"), std::string::npos);
    EXPECT_FALSE(first["status"]["rule"].get<std::string>().empty());
    // The dashboard counts every line once.
    const Json& total = plan["dashboard"]["total"];
    EXPECT_EQ(total["total"], seed.size());
    int by_strategy = 0;
    for (const Json& tally : plan["dashboard"]["by_strategy"]) {
        by_strategy += tally["counts"]["total"].get<int>();
    }
    EXPECT_EQ(by_strategy, static_cast<int>(seed.size()));
    EXPECT_TRUE(plan["may_edit"]);
}

TEST_F(PlanApi, GroupStaffReportTheirGroupsResultsOnlyAndTheStatusFollows) {
    Json plan = Plan002("staff.9202");
    EXPECT_FALSE(plan["may_edit"]);
    std::string own, other;
    for (const Json& line : plan["kpi_table"]) {
        const std::string groups = line["groups"];
        if (line["row"] != 0) continue;
        if (own.empty() && groups == "ส่งเสริม") own = line["key"];
        if (other.empty() && groups == "นิเทศ") other = line["key"];
        EXPECT_EQ(line["may_report"], groups.find("ส่งเสริม") != std::string::npos) << groups;
    }
    ASSERT_FALSE(own.empty());
    ASSERT_FALSE(other.empty());
    const auto report = [&](const std::string& key, const std::string& value, long long version) {
        return Send("staff.9202", "PUT", kPlan002 + "/results", {},
                    Json{{"version", version},
                         {"key", key},
                         {"fiscal_year", 2562},
                         {"round", 6},
                         {"value", value},
                         {"evidence", "รายงาน DMC"}}
                        .dump());
    };
    const long long version = plan["version"];
    EXPECT_EQ(report(other, "50", version).status, 403);
    const http::Response bad = report(own, "มาก", version);
    EXPECT_EQ(bad.status, 400) << bad.body;
    EXPECT_EQ(Json::parse(bad.body)["error"]["fields"][0]["field"], "value");

    const http::Response done = report(own, "40", version);
    ASSERT_EQ(done.status, 200) << done.body;
    plan = Json::parse(done.body);
    EXPECT_EQ(plan["version"], version + 1);
    EXPECT_EQ(plan["status_year"], 2562);  // the plan's own year now that it has a result
    const Json& line = Line(plan, own);
    EXPECT_EQ(line["results"].back()["value"], "40");
    EXPECT_EQ(line["results"].back()["evidence"], "รายงาน DMC");
    EXPECT_FALSE(line["status"]["name"].get<std::string>().empty());
    // The answer judges the year the page shows when it says so (?year=).
    const http::Response shown =
        Send("staff.9202", "PUT", kPlan002 + "/results", {{"year", "2561"}},
             Json{{"version", version + 1},
                  {"key", own},
                  {"fiscal_year", 2562},
                  {"round", 9},
                  {"value", "45"}}
                 .dump());
    ASSERT_EQ(shown.status, 200) << shown.body;
    EXPECT_EQ(Json::parse(shown.body)["status_year"], 2561);
    // A stale version is a conflict, and the result stays.
    EXPECT_EQ(report(own, "50", version).status, 409);
    EXPECT_EQ(Line(Plan002(), own)["results"].back()["value"], "45");
}

TEST_F(PlanApi, TheEditorMovesAddsAndRemovesItemsAndRenumbers) {
    Json plan = Plan002();
    // Strategy 2 moved to the front: it becomes 1, and the KPIs under it come first.
    std::string second;
    for (const Json& item : plan["items"]) {
        if (item["kind"] == "strategy" && item["number"] == "2") second = item["key"];
    }
    ASSERT_FALSE(second.empty());
    plan = Edit({{"version", plan["version"]}, {"edit", "move"}, {"key", second}, {"index", 0}});
    for (const Json& item : plan["items"]) {
        if (item["key"] == second) {
            EXPECT_EQ(item["number"], "1");
        }
    }
    EXPECT_EQ(plan["kpi_table"][0]["strategy"]["key"], second);
    EXPECT_EQ(plan["kpi_table"][0]["number"], "1");

    plan = Edit({{"version", plan["version"]},
                 {"edit", "add"},
                 {"parent", second},
                 {"kind", "kpi"},
                 {"text", "ร้อยละของโรงเรียนที่มีแผนพัฒนาคุณภาพ"}});
    const Json& added = Line(plan, "new-1");
    EXPECT_EQ(added["unit"], "ร้อยละ");
    plan = Edit({{"version", plan["version"]},
                 {"edit", "target"},
                 {"key", "new-1"},
                 {"fiscal_year", 2562},
                 {"value", "80"}});
    EXPECT_EQ(Line(plan, "new-1")["targets"]["2562"], "80");
    EXPECT_EQ(plan["kpi_table"].size(), 38u);
    plan = Edit({{"version", plan["version"]}, {"edit", "remove"}, {"key", "new-1"}});
    EXPECT_EQ(plan["kpi_table"].size(), 37u);
}

TEST_F(PlanApi, BadEditsSayWhatIsWrongAndChangeNothing) {
    const Json before = Plan002();
    const long long version = before["version"];
    // An unknown field, an unknown edit, a stale version, a value that does not fit the unit.
    Json refused = Edit(
        {{"version", version}, {"edit", "move"}, {"key", "kpi-1"}, {"index", 0}, {"x", 1}}, 400);
    EXPECT_EQ(refused["error"]["fields"][0]["field"], "x");
    refused = Edit({{"version", version}, {"edit", "rename"}}, 400);
    EXPECT_EQ(refused["error"]["fields"][0]["field"], "edit");
    Edit({{"version", version - 1}, {"edit", "text"}, {"key", "kpi-1"}, {"text", "ใหม่"}}, 409);
    refused = Edit({{"version", version},
                    {"edit", "target"},
                    {"key", "kpi-1"},
                    {"fiscal_year", 2562},
                    {"value", "ดีมาก"}},
                   400);
    EXPECT_EQ(refused["error"]["fields"][0]["field"], "value");
    refused = Edit({{"version", version}, {"edit", "text"}, {"key", "nope"}, {"text", "x"}}, 404);
    const Json after = Plan002();
    EXPECT_EQ(after["version"], version);
    EXPECT_EQ(after["items"], before["items"]);
}

TEST_F(PlanApi, APublicReaderSeesPublishedPlansOnlyAndCannotEdit) {
    Json plan = Plan002();
    Edit({{"version", plan["version"]}, {"edit", "status"}, {"status", "draft"}});
    EXPECT_EQ(Send("public.9202", "GET", kPlan002).status, 404);
    EXPECT_EQ(Send("staff.9202", "GET", kPlan002).status, 200);  // group staff read drafts
    const Json list = Json::parse(Send("public.9202", "GET", "/api/v1/offices/9202/plans").body);
    EXPECT_TRUE(list["plans"].empty());
    plan = Plan002();
    Edit({{"version", plan["version"]}, {"edit", "status"}, {"status", "published"}});
    EXPECT_EQ(Send("public.9202", "GET", kPlan002).status, 200);
    EXPECT_EQ(Send("public.9202", "POST", kPlan002 + "/edits", {},
                   Json{{"version", 1}, {"edit", "status"}, {"status", "draft"}}.dump())
                  .status,
              403);
}

TEST_F(PlanApi, AnUploadIsCheckedWholeAndWritesNothingWhenAnythingIsWrong) {
    std::string text = SourceText("data/plans/002-9202-2562.yaml");
    const std::string good = text;
    // KPI 1's target does not fit its unit, and a later line names an unknown group.
    text.replace(text.find("targets: {2561: \"100\", 2562: \"100\"}"), 36,
                 "targets: {2561: \"มาก\", 2562: \"100\"}");
    const http::Response refused =
        Send("root", "POST", "/api/v1/offices/9202/plans", {{"filename", "002.yaml"}}, text);
    ASSERT_EQ(refused.status, 400) << refused.body;
    const Json error = Json::parse(refused.body)["error"];
    EXPECT_EQ(error["fields"][0]["field"].get<std::string>().rfind("002.yaml:", 0), 0u)
        << error.dump();
    EXPECT_GT(error["fields"][0]["row"].get<int>(), 1);

    // Another office's plan is refused on this office's page.
    const http::Response elsewhere =
        Send("root", "POST", "/api/v1/offices/2402/plans", {{"filename", "002.yaml"}}, good);
    EXPECT_EQ(elsewhere.status, 400) << elsewhere.body;

    const http::Response checked = Send("root", "POST", "/api/v1/offices/9202/plans",
                                        {{"filename", "002.yaml"}, {"dry_run", "true"}}, good);
    EXPECT_EQ(checked.status, 200) << checked.body;
    EXPECT_EQ(Json::parse(checked.body)["kpis"], 32);
    EXPECT_EQ(Send("root", "POST", "/api/v1/offices/9202/plans", {{"dry_run", "yes"}}, good).status,
              400);
    const http::Response written =
        Send("root", "POST", "/api/v1/offices/9202/plans", {{"filename", "002.yaml"}}, good);
    EXPECT_EQ(written.status, 201) << written.body;
}

TEST_F(PlanApi, FormulaResultsAreComputedThroughTheApiAndSayHowTheyWereComputed) {
    fixture_.LoadDemo();  // office 2402's census, round 2564/2
    const std::string plan2565 = "/api/v1/offices/2402/plans/2565";
    const auto send = [&](const std::string& path, const Json& body, int status) {
        const http::Response response = Send("root", "POST", plan2565 + path, {}, body.dump());
        EXPECT_EQ(response.status, status) << response.body;
        return Json::parse(response.body);
    };
    http::Response read = Send("root", "GET", plan2565);
    ASSERT_EQ(read.status, 200);
    Json plan = Json::parse(read.body);
    EXPECT_FALSE(plan["measures"].empty());  // the editor's help, for those who may edit
    EXPECT_EQ(plan["measures"][0]["name"], "schools");

    // A plan without formulas has nothing to compute; a bad formula is refused by field.
    Json none = send("/compute", {{"version", plan["version"]}}, 400);
    EXPECT_NE(none["error"]["message"].get<std::string>().find("ไม่มีตัวชี้วัดที่คำนวณผล"),
              std::string::npos);
    Json bad = send("/edits",
                    {{"version", plan["version"]},
                     {"edit", "formula"},
                     {"key", "kpi-2"},
                     {"formula", "100 * small_schools /"}},
                    400);
    EXPECT_EQ(bad["error"]["fields"][0]["field"], "formula");
    plan = send("/edits",
                {{"version", plan["version"]},
                 {"edit", "formula"},
                 {"key", "kpi-2"},
                 {"formula", "100 * small_schools / schools"}},
                200);
    EXPECT_EQ(Line(plan, "kpi-2")["formula"], "100 * small_schools / schools");

    Json computed = send("/compute", {{"version", plan["version"]}, {"round", 12}}, 200);
    ASSERT_EQ(computed["computed"]["rounds"].size(), 1u);
    const Json& line = computed["computed"]["rounds"][0]["lines"][0];
    EXPECT_EQ(line["name"], "ตัวชี้วัด 2");
    EXPECT_FALSE(line["kept"].get<bool>());
    const Json& result = Line(computed, "kpi-2")["results"][0];
    EXPECT_EQ(result["round"], 12);
    EXPECT_EQ(result["value"], line["value"]);
    EXPECT_EQ(result["formula"], "100 * small_schools / schools");
    EXPECT_NE(result["evidence"].get<std::string>().find("ปีการศึกษา 2564 รอบที่ 2"),
              std::string::npos);
    EXPECT_EQ(computed["version"], plan["version"].get<long long>() + 1);

    // Again: kept, nothing written; a stale version, a round still running.
    Json again = send("/compute", {{"version", computed["version"]}, {"round", 12}}, 200);
    EXPECT_FALSE(again["computed"]["written"].get<bool>());
    EXPECT_TRUE(again["computed"]["rounds"][0]["lines"][0]["kept"].get<bool>());
    EXPECT_EQ(again["version"], computed["version"]);
    send("/compute", {{"version", plan["version"]}, {"round", 6}}, 409);
    Json running = send(
        "/compute", {{"version", computed["version"]}, {"fiscal_year", 2650}, {"round", 3}}, 409);
    EXPECT_NE(running["error"]["message"].get<std::string>().find("ยังไม่สิ้นสุด"), std::string::npos);
    send("/compute", {{"version", computed["version"]}, {"round", 5}}, 400);
    Json ce = send("/compute", {{"version", computed["version"]}, {"fiscal_year", 2024}}, 400);
    EXPECT_EQ(ce["error"]["fields"][0]["field"], "fiscal_year");  // as the body names it
    // Group staff may report results but not compute them.
    const http::Response staff =
        Send("staff.9202", "POST", "/api/v1/offices/9202/plans/2562/compute", {},
             Json{{"version", 1}}.dump());
    EXPECT_EQ(staff.status, 403) << staff.body;
}

TEST_F(PlanApi, DocumentsComeAsPdfAndXlsxDownloads) {
    const http::Response pdf =
        Send("root", "GET", kPlan002 + "/document", {{"thai_digits", "true"}});
    ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
    EXPECT_EQ(pdf.content_type, "application/pdf");
    EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
    const http::Response xlsx = Send("root", "GET", kPlan002 + "/document", {{"format", "xlsx"}});
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u);
    bool named = false;
    for (const auto& [name, value] : xlsx.headers) {
        named |=
            name == "Content-Disposition" && value.find("kpi-9202-2562.xlsx") != std::string::npos;
    }
    EXPECT_TRUE(named);
    EXPECT_EQ(Send("root", "GET", kPlan002 + "/document", {{"part", "all"}}).status, 400);
    EXPECT_EQ(Send("root", "GET", "/api/v1/offices/9202/plans/62").status, 400);
    EXPECT_EQ(Send("root", "GET", "/api/v1/offices/9202/plans/2599").status, 404);
}

}  // namespace
}  // namespace khet::testing
