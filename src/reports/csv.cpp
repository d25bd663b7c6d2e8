#include <variant>

#include "reports/render.hpp"
#include "reports/render_support.hpp"

namespace khet::reports {
namespace {

// "-5.20", "+3", "1,250": a sign that starts a number, which a spreadsheet reads as that number.
bool IsSignedNumber(std::string_view text) {
    if (text.size() < 2 || (text[0] != '-' && text[0] != '+')) return false;
    bool digits = false;
    for (const char c : text.substr(1)) {
        if (c >= '0' && c <= '9') {
            digits = true;
        } else if (c != '.' && c != ',') {
            return false;
        }
    }
    return digits;
}

// A text that a spreadsheet would run as a formula (OWASP's "CSV injection"): = + - @, a tab
// or a carriage return first, or their full-width forms, which Excel also takes. "-" alone (no
// value) and signed numbers such as -5.20 are what they look like.
bool StartsFormula(std::string_view text) {
    if (text.empty() || text == "-" || IsSignedNumber(text)) return false;
    const char first = text.front();
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' ||
           first == '\r' || text.starts_with("\uFF1D") || text.starts_with("\uFF0B") ||
           text.starts_with("\uFF0D") || text.starts_with("\uFF20");
}

// RFC 4180 quoting; a text that would start a formula gets a quote mark first, which Excel and
// LibreOffice show the text after, as it is.
void AppendField(std::string& out, std::string_view field) {
    const bool quoted = field.find_first_of(",\"\r\n") != std::string_view::npos;
    if (quoted) out += '"';
    if (StartsFormula(field)) out += '\'';
    for (const char c : field) {
        if (quoted && c == '"') out += '"';
        out += c;
    }
    if (quoted) out += '"';
}

template <typename Range, typename Project>
void AppendRecord(std::string& out, const Range& fields, Project project) {
    bool first = true;
    for (const auto& field : fields) {
        if (!first) out += ',';
        first = false;
        AppendField(out, project(field));
    }
    out += "\r\n";
}

void AppendLine(std::string& out, const std::string& line) {
    AppendField(out, line);
    out += "\r\n";
}

void AppendTable(std::string& out, const Table& table) {
    if (!table.caption.empty()) AppendLine(out, table.caption);
    AppendRecord(out, table.columns, [](const Column& column) { return column.header; });
    for (const Row& row : table.rows) {
        AppendRecord(out, row.cells, [](const Cell& cell) { return internal::PlainText(cell); });
    }
    for (const std::string& note : table.notes) AppendLine(out, note);
}

}  // namespace

Result<std::string> RenderCsv(const Document& as_stored) {
    std::optional<Document> copy;
    const Document& document = internal::Printable(as_stored, copy);
    if (auto checked = internal::CheckDocument(document); !checked) {
        return std::unexpected(checked.error());
    }
    std::string out = "\xEF\xBB\xBF";  // without the BOM, Thai Excel reads UTF-8 as windows-874
    bool first = true;
    for (const Block& block : document.blocks) {
        const auto* table = std::get_if<Table>(&block);
        if (table == nullptr) continue;
        if (!first) out += "\r\n";
        first = false;
        AppendTable(out, *table);
    }
    if (!document.provenance.empty() && !first) out += "\r\n";
    for (const std::string& line : document.provenance) AppendLine(out, line);
    return out;
}

}  // namespace khet::reports
