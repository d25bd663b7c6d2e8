#include "services/header_map.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "thai/digits.hpp"

namespace khet {
namespace {

std::string Normalize(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return c < 0x80 ? std::tolower(c) : c; });
    return out;
}

}  // namespace

Result<HeaderMap> HeaderMap::Match(const sheets::Sheet& sheet,
                                   const std::vector<ColumnSpec>& specs) {
    ImportErrors errors(sheet.source);
    if (sheet.rows.empty()) {
        return InvalidArgument(fmt::format("ไฟล์ {} ว่าง: ไม่มีแถวหัวตาราง", sheet.source));
    }
    const sheets::SheetRow& header = sheet.rows.front();
    HeaderMap map;
    map.keys_.reserve(specs.size());
    for (const ColumnSpec& spec : specs) {
        map.keys_.emplace_back(spec.key);
        map.indexes_.push_back(-1);
        map.headers_.emplace_back(spec.key);
    }
    for (std::size_t column = 0; column < header.cells.size(); ++column) {
        const std::string name = Normalize(header.cells[column]);
        if (name.empty()) continue;
        bool known = false;
        for (std::size_t i = 0; i < specs.size() && !known; ++i) {
            for (std::string_view alias : specs[i].headers) {
                if (name != Normalize(alias)) continue;
                known = true;
                if (map.indexes_[i] >= 0) {
                    errors.Add(header.number, header.cells[column],
                               fmt::format("หัวคอลัมน์ \"{}\" ซ้ำกับคอลัมน์ที่ {}", header.cells[column],
                                           map.indexes_[i] + 1));
                } else {
                    map.indexes_[i] = static_cast<int>(column);
                    map.headers_[i] = header.cells[column];
                }
                break;
            }
        }
        if (!known) {
            std::string expected;
            for (const ColumnSpec& spec : specs) {
                expected += (expected.empty() ? "" : ", ") + std::string(spec.key);
            }
            errors.Add(header.number, header.cells[column],
                       fmt::format("ไม่รู้จักหัวคอลัมน์ \"{}\" (คอลัมน์ที่ {}); คอลัมน์ที่รับได้: {}",
                                   header.cells[column], column + 1, expected));
        }
    }
    for (std::size_t i = 0; i < specs.size(); ++i) {
        if (specs[i].required && map.indexes_[i] < 0) {
            std::string aliases;
            for (std::string_view alias : specs[i].headers) {
                aliases += (aliases.empty() ? "" : " หรือ ") + std::string(alias);
            }
            errors.Add(header.number, specs[i].key,
                       fmt::format("ไม่มีคอลัมน์ {} ({})", specs[i].key, aliases));
        }
    }
    if (!errors.Empty()) return std::unexpected(errors.ToError());
    return map;
}

int HeaderMap::Index(std::string_view key) const {
    for (std::size_t i = 0; i < keys_.size(); ++i) {
        if (keys_[i] == key) return indexes_[i];
    }
    return -1;
}

const std::string& HeaderMap::Header(std::string_view key) const {
    for (std::size_t i = 0; i < keys_.size(); ++i) {
        if (keys_[i] == key) return headers_[i];
    }
    static const std::string kEmpty;
    return kEmpty;
}

std::string_view HeaderMap::Cell(const sheets::SheetRow& row, std::string_view key) const {
    const int index = Index(key);
    if (index < 0 || index >= static_cast<int>(row.cells.size())) return {};
    return row.cells[index];
}

void ImportErrors::Add(int row, std::string_view column, std::string message) {
    ++total_;
    if (fields_.size() >= kMaxKept) return;
    FieldError field;
    field.field = row > 0 ? fmt::format("{}:row {}:{}", source_, row, column)
                          : fmt::format("{}:{}", source_, column);
    field.message = std::move(message);
    field.row = row;
    field.column = std::string(column);
    fields_.push_back(std::move(field));
}

Error ImportErrors::ToError() const {
    std::string message =
        fmt::format("ไฟล์ {} มีข้อผิดพลาด {} รายการ จึงไม่ได้นำเข้าข้อมูลใด ๆ", source_, total_);
    if (total_ > static_cast<long long>(fields_.size())) {
        message += fmt::format(" (แสดง {} รายการแรก)", fields_.size());
    }
    return Error{ErrorCode::kInvalidArgument, std::move(message), fields_};
}

std::optional<int> ParseCount(std::string_view text) {
    // Nearly every cell of a census file is plain digits: read those without copying.
    int plain_value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), plain_value);
    if (error == std::errc() && end == text.data() + text.size() && plain_value >= 0) {
        if (plain_value > kMostCount) return std::nullopt;
        return plain_value;
    }
    std::string plain;
    plain.reserve(text.size());
    bool thai = false;
    for (unsigned char c : text) {
        if (c >= 0x80) thai = true;
    }
    const std::string converted = thai ? ToArabicDigits(text) : std::string(text);
    for (char c : converted) {
        if (c != ',' && c != ' ') plain += c;
    }
    if (plain.empty() || plain == "-") return 0;
    int value = 0;
    auto [ptr, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
    if (ec != std::errc() || ptr != plain.data() + plain.size() || value < 0 ||
        value > kMostCount) {
        return std::nullopt;
    }
    return value;
}

}  // namespace khet
