#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "domain/census.hpp"
#include "domain/document.hpp"
#include "domain/size_scheme.hpp"

namespace khet {

/// Per-school totals of one round, derived from the snapshot's rows.
struct SchoolTotals {
    long long students = 0;
    long long male = 0;
    long long female = 0;
    long long rooms = 0;
    long long teachers = 0;  // positions that CountsAsTeacher()
    bool reported = false;   // has enrolment rows in the round
};

std::map<std::string, SchoolTotals> TotalsBySchool(const OfficeSnapshot& snapshot);

/// An open school of OBEC's: what the size and ratio tables count.
bool IsCountedObecSchool(const School& school);

/// The statistics tables of seed 003 ("table1" … "table8"; table 5 is the office's own staff and
/// is not derived from the school census).
inline constexpr std::string_view kStatisticsTables[] = {"table1", "table2", "table3", "table4",
                                                         "table6", "table7", "table8"};

/// ตารางที่ 1: active schools by district and affiliation, with the OBEC share in percent.
Table SchoolsByDistrictTable(const OfficeSnapshot& snapshot);
/// ตารางที่ 2: active OBEC schools by size group of `scheme`.
Table SchoolsBySizeTable(const OfficeSnapshot& snapshot, const SizeScheme& scheme);
/// ตารางที่ 3: students, rooms, teachers and both ratios by district, with totals.
Table RatiosByDistrictTable(const OfficeSnapshot& snapshot);
/// ตารางที่ 4: students by grade × sex with stage subtotals.
Table StudentsByGradeTable(const OfficeSnapshot& snapshot);
/// ตารางที่ 6: staff by position × rank × academic standing × sex.
Table StaffByPositionTable(const OfficeSnapshot& snapshot);
/// ตารางที่ 7: civil-servant staff by highest degree × sex.
Table StaffByDegreeTable(const OfficeSnapshot& snapshot);
/// ตารางที่ 8: quality zones, their number of schools and centre schools.
Table QualityZonesTable(const OfficeSnapshot& snapshot);

/// Builds the table named `id` ("table3"); kNotFound for an unknown name.
Result<Table> StatisticsTable(std::string_view id, const OfficeSnapshot& snapshot,
                              const SizeScheme& scheme);

}  // namespace khet
