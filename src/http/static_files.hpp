#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace khet::http {

/// The built browser UI (web/dist), read into memory once at start-up.
class StaticFiles {
  public:
    /// Loads every file under `root`; an absent folder serves a Thai page saying how to build it.
    explicit StaticFiles(const std::filesystem::path& root);
    /// The file for a GET of `path` ("/" is index.html), or nullopt.
    std::optional<Response> Find(std::string_view path) const;
    std::size_t FileCount() const { return files_.size(); }

  private:
    std::map<std::string, Response> files_;
};

}  // namespace khet::http
