#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>
#include <variant>

#include "reports/render.hpp"
#include "reports/render_support.hpp"

namespace khet::reports {
namespace {

// Excel users have TH Sarabun New; 16 pt is the size of Thai official documents.
constexpr const char* kFontName = "TH Sarabun New";
constexpr double kFontSize = 16;
constexpr uint8_t kPaperA4 = 9;
constexpr size_t kMaxSheetName = 31;

// Excel measures column widths in widths of "0" in Calibri 11 (7 px); a character of TH Sarabun
// New 16 is about 8.4 px, plus a few pixels of cell padding.
double ColumnWidth(int characters) { return std::clamp(1.2 * characters + 2.0, 8.0, 60.0); }

// Headers wrap, so a long header widens its column only this far.
constexpr int kMaxHeaderCharacters = 14;

enum class NumberStyle { kText, kInteger, kDecimal, kRatio };

NumberStyle StyleOf(CellKind kind) {
    switch (kind) {
        case CellKind::kText:
            return NumberStyle::kText;
        case CellKind::kInteger:
            return NumberStyle::kInteger;
        case CellKind::kDecimal:
        case CellKind::kPercent:
            return NumberStyle::kDecimal;
        case CellKind::kRatio:
            return NumberStyle::kRatio;
    }
    return NumberStyle::kText;
}

/// The workbook's few cell formats, each made once: libxlsxwriter keeps every format added.
class Formats {
  public:
    explicit Formats(lxw_workbook* workbook) : workbook_(workbook) {
        plain_ = New();
        caption_ = New();
        format_set_bold(caption_);
        header_ = New();
        format_set_bold(header_);
        format_set_border(header_, LXW_BORDER_THIN);
        format_set_text_wrap(header_);
        format_set_align(header_, LXW_ALIGN_CENTER);
        format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);
    }

    lxw_format* Plain() const { return plain_; }
    lxw_format* Caption() const { return caption_; }
    lxw_format* Header() const { return header_; }

    lxw_format* Body(NumberStyle style, RowRole role, bool align_right) {
        const auto key = std::tuple(style, role, align_right);
        if (auto found = body_.find(key); found != body_.end()) return found->second;
        lxw_format* format = New();
        switch (style) {
            case NumberStyle::kText:
                format_set_text_wrap(format);
                break;
            case NumberStyle::kInteger:
                format_set_num_format(format, "#,##0");
                break;
            case NumberStyle::kDecimal:
                format_set_num_format(format, "#,##0.00");
                break;
            // Shows 1:17.28 while the cell stays the number 17.28 for formulas and charts.
            case NumberStyle::kRatio:
                format_set_num_format(format, "\"1:\"0.00");
                break;
        }
        if (align_right) format_set_align(format, LXW_ALIGN_RIGHT);
        format_set_align(format, LXW_ALIGN_VERTICAL_TOP);
        if (role != RowRole::kBody) format_set_bold(format);
        if (role == RowRole::kTotal) format_set_top(format, LXW_BORDER_THIN);
        body_.emplace(key, format);
        return format;
    }

  private:
    lxw_format* New() const {
        lxw_format* format = workbook_add_format(workbook_);
        format_set_font_name(format, kFontName);
        format_set_font_size(format, kFontSize);
        return format;
    }

    lxw_workbook* workbook_;
    lxw_format* plain_;
    lxw_format* caption_;
    lxw_format* header_;
    std::map<std::tuple<NumberStyle, RowRole, bool>, lxw_format*> body_;
};

/// Excel's rules for a sheet name: at most 31 characters, none of []:*?/\, not quoted, and
/// unique regardless of case.
class SheetNames {
  public:
    std::string Next(const std::string& id) {
        std::string base;
        for (char c : id) {
            base += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
        }
        while (!base.empty() && base.front() == '\'') base.erase(0, 1);
        while (!base.empty() && base.back() == '\'') base.pop_back();
        if (base.empty()) base = "Sheet" + std::to_string(used_.size() + 1);
        std::string name = Truncate(base, kMaxSheetName);
        for (int n = 2; used_.contains(Lower(name)); ++n) {
            const std::string suffix = "_" + std::to_string(n);
            name = Truncate(base, kMaxSheetName - suffix.size()) + suffix;
        }
        used_.insert(Lower(name));
        return name;
    }

