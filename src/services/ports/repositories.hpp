#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "domain/audit.hpp"
#include "domain/census.hpp"
#include "domain/plan.hpp"
#include "domain/school.hpp"
#include "domain/size_scheme.hpp"
#include "domain/user.hpp"

namespace khet {

/// Offices, quality zones and schools.
class SchoolRepository {
  public:
    virtual ~SchoolRepository() = default;

    virtual Result<std::vector<Office>> Offices() = 0;
    virtual Result<Office> FindOffice(std::string_view code) = 0;
    virtual Result<std::vector<QualityZone>> Zones(std::string_view office_code) = 0;
    /// The quality zones of every office in the store.
    virtual Result<std::vector<QualityZone>> AllZones() = 0;
    /// Every school of the office, of every affiliation, active or not.
    virtual Result<std::vector<School>> Schools(std::string_view office_code) = 0;
    /// Every school of every office in the store, of every affiliation, active or not.
    virtual Result<std::vector<School>> AllSchools() = 0;
    virtual Result<School> FindSchool(std::string_view code) = 0;
    /// Codes of the given schools that exist, with their office: the rest are unknown.
    virtual Result<std::vector<std::pair<std::string, std::string>>> KnownSchools() = 0;
    /// Inserts or updates offices, zones and schools, all in one transaction with `audit`. A
    /// school whose stored fields change gets a new version.
    virtual Status SaveSchools(const std::vector<Office>& offices,
                               const std::vector<QualityZone>& zones,
                               const std::vector<School>& schools, const AuditEntry& audit) = 0;
    /// Replaces the school's editable fields when it is still at `expected_version`, recording
    /// `audit` (its before and after filled here) in the same transaction; returns the school as
    /// stored. kConflict when someone changed it since, kNotFound for an unknown school.
    virtual Result<School> UpdateSchool(const School& school, long long expected_version,
                                        AuditEntry audit) = 0;
};

/// The school census: enrolment (students and rooms per grade), staff and degrees per round.
/// Each Replace* deletes the round's rows of `school_codes` and writes `rows` and `audit` in one
/// transaction: afterwards the store holds all of them or, on failure, what it held before.
class CensusRepository {
  public:
    virtual ~CensusRepository() = default;

