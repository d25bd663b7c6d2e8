// Accounts over the store: every test runs on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include "tests/support/fixtures.hpp"

namespace khet::testing {
namespace {

class Accounts : public ::testing::TestWithParam<std::string> {
  protected:
    StoreFixture fixture_{GetParam()};
    const Grant office_admin_{Role::kOfficeAdmin, "9001", "", ""};

    void SetUp() override {
        Office office{"9001", "สำนักงานทดสอบ", "สพป.ทดสอบ", ""};
        School school;
        school.code = "1090010001";
        school.office_code = "9001";
        school.name = "บ้านกอไผ่";
        ASSERT_TRUE(fixture_.Store().SaveSchools({office}, {}, {school}, TestAudit()));
    }
};

TEST_P(Accounts, AGeneratedPasswordSignsInAndMustBeChanged) {
    auto added = fixture_.Accounts().AddUser(Actor::Console(), "Somchai@Example.go.th",
                                             "นายสมชาย ใจดี", office_admin_, {});
    ASSERT_TRUE(added) << Describe(added.error());
    EXPECT_EQ(added->user.login, "somchai@example.go.th");
    EXPECT_TRUE(added->user.must_change_password);
    EXPECT_EQ(added->one_time_password.size(), 16u);
    EXPECT_EQ(added->one_time_password.find_first_of("0O1lI"), std::string::npos);

    auto signed_in =
        fixture_.Accounts().Authenticate("SOMCHAI@example.go.th", added->one_time_password);
    ASSERT_TRUE(signed_in) << Describe(signed_in.error());
    EXPECT_EQ(signed_in->id, added->user.id);
    EXPECT_EQ(signed_in->display_name, "นายสมชาย ใจดี");
    EXPECT_TRUE(signed_in->must_change_password);
    ASSERT_EQ(signed_in->grants.size(), 1u);
    EXPECT_EQ(signed_in->grants[0], office_admin_);
}

TEST_P(Accounts, AGivenPasswordNeedNotBeChanged) {
    auto added = fixture_.Accounts().AddUser(Actor::Console(), "planner01", "นางสาวแผน ดี",
                                             {Role::kPlanner, "9001", "", ""}, "รหัสผ่านยาวพอแล้ว");
    ASSERT_TRUE(added) << Describe(added.error());
    EXPECT_FALSE(added->user.must_change_password);
    EXPECT_TRUE(added->one_time_password.empty());
    EXPECT_TRUE(fixture_.Accounts().Authenticate("planner01", "รหัสผ่านยาวพอแล้ว"));
    auto short_password = fixture_.Accounts().AddUser(Actor::Console(), "planner02", "นางสาวแผน ดี",
                                                      {Role::kPlanner, "9001", "", ""}, "short");
    ASSERT_FALSE(short_password);
    EXPECT_EQ(short_password.error().code, ErrorCode::kInvalidArgument);
}

TEST_P(Accounts, AWrongPasswordAndAnUnknownLoginLookTheSame) {
    ASSERT_TRUE(fixture_.Accounts().AddUser(Actor::Console(), "admin", "ผู้ดูแล", office_admin_,
                                            "correct-horse-1"));
    auto wrong = fixture_.Accounts().Authenticate("admin", "correct-horse-2");
    auto unknown = fixture_.Accounts().Authenticate("nobody", "correct-horse-1");
    auto malformed = fixture_.Accounts().Authenticate("a", "correct-horse-1");
    for (const auto* result : {&wrong, &unknown, &malformed}) {
        ASSERT_FALSE(*result);
        EXPECT_EQ(result->error().code, ErrorCode::kUnauthenticated);
        EXPECT_EQ(result->error().message, "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");
    }
}

TEST_P(Accounts, RefusesADuplicateLoginWhateverItsCase) {
    ASSERT_TRUE(fixture_.Accounts().AddUser(Actor::Console(), "admin", "ผู้ดูแล", office_admin_, {}));
    auto again =
        fixture_.Accounts().AddUser(Actor::Console(), "ADMIN", "ผู้ดูแลอีกคน", office_admin_, {});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);
    EXPECT_NE(again.error().message.find("admin"), std::string::npos);
    // The store's unique login is the real guard, behind the service's check.
    auto stored = fixture_.Store().FindUserByLogin("admin");
    ASSERT_TRUE(stored);
    User copy = *stored;
    auto direct = fixture_.Store().AddUser(copy, "$argon2id$whatever", TestAudit());
    ASSERT_FALSE(direct);
    EXPECT_EQ(direct.error().code, ErrorCode::kConflict);
    EXPECT_EQ(fixture_.Store().Users()->size(), 1u);
}

TEST_P(Accounts, RefusesAGrantToAnUnknownOfficeOrSchool) {
    auto office = fixture_.Accounts().AddUser(Actor::Console(), "admin", "ผู้ดูแล",
                                              {Role::kOfficeAdmin, "9999", "", ""}, {});
    ASSERT_FALSE(office);
    EXPECT_EQ(office.error().code, ErrorCode::kNotFound);
    auto school = fixture_.Accounts().AddUser(Actor::Console(), "teacher", "ครู",
                                              {Role::kSchoolOfficer, "", "1099999999", ""}, {});
    ASSERT_FALSE(school);
    EXPECT_EQ(school.error().code, ErrorCode::kNotFound);
    EXPECT_TRUE(fixture_.Store().Users()->empty());
}

TEST_P(Accounts, GivesASchoolOfficerTheOfficeOfTheSchool) {
    auto added = fixture_.Accounts().AddUser(Actor::Console(), "teacher", "ครูใหญ่",
                                             {Role::kSchoolOfficer, "", "1090010001", ""}, {});
    ASSERT_TRUE(added) << Describe(added.error());
    EXPECT_EQ(added->user.grants.at(0).office_code, "9001");
    auto listed = fixture_.Store().Users();
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 1u);
    EXPECT_EQ(listed->at(0).grants, added->user.grants);
}

