// The JSON API of docs/api/openapi.yaml: in-process through the router over the demo office, and
// once end to end through the real binary over a loopback socket.
#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "http/api.hpp"
#include "http/gate.hpp"
#include "http/router.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/khet_process.hpp"

extern char** environ;

namespace khet::testing {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using Json = nlohmann::json;

constexpr const char* kOffice = "2402";
constexpr const char* kRound = "2564/2";
constexpr const char* kSchool = "1024070191";  // บ้านแหลมตะคร้อ, 35 students in the demo

std::string HeaderOf(const http::Response& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
        if (key == name) return value;
    }
    return "";
}

Json BodyOf(const http::Response& response) {
    return Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
}

/// Checks the stable error body: {"error":{"code","message","fields":[...]}}.
void ExpectErrorBody(const http::Response& response, int status, std::string_view code) {
    EXPECT_EQ(response.status, status) << response.body;
    EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
    Json body = BodyOf(response);
    ASSERT_FALSE(body.is_discarded()) << "not JSON: " << response.body;
    ASSERT_TRUE(body.contains("error")) << response.body;
    EXPECT_EQ(body["error"]["code"], code);
    EXPECT_TRUE(body["error"]["message"].is_string());
    EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
    EXPECT_TRUE(body["error"]["fields"].is_array());
}

class HttpApi : public ::testing::Test {
  protected:
    void SetUp() override {
        fixture_.LoadDemo();
        http::RegisterApi(router_, [this] { return fixture_.Api(); });
        // Everything below runs as a system administrator signed in through the real gate.
        ASSERT_TRUE(fixture_.Accounts().AddUser(Actor::Console(), "root", "ผู้ดูแลระบบ",
                                                {Role::kSystemAdmin, "", "", ""},
                                                "correct-horse-battery"));
        auto signed_in =
            fixture_.Sessions().SignIn("root", "correct-horse-battery", "127.0.0.1", "test");
        ASSERT_TRUE(signed_in) << Describe(signed_in.error());
        token_ = signed_in->token;
        csrf_ = signed_in->session.csrf_token;
    }

    http::Response Send(std::string method, std::string path,
                        std::map<std::string, std::string> query = {}, std::string body = "") {
        http::Request request =
            ApiRequest(std::move(method), std::move(path), std::move(query), std::move(body));
        request.headers["cookie"] = std::string(http::kSessionCookie) + "=" + token_;
        if (request.method != "GET") request.headers["x-csrf-token"] = csrf_;
        return http::HandleApi(router_, cache_, sessions_, fixture_.Store(), fixture_.Sessions(),
                               {}, std::move(request));
    }
    http::Response Get(std::string path, std::map<std::string, std::string> query = {}) {
        return Send("GET", std::move(path), std::move(query));
    }
    http::Response PostImport(std::string kind, std::map<std::string, std::string> query,
                              std::string body, std::string office = kOffice) {
        return Send("POST", "/api/v1/offices/" + office + "/imports/" + kind, std::move(query),
                    std::move(body));
    }

    long long OfficeStudents() {
        Json office = BodyOf(Get("/api/v1/offices/2402"));
        return office["summary"]["students"].get<long long>();
    }
    long long StoredEnrolmentRows() {
        return *fixture_.Store().CountEnrolmentRows(*CensusRound::Parse(kRound));
    }

    StoreFixture fixture_{"sqlite"};
    http::Router router_;
    http::ResponseCache cache_;
    http::SessionCache sessions_;
    std::string token_;
    std::string csrf_;
};

TEST_F(HttpApi, ListsTheOfficesWithCodeAndNames) {
    const auto response = Get("/api/v1/offices");
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
    Json body = BodyOf(response);
    ASSERT_EQ(body["offices"].size(), 1u);
    EXPECT_EQ(body["offices"][0]["code"], kOffice);
    EXPECT_EQ(body["offices"][0]["short_name"], "สพป.ฉะเชิงเทรา เขต 2");
    EXPECT_EQ(body["offices"][0]["name"], "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาฉะเชิงเทรา เขต 2");
}

