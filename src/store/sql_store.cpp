#include "store/sql_store.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>

#include "store/sql_store_support.hpp"

namespace khet::store {
namespace {

// The columns an import writes; kSchoolColumns adds those the store maintains.
constexpr std::string_view kSchoolWriteColumns =
    "code, smis_code, office_code, name, district, zone_code, affiliation, level_span, active, "
    "source";
constexpr std::string_view kSchoolColumns =
    "code, smis_code, office_code, name, district, zone_code, affiliation, level_span, active, "
    "source, version, updated_at, updated_by";

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
    school.version = row.Int(10);
    school.updated_at = row.Text(11);
    school.updated_by = row.Text(12);
    return school;
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

constexpr std::string_view kUserColumns =
    "id, login, display_name, must_change_password, demo, version, password_hash";

Result<UserCredentials> ReadCredentials(const SqlStatement& row) {
    UserCredentials found;
    found.user.id = row.Int(0);
    found.user.login = row.Text(1);
    found.user.display_name = row.Text(2);
    found.user.must_change_password = row.Int(3) != 0;
    found.user.demo = row.Int(4) != 0;
    found.user.version = row.Int(5);
    found.password_hash = row.Text(6);
    return found;
}

Result<std::pair<long long, Grant>> ReadGrant(const SqlStatement& row) {
    auto role = ParseRole(row.Text(1));
    if (!role) {
        return Fail(ErrorCode::kInternal, fmt::format("บทบาทที่บันทึกไว้ไม่รู้จัก: {}", row.Text(1)));
    }
    return std::pair{row.Int(0), Grant{*role, row.Text(2), row.Text(3), row.Text(4)}};
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
                             const std::vector<School>& schools, const AuditEntry& audit) {
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
                         kSchoolWriteColumns)));
    for (const School& row : schools) {
        BindAll(**school, row.code, row.smis_code, row.office_code, row.name, row.district,
                row.zone_code, row.affiliation, row.level_span, row.active ? 1 : 0, row.source);
        if (auto done = Run(**school); !done) return done;
    }
    return CommitWrite(*transaction, audit);
}

Result<School> SqlStore::UpdateSchool(const School& school, long long expected_version,
                                      AuditEntry audit) {
    KHET_TRY(transaction, Transaction::Begin(*connection_));
    // Raised first: on PostgreSQL the row lock it takes queues concurrent writers, so the
    // version read below is still current when the update runs.
    KHET_TRY(generation, RaiseDataGeneration());
    KHET_TRY(before, FindSchool(school.code));
    if (before->version != expected_version) {
        return Fail(ErrorCode::kConflict,
                    fmt::format("โรงเรียน {} ถูกแก้ไขไปแล้ว (ฉบับที่ {} ไม่ใช่ {})", school.code,
                                before->version, expected_version));
    }
    const std::string now = NowUtc();
    KHET_TRY(update, connection_->Prepare(
                         "UPDATE schools SET name = ?, district = ?, zone_code = ?, "
                         "level_span = ?, active = ?, version = version + 1, updated_at = ?, "
                         "updated_by = ? WHERE code = ? AND version = ?"));
    BindAll(**update, school.name, school.district, school.zone_code, school.level_span,
            school.active ? 1 : 0, now, audit.user_name, school.code, expected_version);
    if (auto done = Run(**update); !done) return std::unexpected(done.error());
    KHET_TRY(after, FindSchool(school.code));
    audit.entity = "school";
    audit.entity_id = school.code;
    audit.before = SchoolAuditText(*before);
    audit.after = SchoolAuditText(*after);
    if (auto recorded = RecordAudit(audit, *generation, 1, now); !recorded) {
        return std::unexpected(recorded.error());
    }
    if (auto committed = transaction->Commit(); !committed) {
        return std::unexpected(committed.error());
    }
    return std::move(*after);
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
                              const std::vector<Row>& rows, const AuditEntry& audit,
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
    return CommitWrite(*transaction, audit);
}