  private:
    // Cuts at a code point boundary; Excel counts characters, not bytes.
    static std::string Truncate(const std::string& text, size_t characters) {
        size_t count = 0;
        for (size_t i = 0; i < text.size(); ++i) {
            if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
            if (count++ == characters) return text.substr(0, i);
        }
        return text;
    }

    static std::string Lower(std::string text) {
        for (char& c : text) {
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        return text;
    }

    std::set<std::string> used_;
};

/// Writes cells and remembers the first failure; libxlsxwriter refuses, for one, strings longer
/// than Excel's 32,767 characters.
class SheetWriter {
  public:
    SheetWriter(lxw_worksheet* sheet, lxw_error& first_error)
        : sheet_(sheet), first_error_(first_error) {}

    void String(lxw_row_t row, lxw_col_t col, const std::string& text, lxw_format* format) {
        Check(worksheet_write_string(sheet_, row, col, text.c_str(), format));
    }
    void Number(lxw_row_t row, lxw_col_t col, double value, lxw_format* format) {
        Check(worksheet_write_number(sheet_, row, col, value, format));
    }
    void Check(lxw_error error) {
        if (error != LXW_NO_ERROR && first_error_ == LXW_NO_ERROR) first_error_ = error;
    }

  private:
    lxw_worksheet* sheet_;
    lxw_error& first_error_;
};

void WriteTable(lxw_worksheet* sheet, const Table& table, const Document& document,
                Formats& formats, lxw_error& first_error) {
    SheetWriter writer(sheet, first_error);
    lxw_row_t row = 0;
    writer.String(row++, 0, table.caption, formats.Caption());

    std::vector<int> widths(table.columns.size(), 0);
    const lxw_row_t header_row = row++;
    for (size_t c = 0; c < table.columns.size(); ++c) {
        const Column& column = table.columns[c];
        writer.String(header_row, static_cast<lxw_col_t>(c), column.header, formats.Header());
        widths[c] = std::min(internal::DisplayWidth(column.header), kMaxHeaderCharacters);
    }

    for (const Row& body_row : table.rows) {
        for (size_t c = 0; c < body_row.cells.size(); ++c) {
            const Cell& cell = body_row.cells[c];
            const bool right = internal::IsNumeric(table.columns[c].kind);
            const auto col = static_cast<lxw_col_t>(c);
            if (cell.value && internal::IsNumeric(cell.kind)) {
                writer.Number(row, col, *cell.value,
                              formats.Body(StyleOf(cell.kind), body_row.role, right));
            } else {
                writer.String(row, col, cell.text,
                              formats.Body(NumberStyle::kText, body_row.role, right));
            }
            widths[c] = std::max(widths[c], internal::DisplayWidth(cell.text));
        }
        ++row;
    }

    if (!table.notes.empty()) ++row;
    for (const std::string& note : table.notes) writer.String(row++, 0, note, formats.Plain());
    if (!document.provenance.empty()) ++row;
    for (const std::string& line : document.provenance) {
        writer.String(row++, 0, line, formats.Plain());
    }

    for (size_t c = 0; c < widths.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        writer.Check(worksheet_set_column(sheet, col, col, ColumnWidth(widths[c]), nullptr));
    }
    worksheet_freeze_panes(sheet, header_row + 1, 0);
    worksheet_set_paper(sheet, kPaperA4);
    writer.Check(worksheet_repeat_rows(sheet, header_row, header_row));
    worksheet_fit_to_pages(sheet, 1, 0);
}

// A document without tables still opens as something: its prose on one sheet.
void WriteProse(lxw_worksheet* sheet, const Document& document, Formats& formats,
                lxw_error& first_error) {
    SheetWriter writer(sheet, first_error);
    lxw_row_t row = 0;
    writer.String(row++, 0, document.title, formats.Caption());
    for (const Block& block : document.blocks) {
        if (const auto* heading = std::get_if<Heading>(&block)) {
            writer.String(row++, 0, heading->text, formats.Caption());
        } else if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
            writer.String(row++, 0, paragraph->text, formats.Plain());
        }
    }
    if (!document.provenance.empty()) ++row;
    for (const std::string& line : document.provenance) {
        writer.String(row++, 0, line, formats.Plain());
    }
}

/// libxlsxwriter 1.1.4 (Debian 12) writes only to a named file, so the workbook goes through a
/// private temporary file that this removes.
class TempFile {
  public:
    static Result<TempFile> Create() {
        std::error_code error;
        const auto folder = std::filesystem::temp_directory_path(error);
        if (error) return Fail(ErrorCode::kUnavailable, "ไม่มีโฟลเดอร์ชั่วคราว: " + error.message());
        std::string pattern = (folder / "khet-XXXXXX.xlsx").string();
        const int fd = mkstemps(pattern.data(), 5);
        if (fd < 0) return Fail(ErrorCode::kUnavailable, "สร้างไฟล์ชั่วคราวไม่ได้: " + pattern);
        close(fd);
        return TempFile(std::move(pattern));
    }

