#include "reports/render_support.hpp"

#include <cmath>
#include <cstdint>
#include <variant>

#include "base/utf8.hpp"

namespace khet::reports::internal {
namespace {

bool IsThaiMark(char32_t code) {
    return code == 0x0E31 || (code >= 0x0E34 && code <= 0x0E3A) ||
           (code >= 0x0E47 && code <= 0x0E4E);
}

class Checker {
  public:
    void Text(const std::string& text, const std::string& field) {
        if (!IsValidUtf8(text)) Add(field, "ข้อความไม่ใช่ UTF-8 ที่ถูกต้อง (text is not valid UTF-8)");
    }

    void Table(const khet::Table& table, const std::string& at) {
        Text(table.id, at + ".id");
        Text(table.caption, at + ".caption");
        for (size_t c = 0; c < table.columns.size(); ++c) {
            const std::string column = at + ".columns[" + std::to_string(c) + "]";
            Text(table.columns[c].key, column + ".key");
            Text(table.columns[c].header, column + ".header");
        }
        for (size_t r = 0; r < table.rows.size(); ++r) {
            const std::string row = at + ".rows[" + std::to_string(r) + "]";
            const auto& cells = table.rows[r].cells;
            if (cells.size() != table.columns.size()) {
                Add(row, "แถวที่ " + std::to_string(r + 1) + " ของตาราง " + table.id + " มี " +
                             std::to_string(cells.size()) + " ช่อง แต่ตารางมี " +
                             std::to_string(table.columns.size()) + " คอลัมน์");
            }
            for (size_t c = 0; c < cells.size(); ++c) {
                const std::string cell = row + ".cells[" + std::to_string(c) + "]";
                Text(cells[c].text, cell + ".text");
                if (cells[c].value && !std::isfinite(*cells[c].value)) {
                    Add(cell + ".value", "ตัวเลขไม่ใช่จำนวนจริงที่จำกัด (value is not finite)");
                }
            }
        }
        for (size_t n = 0; n < table.notes.size(); ++n) {
            Text(table.notes[n], at + ".notes[" + std::to_string(n) + "]");
        }
    }

    Status Done() {
        if (errors_.empty()) return {};
        return InvalidArgument("เอกสารไม่สมบูรณ์ จึงสร้างไฟล์ไม่ได้", std::move(errors_));
    }

  private:
    void Add(const std::string& field, std::string message) {
        errors_.push_back(FieldError{field, std::move(message), 0, ""});
    }

    std::vector<FieldError> errors_;
};

}  // namespace

Status CheckDocument(const Document& document) {
    Checker checker;
    checker.Text(document.title, "title");
    for (size_t i = 0; i < document.provenance.size(); ++i) {
        checker.Text(document.provenance[i], "provenance[" + std::to_string(i) + "]");
    }
    for (size_t b = 0; b < document.blocks.size(); ++b) {
        const std::string at = "blocks[" + std::to_string(b) + "]";
        const Block& block = document.blocks[b];
        if (const auto* heading = std::get_if<Heading>(&block)) {
            checker.Text(heading->text, at + ".text");
        } else if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
            checker.Text(paragraph->text, at + ".text");
        } else if (const auto* contents = std::get_if<Contents>(&block)) {
            checker.Text(contents->title, at + ".title");
        } else if (const auto* table = std::get_if<khet::Table>(&block)) {
            checker.Table(*table, at);
        }
    }
    return checker.Done();
}

bool IsNumeric(CellKind kind) { return kind != CellKind::kText; }

std::string PlainText(const Cell& cell) {
    if (!cell.value || !IsNumeric(cell.kind)) return cell.text;
    if (cell.kind == CellKind::kInteger) return std::to_string(std::llround(*cell.value));
    // FormatDecimal's rounding, so the CSV agrees digit for digit with what the PDF shows.
    std::string number;
    for (char c : FormatDecimal(*cell.value)) {
        if (c != ',') number += c;
    }
    return cell.kind == CellKind::kRatio ? "1:" + number : number;
}

std::string ThaiDigits(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c >= '0' && c <= '9') {
            out += "\xE0\xB9";  // ๐ is U+0E50, so ๐–๙ share their first two UTF-8 bytes
            out += static_cast<char>(0x90 + (c - '0'));
        } else {
            out += c;
        }
    }
    return out;
}

int DisplayWidth(std::string_view text) {
    int width = 0;
    size_t i = 0;
    while (i < text.size()) {
        if (!IsThaiMark(DecodeUtf8(text, i))) ++width;
    }
    return width;
}

}  // namespace khet::reports::internal
