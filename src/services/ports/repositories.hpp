#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "domain/census.hpp"
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
    /// Inserts or updates offices, zones and schools, all in one transaction.
    virtual Status SaveSchools(const std::vector<Office>& offices,
                               const std::vector<QualityZone>& zones,
                               const std::vector<School>& schools) = 0;
};

/// The school census: enrolment (students and rooms per grade), staff and degrees per round.
/// Each Replace* deletes the round's rows of `school_codes` and writes `rows` in one
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
                                    const std::vector<EnrolmentRow>& rows) = 0;
    virtual Status ReplaceStaff(const CensusRound& round,
                                const std::vector<std::string>& school_codes,
                                const std::vector<StaffRow>& rows) = 0;
    virtual Status ReplaceDegrees(const CensusRound& round,
                                  const std::vector<std::string>& school_codes,
                                  const std::vector<DegreeRow>& rows) = 0;
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
    virtual Result<User> AddUser(const User& user, std::string_view password_hash) = 0;
    /// kNotFound when no user has the (already normalised) login.
    virtual Result<User> FindUserByLogin(std::string_view login) = 0;
    virtual Result<UserCredentials> FindCredentials(std::string_view login) = 0;
    /// Every user, by login.
    virtual Result<std::vector<User>> Users() = 0;
    /// Replaces the hash when the user is still at `expected_version`; returns the new version.
    /// kConflict when someone changed the user since, kNotFound for an unknown id.
    virtual Result<long long> SetPassword(long long user_id, std::string_view password_hash,
                                          bool must_change_password,
                                          long long expected_version) = 0;
};

}  // namespace khet
