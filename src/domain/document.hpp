#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace khet {

/// How a cell's value is meant, so every renderer formats it the same way.
enum class CellKind {
    kText,
    kInteger,  // 27,853
    kDecimal,  // 17.28 (two decimals)
    kPercent,  // 27.59 (two decimals, the header says ร้อยละ)
    kRatio,    // 1:17.28 (value holds 17.28)
};

/// One cell: the text every format shows, and the number behind it for XLSX, CSV and JSON.
struct Cell {
    std::string text;
    std::optional<double> value;  // empty for text cells and for "-" (no value)
    CellKind kind = CellKind::kText;

    static Cell Text(std::string text);
    static Cell Integer(long long value);
    static Cell Decimal(double value);
    static Cell Percent(double value);
    static Cell Ratio(double value);  // shown as 1:17.28
    static Cell None();               // "-"
};

enum class RowRole { kBody, kSubtotal, kTotal };

struct Row {
    std::vector<Cell> cells;
    RowRole role = RowRole::kBody;
};

struct Column {
    std::string key;     // stable machine name for CSV/JSON ("students")
    std::string header;  // Thai header shown to people ("จำนวนนักเรียน")
    CellKind kind = CellKind::kText;
};

/// A table of a document; every statistics table of Khet is one of these.
struct Table {
    std::string id;       // "table3"
    std::string caption;  // "ตารางที่ 3 ..."
    std::vector<Column> columns;
    std::vector<Row> rows;
    std::vector<std::string> notes;  // lines printed under the table
};

struct Heading {
    std::string text;
    int level = 1;
};

struct Paragraph {
    std::string text;
};

/// The rest starts on a new page: A4 turned sideways (landscape) for a wide table, such as a
/// plan's KPI table, or upright again. Formats without pages leave it out.
struct PageBreak {
    bool landscape = false;
};

/// The contents: every level-1 and level-2 heading after it, with the page it is on (PDF only;
/// the other formats leave it out).
struct Contents {
    std::string title = "สารบัญ";
};

using Block = std::variant<Heading, Paragraph, Table, PageBreak, Contents>;

/// A format-neutral document: renderers in reports/ write it as PDF, XLSX or CSV.
struct Document {
    std::string title;
    std::vector<std::string> provenance;  // office, year, census round, time of export
    std::vector<Block> blocks;
    bool cover = false;      // the title and provenance on a cover page of their own, unnumbered
    bool landscape = false;  // its pages turned sideways from the first (PageBreak turns them)
};

/// Formats 27853 as "27,853" and 17.275 as "17.28" (half away from zero).
std::string FormatInteger(long long value);
std::string FormatDecimal(double value, int decimals = 2);

}  // namespace khet
