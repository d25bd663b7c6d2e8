#include "services/imports.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "base/json_text.hpp"
#include "services/header_map.hpp"

namespace khet {
namespace {

using KnownMap = std::unordered_map<std::string, std::string>;  // school code → office code

Result<KnownMap> LoadKnownSchools(SchoolRepository& schools) {
    auto known = schools.KnownSchools();
    if (!known) return std::unexpected(known.error());
    KnownMap map;
    map.reserve(known->size());
    for (auto& [code, office] : *known) map.emplace(std::move(code), std::move(office));
    return map;
}

Result<CensusRound> RequireRound(const ImportOptions& options) {
    if (!options.round) {
        return InvalidArgument("ต้องระบุรอบข้อมูล เช่น --round 2564/2 (ปีการศึกษา/รอบ)");
    }
    return *options.round;
}

// Re-importing a round replaces the round for every school of the offices the file speaks of,
// so a school left out of the new file does not keep last import's numbers.
std::vector<std::string> SchoolsOfOffices(const KnownMap& known,
                                          const std::set<std::string>& offices) {
    std::vector<std::string> codes;
    for (const auto& [code, office] : known) {
        if (offices.count(office)) codes.push_back(code);
    }
    std::sort(codes.begin(), codes.end());
    return codes;
}

// Reads a count cell; on error records why and returns nullopt.
std::optional<int> ReadCount(ImportErrors& errors, const sheets::SheetRow& row,
                             const HeaderMap& map, std::string_view key) {
    const std::string_view text = map.Cell(row, key);
    auto count = ParseCount(text);
    if (!count) {
        const bool negative = !text.empty() && text.front() == '-';
        errors.Add(row.number, map.Header(key),
                   negative ? fmt::format("จำนวนติดลบไม่ได้ ({})", text)
                            : fmt::format("ต้องเป็นจำนวนเต็ม 0–{} แต่ได้ \"{}\"", kMostCount, text));
    }
    return count;
}

std::optional<int> ReadCountAt(ImportErrors& errors, const sheets::SheetRow& row, int column,
                               std::string_view header) {
    const std::string_view text =
        column < static_cast<int>(row.cells.size()) ? std::string_view(row.cells[column]) : "";
    auto count = ParseCount(text);
    if (!count) {
        errors.Add(row.number, header,
                   fmt::format("ต้องเป็นจำนวนเต็ม 0–{} แต่ได้ \"{}\"", kMostCount, text));
    }
    return count;
}

bool CheckKnownSchool(ImportErrors& errors, const KnownMap& known, const sheets::SheetRow& row,
                      const HeaderMap& map, std::string_view code, std::string_view office,
                      std::set<std::string>& offices) {
    const auto found = known.find(std::string(code));
    if (found == known.end()) {
        errors.Add(row.number, map.Header("school_code"),
                   code.empty() ? std::string("ไม่มีรหัสโรงเรียน")
                                : fmt::format("ไม่รู้จักรหัสโรงเรียน {}: นำเข้ารายชื่อโรงเรียนก่อน", code));
        return false;
    }
    // An import into one office must not touch another office's schools.
    if (!office.empty() && found->second != office) {
        errors.Add(row.number, map.Header("school_code"),
                   fmt::format("โรงเรียน {} อยู่ในเขตพื้นที่ {} ไม่ใช่ {}", code, found->second, office));
        return false;
    }
    offices.insert(found->second);
    return true;
}

std::string ExpandOfficeName(std::string_view short_name) {
    std::string name(short_name);
    for (auto [abbreviation, full] :
         {std::pair<std::string_view, std::string_view>{"สพป.", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา"},
          {"สพม.", "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา"}}) {
        if (name.starts_with(abbreviation)) {
            return std::string(full) + name.substr(abbreviation.size());
        }
    }
    return name;
}

ImportSummary StartSummary(std::string kind, const sheets::Sheet& sheet, std::string format,
                           const ImportOptions& options) {
    ImportSummary summary;
    summary.kind = std::move(kind);
    summary.source = sheet.source;
    summary.format = std::move(format);
    summary.dry_run = options.dry_run;
    if (!sheet.encoding_note.empty()) summary.notes.push_back(sheet.encoding_note);
    return summary;
}

// The audit entry of an import: the file, its fingerprint and what was read from it.
AuditEntry ImportAudit(const ImportSummary& summary, const sheets::Sheet& sheet,
                       const ImportOptions& options) {
    AuditEntry audit = AuditOf(options.actor, "import." + summary.kind, options.office_code);
    audit.entity = summary.kind;
    audit.entity_id = options.round ? options.round->Label() : sheet.source;
    JsonObjectText after;
    after.Add("file", sheet.source)
        .Add("sha256", sheet.sha256)
        .Add("format", summary.format)
        .Add("rows", summary.rows)
        .Add("schools", summary.schools);
    if (options.round) after.Add("round", options.round->Label());
    if (!options.school_code.empty()) after.Add("school", options.school_code);
    audit.after = after.Text();
    return audit;
}

// The end every census import shares: refuse the file on any error, else replace the round
// (unless a dry run) and say what was read.
template <typename Row, typename Replace>
Result<ImportSummary> FinishImport(const ImportErrors& errors, const sheets::Sheet& sheet,
                                   std::string kind, std::string format, std::string_view what,
                                   const ImportOptions& options, const std::vector<Row>& rows,
                                   long long schools, Replace replace,
                                   std::vector<std::string> notes = {}) {
    if (!errors.Empty()) return std::unexpected(errors.ToError());
    if (rows.empty()) {
        return InvalidArgument(fmt::format("ไฟล์ {} ไม่มีแถวข้อมูล{}", sheet.source, what));
    }
    ImportSummary summary = StartSummary(std::move(kind), sheet, std::move(format), options);
    summary.rows = static_cast<long long>(rows.size());
    summary.schools = schools;
    summary.notes.insert(summary.notes.end(), notes.begin(), notes.end());
    if (!options.dry_run) {
        if (auto saved = replace(ImportAudit(summary, sheet, options)); !saved) {
            return std::unexpected(saved.error());
        }
    }
    return summary;
}

// Every few thousand rows: whether the work is still wanted (the client has not gone, the time
// is not up).
Status StillWanted(const ImportOptions& options, std::size_t row) {
    if (row % 4096 != 0) return {};
    return options.deadline.Check("การตรวจข้อมูลนำเข้า");
}

std::string SubtotalsNote(int checked) {
    return fmt::format("ตรวจแถวรวม {} แถว ถูกต้องทั้งหมด", checked);
}

bool IsObecList(const sheets::Sheet& sheet) {
    return !sheet.rows.empty() && !sheet.rows.front().cells.empty() &&
           sheet.rows.front().cells.front() == "obec_province_no";
}

bool IsEmisStudents(const sheets::Sheet& sheet) {
    return !sheet.rows.empty() && !sheet.rows.front().cells.empty() &&
           sheet.rows.front().cells.front() == "ชั้น/เพศ";
}

bool IsEmisStaff(const sheets::Sheet& sheet) {
    return !sheet.rows.empty() && sheet.rows.front().cells.size() >= 6 &&
           sheet.rows.front().cells[0] == "ตำแหน่ง" && sheet.rows.front().cells[2] == "ระดับ_ตำแหน่ง";
}

}  // namespace

Status ImportService::CheckEmisSchool(const sheets::Sheet& sheet, const ImportOptions& options) {
    if (options.school_code.empty()) {
        return InvalidArgument(fmt::format(
            "ไฟล์ {} เป็นแบบ EMIS รายโรงเรียน: ต้องระบุรหัสโรงเรียน (ช่องรหัสโรงเรียนในหน้านำเข้าข้อมูล "
            "หรือ --school ในบรรทัดคำสั่ง)",
            sheet.source));
    }
    auto school = schools_.FindSchool(options.school_code);
    if (!school) return std::unexpected(school.error());
    if (!options.office_code.empty() && school->office_code != options.office_code) {
        return InvalidArgument(fmt::format("โรงเรียน {} อยู่ในเขตพื้นที่ {} ไม่ใช่ {}", options.school_code,
                                           school->office_code, options.office_code));
    }
    return {};
}

Status ImportService::CheckAllowed(std::string_view kind, const sheets::Sheet& sheet,
                                   const ImportOptions& options) {
    if (auto signed_in = RequireSignedIn(options.actor); !signed_in) return signed_in;
    if (!options.office_code.empty() && kind != "schools") {  // a school list may add its office
        if (auto office = schools_.FindOffice(options.office_code); !office) {
            // Say "not found" only to those who may import somewhere of it at all.
            if (IsSystemAdmin(options.actor)) return std::unexpected(office.error());
            return Require(options.actor, Permission::kImport, Scope{options.office_code, ""});
        }
    }
    if (Allows(options.actor, Permission::kImport, Scope{options.office_code, ""})) return {};
    // A school officer imports their own school's EMIS files, which replace that school only.
    const Scope school{options.office_code, options.school_code};
    const bool per_school_file =
        (kind == "census" && IsEmisStudents(sheet)) || (kind == "staff" && IsEmisStaff(sheet));
    if (!options.school_code.empty() && Allows(options.actor, Permission::kImport, school)) {
        if (per_school_file) return {};
        return Fail(
            ErrorCode::kPermissionDenied,
            fmt::format("นำเข้าได้เฉพาะไฟล์ EMIS รายโรงเรียนของโรงเรียน {} (แบบข้อมูลนักเรียนหรือบุคลากร): "
                        "ไฟล์ {} มีข้อมูลหลายโรงเรียน",
                        options.school_code, sheet.source));
    }
    return Require(options.actor, Permission::kImport, school);
}

Result<ImportSummary> ImportService::Import(std::string_view kind, const sheets::Sheet& sheet,
                                            const ImportOptions& options) {
    if (kind == "schools") return ImportSchools(sheet, options);
    if (kind == "census") return ImportCensus(sheet, options);
    if (kind == "staff") return ImportStaff(sheet, options);
    if (kind == "degrees") return ImportDegrees(sheet, options);
    return InvalidArgument(
        fmt::format("ไม่รู้จักชนิดการนำเข้า \"{}\" (มี schools, census, staff, degrees)", kind));
}

Result<ImportSummary> ImportService::ImportSchools(const sheets::Sheet& sheet,
                                                   const ImportOptions& options) {
    if (auto allowed = CheckAllowed("schools", sheet, options); !allowed) {
        return std::unexpected(allowed.error());
    }
    if (IsObecList(sheet)) return ImportObecList(sheet, options);
    auto map = HeaderMap::Match(
        sheet, {{"school_code", {"school_code", "รหัสโรงเรียน"}},
                {"smis_code", {"smis_code", "รหัส SMIS", "รหัสsmis"}, false},
                {"name", {"name", "ชื่อโรงเรียน"}},
                {"district", {"district", "อำเภอ"}, false},
                {"zone", {"zone", "เขตคุณภาพ", "เขตคุณภาพการศึกษา"}, false},
                {"affiliation", {"affiliation", "สังกัด"}, false},
                {"office_code", {"office_code", "รหัสเขตพื้นที่", "รหัสสำนักงานเขต"}, false}});
    if (!map) return std::unexpected(map.error());

    auto offices = schools_.Offices();
    if (!offices) return std::unexpected(offices.error());
    std::map<std::string, Office> office_by_code;
    for (Office& office : *offices) office_by_code[office.code] = std::move(office);

    ImportErrors errors(sheet.source);
    ImportSummary summary = StartSummary("schools", sheet, "flat", options);
    std::vector<School> schools;
    std::map<std::string, int> first_row;  // school code → row it first appeared on
    std::map<std::string, std::vector<QualityZone>> zones_of_office;
    std::vector<QualityZone> new_zones;
    std::set<std::string> new_offices;

    for (std::size_t i = 1; i < sheet.rows.size(); ++i) {
        if (auto wanted = StillWanted(options, i); !wanted) return std::unexpected(wanted.error());
        const sheets::SheetRow& row = sheet.rows[i];
        School school;
        school.code = std::string(map->Cell(row, "school_code"));
        school.smis_code = std::string(map->Cell(row, "smis_code"));
        school.name = std::string(map->Cell(row, "name"));
        school.source = sheet.source;
        if (auto ok = CheckSchoolCode(school.code); !ok) {
            errors.Add(row.number, map->Header("school_code"), ok.error().message);
            continue;
        }
        if (auto ok = CheckSmisCode(school.smis_code); !ok) {
            errors.Add(row.number, map->Header("smis_code"), ok.error().message);
        }
        if (school.name.empty()) errors.Add(row.number, map->Header("name"), "ไม่มีชื่อโรงเรียน");
        if (auto [it, inserted] = first_row.emplace(school.code, row.number); !inserted) {
            errors.Add(row.number, map->Header("school_code"),
                       fmt::format("รหัสโรงเรียน {} ซ้ำกับแถว {}", school.code, it->second));
            continue;
        }
        // Columns the file leaves out keep what the store holds.
        auto existing = schools_.FindSchool(school.code);
        if (existing) {
            school.district = existing->district;
            school.zone_code = existing->zone_code;
            school.affiliation = existing->affiliation;
            school.level_span = existing->level_span;
            school.active = existing->active;
            school.office_code = existing->office_code;
        }
        if (map->Index("district") >= 0) school.district = std::string(map->Cell(row, "district"));
        if (map->Index("affiliation") >= 0 && !map->Cell(row, "affiliation").empty()) {
            school.affiliation = std::string(map->Cell(row, "affiliation"));
        }
        const std::string stored_office = school.office_code;
        if (!map->Cell(row, "office_code").empty()) {
            school.office_code = std::string(map->Cell(row, "office_code"));
        } else if (!options.office_code.empty()) {
            school.office_code = options.office_code;
        } else if (school.office_code.empty() && school.smis_code.size() == 8) {
            school.office_code = school.smis_code.substr(0, 4);  // SMIS = area code + number
        }
        // An import into one office never writes another office's schools, nor moves a school
        // between offices behind the user's back.
        if (!options.office_code.empty() && school.office_code != options.office_code) {
            errors.Add(row.number, map->Header("office_code"),
                       fmt::format("แถวนี้เป็นของเขตพื้นที่ {} ไม่ใช่ {} ที่กำลังนำเข้า", school.office_code,
                                   options.office_code));
            continue;
        }
        if (!stored_office.empty() && stored_office != school.office_code) {
            errors.Add(
                row.number, map->Header("school_code"),
                fmt::format("โรงเรียน {} อยู่ในเขตพื้นที่ {} แล้ว: การย้ายโรงเรียนข้ามเขตต้องทำโดยผู้ดูแลระบบ",
                            school.code, stored_office));
            continue;
        }
        if (school.office_code.empty()) {
            errors.Add(row.number, map->Header("school_code"),
                       "ไม่ทราบสำนักงานเขตของโรงเรียน: ใส่คอลัมน์ office_code รหัส SMIS หรือ --office");
            continue;
        }
        if (!office_by_code.count(school.office_code) && !new_offices.count(school.office_code)) {
            new_offices.insert(school.office_code);
            summary.notes.push_back(fmt::format("สร้างสำนักงานเขตรหัส {} ใหม่ (ยังไม่มีชื่อ: แก้ชื่อได้ภายหลัง)",
                                                school.office_code));
        }
        if (map->Index("zone") >= 0) {
            const std::string zone_name(map->Cell(row, "zone"));
            school.zone_code.clear();
            if (!zone_name.empty()) {
                auto& zones = zones_of_office[school.office_code];
                if (zones.empty()) {
                    if (auto stored = schools_.Zones(school.office_code); stored) zones = *stored;
                }
                auto found = std::find_if(zones.begin(), zones.end(), [&](const QualityZone& z) {
                    return z.name == zone_name || z.code == zone_name;
                });
                if (found == zones.end()) {
                    QualityZone zone;
                    zone.ordinal = static_cast<int>(zones.size()) + 1;
                    zone.code = fmt::format("{}-Z{:02}", school.office_code, zone.ordinal);
                    zone.office_code = school.office_code;
                    zone.name = zone_name;
                    zone.district = school.district;
                    zones.push_back(zone);
                    new_zones.push_back(zone);
                    found = std::prev(zones.end());
                }
                school.zone_code = found->code;
            }
        }
        schools.push_back(std::move(school));
    }
    if (!errors.Empty()) return std::unexpected(errors.ToError());
    if (schools.empty())
        return InvalidArgument(fmt::format("ไฟล์ {} ไม่มีแถวข้อมูลโรงเรียน", sheet.source));

    std::vector<Office> offices_to_save;
    for (const std::string& code : new_offices) {
        offices_to_save.push_back(
            {code, fmt::format("สำนักงานเขตพื้นที่การศึกษา {}", code), fmt::format("เขต {}", code), ""});
    }
    summary.rows = static_cast<long long>(schools.size());
    summary.schools = summary.rows;
    if (!options.dry_run) {
        if (auto saved = schools_.SaveSchools(offices_to_save, new_zones, schools,
                                              ImportAudit(summary, sheet, options));
            !saved) {
            return std::unexpected(saved.error());
        }
    }
    return summary;
}

Result<ImportSummary> ImportService::ImportObecList(const sheets::Sheet& sheet,
                                                    const ImportOptions& options) {
    // OBEC's list holds every office; an import into one office takes that office's rows only,
    // as every other import does.
    if (!options.area_code.empty() && !options.office_code.empty() &&
        options.area_code != options.office_code) {
        return InvalidArgument(fmt::format("--area {} ไม่ตรงกับเขตพื้นที่ {} ที่กำลังนำเข้า",
                                           options.area_code, options.office_code));
    }
    const std::string& only_area =
        options.area_code.empty() ? options.office_code : options.area_code;
    auto map = HeaderMap::Match(sheet, {{"obec_province_no", {"obec_province_no"}},
                                        {"province", {"province"}},
                                        {"row_no", {"row_no"}},
                                        {"area_code", {"area_code"}},
                                        {"area_name", {"area_name"}},
                                        {"smis_code", {"smis_code_8"}},
                                        {"school_code", {"school_id_10"}},
                                        {"name", {"school_name"}},
                                        {"level_span", {"level_span"}}});
    if (!map) return std::unexpected(map.error());
    auto known = LoadKnownSchools(schools_);
    if (!known) return std::unexpected(known.error());
    auto stored_offices = schools_.Offices();
    if (!stored_offices) return std::unexpected(stored_offices.error());
    std::set<std::string> existing_offices;
    for (const Office& office : *stored_offices) existing_offices.insert(office.code);

    ImportSummary summary = StartSummary("schools", sheet, "obec-list", options);
    ImportErrors errors(sheet.source);
    std::map<std::string, Office> offices;
    std::vector<School> schools;
    std::unordered_map<std::string, int> first_row;
    for (std::size_t i = 1; i < sheet.rows.size(); ++i) {
        if (auto wanted = StillWanted(options, i); !wanted) return std::unexpected(wanted.error());
        const sheets::SheetRow& row = sheet.rows[i];
        const std::string area(map->Cell(row, "area_code"));
        if (!only_area.empty() && area != only_area) continue;
        School school;
        school.code = std::string(map->Cell(row, "school_code"));
        school.smis_code = std::string(map->Cell(row, "smis_code"));
        school.name = std::string(map->Cell(row, "name"));
        school.level_span = std::string(map->Cell(row, "level_span"));
        school.office_code = area;
        school.source = sheet.source;
        // OBEC's published list has known defects (two 9-digit ids); a person cannot fix the
        // source, so such rows are skipped and said, instead of refusing 29,577 good rows.
        if (!CheckSchoolCode(school.code) || !CheckSmisCode(school.smis_code)) {
            summary.notes.push_back(
                fmt::format("ข้ามแถว {}: รหัสโรงเรียน \"{}\" หรือรหัส SMIS \"{}\" ไม่ถูกต้อง", row.number,
                            school.code, school.smis_code));
            continue;
        }
        if (auto [it, inserted] = first_row.emplace(school.code, row.number); !inserted) {
            errors.Add(row.number, map->Header("school_code"),
                       fmt::format("รหัสโรงเรียน {} ซ้ำกับแถว {}", school.code, it->second));
            continue;
        }
        if (known->count(school.code)) {
            auto existing = schools_.FindSchool(school.code);
            if (existing) {
                school.district = existing->district;
                school.zone_code = existing->zone_code;
                school.affiliation = existing->affiliation;
                school.active = existing->active;
            }
        }
        if (!existing_offices.count(area) && !offices.count(area)) {
            const std::string short_name(map->Cell(row, "area_name"));
            offices[area] = Office{area, ExpandOfficeName(short_name), short_name, ""};
        }
        schools.push_back(std::move(school));
    }
    if (!errors.Empty()) return std::unexpected(errors.ToError());
    if (schools.empty()) {
        return InvalidArgument(
            only_area.empty()
                ? fmt::format("ไฟล์ {} ไม่มีแถวข้อมูลโรงเรียน", sheet.source)
                : fmt::format("ไม่มีโรงเรียนของเขตพื้นที่รหัส {} ในไฟล์ {}", only_area, sheet.source));
    }
    summary.rows = static_cast<long long>(schools.size());
    summary.schools = summary.rows;
    if (!options.dry_run) {
        std::vector<Office> new_offices;
        for (auto& [_, office] : offices) new_offices.push_back(std::move(office));
        if (auto saved = schools_.SaveSchools(new_offices, {}, schools,
                                              ImportAudit(summary, sheet, options));
            !saved) {
            return std::unexpected(saved.error());
        }
    }
    return summary;
}

Result<ImportSummary> ImportService::ImportCensus(const sheets::Sheet& sheet,
                                                  const ImportOptions& options) {
    if (auto allowed = CheckAllowed("census", sheet, options); !allowed) {
        return std::unexpected(allowed.error());
    }
    auto round = RequireRound(options);
    if (!round) return std::unexpected(round.error());
    if (IsEmisStudents(sheet)) return ImportEmisStudents(sheet, options);
    auto map = HeaderMap::Match(sheet, {{"school_code", {"school_code", "รหัสโรงเรียน"}},
                                        {"grade", {"grade", "ชั้น", "ระดับชั้น"}},
                                        {"male", {"male", "ชาย"}},
                                        {"female", {"female", "หญิง"}},
                                        {"rooms", {"rooms", "ห้องเรียน", "ห้อง"}},
                                        {"total", {"total", "รวม"}, false}});
    if (!map) return std::unexpected(map.error());
    auto known = LoadKnownSchools(schools_);
    if (!known) return std::unexpected(known.error());

    ImportErrors errors(sheet.source);
    std::vector<EnrolmentRow> rows;
    rows.reserve(sheet.rows.size());
    std::set<std::string> offices;
    // First row of each (school, grade), to name both rows of a duplicate.
    std::unordered_map<std::string, std::array<int, kAllGrades.size()>> seen;
    seen.reserve(known->size());
    // A file lists a school's grades one after another: the school is looked up once a run of
    // rows instead of once a row (a national file has 443,655 rows and 29,577 schools).
    std::string_view run_code;
    std::array<int, kAllGrades.size()>* run_seen = nullptr;  // null while the school is wrong
    for (std::size_t i = 1; i < sheet.rows.size(); ++i) {
        if (auto wanted = StillWanted(options, i); !wanted) return std::unexpected(wanted.error());
        const sheets::SheetRow& row = sheet.rows[i];
        const std::string_view code = map->Cell(row, "school_code");
        if (run_seen == nullptr || code != run_code) {
            run_code = code;
            run_seen =
                CheckKnownSchool(errors, *known, row, *map, code, options.office_code, offices)
                    ? &seen[std::string(code)]
                    : nullptr;
        }
        const bool school_ok = run_seen != nullptr;
        const auto grade = ParseGrade(map->Cell(row, "grade"));
        if (!grade) {
            errors.Add(row.number, map->Header("grade"),
                       fmt::format("ไม่รู้จักชั้น \"{}\" (ใช้ อ.1–อ.3, ป.1–ป.6, ม.1–ม.6)",
                                   map->Cell(row, "grade")));
        }
        const auto male = ReadCount(errors, row, *map, "male");
        const auto female = ReadCount(errors, row, *map, "female");
        const auto rooms = ReadCount(errors, row, *map, "rooms");
        if (map->Index("total") >= 0 && male && female) {
            const auto total = ReadCount(errors, row, *map, "total");
            if (total && *total != *male + *female) {
                errors.Add(row.number, map->Header("total"),
                           fmt::format("รวม {} ไม่เท่ากับ ชาย {} + หญิง {}", *total, *male, *female));
            }
        }
        if (!school_ok || !grade || !male || !female || !rooms) continue;
        int& first = (*run_seen)[GradeIndex(*grade)];
        if (first != 0) {
            errors.Add(row.number, map->Header("grade"),
                       fmt::format("โรงเรียน {} ชั้น {} ซ้ำกับแถว {}", code, GradeCode(*grade), first));
            continue;
        }
        first = row.number;
        rows.push_back({std::string(code), *grade, *male, *female, *rooms});
    }
    return FinishImport(errors, sheet, "census", "flat", "นักเรียน", options, rows,
                        static_cast<long long>(seen.size()), [&](const AuditEntry& audit) {
                            return census_.ReplaceEnrolment(
                                *round, SchoolsOfOffices(*known, offices), rows, audit);
                        });
}

Result<ImportSummary> ImportService::ImportEmisStudents(const sheets::Sheet& sheet,
                                                        const ImportOptions& options) {
    if (auto school = CheckEmisSchool(sheet, options); !school) {
        return std::unexpected(school.error());
    }
    ImportErrors errors(sheet.source);
    static constexpr std::array<std::string_view, 4> kHeaders = {"ชาย", "หญิง", "รวม", "ห้องเรียน"};
    std::vector<EnrolmentRow> rows;
    std::array<long long, 4> group{}, all{};
    int checked = 0;
    for (std::size_t i = 1; i < sheet.rows.size(); ++i) {
        if (auto wanted = StillWanted(options, i); !wanted) return std::unexpected(wanted.error());
        const sheets::SheetRow& row = sheet.rows[i];
        const std::string label(row.cells.empty() ? "" : row.cells[0]);
        std::array<int, 4> values{};
        bool numbers_ok = true;
        for (int c = 0; c < 4; ++c) {
            const auto value = ReadCountAt(errors, row, c + 1, kHeaders[c]);
            numbers_ok = numbers_ok && value.has_value();
            values[c] = value.value_or(0);
        }
        if (!numbers_ok) continue;
        if (values[2] != values[0] + values[1]) {
            errors.Add(
                row.number, "รวม",
                fmt::format("รวม {} ไม่เท่ากับ ชาย {} + หญิง {}", values[2], values[0], values[1]));
        }
        if (label.starts_with("รวม")) {
            // Subtotal rows are checked against the rows they sum, never stored.
            const bool grand = label == "รวมทั้งหมด";
            const auto& expected = grand ? all : group;
            for (int c = 0; c < 4; ++c) {
                if (values[c] != expected[c]) {
                    errors.Add(row.number, kHeaders[c],
                               fmt::format("แถวรวม \"{}\" คอลัมน์{} = {} แต่ผลรวมของชั้นในกลุ่ม = {}",
                                           label, kHeaders[c], values[c], expected[c]));
                }
            }
            ++checked;
            group = {};
            continue;
        }
        for (int c = 0; c < 4; ++c) {
            group[c] += values[c];
            all[c] += values[c];
        }
        if (label.starts_with("ปวช.")) {
            if (values[2] != 0 || values[3] != 0) {
                errors.Add(
                    row.number, "ชั้น/เพศ",
                    fmt::format("ชั้น {} (อาชีวศึกษา) ยังไม่รองรับ แต่มีนักเรียน {} คน", label, values[2]));
            }
            continue;
        }
        const auto grade = ParseGrade(label);
        if (!grade) {
            errors.Add(row.number, "ชั้น/เพศ", fmt::format("ไม่รู้จักชั้น \"{}\"", label));
            continue;
        }
        rows.push_back({options.school_code, *grade, values[0], values[1], values[3]});
    }
    return FinishImport(errors, sheet, "census", "emis-student", "นักเรียน", options, rows, 1,
                        [&](const AuditEntry& audit) {
                            return census_.ReplaceEnrolment(*options.round, {options.school_code},
                                                            rows, audit);
                        },
                        {SubtotalsNote(checked)});
}

Result<ImportSummary> ImportService::ImportStaff(const sheets::Sheet& sheet,
                                                 const ImportOptions& options) {
    if (auto allowed = CheckAllowed("staff", sheet, options); !allowed) {
        return std::unexpected(allowed.error());
    }
    auto round = RequireRound(options);
    if (!round) return std::unexpected(round.error());
    if (IsEmisStaff(sheet)) return ImportEmisStaff(sheet, options);
    auto map = HeaderMap::Match(sheet, {{"school_code", {"school_code", "รหัสโรงเรียน"}},
                                        {"position", {"position", "ตำแหน่ง"}},
                                        {"standing", {"standing", "วิทยฐานะ"}, false},
                                        {"rank", {"rank", "อันดับ", "ระดับ"}, false},
                                        {"male", {"male", "ชาย"}},
                                        {"female", {"female", "หญิง"}}});
    if (!map) return std::unexpected(map.error());
    auto known = LoadKnownSchools(schools_);
    if (!known) return std::unexpected(known.error());
    ImportErrors errors(sheet.source);
    std::vector<StaffRow> rows;
    std::set<std::string> offices, schools;
    std::map<std::tuple<std::string, Position, std::string, std::string>, int> seen;
    for (std::size_t i = 1; i < sheet.rows.size(); ++i) {
        if (auto wanted = StillWanted(options, i); !wanted) return std::unexpected(wanted.error());
        const sheets::SheetRow& row = sheet.rows[i];
        const std::string_view code = map->Cell(row, "school_code");
        const bool school_ok =
            CheckKnownSchool(errors, *known, row, *map, code, options.office_code, offices);
        const auto position = ParsePosition(map->Cell(row, "position"));
        if (!position) {
            errors.Add(row.number, map->Header("position"),
                       fmt::format("ไม่รู้จักตำแหน่ง \"{}\" (ผู้อำนวยการ, รองผู้อำนวยการ, ครู, ครูผู้ช่วย, "
                                   "พนักงานราชการ, ครูอัตราจ้าง, ลูกจ้าง)",
                                   map->Cell(row, "position")));
        }
        const auto rank = ParseRank(map->Cell(row, "rank"));
        if (!rank) {
            errors.Add(
                row.number, map->Header("rank"),
                fmt::format("ไม่รู้จักอันดับ \"{}\" (คศ.1–คศ.5, ครูผู้ช่วย หรือ -)", map->Cell(row, "rank")));
        }
        const auto standing = ParseStanding(map->Cell(row, "standing"));
        if (!standing) {
            errors.Add(row.number, map->Header("standing"),
                       fmt::format("ไม่รู้จักวิทยฐานะ \"{}\"", map->Cell(row, "standing")));
        }
        const auto male = ReadCount(errors, row, *map, "male");
        const auto female = ReadCount(errors, row, *map, "female");
        if (!school_ok || !position || !rank || !standing || !male || !female) continue;
        auto key =
            std::tuple(std::string(code), *position, std::string(*rank), std::string(*standing));
        if (auto [it, inserted] = seen.emplace(key, row.number); !inserted) {
            errors.Add(
                row.number, map->Header("position"),
                fmt::format("ซ้ำกับแถว {} (โรงเรียน ตำแหน่ง อันดับ และวิทยฐานะเดียวกัน)", it->second));
            continue;
        }
        schools.insert(std::string(code));
        rows.push_back({std::string(code), *position, std::string(*rank), std::string(*standing),
                        *male, *female});
    }
    return FinishImport(errors, sheet, "staff", "flat", "บุคลากร", options, rows,
                        static_cast<long long>(schools.size()), [&](const AuditEntry& audit) {
                            return census_.ReplaceStaff(*round, SchoolsOfOffices(*known, offices),
                                                        rows, audit);
                        });
}

Result<ImportSummary> ImportService::ImportEmisStaff(const sheets::Sheet& sheet,
                                                     const ImportOptions& options) {
    if (auto school = CheckEmisSchool(sheet, options); !school) {
        return std::unexpected(school.error());
    }
    ImportErrors errors(sheet.source);
    std::map<std::tuple<Position, std::string, std::string>, std::pair<int, int>> counts;
    std::array<long long, 3> position_sum{}, all{};
    std::string current_position;
    int checked = 0;
    for (std::size_t i = 1; i < sheet.rows.size(); ++i) {
        if (auto wanted = StillWanted(options, i); !wanted) return std::unexpected(wanted.error());
        const sheets::SheetRow& row = sheet.rows[i];
        auto cell = [&](int c) {
            return c < static_cast<int>(row.cells.size()) ? row.cells[c] : std::string_view();
        };
        std::array<int, 3> values{};
        bool numbers_ok = true;
        for (int c = 0; c < 3; ++c) {
            const auto value = ReadCountAt(errors, row, c + 3, std::array{"ชาย", "หญิง", "รวม"}[c]);
            numbers_ok = numbers_ok && value.has_value();
            values[c] = value.value_or(0);
        }
        if (!numbers_ok) continue;
        if (values[2] != values[0] + values[1]) {
            errors.Add(
                row.number, "รวม",
                fmt::format("รวม {} ไม่เท่ากับ ชาย {} + หญิง {}", values[2], values[0], values[1]));
        }
        const std::string position_text(cell(0)), standing_text(cell(1));
        if (position_text == "รวมทั้งหมด" || standing_text == "รวม") {
            const bool grand = position_text == "รวมทั้งหมด";
            const auto& expected = grand ? all : position_sum;
            for (int c = 0; c < 3; ++c) {
                if (values[c] != expected[c]) {
                    errors.Add(row.number, std::array{"ชาย", "หญิง", "รวม"}[c],
                               fmt::format("แถวรวมของ \"{}\" = {} แต่ผลรวมของแถวในกลุ่ม = {}",
                                           position_text, values[c], expected[c]));
                }
            }
            ++checked;
            continue;
        }
        if (position_text != current_position) {
            current_position = position_text;
            position_sum = {};
        }
        for (int c = 0; c < 3; ++c) {
            position_sum[c] += values[c];
            all[c] += values[c];
        }
        const auto position = ParsePosition(position_text);
        const auto rank = ParseRank(cell(2));
        const auto standing = ParseStanding(standing_text);
        if (!position) {
            errors.Add(row.number, "ตำแหน่ง", fmt::format("ไม่รู้จักตำแหน่ง \"{}\"", position_text));
        }
        if (!rank) errors.Add(row.number, "ระดับ_ตำแหน่ง", fmt::format("ไม่รู้จักอันดับ \"{}\"", cell(2)));
        if (!standing) {
            errors.Add(row.number, "วิทยฐานะ", fmt::format("ไม่รู้จักวิทยฐานะ \"{}\"", standing_text));
        }
        if (!position || !rank || !standing || values[2] == 0) continue;
        // EMIS lists permanent and temporary employees apart; the census counts them as one.
        auto& sum = counts[{*position, std::string(*rank), std::string(*standing)}];
        sum.first += values[0];
        sum.second += values[1];
    }
    if (!errors.Empty()) return std::unexpected(errors.ToError());
    std::vector<StaffRow> rows;
    for (const auto& [key, sum] : counts) {
        rows.push_back({options.school_code, std::get<0>(key), std::get<1>(key), std::get<2>(key),
                        sum.first, sum.second});
    }
    return FinishImport(errors, sheet, "staff", "emis-staff", "บุคลากร", options, rows, 1,
                        [&](const AuditEntry& audit) {
                            return census_.ReplaceStaff(*options.round, {options.school_code}, rows,
                                                        audit);
                        },
                        {SubtotalsNote(checked)});
}

Result<ImportSummary> ImportService::ImportDegrees(const sheets::Sheet& sheet,
                                                   const ImportOptions& options) {
    if (auto allowed = CheckAllowed("degrees", sheet, options); !allowed) {
        return std::unexpected(allowed.error());
    }
    auto round = RequireRound(options);
    if (!round) return std::unexpected(round.error());
    auto map = HeaderMap::Match(sheet, {{"school_code", {"school_code", "รหัสโรงเรียน"}},
                                        {"degree", {"degree", "วุฒิ", "ระดับการศึกษา"}},
                                        {"male", {"male", "ชาย"}},
                                        {"female", {"female", "หญิง"}}});
    if (!map) return std::unexpected(map.error());
    auto known = LoadKnownSchools(schools_);
    if (!known) return std::unexpected(known.error());
    ImportErrors errors(sheet.source);
    std::vector<DegreeRow> rows;
    std::set<std::string> offices, schools;
    std::map<std::pair<std::string, std::string>, int> seen;
    for (std::size_t i = 1; i < sheet.rows.size(); ++i) {
        if (auto wanted = StillWanted(options, i); !wanted) return std::unexpected(wanted.error());
        const sheets::SheetRow& row = sheet.rows[i];
        const std::string_view code = map->Cell(row, "school_code");
        const bool school_ok =
            CheckKnownSchool(errors, *known, row, *map, code, options.office_code, offices);
        const auto degree = ParseDegree(map->Cell(row, "degree"));
        if (!degree) {
            errors.Add(row.number, map->Header("degree"),
                       fmt::format("ไม่รู้จักระดับการศึกษา \"{}\" (ปริญญาเอก, ปริญญาโท, ปริญญาตรี, "
                                   "ต่ำกว่าปริญญาตรี)",
                                   map->Cell(row, "degree")));
        }
        const auto male = ReadCount(errors, row, *map, "male");
        const auto female = ReadCount(errors, row, *map, "female");
        if (!school_ok || !degree || !male || !female) continue;
        if (auto [it, inserted] =
                seen.emplace(std::pair(std::string(code), std::string(*degree)), row.number);
            !inserted) {
            errors.Add(row.number, map->Header("degree"),
                       fmt::format("โรงเรียน {} {} ซ้ำกับแถว {}", code, *degree, it->second));
            continue;
        }
        schools.insert(std::string(code));
        rows.push_back({std::string(code), std::string(*degree), *male, *female});
    }
    return FinishImport(errors, sheet, "degrees", "flat", "วุฒิการศึกษา", options, rows,
                        static_cast<long long>(schools.size()), [&](const AuditEntry& audit) {
                            return census_.ReplaceDegrees(*round, SchoolsOfOffices(*known, offices),
                                                          rows, audit);
                        });
}

}  // namespace khet
