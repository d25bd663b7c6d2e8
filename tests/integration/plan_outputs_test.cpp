// The plan's outputs from the store: the PDF (cover, contents with page numbers, the items and
// seed 002's KPI table, read back with pdftotext) and the KPI table as XLSX.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sstream>

#include "reports/render.hpp"
#include "sheets/sheet.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/pdf_text.hpp"
#include "tests/support/plans.hpp"
#include "tests/support/temp_dir.hpp"

namespace khet::testing {
namespace {

// pdftotext puts spaces where Thai glyphs sit apart; compared without any whitespace.
std::string WithoutSpace(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') continue;
        // U+00A0 (no-break space, the document's indent) is C2 A0 in UTF-8.
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
            ++i;
            continue;
        }
        out += text[i];
    }
    return out;
}

// Seed 002's KPI table lines grouped by KPI, in order.
std::vector<std::vector<SeedKpiLine>> SeedKpis() {
    std::vector<std::vector<SeedKpiLine>> kpis;
    for (SeedKpiLine& line : Seed002KpiTable()) {
        if (kpis.empty() || kpis.back().front().kpi != line.kpi) kpis.emplace_back();
        kpis.back().push_back(std::move(line));
    }
    return kpis;
}

class PlanOutputs : public ::testing::Test {
  protected:
    void SetUp() override {
        REQUIRE_COMMAND("pdftotext");
        auto imported = fixture_.Plans().Import(Actor::Console(), SeedPlanFiles());
        ASSERT_TRUE(imported) << Describe(imported.error());
    }

    std::vector<std::string> Pages(const std::string& pdf, const std::string& mode) {
        return PdfPages(pdf, dir_, mode);
    }

    StoreFixture fixture_{"sqlite"};
    TempDir dir_;
};

TEST_F(PlanOutputs, ThePlanPdfHasItsCoverContentsAndSeed002sKpiTable) {
    auto document =
        fixture_.Plans().PlanDocumentOf(Actor::Console(), "9202", 2562, PlanDocumentPart::kPlan);
    ASSERT_TRUE(document) << Describe(document.error());
    auto pdf = reports::RenderPdf(*document);
    ASSERT_TRUE(pdf) << Describe(pdf.error());
    const auto pages = Pages(*pdf, "-layout");
    ASSERT_GT(pages.size(), 5u);

    // The cover: the title and the office, no page number.
    EXPECT_NE(WithoutSpace(pages[0]).find(WithoutSpace(document->title)), std::string::npos);
    EXPECT_NE(WithoutSpace(pages[0]).find("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตรังเขต2"),
              std::string::npos);
    EXPECT_EQ(pages[0].find("หน้า"), std::string::npos);

    // The contents give every section's page, and each section is on the page given.
    const std::string contents = pages[1];
    EXPECT_NE(contents.find("สารบัญ"), std::string::npos);
    // (pdftotext moves some Thai tone marks, as in ตัวชี้วัด, so a part of each title is looked for.)
    int checked = 0;
    std::istringstream lines(contents);
    for (std::string line; std::getline(lines, line);) {
        const std::string bare = WithoutSpace(line);
        for (const std::string key : {"วิสัยทัศน์", "ค่าเป้าหมายปีงบประมาณพ.ศ.2562"}) {
            if (bare.find(key) == std::string::npos) continue;
            // The page number is the line's last word.
            const std::size_t last = line.find_last_of(' ');
            ASSERT_NE(last, std::string::npos) << "no page number on: " << line;
            const int page = std::stoi(line.substr(last + 1));
            ASSERT_LE(page, static_cast<int>(pages.size()));
            const std::string target = WithoutSpace(pages[page - 1]);
            EXPECT_NE(target.find(key), std::string::npos) << key << " not on page " << page;
            EXPECT_NE(target.find("หน้า" + std::to_string(page)), std::string::npos);
            ++checked;
        }
    }
    EXPECT_EQ(checked, 2);

    // The plan is upright A4; the KPI table, as wide as the seed's, is on A4 turned sideways
    // from its own page to the end, each page numbered at its own foot.
    REQUIRE_COMMAND("pdfinfo");
    const std::string sizes = RunCommand(
        fmt::format("pdfinfo -f 1 -l {} {}", pages.size(), (dir_.Path() / "out.pdf").string()));
    std::vector<bool> turned;
    std::istringstream info(sizes);
    for (std::string line; std::getline(info, line);) {
        // "Page    9 size:  841.89 x 595.276 pts (A4)"; not "Page    9 rot:   0".
        if (!line.starts_with("Page ") || line.find(" size: ") == std::string::npos) continue;
        turned.push_back(line.find("841.89 x 595.276") != std::string::npos);
        if (!turned.back()) {
            EXPECT_NE(line.find("595.276 x 841.89"), std::string::npos) << line;
        }
    }
    ASSERT_EQ(turned.size(), pages.size());
    std::size_t first_turned = 0;
    while (first_turned < turned.size() && !turned[first_turned]) ++first_turned;
    ASSERT_LT(first_turned, turned.size());
    EXPECT_NE(WithoutSpace(pages[first_turned]).find("ค่าเป้าหมายปีงบประมาณพ.ศ.2562"),
              std::string::npos);
    for (std::size_t page = first_turned; page < turned.size(); ++page) {
        EXPECT_TRUE(turned[page]) << "page " << page + 1;
        EXPECT_NE(WithoutSpace(pages[page]).find("หน้า" + std::to_string(page + 1)),
                  std::string::npos);
    }

    // Every KPI line of the seed's table, cell after cell as the PDF draws them: the KPI with
    // its sub-rows' labels, the groups, then each column's values one per sub-row.
    std::string raw;
    for (const std::string& page : Pages(*pdf, "-raw")) raw += WithoutSpace(page);
    for (const auto& kpi : SeedKpis()) {
        std::string expected = kpi[0].kpi + "." + kpi[0].text;
        for (const SeedKpiLine& line : kpi) {
            if (line.sub_row > 0) expected += "-" + line.label;
        }
        for (const SeedKpiLine& line : kpi) {
            if (&line == &kpi[0] || line.groups != kpi[0].groups) expected += line.groups;
        }
        for (const SeedKpiLine& line : kpi) expected += line.target_2561;
        for (const SeedKpiLine& line : kpi) expected += line.result_2561;
        for (const SeedKpiLine& line : kpi) expected += line.target_2562;
        EXPECT_NE(raw.find(WithoutSpace(expected)), std::string::npos)
            << "KPI " << kpi[0].kpi
            << " is not in the PDF as the seed has it: " << WithoutSpace(expected);
    }
}

