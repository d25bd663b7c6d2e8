#include "sheets/sheet.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "sheets/sheet_error.hpp"

namespace khet::sheets {
namespace {

constexpr std::string_view kZipSignature = "PK\x03\x04";
// Compound File Binary: Excel 97-2003 workbooks, and .xlsx files saved with a password.
constexpr std::string_view kCompoundFileSignature = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

std::unexpected<Error> TooLarge(std::string_view source, std::uintmax_t size,
                                std::size_t max_bytes) {
    constexpr double kMegabyte = 1024.0 * 1024.0;
    return FileProblem(source,
                       fmt::format("ไฟล์ใหญ่เกินกำหนด: {} มีขนาด {:.1f} MB เกินกว่า {:.1f} MB", source,
                                   static_cast<double>(size) / kMegabyte,
                                   static_cast<double>(max_bytes) / kMegabyte),
                       "ให้แบ่งข้อมูลเป็นหลายไฟล์ หรือลบคอลัมน์ที่ไม่ใช้ออก");
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
    static const int initialised = sodium_init();  // thread-safe, once per process
    (void)initialised;
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest;
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                       bytes.size());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex;
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data());
}

std::string_view RowCells::at(std::size_t i) const {
    if (i >= count_) throw std::out_of_range("RowCells::at");
    return (*this)[i];
}

Result<Sheet> ReadSheet(std::string_view bytes, std::string source, const ReadLimits& limits) {
    if (bytes.size() > limits.max_bytes) return TooLarge(source, bytes.size(), limits.max_bytes);
    if (bytes.empty()) return EmptyFileProblem(source);
    if (bytes.starts_with(kCompoundFileSignature)) {
        return FileProblem(
            source, fmt::format("ไฟล์ Excel 97-2003 (.xls) หรือไฟล์ที่ตั้งรหัสผ่านยังอ่านไม่ได้: {}", source),
            "ให้เปิดใน Excel แล้วบันทึกเป็น .xlsx (ไม่ตั้งรหัสผ่าน) หรือ CSV UTF-8");
    }
    auto sheet = bytes.starts_with(kZipSignature) ? ReadXlsx(bytes, std::move(source), limits)
                                                  : ReadCsv(bytes, std::move(source), limits);
    if (sheet) sheet->sha256 = Sha256Hex(bytes);
    return sheet;
}

Result<Sheet> ReadSheetFile(const std::filesystem::path& path, const ReadLimits& limits) {
    auto source = path.filename().string();
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (!std::filesystem::exists(status)) {
        return Fail(ErrorCode::kNotFound, fmt::format("ไม่พบไฟล์: {}", path.string()),
                    {FieldError{source, "ตรวจชื่อและที่อยู่ของไฟล์", 0, {}}});
    }
    if (!std::filesystem::is_regular_file(status)) {
        return FileProblem(source, fmt::format("ไม่ใช่ไฟล์ข้อมูล: {}", path.string()),
                           "ให้เลือกไฟล์ .xlsx หรือ .csv ไม่ใช่โฟลเดอร์");
    }
    const auto size = std::filesystem::file_size(path, error);
    const auto unreadable = [&](std::string_view reason) {
        return Fail(ErrorCode::kUnavailable,
                    fmt::format("อ่านไฟล์ไม่ได้: {} ({})", path.string(), reason),
                    {FieldError{source, "ตรวจสิทธิ์การอ่านไฟล์ แล้วลองอีกครั้ง", 0, {}}});
    };
    if (error) return unreadable(error.message());
    if (size > limits.max_bytes) return TooLarge(source, size, limits.max_bytes);

    std::string bytes(static_cast<std::size_t>(size), '\0');
    std::ifstream file(path, std::ios::binary);
    if (!file) return unreadable(std::strerror(errno));
    file.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (file.gcount() != static_cast<std::streamsize>(bytes.size())) {
        return unreadable("short read");
    }
    return ReadSheet(bytes, std::move(source), limits);
}

}  // namespace khet::sheets
