// Sessions, sign-in throttling, CSRF, the audit trail and versioned edits, on both engines.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/api.hpp"
#include "http/gate.hpp"
#include "tests/support/fixtures.hpp"

namespace khet::testing {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

constexpr const char* kPassword = "correct-horse-1";

class SessionsAndAudit : public ::testing::TestWithParam<std::string> {
  protected:
    void SetUp() override {
        fixture_.LoadDemo();
        http::RegisterApi(router_, [this] { return fixture_.Api(); });
        ASSERT_TRUE(fixture_.Accounts().AddUser(Actor::Console(), "admin", "นางสาวสมศรี ดูแลดี",
                                                {Role::kOfficeAdmin, "2402", "", ""}, kPassword));
        ASSERT_TRUE(fixture_.Accounts().AddUser(Actor::Console(), "planner", "นายวางแผน รอบคอบ",
                                                {Role::kPlanner, "2402", "", ""}, kPassword));
        auto schools = fixture_.Store().Schools("2402");
        ASSERT_TRUE(schools);
        school_ = schools->front().code;
    }

    long long Count(const std::string& sql) {
        auto query = fixture_.Store().Connection().Prepare(sql);
        EXPECT_TRUE(query);
        auto stepped = (*query)->Step();
        EXPECT_TRUE(stepped && *stepped);
        return (*query)->Int(0);
    }

    SignedIn SignIn(const std::string& login) {
        auto signed_in = fixture_.Sessions().SignIn(login, kPassword, "10.0.0.7", "test");
        EXPECT_TRUE(signed_in) << Describe(signed_in.error());
        return signed_in ? *signed_in : SignedIn{};
    }

    http::Response Send(http::Request request, const SignedIn* session, bool with_csrf = true,
                        http::GateOptions options = {}) {
        request.remote_address = "10.0.0.7";
        if (session) {
            request.headers["cookie"] = "theme=dark; khet_session=" + session->token;
            if (with_csrf) request.headers["x-csrf-token"] = session->session.csrf_token;
        }
        return http::HandleApi(router_, cache_, sessions_, fixture_.Store(), fixture_.Sessions(),
                               options, std::move(request));
    }

    static http::Request Put(const std::string& path, Json body) {
        http::Request request;
        request.method = "PUT";
        request.path = path;
        request.body = body.dump();
        return request;
    }

    Json EditOf(const School& school, const std::string& name) {
        return {{"version", school.version},       {"name", name},
                {"district", school.district},     {"zone_code", school.zone_code},
                {"level_span", school.level_span}, {"active", school.active}};
    }

    StoreFixture fixture_{GetParam()};
    http::Router router_;
    http::ResponseCache cache_;
    http::SessionCache sessions_;
    std::string school_;
};

TEST_P(SessionsAndAudit, KeepsOnlyTheHashOfTheTokenAndEndsIdleAndOldSessions) {
    const SignedIn signed_in = SignIn("admin");
    EXPECT_EQ(signed_in.token.size(), 43u);  // 256 bits, URL-safe base64
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sessions WHERE token_hash = '" + signed_in.token + "'"),
              0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sessions"), 1);
    ASSERT_TRUE(fixture_.Sessions().Resume(signed_in.token));

    FakeClock& clock = fixture_.Clock();
    const auto policy = fixture_.Sessions().Policy();
    // Used every hour it stays alive, up to its absolute end.
    for (std::int64_t spent = 3600; spent < policy.absolute_seconds; spent += 3600) {
        clock.now += 3600;
        ASSERT_TRUE(fixture_.Sessions().Resume(signed_in.token)) << spent;
    }
    clock.now += 3600;
    auto too_old = fixture_.Sessions().Resume(signed_in.token);
    ASSERT_FALSE(too_old);
    EXPECT_EQ(too_old.error().code, ErrorCode::kUnauthenticated);

    const SignedIn idle = SignIn("admin");
    clock.now += policy.idle_seconds + 1;
    auto ended = fixture_.Sessions().Resume(idle.token);
    ASSERT_FALSE(ended);
    EXPECT_EQ(ended.error().code, ErrorCode::kUnauthenticated);
}

TEST_P(SessionsAndAudit, LocksALoginOutWithBackOffAndLogsEveryAttempt) {
    FakeClock& clock = fixture_.Clock();
    for (int i = 0; i < 5; ++i) {
        auto wrong = fixture_.Sessions().SignIn("admin", "wrong-password", "10.0.0.7", "t");
        ASSERT_FALSE(wrong);
        EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
        clock.now += 1;
    }
    // Even the right password waits out the lock, and is told until when.
    auto locked = fixture_.Sessions().SignIn("admin", kPassword, "10.0.0.7", "t");
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().code, ErrorCode::kTooManyRequests);
    EXPECT_THAT(locked.error().message, HasSubstr("ลองใหม่ได้หลัง"));
    // Another user from another address is not held up.
    EXPECT_TRUE(fixture_.Sessions().SignIn("planner", kPassword, "10.0.0.8", "t"));