Status SqlStore::ReplaceEnrolment(const CensusRound& round,
                                  const std::vector<std::string>& school_codes,
                                  const std::vector<EnrolmentRow>& rows, const AuditEntry& audit) {
    return ReplaceRound("enrolments", round, school_codes,
                        "school_code, academic_year, round, grade, male, female, rooms", 7, rows,
                        audit, [&](SqlStatement& statement, int first, const EnrolmentRow& row) {
                            // The rows and grade codes outlive the statement: no copies.
                            BindFrom(statement, first, Borrowed{row.school_code},
                                     round.AcademicYear(), round.Round(),
                                     Borrowed{GradeCode(row.grade)}, row.male, row.female,
                                     row.rooms);
                        });
}

Status SqlStore::ReplaceStaff(const CensusRound& round,
                              const std::vector<std::string>& school_codes,
                              const std::vector<StaffRow>& rows, const AuditEntry& audit) {
    return ReplaceRound(
        "staff_counts", round, school_codes,
        "school_code, academic_year, round, position, rank, standing, male, female", 8, rows, audit,
        [&](SqlStatement& statement, int first, const StaffRow& row) {
            BindFrom(statement, first, row.school_code, round.AcademicYear(), round.Round(),
                     PositionName(row.position), row.rank, row.standing, row.male, row.female);
        });
}

