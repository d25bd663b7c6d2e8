#include "base/json_text.hpp"

#include <gtest/gtest.h>

namespace khet {
namespace {

TEST(JsonObjectText, WritesKeysInOrderWithTheirTypes) {
    JsonObjectText object;
    object.Add("name", "โรงเรียนวัดคลองเขื่อน").Add("students", 691).Add("active", true);
    EXPECT_EQ(object.Text(), R"({"name":"โรงเรียนวัดคลองเขื่อน","students":691,"active":true})");
    EXPECT_EQ(JsonObjectText().Text(), "{}");
}

TEST(JsonObjectText, EscapesQuotesBackslashesAndControlCharacters) {
    EXPECT_EQ(JsonQuote("a\"b\\c\nd\x01"), R"("a\"b\\c\nd\u0001")");
    EXPECT_EQ(JsonObjectText().Add("k\"", "v").Text(), R"({"k\"":"v"})");
}

}  // namespace
}  // namespace khet