    clock.now += 60;  // the locked attempt itself counted: 6 failures lock for 60 s
    EXPECT_TRUE(fixture_.Sessions().SignIn("admin", kPassword, "10.0.0.7", "t"));
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sign_in_attempts WHERE login = 'admin'"), 7);
    EXPECT_EQ(
        Count("SELECT COUNT(*) FROM sign_in_attempts WHERE login = 'admin' AND succeeded = 1"), 1);
    // After a success the count starts again.
    EXPECT_FALSE(fixture_.Sessions().SignIn("admin", "wrong-password", "10.0.0.7", "t"));
    EXPECT_TRUE(fixture_.Sessions().SignIn("admin", kPassword, "10.0.0.7", "t"));
}

TEST_P(SessionsAndAudit, LocksAnAddressThatTriesManyLogins) {
    for (int i = 0; i < 20; ++i) {
        EXPECT_FALSE(fixture_.Sessions().SignIn("nobody" + std::to_string(i), "x-password-1",
                                                "10.9.9.9", "t"));
    }
    auto locked = fixture_.Sessions().SignIn("admin", kPassword, "10.9.9.9", "t");
    ASSERT_FALSE(locked);
    EXPECT_EQ(locked.error().code, ErrorCode::kTooManyRequests);
    EXPECT_TRUE(fixture_.Sessions().SignIn("admin", kPassword, "10.0.0.7", "t"));
}

TEST_P(SessionsAndAudit, TheGateRefusesAChangeWithoutTheSessionsCsrfTokenOrFromAnotherSite) {
    const SignedIn session = SignIn("admin");
    auto school = fixture_.Store().FindSchool(school_);
    ASSERT_TRUE(school);
    const auto put = Put("/api/v1/schools/" + school_, EditOf(*school, "ชื่อใหม่"));

    auto without = Send(put, &session, /*with_csrf=*/false);
    EXPECT_EQ(without.status, 403) << without.body;
    EXPECT_EQ(Json::parse(without.body)["error"]["fields"][0]["field"], "X-CSRF-Token");
    http::Request foreign = put;
    foreign.headers["origin"] = "https://evil.example";
    foreign.headers["host"] = "khet.example";
    EXPECT_EQ(Send(foreign, &session).status, 403);
    EXPECT_EQ(fixture_.Store().FindSchool(school_)->name, school->name);  // nothing written

    http::Request same_site = put;
    same_site.headers["origin"] = "https://khet.example";
    same_site.headers["host"] = "khet.example";
    EXPECT_EQ(Send(same_site, &session).status, 200);
    EXPECT_EQ(fixture_.Store().FindSchool(school_)->name, "ชื่อใหม่");
}

