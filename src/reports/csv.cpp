#include <variant>

#include "reports/render.hpp"
#include "reports/render_support.hpp"

namespace khet::reports {
namespace {

void AppendField(std::string& out, const std::string& field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
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

Result<std::string> RenderCsv(const Document& document) {
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
