#pragma once
// Reading a PDF back as text (poppler-utils' pdftotext), for tests that check what was printed.
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace khet::testing {

bool HaveCommand(const std::string& name);

/// What `command` writes on standard output.
std::string RunCommand(const std::string& command);

/// The text of each page of `pdf` (written to `dir` as out.pdf): `mode` "-layout" as the page
/// lays it out, "-raw" in the order it was drawn.
std::vector<std::string> PdfPages(const std::string& pdf, const TempDir& dir,
                                  const std::string& mode = "-layout");

}  // namespace khet::testing

/// Skips the test when a command of poppler-utils is missing.
#define REQUIRE_COMMAND(name)                \
    if (!::khet::testing::HaveCommand(name)) \
    GTEST_SKIP() << name << " is not installed (poppler-utils)"
