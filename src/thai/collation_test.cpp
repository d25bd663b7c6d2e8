#include "thai/collation.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace khet {
namespace {

TEST(ThaiCollation, OrdersProvincesAsAThaiDictionary) {
    const ThaiCollator& collator = ThaiCollation();
    EXPECT_LT(collator.Compare("กรุงเทพ", "ขอนแก่น"), 0);
    EXPECT_LT(collator.Compare("ขอนแก่น", "ฉะเชิงเทรา"), 0);
    EXPECT_GT(collator.Compare("ฉะเชิงเทรา", "กรุงเทพ"), 0);
    EXPECT_EQ(collator.Compare("ชลบุรี", "ชลบุรี"), 0);
}

TEST(ThaiCollation, SortsLeadingVowelsByTheConsonantAfterThem) {
    const ThaiCollator& collator = ThaiCollation();
    // Byte order puts every เ word after every consonant-initial word; Thai order does not.
    EXPECT_GT(std::string_view("เกาะ"), std::string_view("ขอนแก่น"));
    EXPECT_LT(collator.Compare("เกาะ", "ขอนแก่น"), 0);
    EXPECT_LT(collator.Compare("กรุงเทพ", "เกาะ"), 0);
    for (std::string_view word : {"แก้ว", "โกดัง", "ใกล้", "ไก่"}) {
        EXPECT_LT(collator.Compare(word, "ขอนแก่น"), 0) << word;
        EXPECT_LT(collator.Compare("กรุงเทพ", word), 0) << word;
    }
}

TEST(ThaiCollation, SortsAListOfNames) {
    std::vector<std::string> names{"ฉะเชิงเทรา", "ไก่", "ขอนแก่น", "เกาะ", "กรุงเทพ",
                                   "แก้ว",       "คน", "กา",     "โกดัง", "ใกล้"};
    SortThai(names);
    EXPECT_EQ(names, (std::vector<std::string>{"กรุงเทพ", "กา", "เกาะ", "แก้ว", "โกดัง", "ใกล้", "ไก่",
                                               "ขอนแก่น", "คน", "ฉะเชิงเทรา"}));
}

TEST(ThaiCollation, SortsRecordsByAProjectedName) {
    struct School {
        std::string name;
        int code;
    };
    std::vector<School> schools{{"วัดโสธร", 1}, {"บ้านเกาะ", 2}, {"เกาะขนุน", 3}, {"บ้านเกาะ", 4}};
    SortByThai(schools, &School::name);
    std::vector<int> codes;
    for (const auto& school : schools) codes.push_back(school.code);
    EXPECT_EQ(codes, (std::vector<int>{3, 2, 4, 1}));  // equal names keep their order
}

TEST(ThaiCollation, GivesSortKeysWhoseByteOrderIsTheThaiOrder) {
    const ThaiCollator& collator = ThaiCollation();
    const std::vector<std::string> words{"กรุงเทพ", "กา", "เกาะ", "ก้าน", "ขอนแก่น", "ฉะเชิงเทรา",
                                         "A",      "a",  "10",   "",    "ไก่"};
    for (const auto& a : words) {
        for (const auto& b : words) {
            const std::string key_a = collator.SortKey(a);
            const std::string key_b = collator.SortKey(b);
            const int by_key = key_a.compare(key_b);
            const int by_collator = collator.Compare(a, b);
            EXPECT_EQ(by_key < 0, by_collator < 0) << a << " vs " << b;
            EXPECT_EQ(by_key == 0, by_collator == 0) << a << " vs " << b;
            EXPECT_EQ(key_a.find('\0'), std::string::npos);
        }
    }
    const std::string long_text(500, 'x');
    EXPECT_LT(collator.SortKey(long_text), collator.SortKey(long_text + "y"));
    EXPECT_FALSE(collator.Version().empty());
}

TEST(ThaiCollation, GivesEachThreadItsOwnCollator) {
    const ThaiCollator* here = &ThaiCollation();
    const ThaiCollator* there = nullptr;
    int order = 0;
    std::thread([&] {
        there = &ThaiCollation();
        order = there->Compare("เกาะ", "ขอนแก่น");
    }).join();
    EXPECT_NE(here, there);
    EXPECT_LT(order, 0);
    EXPECT_EQ(here, &ThaiCollation());
}

}  // namespace
}  // namespace khet
