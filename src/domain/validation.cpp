#include "domain/validation.hpp"

#include <fmt/format.h>

#include <map>
#include <set>

#include "domain/statistics.hpp"

namespace khet {
namespace {

Figure Number(std::string key, long long value) {
    return {std::move(key), std::to_string(value), true};
}
Figure Text(std::string key, std::string value) {
    return {std::move(key), std::move(value), false};
}

bool IsObec(const School& school) { return school.affiliation == kObecAffiliation; }

void ZoneRules(const OfficeSnapshot& snapshot, std::vector<ValidationWarning>& out) {
    std::map<std::string, std::string> zone_district;
    for (const QualityZone& zone : snapshot.zones) zone_district[zone.code] = zone.district;
    std::map<std::string, long long> in_zones, in_district;
    long long zone_members = 0, active = 0;
    for (const School& school : snapshot.schools) {
        if (!IsObec(school)) continue;
        if (!school.zone_code.empty()) {
            ++zone_members;
            ++in_zones[zone_district[school.zone_code]];
        }
        if (school.active) {
            ++active;
            ++in_district[school.district];
        }
    }
    std::set<std::string> districts;
    for (const auto& [district, _] : in_zones) districts.insert(district);
    for (const auto& [district, _] : in_district) districts.insert(district);
    for (const std::string& district : districts) {
        if (district.empty()) continue;
        const long long zones = in_zones[district], schools = in_district[district];
        if (zones == schools) continue;
        out.push_back(
            {"zone_vs_district",
             fmt::format("อำเภอ{}: เขตคุณภาพของอำเภอรวมกันมี {} โรงเรียน แต่อำเภอมีโรงเรียนที่เปิดสอน {} "
                         "แห่ง (ต่างกัน {})",
                         district, zones, schools, zones - schools),
             {Text("district", district), Number("zones", zones),
              Number("district_schools", schools)}});
    }
    if (!snapshot.zones.empty() && zone_members != active) {
        out.push_back({"zone_total_vs_schools",
                       fmt::format("เขตคุณภาพทั้งหมดรวมกันมี {} โรงเรียน แต่มีโรงเรียน สพฐ. ที่เปิดสอน {} แห่ง",
                                   zone_members, active),
                       {Number("zone_schools", zone_members), Number("active_schools", active)}});
    }
}

void SchoolRules(const OfficeSnapshot& snapshot, std::vector<ValidationWarning>& out) {
    const auto totals = TotalsBySchool(snapshot);
    std::map<std::string, std::vector<const School*>> by_name, by_smis;
    for (const School& school : snapshot.schools) {
        if (!IsObec(school) || !school.active) continue;
        if (school.district.empty()) {
            out.push_back({"school_without_district",
                           fmt::format("โรงเรียน{} ({}) ไม่มีอำเภอ", school.name, school.code),
                           {Text("school", school.code)}});
        }
        if (school.zone_code.empty() && !snapshot.zones.empty()) {
            out.push_back({"school_without_zone",
                           fmt::format("โรงเรียน{} ({}) ไม่อยู่ในเขตคุณภาพใด", school.name, school.code),
                           {Text("school", school.code)}});
        }
        const auto found = totals.find(school.code);
        if (found == totals.end() || !found->second.reported) {
            out.push_back({"school_without_census",
                           fmt::format("โรงเรียน{} ({}) ไม่มีข้อมูลนักเรียนรอบ {}", school.name,
                                       school.code, snapshot.round.Label()),
                           {Text("school", school.code), Text("round", snapshot.round.Label())}});
        }
        by_name[school.name].push_back(&school);
        if (!school.smis_code.empty()) by_smis[school.smis_code].push_back(&school);
    }
    for (const auto* group : {&by_name, &by_smis}) {
        for (const auto& [key, schools] : *group) {
            if (schools.size() < 2) continue;
            std::string codes;
            for (const School* school : schools) {
                codes += (codes.empty() ? "" : ", ") + school->code;
            }
            const bool same_name = group == &by_name;
            out.push_back({"duplicate_school",
                           fmt::format("{} \"{}\" ซ้ำกัน {} แห่ง: {}{}",
                                       same_name ? "ชื่อโรงเรียน" : "รหัส SMIS", key, schools.size(),
                                       codes, same_name ? " (ตรวจว่าเป็นโรงเรียนเดียวกันหรือไม่)" : ""),
                           {Text(same_name ? "name" : "smis_code", key),
                            Number("count", static_cast<long long>(schools.size())),
                            Text("schools", codes)}});
        }
    }
}

void StaffRules(const OfficeSnapshot& snapshot, std::vector<ValidationWarning>& out) {
    if (snapshot.degrees.empty()) return;
    std::map<std::string, std::pair<long long, long long>> by_position, by_degree;
    for (const StaffRow& row : snapshot.staff) {
        if (!IsCivilServant(row.position)) continue;
        by_position[row.school_code].first += row.male;
        by_position[row.school_code].second += row.female;
    }
    for (const DegreeRow& row : snapshot.degrees) {
        by_degree[row.school_code].first += row.male;
        by_degree[row.school_code].second += row.female;
    }
    std::set<std::string> schools;
    for (const auto& [code, _] : by_position) schools.insert(code);
    for (const auto& [code, _] : by_degree) schools.insert(code);
    for (const std::string& code : schools) {
        const auto position = by_position[code];
        const auto degree = by_degree[code];
        if (position == degree) continue;
        out.push_back(
            {"staff_vs_degree",
             fmt::format("โรงเรียนรหัส {}: ข้าราชการครูตามตำแหน่ง ชาย {} หญิง {} แต่ตามวุฒิการศึกษา ชาย {} "
                         "หญิง {}",
                         code, position.first, position.second, degree.first, degree.second),
             {Text("school", code), Number("position_male", position.first),
              Number("position_female", position.second), Number("degree_male", degree.first),
              Number("degree_female", degree.second)}});
    }
}

}  // namespace

std::vector<ValidationWarning> ValidateSnapshot(const OfficeSnapshot& snapshot) {
    std::vector<ValidationWarning> warnings;
    ZoneRules(snapshot, warnings);
    SchoolRules(snapshot, warnings);
    StaffRules(snapshot, warnings);
    return warnings;
}

}  // namespace khet
