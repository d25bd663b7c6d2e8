#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/deadline.hpp"
#include "base/error.hpp"

namespace khet::sheets {

/// One non-empty row of a file; `number` is the row Excel shows for it (1-based, counting empty
/// rows; in CSV a quoted cell with line breaks keeps its record on one row).
struct SheetRow {
    int number = 0;
    std::vector<std::string> cells;  // UTF-8, trimmed; a CSV row may be shorter or longer than its
                                     // header, an XLSX row ends at its last non-empty cell
};

/// A spreadsheet file as rows of UTF-8 text: the input edge of every import.
struct Sheet {
    std::string source;          // file name as the user knows it, used in every error
    std::vector<SheetRow> rows;  // all non-empty rows including the header row; never empty
    std::string encoding_note;  // "แปลงจาก Windows-874 (TIS-620) เป็น UTF-8", or empty
    std::string sha256 = {};  // of the file's bytes as received, lower-case hex (ReadSheet)
};

/// SHA-256 of `bytes`, lower-case hex: the file's fingerprint in the audit trail.
std::string Sha256Hex(std::string_view bytes);

inline constexpr std::size_t kMaxFileBytes = std::size_t{64} * 1024 * 1024;
/// Non-empty cells of one file: the national census (443,656 rows of 5 cells) twice over.
inline constexpr std::size_t kMaxCells = 5'000'000;

/// What one file may ask of the reader. Each limit, when passed, is refused with a message
/// that says which; the reader stops at the first, so a hostile file costs no more than that.
struct ReadLimits {
    std::size_t max_bytes = kMaxFileBytes;  // the file as received
    std::size_t max_cells = kMaxCells;
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