TEST_P(SessionsAndAudit, CookiesAreHttpOnlyLaxAndSecureBehindATlsProxy) {
    http::Request sign_in;
    sign_in.method = "POST";
    sign_in.path = "/api/v1/session";
    sign_in.body = Json{{"login", "ADMIN"}, {"password", kPassword}}.dump();
    auto plain = Send(sign_in, nullptr);
    ASSERT_EQ(plain.status, 200) << plain.body;
    std::string cookie;
    for (const auto& [name, value] : plain.headers) {
        if (name == "Set-Cookie") cookie = value;
    }
    EXPECT_THAT(cookie, HasSubstr("HttpOnly"));
    EXPECT_THAT(cookie, HasSubstr("SameSite=Lax"));
    EXPECT_THAT(cookie, ::testing::Not(HasSubstr("Secure")));
    const Json session = Json::parse(plain.body);
    EXPECT_EQ(session["user"]["login"], "admin");
    EXPECT_EQ(session["offices"][0]["code"], "2402");
    EXPECT_EQ(session["offices"][0]["permissions"].size(),
              8u);  // an office administrator: all of them

    sign_in.headers["x-forwarded-proto"] = "https";
    sign_in.headers["x-forwarded-for"] = "203.0.113.9, 10.0.0.1";
    auto proxied = Send(sign_in, nullptr, true, http::GateOptions{.trust_proxy = true});
    ASSERT_EQ(proxied.status, 200);
    bool secure = false;
    for (const auto& [name, value] : proxied.headers) {
        if (name == "Set-Cookie") secure = value.find("; Secure") != std::string::npos;
    }
    EXPECT_TRUE(secure);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM sign_in_attempts WHERE address = '10.0.0.1'"), 1);
    // Without trusting the proxy, its headers are ignored.
    auto untrusted = Send(sign_in, nullptr);
    for (const auto& [name, value] : untrusted.headers) {
        if (name == "Set-Cookie") {
            EXPECT_EQ(value.find("; Secure"), std::string::npos);
        }
    }
}

TEST_P(SessionsAndAudit, AnEditIsAuditedWithBeforeAndAfterAndAStaleOneIsAConflictNamingWhoAndWhen) {
    const SignedIn admin = SignIn("admin");
    const SignedIn planner = SignIn("planner");
    auto school = fixture_.Store().FindSchool(school_);
    ASSERT_TRUE(school);
    const long long audit_rows = Count("SELECT COUNT(*) FROM audit_log");

    auto first = Send(Put("/api/v1/schools/" + school_, EditOf(*school, "โรงเรียนชื่อใหม่")), &admin);
    ASSERT_EQ(first.status, 200) << first.body;
    const Json saved = Json::parse(first.body)["school"];
    EXPECT_EQ(saved["version"], school->version + 1);
    EXPECT_EQ(saved["updated_by"], "นางสาวสมศรี ดูแลดี");
    EXPECT_THAT(saved["updated_at"].get<std::string>(), HasSubstr("+07:00"));

    // The planner loaded the school before the admin saved: their save must not overwrite.
    auto stale =
        Send(Put("/api/v1/schools/" + school_, EditOf(*school, "ชื่อของนักวางแผน")), &planner);
    ASSERT_EQ(stale.status, 409) << stale.body;
    const Json conflict = Json::parse(stale.body)["error"];
    EXPECT_EQ(conflict["code"], "conflict");
    EXPECT_THAT(conflict["message"].get<std::string>(), HasSubstr("นางสาวสมศรี ดูแลดี"));
    EXPECT_THAT(conflict["message"].get<std::string>(), HasSubstr(" น."));
    EXPECT_EQ(conflict["current"]["name"], "โรงเรียนชื่อใหม่");
    EXPECT_EQ(conflict["current"]["version"], school->version + 1);
    EXPECT_EQ(fixture_.Store().FindSchool(school_)->name, "โรงเรียนชื่อใหม่");

    // One audit entry for the one write; none for the refused one.
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), audit_rows + 1);
    auto entries = fixture_.Audit().Entries(
        Actor::Console(), AuditFilter{.office_code = "2402", .action = "school.update"});
    ASSERT_TRUE(entries) << Describe(entries.error());
    ASSERT_EQ(entries->entries.size(), 1u);
    EXPECT_FALSE(entries->truncated);
    const AuditEntry& entry = entries->entries.front();
    EXPECT_EQ(entry.user_login, "admin");
    EXPECT_EQ(entry.address, "10.0.0.7");
    EXPECT_EQ(entry.entity, "school");
    EXPECT_EQ(entry.entity_id, school_);
    EXPECT_EQ(Json::parse(entry.before)["name"], school->name);
    EXPECT_EQ(Json::parse(entry.after)["name"], "โรงเรียนชื่อใหม่");

    // Taking their version and saving on top of it works.
    auto retry = Send(Put("/api/v1/schools/" + school_,
                          EditOf(*fixture_.Store().FindSchool(school_), "ชื่อของนักวางแผน")),
                      &planner);
    EXPECT_EQ(retry.status, 200) << retry.body;
}

