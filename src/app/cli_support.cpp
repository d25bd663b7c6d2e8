#include "app/cli_support.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>

namespace khet::app {

int Report(const Error& error) {
    std::fprintf(stderr, "ผิดพลาด: %s\n", Describe(error).c_str());
    return error.code == ErrorCode::kInvalidArgument || error.code == ErrorCode::kNotFound ? 2 : 1;
}

int WriteOutput(const std::string& output, std::string_view bytes) {
    if (output.empty() || output == "-") {
        std::fwrite(bytes.data(), 1, bytes.size(), stdout);
        return 0;
    }
    const std::string temporary = output + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) {
            std::remove(temporary.c_str());
            return Report(
                Error{ErrorCode::kUnavailable, fmt::format("เขียนไฟล์ {} ไม่ได้", output), {}});
        }
    }
    if (std::rename(temporary.c_str(), output.c_str()) != 0) {
        std::remove(temporary.c_str());
        return Report(Error{ErrorCode::kUnavailable, fmt::format("เขียนไฟล์ {} ไม่ได้", output), {}});
    }
    std::fprintf(stderr, "เขียน %s แล้ว (%zu ไบต์)\n", output.c_str(), bytes.size());
    return 0;
}

}  // namespace khet::app
