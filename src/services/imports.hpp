#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/access.hpp"
#include "domain/census_round.hpp"
#include "services/ports/repositories.hpp"
#include "sheets/sheet.hpp"

namespace khet {

/// What an import read and (unless a dry run) wrote.
struct ImportSummary {
    std::string kind;  // "schools", "census", "staff", "degrees"
    std::string source;
    std::string format;  // "flat", "obec-list", "emis-student", "emis-staff"
    bool dry_run = false;
    long long rows = 0;              // data rows written (or that would be)
    long long schools = 0;           // schools the rows belong to
    std::vector<std::string> notes;  // encoding conversion, checked subtotals, skipped rows
};

struct ImportOptions {
    Actor actor = Actor::Anonymous();  // who imports: checked, and named in the audit trail
    bool dry_run = false;
    std::string office_code;  // schools: the office of a flat list without SMIS codes
    std::string area_code;    // schools: keep only this area of an OBEC list ("2402")
    std::string school_code;  // census/staff: the school of an EMIS per-school file
    std::optional<CensusRound> round;
    Deadline deadline = Deadline::Never();  // checked between rows
};

/// The imports of the school census. Each reads a whole sheet, checks every row, and writes
/// nothing unless every row is right; then it replaces what the store held in one transaction,
/// with an audit entry naming the file, its SHA-256 and the row counts. Each checks first that
/// options.actor may import into options.office_code.
class ImportService {
  public:
    ImportService(SchoolRepository& schools, CensusRepository& census)
        : schools_(schools), census_(census) {}

    /// Flat list (school_code, smis_code, name, district, zone, affiliation, or Thai headers) or
    /// OBEC's school list (obec_schools_*.tsv).
    Result<ImportSummary> ImportSchools(const sheets::Sheet& sheet, const ImportOptions& options);
    /// Flat (school_code, grade, male, female, rooms) or EMIS per-school student layout.
    Result<ImportSummary> ImportCensus(const sheets::Sheet& sheet, const ImportOptions& options);
    /// Flat (school_code, position, standing, rank, male, female) or EMIS staff layout.
    Result<ImportSummary> ImportStaff(const sheets::Sheet& sheet, const ImportOptions& options);
    /// Flat (school_code, degree, male, female).
    Result<ImportSummary> ImportDegrees(const sheets::Sheet& sheet, const ImportOptions& options);

    /// Whether the actor may import anything into the office (its own school's files, for a
    /// school officer): the gate asks this before it reads an upload (docs/SECURITY.md).
    Status MayImport(const Actor& actor, std::string_view office_code) const {
        return RequireWithin(actor, Permission::kImport, office_code);
    }

    /// Dispatches on `kind` ("schools", "census", "staff", "degrees").
    Result<ImportSummary> Import(std::string_view kind, const sheets::Sheet& sheet,
                                 const ImportOptions& options);

  private:
    /// kImport in the office; or, for a school officer, an EMIS per-school file of their school.
    Status CheckAllowed(std::string_view kind, const sheets::Sheet& sheet,
                        const ImportOptions& options);
    /// The school of an EMIS per-school file: given, known, and of the office being imported.
    Status CheckEmisSchool(const sheets::Sheet& sheet, const ImportOptions& options);
    Result<ImportSummary> ImportObecList(const sheets::Sheet& sheet, const ImportOptions& options);
    Result<ImportSummary> ImportEmisStudents(const sheets::Sheet& sheet,
                                             const ImportOptions& options);
    Result<ImportSummary> ImportEmisStaff(const sheets::Sheet& sheet, const ImportOptions& options);

    SchoolRepository& schools_;
    CensusRepository& census_;
};

}  // namespace khet
