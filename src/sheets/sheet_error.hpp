#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "sheets/sheet.hpp"

namespace khet::sheets {

/// "census.csv:row 12:male", "census.csv:row 12" or "census.csv": the field name every import
/// error uses, so the CLI and the web page point at the same cell.
std::string FieldName(std::string_view source, int row, std::string_view column);

/// A problem of the whole file: `message` names it for the office, `detail` says what to do.
std::unexpected<Error> FileProblem(std::string_view source, std::string message,
                                   std::string detail);

/// A problem at one row (and column header, when known) of the file.
std::unexpected<Error> RowProblem(std::string_view source, int row, std::string_view column,
                                  std::string message, std::string detail);

/// A file of zero bytes.
std::unexpected<Error> EmptyFileProblem(std::string_view source);

/// A file with content but no row holding a non-empty cell.
std::unexpected<Error> NoRowsProblem(std::string_view source);

/// The name of column `index` (0-based) for messages: its header in the file's first row when
/// `row` is below it, else its letter as Excel shows it ("C").
std::string ColumnName(const RowCells* header, int row, std::size_t index);

/// A cell's text as every import stores it (thai/text_hygiene.hpp, one line): trimmed, Thai in
/// its normal form, line breaks and tabs as spaces; a noncharacter or control character is a
/// problem naming the file, row and column.
Result<std::string> CellText(std::string_view raw, std::string_view source, int row,
                             std::string_view column);

/// 5000000 as "5,000,000", for limits in messages.
std::string FormatCount(std::size_t count);

/// The 1-based line of `offset` in ASCII-compatible bytes (CRLF, LF or CR-only line ends).
int LineOfOffset(std::string_view bytes, std::size_t offset);

}  // namespace khet::sheets
