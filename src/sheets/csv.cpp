#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sheets/sheet.hpp"
#include "sheets/sheet_error.hpp"
#include "sheets/text_encoding.hpp"
#include "thai/text_hygiene.hpp"

namespace khet::sheets {
namespace {

/// Thai Excel saves "CSV" with commas and "Unicode text" with tabs; the header line tells which.
char DetectDelimiter(std::string_view text) {
    std::size_t commas = 0;
    std::size_t tabs = 0;
    bool quoted = false;
    for (const char c : text) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted) {
            if (c == '\n' || c == '\r') break;
            if (c == ',') ++commas;
            if (c == '\t') ++tabs;
        }
    }
    return tabs > commas ? '\t' : ',';
}

/// One pass over the text; a cell is built from slices of it, never character by character.
class CsvParser {
  public:
    CsvParser(std::string_view text, char delimiter, Sheet& sheet, const ReadLimits& limits)
        : at_(text.data()),
          end_(text.data() + text.size()),
          delimiter_(delimiter),
          sheet_(sheet),
          limits_(limits) {}

    Status Parse() {
        std::size_t width = 0;
        std::size_t cell_count = 0;
        std::vector<std::string> cells;
        for (int row = 1; at_ < end_; ++row) {
            if (row % 4096 == 0) {
                if (auto going = limits_.deadline.Check("การอ่านไฟล์ " + sheet_.source); !going) {
                    return going;
                }
            }
            cells.reserve(width);
            bool has_content = false;
            for (;;) {
                std::optional<std::string> quoted;
                if (StartsQuoted()) {
                    quoted = ReadQuoted();
                    if (!quoted) return UnterminatedQuote(row, cells.size());
                }
                auto cell =
                    Cell(quoted ? std::string_view(*quoted) : ScanToCellEnd(), row, cells.size());
                if (!cell) return std::unexpected(std::move(cell.error()));
                // Counted as they come: a line of nothing but commas is millions of cells too.
                if (++cell_count > limits_.max_cells) return TooManyCells(row);
                cells.push_back(std::move(*cell));
                has_content = has_content || !cells.back().empty();
                if (at_ == end_) break;
                const char separator = *at_++;
                if (separator == delimiter_) continue;
                if (separator == '\r' && at_ < end_ && *at_ == '\n') ++at_;
                break;
            }
            if (has_content) {
                width = cells.size();
                sheet_.AddRow(row, cells);
            }
            cells.clear();
        }
        return {};
    }

  private:
    // Spaces before an opening quote are tolerated: people type `a, "b, c"` by hand.
    bool StartsQuoted() {
        const char* p = at_;
        while (p < end_ && (*p == ' ' || (*p == '\t' && delimiter_ != '\t'))) ++p;
        if (p == end_ || *p != '"') return false;
        quote_ = p;
        return true;
    }

    std::string_view ScanToCellEnd() {
        const char* begin = at_;
        while (at_ < end_ && *at_ != delimiter_ && *at_ != '\n' && *at_ != '\r') ++at_;
        return {begin, static_cast<std::size_t>(at_ - begin)};
    }

    // The cell as imports store it; its raw bytes are kept when they are clean already.
    Result<std::string> Cell(std::string_view raw, int row, std::size_t index) const {
        if (IsCleanText(raw)) return std::string(raw);
        const RowCells* header = sheet_.rows.empty() ? nullptr : &sheet_.rows.front().cells;
        return CellText(raw, sheet_.source, row, ColumnName(header, row, index));
    }

    // The text of a quoted cell, "" unescaped; nullopt when the file ends before its quote.
    std::optional<std::string> ReadQuoted() {
        std::string value;
        const char* segment = quote_ + 1;
        for (;;) {
            const auto* found = static_cast<const char*>(
                std::memchr(segment, '"', static_cast<std::size_t>(end_ - segment)));
            if (found == nullptr) return std::nullopt;
            value.append(segment, found);
            if (found + 1 < end_ && found[1] == '"') {
                value += '"';
                segment = found + 2;
                continue;
            }
            at_ = found + 1;
            break;
        }
        // Excel keeps text after the closing quote (`"a"b` is ab) rather than refusing the file.
        value.append(ScanToCellEnd());
        return value;
    }

    std::unexpected<Error> TooManyCells(int row) const {
        return RowProblem(
            sheet_.source, row, {},
            fmt::format("ไฟล์ {} มีข้อมูลเกิน {} ช่อง", sheet_.source, FormatCount(limits_.max_cells)),
            fmt::format("ถึงแถว {} แล้วข้อมูลยังไม่หมด ให้แบ่งเป็นหลายไฟล์", row));
    }

    std::unexpected<Error> UnterminatedQuote(int row, std::size_t column_index) const {
        std::string_view column;
        if (!sheet_.rows.empty() && column_index < sheet_.rows.front().cells.size()) {
            column = sheet_.rows.front().cells[column_index];
        }
        return RowProblem(sheet_.source, row, column,
                          fmt::format("เครื่องหมายคำพูด (\") ไม่มีคู่ปิด: {} แถว {}", sheet_.source, row),
                          fmt::format("ช่องที่ {} ของแถว {} เปิดเครื่องหมายคำพูดไว้แต่ไม่ได้ปิดจนจบไฟล์ "
                                      "ให้เพิ่ม \" ปิดท้ายข้อความ หรือเขียน \"\" แทน \" ที่อยู่ในข้อความ",
                                      column_index + 1, row));
    }

    const char* at_;
    const char* const end_;
    const char* quote_ = nullptr;
    const char delimiter_;
    Sheet& sheet_;
    const ReadLimits& limits_;
};

}  // namespace

Result<Sheet> ReadCsv(std::string_view bytes, std::string source, const ReadLimits& limits) {
    if (bytes.empty()) return EmptyFileProblem(source);
    auto text = DecodeText(bytes, source);
    if (!text) return std::unexpected(std::move(text.error()));

    Sheet sheet{.source = std::move(source), .rows = {}, .encoding_note = std::move(text->note)};
    const auto view = text->View();
    if (auto parsed = CsvParser(view, DetectDelimiter(view), sheet, limits).Parse(); !parsed) {
        return std::unexpected(std::move(parsed.error()));
    }
    if (sheet.rows.empty()) return NoRowsProblem(sheet.source);
    return sheet;
}

}  // namespace khet::sheets
