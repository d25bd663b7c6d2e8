#include "domain/plan.hpp"

#include <gtest/gtest.h>

namespace khet {
namespace {

PlanItem Item(std::string key, std::string parent, PlanItemKind kind, std::string number,
              int line = 0) {
    return {std::move(key), std::move(parent), kind, std::move(number), "…", line};
}

// The shape of seed 002: strategies 1–2, guidelines starting again under each strategy, KPIs
// numbered through the whole table.
PlanTree Seed002Shape() {
    PlanTree tree;
    tree.items = {
        Item("vision", "", PlanItemKind::kVision, ""),
        Item("s1", "", PlanItemKind::kStrategy, "1"),
        Item("s1g1", "s1", PlanItemKind::kGuideline, "1"),
        Item("k1", "s1g1", PlanItemKind::kKpi, "1"),
        Item("k2", "s1g1", PlanItemKind::kKpi, "2"),
        Item("s1g1a", "s1g1", PlanItemKind::kGuideline, "1.1"),
        Item("s1g2", "s1", PlanItemKind::kGuideline, "2"),
        Item("k3", "s1g2", PlanItemKind::kKpi, "3"),
        Item("s2", "", PlanItemKind::kStrategy, "2"),
        Item("s2g1", "s2", PlanItemKind::kGuideline, "1"),
        Item("k4", "s2g1", PlanItemKind::kKpi, "4"),
    };
    return tree;
}

std::vector<std::string> Keys(const PlanTree& tree) {
    std::vector<std::string> keys;
    for (const PlanItem& item : tree.items) keys.push_back(item.key);
    return keys;
}

std::vector<std::string> Numbers(const PlanTree& tree) {
    std::vector<std::string> numbers;
    for (const PlanItem& item : tree.items) numbers.push_back(item.number);
    return numbers;
}

TEST(PlanItemKind, IsReadFromItsNameOrThaiLabel) {
    EXPECT_EQ(*ParsePlanItemKind("guideline"), PlanItemKind::kGuideline);
    EXPECT_EQ(*ParsePlanItemKind("ตัวชี้วัด"), PlanItemKind::kKpi);
    EXPECT_EQ(*ParsePlanItemKind("เอกลักษณ์"), PlanItemKind::kIdentity);
    auto unknown = ParsePlanItemKind("project");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("guideline (แนวทาง)"), std::string::npos);
}

TEST(PlanTree, NumbersPerParentThroughoutAndInOutline) {
    PlanTree tree = Seed002Shape();
    ASSERT_TRUE(tree.CheckStructure());
    EXPECT_TRUE(tree.NumberingErrors().empty());

    tree.numbering[PlanItemKind::kGuideline] = Numbering::kOutline;
    tree.Renumber();
    EXPECT_EQ(Numbers(tree), (std::vector<std::string>{"", "1", "1.1", "1", "2", "1.1.1", "1.2",
                                                       "3", "2", "2.1", "4"}));
}

TEST(PlanTree, FindsBrokenNumberingWithItsLine) {
    PlanTree tree = Seed002Shape();
    tree.items[7].number = "4";  // k3 written as 4: the run 1, 2, 4 skips 3
    tree.items[7].line = 31;
    const auto errors = tree.NumberingErrors();
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "k3");
    EXPECT_EQ(errors[0].row, 31);
    EXPECT_EQ(errors[0].message,
              "ลำดับเลขไม่ต่อเนื่อง: ตัวชี้วัด \"k3\" มีเลข \"4\" แต่ตามตำแหน่งควรเป็น \"3\"");
}

TEST(PlanTree, RefusesAMissingParentOrARepeatedKey) {
    PlanTree orphan = Seed002Shape();
    orphan.items[3].parent = "s9g9";
    orphan.items[3].line = 12;
    auto refused = orphan.CheckStructure();
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().fields.at(0).row, 12);

    PlanTree twice = Seed002Shape();
    twice.items[4].key = "k1";
    EXPECT_FALSE(twice.CheckStructure());
}

TEST(PlanTree, MovingAnItemTakesItsSubtreeAndRenumbers) {
    PlanTree tree = Seed002Shape();
    // Guideline 2 of strategy 1 becomes its first, with its KPI.
    ASSERT_TRUE(tree.Move("s1g2", 0));
    EXPECT_EQ(Keys(tree), (std::vector<std::string>{"vision", "s1", "s1g2", "k3", "s1g1", "k1",
                                                    "k2", "s1g1a", "s2", "s2g1", "k4"}));
    EXPECT_EQ(Numbers(tree),
              (std::vector<std::string>{"", "1", "1", "1", "2", "2", "3", "2.1", "2", "1", "4"}));

    // Strategy 2 goes first at the top level (after nothing: the vision is a sibling too).
    ASSERT_TRUE(tree.Move("s2", 0));
    EXPECT_EQ(Keys(tree).front(), "s2");
    EXPECT_EQ(tree.items[0].number, "1");
    EXPECT_EQ(tree.items[2].key, "k4");
    EXPECT_EQ(tree.items[2].number, "1");

    // The last place among the siblings.
    ASSERT_TRUE(tree.Move("k1", 2));
    EXPECT_TRUE(tree.NumberingErrors().empty());
}

TEST(PlanTree, AMoveThatCannotBeDoneChangesNothing) {
    PlanTree tree = Seed002Shape();
    const auto before = Keys(tree);
    auto past = tree.Move("s1g1", 2);  // strategy 1 has two guidelines: places 0 and 1
    ASSERT_FALSE(past);
    EXPECT_EQ(past.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(Keys(tree), before);
    auto unknown = tree.Move("nothing", 0);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST(Numbering, IsWrittenAndReadByItsName) {
    for (Numbering numbering :
         {Numbering::kNone, Numbering::kPerParent, Numbering::kOutline, Numbering::kThroughout}) {
        EXPECT_EQ(*ParseNumbering(NumberingName(numbering)), numbering);
    }
    auto unknown = ParseNumbering("roman");
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("per_parent"), std::string::npos);
}

}  // namespace
}  // namespace khet