TEST_F(HttpApi, DescribesAnOfficeWithTheSummaryOfItsLatestRound) {
    const auto response = Get("/api/v1/offices/2402");
    ASSERT_EQ(response.status, 200) << response.body;
    Json body = BodyOf(response);
    EXPECT_EQ(body["code"], kOffice);
    EXPECT_EQ(body["rounds"], Json::array({kRound}));
    EXPECT_EQ(body["districts"].size(), 7u);
    EXPECT_THAT(body["districts"].get<std::vector<std::string>>(), Contains("พนมสารคาม"));
    ASSERT_FALSE(body["zones"].empty());
    for (Json& zone : body["zones"]) {
        EXPECT_TRUE(zone["code"].is_string());
        EXPECT_TRUE(zone["schools"].is_number_integer());
        EXPECT_TRUE(zone["centre_school"]["code"].is_string());
    }
    Json& summary = body["summary"];
    EXPECT_EQ(summary["round"], kRound);
    EXPECT_EQ(summary["round_description"], "ปีการศึกษา 2564 รอบที่ 2 (10 พฤศจิกายน 2564)");
    EXPECT_EQ(summary["students"], 27853);
    EXPECT_EQ(summary["teachers"], 1449);
    EXPECT_EQ(summary["rooms"], 1505);
    EXPECT_EQ(summary["schools"], 145);
    EXPECT_DOUBLE_EQ(summary["teacher_ratio"].get<double>(), 19.22);
    EXPECT_DOUBLE_EQ(summary["room_ratio"].get<double>(), 18.51);
}

TEST_F(HttpApi, ListsTheSizeSchemesWithOpenEndedTopBands) {
    const auto response = Get("/api/v1/size-schemes");
    ASSERT_EQ(response.status, 200);
    Json schemes = BodyOf(response)["schemes"];
    ASSERT_FALSE(schemes.empty());
    const auto seed003 = std::find_if(schemes.begin(), schemes.end(),
                                      [](Json& s) { return s["code"] == "seed003"; });
    ASSERT_NE(seed003, schemes.end());
    Json& bands = (*seed003)["bands"];
    ASSERT_EQ(bands.size(), 4u);
    EXPECT_EQ(bands[0]["min"], 1);
    EXPECT_EQ(bands[0]["max"], 120);
    EXPECT_TRUE(bands[3]["max"].is_null());
}

TEST_F(HttpApi, ListsEverySchoolOfTheOfficeIncludingOtherAffiliations) {
    const auto response = Get("/api/v1/offices/2402/schools", {{"round", kRound}});
    ASSERT_EQ(response.status, 200) << response.body;
    Json schools = BodyOf(response)["schools"];
    ASSERT_EQ(schools.size(), 164u);
    long long students = 0;
    int other_affiliations = 0;
    for (Json& school : schools) {
        for (const char* key : {"code", "smis_code", "name", "district", "zone_code", "zone_name",
                                "affiliation", "level_span", "source", "size_group"}) {
            EXPECT_TRUE(school[key].is_string()) << key << " of " << school.dump();
        }
        for (const char* key : {"students", "male", "female", "rooms", "teachers"}) {
            EXPECT_TRUE(school[key].is_number_integer()) << key << " of " << school.dump();
        }
        EXPECT_TRUE(school["active"].is_boolean());
        students += school["students"].get<long long>();
        if (school["affiliation"] != "สพฐ.") ++other_affiliations;
    }
    EXPECT_EQ(students, 27853);
    EXPECT_EQ(other_affiliations, 15);
}

TEST_F(HttpApi, ShowsASchoolPageWithItsEnrolmentRows) {
    const auto response = Get("/api/v1/schools/1024070191");
    ASSERT_EQ(response.status, 200) << response.body;
    Json body = BodyOf(response);
    EXPECT_EQ(body["round"], kRound);
    EXPECT_EQ(body["school"]["code"], kSchool);
    EXPECT_EQ(body["school"]["name"], "บ้านแหลมตะคร้อ");
    ASSERT_FALSE(body["enrolment"].empty());
    long long students = 0;
    for (Json& row : body["enrolment"]) {
        EXPECT_TRUE(row["grade"].is_string());
        EXPECT_TRUE(row["grade_name"].is_string());
        EXPECT_TRUE(row["rooms"].is_number_integer());
        students += row["male"].get<long long>() + row["female"].get<long long>();
    }
    EXPECT_EQ(students, body["school"]["students"].get<long long>());
    EXPECT_EQ(body["enrolment"][0]["grade"], "อ.2");
    EXPECT_EQ(body["enrolment"][0]["grade_name"], "อนุบาล 2");
    EXPECT_FALSE(body["staff"].empty());
    EXPECT_TRUE(body["staff"][0].contains("position"));
    EXPECT_FALSE(body["degrees"].empty());
    EXPECT_TRUE(body["teacher_ratio"].is_number());
}

