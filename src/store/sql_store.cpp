#include "store/sql_store.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace khet::store {
namespace {

#define KHET_TRY(var, expr) \
    auto var = (expr);      \
    if (!var) return std::unexpected(std::move(var).error())

constexpr std::string_view kSchoolColumns =
    "code, smis_code, office_code, name, district, zone_code, affiliation, level_span, active, "
    "source";

Result<School> ReadSchool(const SqlStatement& row) {
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

// Steps through every row of `query`, reading each with `read`.
template <typename Row>
Result<std::vector<Row>> ReadRows(SqlStatement& query, Result<Row> (*read)(const SqlStatement&)) {
    std::vector<Row> rows;
    while (true) {
        KHET_TRY(more, query.Step());
        if (!*more) break;
        KHET_TRY(row, read(query));
        rows.push_back(std::move(*row));
    }
    return rows;
}

Result<QualityZone> ReadZone(const SqlStatement& row) {
    return QualityZone{row.Text(0), row.Text(1), static_cast<int>(row.Int(2)),
                       row.Text(3), row.Text(4), row.Text(5)};
}

Result<EnrolmentRow> ReadEnrolment(const SqlStatement& row) {
    const auto grade = ParseGrade(row.Text(1));
    if (!grade) {
        return Fail(ErrorCode::kInternal, fmt::format("ชั้นที่บันทึกไว้ไม่รู้จัก: {}", row.Text(1)));
    }
    return EnrolmentRow{row.Text(0), *grade, static_cast<int>(row.Int(2)),
                        static_cast<int>(row.Int(3)), static_cast<int>(row.Int(4))};
}

Result<StaffRow> ReadStaff(const SqlStatement& row) {
    const auto position = ParsePosition(row.Text(1));
    if (!position) {
        return Fail(ErrorCode::kInternal, fmt::format("ตำแหน่งที่บันทึกไว้ไม่รู้จัก: {}", row.Text(1)));
    }
    return StaffRow{row.Text(0),
                    *position,
                    row.Text(2),
                    row.Text(3),
                    static_cast<int>(row.Int(4)),
                    static_cast<int>(row.Int(5))};
}

Result<DegreeRow> ReadDegree(const SqlStatement& row) {
    return DegreeRow{row.Text(0), row.Text(1), static_cast<int>(row.Int(2)),
                     static_cast<int>(row.Int(3))};
}

// The rows by school code, the order of the primary key: its index and the foreign key's probes
// of schools then move through their B-trees in one direction instead of jumping between pages,
// which took a national census file (443,655 rows) from 0.86 s to 0.72 s. A file gives a
// school's rows one after another, so whole runs of rows are ordered rather than each row.
template <typename Row>
std::vector<const Row*> InSchoolOrder(const std::vector<Row>& rows) {
    struct Run {
        std::string_view school_code;
        std::size_t first = 0;
        std::size_t count = 0;
    };
    std::vector<Run> runs;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (runs.empty() || runs.back().school_code != rows[i].school_code) {
            runs.push_back({rows[i].school_code, i, 0});
        }
        ++runs.back().count;
    }
    std::stable_sort(runs.begin(), runs.end(),
                     [](const Run& a, const Run& b) { return a.school_code < b.school_code; });
    std::vector<const Row*> ordered;
    ordered.reserve(rows.size());
    for (const Run& run : runs) {
        for (std::size_t i = 0; i < run.count; ++i) ordered.push_back(&rows[run.first + i]);
    }
    return ordered;
}

// 64 rows × 8 columns stays far below both engines' limits on parameters (SQLite 32,766,
// PostgreSQL 65,535).
constexpr std::size_t kRowsPerInsert = 64;

// "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)" for `rows` rows.
std::string InsertSql(std::string_view table, std::string_view columns, int column_count,
                      std::size_t rows) {
    std::string row = "(?";
    for (int i = 1; i < column_count; ++i) row += ", ?";
    row += ")";
    std::string sql = fmt::format("INSERT INTO {} ({}) VALUES {}", table, columns, row);
    sql.reserve(sql.size() + (rows - 1) * (row.size() + 2));
    for (std::size_t i = 1; i < rows; ++i) {
        sql += ", ";
        sql += row;
    }
    return sql;
}

Result<CensusRound> ReadRound(const SqlStatement& row) {
    return CensusRound::Make(static_cast<int>(row.Int(0)), static_cast<int>(row.Int(1)));
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
    return ReadRows(**query, ReadZone);
}

Result<std::vector<QualityZone>> SqlStore::AllZones() {
    KHET_TRY(query, connection_->Prepare(
                        "SELECT code, office_code, ordinal, name, district, centre_school_code "
                        "FROM quality_zones ORDER BY office_code, ordinal"));
    return ReadRows(**query, ReadZone);
}

Result<std::vector<School>> SqlStore::Schools(std::string_view office_code) {
    KHET_TRY(query,
             connection_->Prepare(fmt::format(
                 "SELECT {} FROM schools WHERE office_code = ? ORDER BY code", kSchoolColumns)));
    BindAll(**query, office_code);
    return ReadRows(**query, ReadSchool);
}

Result<std::vector<School>> SqlStore::AllSchools() {
    KHET_TRY(query, connection_->Prepare(
                        fmt::format("SELECT {} FROM schools ORDER BY code", kSchoolColumns)));
    return ReadRows(**query, ReadSchool);
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
    if (auto raised = RaiseDataGeneration(); !raised) return raised;
    return transaction->Commit();
}

Result<std::vector<CensusRound>> SqlStore::Rounds(std::string_view office_code) {
    KHET_TRY(query, connection_->Prepare(
                        "SELECT DISTINCT e.academic_year, e.round FROM enrolments e "
                        "JOIN schools s ON s.code = e.school_code WHERE s.office_code = ? "
                        "ORDER BY e.academic_year DESC, e.round DESC"));
    BindAll(**query, office_code);
    return ReadRows(**query, ReadRound);
}

Result<std::vector<CensusRound>> SqlStore::AllRounds() {
    // One index probe per registered round, instead of reading every enrolment row.
    KHET_TRY(query, connection_->Prepare(
                        "SELECT r.academic_year, r.round FROM census_rounds r WHERE EXISTS "
                        "(SELECT 1 FROM enrolments e WHERE e.academic_year = r.academic_year AND "
                        "e.round = r.round) ORDER BY r.academic_year DESC, r.round DESC"));
    return ReadRows(**query, ReadRound);
}

template <typename Row, typename WriteRow>
Status SqlStore::ReplaceRound(std::string_view table, const CensusRound& round,
                              const std::vector<std::string>& school_codes,
                              std::string_view columns, int column_count,
                              const std::vector<Row>& rows, WriteRow write_row) {
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
    const std::vector<const Row*> ordered = InSchoolOrder(rows);
    // Many rows to an INSERT: the work of a statement (on PostgreSQL a round trip) is paid once
    // a batch instead of once a row.
    const auto insert_of = [&](std::size_t batch) {
        return connection_->Prepare(InsertSql(table, columns, column_count, batch));
    };
    const std::size_t batch = std::min(kRowsPerInsert, rows.size());
    std::size_t next = 0;
    if (batch > 0) {
        KHET_TRY(insert, insert_of(batch));
        for (; next + batch <= rows.size(); next += batch) {
            for (std::size_t i = 0; i < batch; ++i) {
                write_row(**insert, 1 + static_cast<int>(i) * column_count, *ordered[next + i]);
            }
            if (auto done = Run(**insert); !done) return done;
        }
    }
    if (next < rows.size()) {
        KHET_TRY(insert, insert_of(rows.size() - next));
        for (std::size_t i = 0; next + i < rows.size(); ++i) {
            write_row(**insert, 1 + static_cast<int>(i) * column_count, *ordered[next + i]);
        }
        if (auto done = Run(**insert); !done) return done;
    }
    if (auto raised = RaiseDataGeneration(); !raised) return raised;
    return transaction->Commit();
}

Status SqlStore::ReplaceEnrolment(const CensusRound& round,
                                  const std::vector<std::string>& school_codes,
                                  const std::vector<EnrolmentRow>& rows) {
    return ReplaceRound("enrolments", round, school_codes,
                        "school_code, academic_year, round, grade, male, female, rooms", 7, rows,
                        [&](SqlStatement& statement, int first, const EnrolmentRow& row) {
                            // The rows and grade codes outlive the statement: no copies.
                            BindFrom(statement, first, Borrowed{row.school_code},
                                     round.AcademicYear(), round.Round(),
                                     Borrowed{GradeCode(row.grade)}, row.male, row.female,
                                     row.rooms);
                        });
}

Status SqlStore::ReplaceStaff(const CensusRound& round,
                              const std::vector<std::string>& school_codes,
                              const std::vector<StaffRow>& rows) {
    return ReplaceRound("staff_counts", round, school_codes,
                        "school_code, academic_year, round, position, rank, standing, male, female",
                        8, rows, [&](SqlStatement& statement, int first, const StaffRow& row) {
                            BindFrom(statement, first, row.school_code, round.AcademicYear(),
                                     round.Round(), PositionName(row.position), row.rank,
                                     row.standing, row.male, row.female);
                        });
}

Status SqlStore::ReplaceDegrees(const CensusRound& round,
                                const std::vector<std::string>& school_codes,
                                const std::vector<DegreeRow>& rows) {
    return ReplaceRound("degree_counts", round, school_codes,
                        "school_code, academic_year, round, degree, male, female", 6, rows,
                        [&](SqlStatement& statement, int first, const DegreeRow& row) {
                            BindFrom(statement, first, row.school_code, round.AcademicYear(),
                                     round.Round(), row.degree, row.male, row.female);
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
    return ReadRows(**query, ReadEnrolment);
}

Result<std::vector<StaffRow>> SqlStore::Staff(std::string_view office_code,
                                              const CensusRound& round) {
    KHET_TRY(query,
             connection_->Prepare(
                 "SELECT c.school_code, c.position, c.rank, c.standing, c.male, c.female FROM "
                 "staff_counts c JOIN schools s ON s.code = c.school_code WHERE s.office_code = ? "
                 "AND c.academic_year = ? AND c.round = ? ORDER BY c.school_code"));
    BindAll(**query, office_code, round.AcademicYear(), round.Round());
    return ReadRows(**query, ReadStaff);
}

Result<std::vector<DegreeRow>> SqlStore::Degrees(std::string_view office_code,
                                                 const CensusRound& round) {
    KHET_TRY(query, connection_->Prepare(
                        "SELECT c.school_code, c.degree, c.male, c.female FROM degree_counts c "
                        "JOIN schools s ON s.code = c.school_code WHERE s.office_code = ? AND "
                        "c.academic_year = ? AND c.round = ? ORDER BY c.school_code"));
    BindAll(**query, office_code, round.AcademicYear(), round.Round());
    return ReadRows(**query, ReadDegree);
}

// The national view reads the round's rows without the join to schools: the foreign keys
// already say every row's school exists, and the primary key gives the order.
Result<std::vector<EnrolmentRow>> SqlStore::AllEnrolment(const CensusRound& round) {
    KHET_TRY(query, connection_->Prepare(
                        "SELECT school_code, grade, male, female, rooms FROM enrolments WHERE "
                        "academic_year = ? AND round = ? ORDER BY school_code, grade"));
    BindAll(**query, round.AcademicYear(), round.Round());
    return ReadRows(**query, ReadEnrolment);
}

Result<std::vector<StaffRow>> SqlStore::AllStaff(const CensusRound& round) {
    KHET_TRY(query, connection_->Prepare(
                        "SELECT school_code, position, rank, standing, male, female FROM "
                        "staff_counts WHERE academic_year = ? AND round = ? ORDER BY school_code"));
    BindAll(**query, round.AcademicYear(), round.Round());
    return ReadRows(**query, ReadStaff);
}

Result<std::vector<DegreeRow>> SqlStore::AllDegrees(const CensusRound& round) {
    KHET_TRY(query, connection_->Prepare(
                        "SELECT school_code, degree, male, female FROM degree_counts WHERE "
                        "academic_year = ? AND round = ? ORDER BY school_code"));
    BindAll(**query, round.AcademicYear(), round.Round());
    return ReadRows(**query, ReadDegree);
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

Result<long long> SqlStore::DataGeneration() {
    if (!generation_query_) {
        KHET_TRY(query, connection_->Prepare("SELECT value FROM data_generation WHERE id = 1"));
        generation_query_ = std::move(*query);
    }
    SqlStatement& query = *generation_query_;
    auto found = query.Step();
    const long long value = found && *found ? query.Int(0) : 0;
    // Reset at once: a SQLite statement left stepping keeps its read snapshot open.
    query.Reset();
    if (!found) return std::unexpected(std::move(found).error());
    if (!*found) return Fail(ErrorCode::kInternal, "ตาราง data_generation ไม่มีแถว id = 1");
    return value;
}

Status SqlStore::RaiseDataGeneration() {
    KHET_TRY(raise,
             connection_->Prepare("UPDATE data_generation SET value = value + 1 WHERE id = 1"));
    return Run(**raise);
}

}  // namespace khet::store
