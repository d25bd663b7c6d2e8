#include "tests/support/temp_dir.hpp"

#include <fstream>
#include <random>
#include <stdexcept>

namespace khet::testing {

TempDir::TempDir() {
    std::random_device device;
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate =
            std::filesystem::temp_directory_path() / ("khet-test-" + std::to_string(device()));
        if (std::filesystem::create_directory(candidate)) {
            path_ = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::Write(const std::string& name, const std::string& content) const {
    auto path = path_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

std::filesystem::path SourcePath(const std::string& relative) {
    return std::filesystem::path(KHET_SOURCE_DIR) / relative;
}

std::filesystem::path SharedDataPath(const std::string& relative) {
    return std::filesystem::path(KHET_SOURCE_DIR) / ".." / "shared" / "data" / relative;
}

}  // namespace khet::testing