TEST_P(SessionsAndAudit, JsonBodiesAreCheckedFieldByField) {
    const SignedIn admin = SignIn("admin");
    auto response = Send(Put("/api/v1/schools/" + school_,
                             Json{{"version", "three"}, {"name", ""}, {"colour", "red"}}),
                         &admin);
    ASSERT_EQ(response.status, 400) << response.body;
    std::set<std::string> fields;
    const Json body = Json::parse(response.body);
    for (const Json& field : body["error"]["fields"]) {
        fields.insert(field["field"]);
    }
    EXPECT_EQ(fields, (std::set<std::string>{"version", "name", "district", "colour"}))
        << response.body;

    http::Request not_json = Put("/api/v1/schools/" + school_, {});
    not_json.body = "{\"name\": ";
    auto broken = Send(not_json, &admin);
    EXPECT_EQ(broken.status, 400);
    EXPECT_EQ(Json::parse(broken.body)["error"]["fields"][0]["field"], "body");
    EXPECT_EQ(broken.body.find("parse_error"), std::string::npos);  // no library internals

    http::Request deep = Put("/api/v1/schools/" + school_, {});
    deep.body = "{\"name\": " + std::string(20'000, '[') + std::string(20'000, ']') + "}";
    auto nested = Send(deep, &admin);
    EXPECT_EQ(nested.status, 400);
    EXPECT_NE(nested.body.find("ซ้อนกันลึกเกิน 16 ชั้น"), std::string::npos) << nested.body;
}

TEST_P(SessionsAndAudit, AnImportRecordsItsFileHashAndRowCountsInTheSameTransaction) {
    const std::string csv = "school_code,grade,male,female,rooms\n" + school_ + ",ป.1,3,4,1\n";
    auto sheet = sheets::ReadSheet(csv, "census-2564.csv");
    ASSERT_TRUE(sheet);
    ImportOptions options = StoreFixture::ConsoleImport();
    options.office_code = "2402";
    options.round = *CensusRound::Parse("2564/2");
    ASSERT_TRUE(fixture_.Imports().ImportCensus(*sheet, options));
    auto entries = fixture_.Audit().Entries(
        Actor::Console(), AuditFilter{.office_code = "2402", .action = "import.census"});
    ASSERT_TRUE(entries);
    ASSERT_EQ(entries->entries.size(), 1u);
    const Json after = Json::parse(entries->entries.front().after);
    EXPECT_EQ(after["file"], "census-2564.csv");
    EXPECT_EQ(after["sha256"], sheets::Sha256Hex(csv));
    EXPECT_EQ(after["sha256"].get<std::string>().size(), 64u);
    EXPECT_EQ(after["rows"], 1);
    EXPECT_EQ(after["round"], "2564/2");
    EXPECT_EQ(entries->entries.front().user_login, "console");

    // A refused import leaves neither rows nor an audit entry.
    const long long before = Count("SELECT COUNT(*) FROM audit_log");
    auto bad = sheets::ReadSheet("school_code,grade,male,female,rooms\n" + school_ + ",ป.9,1,1,1\n",
                                 "bad.csv");
    ASSERT_TRUE(bad);
    EXPECT_FALSE(fixture_.Imports().ImportCensus(*bad, options));
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), before);
}

TEST_P(SessionsAndAudit, AnAdministratorsResetEndsTheUsersSessionsAndForcesAChange) {
    const SignedIn planner = SignIn("planner");
    const Actor admin = Actor::SignedIn(*fixture_.Store().FindUserByLogin("admin"), "10.0.0.7");
    auto reset = fixture_.Accounts().ResetPassword(admin, planner.session.user.id);
    ASSERT_TRUE(reset) << Describe(reset.error());
    EXPECT_TRUE(reset->user.must_change_password);
    EXPECT_FALSE(fixture_.Sessions().Resume(planner.token));

    auto again = fixture_.Sessions().SignIn("planner", reset->one_time_password, "10.0.0.7", "t");
    ASSERT_TRUE(again);
    const Actor must_change = Actor::SignedIn(again->session.user, "10.0.0.7");
    auto refused = fixture_.Statistics().StatisticsTable(must_change, "table1", {"2402", {}, ""});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().fields[0].field, "password");
    auto changed = fixture_.Accounts().ChangeOwnPassword(must_change, reset->one_time_password,
                                                         "a-new-password-2");
    ASSERT_TRUE(changed) << Describe(changed.error());
    EXPECT_FALSE(changed->must_change_password);
    EXPECT_TRUE(fixture_.Sessions().SignIn("planner", "a-new-password-2", "10.0.0.7", "t"));

    // An office administrator cannot reset a system administrator.
    ASSERT_TRUE(fixture_.Accounts().AddUser(Actor::Console(), "root", "ผู้ดูแลระบบ",
                                            {Role::kSystemAdmin, "", "", ""}, kPassword));
    auto root = fixture_.Store().FindUserByLogin("root");
    auto denied = fixture_.Accounts().ResetPassword(admin, root->id);
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error().code, ErrorCode::kPermissionDenied);
}

