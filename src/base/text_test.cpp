#include "base/text.hpp"

#include <gtest/gtest.h>

namespace khet {
namespace {

TEST(CodePoints, CountsThaiMarksAsTheKeysTyped) {
    EXPECT_EQ(CodePoints(""), 0u);
    EXPECT_EQ(CodePoints("abc"), 3u);
    EXPECT_EQ(CodePoints("ครู"), 3u);    // ค ร ู
    EXPECT_EQ(CodePoints("น้ำ"), 3u);    // น ้ ำ
    EXPECT_EQ(CodePoints("ก1–ข"), 4u);  // an en dash is one, though three bytes
    EXPECT_EQ(std::string_view("ครู").size(), 9u);
}

TEST(TrimSpaces, DropsSpacesTabsAndLineEndsAround) {
    EXPECT_EQ(TrimSpaces("  ดีเยี่ยม\t\r\n"), "ดีเยี่ยม");
    EXPECT_EQ(TrimSpaces("a b"), "a b");
    EXPECT_EQ(TrimSpaces(" \t "), "");
    EXPECT_EQ(TrimSpaces(""), "");
}

}  // namespace
}  // namespace khet
