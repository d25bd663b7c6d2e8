#include "store/sql_store.hpp"

#include <fmt/format.h>

namespace khet::store {
namespace {

#define KHET_TRY(var, expr) \
    auto var = (expr);      \
    if (!var) return std::unexpected(std::move(var).error())

constexpr std::string_view kSchoolColumns =
    "code, smis_code, office_code, name, district, zone_code, affiliation, level_span, active, "
    "source";

School ReadSchool(const SqlStatement& row) {
    School school;
    school.code = row.Text(0);
    school.smis_code = row.Text(1);
    school.office_code = row.Text(2);
    school.name = row.Text(3);
    school.district = row.Text(4);
    school.zone_code = row.Text(5);
    school.affiliation = row.Text(6);
    school.level_span = row.Text(7);
    school.active = row.Int(8) != 0;
    school.source = row.Text(9);
    return school;
}

Status Run(SqlStatement& statement) {
    auto step = statement.Step();
    if (!step) return std::unexpected(step.error());
    statement.Reset();
    return {};
}

}  // namespace

Result<std::vector<Office>> SqlStore::Offices() {
    KHET_TRY(query, connection_->Prepare(
                        "SELECT code, name, short_name, data_note FROM offices ORDER BY code"));
    std::vector<Office> offices;
    while (true) {
        KHET_TRY(more, (*query)->Step());
        if (!*more) break;
        offices.push_back(
            {(*query)->Text(0), (*query)->Text(1), (*query)->Text(2), (*query)->Text(3)});
    }
    return offices;
}

Result<Office> SqlStore::FindOffice(std::string_view code) {
    KHET_TRY(query, connection_->Prepare(
                        "SELECT code, name, short_name, data_note FROM offices WHERE code = ?"));
    BindAll(**query, code);
    KHET_TRY(found, (*query)->Step());
    if (!*found) return NotFound(fmt::format("ไม่พบสำนักงานเขตพื้นที่รหัส {}", code));
    return Office{(*query)->Text(0), (*query)->Text(1), (*query)->Text(2), (*query)->Text(3)};
}

Result<std::vector<QualityZone>> SqlStore::Zones(std::string_view office_code) {
    KHET_TRY(query, connection_->Prepare(
                        "SELECT code, office_code, ordinal, name, district, centre_school_code "
                        "FROM quality_zones WHERE office_code = ? ORDER BY ordinal"));
    BindAll(**query, office_code);
    std::vector<QualityZone> zones;
    while (true) {
        KHET_TRY(more, (*query)->Step());
        if (!*more) break;
        const SqlStatement& row = **query;
        zones.push_back({row.Text(0), row.Text(1), static_cast<int>(row.Int(2)), row.Text(3),
                         row.Text(4), row.Text(5)});
    }
    return zones;
}

Result<std::vector<School>> SqlStore::Schools(std::string_view office_code) {
    KHET_TRY(query,
             connection_->Prepare(fmt::format(
                 "SELECT {} FROM schools WHERE office_code = ? ORDER BY code", kSchoolColumns)));
    BindAll(**query, office_code);
    std::vector<School> schools;
    while (true) {
        KHET_TRY(more, (*query)->Step());
        if (!*more) break;
        schools.push_back(ReadSchool(**query));
    }
    return schools;
}

Result<School> SqlStore::FindSchool(std::string_view code) {
    KHET_TRY(query, connection_->Prepare(
                        fmt::format("SELECT {} FROM schools WHERE code = ?", kSchoolColumns)));
    BindAll(**query, code);
    KHET_TRY(found, (*query)->Step());
    if (!*found) return NotFound(fmt::format("ไม่พบโรงเรียนรหัส {}", code));
    return ReadSchool(**query);
}

Result<std::vector<std::pair<std::string, std::string>>> SqlStore::KnownSchools() {
    KHET_TRY(query, connection_->Prepare("SELECT code, office_code FROM schools"));
    std::vector<std::pair<std::string, std::string>> known;
    while (true) {
        KHET_TRY(more, (*query)->Step());
        if (!*more) break;
        known.emplace_back((*query)->Text(0), (*query)->Text(1));
    }
    return known;
}

Status SqlStore::SaveSchools(const std::vector<Office>& offices,
                             const std::vector<QualityZone>& zones,
                             const std::vector<School>& schools) {
    KHET_TRY(transaction, Transaction::Begin(*connection_));
    KHET_TRY(office,
             connection_->Prepare(
                 "INSERT INTO offices (code, name, short_name, data_note) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
                 "short_name = excluded.short_name, data_note = excluded.data_note"));
    for (const Office& row : offices) {
        BindAll(**office, row.code, row.name, row.short_name, row.data_note);
        if (auto done = Run(**office); !done) return done;
    }
    KHET_TRY(zone, connection_->Prepare(
                       "INSERT INTO quality_zones (code, office_code, ordinal, name, district, "
                       "centre_school_code) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE "
                       "SET office_code = excluded.office_code, ordinal = excluded.ordinal, "
                       "name = excluded.name, district = excluded.district, "
                       "centre_school_code = excluded.centre_school_code"));
    for (const QualityZone& row : zones) {
        BindAll(**zone, row.code, row.office_code, row.ordinal, row.name, row.district,
                row.centre_school_code);
        if (auto done = Run(**zone); !done) return done;
    }
    KHET_TRY(school, connection_->Prepare(fmt::format(
                         "INSERT INTO schools ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                         "ON CONFLICT (code) DO UPDATE SET smis_code = excluded.smis_code, "
                         "office_code = excluded.office_code, name = excluded.name, "
                         "district = excluded.district, zone_code = excluded.zone_code, "
                         "affiliation = excluded.affiliation, level_span = excluded.level_span, "
                         "active = excluded.active, source = excluded.source, "
                         "version = schools.version + 1",
                         kSchoolColumns)));
    for (const School& row : schools) {
        BindAll(**school, row.code, row.smis_code, row.office_code, row.name, row.district,
                row.zone_code, row.affiliation, row.level_span, row.active ? 1 : 0, row.source);
        if (auto done = Run(**school); !done) return done;
    }
    return transaction->Commit();
}

Result<std::vector<CensusRound>> SqlStore::Rounds(std::string_view office_code) {
    KHET_TRY(query, connection_->Prepare(
                        "SELECT DISTINCT e.academic_year, e.round FROM enrolments e "
                        "JOIN schools s ON s.code = e.school_code WHERE s.office_code = ? "
                        "ORDER BY e.academic_year DESC, e.round DESC"));
    BindAll(**query, office_code);
    std::vector<CensusRound> rounds;
    while (true) {
        KHET_TRY(more, (*query)->Step());
        if (!*more) break;
        KHET_TRY(round, CensusRound::Make(static_cast<int>((*query)->Int(0)),
                                          static_cast<int>((*query)->Int(1))));
        rounds.push_back(*round);
    }
    return rounds;
}

template <typename Row, typename WriteRow>
Status SqlStore::ReplaceRound(std::string_view table, const CensusRound& round,
                              const std::vector<std::string>& school_codes,
                              std::string_view insert_sql, const std::vector<Row>& rows,
                              WriteRow write_row) {
    KHET_TRY(transaction, Transaction::Begin(*connection_));
    KHET_TRY(register_round, connection_->Prepare(
                                 "INSERT INTO census_rounds (academic_year, round, snapshot_date) "
                                 "VALUES (?, ?, ?) ON CONFLICT (academic_year, round) DO NOTHING"));
    BindAll(**register_round, round.AcademicYear(), round.Round(), round.SnapshotDate().Iso());
    if (auto done = Run(**register_round); !done) return done;

    KHET_TRY(remove, connection_->Prepare(
                         fmt::format("DELETE FROM {} WHERE academic_year = ? AND round = ? AND "
                                     "school_code = ?",
                                     table)));
    for (const std::string& code : school_codes) {
        BindAll(**remove, round.AcademicYear(), round.Round(), code);
        if (auto done = Run(**remove); !done) return done;
    }
    KHET_TRY(insert, connection_->Prepare(insert_sql));
    for (const Row& row : rows) {
        write_row(**insert, row);
        if (auto done = Run(**insert); !done) return done;
    }
    return transaction->Commit();
}

Status SqlStore::ReplaceEnrolment(const CensusRound& round,
                                  const std::vector<std::string>& school_codes,
                                  const std::vector<EnrolmentRow>& rows) {
    return ReplaceRound(
        "enrolments", round, school_codes,
        "INSERT INTO enrolments (school_code, academic_year, round, grade, male, female, rooms) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows, [&](SqlStatement& statement, const EnrolmentRow& row) {
            BindAll(statement, row.school_code, round.AcademicYear(), round.Round(),
                    GradeCode(row.grade), row.male, row.female, row.rooms);
        });
}

