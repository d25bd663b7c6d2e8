// The authorisation matrix: every API endpoint called as every role (and as nobody, and as a
// user who must still change their password), inside its scope, on a sibling school of the same
// office, and in another office, through the real gate and services. A route registered without
// a row here fails the test, so no endpoint ships without its rule written down.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "http/api.hpp"
#include "http/gate.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/temp_dir.hpp"

namespace khet::testing {
namespace {

constexpr const char* kPassword = "matrix-password-1";

// Where a call is aimed: in the actor's scope, at another school of the same office, or at
// another office.
enum class Place { kInScope, kSiblingSchool, kOtherOffice };

struct Target {
    std::string office;
    std::string school;
    long long user_id = 0;  // a user of that office, for password resets
};

// Who calls: a role held in office 2402 (a school officer: school A), nobody, or an office
// administrator who has not yet changed their one-time password.
struct Caller {
    std::string name;
    std::optional<Role> role;
    bool anonymous = false;
    bool must_change = false;
};

struct Row {
    std::string route;                  // "GET /api/v1/offices/{office}", as Router::Routes()
    std::set<Role> allowed;             // roles allowed in scope
    bool school_level = false;          // the scope is a school: a school officer's sibling is out
    bool for_anyone_signed_in = false;  // not scoped at all (lists filter by scope instead)
    bool session_endpoint = false;      // open to a user who must change their password
    bool open_to_anonymous = false;     // signing in (and out)
    std::function<http::Request(const Target&)> make;
};

const std::set<Role> kPublishedReaders = {Role::kSystemAdmin, Role::kOfficeAdmin, Role::kPlanner,
                                          Role::kGroupStaff,  Role::kSupervisor,  Role::kExecutive,
                                          Role::kPublic};
const std::set<Role> kSchoolDataReaders = {Role::kSystemAdmin, Role::kOfficeAdmin, Role::kPlanner,
                                           Role::kSupervisor, Role::kExecutive};
const std::set<Role> kPlanEditors = {Role::kSystemAdmin, Role::kOfficeAdmin, Role::kPlanner};
const std::set<Role> kAllRoleSet(std::begin(kAllRoles), std::end(kAllRoles));

// A published plan of `office` for 2566 with one KPI of group แผน (the matrix's group staff
// holds กลุ่มนโยบายและแผน, that group's name).
std::string MatrixPlan(const std::string& office) {
    return fmt::format(R"(format: khet-plan/1
office: "{}"
fiscal_year: 2566
title: แผนปฏิบัติการ ประจำปีงบประมาณ 2566
status: published
groups:
  - {{code: แผน, name: กลุ่มนโยบายและแผน}}
items:
  - strategy: พัฒนาคุณภาพผู้เรียน
    number: "1"
    items:
      - kpi: ร้อยละของนักเรียนที่อ่านออกเขียนได้
        number: "1"
        unit: ร้อยละ
        groups: [แผน]
        formula: 100 * small_schools / schools
        targets: {{2566: "80"}}
)",
                       office);
}

http::Request Call(std::string method, std::string path,
                   std::map<std::string, std::string> query = {}, std::string body = "") {
    return ApiRequest(std::move(method), std::move(path), std::move(query), std::move(body));
}

std::string ReadAll(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

class Authorization : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        fixture_.LoadDemo();
        http::RegisterApi(router_, [this] { return fixture_.Api(); });
        auto schools = fixture_.Store().Schools("2402");
        ASSERT_TRUE(schools);
        for (const School& school : *schools) {
            if (school.affiliation != kObecAffiliation || !school.active) continue;
            (school_a_.empty() ? school_a_ : school_b_) = school.code;
            if (!school_b_.empty()) break;
        }
        Office other{"1001", "สำนักงานเขตพื้นที่การศึกษาทดสอบ", "สพป.ทดสอบ", ""};
        School school_c;
        school_c.code = "1010010001";
        school_c.office_code = "1001";
        school_c.name = "โรงเรียนบ้านทดสอบ";
        school_c.district = "เมือง";
        ASSERT_TRUE(fixture_.Store().SaveSchools({other}, {}, {school_c}, TestAudit()));

        for (Role role : kAllRoles) {
            Grant grant{role, "2402", "", ""};
            if (role == Role::kSystemAdmin) grant.office_code.clear();
            if (role == Role::kSchoolOfficer) grant.school_code = school_a_;
            if (role == Role::kGroupStaff) grant.group = "กลุ่มนโยบายและแผน";
            AddUser(std::string("matrix.") + std::string(RoleName(role)), grant, true);
        }
        AddUser("matrix.must-change", {Role::kOfficeAdmin, "2402", "", ""}, false);
        targets_[Place::kInScope] = {
            "2402", school_a_, AddUser("target.2402", {Role::kPlanner, "2402", "", ""}, true)};
        targets_[Place::kSiblingSchool] = {"2402", school_b_, targets_[Place::kInScope].user_id};
        targets_[Place::kOtherOffice] = {
            "1001", "1010010001", AddUser("target.1001", {Role::kPlanner, "1001", "", ""}, true)};
        emis_file_ = ReadAll(SharedDataPath("emis-samples/1020080005_student.csv"));
        auto plans = fixture_.Plans().Import(Actor::Console(), {{"2402.yaml", MatrixPlan("2402")},
                                                                {"1001.yaml", MatrixPlan("1001")}});
        ASSERT_TRUE(plans) << Describe(plans.error());
    }