Status SqlStore::ReplaceDegrees(const CensusRound& round,
                                const std::vector<std::string>& school_codes,
                                const std::vector<DegreeRow>& rows, const AuditEntry& audit) {
    return ReplaceRound("degree_counts", round, school_codes,
                        "school_code, academic_year, round, degree, male, female", 6, rows, audit,
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

Result<User> SqlStore::AddUser(const User& user, std::string_view password_hash,
                               const AuditEntry& audit) {
    KHET_TRY(transaction, Transaction::Begin(*connection_));
    // MAX + 1 in the write transaction: SQLite's BEGIN IMMEDIATE lets one writer in at a time;
    // on PostgreSQL two concurrent adds may pick the same id, and the primary key then fails
    // the second with kConflict. Adding users is a rare administrator's action, so a retry by
    // hand is an acceptable price for one SQL text on both engines.
    KHET_TRY(next_id, connection_->Prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM users"));
    KHET_TRY(stepped, (*next_id)->Step());
    if (!*stepped) return Fail(ErrorCode::kInternal, "อ่านรหัสผู้ใช้ถัดไปไม่ได้");
    User stored = user;
    stored.id = (*next_id)->Int(0);
    stored.version = 1;
    (*next_id)->Reset();

    KHET_TRY(insert,
             connection_->Prepare("INSERT INTO users (id, login, display_name, password_hash, "
                                  "must_change_password, demo, created_at, version) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    BindAll(**insert, stored.id, stored.login, stored.display_name, password_hash,
            stored.must_change_password ? 1 : 0, stored.demo ? 1 : 0, NowUtc(), stored.version);
    if (auto done = Run(**insert); !done) {
        if (done.error().code != ErrorCode::kConflict) return std::unexpected(done.error());
        return Fail(ErrorCode::kConflict,
                    fmt::format("มีผู้ใช้ชื่อ {} อยู่แล้ว (หรือมีผู้เพิ่มผู้ใช้พร้อมกัน: ลองใหม่อีกครั้ง)", stored.login));
    }
    KHET_TRY(grant, connection_->Prepare(
                        "INSERT INTO user_grants (user_id, role, office_code, school_code, "
                        "group_name) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
    for (const Grant& row : stored.grants) {
        BindAll(**grant, stored.id, RoleName(row.role), row.office_code, row.school_code,
                row.group);
        if (auto done = Run(**grant); !done) return std::unexpected(done.error());
    }
    if (auto committed = CommitWrite(*transaction, audit); !committed) {
        return std::unexpected(committed.error());
    }
    return stored;
}

Result<User> SqlStore::FindUser(long long user_id) {
    KHET_TRY(query,
             connection_->Prepare(fmt::format("SELECT {} FROM users WHERE id = ?", kUserColumns)));
    BindAll(**query, user_id);
    KHET_TRY(rows, ReadRows(**query, ReadCredentials));
    if (rows->empty()) return NotFound(fmt::format("ไม่มีผู้ใช้รหัส {}", user_id));
    User user = std::move(rows->front().user);
    KHET_TRY(grants, GrantsOf(user.id));
    user.grants = std::move(*grants);
    return user;
}

Result<UserCredentials> SqlStore::FindCredentials(std::string_view login) {
    KHET_TRY(query, connection_->Prepare(
                        fmt::format("SELECT {} FROM users WHERE login = ?", kUserColumns)));
    BindAll(**query, login);
    KHET_TRY(rows, ReadRows(**query, ReadCredentials));
    if (rows->empty()) return NotFound(fmt::format("ไม่มีผู้ใช้ชื่อ {}", login));
    UserCredentials found = std::move(rows->front());
    KHET_TRY(grants, GrantsOf(found.user.id));
    found.user.grants = std::move(*grants);
    return found;
}

Result<User> SqlStore::FindUserByLogin(std::string_view login) {
    KHET_TRY(found, FindCredentials(login));
    return std::move(found->user);
}

Result<std::vector<User>> SqlStore::Users() {
    KHET_TRY(query, connection_->Prepare(
                        fmt::format("SELECT {} FROM users ORDER BY login", kUserColumns)));
    KHET_TRY(rows, ReadRows(**query, ReadCredentials));
    KHET_TRY(grant_query,
             connection_->Prepare("SELECT user_id, role, office_code, school_code, group_name "
                                  "FROM user_grants ORDER BY user_id, role, office_code, "
                                  "school_code, group_name"));
    KHET_TRY(grants, ReadRows(**grant_query, ReadGrant));
    std::map<long long, std::vector<Grant>> by_user;
    for (auto& [user_id, grant] : *grants) by_user[user_id].push_back(std::move(grant));
    std::vector<User> users;
    users.reserve(rows->size());
    for (UserCredentials& row : *rows) {
        row.user.grants = std::move(by_user[row.user.id]);
        users.push_back(std::move(row.user));
    }
    return users;
}

Result<long long> SqlStore::SetPassword(long long user_id, std::string_view password_hash,
                                        bool must_change_password, long long expected_version,
                                        const AuditEntry& audit) {
    KHET_TRY(transaction, Transaction::Begin(*connection_));
    KHET_TRY(update, connection_->Prepare(
                         "UPDATE users SET password_hash = ?, must_change_password = ?, "
                         "version = version + 1 WHERE id = ? AND version = ? RETURNING version"));
    BindAll(**update, password_hash, must_change_password ? 1 : 0, user_id, expected_version);
    KHET_TRY(updated, (*update)->Step());
    const long long version = *updated ? (*update)->Int(0) : 0;
    (*update)->Reset();
    if (*updated) {
        // A new password ends every session of the old one (another browser, a stolen cookie).
        KHET_TRY(sessions, connection_->Prepare("DELETE FROM sessions WHERE user_id = ?"));
        BindAll(**sessions, user_id);
        if (auto ended = Run(**sessions); !ended) return std::unexpected(ended.error());
    } else {
        KHET_TRY(exists, connection_->Prepare("SELECT version FROM users WHERE id = ?"));
        BindAll(**exists, user_id);
        KHET_TRY(found, (*exists)->Step());
        (*exists)->Reset();
        if (!*found) return NotFound(fmt::format("ไม่มีผู้ใช้รหัส {}", user_id));
        return Fail(ErrorCode::kConflict, "มีผู้แก้ไขบัญชีผู้ใช้นี้ไปก่อนแล้ว: โหลดข้อมูลใหม่แล้วลองอีกครั้ง");
    }
    if (auto committed = CommitWrite(*transaction, audit); !committed) {
        return std::unexpected(committed.error());
    }
    return version;
}

Result<std::vector<Grant>> SqlStore::GrantsOf(long long user_id) {
    KHET_TRY(query, connection_->Prepare(
                        "SELECT user_id, role, office_code, school_code, group_name FROM "
                        "user_grants WHERE user_id = ? ORDER BY role, office_code, school_code, "
                        "group_name"));
    BindAll(**query, user_id);
    KHET_TRY(rows, ReadRows(**query, ReadGrant));
    std::vector<Grant> grants;
    for (auto& [id, grant] : *rows) grants.push_back(std::move(grant));
    return grants;
}

Result<long long> SqlStore::RaiseDataGeneration() {
    KHET_TRY(raise,
             connection_->Prepare(
                 "UPDATE data_generation SET value = value + 1 WHERE id = 1 RETURNING value"));
    KHET_TRY(stepped, (*raise)->Step());
    const long long value = *stepped ? (*raise)->Int(0) : 0;
    (*raise)->Reset();
    if (!*stepped) return Fail(ErrorCode::kInternal, "ตาราง data_generation ไม่มีแถว id = 1");
    return value;
}

Status SqlStore::RecordAudit(const AuditEntry& entry, long long generation, int seq,
                             std::string_view at) {
    KHET_TRY(insert,
             connection_->Prepare(
                 "INSERT INTO audit_log (generation, seq, at, user_id, user_login, "
                 "user_name, address, office_code, action, entity, entity_id, "
                 "before_value, after_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    BindAll(**insert, generation, seq, at, entry.user_id, entry.user_login, entry.user_name,
            entry.address, entry.office_code, entry.action, entry.entity, entry.entity_id,
            entry.before, entry.after);
    return Run(**insert);
}

Status SqlStore::CommitWrite(Transaction& transaction, const AuditEntry& audit) {
    KHET_TRY(generation, RaiseDataGeneration());
    if (auto recorded = RecordAudit(audit, *generation, 1, NowUtc()); !recorded) return recorded;
    return transaction.Commit();
}

namespace {

Result<AuditEntry> ReadAuditEntry(const SqlStatement& row) {
    AuditEntry entry;
    entry.generation = row.Int(0);
    entry.seq = static_cast<int>(row.Int(1));
    entry.at = row.Text(2);
    entry.user_id = row.Int(3);
    entry.user_login = row.Text(4);
    entry.user_name = row.Text(5);
    entry.address = row.Text(6);
    entry.office_code = row.Text(7);
    entry.action = row.Text(8);
    entry.entity = row.Text(9);
    entry.entity_id = row.Text(10);
    entry.before = row.Text(11);
    entry.after = row.Text(12);
    return entry;
}

}  // namespace

Result<std::vector<AuditEntry>> SqlStore::AuditEntries(const AuditFilter& filter,
                                                       std::string_view from_at,
                                                       std::string_view to_at) {
    // Only fixed condition texts are joined; every value is a bound parameter.
    std::string sql =
        "SELECT generation, seq, at, user_id, user_login, user_name, address, office_code, "
        "action, entity, entity_id, before_value, after_value FROM audit_log WHERE 1 = 1";
    std::vector<std::string> values;
    const auto where = [&](std::string_view condition, std::string_view value) {
        if (value.empty()) return;
        sql += " AND ";
        sql += condition;
        values.emplace_back(value);
    };
    where("office_code = ?", filter.office_code);
    where("user_login = ?", filter.user_login);
    where("action = ?", filter.action);
    where("entity = ?", filter.entity);
    where("entity_id = ?", filter.entity_id);
    where("at >= ?", from_at);
    where("at < ?", to_at);
    sql += " ORDER BY generation DESC, seq DESC LIMIT ?";
    KHET_TRY(query, connection_->Prepare(sql));
    int index = 1;
    for (const std::string& value : values) BindFrom(**query, index++, value);
    BindFrom(**query, index, static_cast<long long>(filter.limit));
    return ReadRows(**query, ReadAuditEntry);
}

namespace {

Result<SessionRecord> ReadSession(const SqlStatement& row) {
    return SessionRecord{row.Text(0), row.Int(1), row.Text(2), row.Int(3),
                         row.Int(4),  row.Int(5), row.Text(6), row.Text(7)};
}

}  // namespace

Status SqlStore::AddSession(const SessionRecord& session) {
    KHET_TRY(insert, connection_->Prepare(
                         "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
                         "last_seen_at, expires_at, address, user_agent) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    BindAll(**insert, session.token_hash, session.user_id, session.csrf_token,
            static_cast<long long>(session.created_at),
            static_cast<long long>(session.last_seen_at),
            static_cast<long long>(session.expires_at), session.address, session.user_agent);
    return Run(**insert);
}

Result<SessionRecord> SqlStore::FindSession(std::string_view token_hash) {
    KHET_TRY(query, connection_->Prepare(
                        "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, "
                        "expires_at, address, user_agent FROM sessions WHERE token_hash = ?"));
    BindAll(**query, token_hash);
    KHET_TRY(rows, ReadRows(**query, ReadSession));
    if (rows->empty()) return NotFound("ไม่พบการเข้าสู่ระบบนี้");
    return std::move(rows->front());
}

Status SqlStore::TouchSession(std::string_view token_hash, std::int64_t last_seen_at) {
    KHET_TRY(update,
             connection_->Prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?"));
    BindAll(**update, static_cast<long long>(last_seen_at), token_hash);
    return Run(**update);
}

Status SqlStore::DeleteSession(std::string_view token_hash) {
    KHET_TRY(remove, connection_->Prepare("DELETE FROM sessions WHERE token_hash = ?"));
    BindAll(**remove, token_hash);
    return Run(**remove);
}

Status SqlStore::PurgeExpired(std::int64_t now, std::int64_t attempts_before) {
    KHET_TRY(transaction, Transaction::Begin(*connection_));
    KHET_TRY(sessions, connection_->Prepare("DELETE FROM sessions WHERE expires_at < ?"));
    BindAll(**sessions, static_cast<long long>(now));
    if (auto done = Run(**sessions); !done) return done;
    KHET_TRY(attempts, connection_->Prepare("DELETE FROM sign_in_attempts WHERE at < ?"));
    BindAll(**attempts, static_cast<long long>(attempts_before));
    if (auto done = Run(**attempts); !done) return done;
    return transaction->Commit();
}

Status SqlStore::RecordSignInAttempt(std::string_view login, std::string_view address,
                                     bool succeeded, std::int64_t at) {
    KHET_TRY(insert, connection_->Prepare("INSERT INTO sign_in_attempts (at, login, address, "
                                          "succeeded) VALUES (?, ?, ?, ?)"));
    BindAll(**insert, static_cast<long long>(at), login, address, succeeded ? 1 : 0);
    return Run(**insert);
}

namespace {

Result<SignInFailures> ReadFailures(SqlStatement& query) {
    KHET_TRY(stepped, query.Step());
    SignInFailures failures;
    if (*stepped) {
        failures.count = static_cast<int>(query.Int(0));
        failures.last_at = query.Int(1);
    }
    query.Reset();
    return failures;
}

}  // namespace

Result<SignInFailures> SqlStore::LoginFailures(std::string_view login, std::int64_t since) {
    KHET_TRY(query,
             connection_->Prepare(
                 "SELECT COUNT(*), COALESCE(MAX(at), 0) FROM sign_in_attempts WHERE login = ? "
                 "AND succeeded = 0 AND at >= ? AND at > COALESCE((SELECT MAX(at) FROM "
                 "sign_in_attempts WHERE login = ? AND succeeded = 1), -1)"));
    BindAll(**query, login, static_cast<long long>(since), login);
    return ReadFailures(**query);
}

Result<SignInFailures> SqlStore::AddressFailures(std::string_view address, std::int64_t since) {
    KHET_TRY(query,
             connection_->Prepare("SELECT COUNT(*), COALESCE(MAX(at), 0) FROM sign_in_attempts "
                                  "WHERE address = ? AND succeeded = 0 AND at >= ?"));
    BindAll(**query, address, static_cast<long long>(since));
    return ReadFailures(**query);
}

}  // namespace khet::store