    TempFile(TempFile&& other) noexcept : path_(std::exchange(other.path_, {})) {}
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    TempFile& operator=(TempFile&&) = delete;
    ~TempFile() {
        if (!path_.empty()) std::remove(path_.c_str());
    }

    const std::string& Path() const { return path_; }

    Result<std::string> Read() const {
        std::ifstream in(path_, std::ios::binary);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        if (!in) return Fail(ErrorCode::kUnavailable, "อ่านไฟล์ชั่วคราวไม่ได้: " + path_);
        return std::move(bytes).str();
    }

  private:
    explicit TempFile(std::string path) : path_(std::move(path)) {}
    std::string path_;
};

}  // namespace

Result<std::string> RenderXlsx(const Document& as_stored) {
    std::optional<Document> copy;
    const Document& document = internal::Printable(as_stored, copy);
    if (auto checked = internal::CheckDocument(document); !checked) {
        return std::unexpected(checked.error());
    }
    auto file = TempFile::Create();
    if (!file) return std::unexpected(file.error());

    lxw_workbook_options options = {
        .constant_memory = LXW_FALSE, .tmpdir = nullptr, .use_zip64 = LXW_FALSE};
    lxw_workbook* workbook = workbook_new_opt(file->Path().c_str(), &options);
    if (workbook == nullptr) {
        return Fail(ErrorCode::kUnavailable, "สร้างสมุดงาน XLSX ไม่ได้: " + file->Path());
    }
    lxw_error first_error = LXW_NO_ERROR;
    lxw_doc_properties properties = {};
    properties.title = const_cast<char*>(document.title.c_str());
    properties.comments = const_cast<char*>("Khet");
    if (const lxw_error error = workbook_set_properties(workbook, &properties)) {
        first_error = error;
    }

    Formats formats(workbook);
    SheetNames names;
    bool any_table = false;
    for (const Block& block : document.blocks) {
        const auto* table = std::get_if<Table>(&block);
        if (table == nullptr) continue;
        any_table = true;
        lxw_worksheet* sheet = workbook_add_worksheet(workbook, names.Next(table->id).c_str());
        if (sheet == nullptr) {
            if (first_error == LXW_NO_ERROR) first_error = LXW_ERROR_SHEETNAME_ALREADY_USED;
            continue;
        }
        WriteTable(sheet, *table, document, formats, first_error);
    }
    if (!any_table) {
        lxw_worksheet* sheet = workbook_add_worksheet(workbook, "เอกสาร");
        if (sheet != nullptr) WriteProse(sheet, document, formats, first_error);
    }

    // workbook_close frees the workbook whether or not it wrote the file.
    const lxw_error closed = workbook_close(workbook);
    if (first_error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
        return InvalidArgument("ข้อความในเซลล์ยาวเกิน 32,767 ตัวอักษรที่ Excel รับได้");
    }
    if (first_error != LXW_NO_ERROR) {
        return Fail(ErrorCode::kInternal,
                    std::string("libxlsxwriter: ") + lxw_strerror(first_error));
    }
    if (closed != LXW_NO_ERROR) {
        return Fail(ErrorCode::kUnavailable,
                    std::string("เขียนไฟล์ XLSX ไม่ได้: ") + lxw_strerror(closed));
    }
    return file->Read();
}

}  // namespace khet::reports