TEST_F(HttpApi, Table3TotalRowShowsTheSeedPlansFigures) {
    const auto response =
        Get("/api/v1/offices/2402/statistics/table3", {{"round", kRound}, {"format", "json"}});
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
    Json table = BodyOf(response);
    EXPECT_EQ(table["id"], "table3");
    EXPECT_THAT(table["caption"].get<std::string>(), StartsWith("ตารางที่ 3"));
    EXPECT_EQ(table["columns"][2]["key"], "students");
    EXPECT_EQ(table["columns"][5]["kind"], "ratio");
    EXPECT_THAT(table["provenance"][0].get<std::string>(), HasSubstr("ปีการศึกษา 2564 รอบที่ 2"));
    ASSERT_FALSE(table["rows"].empty());
    Json& total = table["rows"].back();
    EXPECT_EQ(total["role"], "total");
    std::vector<std::string> texts;
    for (Json& cell : total["cells"]) texts.push_back(cell["text"]);
    EXPECT_THAT(texts, Contains("27,853"));
    EXPECT_THAT(texts, Contains("1:19.22"));
    EXPECT_EQ(total["cells"][2]["value"], 27853);
}

// 691 students / 40 teachers = 17.275 exactly, which a double holds as 17.27499…: the JSON value
// must round as the text does ("1:17.28"), or a chart and its table disagree.
TEST_F(HttpApi, RatioValuesAgreeWithTheirText) {
    Json table = BodyOf(Get("/api/v1/offices/2402/statistics/table3"));
    int ratios = 0;
    for (Json& row : table["rows"]) {
        for (std::size_t c = 0; c < row["cells"].size(); ++c) {
            Json& cell = row["cells"][c];
            if (table["columns"][c]["kind"] != "ratio" || cell["value"].is_null()) continue;
            char expected[32];
            std::snprintf(expected, sizeof expected, "1:%.2f", cell["value"].get<double>());
            EXPECT_EQ(cell["text"], expected) << row.dump();
            ++ratios;
        }
    }
    EXPECT_EQ(ratios, 16);
}

TEST_F(HttpApi, ServesEveryStatisticsTableAsJson) {
    for (const char* id : {"table1", "table2", "table3", "table4", "table6", "table7", "table8"}) {
        const auto response = Get(std::string("/api/v1/offices/2402/statistics/") + id);
        ASSERT_EQ(response.status, 200) << id << ": " << response.body;
        Json table = BodyOf(response);
        EXPECT_EQ(table["id"], id);
        EXPECT_FALSE(table["rows"].empty()) << id;
        for (Json& row : table["rows"]) {
            EXPECT_EQ(row["cells"].size(), table["columns"].size()) << id;
        }
    }
    const auto obec7 = Get("/api/v1/offices/2402/statistics/table2", {{"scheme", "obec7"}});
    EXPECT_EQ(obec7.status, 200) << obec7.body;
}

TEST_F(HttpApi, ListsValidationWarningsWithRuleMessageAndFigures) {
    const auto response = Get("/api/v1/offices/2402/validation", {{"round", kRound}});
    ASSERT_EQ(response.status, 200) << response.body;
    Json warnings = BodyOf(response)["warnings"];
    ASSERT_FALSE(warnings.empty());
    std::vector<std::string> rules;
    for (Json& warning : warnings) {
        rules.push_back(warning["rule"]);
        EXPECT_TRUE(warning["message"].is_string());
        EXPECT_TRUE(warning["figures"].is_object());
    }
    EXPECT_THAT(rules, Contains("duplicate_school"));
}

