#include "thai/baht_text.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace khet {
namespace {

std::string BahtTextOf(std::string_view amount) {
    auto money = Money::Parse(amount);
    EXPECT_TRUE(money) << amount;
    return money ? BahtText(*money) : std::string();
}

TEST(BahtText, WritesEveryAmountOfTheExcelReferenceAsExcelDid) {
    std::ifstream file(KHET_SOURCE_DIR "/../shared/data/reference/excel_bahttext_cached.tsv");
    ASSERT_TRUE(file) << "reference file missing";
    std::string line;
    ASSERT_TRUE(std::getline(file, line));
    ASSERT_EQ(line, "input\texcel_bahttext");
    int rows = 0;
    while (std::getline(file, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const auto tab = line.find('\t');
        ASSERT_NE(tab, std::string::npos) << line;
        const std::string input = line.substr(0, tab);
        auto amount = Money::Parse(input);
        ASSERT_TRUE(amount) << input;
        EXPECT_EQ(BahtText(*amount), line.substr(tab + 1)) << "BAHTTEXT(" << input << ")";
        ++rows;
    }
    EXPECT_EQ(rows, 16);
}

TEST(BahtText, WritesZeroAndWholeBaht) {
    EXPECT_EQ(BahtTextOf("0"), "ศูนย์บาทถ้วน");
    EXPECT_EQ(BahtTextOf("1"), "หนึ่งบาทถ้วน");
    EXPECT_EQ(BahtTextOf("10"), "สิบบาทถ้วน");
    EXPECT_EQ(BahtTextOf("20"), "ยี่สิบบาทถ้วน");
    EXPECT_EQ(BahtTextOf("100"), "หนึ่งร้อยบาทถ้วน");
    EXPECT_EQ(BahtTextOf("12,345"), "หนึ่งหมื่นสองพันสามร้อยสี่สิบห้าบาทถ้วน");
    EXPECT_EQ(BahtTextOf("134,820"), "หนึ่งแสนสามหมื่นสี่พันแปดร้อยยี่สิบบาทถ้วน");
}

TEST(BahtText, ReadsAFinalOneAsEtAfterAnyOtherDigit) {
    EXPECT_EQ(BahtTextOf("11"), "สิบเอ็ดบาทถ้วน");
    EXPECT_EQ(BahtTextOf("21"), "ยี่สิบเอ็ดบาทถ้วน");
    EXPECT_EQ(BahtTextOf("101"), "หนึ่งร้อยเอ็ดบาทถ้วน");
    EXPECT_EQ(BahtTextOf("1,101"), "หนึ่งพันหนึ่งร้อยเอ็ดบาทถ้วน");
    EXPECT_EQ(BahtTextOf("11,111"), "หนึ่งหมื่นหนึ่งพันหนึ่งร้อยสิบเอ็ดบาทถ้วน");
    EXPECT_EQ(BahtTextOf("1,000,001"), "หนึ่งล้านเอ็ดบาทถ้วน");
    EXPECT_EQ(BahtTextOf("5,001,000,000"), "ห้าพันเอ็ดล้านบาทถ้วน");
}

TEST(BahtText, CountsMillionsOfMillions) {
    EXPECT_EQ(BahtTextOf("1,000,000"), "หนึ่งล้านบาทถ้วน");
    EXPECT_EQ(BahtTextOf("12,345,678"), "สิบสองล้านสามแสนสี่หมื่นห้าพันหกร้อยเจ็ดสิบแปดบาทถ้วน");
    EXPECT_EQ(BahtTextOf("1,000,000,000,000"), "หนึ่งล้านล้านบาทถ้วน");
    EXPECT_EQ(BahtTextOf("25,000,000,000,111"), "ยี่สิบห้าล้านล้านหนึ่งร้อยสิบเอ็ดบาทถ้วน");
    EXPECT_EQ(BahtTextOf("25,005,100,000,500.25"), "ยี่สิบห้าล้านห้าพันหนึ่งร้อยล้านห้าร้อยบาทยี่สิบห้าสตางค์");
}

TEST(BahtText, WritesSatangOnTheirOwn) {
    EXPECT_EQ(BahtTextOf("0.5"), "ห้าสิบสตางค์");
    EXPECT_EQ(BahtTextOf("0.01"), "หนึ่งสตางค์");
    EXPECT_EQ(BahtTextOf("0.10"), "สิบสตางค์");
    EXPECT_EQ(BahtTextOf("11.01"), "สิบเอ็ดบาทหนึ่งสตางค์");
    EXPECT_EQ(BahtTextOf("0.0550"), "หกสตางค์");
    EXPECT_EQ(BahtTextOf("0.995"), "หนึ่งบาทถ้วน");
}

TEST(BahtText, PutsLobBeforeNegativeAmounts) {
    EXPECT_EQ(BahtTextOf("-1"), "ลบหนึ่งบาทถ้วน");
    EXPECT_EQ(BahtTextOf("-550.25"), "ลบห้าร้อยห้าสิบบาทยี่สิบห้าสตางค์");
    EXPECT_EQ(BahtTextOf("-0.009"), "ลบหนึ่งสตางค์");
}

TEST(BahtText, WritesTheExtremesOfMoney) {
    EXPECT_EQ(BahtText(Money::FromSatang(INT64_MAX)),
              "เก้าหมื่นสองพันสองร้อยสามสิบสามล้านเจ็ดแสนสองหมื่นสามร้อยหกสิบแปดล้าน"
              "ห้าแสนสี่หมื่นเจ็ดพันเจ็ดร้อยห้าสิบแปดบาทเจ็ดสตางค์");
    EXPECT_EQ(BahtText(Money::FromSatang(INT64_MIN)),
              "ลบเก้าหมื่นสองพันสองร้อยสามสิบสามล้านเจ็ดแสนสองหมื่นสามร้อยหกสิบแปดล้าน"
              "ห้าแสนสี่หมื่นเจ็ดพันเจ็ดร้อยห้าสิบแปดบาทแปดสตางค์");
}

}  // namespace
}  // namespace khet
