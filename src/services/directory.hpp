#pragma once

#include <string_view>
#include <vector>

#include "domain/access.hpp"
#include "domain/school.hpp"
#include "domain/size_scheme.hpp"
#include "services/ports/repositories.hpp"

namespace khet {

/// What an office's front page shows of it: the office, its quality zones and its schools.
struct OfficeOverview {
    Office office;
    std::vector<QualityZone> zones;
    std::vector<School> schools;
};

/// Offices, zones and schools as the actor may see them, and the edit of a school's record.
class DirectoryService {
  public:
    DirectoryService(SchoolRepository& schools, SizeSchemeRepository& schemes)
        : schools_(schools), schemes_(schemes) {}

    /// The offices the actor holds a grant in (a system administrator: every office).
    Result<std::vector<Office>> Offices(const Actor& actor);
    /// kReadPublished in the office.
    Result<OfficeOverview> Overview(const Actor& actor, std::string_view office_code);
    /// Any signed-in user.
    Result<std::vector<SizeScheme>> SizeSchemes(const Actor& actor);
    /// kReadSchoolData for the school.
    Result<School> FindSchool(const Actor& actor, std::string_view school_code);
    /// The quality zones of the school's office, for its edit form (kReadSchoolData).
    Result<std::vector<QualityZone>> ZonesOfSchool(const Actor& actor, const School& school);

    /// Whether the actor may edit the school's record; kNotFound for an unknown school. The gate
    /// asks before it reads the edit (docs/SECURITY.md).
    Status MayEditSchool(const Actor& actor, std::string_view school_code);

    /// Saves the editable fields of `edited` (name, district, zone, level span, active) when the
    /// school is still at `expected_version`, on record in the audit trail. kEditSchool for the
    /// school; kInvalidArgument per field; kConflict naming who changed it and when.
    Result<School> UpdateSchool(const Actor& actor, const School& edited,
                                long long expected_version);

  private:
    SchoolRepository& schools_;
    SizeSchemeRepository& schemes_;
};

}  // namespace khet
