#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/support/temp_dir.hpp"

namespace khet::http {
namespace {

// docs/SECURITY.md: a dotfile left in the web folder (.env, .git) was served to anyone.
TEST(StaticFiles, ServesTheBundleButNoDotfileOrDotFolder) {
    const testing::TempDir web;
    std::filesystem::create_directories(web.File("assets/.cache"));
    std::filesystem::create_directories(web.File(".git"));
    web.Write("index.html", "<!doctype html>");
    web.Write("assets/app-1a2b.js", "console.log(1)");
    web.Write(".env", "SECRET=1");
    web.Write(".git/config", "[core]");
    web.Write("assets/.cache/x", "x");
    web.Write("assets/.app.js.swp", "x");
    const StaticFiles files(web.Path());
    EXPECT_TRUE(files.Find("/"));
    EXPECT_TRUE(files.Find("/assets/app-1a2b.js"));
    for (const char* hidden :
         {"/.env", "/.git/config", "/assets/.cache/x", "/assets/.app.js.swp"}) {
        EXPECT_FALSE(files.Find(hidden)) << hidden;
    }
}

}  // namespace
}  // namespace khet::http
