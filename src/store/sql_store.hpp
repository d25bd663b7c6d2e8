#pragma once

#include <memory>

#include "services/ports/repositories.hpp"
#include "store/sql.hpp"

namespace khet::store {

/// The repositories of services/ports over one SQL connection, with one SQL text per query for
/// both engines. Not thread-safe: one per connection.
class SqlStore final : public SchoolRepository,
                       public CensusRepository,
                       public SizeSchemeRepository,
                       public DataGenerationRepository,
                       public UserRepository {
  public:
    explicit SqlStore(std::unique_ptr<SqlConnection> connection)
        : connection_(std::move(connection)) {}

    SqlConnection& Connection() { return *connection_; }

    Result<std::vector<Office>> Offices() override;
    Result<Office> FindOffice(std::string_view code) override;
    Result<std::vector<QualityZone>> Zones(std::string_view office_code) override;
    Result<std::vector<QualityZone>> AllZones() override;
    Result<std::vector<School>> Schools(std::string_view office_code) override;
    Result<std::vector<School>> AllSchools() override;
    Result<School> FindSchool(std::string_view code) override;
    Result<std::vector<std::pair<std::string, std::string>>> KnownSchools() override;
    Status SaveSchools(const std::vector<Office>& offices, const std::vector<QualityZone>& zones,
                       const std::vector<School>& schools) override;

    Result<std::vector<CensusRound>> Rounds(std::string_view office_code) override;
    Result<std::vector<CensusRound>> AllRounds() override;
    Status ReplaceEnrolment(const CensusRound& round, const std::vector<std::string>& school_codes,
                            const std::vector<EnrolmentRow>& rows) override;
    Status ReplaceStaff(const CensusRound& round, const std::vector<std::string>& school_codes,
                        const std::vector<StaffRow>& rows) override;
    Status ReplaceDegrees(const CensusRound& round, const std::vector<std::string>& school_codes,
                          const std::vector<DegreeRow>& rows) override;
    Result<std::vector<EnrolmentRow>> Enrolment(std::string_view office_code,
                                                const CensusRound& round) override;
    Result<std::vector<StaffRow>> Staff(std::string_view office_code,
                                        const CensusRound& round) override;
    Result<std::vector<DegreeRow>> Degrees(std::string_view office_code,
                                           const CensusRound& round) override;
    Result<std::vector<EnrolmentRow>> AllEnrolment(const CensusRound& round) override;
    Result<std::vector<StaffRow>> AllStaff(const CensusRound& round) override;
    Result<std::vector<DegreeRow>> AllDegrees(const CensusRound& round) override;
    Result<long long> CountEnrolmentRows(const CensusRound& round) override;

    Result<std::vector<SizeScheme>> SizeSchemes() override;
    Result<SizeScheme> FindSizeScheme(std::string_view code) override;

    /// One prepared SELECT, kept prepared: the HTTP cache asks on every request.
    Result<long long> DataGeneration() override;

    Result<User> AddUser(const User& user, std::string_view password_hash) override;
    Result<User> FindUserByLogin(std::string_view login) override;
    Result<UserCredentials> FindCredentials(std::string_view login) override;
    Result<std::vector<User>> Users() override;
    Result<long long> SetPassword(long long user_id, std::string_view password_hash,
                                  bool must_change_password, long long expected_version) override;

  private:
    // Every write calls this inside its transaction, so the new generation and the write
    // commit together or not at all.
    Status RaiseDataGeneration();
    Result<std::vector<Grant>> GrantsOf(long long user_id);

    template <typename Row, typename WriteRow>
    Status ReplaceRound(std::string_view table, const CensusRound& round,
                        const std::vector<std::string>& school_codes, std::string_view columns,
                        int column_count, const std::vector<Row>& rows, WriteRow write_row);

    std::unique_ptr<SqlConnection> connection_;
    std::unique_ptr<SqlStatement> generation_query_;  // declared last: finalized first
};

}  // namespace khet::store
