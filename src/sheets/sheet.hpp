#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/deadline.hpp"
#include "base/error.hpp"

namespace khet::sheets {

/// The text of every cell of a sheet, end to end: a cell is a range of it. A national census
/// (443,655 rows of 5 cells) takes 30 MB so, where a string per cell took 90 MB and more.
struct SheetText {
    std::string text;
    std::vector<std::uint32_t> ends;  // cell i is text[ends[i - 1], ends[i]), the first from 0
};

/// The cells of one row, each a view of its sheet's text (valid while a copy of the sheet is).
class RowCells {
  public:
    class Iterator {
      public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = std::string_view;

        Iterator() = default;
        Iterator(const RowCells* cells, std::size_t index) : cells_(cells), index_(index) {}
        std::string_view operator*() const { return (*cells_)[index_]; }
        std::string_view operator[](difference_type n) const {
            return (*cells_)[index_ + static_cast<std::size_t>(n)];
        }
        Iterator& operator++() { return ++index_, *this; }
        Iterator operator++(int) { return Iterator(cells_, index_++); }
        Iterator& operator--() { return --index_, *this; }
        Iterator operator--(int) { return Iterator(cells_, index_--); }
        Iterator& operator+=(difference_type n) {
            index_ = static_cast<std::size_t>(static_cast<difference_type>(index_) + n);
            return *this;
        }
        Iterator& operator-=(difference_type n) { return *this += -n; }
        friend Iterator operator+(Iterator it, difference_type n) { return it += n; }
        friend Iterator operator+(difference_type n, Iterator it) { return it += n; }
        friend Iterator operator-(Iterator it, difference_type n) { return it -= n; }
        friend difference_type operator-(const Iterator& a, const Iterator& b) {
            return static_cast<difference_type>(a.index_) - static_cast<difference_type>(b.index_);
        }
        friend bool operator==(const Iterator& a, const Iterator& b) {
            return a.index_ == b.index_;
        }
        friend auto operator<=>(const Iterator& a, const Iterator& b) {
            return a.index_ <=> b.index_;
        }

      private:
        const RowCells* cells_ = nullptr;
        std::size_t index_ = 0;
    };
    using value_type = std::string_view;
    using const_iterator = Iterator;
    using iterator = Iterator;
    using size_type = std::size_t;

    RowCells() = default;
    RowCells(const SheetText* text, std::uint32_t first, std::uint32_t count)
        : text_(text), first_(first), count_(count) {}

    std::size_t size() const { return count_; }
    bool empty() const { return count_ == 0; }
    std::string_view operator[](std::size_t i) const {
        const std::size_t cell = first_ + i;
        const std::uint32_t begin = cell == 0 ? 0 : text_->ends[cell - 1];
        return std::string_view(text_->text).substr(begin, text_->ends[cell] - begin);
    }
    std::string_view at(std::size_t i) const;  // std::out_of_range past the row's last cell
    std::string_view front() const { return (*this)[0]; }
    std::string_view back() const { return (*this)[count_ - 1]; }
    Iterator begin() const { return Iterator(this, 0); }
    Iterator end() const { return Iterator(this, count_); }

  private:
    const SheetText* text_ = nullptr;
    std::uint32_t first_ = 0;
    std::uint32_t count_ = 0;
};

/// One non-empty row of a file; `number` is the row Excel shows for it (1-based, counting empty
/// rows; in CSV a quoted cell with line breaks keeps its record on one row).
struct SheetRow {
    int number = 0;
    RowCells cells;  // UTF-8, clean one-line text; a CSV row may be shorter or longer than its
                     // header, an XLSX row ends at its last non-empty cell
};

/// A spreadsheet file as rows of UTF-8 text: the input edge of every import. Copies share
/// their cells' text, which no one changes once the sheet is read.
struct Sheet {
    std::string source;          // file name as the user knows it, used in every error
    std::vector<SheetRow> rows;  // all non-empty rows including the header row; never empty
    std::string encoding_note;  // "แปลงจาก Windows-874 (TIS-620) เป็น UTF-8", or empty
    std::string sha256 = {};  // of the file's bytes as received, lower-case hex (ReadSheet)
    std::shared_ptr<SheetText> cells = std::make_shared<SheetText>();

    /// Appends a row of `number` with `values` as its cells (the readers' one way to add).
    template <typename Values>
    void AddRow(int number, const Values& values) {
        const auto first = static_cast<std::uint32_t>(cells->ends.size());
        for (const auto& value : values) {
            cells->text.append(value);
            cells->ends.push_back(static_cast<std::uint32_t>(cells->text.size()));
        }
        rows.push_back(SheetRow{
            number,
            RowCells(cells.get(), first, static_cast<std::uint32_t>(cells->ends.size() - first))});
    }
};

/// SHA-256 of `bytes`, lower-case hex: the file's fingerprint in the audit trail.
std::string Sha256Hex(std::string_view bytes);

inline constexpr std::size_t kMaxFileBytes = std::size_t{64} * 1024 * 1024;
/// Cells of one file: the national census (443,656 rows of 5 cells) twice over.
inline constexpr std::size_t kMaxCells = 5'000'000;
/// The text of all cells of one file. A workbook's cells can name one shared string many times,
/// so a small file can spell far more text than it holds; and cells are ranges of 32 bits.
inline constexpr std::size_t kMaxCellText = std::size_t{256} * 1024 * 1024;

/// What one file may ask of the reader. Each limit, when passed, is refused with a message
/// that says which; the reader stops at the first, so a hostile file costs no more than that.
struct ReadLimits {
    std::size_t max_bytes = kMaxFileBytes;  // the file as received
    std::size_t max_cells = kMaxCells;
    std::size_t max_text = kMaxCellText;    // bytes of all cells together
    Deadline deadline = Deadline::Never();  // the client's going, or the time the read may take
};

/// CSV or TSV (delimiter from the first line) in UTF-8 (BOM or not), UTF-16 with BOM, or else
/// Windows-874; kInvalidArgument naming file, row and column for anything unreadable.
Result<Sheet> ReadCsv(std::string_view bytes, std::string source, const ReadLimits& limits = {});

/// The first worksheet of an .xlsx; numbers as written (integers without ".0"), date-formatted
/// numbers as ISO dates; kInvalidArgument "ไฟล์ XLSX เสียหายหรือไม่ครบ: <source>" when broken, and
/// for parts that inflate too far (a ZIP bomb), a row over 16 MB or a formula without its value.
Result<Sheet> ReadXlsx(std::string_view bytes, std::string source, const ReadLimits& limits = {});

/// XLSX when the bytes start with a ZIP header, else CSV/TSV; kInvalidArgument for files over
/// limits.max_bytes, empty files and Excel 97-2003 (.xls) or password-protected workbooks;
/// limits.deadline's error when it passes first.
Result<Sheet> ReadSheet(std::string_view bytes, std::string source, const ReadLimits& limits = {});

/// ReadSheet on a file's content, source = the file's name; kNotFound when it does not exist,
/// kUnavailable when it cannot be read; the size is checked before anything is read.
Result<Sheet> ReadSheetFile(const std::filesystem::path& path, const ReadLimits& limits = {});

}  // namespace khet::sheets