Status SqlStore::ReplaceStaff(const CensusRound& round,
                              const std::vector<std::string>& school_codes,
                              const std::vector<StaffRow>& rows) {
    return ReplaceRound(
        "staff_counts", round, school_codes,
        "INSERT INTO staff_counts (school_code, academic_year, round, position, rank, standing, "
        "male, female) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows, [&](SqlStatement& statement, const StaffRow& row) {
            BindAll(statement, row.school_code, round.AcademicYear(), round.Round(),
                    PositionName(row.position), row.rank, row.standing, row.male, row.female);
        });
}

Status SqlStore::ReplaceDegrees(const CensusRound& round,
                                const std::vector<std::string>& school_codes,
                                const std::vector<DegreeRow>& rows) {
    return ReplaceRound(
        "degree_counts", round, school_codes,
        "INSERT INTO degree_counts (school_code, academic_year, round, degree, male, female) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows, [&](SqlStatement& statement, const DegreeRow& row) {
            BindAll(statement, row.school_code, round.AcademicYear(), round.Round(), row.degree,
                    row.male, row.female);
        });
}

Result<std::vector<EnrolmentRow>> SqlStore::Enrolment(std::string_view office_code,
                                                      const CensusRound& round) {
    KHET_TRY(query,
             connection_->Prepare(
                 "SELECT e.school_code, e.grade, e.male, e.female, e.rooms FROM enrolments e "
                 "JOIN schools s ON s.code = e.school_code WHERE s.office_code = ? AND "
                 "e.academic_year = ? AND e.round = ? ORDER BY e.school_code, e.grade"));
    BindAll(**query, office_code, round.AcademicYear(), round.Round());
    std::vector<EnrolmentRow> rows;
    while (true) {
        KHET_TRY(more, (*query)->Step());
        if (!*more) break;
        const SqlStatement& row = **query;
        const auto grade = ParseGrade(row.Text(1));
        if (!grade) {
            return Fail(ErrorCode::kInternal, fmt::format("ชั้นที่บันทึกไว้ไม่รู้จัก: {}", row.Text(1)));
        }
        rows.push_back({row.Text(0), *grade, static_cast<int>(row.Int(2)),
                        static_cast<int>(row.Int(3)), static_cast<int>(row.Int(4))});
    }
    return rows;
}

