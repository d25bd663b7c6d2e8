#pragma once

#include <string>
#include <vector>

#include "domain/census_round.hpp"
#include "domain/grade.hpp"
#include "domain/school.hpp"
#include "domain/staff.hpp"

namespace khet {

/// Students of one grade of one school in one census round, and the rooms they learn in.
struct EnrolmentRow {
    std::string school_code;
    Grade grade = Grade::kP1;
    int male = 0;
    int female = 0;
    int rooms = 0;
    long long Students() const { return static_cast<long long>(male) + female; }
};

/// Staff of one school by position × salary rank × academic standing × sex.
struct StaffRow {
    std::string school_code;
    Position position = Position::kTeacher;
    std::string rank = "-";
    std::string standing = "-";
    int male = 0;
    int female = 0;
    long long People() const { return static_cast<long long>(male) + female; }
};

/// Civil-servant staff of one school by highest degree × sex.
struct DegreeRow {
    std::string school_code;
    std::string degree;
    int male = 0;
    int female = 0;
};

/// Everything the statistics tables and validation rules read about one office in one round.
struct OfficeSnapshot {
    Office office;
    CensusRound round;
    std::vector<QualityZone> zones;
    std::vector<School> schools;  // all affiliations, active or not
    std::vector<EnrolmentRow> enrolment;
    std::vector<StaffRow> staff;
    std::vector<DegreeRow> degrees;
};

}  // namespace khet