    /// The rounds with enrolment of the office, latest first.
    virtual Result<std::vector<CensusRound>> Rounds(std::string_view office_code) = 0;
    /// The rounds with enrolment of any office, latest first.
    virtual Result<std::vector<CensusRound>> AllRounds() = 0;
    virtual Status ReplaceEnrolment(const CensusRound& round,
                                    const std::vector<std::string>& school_codes,
                                    const std::vector<EnrolmentRow>& rows,
                                    const AuditEntry& audit) = 0;
    virtual Status ReplaceStaff(const CensusRound& round,
                                const std::vector<std::string>& school_codes,
                                const std::vector<StaffRow>& rows, const AuditEntry& audit) = 0;
    virtual Status ReplaceDegrees(const CensusRound& round,
                                  const std::vector<std::string>& school_codes,
                                  const std::vector<DegreeRow>& rows, const AuditEntry& audit) = 0;
    virtual Result<std::vector<EnrolmentRow>> Enrolment(std::string_view office_code,
                                                        const CensusRound& round) = 0;
    virtual Result<std::vector<StaffRow>> Staff(std::string_view office_code,
                                                const CensusRound& round) = 0;
    virtual Result<std::vector<DegreeRow>> Degrees(std::string_view office_code,
                                                   const CensusRound& round) = 0;
    /// The round's rows of every office in the store, for the national view.
    virtual Result<std::vector<EnrolmentRow>> AllEnrolment(const CensusRound& round) = 0;
    virtual Result<std::vector<StaffRow>> AllStaff(const CensusRound& round) = 0;
    virtual Result<std::vector<DegreeRow>> AllDegrees(const CensusRound& round) = 0;
    /// Number of enrolment rows stored for the round, over all offices.
    virtual Result<long long> CountEnrolmentRows(const CensusRound& round) = 0;
};

/// Size schemes are data (seed 003, seed 000 and its small-school groups, the 7-group scheme,
/// and any an office adds).
class SizeSchemeRepository {
  public:
    virtual ~SizeSchemeRepository() = default;
    virtual Result<std::vector<SizeScheme>> SizeSchemes() = 0;
    virtual Result<SizeScheme> FindSizeScheme(std::string_view code) = 0;
};

/// A number that every write to the store raises in the same transaction as the write. What a
/// process computed from the store at generation G is current while the generation is still G,
/// even when other processes share the database.
class DataGenerationRepository {
  public:
    virtual ~DataGenerationRepository() = default;
    virtual Result<long long> DataGeneration() = 0;
};

/// A user as stored, with the password hash that only sign-in needs.
struct UserCredentials {
    User user;
    std::string password_hash;
};

/// Users and their grants. Every write raises the data generation in its transaction.
class UserRepository {
  public:
    virtual ~UserRepository() = default;
    /// Stores the user (id and version are given by the store) with its grants in one
    /// transaction; kConflict when the login is taken.
    virtual Result<User> AddUser(const User& user, std::string_view password_hash,
                                 const AuditEntry& audit) = 0;
    /// kNotFound for an unknown id.
    virtual Result<User> FindUser(long long user_id) = 0;
    /// kNotFound when no user has the (already normalised) login.
    virtual Result<User> FindUserByLogin(std::string_view login) = 0;
    virtual Result<UserCredentials> FindCredentials(std::string_view login) = 0;
    /// Every user, by login.
    virtual Result<std::vector<User>> Users() = 0;
    /// Replaces the hash when the user is still at `expected_version`, and ends every session of
    /// the user, in one transaction; returns the new version. kConflict when someone changed the
    /// user since, kNotFound for an unknown id.
    virtual Result<long long> SetPassword(long long user_id, std::string_view password_hash,
                                          bool must_change_password, long long expected_version,
                                          const AuditEntry& audit) = 0;
};

/// A signed-in session as stored: only the hash of its token, never the token.
struct SessionRecord {
    std::string token_hash;
    long long user_id = 0;
    std::string csrf_token;
    std::int64_t created_at = 0;  // seconds since 1970 UTC
    std::int64_t last_seen_at = 0;
    std::int64_t expires_at = 0;  // absolute expiry
    std::string address;
    std::string user_agent;
};

/// Failed sign-ins since a moment, for throttling.
struct SignInFailures {
    int count = 0;
    std::int64_t last_at = 0;
};

/// Sessions and sign-in attempts. These are not the office's data: writing them does not raise
/// the data generation (no cached answer depends on them) and is not audited.
class SessionRepository {
  public:
    virtual ~SessionRepository() = default;
    virtual Status AddSession(const SessionRecord& session) = 0;
    /// kNotFound when no session has the hash.
    virtual Result<SessionRecord> FindSession(std::string_view token_hash) = 0;
    virtual Status TouchSession(std::string_view token_hash, std::int64_t last_seen_at) = 0;
    virtual Status DeleteSession(std::string_view token_hash) = 0;
    /// Deletes sessions that expired before `now` and attempts older than `attempts_before`.
    virtual Status PurgeExpired(std::int64_t now, std::int64_t attempts_before) = 0;
    virtual Status RecordSignInAttempt(std::string_view login, std::string_view address,
                                       bool succeeded, std::int64_t at) = 0;
    /// Failures for the login since `since` and since its last success.
    virtual Result<SignInFailures> LoginFailures(std::string_view login, std::int64_t since) = 0;
    /// Failures from the address since `since`, whatever the login.
    virtual Result<SignInFailures> AddressFailures(std::string_view address,
                                                   std::int64_t since) = 0;
};

/// The audit trail, read back (entries are written by the writes they describe).
class AuditRepository {
  public:
    virtual ~AuditRepository() = default;
    /// Entries matching the filter, newest first, at most filter.limit of them. from_at/to_at
    /// are UTC "YYYY-MM-DDTHH:MM:SSZ" bounds (from inclusive, to exclusive), empty for none.
    virtual Result<std::vector<AuditEntry>> AuditEntries(const AuditFilter& filter,
                                                         std::string_view from_at,
                                                         std::string_view to_at) = 0;
};

/// Plans (one per office and fiscal year), their KPIs, and the frameworks they serve.
class PlanRepository {
  public:
    virtual ~PlanRepository() = default;

    /// The office's plans, latest year first.
    virtual Result<std::vector<PlanSummary>> Plans(std::string_view office_code) = 0;
    /// The whole plan; kNotFound when the office has none for the year.
    virtual Result<Plan> FindPlan(std::string_view office_code, int fiscal_year) = 0;
    /// Every framework with its items, by code.
    virtual Result<std::vector<Framework>> Frameworks() = 0;
    /// In one transaction with `audit`: adds the offices the store lacks (leaving those it has
    /// as they are), replaces each framework of the same code, and replaces each office's plan
    /// of the same year (its version goes on from the one replaced). All or nothing.
    virtual Status ImportPlans(const std::vector<Office>& offices,
                               const std::vector<Framework>& frameworks,
                               const std::vector<Plan>& plans, const AuditEntry& audit) = 0;
    /// Replaces the plan when it is still at `expected_version`, with `audit`, and returns it
    /// as stored. kNotFound when there is no such plan, kConflict when someone changed it since.
    virtual Result<Plan> UpdatePlan(const Plan& plan, long long expected_version,
                                    const AuditEntry& audit) = 0;
};

}  // namespace khet