Result<std::vector<StaffRow>> SqlStore::Staff(std::string_view office_code,
                                              const CensusRound& round) {
    KHET_TRY(query,
             connection_->Prepare(
                 "SELECT c.school_code, c.position, c.rank, c.standing, c.male, c.female FROM "
                 "staff_counts c JOIN schools s ON s.code = c.school_code WHERE s.office_code = ? "
                 "AND c.academic_year = ? AND c.round = ? ORDER BY c.school_code"));
    BindAll(**query, office_code, round.AcademicYear(), round.Round());
    std::vector<StaffRow> rows;
    while (true) {
        KHET_TRY(more, (*query)->Step());
        if (!*more) break;
        const SqlStatement& row = **query;
        const auto position = ParsePosition(row.Text(1));
        if (!position) {
            return Fail(ErrorCode::kInternal, fmt::format("ตำแหน่งที่บันทึกไว้ไม่รู้จัก: {}", row.Text(1)));
        }
        rows.push_back({row.Text(0), *position, row.Text(2), row.Text(3),
                        static_cast<int>(row.Int(4)), static_cast<int>(row.Int(5))});
    }
    return rows;
}

Result<std::vector<DegreeRow>> SqlStore::Degrees(std::string_view office_code,
                                                 const CensusRound& round) {
    KHET_TRY(query, connection_->Prepare(
                        "SELECT c.school_code, c.degree, c.male, c.female FROM degree_counts c "
                        "JOIN schools s ON s.code = c.school_code WHERE s.office_code = ? AND "
                        "c.academic_year = ? AND c.round = ? ORDER BY c.school_code"));
    BindAll(**query, office_code, round.AcademicYear(), round.Round());
    std::vector<DegreeRow> rows;
    while (true) {
        KHET_TRY(more, (*query)->Step());
        if (!*more) break;
        const SqlStatement& row = **query;
        rows.push_back(
            {row.Text(0), row.Text(1), static_cast<int>(row.Int(2)), static_cast<int>(row.Int(3))});
    }
    return rows;
}

Result<long long> SqlStore::CountEnrolmentRows(const CensusRound& round) {
    KHET_TRY(query, connection_->Prepare(
                        "SELECT COUNT(*) FROM enrolments WHERE academic_year = ? AND round = ?"));
    BindAll(**query, round.AcademicYear(), round.Round());
    KHET_TRY(found, (*query)->Step());
    return (*query)->Int(0);
}

Result<std::vector<SizeScheme>> SqlStore::SizeSchemes() {
    KHET_TRY(query, connection_->Prepare("SELECT code FROM size_schemes ORDER BY ordinal"));
    std::vector<std::string> codes;
    while (true) {
        KHET_TRY(more, (*query)->Step());
        if (!*more) break;
        codes.push_back((*query)->Text(0));
    }
    std::vector<SizeScheme> schemes;
    for (const std::string& code : codes) {
        KHET_TRY(scheme, FindSizeScheme(code));
        schemes.push_back(std::move(*scheme));
    }
    return schemes;
}

Result<SizeScheme> SqlStore::FindSizeScheme(std::string_view code) {
    KHET_TRY(name_query, connection_->Prepare("SELECT name FROM size_schemes WHERE code = ?"));
    BindAll(**name_query, code);
    KHET_TRY(found, (*name_query)->Step());
    if (!*found) return NotFound(fmt::format("ไม่พบเกณฑ์ขนาดโรงเรียน \"{}\"", code));
    const std::string name = (*name_query)->Text(0);
    KHET_TRY(query, connection_->Prepare("SELECT label, min_students, max_students FROM size_bands "
                                         "WHERE scheme_code = ? ORDER BY ordinal"));
    BindAll(**query, code);
    std::vector<SizeBand> bands;
    while (true) {
        KHET_TRY(more, (*query)->Step());
        if (!*more) break;
        const SqlStatement& row = **query;
        SizeBand band{row.Text(0), static_cast<int>(row.Int(1)), std::nullopt};
        if (!row.IsNull(2)) band.max_students = static_cast<int>(row.Int(2));
        bands.push_back(std::move(band));
    }
    return SizeScheme::Make(std::string(code), name, std::move(bands));
}

}  // namespace khet::store