TEST_F(HttpApi, AnswersUnknownOfficeTableSchoolOrPathWith404) {
    ExpectErrorBody(Get("/api/v1/offices/9999"), 404, "not_found");
    ExpectErrorBody(Get("/api/v1/offices/9999/schools"), 404, "not_found");
    ExpectErrorBody(Get("/api/v1/offices/9999/statistics/table3"), 404, "not_found");
    ExpectErrorBody(Get("/api/v1/offices/9999/validation"), 404, "not_found");
    ExpectErrorBody(Get("/api/v1/offices/2402/statistics/table5"), 404, "not_found");
    ExpectErrorBody(Get("/api/v1/offices/2402/statistics/table2", {{"scheme", "nope"}}), 404,
                    "not_found");
    ExpectErrorBody(Get("/api/v1/schools/1099999999"), 404, "not_found");
    ExpectErrorBody(Get("/api/v1/nothing-here"), 404, "not_found");
    EXPECT_THAT(BodyOf(Get("/api/v1/offices/2402/statistics/table5"))["error"]["message"]
                    .get<std::string>(),
                HasSubstr("table5"));
}

TEST_F(HttpApi, RefusesAMalformedRoundWith400NamingTheRoundField) {
    const std::map<std::string, std::string> bad{{"round", "2564/9"}};
    for (const char* path :
         {"/api/v1/offices/2402/schools", "/api/v1/schools/1024070191",
          "/api/v1/offices/2402/statistics/table3", "/api/v1/offices/2402/validation"}) {
        SCOPED_TRACE(path);
        const auto response = Get(path, bad);
        ExpectErrorBody(response, 400, "invalid_argument");
        Json fields = BodyOf(response)["error"]["fields"];
        ASSERT_EQ(fields.size(), 1u);
        EXPECT_EQ(fields[0]["field"], "round");
        EXPECT_THAT(fields[0]["message"].get<std::string>(), HasSubstr("9"));
    }
    const auto import = PostImport("census", bad, "school_code,grade,male,female,rooms\n");
    ExpectErrorBody(import, 400, "invalid_argument");
    EXPECT_EQ(BodyOf(import)["error"]["fields"][0]["field"], "round");
}

TEST_F(HttpApi, AnswersAWrongMethodWith405AndTheAllowedMethods) {
    const auto del = Send("DELETE", "/api/v1/offices");
    ExpectErrorBody(del, 405, "invalid_argument");
    EXPECT_EQ(HeaderOf(del, "Allow"), "GET, HEAD");
    const auto post = Send("POST", "/api/v1/offices/2402");
    ExpectErrorBody(post, 405, "invalid_argument");
    const auto get = Get("/api/v1/offices/2402/imports/census");
    ExpectErrorBody(get, 405, "invalid_argument");
    EXPECT_EQ(HeaderOf(get, "Allow"), "POST");
}

TEST_F(HttpApi, AnswersHeadLikeGet) {
    const auto response = Send("HEAD", "/api/v1/offices");
    EXPECT_EQ(response.status, 200);
}

