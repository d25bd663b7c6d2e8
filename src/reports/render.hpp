#pragma once

#include <string>
#include <string_view>

#include "base/error.hpp"
#include "domain/document.hpp"

/// Renderers of a format-neutral khet::Document as the files an office downloads.
///
/// CSV (UTF-8 with a BOM so Thai Excel opens it right, RFC 4180 quoting, CRLF line ends) carries
/// the tables only; headings, paragraphs and the title are prose for the PDF. Its layout is:
///
///     ตารางที่ 3 ...                      caption (omitted when empty)
///     อำเภอ,จำนวนโรงเรียน,...            column headers
///     คลองเขื่อน,691,64,40,1:17.28        rows: numbers plain (27853, 17.28), "-" as "-"
///     หมายเหตุ ...                        notes, one field each
///                                        a blank line, then the next table the same way
///
///     ข้อมูล: สพป. ...                    provenance lines, one field each, after the last table
///
/// XLSX has one worksheet per table (named by the table id), numbers stored as numbers in
/// "TH Sarabun New" 16. PDF is A4 in Laksaman 10.5 pt, the look of TH Sarabun 16 pt.
///
/// Every renderer first checks the document (valid UTF-8, finite numbers, rows as wide as their
/// table) and returns kInvalidArgument naming the place when it is not.
namespace khet::reports {

enum class Format { kCsv, kXlsx, kPdf };

/// "csv", "xlsx" or "pdf" (ASCII case ignored); kInvalidArgument listing the allowed names.
Result<Format> ParseFormat(std::string_view name);

/// MIME type for a Content-Type header ("text/csv; charset=utf-8").
const char* ContentType(Format format);
/// File name extension without the dot ("xlsx"), the same word ParseFormat accepts.
const char* FileExtension(Format format);

struct PdfOptions {
    bool thai_digits = false;  // every digit of the page, page numbers included, as ๐–๙
};

Result<std::string> RenderCsv(const Document& document);
Result<std::string> RenderXlsx(const Document& document);
Result<std::string> RenderPdf(const Document& document, const PdfOptions& options = {});

/// The file bytes of `document` in `format`; PDF with default options.
Result<std::string> Render(const Document& document, Format format);

}  // namespace khet::reports