// Reads use a session the gate resolved a moment ago; what ends a session must end it at once.
TEST_P(SessionsAndAudit, AKeptSessionEndsAtOnceOnSignOutAResetOrItsIdleEnd) {
    http::Request read;
    read.method = "GET";
    read.path = "/api/v1/offices/2402";

    const SignedIn leaving = SignIn("admin");
    ASSERT_EQ(Send(read, &leaving).status, 200);
    http::Request sign_out;
    sign_out.method = "DELETE";
    sign_out.path = "/api/v1/session";
    ASSERT_EQ(Send(sign_out, &leaving).status, 204);
    EXPECT_EQ(Send(read, &leaving).status, 401);

    const SignedIn planner = SignIn("planner");
    ASSERT_EQ(Send(read, &planner).status, 200);
    const SignedIn admin = SignIn("admin");
    http::Request reset;
    reset.method = "POST";
    reset.path = fmt::format("/api/v1/users/{}/password-reset", planner.session.user.id);
    ASSERT_EQ(Send(reset, &admin).status, 200);
    EXPECT_EQ(Send(read, &planner).status, 401);

    ASSERT_EQ(Send(read, &admin).status, 200);
    fixture_.Clock().now += fixture_.Sessions().Policy().idle_seconds;
    EXPECT_EQ(Send(read, &admin).status, 401);
}

TEST_P(SessionsAndAudit, NobodySignedInIsRefusedBeforeAnUploadIsRead) {
    http::Request upload;
    upload.method = "POST";
    upload.path = "/api/v1/offices/2402/imports/census";
    upload.query = {{"round", "2564/2"}, {"filename", "x.csv"}};
    upload.body = std::string("\0not a sheet", 12);  // a NUL byte: parsing would refuse it
    const http::Response response = Send(upload, nullptr);
    EXPECT_EQ(response.status, 401) << response.body;
    EXPECT_EQ(Json::parse(response.body)["error"]["code"], "unauthenticated");
}

TEST_P(SessionsAndAudit, TheAuditListSaysWhenItWasCutAndTakesUpToTenThousand) {
    const SignedIn admin = SignIn("admin");
    for (const char* name : {"ชื่อที่หนึ่ง", "ชื่อที่สอง", "ชื่อที่สาม"}) {
        const School current = *fixture_.Store().FindSchool(school_);
        ASSERT_EQ(Send(Put("/api/v1/schools/" + school_, EditOf(current, name)), &admin).status,
                  200);
    }
    const auto page = [&](int limit) {
        return fixture_.Audit().Entries(
            Actor::Console(),
            AuditFilter{.office_code = "2402", .action = "school.update", .limit = limit});
    };
    auto cut = page(2);
    ASSERT_TRUE(cut) << Describe(cut.error());
    ASSERT_EQ(cut->entries.size(), 2u);
    EXPECT_TRUE(cut->truncated);
    EXPECT_EQ(Json::parse(cut->entries.front().after)["name"], "ชื่อที่สาม");  // newest first
    auto whole = page(3);
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->entries.size(), 3u);
    EXPECT_FALSE(whole->truncated);
    EXPECT_TRUE(page(10000));
    auto too_many = page(10001);
    ASSERT_FALSE(too_many);
    EXPECT_EQ(too_many.error().fields.at(0).field, "limit");

    http::Request listing;
    listing.method = "GET";
    listing.path = "/api/v1/offices/2402/audit";
    listing.query = {{"limit", "10000"}};
    const http::Response response = Send(listing, &admin);
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(Json::parse(response.body)["truncated"], false);
}

INSTANTIATE_TEST_SUITE_P(Engines, SessionsAndAudit, ::testing::ValuesIn(kEngines),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace khet::testing
