#include "services/statistics_service.hpp"

#include <fmt/format.h>

#include <chrono>

#include "domain/statistics.hpp"
#include "thai/buddhist_date.hpp"
#include "thai/collation.hpp"
#include "thai/thai_time.hpp"

namespace khet {
namespace {

// Every school of the snapshot with its totals of the round, sorted by Thai name.
std::vector<SchoolSummary> Summarize(const OfficeSnapshot& snapshot, const SizeScheme& scheme) {
    const auto totals = TotalsBySchool(snapshot);
    std::map<std::string, std::string> zone_names;
    for (const QualityZone& zone : snapshot.zones) zone_names[zone.code] = zone.name;
    std::vector<SchoolSummary> summaries;
    summaries.reserve(snapshot.schools.size());
    for (const School& school : snapshot.schools) {
        SchoolSummary summary;
        const auto found = totals.find(school.code);
        if (found != totals.end()) {
            summary.students = found->second.students;
            summary.male = found->second.male;
            summary.female = found->second.female;
            summary.rooms = found->second.rooms;
            summary.teachers = found->second.teachers;
        }
        summary.zone_name = zone_names[school.zone_code];
        summary.size_group = found != totals.end() && school.affiliation == kObecAffiliation
                                 ? scheme.LabelOf(static_cast<int>(summary.students))
                                 : "";
        summary.school = school;
        summaries.push_back(std::move(summary));
    }
    SortByThai(summaries,
               [](const SchoolSummary& s) -> const std::string& { return s.school.name; });
    return summaries;
}

}  // namespace

Status StatisticsService::CheckOffice(const Actor& actor, Permission permission,
                                      std::string_view office_code) {
    if (office_code == kAllOffices) {
        if (auto signed_in = RequireSignedIn(actor); !signed_in) return signed_in;
        if (IsSystemAdmin(actor)) return {};
        return Fail(ErrorCode::kPermissionDenied, "ภาพรวมทุกสำนักงานเขตดูได้เฉพาะผู้ดูแลระบบ");
    }
    return Require(actor, permission, Scope{std::string(office_code), ""});
}

Result<std::vector<CensusRound>> StatisticsService::Rounds(const Actor& actor,
                                                           std::string_view office_code) {
    if (auto allowed = CheckOffice(actor, Permission::kReadPublished, office_code); !allowed) {
        return std::unexpected(allowed.error());
    }
    return census_.Rounds(office_code);
}

Result<CensusRound> StatisticsService::ResolveRound(const Actor& actor,
                                                    std::string_view office_code,
                                                    const std::optional<CensusRound>& round) {
    if (auto allowed = CheckOffice(actor, Permission::kReadPublished, office_code); !allowed) {
        return std::unexpected(allowed.error());
    }
    return LatestRound(office_code, round);
}

Result<CensusRound> StatisticsService::LatestRound(std::string_view office_code,
                                                   const std::optional<CensusRound>& round) {
    if (round) return *round;
    auto rounds = office_code == kAllOffices ? census_.AllRounds() : census_.Rounds(office_code);
    if (!rounds) return std::unexpected(rounds.error());
    if (rounds->empty()) {
        return NotFound(
            office_code == kAllOffices
                ? std::string("ยังไม่มีข้อมูลนักเรียนของสำนักงานเขตใดเลย: นำเข้าข้อมูลก่อน")
                : fmt::format("สำนักงานเขต {} ยังไม่มีข้อมูลนักเรียน: นำเข้าข้อมูลก่อน", office_code));
    }
    return rounds->front();
}

Result<Office> StatisticsService::OfficeOf(std::string_view office_code) {
    if (office_code == kAllOffices) {
        return Office{std::string(kAllOffices), "ทุกสำนักงานเขตพื้นที่การศึกษาในระบบ", "ทุกเขตพื้นที่", ""};
    }
    return schools_.FindOffice(office_code);
}

Result<OfficeSnapshot> StatisticsService::AllOfficesSnapshot(
    const std::optional<CensusRound>& round) {
    auto resolved = LatestRound(kAllOffices, round);
    if (!resolved) return std::unexpected(resolved.error());
    auto zones = schools_.AllZones();
    if (!zones) return std::unexpected(zones.error());
    auto schools = schools_.AllSchools();
    if (!schools) return std::unexpected(schools.error());
    auto enrolment = census_.AllEnrolment(*resolved);
    if (!enrolment) return std::unexpected(enrolment.error());
    auto staff = census_.AllStaff(*resolved);
    if (!staff) return std::unexpected(staff.error());
    auto degrees = census_.AllDegrees(*resolved);
    if (!degrees) return std::unexpected(degrees.error());
    return OfficeSnapshot{
        *OfficeOf(kAllOffices), *resolved,         std::move(*zones),  std::move(*schools),
        std::move(*enrolment),  std::move(*staff), std::move(*degrees)};
}

Result<OfficeSnapshot> StatisticsService::Snapshot(const Actor& actor, std::string_view office_code,
                                                   const std::optional<CensusRound>& round) {
    if (auto allowed = CheckOffice(actor, Permission::kReadPublished, office_code); !allowed) {
        return std::unexpected(allowed.error());
    }
    return LoadSnapshot(office_code, round);
}

Result<OfficeSnapshot> StatisticsService::LoadSnapshot(std::string_view office_code,
                                                       const std::optional<CensusRound>& round) {
    if (office_code == kAllOffices) return AllOfficesSnapshot(round);
    auto office = schools_.FindOffice(office_code);
    if (!office) return std::unexpected(office.error());
    auto resolved = LatestRound(office_code, round);
    if (!resolved) return std::unexpected(resolved.error());
    auto zones = schools_.Zones(office_code);
    if (!zones) return std::unexpected(zones.error());
    auto schools = schools_.Schools(office_code);
    if (!schools) return std::unexpected(schools.error());
    auto enrolment = census_.Enrolment(office_code, *resolved);
    if (!enrolment) return std::unexpected(enrolment.error());
    auto staff = census_.Staff(office_code, *resolved);
    if (!staff) return std::unexpected(staff.error());
    auto degrees = census_.Degrees(office_code, *resolved);
    if (!degrees) return std::unexpected(degrees.error());
    return OfficeSnapshot{
        std::move(*office),    *resolved,         std::move(*zones),  std::move(*schools),
        std::move(*enrolment), std::move(*staff), std::move(*degrees)};
}

Result<Table> StatisticsService::StatisticsTable(const Actor& actor, std::string_view table_id,
                                                 const TableQuery& query) {
    if (auto allowed = CheckOffice(actor, Permission::kReadPublished, query.office_code);
        !allowed) {
        return std::unexpected(allowed.error());
    }
    auto scheme =
        schemes_.FindSizeScheme(query.scheme_code.empty() ? "seed003" : query.scheme_code);
    if (!scheme) return std::unexpected(scheme.error());
    auto snapshot = LoadSnapshot(query.office_code, query.round);
    if (!snapshot) return std::unexpected(snapshot.error());
    return khet::StatisticsTable(table_id, *snapshot, *scheme);
}

Result<Document> StatisticsService::StatisticsDocument(const Actor& actor,
                                                       std::string_view table_id,
                                                       const TableQuery& query) {
    auto table = StatisticsTable(actor, table_id, query);
    if (!table) return std::unexpected(table.error());
    auto office = OfficeOf(query.office_code);
    if (!office) return std::unexpected(office.error());
    auto round = LatestRound(query.office_code, query.round);
    if (!round) return std::unexpected(round.error());
    Document document;
    document.title = office->name;
    document.provenance = {
        fmt::format("ข้อมูล {}", round->Description()),
        fmt::format("ส่งออกจาก Khet เมื่อ {}", FormatThaiDateTime(std::chrono::system_clock::now()))};
    if (!office->data_note.empty()) document.provenance.push_back(office->data_note);
    document.blocks.emplace_back(std::move(*table));
    return document;
}

Result<std::vector<ValidationWarning>> StatisticsService::Validate(
    const Actor& actor, std::string_view office_code, const std::optional<CensusRound>& round) {
    if (auto allowed = CheckOffice(actor, Permission::kReadSchoolData, office_code); !allowed) {
        return std::unexpected(allowed.error());
    }
    auto snapshot = LoadSnapshot(office_code, round);
    if (!snapshot) return std::unexpected(snapshot.error());
    return ValidateSnapshot(*snapshot);
}

Result<std::vector<SchoolSummary>> StatisticsService::SchoolSummaries(const Actor& actor,
                                                                      const TableQuery& query) {
    if (auto allowed = CheckOffice(actor, Permission::kReadSchoolData, query.office_code);
        !allowed) {
        return std::unexpected(allowed.error());
    }
    auto scheme =
        schemes_.FindSizeScheme(query.scheme_code.empty() ? "seed003" : query.scheme_code);
    if (!scheme) return std::unexpected(scheme.error());
    auto snapshot = LoadSnapshot(query.office_code, query.round);
    if (!snapshot) return std::unexpected(snapshot.error());
    return Summarize(*snapshot, *scheme);
}

Result<SchoolDetail> StatisticsService::SchoolPage(const Actor& actor, std::string_view school_code,
                                                   const std::optional<CensusRound>& round,
                                                   std::string_view scheme_code) {
    if (auto signed_in = RequireSignedIn(actor); !signed_in) {
        return std::unexpected(signed_in.error());
    }
    auto school = schools_.FindSchool(school_code);
    if (!school) return std::unexpected(school.error());
    if (auto allowed =
            Require(actor, Permission::kReadSchoolData, Scope{school->office_code, school->code});
        !allowed) {
        return std::unexpected(allowed.error());
    }
    auto scheme = schemes_.FindSizeScheme(scheme_code.empty() ? "seed003" : scheme_code);
    if (!scheme) return std::unexpected(scheme.error());
    auto snapshot = LoadSnapshot(school->office_code, round);
    if (!snapshot) return std::unexpected(snapshot.error());
    SchoolDetail detail{{}, snapshot->round, {}, {}, {}};
    for (SchoolSummary& summary : Summarize(*snapshot, *scheme)) {
        if (summary.school.code == school_code) detail.summary = std::move(summary);
    }
    for (EnrolmentRow& row : snapshot->enrolment) {
        if (row.school_code == school_code) detail.enrolment.push_back(std::move(row));
    }
    std::sort(detail.enrolment.begin(), detail.enrolment.end(),
              [](const auto& a, const auto& b) { return a.grade < b.grade; });
    for (StaffRow& row : snapshot->staff) {
        if (row.school_code == school_code) detail.staff.push_back(std::move(row));
    }
    for (DegreeRow& row : snapshot->degrees) {
        if (row.school_code == school_code) detail.degrees.push_back(std::move(row));
    }
    return detail;
}

}  // namespace khet