    long long AddUser(const std::string& login, Grant grant, bool with_password) {
        auto added = fixture_.Accounts().AddUser(
            Actor::Console(), login, "ผู้ทดสอบ " + login, std::move(grant),
            with_password ? std::optional<std::string>(kPassword) : std::nullopt);
        EXPECT_TRUE(added) << login << ": " << Describe(added.error());
        if (!added) return 0;
        if (!with_password) one_time_[login] = added->one_time_password;
        return added->user.id;
    }

    long long PlanVersion(const std::string& office) {
        auto plan = fixture_.Store().FindPlan(office, 2566);
        return plan ? plan->version : 0;
    }

    long long SchoolVersion(const std::string& code) {
        auto school = fixture_.Store().FindSchool(code);
        return school ? school->version : 0;
    }

    std::vector<Row> Rows() {
        const auto school_body = [this](const Target& target) {
            auto school = fixture_.Store().FindSchool(target.school);
            nlohmann::json body{
                {"version", SchoolVersion(target.school)},
                {"name", school ? school->name : "x"},
                {"district",
                 school && !school->district.empty() ? school->district : std::string("เมือง")},
                {"zone_code", school ? school->zone_code : ""},
                {"level_span", "อนุบาล-ประถมศึกษา"},
                {"active", true}};
            return body.dump();
        };
        return {
            {"GET /api/v1/session", kAllRoleSet, false, true, true, false,
             [](const Target&) { return Call("GET", "/api/v1/session"); }},
            {"POST /api/v1/session", kAllRoleSet, false, true, true, true,
             [](const Target&) {
                 return Call(
                     "POST", "/api/v1/session", {},
                     nlohmann::json{{"login", "matrix.public"}, {"password", kPassword}}.dump());
             }},
            // Signing out without a session ends nothing and says so with 204.
            {"DELETE /api/v1/session", kAllRoleSet, false, true, true, true,
             [](const Target&) { return Call("DELETE", "/api/v1/session"); }},
            // A wrong current password: allowed through, refused as input (400), nothing changed.
            {"POST /api/v1/session/password", kAllRoleSet, false, true, true, false,
             [](const Target&) {
                 return Call(
                     "POST", "/api/v1/session/password", {},
                     R"({"current_password":"not-it-at-all","new_password":"whatever-1234"})");
             }},
            {"GET /api/v1/roles", kAllRoleSet, false, true, false, false,
             [](const Target&) { return Call("GET", "/api/v1/roles"); }},
            {"GET /api/v1/users",
             {Role::kSystemAdmin, Role::kOfficeAdmin},
             false,
             false,
             false,
             false,
             [](const Target& t) {
                 return Call("GET", "/api/v1/users", {{"office", t.office}});
             }},
            {"POST /api/v1/users",
             {Role::kSystemAdmin, Role::kOfficeAdmin},
             false,
             false,
             false,
             false,
             [this](const Target& t) {
                 return Call("POST", "/api/v1/users", {},
                             nlohmann::json{{"login", "new" + std::to_string(++added_)},
                                            {"display_name", "ผู้ใช้ใหม่"},
                                            {"role", "planner"},
                                            {"office", t.office}}
                                 .dump());
             }},
            {"POST /api/v1/users/{id}/password-reset",
             {Role::kSystemAdmin, Role::kOfficeAdmin},
             false,
             false,
             false,
             false,
             [](const Target& t) {
                 return Call("POST",
                             "/api/v1/users/" + std::to_string(t.user_id) + "/password-reset");
             }},
            {"GET /api/v1/offices", kAllRoleSet, false, true, false, false,
             [](const Target&) { return Call("GET", "/api/v1/offices"); }},
            {"GET /api/v1/offices/{office}", kPublishedReaders, false, false, false, false,
             [](const Target& t) { return Call("GET", "/api/v1/offices/" + t.office); }},
            {"GET /api/v1/size-schemes", kAllRoleSet, false, true, false, false,
             [](const Target&) { return Call("GET", "/api/v1/size-schemes"); }},
            {"GET /api/v1/offices/{office}/schools", kSchoolDataReaders, false, false, false, false,
             [](const Target& t) {
                 return Call("GET", "/api/v1/offices/" + t.office + "/schools");
             }},
            {"GET /api/v1/schools/{school}",
             {Role::kSystemAdmin, Role::kOfficeAdmin, Role::kPlanner, Role::kSupervisor,
              Role::kExecutive, Role::kSchoolOfficer},
             true,
             false,
             false,
             false,
             [](const Target& t) { return Call("GET", "/api/v1/schools/" + t.school); }},
            {"PUT /api/v1/schools/{school}",
             {Role::kSystemAdmin, Role::kOfficeAdmin, Role::kPlanner, Role::kSchoolOfficer},
             true,
             false,
             false,
             false,
             [school_body](const Target& t) {
                 return Call("PUT", "/api/v1/schools/" + t.school, {}, school_body(t));
             }},
            {"GET /api/v1/offices/{office}/statistics/{table}", kPublishedReaders, false, false,
             false, false,
             [](const Target& t) {
                 return Call("GET", "/api/v1/offices/" + t.office + "/statistics/table1");
             }},
            {"GET /api/v1/offices/{office}/validation", kSchoolDataReaders, false, false, false,
             false,
             [](const Target& t) {
                 return Call("GET", "/api/v1/offices/" + t.office + "/validation");
             }},
            // An EMIS file of one school, checked only: a school officer may, for their school.
            {"POST /api/v1/offices/{office}/imports/{kind}",
             {Role::kSystemAdmin, Role::kOfficeAdmin, Role::kPlanner, Role::kSchoolOfficer},
             true,
             false,
             false,
             false,
             [this](const Target& t) {
                 return Call("POST", "/api/v1/offices/" + t.office + "/imports/census",
                             {{"round", "2564/2"},
                              {"school", t.school},
                              {"dry_run", "true"},
                              {"filename", "student.csv"}},
                             emis_file_);
             }},
            {"GET /api/v1/offices/{office}/audit",
             {Role::kSystemAdmin, Role::kOfficeAdmin, Role::kExecutive},
             false,
             false,
             false,
             false,
             [](const Target& t) { return Call("GET", "/api/v1/offices/" + t.office + "/audit"); }},
            {"GET /api/v1/frameworks", kAllRoleSet, false, true, false, false,
             [](const Target&) { return Call("GET", "/api/v1/frameworks"); }},
            {"GET /api/v1/offices/{office}/plans", kPublishedReaders, false, false, false, false,
             [](const Target& t) { return Call("GET", "/api/v1/offices/" + t.office + "/plans"); }},
            // A plan file of the office, checked only.
            {"POST /api/v1/offices/{office}/plans", kPlanEditors, false, false, false, false,
             [](const Target& t) {
                 return Call("POST", "/api/v1/offices/" + t.office + "/plans",
                             {{"dry_run", "true"}, {"filename", "plan.yaml"}},
                             MatrixPlan(t.office));
             }},
            {"GET /api/v1/offices/{office}/plans/{year}", kPublishedReaders, false, false, false,
             false,
             [](const Target& t) {
                 return Call("GET", "/api/v1/offices/" + t.office + "/plans/2566");
             }},
            {"GET /api/v1/offices/{office}/plans/{year}/document", kPublishedReaders, false, false,
             false, false,
             [](const Target& t) {
                 return Call("GET", "/api/v1/offices/" + t.office + "/plans/2566/document",
                             {{"format", "csv"}});
             }},
            // The first allowed copy makes the 2567 draft; the next ones are 409 (not refusals).
            {"POST /api/v1/offices/{office}/plans/{year}/copy", kPlanEditors, false, false, false,
             false,
             [](const Target& t) {
                 return Call("POST", "/api/v1/offices/" + t.office + "/plans/2566/copy", {},
                             R"({"to":2567})");
             }},
            {"POST /api/v1/offices/{office}/plans/{year}/edits", kPlanEditors, false, false, false,
             false,
             [this](const Target& t) {
                 return Call("POST", "/api/v1/offices/" + t.office + "/plans/2566/edits", {},
                             nlohmann::json{{"version", PlanVersion(t.office)},
                                            {"edit", "status"},
                                            {"status", "published"}}
                                 .dump());
             }},
            // Group staff may report the KPIs of their own group (แผน, named กลุ่มนโยบายและแผน).
            {"PUT /api/v1/offices/{office}/plans/{year}/results",
             {Role::kSystemAdmin, Role::kOfficeAdmin, Role::kPlanner, Role::kGroupStaff},
             false,
             false,
             false,
             false,
             [this](const Target& t) {
                 return Call("PUT", "/api/v1/offices/" + t.office + "/plans/2566/results", {},
                             nlohmann::json{{"version", PlanVersion(t.office)},
                                            {"key", "kpi-1"},
                                            {"fiscal_year", 2566},
                                            {"round", 6},
                                            {"value", "75.5"}}
                                 .dump());
             }},
            // An office without a census before the rounds ended answers 409, not a refusal.
            {"POST /api/v1/offices/{office}/plans/{year}/compute", kPlanEditors, false, false,
             false, false,
             [this](const Target& t) {
                 return Call(
                     "POST", "/api/v1/offices/" + t.office + "/plans/2566/compute", {},
                     nlohmann::json{
                         {"version", PlanVersion(t.office)}, {"round", 12}, {"replace", true}}
                         .dump());
             }},
        };
    }

