#pragma once

#include "services/imports.hpp"
#include "services/ports/repositories.hpp"
#include "sheets/sheet.hpp"

namespace khet {

/// What `khet demo` built.
struct DemoSummary {
    std::string office_code;
    CensusRound round;
    long long schools = 0;
    long long students = 0;
    long long teachers = 0;
};

/// Builds the demo office สพป.ฉะเชิงเทรา เขต 2 (area 2402): real school names and codes from
/// OBEC's 2022 list; districts, quality zones (with seed 003's centre schools) and census counts
/// generated so that seed 003's tables 1–4 and 6–8 come out to the digit. Deterministic.
class DemoOffice {
  public:
    DemoOffice(SchoolRepository& schools, CensusRepository& census)
        : schools_(schools), census_(census) {}

    static constexpr std::string_view kOfficeCode = "2402";

    /// `obec_list` is OBEC's school list (any extract holding area 2402).
    Result<DemoSummary> Build(const sheets::Sheet& obec_list);

  private:
    SchoolRepository& schools_;
    CensusRepository& census_;
};

/// Splits row totals × column totals into a non-negative integer matrix whose rows and columns
/// add up exactly, each row proportional to what the columns have left (largest remainder).
/// Requires equal grand totals.
std::vector<std::vector<int>> AllocateMatrix(const std::vector<int>& row_totals,
                                             const std::vector<int>& column_totals);

}  // namespace khet
