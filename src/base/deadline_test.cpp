#include "base/deadline.hpp"

#include <gtest/gtest.h>

namespace khet {
namespace {

using namespace std::chrono_literals;

TEST(Deadline, NeverExpires) {
    const Deadline never = Deadline::Never();
    EXPECT_FALSE(never.Expired());
    EXPECT_TRUE(never.Check("การอ่านไฟล์"));
}

TEST(Deadline, ExpiresWhenItsTimeIsUp) {
    const Deadline passed = Deadline::In(-1s);
    EXPECT_TRUE(passed.Expired());
    auto checked = passed.Check("การอ่านไฟล์");
    ASSERT_FALSE(checked);
    EXPECT_EQ(checked.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(checked.error().message.find("การอ่านไฟล์ใช้เวลานานเกินกำหนด"), std::string::npos);
    EXPECT_FALSE(Deadline::In(1h).Expired());
}

TEST(Deadline, StopsWhenItsClientGoes) {
    std::stop_source client;
    const Deadline deadline = Deadline::In(1h, client.get_token());
    EXPECT_TRUE(deadline.Check("การนำเข้า"));
    client.request_stop();
    auto checked = deadline.Check("การนำเข้า");
    ASSERT_FALSE(checked);
    EXPECT_EQ(checked.error().code, ErrorCode::kUnavailable);
    EXPECT_NE(checked.error().message.find("ยกเลิก"), std::string::npos);
}

}  // namespace
}  // namespace khet
