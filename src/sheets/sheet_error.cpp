#include "sheets/sheet_error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "thai/text_hygiene.hpp"

namespace khet::sheets {

std::string FieldName(std::string_view source, int row, std::string_view column) {
    std::string name(source);
    if (row > 0) {
        name += ":row ";
        name += std::to_string(row);
        if (!column.empty()) {
            name += ':';
            name += column;
        }
    }
    return name;
}

std::unexpected<Error> FileProblem(std::string_view source, std::string message,
                                   std::string detail) {
    return InvalidArgument(std::move(message),
                           {FieldError{FieldName(source, 0, {}), std::move(detail), 0, {}}});
}

std::unexpected<Error> RowProblem(std::string_view source, int row, std::string_view column,
                                  std::string message, std::string detail) {
    return InvalidArgument(
        std::move(message),
        {FieldError{FieldName(source, row, column), std::move(detail), row, std::string(column)}});
}

std::unexpected<Error> EmptyFileProblem(std::string_view source) {
    return FileProblem(source, fmt::format("ไฟล์ว่างเปล่า: {}", source),
                       "ไฟล์มีขนาด 0 ไบต์ ให้ตรวจว่าเลือกไฟล์ถูกและบันทึกไฟล์แล้ว");
}

std::unexpected<Error> NoRowsProblem(std::string_view source) {
    return FileProblem(source, fmt::format("ไม่มีข้อมูลในไฟล์: {}", source),
                       "ไม่พบแถวที่มีข้อมูล อย่างน้อยต้องมีแถวหัวตาราง");
}

std::string ColumnName(const RowCells* header, int row, std::size_t index) {
    if (header != nullptr && index < header->size() && !(*header)[index].empty() && row > 1) {
        return std::string((*header)[index]);
    }
    std::string letters;
    for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) {
        letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    }
    return "คอลัมน์ " + letters;
}

Result<std::string> CellText(std::string_view raw, std::string_view source, int row,
                             std::string_view column) {
    auto text = CleanText(raw);
    if (!text) {
        return RowProblem(source, row, column,
                          fmt::format("ช่องที่อ่านไม่ได้: {} แถว {} {}", source, row, column),
                          text.error().message);
    }
    return text;
}

std::string FormatCount(std::size_t count) {
    const std::string digits = std::to_string(count);
    std::string grouped;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    return grouped;
}

int LineOfOffset(std::string_view bytes, std::size_t offset) {
    const auto before = bytes.substr(0, offset);
    const auto line_feeds = std::count(before.begin(), before.end(), '\n');
    // Old Mac Excel ends lines with CR alone; a CR followed by LF is counted once, as its LF.
    std::ptrdiff_t lone_returns = 0;
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (before[i] == '\r' && (i + 1 >= bytes.size() || bytes[i + 1] != '\n')) ++lone_returns;
    }
    return static_cast<int>(1 + line_feeds + lone_returns);
}

}  // namespace khet::sheets