    // What the rule says for this caller, row and place.
    static bool Expected(const Caller& caller, const Row& row, Place place) {
        if (caller.anonymous) return row.open_to_anonymous;
        if (caller.must_change) return row.session_endpoint;
        const Role role = *caller.role;
        if (!row.allowed.count(role)) return false;
        if (row.for_anyone_signed_in || role == Role::kSystemAdmin) return true;
        switch (place) {
            case Place::kInScope:
                return true;
            case Place::kSiblingSchool:
                return !(row.school_level && role == Role::kSchoolOfficer);
            case Place::kOtherOffice:
                return false;
        }
        return false;
    }

    // The status of the call made as `caller`, with a session of its own.
    http::Response Send(const Caller& caller, http::Request request) {
        if (!caller.anonymous) {
            const std::string login = caller.must_change
                                          ? "matrix.must-change"
                                          : "matrix." + std::string(RoleName(*caller.role));
            const std::string password = caller.must_change ? one_time_[login] : kPassword;
            auto signed_in = fixture_.Sessions().SignIn(login, password, "127.0.0.1", "matrix");
            EXPECT_TRUE(signed_in) << login << ": " << Describe(signed_in.error());
            if (!signed_in) return http::Response{0, "", "", {}};
            request.headers["cookie"] = std::string(http::kSessionCookie) + "=" + signed_in->token;
            request.headers["x-csrf-token"] = signed_in->session.csrf_token;
        }
        return http::HandleApi(router_, cache_, sessions_, fixture_.Store(), fixture_.Sessions(),
                               {}, std::move(request));
    }