TEST_F(HttpApi, DownloadsATableAsCsvXlsxOrPdfUnderAnAsciiFileName) {
    struct Case {
        std::string format, content_type, magic;
    };
    const std::vector<Case> cases = {
        {"csv", "text/csv; charset=utf-8", "\xEF\xBB\xBF"},
        {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK"},
        {"pdf", "application/pdf", "%PDF"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.format);
        const auto response = Get("/api/v1/offices/2402/statistics/table3", {{"format", c.format}});
        ASSERT_EQ(response.status, 200) << response.body.substr(0, 300);
        EXPECT_EQ(response.content_type, c.content_type);
        const std::string disposition = HeaderOf(response, "Content-Disposition");
        EXPECT_EQ(disposition, "attachment; filename=\"table3-2402-2564-2." + c.format + "\"");
        EXPECT_TRUE(std::all_of(disposition.begin(), disposition.end(),
                                [](unsigned char ch) { return ch >= 0x20 && ch < 0x7F; }));
        EXPECT_THAT(response.body, StartsWith(c.magic));
    }
    const auto csv = Get("/api/v1/offices/2402/statistics/table3", {{"format", "csv"}});
    EXPECT_THAT(csv.body, HasSubstr("27853"));
}

TEST_F(HttpApi, RefusesAnUnknownDownloadFormat) {
    const auto response = Get("/api/v1/offices/2402/statistics/table3", {{"format", "docx"}});
    ExpectErrorBody(response, 400, "invalid_argument");
    EXPECT_EQ(BodyOf(response)["error"]["fields"][0]["field"], "format");
}

// A path or parameter that is not UTF-8 comes back in the error message; the body must still be
// JSON, not an exception that ends the server.
TEST_F(HttpApi, AnswersBytesThatAreNotUtf8WithAJsonError) {
    ExpectErrorBody(Get("/api/v1/schools/\xFF\xFE"), 404, "not_found");
    ExpectErrorBody(Get("/api/v1/nothing/\xC3"), 404, "not_found");
    ExpectErrorBody(Get("/api/v1/offices/2402/statistics/table3", {{"round", "\xFF"}}), 400,
                    "invalid_argument");
    ExpectErrorBody(Get("/api/v1/offices/2402/statistics/table3", {{"format", "\xFF"}}), 400,
                    "invalid_argument");
    ExpectErrorBody(PostImport("census", {{"round", kRound}, {"filename", "\xFF.csv"}}, ""), 400,
                    "invalid_argument");
}

TEST_F(HttpApi, DryRunOfABadCensusFileNamesRowAndColumnAndWritesNothing) {
    const long long before = StoredEnrolmentRows();
    const auto response =
        PostImport("census", {{"round", kRound}, {"dry_run", "true"}, {"filename", "c.csv"}},
                   "school_code,grade,male,female,rooms\n"
                   "1024070191,ป.1,12,10,1\n"
                   "1024070191,ป.2,-3,4,1\n");
    ExpectErrorBody(response, 400, "invalid_argument");
    Json fields = BodyOf(response)["error"]["fields"];
    ASSERT_EQ(fields.size(), 1u);
    EXPECT_EQ(fields[0]["field"], "c.csv:row 3:male");
    EXPECT_EQ(fields[0]["row"], 3);
    EXPECT_EQ(fields[0]["column"], "male");
    EXPECT_THAT(fields[0]["message"].get<std::string>(), HasSubstr("ติดลบ"));
    EXPECT_EQ(StoredEnrolmentRows(), before);
    EXPECT_EQ(OfficeStudents(), 27853);
}

TEST_F(HttpApi, DryRunOfAGoodFileReportsWhatWouldBeWrittenAndWritesNothing) {
    const long long before = StoredEnrolmentRows();
    const auto response =
        PostImport("census", {{"round", kRound}, {"dry_run", "true"}, {"filename", "c.csv"}},
                   "school_code,grade,male,female,rooms\n1024070191,ป.1,12,10,1\n");
    ASSERT_EQ(response.status, 200) << response.body;
    Json summary = BodyOf(response);
    EXPECT_EQ(summary["dry_run"], true);
    EXPECT_EQ(summary["rows"], 1);
    EXPECT_EQ(StoredEnrolmentRows(), before);
}

TEST_F(HttpApi, ImportReplacesTheRoundForEverySchoolOfTheOffice) {
    const auto response =
        PostImport("census", {{"round", kRound}, {"dry_run", "false"}, {"filename", "c.csv"}},
                   "รหัสโรงเรียน,ชั้น,ชาย,หญิง,ห้องเรียน\n1024070191,ป.1,12,10,1\n");
    ASSERT_EQ(response.status, 200) << response.body;
    Json summary = BodyOf(response);
    EXPECT_EQ(summary["kind"], "census");
    EXPECT_EQ(summary["source"], "c.csv");
    EXPECT_EQ(summary["format"], "flat");
    EXPECT_EQ(summary["dry_run"], false);
    EXPECT_EQ(summary["rows"], 1);
    EXPECT_EQ(summary["schools"], 1);
    EXPECT_TRUE(summary["notes"].is_array());

    EXPECT_EQ(StoredEnrolmentRows(), 1);
    EXPECT_EQ(OfficeStudents(), 22);  // the schools left out of the file have no rows now
    Json school = BodyOf(Get("/api/v1/schools/1024070191"));
    ASSERT_EQ(school["enrolment"].size(), 1u);
    EXPECT_EQ(school["enrolment"][0]["grade"], "ป.1");
    EXPECT_EQ(school["enrolment"][0]["male"], 12);
}

TEST_F(HttpApi, ImportWithoutDryRunWrites) {
    const auto response = PostImport("census", {{"round", kRound}},
                                     "school_code,grade,male,female,rooms\n1024070191,ป.1,1,1,1\n");
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(StoredEnrolmentRows(), 1);
}

TEST_F(HttpApi, RefusesACensusRowOfASchoolOfAnotherOffice) {
    auto other = fixture_.Imports().ImportSchools(
        CsvSheet("other.csv", "school_code,name,office_code\n1099000001,โรงเรียนเขตอื่น,9901\n"),
        StoreFixture::ConsoleImport());
    ASSERT_TRUE(other) << Describe(other.error());
    const long long before = StoredEnrolmentRows();
    const auto response = PostImport("census", {{"round", kRound}, {"filename", "c.csv"}},
                                     "school_code,grade,male,female,rooms\n"
                                     "1024070191,ป.1,12,10,1\n"
                                     "1099000001,ป.1,5,5,1\n");
    ExpectErrorBody(response, 400, "invalid_argument");
    Json fields = BodyOf(response)["error"]["fields"];
    ASSERT_EQ(fields.size(), 1u);
    EXPECT_EQ(fields[0]["row"], 3);
    EXPECT_EQ(fields[0]["column"], "school_code");
    EXPECT_THAT(fields[0]["message"].get<std::string>(),
                AllOf(HasSubstr("9901"), HasSubstr("2402")));
    EXPECT_EQ(StoredEnrolmentRows(), before);
}

TEST_F(HttpApi, ImportsTheObecListOnlyForTheOfficeOfThePath) {
    const std::string list =
        "obec_province_no\tprovince\trow_no\tarea_code\tarea_name\tsmis_code_8\tschool_id_10\t"
        "school_name\tlevel_span\n"
        "1\tกรุงเทพมหานคร\t1\t1001\tสพป.กรุงเทพมหานคร\t10010001\t1010720019\tวัดชนะสงคราม\t"
        "อนุบาล-ประถมศึกษา\n"
        "24\tฉะเชิงเทรา\t2\t2402\tสพป.ฉะเชิงเทรา เขต 2\t24020023\t1024070191\tบ้านแหลมตะคร้อ\t"
        "อนุบาล-ประถมศึกษา\n";
    const auto response = PostImport("schools", {{"filename", "obec.tsv"}}, list);
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(BodyOf(response)["format"], "obec-list");
    EXPECT_EQ(BodyOf(response)["rows"], 1);
    EXPECT_EQ(BodyOf(Get("/api/v1/offices"))["offices"].size(), 1u);
    ExpectErrorBody(Get("/api/v1/offices/1001"), 404, "not_found");
}

TEST_F(HttpApi, RefusesADryRunValueOtherThanTrueOrFalse) {
    const auto response = PostImport("census", {{"round", kRound}, {"dry_run", "1"}},
                                     "school_code,grade,male,female,rooms\n1024070191,ป.1,1,1,1\n");
    ExpectErrorBody(response, 400, "invalid_argument");
    EXPECT_EQ(BodyOf(response)["error"]["fields"][0]["field"], "dry_run");
    EXPECT_EQ(OfficeStudents(), 27853);
}

TEST_F(HttpApi, RefusesAnUnknownImportKindAndAnImportWithoutARound) {
    const std::string csv = "school_code,grade,male,female,rooms\n1024070191,ป.1,1,1,1\n";
    const auto kind = PostImport("pupils", {{"round", kRound}}, csv);
    ExpectErrorBody(kind, 400, "invalid_argument");
    EXPECT_THAT(BodyOf(kind)["error"]["message"].get<std::string>(), HasSubstr("pupils"));
    const auto no_round = PostImport("census", {}, csv);
    ExpectErrorBody(no_round, 400, "invalid_argument");
    ExpectErrorBody(PostImport("census", {{"round", kRound}}, csv, "9999"), 404, "not_found");
    EXPECT_EQ(OfficeStudents(), 27853);
}

// docs/SECURITY.md: behind a proxy, an X-Forwarded-For of 10,000 characters was stored as the
// client's address in every audit entry; only an address is taken.
TEST_F(HttpApi, BehindAProxyTakesOnlyAnAddressFromXForwardedFor) {
    const auto edit = [&](const std::string& forwarded) {
        const Json school = BodyOf(Get(std::string("/api/v1/schools/") + kSchool))["school"];
        http::Request request = ApiRequest("PUT", std::string("/api/v1/schools/") + kSchool, {},
                                           Json{{"version", school["version"]},
                                                {"name", school["name"]},
                                                {"district", school["district"]},
                                                {"zone_code", school["zone_code"]},
                                                {"level_span", school["level_span"]}}
                                               .dump());
        request.headers["cookie"] = std::string(http::kSessionCookie) + "=" + token_;
        request.headers["x-csrf-token"] = csrf_;
        request.headers["x-forwarded-for"] = forwarded;
        const http::Response saved = http::HandleApi(router_, cache_, sessions_, fixture_.Store(),
                                                     fixture_.Sessions(), {true, false}, request);
        EXPECT_EQ(saved.status, 200) << saved.body;
        const Json audit = BodyOf(Get("/api/v1/offices/2402/audit", {{"entity", "school"}}));
        return audit["entries"][0]["address"].get<std::string>();
    };
    EXPECT_EQ(edit("10.0.0.7, 203.0.113.9"), "203.0.113.9");
    EXPECT_EQ(edit("2001:db8::1"), "2001:db8::1");
    EXPECT_EQ(edit("1.2.3.4, " + std::string(10'000, 'a')), "127.0.0.1");
    EXPECT_EQ(edit("<script>"), "127.0.0.1");
}

// ---------------------------------------------------------------------------------------------
// End to end: the real `khet serve` on a loopback port.

TEST(HttpServer, ServesTheApiOnLoopbackAndExitsCleanlyOnSigterm) {
    const TempDir folder;
    const auto database = folder.File("k.db").string();
    const auto log = folder.File("khet.log");
    {
        KhetProcess demo({"demo", "--db", database, "--school-list",
                          SourcePath("data/demo/obec_schools_2402.tsv").string(), "--accounts-file",
                          folder.File("accounts.json").string()},
                         log);
        const auto status = demo.WaitFor(std::chrono::seconds(60));
        ASSERT_TRUE(status && WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << ReadText(log);
    }
    ServerProcess started = StartServer(database, folder.Path(), log, {"--threads", "2"});
    ASSERT_GT(started.port, 0) << "serve did not come up:\n" << ReadText(log);
    KhetProcess& server = *started.process;
    const int port = started.port;

    {  // without a session the API answers 401 and nothing else
        Connection anonymous(port);
        ASSERT_TRUE(anonymous.Send(GetRequest("/api/v1/offices", true)));
        const HttpReply reply = anonymous.Read();
        EXPECT_EQ(reply.status, 401) << reply.body;
        EXPECT_EQ(Json::parse(reply.body)["error"]["code"], "unauthenticated");
    }
    std::string failure;
    const auto session = SignInOverHttp(
        port, "admin.2402", DemoPassword(folder.File("accounts.json"), "admin.2402"), &failure);
    ASSERT_TRUE(session) << failure;
    EXPECT_THAT(session->cookie, StartsWith("khet_session="));
    const auto get = [&](std::string_view target, bool close = false) {
        return SessionRequest(*session, "GET", target, "", close);
    };

    // Two requests on one keep-alive connection, then a third that asks to close it.
    Connection keep_alive(port);
    ASSERT_TRUE(keep_alive.Connected());
    ASSERT_TRUE(keep_alive.Send(get("/api/v1/offices")));
    const HttpReply offices = keep_alive.Read();
    ASSERT_EQ(offices.status, 200) << offices.body;
    EXPECT_EQ(offices.Header("content-type"), "application/json; charset=utf-8");
    EXPECT_EQ(Json::parse(offices.body)["offices"][0]["code"], kOffice);
    EXPECT_THAT(offices.Header("content-security-policy"), HasSubstr("default-src 'self'"));
    EXPECT_EQ(offices.Header("x-content-type-options"), "nosniff");
    EXPECT_EQ(offices.Header("x-frame-options"), "DENY");
    EXPECT_EQ(offices.Header("cache-control"), "no-store") << "a user's data is not kept";

    ASSERT_TRUE(keep_alive.Send(get("/api/v1/offices/2402")));
    const HttpReply office = keep_alive.Read();
    ASSERT_EQ(office.status, 200) << office.body;
    EXPECT_EQ(Json::parse(office.body)["summary"]["students"], 27853);
    EXPECT_EQ(office.Header("cache-control"), "no-store");

    ASSERT_TRUE(keep_alive.Send(get("/api/v1/offices/2402/statistics/table3", true)));
    const HttpReply table = keep_alive.Read();
    ASSERT_EQ(table.status, 200);
    EXPECT_EQ(table.Header("connection"), "close");
    EXPECT_THAT(table.body, HasSubstr("1:19.22"));
    EXPECT_TRUE(keep_alive.ClosedByServer());

    {  // the page shown when web/dist is absent carries the same headers as the API
        Connection page(port);
        ASSERT_TRUE(page.Send(GetRequest("/", true)));
        const HttpReply reply = page.Read();
        EXPECT_EQ(reply.status, 200);
        EXPECT_THAT(reply.Header("content-type"), StartsWith("text/html"));
        EXPECT_THAT(reply.Header("content-security-policy"), HasSubstr("default-src 'self'"));
        EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff");
    }
    {  // a 404 whose message repeats bytes that are not UTF-8 must not end the server
        Connection bad(port);
        ASSERT_TRUE(bad.Send(get("/api/v1/schools/%FF%FE", true)));
        const HttpReply reply = bad.Read();
        EXPECT_EQ(reply.status, 404);
        EXPECT_FALSE(Json::parse(reply.body, nullptr, false).is_discarded()) << reply.body;
    }
    {  // 2 MB that is no spreadsheet: read whole, refused as a file, nothing written
        std::string garbage(2 * 1024 * 1024, '\0');
        std::uint32_t state = 12345;
        for (char& c : garbage) {
            state = state * 1664525u + 1013904223u;
            c = static_cast<char>(0x80 | (state >> 24));
        }
        Connection post(port);
        ASSERT_TRUE(post.Send(fmt::format(
            "POST /api/v1/offices/2402/imports/census?round=2564/2&filename=junk.csv HTTP/1.1\r\n"
            "Host: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nCookie: {}\r\n"
            "X-CSRF-Token: {}\r\nContent-Length: {}\r\n\r\n",
            session->cookie, session->csrf, garbage.size())));
        ASSERT_TRUE(post.Send(garbage));
        const HttpReply reply = post.Read();
        EXPECT_EQ(reply.status, 400) << reply.body;
        Json body = Json::parse(reply.body, nullptr, false);
        ASSERT_FALSE(body.is_discarded()) << reply.body;
        EXPECT_EQ(body["error"]["code"], "invalid_argument");
        EXPECT_THAT(body["error"]["message"].get<std::string>(), HasSubstr("junk.csv"));
    }
    {  // a body announced over 64 MB is refused from its header, before any of it is sent
        Connection huge(port);
        ASSERT_TRUE(
            huge.Send("POST /api/v1/offices/2402/imports/census?round=2564/2 HTTP/1.1\r\n"
                      "Host: 127.0.0.1\r\nContent-Length: 67108865\r\n\r\n"));
        const HttpReply reply = huge.Read();
        EXPECT_EQ(reply.status, 413);
        Json body = Json::parse(reply.body, nullptr, false);
        ASSERT_FALSE(body.is_discarded()) << reply.body;
        EXPECT_EQ(body["error"]["code"], "invalid_argument");
        EXPECT_FALSE(reply.Header("content-security-policy").empty());
        EXPECT_TRUE(huge.ClosedByServer());
    }
    {  // headers over 16 KB are answered, with the security headers, before the connection closes
        Connection bloated(port);
        ASSERT_TRUE(bloated.Send("GET /api/v1/offices HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Junk: " +
                                 std::string(20 * 1024, 'a') + "\r\n\r\n"));
        const HttpReply reply = bloated.Read();
        EXPECT_EQ(reply.status, 431);
        Json body = Json::parse(reply.body, nullptr, false);
        ASSERT_FALSE(body.is_discarded()) << reply.body;
        EXPECT_EQ(body["error"]["code"], "invalid_argument");
        EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff");
        EXPECT_TRUE(bloated.ClosedByServer());
    }
    // Still serving after all of the above, and stopping while a keep-alive connection is idle.
    Connection idle(port);
    ASSERT_TRUE(idle.Send(get("/api/v1/size-schemes")));
    ASSERT_EQ(idle.Read().status, 200);

    ASSERT_EQ(::kill(server.Pid(), SIGTERM), 0);
    const auto status = server.WaitFor(std::chrono::seconds(10));
    ASSERT_TRUE(status) << "still running 10 s after SIGTERM:\n" << ReadText(log);
    EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << DescribeExit(*status) << "\n"
                                                                 << ReadText(log);
}

}  // namespace
}  // namespace khet::testing
