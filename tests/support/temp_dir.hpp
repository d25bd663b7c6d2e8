#pragma once

#include <filesystem>
#include <string>

namespace khet::testing {

/// A fresh folder under the system's temporary directory, removed with everything in it.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& Path() const { return path_; }
    std::filesystem::path File(const std::string& name) const { return path_ / name; }
    /// Writes `content` to a file of the folder and returns its path.
    std::filesystem::path Write(const std::string& name, const std::string& content) const;

  private:
    std::filesystem::path path_;
};

/// Absolute path of a file in the source tree ("tests/golden/x.csv").
std::filesystem::path SourcePath(const std::string& relative);
/// Absolute path of the shared data folder beside the repository (../shared/data).
std::filesystem::path SharedDataPath(const std::string& relative);

}  // namespace khet::testing
