#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/error.hpp"

namespace khet {

/// An educational service area office (สพป./สพม.), keyed by OBEC's 4-digit area code ("2402").
struct Office {
    std::string code;
    std::string name;  // "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาฉะเชิงเทรา เขต 2"
    std::string short_name;  // "สพป.ฉะเชิงเทรา เขต 2"
    std::string data_note;   // what of the office's data is real and what generated
};

/// A quality zone (เขตคุณภาพการศึกษา): a cluster of schools with a centre school.
struct QualityZone {
    std::string code;  // "2402-Z01"
    std::string office_code;
    int ordinal = 0;
    std::string name;  // "เขตคุณภาพที่ 1 (พนมสารคาม 1)"
    std::string district;  // the district the zone serves
    std::string centre_school_code;
};

inline constexpr std::string_view kObecAffiliation = "สพฐ.";

/// A school of the office's area; schools of other affiliations are counted for the area too.
struct School {
    std::string code;       // 10-digit school code
    std::string smis_code;  // 8-digit SMIS code, empty when unknown
    std::string office_code;
    std::string name;
    std::string district;  // อำเภอ
    std::string zone_code;
    std::string affiliation = std::string(kObecAffiliation);
    std::string level_span = {};  // "อนุบาล-ประถมศึกษา"
    bool active = true;
    std::string source = {};      // where the row came from: "generated" or the file's name
    long long version = 0;        // given by the store; raised by every change (no lost updates)
    std::string updated_at = {};  // UTC "2026-11-23T03:42:05Z" of the last change by a person
    std::string updated_by = {};  // display name of who made it
};

/// The fields of a school a person edits, as JSON object text for the audit trail.
std::string SchoolAuditText(const School& school);

/// Checks the edited fields (name, district, level span; the zone is checked against the
/// office's zones by the service): kInvalidArgument with one FieldError per bad field.
Status ValidateSchoolEdit(const School& school);

/// kInvalidArgument unless `code` is 10 digits.
Status CheckSchoolCode(std::string_view code);
/// kInvalidArgument unless `code` is empty or 8 digits.
Status CheckSmisCode(std::string_view code);

}  // namespace khet
