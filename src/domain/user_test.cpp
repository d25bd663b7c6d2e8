#include "domain/user.hpp"

#include <gtest/gtest.h>

namespace khet {
namespace {

TEST(Role, RoundTripsEveryStableNameAndHasAThaiLabel) {
    for (Role role : kAllRoles) {
        auto parsed = ParseRole(RoleName(role));
        ASSERT_TRUE(parsed) << RoleName(role);
        EXPECT_EQ(*parsed, role);
        EXPECT_FALSE(RoleLabel(role).empty());
    }
    EXPECT_EQ(RoleName(Role::kOfficeAdmin), "office_admin");
    EXPECT_EQ(RoleName(Role::kSchoolOfficer), "school_officer");
    EXPECT_EQ(RoleLabel(Role::kSupervisor), "ศึกษานิเทศก์");
    EXPECT_EQ(RoleLabel(Role::kPublic), "บุคคลทั่วไป");
}

TEST(Role, RejectsAnUnknownNameNamingTheKnownOnes) {
    auto parsed = ParseRole("root");
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(parsed.error().message.find("system_admin"), std::string::npos);
}

TEST(Grant, SystemAdminHasNoScope) {
    EXPECT_TRUE(ValidateGrant({Role::kSystemAdmin, "", "", ""}));
    EXPECT_FALSE(ValidateGrant({Role::kSystemAdmin, "2402", "", ""}));
}

TEST(Grant, OfficeRolesNeedAnOfficeAndNoSchool) {
    EXPECT_TRUE(ValidateGrant({Role::kOfficeAdmin, "2402", "", ""}));
    EXPECT_TRUE(ValidateGrant({Role::kPlanner, "2402", "", ""}));
    auto no_office = ValidateGrant({Role::kExecutive, "", "", ""});
    ASSERT_FALSE(no_office);
    EXPECT_EQ(no_office.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(no_office.error().fields.at(0).field, "office_code");
    EXPECT_FALSE(ValidateGrant({Role::kSupervisor, "2402", "1024070046", ""}));
    EXPECT_FALSE(ValidateGrant({Role::kPlanner, "2402", "", "กลุ่มนโยบายและแผน"}));
}

TEST(Grant, GroupStaffNeedAGroup) {
    EXPECT_TRUE(ValidateGrant({Role::kGroupStaff, "2402", "", "กลุ่มส่งเสริมการจัดการศึกษา"}));
    auto no_group = ValidateGrant({Role::kGroupStaff, "2402", "", ""});
    ASSERT_FALSE(no_group);
    EXPECT_EQ(no_group.error().fields.at(0).field, "group");
}

TEST(Grant, SchoolOfficerNeedsASchool) {
    EXPECT_TRUE(ValidateGrant({Role::kSchoolOfficer, "2402", "1024070046", ""}));
    EXPECT_TRUE(ValidateGrant({Role::kSchoolOfficer, "", "1024070046", ""}));
    auto no_school = ValidateGrant({Role::kSchoolOfficer, "2402", "", ""});
    ASSERT_FALSE(no_school);
    EXPECT_EQ(no_school.error().fields.at(0).field, "school_code");
}

TEST(Grant, PublicMayBeShownOneOfficeButNoSchoolOrGroup) {
    EXPECT_TRUE(ValidateGrant({Role::kPublic, "", "", ""}));
    EXPECT_TRUE(ValidateGrant({Role::kPublic, "2402", "", ""}));
    EXPECT_FALSE(ValidateGrant({Role::kPublic, "", "1024070046", ""}));
}

TEST(Login, IsLowerCasedAndAcceptsEmailsAndUserNames) {
    EXPECT_EQ(*NormalizeLogin("Somchai.K@Example.go.th"), "somchai.k@example.go.th");
    EXPECT_EQ(*NormalizeLogin("admin_2402-x"), "admin_2402-x");
    EXPECT_EQ(*NormalizeLogin("abc"), "abc");
    EXPECT_TRUE(NormalizeLogin(std::string(64, 'a')));
}

TEST(Login, RejectsTooShortTooLongAndOtherCharacters) {
    EXPECT_FALSE(NormalizeLogin("ab"));
    EXPECT_FALSE(NormalizeLogin(std::string(65, 'a')));
    EXPECT_FALSE(NormalizeLogin("som chai"));
    EXPECT_FALSE(NormalizeLogin("สมชาย"));
    EXPECT_FALSE(NormalizeLogin("a+b@example.com"));
    EXPECT_EQ(NormalizeLogin("").error().fields.at(0).field, "login");
}

TEST(Password, NeedsTenCharactersCountedAsTyped) {
    EXPECT_FALSE(ValidatePassword("123456789"));
    EXPECT_TRUE(ValidatePassword("1234567890"));
    // Nine Thai characters are 27 bytes but still too short.
    EXPECT_FALSE(ValidatePassword("กขคฆงจฉชซ"));
    EXPECT_TRUE(ValidatePassword("กขคฆงจฉชซฌ"));
}

}  // namespace
}  // namespace khet