TEST_P(Accounts, SetPasswordRefusesAStaleVersion) {
    auto added = fixture_.Accounts().AddUser(Actor::Console(), "admin", "ผู้ดูแล", office_admin_, {});
    ASSERT_TRUE(added);
    const long long version = added->user.version;
    auto changed =
        fixture_.Store().SetPassword(added->user.id, "$argon2id$new", false, version, TestAudit());
    ASSERT_TRUE(changed) << Describe(changed.error());
    EXPECT_GT(*changed, version);
    EXPECT_FALSE(fixture_.Store().FindUserByLogin("admin")->must_change_password);

    auto stale = fixture_.Store().SetPassword(added->user.id, "$argon2id$other", false, version,
                                              TestAudit());
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
    EXPECT_EQ(fixture_.Store().FindCredentials("admin")->password_hash, "$argon2id$new");

    auto unknown =
        fixture_.Store().SetPassword(added->user.id + 100, "$argon2id$x", false, 1, TestAudit());
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_P(Accounts, StoresAnArgon2idHashNeverThePassword) {
    auto added = fixture_.Accounts().AddUser(Actor::Console(), "admin", "ผู้ดูแล", office_admin_,
                                             "long-enough-pw");
    ASSERT_TRUE(added);
    auto stored = fixture_.Store().FindCredentials("admin");
    ASSERT_TRUE(stored);
    EXPECT_TRUE(stored->password_hash.starts_with("$argon2id$")) << stored->password_hash;
    EXPECT_NE(stored->password_hash, "long-enough-pw");
    EXPECT_EQ(stored->password_hash.find("long-enough-pw"), std::string::npos);
}

TEST_P(Accounts, RaisesTheDataGenerationWithEachWrite) {
    const long long before = *fixture_.Store().DataGeneration();
    auto added = fixture_.Accounts().AddUser(Actor::Console(), "admin", "ผู้ดูแล", office_admin_, {});
    ASSERT_TRUE(added);
    EXPECT_GT(*fixture_.Store().DataGeneration(), before);
}

INSTANTIATE_TEST_SUITE_P(Engines, Accounts, ::testing::ValuesIn(kEngines),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace khet::testing