    StoreFixture fixture_{GetParam()};
    http::Router router_;
    http::ResponseCache cache_;
    http::SessionCache sessions_;
    std::string school_a_, school_b_;
    std::map<Place, Target> targets_;
    std::map<std::string, std::string> one_time_;
    std::string emis_file_;
    int added_ = 0;
};

TEST_P(Authorization, EveryEndpointAllowsExactlyWhatEachRoleMayInAndOutOfItsScope) {
    const std::vector<Row> rows = Rows();
    // Every registered route has a row, and every row a route.
    std::set<std::string> routes;
    for (const std::string& route : router_.Routes()) routes.insert(route);
    for (const std::string& route : routes) {
        const bool covered = std::any_of(rows.begin(), rows.end(),
                                         [&](const Row& row) { return row.route == route; });
        EXPECT_TRUE(covered) << "route " << route
                             << " has no row in the authorisation matrix: add one";
    }
    for (const Row& row : rows) {
        EXPECT_TRUE(routes.count(row.route))
            << "the matrix has a row for a route that is gone: " << row.route;
    }

    std::vector<Caller> callers;
    for (Role role : kAllRoles) callers.push_back({std::string(RoleName(role)), role});
    callers.push_back({"anonymous", std::nullopt, true, false});
    callers.push_back({"must-change", std::nullopt, false, true});

    int calls = 0;
    std::vector<std::string> mismatches;
    for (const Row& row : rows) {
        for (const Caller& caller : callers) {
            for (Place place : {Place::kInScope, Place::kSiblingSchool, Place::kOtherOffice}) {
                const http::Response response = Send(caller, row.make(targets_[place]));
                ++calls;
                const bool refused = response.status == 401 || response.status == 403;
                const bool expected = Expected(caller, row, place);
                const char* where = place == Place::kInScope         ? "in scope"
                                    : place == Place::kSiblingSchool ? "sibling school"
                                                                     : "other office";
                if (refused == expected || response.status == 0 || response.status >= 500) {
                    mismatches.push_back(fmt::format("{} as {} ({}): {} {}", row.route, caller.name,
                                                     where, response.status,
                                                     response.body.substr(0, 200)));
                    continue;
                }
                // Refusals say why in the stable error body: 401 for nobody, 403 otherwise.
                if (refused) {
                    const int wanted = caller.anonymous ? 401 : 403;
                    if (response.status != wanted) {
                        mismatches.push_back(fmt::format("{} as {} ({}): {} instead of {}",
                                                         row.route, caller.name, where,
                                                         response.status, wanted));
                    }
                }
            }
        }
    }
    EXPECT_GT(calls, 500);
    for (const std::string& mismatch : mismatches) ADD_FAILURE() << mismatch;
}

