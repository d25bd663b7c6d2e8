#include "reports/render_support.hpp"

#include <cmath>
#include <cstdint>
#include <type_traits>
#include <variant>

#include "base/utf8.hpp"
#include "thai/text_hygiene.hpp"

namespace khet::reports::internal {
namespace {

bool IsThaiMark(char32_t code) {
    return code == 0x0E31 || (code >= 0x0E34 && code <= 0x0E3A) ||
           (code >= 0x0E47 && code <= 0x0E4E);
}

// Calls `visit` on every text of `document` (const or not).
template <typename AnyDocument, typename Visit>
void ForEachText(AnyDocument& document, Visit visit) {
    visit(document.title);
    for (auto& line : document.provenance) visit(line);
    for (auto& block : document.blocks) {
        std::visit(
            [&](auto& part) {
                using Part = std::remove_cvref_t<decltype(part)>;
                if constexpr (std::is_same_v<Part, Heading> || std::is_same_v<Part, Paragraph>) {
                    visit(part.text);
                } else if constexpr (std::is_same_v<Part, Contents>) {
                    visit(part.title);
                } else if constexpr (std::is_same_v<Part, khet::Table>) {
                    visit(part.id);
                    visit(part.caption);
                    for (auto& column : part.columns) {
                        visit(column.key);
                        visit(column.header);
                    }
                    for (auto& row : part.rows) {
                        for (auto& cell : row.cells) visit(cell.text);
                    }
                    for (auto& note : part.notes) visit(note);
                }
            },
            block);
    }
}

class Checker {
  public:
    void Table(const khet::Table& table, const std::string& at) {
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
                if (cells[c].value && !std::isfinite(*cells[c].value)) {
                    Add(cell + ".value", "ตัวเลขไม่ใช่จำนวนจริงที่จำกัด (value is not finite)");
                }
            }
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
    for (size_t b = 0; b < document.blocks.size(); ++b) {
        if (const auto* table = std::get_if<khet::Table>(&document.blocks[b])) {
            checker.Table(*table, "blocks[" + std::to_string(b) + "]");
        }
    }
    return checker.Done();
}

const Document& Printable(const Document& document, std::optional<Document>& copy) {
    bool printable = true;
    ForEachText(document,
                [&](const std::string& text) { printable = printable && IsPrintableText(text); });
    if (printable) return document;
    copy = document;
    ForEachText(*copy, [](std::string& text) {
        if (!IsPrintableText(text)) text = PrintableText(text);
    });
    return *copy;
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
