#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access.hpp"
#include "domain/census.hpp"
#include "domain/document.hpp"
#include "domain/validation.hpp"
#include "services/ports/repositories.hpp"

namespace khet {

/// The office code of the national view: every office in the store, read as one.
inline constexpr std::string_view kAllOffices = "all";

/// What a statistics request names: an office, a census round (latest when empty) and, for the
/// size table, a size scheme (seed003 when empty).
struct TableQuery {
    std::string office_code;
    std::optional<CensusRound> round;
    std::string scheme_code;
};

/// A school with its totals of one round, for lists and a school's page.
struct SchoolSummary {
    School school;
    std::string zone_name;
    long long students = 0;
    long long male = 0;
    long long female = 0;
    long long rooms = 0;
    long long teachers = 0;
    std::string size_group;  // label of the size scheme's band
};

/// One school's page: its summary and its census rows of the round.
struct SchoolDetail {
    SchoolSummary summary;
    CensusRound round;
    std::vector<EnrolmentRow> enrolment;
    std::vector<StaffRow> staff;
    std::vector<DegreeRow> degrees;
};

/// Reads one office's census for a round (or every office's, for the office code kAllOffices)
/// and derives its statistics tables and warnings. Every use case checks that the actor may:
/// published tables need kReadPublished, anything per school kReadSchoolData, and the national
/// view a system administrator.
class StatisticsService {
  public:
    StatisticsService(SchoolRepository& schools, CensusRepository& census,
                      SizeSchemeRepository& schemes)
        : schools_(schools), census_(census), schemes_(schemes) {}

    /// The census rounds the office has data of, newest first.
    Result<std::vector<CensusRound>> Rounds(const Actor& actor, std::string_view office_code);
    /// The round asked for, or the office's latest; kNotFound when the office has no census.
    Result<CensusRound> ResolveRound(const Actor& actor, std::string_view office_code,
                                     const std::optional<CensusRound>& round);
    Result<OfficeSnapshot> Snapshot(const Actor& actor, std::string_view office_code,
                                    const std::optional<CensusRound>& round);
    Result<Table> StatisticsTable(const Actor& actor, std::string_view table_id,
                                  const TableQuery& query);
    /// The table as a document with its provenance (office, round, scheme, time of export).
    Result<Document> StatisticsDocument(const Actor& actor, std::string_view table_id,
                                        const TableQuery& query);
    Result<std::vector<ValidationWarning>> Validate(const Actor& actor,
                                                    std::string_view office_code,
                                                    const std::optional<CensusRound>& round);

    /// Every school of the office with its totals, sorted by Thai name.
    Result<std::vector<SchoolSummary>> SchoolSummaries(const Actor& actor, const TableQuery& query);
    Result<SchoolDetail> SchoolPage(const Actor& actor, std::string_view school_code,
                                    const std::optional<CensusRound>& round,
                                    std::string_view scheme_code);

  private:
    /// The office, or the national view's office for kAllOffices.
    Result<Office> OfficeOf(std::string_view office_code);
    Result<OfficeSnapshot> AllOfficesSnapshot(const std::optional<CensusRound>& round);
    Result<OfficeSnapshot> LoadSnapshot(std::string_view office_code,
                                        const std::optional<CensusRound>& round);
    Result<CensusRound> LatestRound(std::string_view office_code,
                                    const std::optional<CensusRound>& round);
    Status CheckOffice(const Actor& actor, Permission permission, std::string_view office_code);

    SchoolRepository& schools_;
    CensusRepository& census_;
    SizeSchemeRepository& schemes_;
};

}  // namespace khet
