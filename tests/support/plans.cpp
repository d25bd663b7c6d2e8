#include "tests/support/plans.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "services/plan_file.hpp"

namespace khet::testing {
namespace {

Plan WithoutLines(Plan plan) {
    for (PlanItem& item : plan.tree.items) item.line = 0;
    for (Kpi& kpi : plan.kpis) {
        kpi.line = 0;
        for (KpiRow& row : kpi.rows) row.line = 0;
    }
    for (Alignment& link : plan.alignments) link.line = 0;
    return plan;
}

}  // namespace

std::string SourceText(const std::string& relative_path) {
    std::ifstream in(std::filesystem::path(KHET_SOURCE_DIR) / relative_path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<NamedText> SeedPlanFiles() {
    std::vector<NamedText> files;
    for (const char* dir : {"data/frameworks", "data/plans"}) {
        std::vector<std::string> names;
        for (const auto& entry :
             std::filesystem::directory_iterator(std::filesystem::path(KHET_SOURCE_DIR) / dir)) {
            names.push_back(std::string(dir) + "/" + entry.path().filename().string());
        }
        std::sort(names.begin(), names.end());
        for (const std::string& name : names) files.push_back({name, SourceText(name)});
    }
    return files;
}

Plan SeedPlan(const std::string& name) {
    const std::string path = "data/plans/" + name;
    auto file = ReadPlanFile(path, SourceText(path));
    EXPECT_TRUE(file) << (file ? "" : file.error().message);
    EXPECT_TRUE(file && file->plan) << path << " is not a plan file";
    return file && file->plan ? *file->plan : Plan{};
}

std::vector<SeedKpiLine> Seed002KpiTable() {
    std::vector<SeedKpiLine> lines;
    std::istringstream in(SourceText("tests/data/seed002_kpi_table.tsv"));
    bool header = true;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        if (std::exchange(header, false)) continue;
        std::vector<std::string> cells;
        std::size_t start = 0;
        for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos;
             start = tab + 1) {
            cells.push_back(line.substr(start, tab - start));
        }
        cells.push_back(line.substr(start));
        EXPECT_EQ(cells.size(), 10u) << line;
        if (cells.size() != 10) continue;
        lines.push_back({cells[0], cells[1], cells[2], cells[3], std::stoi(cells[4]), cells[5],
                         cells[6], cells[7], cells[8], cells[9]});
    }
    EXPECT_EQ(lines.size(), 37u);
    return lines;
}

bool SamePlan(const Plan& a, const Plan& b, std::string* why) {
    const Plan x = WithoutLines(a);
    const Plan y = WithoutLines(b);
    const auto differ = [&](const char* part) {
        if (why) *why = part;
        return false;
    };
    if (x.office_code != y.office_code || x.fiscal_year != y.fiscal_year)
        return differ("office/year");
    if (x.title != y.title || x.status != y.status || x.source != y.source) return differ("head");
    if (x.tree.items != y.tree.items) return differ("items");
    if (x.tree.numbering != y.tree.numbering) return differ("numbering");
    if (x.groups != y.groups) return differ("groups");
    if (x.kpis != y.kpis) return differ("kpis");
    if (x.alignments != y.alignments) return differ("alignments");
    if (x.rules.bands != y.rules.bands || x.rules.otherwise != y.rules.otherwise) {
        return differ("status rules");
    }
    return true;
}

}  // namespace khet::testing
