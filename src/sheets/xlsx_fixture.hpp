#pragma once

// Builds .xlsx bytes in memory for tests: the XML parts are written by hand, zipped with libzip.

#include <zip.h>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace khet::sheets::testing {

using Parts = std::vector<std::pair<std::string, std::string>>;  // part name, content

inline std::string ZipParts(const Parts& parts) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (buffer == nullptr) throw std::runtime_error("zip_source_buffer_create");
    zip_source_keep(buffer);  // the archive frees its source on close; we still read it after
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (archive == nullptr) throw std::runtime_error("zip_open_from_source");
    for (const auto& [name, content] : parts) {
        zip_source_t* part = zip_source_buffer_create(content.data(), content.size(), 0, &error);
        if (part == nullptr || zip_file_add(archive, name.c_str(), part, ZIP_FL_ENC_UTF_8) < 0) {
            throw std::runtime_error("zip_file_add " + name);
        }
    }
    if (zip_close(archive) != 0) throw std::runtime_error("zip_close");
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_source_open(buffer) != 0 || zip_source_stat(buffer, &stat) != 0) {
        throw std::runtime_error("zip_source_open");
    }
    std::string bytes(stat.size, '\0');
    const auto read = zip_source_read(buffer, bytes.data(), bytes.size());
    zip_source_close(buffer);
    zip_source_free(buffer);
    zip_error_fini(&error);
    if (read != static_cast<zip_int64_t>(bytes.size())) throw std::runtime_error("zip_source_read");
    return bytes;
}

constexpr const char* kMainNamespace =
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
constexpr const char* kRelationshipType =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

/// The parts of a one-sheet workbook as Excel writes them; tests change one part at a time.
struct Workbook {
    std::string sheet_data;      // the <row> elements of xl/worksheets/sheet1.xml
    std::string shared_strings;  // the <si> elements, or empty for no sharedStrings.xml
    std::string number_formats;  // <numFmt> elements of xl/styles.xml
    std::string cell_formats = "<xf numFmtId=\"0\"/>";  // <xf> elements, style 0 first

    Parts ToParts() const {
        const std::string rel = std::string("<Relationship Id=\"");
        Parts parts = {
            {"[Content_Types].xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
             "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
            {"_rels/.rels",
             std::string(
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                 "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">") +
                 rel + "rId1\" Type=\"" + kRelationshipType +
                 "officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
            {"xl/workbook.xml",
             std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook ") + kMainNamespace +
                 "><sheets><sheet name=\"ข้อมูล\" sheetId=\"1\" "
                 "r:id=\"rId1\"/></sheets></workbook>"},
            {"xl/_rels/workbook.xml.rels",
             std::string(
                 "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                 "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">") +
                 rel + "rId1\" Type=\"" + kRelationshipType +
                 "worksheet\" Target=\"worksheets/sheet1.xml\"/>" + rel + "rId2\" Type=\"" +
                 kRelationshipType + "sharedStrings\" Target=\"sharedStrings.xml\"/>" + rel +
                 "rId3\" Type=\"" + kRelationshipType +
                 "styles\" Target=\"styles.xml\"/></Relationships>"},
            {"xl/worksheets/sheet1.xml", std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                                     "<worksheet ") +
                                             kMainNamespace + "><sheetData>" + sheet_data +
                                             "</sheetData></worksheet>"},
            {"xl/styles.xml",
             std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet ") +
                 kMainNamespace + "><numFmts>" + number_formats + "</numFmts><cellXfs>" +
                 cell_formats + "</cellXfs></styleSheet>"},
        };
        if (!shared_strings.empty()) {
            parts.emplace_back("xl/sharedStrings.xml",
                               std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst ") +
                                   kMainNamespace + ">" + shared_strings + "</sst>");
        }
        return parts;
    }

    std::string Bytes() const { return ZipParts(ToParts()); }
};

}  // namespace khet::sheets::testing
