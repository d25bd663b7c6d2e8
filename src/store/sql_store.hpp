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
                       public UserRepository,
                       public SessionRepository,
                       public AuditRepository,
                       public PlanRepository {
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
                       const std::vector<School>& schools, const AuditEntry& audit) override;
    Result<School> UpdateSchool(const School& school, long long expected_version,
                                AuditEntry audit) override;

    Result<std::vector<CensusRound>> Rounds(std::string_view office_code) override;
    Result<std::vector<CensusRound>> AllRounds() override;
    Status ReplaceEnrolment(const CensusRound& round, const std::vector<std::string>& school_codes,
                            const std::vector<EnrolmentRow>& rows,
                            const AuditEntry& audit) override;
    Status ReplaceStaff(const CensusRound& round, const std::vector<std::string>& school_codes,
                        const std::vector<StaffRow>& rows, const AuditEntry& audit) override;
    Status ReplaceDegrees(const CensusRound& round, const std::vector<std::string>& school_codes,
                          const std::vector<DegreeRow>& rows, const AuditEntry& audit) override;
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

    Result<User> AddUser(const User& user, std::string_view password_hash,
                         const AuditEntry& audit) override;
    Result<User> FindUser(long long user_id) override;
    Result<User> FindUserByLogin(std::string_view login) override;
    Result<UserCredentials> FindCredentials(std::string_view login) override;
    Result<std::vector<User>> Users() override;
    Result<long long> SetPassword(long long user_id, std::string_view password_hash,
                                  bool must_change_password, long long expected_version,
                                  const AuditEntry& audit) override;

    Status AddSession(const SessionRecord& session) override;
    Result<SessionRecord> FindSession(std::string_view token_hash) override;
    Status TouchSession(std::string_view token_hash, std::int64_t last_seen_at) override;
    Status DeleteSession(std::string_view token_hash) override;
    Status PurgeExpired(std::int64_t now, std::int64_t attempts_before) override;
    Status RecordSignInAttempt(std::string_view login, std::string_view address, bool succeeded,
                               std::int64_t at) override;
    Result<SignInFailures> LoginFailures(std::string_view login, std::int64_t since) override;
    Result<SignInFailures> AddressFailures(std::string_view address, std::int64_t since) override;

    Result<std::vector<AuditEntry>> AuditEntries(const AuditFilter& filter,
                                                 std::string_view from_at,
                                                 std::string_view to_at) override;

    Result<std::vector<PlanSummary>> Plans(std::string_view office_code) override;
    Result<Plan> FindPlan(std::string_view office_code, int fiscal_year) override;
    Result<std::vector<Framework>> Frameworks() override;
    Status ImportPlans(const std::vector<Office>& offices, const std::vector<Framework>& frameworks,
                       const std::vector<Plan>& plans, const AuditEntry& audit) override;
    Result<Plan> UpdatePlan(const Plan& plan, long long expected_version,
                            const AuditEntry& audit) override;

  private:
    // Deletes the plan's rows (if any) and writes `plan` at `version`, inside the caller's
    // transaction.
    Status WritePlan(const Plan& plan, long long version);
    // Every write calls this inside its transaction, so the new generation and the write
    // commit together or not at all; returns the new generation.
    Result<long long> RaiseDataGeneration();
    // Writes `entry` as the `seq`th of the write that produced `generation`.
    Status RecordAudit(const AuditEntry& entry, long long generation, int seq, std::string_view at);
    // Ends a write: raises the generation, records `audit` with it, commits.
    Status CommitWrite(Transaction& transaction, const AuditEntry& audit);
    Result<std::vector<Grant>> GrantsOf(long long user_id);

    template <typename Row, typename WriteRow>
    Status ReplaceRound(std::string_view table, const CensusRound& round,
                        const std::vector<std::string>& school_codes, std::string_view columns,
                        int column_count, const std::vector<Row>& rows, const AuditEntry& audit,
                        WriteRow write_row);

    std::unique_ptr<SqlConnection> connection_;
    std::unique_ptr<SqlStatement> generation_query_;  // declared last: finalized first
};

}  // namespace khet::store
