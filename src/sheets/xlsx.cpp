#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sheets/sheet.hpp"
#include "sheets/sheet_error.hpp"
#include "sheets/text_encoding.hpp"
#include "thai/text_hygiene.hpp"

namespace khet::sheets {
namespace {

// Parts other than the worksheet are parsed whole, and a DOM takes several times its XML's
// size: 32 MB holds the shared strings of a million distinct cells.
constexpr std::uint64_t kMaxPartBytes = 32 * 1024 * 1024;
// The worksheet is streamed; this is room for Excel's 1,048,576 rows of about twenty short
// columns (the cell limit of ReadLimits comes first for most files).
constexpr std::uint64_t kMaxWorksheetBytes = std::uint64_t{1024} * 1024 * 1024;
constexpr std::size_t kWorksheetBlockBytes = 4 * 1024 * 1024;
// One row's XML: a block is cut only at a row's end, so this bounds what is held unparsed (a
// whitespace bomb is nothing but one endless row). Excel's widest row of short cells is 1 MB.
constexpr std::size_t kMaxRowBytes = 16 * 1024 * 1024;
// How many times a part may inflate past its first 16 MB. Real worksheets inflate 5 to 30
// times (docs/SECURITY.md); 1.2 MB of zipped whitespace inflated a thousand times.
constexpr std::uint64_t kMaxInflation = 200;
constexpr std::uint64_t kFreeInflationBytes = 16 * 1024 * 1024;
constexpr int kMaxColumns = 16384;  // XFD
constexpr int kMaxRows = 1048576;

std::unexpected<Error> Corrupt(std::string_view source, std::string detail) {
    return FileProblem(source, fmt::format("ไฟล์ XLSX เสียหายหรือไม่ครบ: {}", source),
                       std::move(detail));
}

// Element and attribute names are compared without their prefix: most writers use the default
// namespace, but the Open XML SDK writes <x:row>, and Strict OOXML uses other namespace URIs.
std::string_view LocalName(const char* name) {
    std::string_view local(name);
    if (const auto colon = local.find(':'); colon != std::string_view::npos) {
        local.remove_prefix(colon + 1);
    }
    return local;
}

pugi::xml_node Child(const pugi::xml_node& parent, std::string_view local) {
    for (const auto& child : parent.children()) {
        if (LocalName(child.name()) == local) return child;
    }
    return {};
}

/// `_x000D_` and friends: OOXML's escape for characters XML cannot carry.
std::string DecodeOoxmlEscapes(std::string text) {
    if (text.find("_x") == std::string::npos) return text;
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
            unsigned code = 0;
            const auto [end, error] = std::from_chars(&text[i + 2], &text[i + 6], code, 16);
            if (error == std::errc() && end == &text[i + 6] && (code < 0xD800 || code > 0xDFFF)) {
                AppendUtf8(static_cast<char32_t>(code), out);
                i += 7;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

/// The text of a shared string <si> or an inline string <is>: plain <t>, or rich text runs
/// <r><t>; phonetic runs <rPh> are not part of the value.
std::string StringItemText(const pugi::xml_node& item) {
    std::string text;
    for (const auto& child : item.children()) {
        const auto name = LocalName(child.name());
        if (name == "t") {
            text += child.child_value();
        } else if (name == "r") {
            for (const auto& run_part : child.children()) {
                if (LocalName(run_part.name()) == "t") text += run_part.child_value();
            }
        }
    }
    return DecodeOoxmlEscapes(std::move(text));
}

/// "42", "42.0" and "4.2E+1" → "42"; other decimals as the file wrote them.
std::string FormatNumber(std::string_view raw) {
    const bool has_exponent = raw.find_first_of("eE") != std::string_view::npos;
    const auto dot = raw.find('.');
    if (!has_exponent && dot == std::string_view::npos) return std::string(raw);
    if (!has_exponent && raw.find_first_not_of('0', dot + 1) == std::string_view::npos) {
        auto whole = raw.substr(0, dot);
        if (whole == "-0" || whole == "-" || whole.empty()) return "0";
        return std::string(whole);
    }
    double value = 0;
    const auto [end, error] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
    if (error == std::errc() && end == raw.data() + raw.size() && std::isfinite(value) &&
        value == std::trunc(value) && std::fabs(value) < 1e15) {
        return std::to_string(static_cast<long long>(value));
    }
    return std::string(raw);
}

/// A date-formatted serial number as "2021-11-10" (CE), with " 08:30:00" when it has a time of
/// day; nullopt outside the dates Excel can show.
std::optional<std::string> SerialToIso(double serial, bool date1904) {
    using namespace std::chrono;
    if (!(serial >= 1.0 && serial < 2958466.0)) return std::nullopt;
    // Serial 60 is 29 February 1900, a day that never was (kept from Lotus 1-2-3).
    if (!date1904 && serial >= 60.0 && serial < 61.0) return std::nullopt;
    auto whole = static_cast<long long>(std::floor(serial));
    auto seconds = std::llround((serial - static_cast<double>(whole)) * 86400.0);
    if (seconds >= 86400) {
        ++whole;
        seconds = 0;
    }
    const sys_days epoch = date1904      ? sys_days(1904y / January / 1)
                           : whole >= 61 ? sys_days(1899y / December / 30)
                                         : sys_days(1899y / December / 31);
    const year_month_day day(epoch + days(whole));
    auto text = fmt::format("{:04}-{:02}-{:02}", static_cast<int>(day.year()),
                            static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    if (seconds > 0) {
        text += fmt::format(" {:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
    return text;
}

/// Whether a number format shows a date: it has day, year or Thai-year (bb) codes outside quoted
/// text, escapes and [brackets]; only the first section counts.
bool IsDateFormatCode(std::string_view code) {
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (c == '"') {
            const auto close = code.find('"', i + 1);
            if (close == std::string_view::npos) return false;
            i = close;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else if (c == '[') {
            const auto close = code.find(']', i + 1);
            if (close == std::string_view::npos) return false;
            i = close;
        } else if (c == ';') {
            return false;
        } else if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') {
            return true;
        } else if ((c == 'b' || c == 'B') && i + 1 < code.size() &&
                   (code[i + 1] == 'b' || code[i + 1] == 'B')) {
            return true;
        }
    }
    return false;
}

/// Built-in number formats that show dates, including Thai Excel's (71–74, 77, 81).
bool IsBuiltinDateFormat(int id) {
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58) ||
           (id >= 71 && id <= 74) || id == 77 || id == 81;
}

template <typename Number>
bool ParseNumber(std::string_view text, Number& number) {
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    return error == std::errc() && end == text.data() + text.size();
}

/// "C12" → column 2 (0-based) of row 12; column -1 unless it is a column name in A…XFD followed
/// by a row number in 1…1,048,576.
struct CellReference {
    int column = -1;
    int row = 0;
};
CellReference ParseCellReference(std::string_view reference) {
    int column = 0;
    std::size_t i = 0;
    for (; i < reference.size(); ++i) {
        char letter = reference[i];
        if (letter >= 'a' && letter <= 'z') letter = static_cast<char>(letter - 'a' + 'A');
        if (letter < 'A' || letter > 'Z') break;
        column = column * 26 + (letter - 'A' + 1);
        if (column > kMaxColumns) return {};
    }
    int row = 0;
    if (i == 0 || !ParseNumber(reference.substr(i), row) || row < 1 || row > kMaxRows) return {};
    return {column - 1, row};
}

struct Relationship {
    std::string type;
    std::string target;  // the part's path inside the package
};

/// "xl/" + "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml"; "/xl/x.xml" is from the root.
std::string ResolvePartName(std::string_view base_folder, std::string_view target) {
    std::vector<std::string_view> segments;
    const auto split = [&segments](std::string_view path) {
        while (!path.empty()) {
            const auto slash = path.find('/');
            const auto segment = path.substr(0, slash);
            if (segment == "..") {
                if (!segments.empty()) segments.pop_back();
            } else if (!segment.empty() && segment != ".") {
                segments.push_back(segment);
            }
            if (slash == std::string_view::npos) break;
            path.remove_prefix(slash + 1);
        }
    };
    if (!target.starts_with('/')) split(base_folder);
    split(target);
    std::string name;
    for (const auto segment : segments) {
        if (!name.empty()) name += '/';
        name += segment;
    }
    return name;
}

std::string_view FolderOf(std::string_view part_name) {
    const auto slash = part_name.rfind('/');
    return slash == std::string_view::npos ? std::string_view() : part_name.substr(0, slash + 1);
}

struct ZipDiscard {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
struct ZipFileClose {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

class XlsxReader {
  public:
    XlsxReader(zip_t* archive, std::string source, const ReadLimits& limits)
        : archive_(archive), source_(std::move(source)), limits_(limits) {}

    Result<Sheet> Read() {
        const auto workbook_name = FindWorkbook();
        if (!workbook_name) return std::unexpected(workbook_name.error());
        std::string workbook_text;
        pugi::xml_document workbook;
        if (auto loaded = LoadXml(*workbook_name, workbook_text, workbook); !loaded) {
            return std::unexpected(std::move(loaded.error()));
        } else if (!*loaded) {
            return MissingWorkbook(*workbook_name);
        }
        const auto root = workbook.document_element();
        if (const auto properties = Child(root, "workbookPr")) {
            const std::string_view date1904 = properties.attribute("date1904").value();
            date1904_ = date1904 == "1" || date1904 == "true";
        }

        const auto relationships = LoadRelationships(*workbook_name);
        if (!relationships) return std::unexpected(relationships.error());
        std::optional<std::string> sheet_name;
        for (const auto& sheet : Child(root, "sheets").children()) {
            if (LocalName(sheet.name()) != "sheet") continue;
            const auto found = relationships->find(RelationshipId(sheet));
            if (found != relationships->end() && found->second.type.ends_with("/worksheet")) {
                sheet_name = found->second.target;
                break;
            }
        }
        if (!sheet_name) return Corrupt(source_, "ไม่พบแผ่นงาน (worksheet) ในสมุดงาน");

        for (const auto& [id, relationship] : *relationships) {
            Status loaded;
            if (relationship.type.ends_with("/sharedStrings")) {
                loaded = LoadSharedStrings(relationship.target);
            } else if (relationship.type.ends_with("/styles")) {
                loaded = LoadStyles(relationship.target);
            }
            if (!loaded) return std::unexpected(std::move(loaded.error()));
        }
        return ReadWorksheet(*sheet_name);
    }

  private:
    struct OpenedPart {
        std::unique_ptr<zip_file_t, ZipFileClose> file;  // null when the package lacks the part
        std::uint64_t size = 0;                          // inflated size, as the ZIP declares it
        std::uint64_t compressed = 0;                    // as stored in the file
    };

    Result<OpenedPart> OpenPart(const std::string& name) const {
        const auto index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
        if (index < 0) return OpenedPart{};
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &stat) != 0 ||
            (stat.valid & ZIP_STAT_SIZE) == 0 || (stat.valid & ZIP_STAT_COMP_SIZE) == 0) {
            return Corrupt(source_, fmt::format("อ่านข้อมูลของ {} ไม่ได้", name));
        }
        OpenedPart part{.file = std::unique_ptr<zip_file_t, ZipFileClose>(
                            zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0)),
                        .size = stat.size,
                        .compressed = stat.comp_size};
        if (!part.file) {
            return Corrupt(source_, fmt::format("เปิด {} ไม่ได้ ({})", name, zip_strerror(archive_)));
        }
        return part;
    }

    // Whether `inflated` bytes of a part stored in `compressed` bytes is beyond what any real
    // workbook inflates to.
    static bool Bomb(std::uint64_t inflated, std::uint64_t compressed) {
        return inflated > kFreeInflationBytes && inflated / kMaxInflation > compressed;
    }

    std::unexpected<Error> BombPart(const std::string& name, std::uint64_t inflated,
                                    std::uint64_t compressed) const {
        return FileProblem(
            source_, fmt::format("ไฟล์ XLSX ผิดปกติ: {}", source_),
            fmt::format("{} ขยายจาก {} เป็นอย่างน้อย {} ไบต์เมื่อคลายการบีบอัด (เกิน {} เท่า) "
                        "ซึ่งไฟล์ Excel จริงไม่เป็นเช่นนี้: ให้เปิดใน Excel แล้วบันทึกใหม่",
                        name, FormatCount(compressed), FormatCount(inflated), kMaxInflation));
    }

    std::unexpected<Error> TooLargePart(const std::string& name, std::uint64_t size,
                                        std::uint64_t limit) const {
        return FileProblem(
            source_, fmt::format("ไฟล์ XLSX ใหญ่เกินกำหนด: {}", source_),
            fmt::format("{} มีขนาดอย่างน้อย {} MB เมื่อคลายการบีบอัด เกินกว่า {} MB ให้แบ่งเป็นหลายไฟล์", name,
                        size / (1024 * 1024), limit / (1024 * 1024)));
    }

    /// Appends up to `block` more bytes of the part to `buffer`; 0 at its end, where libzip has
    /// checked the CRC.
    Result<std::size_t> ReadBlock(const std::string& name, zip_file_t* file, std::string& buffer,
                                  std::size_t block) const {
        zip_int64_t got = 0;
        const auto start = buffer.size();
        buffer.resize_and_overwrite(start + block, [&](char* data, std::size_t) {
            got = zip_fread(file, data + start, block);
            return start + static_cast<std::size_t>(std::max<zip_int64_t>(got, 0));
        });
        if (got < 0) {
            return Corrupt(source_,
                           fmt::format("อ่าน {} ไม่ครบ ({})", name, zip_file_strerror(file)));
        }
        return static_cast<std::size_t>(got);
    }

    /// Part content, or nullopt when the package has no such part.
    Result<std::optional<std::string>> ReadPart(const std::string& name) const {
        auto part = OpenPart(name);
        if (!part) return std::unexpected(std::move(part.error()));
        if (!part->file) return std::optional<std::string>();
        if (part->size > kMaxPartBytes) return TooLargePart(name, part->size, kMaxPartBytes);
        if (Bomb(part->size, part->compressed)) return BombPart(name, part->size, part->compressed);
        std::string content;
        content.reserve(part->size);
        for (;;) {
            // The declared size is only a hint: a part that inflates past it is damaged.
            auto got = ReadBlock(name, part->file.get(), content, part->size + 1 - content.size());
            if (!got) return std::unexpected(std::move(got.error()));
            if (*got == 0) break;
            if (content.size() > part->size) {
                return Corrupt(source_, fmt::format("{} ยาวกว่าที่ระบุไว้", name));
            }
        }
        if (content.size() != part->size) {
            return Corrupt(source_, fmt::format("{} สั้นกว่าที่ระบุไว้", name));
        }
        return content;
    }

    /// False when the part is missing; `text` must outlive `document`, which points into it.
    Result<bool> LoadXml(const std::string& name, std::string& text,
                         pugi::xml_document& document) const {
        auto content = ReadPart(name);
        if (!content) return std::unexpected(std::move(content.error()));
        if (!*content) return false;
        text = std::move(**content);
        const auto parsed = document.load_buffer_inplace(text.data(), text.size());
        if (!parsed) {
            return Corrupt(source_, fmt::format("XML ของ {} ผิดรูปแบบที่ไบต์ {} ({})", name,
                                                parsed.offset, parsed.description()));
        }
        return true;
    }

    Result<std::string> FindWorkbook() const {
        auto relationships = LoadRelationshipsOf("_rels/.rels", "");
        if (!relationships) return std::unexpected(std::move(relationships.error()));
        for (const auto& [id, relationship] : *relationships) {
            if (relationship.type.ends_with("/officeDocument")) return relationship.target;
        }
        return std::string("xl/workbook.xml");
    }

    std::unexpected<Error> MissingWorkbook(const std::string& name) const {
        if (zip_name_locate(archive_, "content.xml", 0) >= 0) {
            return FileProblem(source_,
                               fmt::format("ไฟล์ OpenDocument (.ods) ยังอ่านไม่ได้: {}", source_),
                               "ให้เปิดไฟล์แล้วบันทึกเป็น Excel (.xlsx) หรือ CSV UTF-8");
        }
        return Corrupt(source_, fmt::format("ไม่พบ {} ซึ่งทุกไฟล์ XLSX ต้องมี", name));
    }

    static std::string RelationshipId(const pugi::xml_node& sheet) {
        for (const auto& attribute : sheet.attributes()) {
            const std::string_view name = attribute.name();
            if (name.find(':') != std::string_view::npos && LocalName(attribute.name()) == "id") {
                return attribute.value();
            }
        }
        return {};
    }

    /// Relationships of a part by id, targets resolved to part names; empty when it has none.
    Result<std::unordered_map<std::string, Relationship>> LoadRelationships(
        const std::string& part_name) const {
        const auto folder = FolderOf(part_name);
        const auto file = std::string_view(part_name).substr(folder.size());
        return LoadRelationshipsOf(fmt::format("{}_rels/{}.rels", folder, file), folder);
    }

    Result<std::unordered_map<std::string, Relationship>> LoadRelationshipsOf(
        const std::string& rels_name, std::string_view base_folder) const {
        std::string text;
        pugi::xml_document document;
        auto loaded = LoadXml(rels_name, text, document);
        if (!loaded) return std::unexpected(std::move(loaded.error()));
        std::unordered_map<std::string, Relationship> relationships;
        for (const auto& node : document.document_element().children()) {
            if (LocalName(node.name()) != "Relationship") continue;
            if (std::string_view(node.attribute("TargetMode").value()) == "External") continue;
            relationships.emplace(
                node.attribute("Id").value(),
                Relationship{node.attribute("Type").value(),
                             ResolvePartName(base_folder, node.attribute("Target").value())});
        }
        return relationships;
    }

    Status LoadSharedStrings(const std::string& name) {
        std::string text;
        pugi::xml_document document;
        if (auto loaded = LoadXml(name, text, document); !loaded) {
            return std::unexpected(std::move(loaded.error()));
        }
        const auto root = document.document_element();
        if (const std::string_view count = root.attribute("uniqueCount").value(); !count.empty()) {
            std::size_t expected = 0;
            if (ParseNumber(count, expected))
                shared_strings_.reserve(std::min(expected, text.size()));
        }
        for (const auto& item : root.children()) {
            if (LocalName(item.name()) == "si") shared_strings_.push_back(StringItemText(item));
        }
        return {};
    }

    Status LoadStyles(const std::string& name) {
        std::string text;
        pugi::xml_document document;
        if (auto loaded = LoadXml(name, text, document); !loaded) {
            return std::unexpected(std::move(loaded.error()));
        }
        const auto root = document.document_element();
        std::unordered_map<int, bool> custom_is_date;
        for (const auto& format : Child(root, "numFmts").children()) {
            custom_is_date[format.attribute("numFmtId").as_int(-1)] =
                IsDateFormatCode(format.attribute("formatCode").value());
        }
        for (const auto& format : Child(root, "cellXfs").children()) {
            if (LocalName(format.name()) != "xf") continue;
            const int id = format.attribute("numFmtId").as_int(0);
            const auto custom = custom_is_date.find(id);
            date_styles_.push_back(custom != custom_is_date.end() ? custom->second
                                                                  : IsBuiltinDateFormat(id));
        }
        return {};
    }

    // The worksheet is parsed a few megabytes of rows at a time: a DOM of a whole 1M-row sheet
    // takes gigabytes. A row's end tag is where a block can be cut, since '<' cannot occur
    // unescaped inside a value.
    Result<Sheet> ReadWorksheet(const std::string& name) {
        auto part = OpenPart(name);
        if (!part) return std::unexpected(std::move(part.error()));
        if (!part->file) return Corrupt(source_, fmt::format("ไม่พบแผ่นงาน {}", name));

        Sheet sheet{.source = source_, .rows = {}, .encoding_note = {}};
        std::string pending;  // inflated XML not yet parsed
        std::uint64_t inflated = 0;
        std::string prefix;  // namespace prefix of the sheet's elements, "x:" or empty
        std::string data_end;
        std::string row_end;
        pugi::xml_document fragment;
        int row_number = 0;
        // Where the next search for a row's end starts: text before it was searched already, so
        // a row that never ends costs its length once, not once a block.
        std::size_t searched = 0;
        for (bool finished = false; !finished;) {
            if (auto going = limits_.deadline.Check("การอ่านไฟล์ " + source_); !going) {
                return std::unexpected(std::move(going.error()));
            }
            auto search_from =
                pending.size() > data_end.size() ? pending.size() - data_end.size() : 0;
            auto got = ReadBlock(name, part->file.get(), pending, kWorksheetBlockBytes);
            if (!got) return std::unexpected(std::move(got.error()));
            if (inflated == 0 &&
                (pending.starts_with("\xFF\xFE") || pending.starts_with("\xFE\xFF") ||
                 pending.starts_with(std::string_view("<\0", 2)))) {
                return FileProblem(source_, fmt::format("ไฟล์ XLSX ใช้รูปแบบที่ยังอ่านไม่ได้: {}", source_),
                                   "แผ่นงานเข้ารหัสเป็น UTF-16 ให้เปิดใน Excel แล้วบันทึกใหม่เป็น .xlsx");
            }
            inflated += *got;
            if (inflated > kMaxWorksheetBytes) {
                return TooLargePart(name, inflated, kMaxWorksheetBytes);
            }
            if (Bomb(inflated, part->compressed)) return BombPart(name, inflated, part->compressed);
            const bool at_end = *got == 0;
            if (data_end.empty()) {
                const auto opened = FindSheetDataStart(pending, prefix);
                if (opened == kNoSheetData) break;  // <sheetData/>: no rows
                if (opened == std::string::npos) {
                    if (at_end) break;
                    // Only a tag cut by the block's end can still turn out to be <sheetData>.
                    const auto last_tag = pending.rfind('<');
                    pending.erase(0, last_tag == std::string::npos ? pending.size() : last_tag);
                    if (pending.size() > kMaxRowBytes) return RowTooLarge(name, row_number + 1);
                    continue;
                }
                pending.erase(0, opened);
                data_end = "</" + prefix + "sheetData>";
                row_end = "</" + prefix + "row>";
                search_from = 0;
                searched = 0;
            }
            auto cut = pending.find(data_end, search_from);
            if (cut != std::string::npos) {
                finished = true;
            } else if (at_end) {
                return Corrupt(source_, fmt::format("{} จบก่อนข้อมูลแผ่นงานครบ", name));
            } else if (cut = std::string_view(pending).substr(searched).rfind(row_end);
                       cut != std::string::npos) {
                cut += searched + row_end.size();
            } else {
                if (pending.size() > kMaxRowBytes) return RowTooLarge(name, row_number + 1);
                searched = pending.size() > row_end.size() ? pending.size() - row_end.size() : 0;
                continue;  // not one whole row yet
            }
            // `pending` starts where a row starts: a long wait for an end was one long row.
            if (pending.size() > kMaxRowBytes && pending.find(row_end) > kMaxRowBytes) {
                return RowTooLarge(name, row_number + 1);
            }
            const auto parsed = fragment.load_buffer_inplace(
                pending.data(), cut, pugi::parse_default | pugi::parse_fragment,
                pugi::encoding_utf8);
            if (!parsed) {
                return Corrupt(source_,
                               fmt::format("XML ของ {} ผิดรูปแบบ ({})", name, parsed.description()));
            }
            if (auto read = ReadRows(fragment, row_number, sheet); !read) {
                return std::unexpected(std::move(read.error()));
            }
            pending.erase(0, cut);
            searched = 0;
        }
        if (sheet.rows.empty()) return NoRowsProblem(source_);
        return sheet;
    }

    static constexpr std::size_t kNoSheetData = std::string::npos - 1;

    std::unexpected<Error> RowTooLarge(const std::string& name, int row) const {
        return RowProblem(source_, row, {}, fmt::format("ไฟล์ XLSX ผิดปกติ: {} แถว {}", source_, row),
                          fmt::format("ข้อมูลของแถวนี้ใน {} ยาวเกิน {} MB โดยไม่จบแถว ให้เปิดใน Excel "
                                      "แล้วบันทึกใหม่",
                                      name, kMaxRowBytes / (1024 * 1024)));
    }

    /// Offset just past the <sheetData> start tag, kNoSheetData for an empty <sheetData/>, npos
    /// while `xml` does not hold the whole tag yet. Sets `prefix` to the tag's prefix with colon.
    static std::size_t FindSheetDataStart(std::string_view xml, std::string& prefix) {
        constexpr std::string_view kName = "sheetData";
        for (auto at = xml.find(kName); at != std::string_view::npos;
             at = xml.find(kName, at + 1)) {
            const auto open = xml.rfind('<', at);
            if (open == std::string_view::npos) continue;
            const auto between = xml.substr(open + 1, at - open - 1);
            if (!between.empty() &&
                (!between.ends_with(':') ||
                 between.find_first_of("<>/ \t\r\n") != std::string_view::npos)) {
                continue;
            }
            const auto after = at + kName.size();
            if (after >= xml.size()) return std::string_view::npos;
            if (xml[after] != '>' && xml[after] != '/' && xml[after] != ' ' && xml[after] != '\t' &&
                xml[after] != '\r' && xml[after] != '\n') {
                continue;
            }
            const auto close = xml.find('>', after);
            if (close == std::string_view::npos) return std::string_view::npos;
            prefix = std::string(between);
            return xml[close - 1] == '/' ? kNoSheetData : close + 1;
        }
        return std::string_view::npos;
    }

    Status ReadRows(const pugi::xml_document& fragment, int& row_number, Sheet& sheet) {
        for (const auto& row : fragment.children()) {
            if (LocalName(row.name()) != "row") continue;
            if (const auto attribute = row.attribute("r")) {
                if (!ParseNumber(std::string_view(attribute.value()), row_number) ||
                    row_number < 1 || row_number > kMaxRows) {
                    return Corrupt(source_, fmt::format("เลขแถว \"{}\" ใช้ไม่ได้", attribute.value()));
                }
            } else {
                ++row_number;
            }
            if (row_number % 1024 == 0) {
                if (auto going = limits_.deadline.Check("การอ่านไฟล์ " + source_); !going) {
                    return going;
                }
            }
            std::vector<std::string> cells;
            std::size_t row_text = 0;
            int column = -1;
            for (const auto& cell : row.children()) {
                if (LocalName(cell.name()) != "c") continue;
                if (const auto reference = cell.attribute("r")) {
                    const CellReference at = ParseCellReference(reference.value());
                    if (at.column < 0) {
                        return Corrupt(source_,
                                       fmt::format("ตำแหน่งเซลล์ \"{}\" ใช้ไม่ได้", reference.value()));
                    }
                    // A cell placed outside its row would silently go missing from that row.
                    if (at.row != row_number) {
                        return RowProblem(source_, row_number, reference.value(),
                                          fmt::format("เซลล์ {} อยู่ในแถว {} ของไฟล์ {}",
                                                      reference.value(), row_number, source_),
                                          "ไฟล์นี้ถูกเขียนผิดรูปแบบ XLSX ให้เปิดใน Excel แล้วบันทึกใหม่");
                    }
                    column = at.column;
                } else if (++column >= kMaxColumns) {
                    return Corrupt(source_,
                                   fmt::format("แถว {} มีเกิน {} คอลัมน์", row_number, kMaxColumns));
                }
                const auto index = static_cast<std::size_t>(column);
                const auto column_name = [&] {
                    return ColumnName(sheet.rows.empty() ? nullptr : &sheet.rows.front().cells,
                                      row_number, index);
                };
                auto value = CellValue(cell, row_number, column_name);
                if (!value) return std::unexpected(std::move(value.error()));
                if (!IsCleanText(*value)) {
                    auto clean = CellText(*value, source_, row_number, column_name());
                    if (!clean) return std::unexpected(std::move(clean.error()));
                    *value = std::move(*clean);
                }
                if (value->empty()) continue;
                // Cells can name one shared string again and again: the text they spell is
                // limited as it grows, not once the row is whole.
                row_text += value->size();
                if (sheet.cells->text.size() + row_text > limits_.max_text) {
                    return RowProblem(
                        source_, row_number, {},
                        fmt::format("ไฟล์ {} มีข้อความในเซลล์รวมเกิน {} MB", source_,
                                    limits_.max_text / (1024 * 1024)),
                        fmt::format("ถึงแถว {} แล้วข้อมูลยังไม่หมด ให้แบ่งเป็นหลายไฟล์", row_number));
                }
                if (index >= cells.size()) cells.resize(index + 1);
                cells[index] = std::move(*value);
            }
            cell_count_ += cells.size();
            if (cell_count_ > limits_.max_cells) {
                return RowProblem(
                    source_, row_number, {},
                    fmt::format("ไฟล์ {} มีข้อมูลเกิน {} ช่อง", source_, FormatCount(limits_.max_cells)),
                    fmt::format("ถึงแถว {} แล้วข้อมูลยังไม่หมด ให้แบ่งเป็นหลายไฟล์", row_number));
            }
            if (!cells.empty()) sheet.AddRow(row_number, cells);
        }
        return {};
    }

    template <typename ColumnNameOf>
    Result<std::string> CellValue(const pugi::xml_node& cell, int row_number,
                                  ColumnNameOf column_name) const {
        const std::string_view type = cell.attribute("t").value();
        if (type == "inlineStr") return StringItemText(Child(cell, "is"));
        // A program that writes formulas without computing them (openpyxl, some exports)
        // leaves no value: reading it as empty would import 0 where the sheet shows a sum.
        if (Child(cell, "f") && !Child(cell, "v")) {
            return RowProblem(source_, row_number, column_name(),
                              fmt::format("เซลล์ {} แถว {} เป็นสูตรที่ยังไม่ได้คำนวณ: {}",
                                          cell.attribute("r").value(), row_number, source_),
                              "เปิดไฟล์ใน Excel ให้คำนวณสูตร แล้วบันทึกใหม่ หรือวางเป็นค่าแทนสูตร");
        }
        const std::string_view value = Child(cell, "v").child_value();
        if (value.empty()) return std::string();
        if (type == "s") {
            std::size_t index = 0;
            if (!ParseNumber(value, index) || index >= shared_strings_.size()) {
                return Corrupt(
                    source_, fmt::format("แถว {} อ้างถึงข้อความลำดับที่ {} ซึ่งไม่มีอยู่", row_number, value));
            }
            return shared_strings_[index];
        }
        if (type == "b") return std::string(value == "1" || value == "true" ? "TRUE" : "FALSE");
        if (type == "str" || type == "e" || type == "d")
            return DecodeOoxmlEscapes(std::string(value));
        const auto style = cell.attribute("s").as_int(0);
        if (style > 0 && static_cast<std::size_t>(style) < date_styles_.size() &&
            date_styles_[static_cast<std::size_t>(style)]) {
            double serial = 0;
            if (ParseNumber(value, serial)) {
                if (auto date = SerialToIso(serial, date1904_)) return *std::move(date);
            }
        }
        return FormatNumber(value);
    }

    zip_t* archive_;
    std::string source_;
    const ReadLimits& limits_;
    std::size_t cell_count_ = 0;
    std::vector<std::string> shared_strings_;
    std::vector<bool> date_styles_;  // by cell style (xf) index
    bool date1904_ = false;
};

}  // namespace

Result<Sheet> ReadXlsx(std::string_view bytes, std::string source, const ReadLimits& limits) {
    if (bytes.empty()) return EmptyFileProblem(source);
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* zip_source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (zip_source == nullptr) {
        zip_error_fini(&error);
        return Fail(ErrorCode::kInternal, "libzip could not wrap the upload buffer");
    }
    std::unique_ptr<zip_t, ZipDiscard> archive(
        zip_open_from_source(zip_source, ZIP_RDONLY, &error));
    if (!archive) {
        auto problem =
            Corrupt(source, fmt::format("เปิดเป็น ZIP ไม่ได้ ({})", zip_error_strerror(&error)));
        zip_source_free(zip_source);
        zip_error_fini(&error);
        return problem;
    }
    zip_error_fini(&error);
    return XlsxReader(archive.get(), std::move(source), limits).Read();
}

}  // namespace khet::sheets
