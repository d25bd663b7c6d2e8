#include "services/directory.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "thai/thai_time.hpp"

namespace khet {

Result<std::vector<Office>> DirectoryService::Offices(const Actor& actor) {
    if (auto signed_in = RequireSignedIn(actor); !signed_in) {
        return std::unexpected(signed_in.error());
    }
    auto offices = schools_.Offices();
    if (!offices || IsSystemAdmin(actor)) return offices;
    std::erase_if(*offices, [&](const Office& office) {
        return !Allows(actor, Permission::kReadPublished, Scope{office.code, ""});
    });
    return offices;
}

Result<OfficeOverview> DirectoryService::Overview(const Actor& actor,
                                                  std::string_view office_code) {
    if (auto allowed =
            Require(actor, Permission::kReadPublished, Scope{std::string(office_code), ""});
        !allowed) {
        return std::unexpected(allowed.error());
    }
    auto office = schools_.FindOffice(office_code);
    if (!office) return std::unexpected(office.error());
    auto zones = schools_.Zones(office_code);
    if (!zones) return std::unexpected(zones.error());
    auto schools = schools_.Schools(office_code);
    if (!schools) return std::unexpected(schools.error());
    return OfficeOverview{std::move(*office), std::move(*zones), std::move(*schools)};
}

Result<std::vector<SizeScheme>> DirectoryService::SizeSchemes(const Actor& actor) {
    if (auto signed_in = RequireSignedIn(actor); !signed_in) {
        return std::unexpected(signed_in.error());
    }
    return schemes_.SizeSchemes();
}

Result<School> DirectoryService::FindSchool(const Actor& actor, std::string_view school_code) {
    if (auto signed_in = RequireSignedIn(actor); !signed_in) {
        return std::unexpected(signed_in.error());
    }
    auto school = schools_.FindSchool(school_code);
    if (!school) return school;
    if (auto allowed =
            Require(actor, Permission::kReadSchoolData, Scope{school->office_code, school->code});
        !allowed) {
        return std::unexpected(allowed.error());
    }
    return school;
}

Result<std::vector<QualityZone>> DirectoryService::ZonesOfSchool(const Actor& actor,
                                                                 const School& school) {
    if (auto allowed =
            Require(actor, Permission::kReadSchoolData, Scope{school.office_code, school.code});
        !allowed) {
        return std::unexpected(allowed.error());
    }
    return schools_.Zones(school.office_code);
}

Status DirectoryService::MayEditSchool(const Actor& actor, std::string_view school_code) {
    if (auto signed_in = RequireSignedIn(actor); !signed_in) return signed_in;
    auto school = schools_.FindSchool(school_code);
    if (!school) return std::unexpected(school.error());
    return Require(actor, Permission::kEditSchool, Scope{school->office_code, school->code});
}

Result<School> DirectoryService::UpdateSchool(const Actor& actor, const School& edited,
                                              long long expected_version) {
    if (auto signed_in = RequireSignedIn(actor); !signed_in) {
        return std::unexpected(signed_in.error());
    }
    auto current = schools_.FindSchool(edited.code);
    if (!current) return current;
    if (auto allowed =
            Require(actor, Permission::kEditSchool, Scope{current->office_code, current->code});
        !allowed) {
        return std::unexpected(allowed.error());
    }
    School school = *current;
    school.name = edited.name;
    school.district = edited.district;
    school.zone_code = edited.zone_code;
    school.level_span = edited.level_span;
    school.active = edited.active;
    if (auto valid = ValidateSchoolEdit(school); !valid) return std::unexpected(valid.error());
    if (!school.zone_code.empty()) {
        auto zones = schools_.Zones(school.office_code);
        if (!zones) return std::unexpected(zones.error());
        const bool known = std::any_of(zones->begin(), zones->end(), [&](const QualityZone& z) {
            return z.code == school.zone_code;
        });
        if (!known) {
            const std::string message = fmt::format("ไม่มีเขตคุณภาพรหัส {} ในสำนักงานเขต {}",
                                                    school.zone_code, school.office_code);
            return InvalidArgument(message, {FieldError{"zone_code", message, 0, ""}});
        }
    }
    auto saved = schools_.UpdateSchool(school, expected_version,
                                       AuditOf(actor, "school.update", school.office_code));
    if (saved || saved.error().code != ErrorCode::kConflict) return saved;
    // Say who got there first and when, so the person can compare rather than guess.
    auto now = schools_.FindSchool(edited.code);
    if (!now) return std::unexpected(saved.error());
    const auto when = ParseUtcIso(now->updated_at);
    const std::string who = now->updated_by.empty() ? "การนำเข้าข้อมูล" : now->updated_by;
    return Fail(
        ErrorCode::kConflict,
        fmt::format("{} แก้ไขข้อมูลโรงเรียนนี้{}ระหว่างที่คุณแก้ไข: ข้อมูลของคุณยังไม่ได้บันทึก "
                    "ตรวจฉบับล่าสุดของเขาแล้วบันทึกอีกครั้ง",
                    who,
                    when ? fmt::format(" เมื่อ {} ", FormatThaiDateTime(*when, DateStyle::kShort))
                         : std::string(" ")));
}

}  // namespace khet
