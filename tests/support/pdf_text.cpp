#include "tests/support/pdf_text.hpp"

#include <cstdio>
#include <cstdlib>

namespace khet::testing {

bool HaveCommand(const std::string& name) {
    return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

std::string RunCommand(const std::string& command) {
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return output;
    char buffer[4096];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
    pclose(pipe);
    return output;
}

std::vector<std::string> PdfPages(const std::string& pdf, const TempDir& dir,
                                  const std::string& mode) {
    const auto path = dir.Write("out.pdf", pdf);
    const std::string text = RunCommand("pdftotext " + mode + " '" + path.string() + "' -");
    std::vector<std::string> pages;
    std::size_t start = 0;
    for (std::size_t feed; (feed = text.find('\f', start)) != std::string::npos; start = feed + 1) {
        pages.push_back(text.substr(start, feed - start));
    }
    return pages;
}

}  // namespace khet::testing
