#include "reports/render.hpp"

#include <algorithm>
#include <cctype>

#include "base/assert.hpp"

namespace khet::reports {

Result<Format> ParseFormat(std::string_view name) {
    std::string lower(name);
    std::ranges::transform(lower, lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "csv") return Format::kCsv;
    if (lower == "xlsx") return Format::kXlsx;
    if (lower == "pdf") return Format::kPdf;
    const std::string message =
        "ไม่รู้จักรูปแบบไฟล์ \"" + std::string(name) + "\": ใช้ได้เฉพาะ csv, xlsx หรือ pdf";
    return InvalidArgument(message, {FieldError{"format", message, 0, ""}});
}

const char* ContentType(Format format) {
    switch (format) {
        case Format::kCsv:
            return "text/csv; charset=utf-8";
        case Format::kXlsx:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        case Format::kPdf:
            return "application/pdf";
    }
    KHET_UNREACHABLE("Format outside the enum");
}

const char* FileExtension(Format format) {
    switch (format) {
        case Format::kCsv:
            return "csv";
        case Format::kXlsx:
            return "xlsx";
        case Format::kPdf:
            return "pdf";
    }
    KHET_UNREACHABLE("Format outside the enum");
}

Result<std::string> Render(const Document& document, Format format) {
    switch (format) {
        case Format::kCsv:
            return RenderCsv(document);
        case Format::kXlsx:
            return RenderXlsx(document);
        case Format::kPdf:
            return RenderPdf(document);
    }
    KHET_UNREACHABLE("Format outside the enum");
}

}  // namespace khet::reports
