#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

namespace khet::http {
namespace {

std::string ContentTypeOf(const std::filesystem::path& path) {
    const std::string ext = path.extension().string();
    if (ext == ".html") return "text/html; charset=utf-8";
    if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".png") return "image/png";
    if (ext == ".ico") return "image/x-icon";
    if (ext == ".json") return "application/json; charset=utf-8";
    if (ext == ".woff2") return "font/woff2";
    return "application/octet-stream";
}

// Dotfiles and dot-folders (.env, .git, an editor's backup) are never part of the bundle.
bool Hidden(const std::filesystem::path& relative) {
    for (const auto& part : relative) {
        if (part.string().starts_with('.')) return true;
    }
    return false;
}

constexpr std::string_view kNotBuilt =
    "<!doctype html><html lang=\"th\"><meta charset=\"utf-8\"><title>Khet</title>"
    "<body style=\"font-family:sans-serif\"><h1>Khet</h1><p>ยังไม่ได้สร้างหน้าเว็บ: รัน "
    "<code>make run</code> (หรือ <code>cd web &amp;&amp; npm run build</code>) แล้วเปิดหน้านี้ใหม่</p>"
    "<p>API อยู่ที่ <a href=\"/api/v1/offices\">/api/v1/offices</a></p></body></html>";

}  // namespace

StaticFiles::StaticFiles(const std::filesystem::path& root) {
    std::error_code error;
    if (std::filesystem::is_directory(root, error)) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root, error)) {
            if (!entry.is_regular_file() || Hidden(std::filesystem::relative(entry.path(), root))) {
                continue;
            }
            std::ifstream in(entry.path(), std::ios::binary);
            std::ostringstream bytes;
            bytes << in.rdbuf();
            const std::string url =
                "/" + std::filesystem::relative(entry.path(), root).generic_string();
            Response response{200, ContentTypeOf(entry.path()), bytes.str(), {}};
            // Vite names bundles by content hash: they never change under the same name.
            const bool hashed = url.starts_with("/assets/");
            response.headers.emplace_back(
                "Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
            files_[url] = std::move(response);
        }
    }
    if (!files_.count("/index.html")) {
        files_["/index.html"] =
            Response{200, "text/html; charset=utf-8", std::string(kNotBuilt), {}};
    }
}

std::optional<Response> StaticFiles::Find(std::string_view path) const {
    const std::string key = path == "/" ? "/index.html" : std::string(path);
    const auto found = files_.find(key);
    if (found == files_.end()) return std::nullopt;
    return found->second;
}

}  // namespace khet::http
