#pragma once

#include <string>
#include <vector>

#include "domain/census.hpp"

namespace khet {

/// One figure behind a warning, so a person can see the numbers that disagree.
struct Figure {
    std::string key;
    std::string value;
    bool numeric = false;
};

/// A rule across tables that the office's data breaks; a warning, never a refusal.
struct ValidationWarning {
    std::string rule;     // stable name: "zone_vs_district"
    std::string message;  // Thai, with the figures in words
    std::vector<Figure> figures;
};

/// Runs every cross-table rule over one office and round:
/// zone_vs_district, zone_total_vs_schools, staff_vs_degree, school_without_district,
/// school_without_zone, duplicate_school, school_without_census.
std::vector<ValidationWarning> ValidateSnapshot(const OfficeSnapshot& snapshot);

}  // namespace khet
