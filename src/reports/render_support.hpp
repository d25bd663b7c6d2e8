#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/error.hpp"
#include "domain/document.hpp"

/// Pieces the CSV, XLSX and PDF renderers share; not part of the reports/ interface.
namespace khet::reports::internal {

/// Checks what every renderer relies on, so none meets a malformed document half-way through a
/// file: finite numbers, rows exactly as wide as their table.
Status CheckDocument(const Document& document);

/// `document` with every text as any file can carry it (PrintableText): a value stored before
/// the input hygiene existed, or by another program, never makes a document fail for good.
/// `document` itself when all of it is printable, else a copy kept in `copy`.
const Document& Printable(const Document& document, std::optional<Document>& copy);

bool IsNumeric(CellKind kind);

/// A cell as CSV writes it: numbers without grouping so spreadsheets read them as numbers
/// (27853, 17.28, 1:17.28); the cell's text when it has no value ("-", names).
std::string PlainText(const Cell& cell);

/// Replaces the ASCII digits 0–9 with the Thai digits ๐–๙.
std::string ThaiDigits(std::string_view text);

/// Width of a text in characters as a reader sees it: code points, less the Thai vowels and
/// tone marks that sit above or below a consonant ("คลองเขื่อน" is 8).
int DisplayWidth(std::string_view text);

}  // namespace khet::reports::internal