TEST_F(PlanOutputs, ThaiPageNumbersWhenChosen) {
    auto document =
        fixture_.Plans().PlanDocumentOf(Actor::Console(), "2402", 2565, PlanDocumentPart::kPlan);
    ASSERT_TRUE(document);
    const auto pages =
        Pages(reports::RenderPdf(*document, {.thai_digits = true}).value(), "-layout");
    ASSERT_GT(pages.size(), 2u);
    EXPECT_NE(WithoutSpace(pages[2]).find("หน้า๓"), std::string::npos);
    EXPECT_NE(WithoutSpace(pages[0]).find("๒๕๖๕"), std::string::npos);
}

TEST_F(PlanOutputs, TheKpiTableAsXlsxHasALinePerKpiOrSubRowWithItsStatus) {
    auto document = fixture_.Plans().PlanDocumentOf(Actor::Console(), "9202", 2562,
                                                    PlanDocumentPart::kKpiTableSheet);
    ASSERT_TRUE(document);
    auto xlsx = reports::RenderXlsx(*document);
    ASSERT_TRUE(xlsx) << Describe(xlsx.error());
    auto sheet = sheets::ReadXlsx(*xlsx, "kpis.xlsx");
    ASSERT_TRUE(sheet) << Describe(sheet.error());
    // Find the header row, then compare every line with the seed.
    std::size_t at = 0;
    while (at < sheet->rows.size() && sheet->rows[at].cells.at(0) != "กลยุทธ์") ++at;
    ASSERT_LT(at, sheet->rows.size());
    ++at;
    int lines = 0;
    for (const SeedKpiLine& seed : Seed002KpiTable()) {
        ASSERT_LT(at, sheet->rows.size());
        const auto& cells = sheet->rows[at++].cells;
        ASSERT_GE(cells.size(), 12u);
        EXPECT_EQ(cells[2], seed.kpi);
        EXPECT_EQ(cells[4], seed.label);
        EXPECT_EQ(cells[6], seed.groups);
        EXPECT_EQ(cells[7], seed.target_2561);
        EXPECT_EQ(cells[8], seed.result_2561);
        EXPECT_EQ(cells[9], seed.target_2562);
        ++lines;
    }
    EXPECT_EQ(lines, 37);
    // KPI 17: 80.36 against 100 is close (≥ 80 %), and says why.
    for (const auto& row : sheet->rows) {
        if (row.cells.size() > 11 && row.cells[2] == "17") {
            EXPECT_EQ(row.cells[10], "ใกล้เคียง");
            EXPECT_NE(row.cells[11].find("80.36"), std::string::npos);
        }
    }
}

}  // namespace
}  // namespace khet::testing