INSTANTIATE_TEST_SUITE_P(Engines, Authorization, ::testing::ValuesIn(kEngines),
                         [](const auto& info) { return info.param; });

// The operations of docs/api/openapi.yaml by path ("/offices/{office}" → {"get"}), read line by
// line: a path is a key at two spaces' indent under `paths:`, its operations the method keys at
// four spaces below it, up to the next path or the end of `paths:`.
std::map<std::string, std::set<std::string>> DocumentedOperations(const std::string& yaml) {
    static const std::set<std::string> kMethods = {"get",     "put",  "post",  "delete",
                                                   "options", "head", "patch", "trace"};
    std::map<std::string, std::set<std::string>> operations;
    std::istringstream lines(yaml);
    std::string line;
    bool in_paths = false;
    std::string path;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line.front() == '#') continue;
        if (line.front() != ' ') {  // a top-level key: `paths:` or another section
            in_paths = line == "paths:";
            path.clear();
            continue;
        }
        if (!in_paths) continue;
        if (line.starts_with("  /") && line.ends_with(":")) {
            path = line.substr(2, line.size() - 3);
            operations.emplace(path, std::set<std::string>());
        } else if (line.starts_with("  ") && line[2] != ' ') {
            path.clear();  // another key at the paths' level
        } else if (!path.empty() && line.starts_with("    ") && line[4] != ' ') {
            const auto colon = line.find(':');
            if (colon != std::string::npos && kMethods.count(line.substr(4, colon - 4))) {
                operations[path].insert(line.substr(4, colon - 4));
            }
        }
    }
    return operations;
}

// The API document lists every route the server registers, with its method, and nothing more.
TEST(ApiDocument, ListsEveryRouteWithItsMethods) {
    http::Router router;
    http::RegisterApi(router, []() -> http::ApiServices {
        throw std::logic_error("no handler runs in this test");
    });
    const std::string yaml = ReadAll(SourcePath("docs/api/openapi.yaml"));
    ASSERT_FALSE(yaml.empty()) << "cannot read docs/api/openapi.yaml";
    const auto documented = DocumentedOperations(yaml);
    ASSERT_FALSE(documented.empty()) << "docs/api/openapi.yaml has no paths";

    constexpr std::string_view kPrefix = "/api/v1";
    std::map<std::string, std::set<std::string>> registered;
    for (const std::string& route : router.Routes()) {
        const auto space = route.find(' ');
        ASSERT_NE(space, std::string::npos) << route;
        std::string method = route.substr(0, space);
        for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string path = route.substr(space + 1);
        ASSERT_TRUE(path.starts_with(kPrefix)) << "route outside " << kPrefix << ": " << route;
        path.erase(0, kPrefix.size());
        registered[path].insert(method);

        const auto found = documented.find(path);
        if (found == documented.end()) {
            ADD_FAILURE() << "route " << route << " is missing from docs/api/openapi.yaml: add the"
                          << " path \"" << path << "\" with its \"" << method << "\" operation";
        } else if (!found->second.count(method)) {
            ADD_FAILURE() << "route " << route << " is missing from docs/api/openapi.yaml: the"
                          << " path \"" << path << "\" has no \"" << method << "\" operation";
        }
    }
    EXPECT_GT(registered.size(), 10u);
    for (const auto& [path, methods] : documented) {
        for (const std::string& method : methods) {
            const auto found = registered.find(path);
            EXPECT_TRUE(found != registered.end() && found->second.count(method))
                << "docs/api/openapi.yaml documents " << method << " " << path
                << ", which the server does not register";
        }
    }
}

}  // namespace
}  // namespace khet::testing
