#include "domain/statistics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

#include "thai/collation.hpp"

namespace khet {
namespace {

constexpr std::string_view kNoDistrict = "(ไม่ระบุอำเภอ)";

std::string DistrictOf(const School& school) {
    return school.district.empty() ? std::string(kNoDistrict) : school.district;
}

void SortThaiStrings(std::vector<std::string>& names) {
    const auto& collator = ThaiCollation();
    std::sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
        return collator.Compare(a, b) < 0;
    });
}

Cell CountOrNone(long long value) { return value == 0 ? Cell::None() : Cell::Integer(value); }

Cell RatioOrNone(long long students, long long divisor) {
    const auto ratio = StudentsPer(students, divisor);
    return ratio ? Cell::Ratio(*ratio) : Cell::None();
}

// The affiliations of the area in the order seed 003 prints them; others follow.
std::vector<std::string> OrderedAffiliations(const std::vector<School>& schools) {
    static constexpr std::array<std::string_view, 5> kKnown = {"สพฐ.", "เอกชน", "เทศบาล", "ตชด.",
                                                               "อปท."};
    std::set<std::string> present;
    for (const School& school : schools) {
        if (school.active) present.insert(school.affiliation);
    }
    std::vector<std::string> ordered{std::string(kObecAffiliation)};
    for (std::size_t i = 1; i < kKnown.size(); ++i) {
        if (present.erase(std::string(kKnown[i]))) ordered.emplace_back(kKnown[i]);
    }
    present.erase(std::string(kObecAffiliation));
    std::vector<std::string> rest(present.begin(), present.end());
    SortThaiStrings(rest);
    ordered.insert(ordered.end(), rest.begin(), rest.end());
    return ordered;
}

std::string AffiliationHeader(const std::string& affiliation) {
    if (affiliation == "เทศบาล") return "ร.ร. เทศบาล";
    if (affiliation == "ตชด.") return "ร.ร. ตชด.";
    return affiliation;
}

}  // namespace

bool IsCountedObecSchool(const School& school) {
    return school.active && school.affiliation == kObecAffiliation;
}

std::map<std::string, SchoolTotals> TotalsBySchool(const OfficeSnapshot& snapshot) {
    std::map<std::string, SchoolTotals> totals;
    for (const EnrolmentRow& row : snapshot.enrolment) {
        SchoolTotals& school = totals[row.school_code];
        school.male += row.male;
        school.female += row.female;
        school.students += row.Students();
        school.rooms += row.rooms;
        school.reported = true;
    }
    for (const StaffRow& row : snapshot.staff) {
        if (CountsAsTeacher(row.position)) totals[row.school_code].teachers += row.People();
    }
    return totals;
}

Table SchoolsByDistrictTable(const OfficeSnapshot& snapshot) {
    const auto affiliations = OrderedAffiliations(snapshot.schools);
    std::map<std::string, std::map<std::string, long long>> counts;  // district → affiliation → n
    long long obec_total = 0;
    for (const School& school : snapshot.schools) {
        if (!school.active) continue;
        ++counts[DistrictOf(school)][school.affiliation];
        if (school.affiliation == kObecAffiliation) ++obec_total;
    }
    std::vector<std::string> districts;
    for (const auto& [district, _] : counts) districts.push_back(district);
    SortThaiStrings(districts);
    // Seed 003 lists districts by their number of OBEC schools, largest first.
    std::stable_sort(districts.begin(), districts.end(), [&](const auto& a, const auto& b) {
        return counts[a][std::string(kObecAffiliation)] > counts[b][std::string(kObecAffiliation)];
    });

    Table table;
    table.id = "table1";
    table.caption = "ตารางที่ 1 จำนวนสถานศึกษา จำแนกรายสังกัด และรายอำเภอ";
    table.columns = {{"no", "ที่", CellKind::kInteger}, {"district", "อำเภอ", CellKind::kText}};
    for (std::size_t i = 0; i < affiliations.size(); ++i) {
        table.columns.push_back({i == 0 ? "obec" : fmt::format("affiliation_{}", i),
                                 AffiliationHeader(affiliations[i]), CellKind::kInteger});
        if (i == 0) table.columns.push_back({"obec_percent", "ร้อยละ", CellKind::kPercent});
    }
    std::map<std::string, long long> column_totals;
    int number = 0;
    for (const std::string& district : districts) {
        Row row;
        row.cells = {Cell::Integer(++number), Cell::Text(district)};
        for (std::size_t i = 0; i < affiliations.size(); ++i) {
            const long long n = counts[district][affiliations[i]];
            column_totals[affiliations[i]] += n;
            row.cells.push_back(CountOrNone(n));
            if (i == 0) {
                row.cells.push_back(obec_total ? Cell::Percent(100.0 * n / obec_total)
                                               : Cell::None());
            }
        }
        table.rows.push_back(std::move(row));
    }
    Row total{{Cell::Text(""), Cell::Text("รวมทั้งสิ้น")}, RowRole::kTotal};
    for (std::size_t i = 0; i < affiliations.size(); ++i) {
        total.cells.push_back(CountOrNone(column_totals[affiliations[i]]));
        if (i == 0) total.cells.push_back(obec_total ? Cell::Percent(100.0) : Cell::None());
    }
    table.rows.push_back(std::move(total));
    table.notes = {"นับเฉพาะสถานศึกษาที่เปิดสอน; ร้อยละคิดจากจำนวนโรงเรียนสังกัด สพฐ."};
    return table;
}

Table SchoolsBySizeTable(const OfficeSnapshot& snapshot, const SizeScheme& scheme) {
    const auto totals = TotalsBySchool(snapshot);
    std::vector<long long> schools(scheme.Bands().size(), 0), students(scheme.Bands().size(), 0);
    long long without_data = 0, counted = 0, all_students = 0;
    for (const School& school : snapshot.schools) {
        if (!IsCountedObecSchool(school)) continue;
        const auto found = totals.find(school.code);
        const long long n = found == totals.end() ? 0 : found->second.students;
        const auto band = scheme.BandIndexOf(static_cast<int>(n));
        if (!band) {
            ++without_data;
            continue;
        }
        ++schools[*band];
        students[*band] += n;
        ++counted;
        all_students += n;
    }
    Table table;
    table.id = "table2";
    table.caption = fmt::format("ตารางที่ 2 จำนวนโรงเรียนจำแนกตามขนาดจำนวนนักเรียน ({})", scheme.Name());
    table.columns = {{"no", "ที่", CellKind::kInteger},
                     {"size_group", "ขนาดโรงเรียน", CellKind::kText},
                     {"schools", "จำนวนโรงเรียน", CellKind::kInteger},
                     {"percent", "ร้อยละ", CellKind::kPercent},
                     {"students", "จำนวนนักเรียน", CellKind::kInteger}};
    for (std::size_t i = 0; i < scheme.Bands().size(); ++i) {
        table.rows.push_back({{Cell::Integer(static_cast<long long>(i + 1)),
                               Cell::Text(scheme.Bands()[i].label), Cell::Integer(schools[i]),
                               counted ? Cell::Percent(100.0 * schools[i] / counted) : Cell::None(),
                               Cell::Integer(students[i])}});
    }
    table.rows.push_back(
        {{Cell::Text(""), Cell::Text("รวมทั้งสิ้น"), Cell::Integer(counted),
          counted ? Cell::Percent(100.0) : Cell::None(), Cell::Integer(all_students)},
         RowRole::kTotal});
    if (without_data > 0) {
        table.notes.push_back(fmt::format(
            "โรงเรียน {} แห่งไม่มีข้อมูลนักเรียนในรอบนี้หรือไม่อยู่ในช่วงของเกณฑ์ จึงไม่นับในตาราง", without_data));
    }
    return table;
}

Table RatiosByDistrictTable(const OfficeSnapshot& snapshot) {
    const auto totals = TotalsBySchool(snapshot);
    struct DistrictTotals {
        long long students = 0, rooms = 0, teachers = 0;
    };
    std::map<std::string, DistrictTotals> by_district;
    DistrictTotals all;
    for (const School& school : snapshot.schools) {
        if (school.affiliation != kObecAffiliation) continue;
        const auto found = totals.find(school.code);
        if (found == totals.end()) continue;
        DistrictTotals& district = by_district[DistrictOf(school)];
        for (DistrictTotals* sum : {&district, &all}) {
            sum->students += found->second.students;
            sum->rooms += found->second.rooms;
            sum->teachers += found->second.teachers;
        }
    }
    std::vector<std::string> districts;
    for (const auto& [district, _] : by_district) districts.push_back(district);
    SortThaiStrings(districts);

    Table table;
    table.id = "table3";
    table.caption = "ตารางที่ 3 อัตราส่วนครู : นักเรียน และอัตราส่วนห้อง : นักเรียน จำแนกรายอำเภอ";
    table.columns = {{"no", "ที่", CellKind::kInteger},
                     {"district", "อำเภอ", CellKind::kText},
                     {"students", "จำนวนนักเรียน", CellKind::kInteger},
                     {"rooms", "จำนวนห้อง", CellKind::kInteger},
                     {"teachers", "จำนวนครู", CellKind::kInteger},
                     {"teacher_ratio", "ครู : นักเรียน", CellKind::kRatio},
                     {"room_ratio", "ห้อง : นักเรียน", CellKind::kRatio}};
    int number = 0;
    for (const std::string& name : districts) {
        const DistrictTotals& d = by_district[name];
        table.rows.push_back(
            {{Cell::Integer(++number), Cell::Text(name), Cell::Integer(d.students),
              Cell::Integer(d.rooms), Cell::Integer(d.teachers),
              RatioOrNone(d.students, d.teachers), RatioOrNone(d.students, d.rooms)}});
    }
    table.rows.push_back(
        {{Cell::Text(""), Cell::Text("รวมทั้งสิ้น"), Cell::Integer(all.students),
          Cell::Integer(all.rooms), Cell::Integer(all.teachers),
          RatioOrNone(all.students, all.teachers), RatioOrNone(all.students, all.rooms)},
         RowRole::kTotal});
    table.notes = {
        "ครู นับผู้อำนวยการ รองผู้อำนวยการ ครู ครูผู้ช่วย พนักงานราชการ และครูอัตราจ้าง "
        "(ไม่นับลูกจ้าง); อัตราส่วน = จำนวนนักเรียน ÷ จำนวนครู หรือ ÷ จำนวนห้อง"};
    return table;
}

Table StudentsByGradeTable(const OfficeSnapshot& snapshot) {
    std::array<long long, kAllGrades.size()> male{}, female{};
    for (const EnrolmentRow& row : snapshot.enrolment) {
        male[GradeIndex(row.grade)] += row.male;
        female[GradeIndex(row.grade)] += row.female;
    }
    Table table;
    table.id = "table4";
    table.caption = "ตารางที่ 4 จำนวนนักเรียนแยก ชาย หญิง จำแนกตามระดับชั้น";
    table.columns = {{"grade", "ระดับชั้น", CellKind::kText},
                     {"male", "ชาย", CellKind::kInteger},
                     {"female", "หญิง", CellKind::kInteger},
                     {"total", "รวม", CellKind::kInteger}};
    long long all_male = 0, all_female = 0;
    for (SchoolStage stage : kAllStages) {
        long long stage_male = 0, stage_female = 0;
        std::vector<Row> rows;
        for (Grade grade : kAllGrades) {
            if (StageOf(grade) != stage) continue;
            const long long m = male[GradeIndex(grade)], f = female[GradeIndex(grade)];
            stage_male += m;
            stage_female += f;
            rows.push_back({{Cell::Text(std::string(GradeName(grade))), Cell::Integer(m),
                             Cell::Integer(f), Cell::Integer(m + f)}});
        }
        // A stage the office does not teach (ม.4–6 in a primary office) is left out, as in seed
        // 003.
        if (stage_male + stage_female == 0) continue;
        table.rows.insert(table.rows.end(), rows.begin(), rows.end());
        table.rows.push_back(
            {{Cell::Text(std::string(StageSubtotalName(stage))), Cell::Integer(stage_male),
              Cell::Integer(stage_female), Cell::Integer(stage_male + stage_female)},
             RowRole::kSubtotal});
        all_male += stage_male;
        all_female += stage_female;
    }
    table.rows.push_back({{Cell::Text("รวมทั้งสิ้น"), Cell::Integer(all_male),
                           Cell::Integer(all_female), Cell::Integer(all_male + all_female)},
                          RowRole::kTotal});
    return table;
}

Table StaffByPositionTable(const OfficeSnapshot& snapshot) {
    struct Key {
        Position position;
        std::string rank;
        std::string standing;
        auto operator<=>(const Key&) const = default;
    };
    std::map<Key, std::pair<long long, long long>> counts;
    for (const StaffRow& row : snapshot.staff) {
        auto& cell = counts[{row.position, row.rank, row.standing}];
        cell.first += row.male;
        cell.second += row.female;
    }
    // The rows seed 003 always prints, even when empty; other combinations follow when present.
    auto standing_of_rank = [](std::string_view rank) -> std::string {
        if (rank == "คศ.2") return "ชำนาญการ";
        if (rank == "คศ.3") return "ชำนาญการพิเศษ";
        if (rank == "คศ.4") return "เชี่ยวชาญ";
        if (rank == "คศ.5") return "เชี่ยวชาญพิเศษ";
        return "-";
    };
    auto rank_order = [](std::string_view rank) {
        return std::find(kRanks.begin(), kRanks.end(), rank) - kRanks.begin();
    };
    auto standing_order = [](std::string_view standing) {
        return std::find(kStandings.begin(), kStandings.end(), standing) - kStandings.begin();
    };

    Table table;
    table.id = "table6";
    table.caption =
        "ตารางที่ 6 จำนวนข้าราชการครูและบุคลากรทางการศึกษาในสถานศึกษา จำแนกตามตำแหน่ง "
        "อันดับ และวิทยฐานะ";
    table.columns = {
        {"position", "ตำแหน่ง", CellKind::kText},  {"rank", "อันดับ", CellKind::kText},
        {"standing", "วิทยฐานะ", CellKind::kText}, {"male", "ชาย", CellKind::kInteger},
        {"female", "หญิง", CellKind::kInteger},    {"total", "รวม", CellKind::kInteger}};
    auto counts_cells = [](long long m, long long f) {
        return std::vector<Cell>{CountOrNone(m), CountOrNone(f), CountOrNone(m + f)};
    };
    long long civil_male = 0, civil_female = 0, all_male = 0, all_female = 0;
    int number = 0;
    for (Position position : kAllPositions) {
        std::vector<Key> keys;
        if (position == Position::kDirector || position == Position::kTeacher) {
            for (std::string_view rank : {"คศ.1", "คศ.2", "คศ.3", "คศ.4", "คศ.5"}) {
                keys.push_back({position, std::string(rank), standing_of_rank(rank)});
            }
        } else if (position == Position::kDeputyDirector) {
            for (std::string_view rank : {"คศ.1", "คศ.2", "คศ.3", "คศ.4"}) {
                keys.push_back({position, std::string(rank), standing_of_rank(rank)});
            }
        } else if (position == Position::kAssistantTeacher) {
            keys.push_back({position, "ครูผู้ช่วย", "-"});
        }
        for (const auto& [key, _] : counts) {
            if (key.position == position &&
                std::find(keys.begin(), keys.end(), key) == keys.end()) {
                keys.push_back(key);
            }
        }
        std::stable_sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
            return std::pair(rank_order(a.rank), standing_order(a.standing)) <
                   std::pair(rank_order(b.rank), standing_order(b.standing));
        });
        if (keys.empty()) continue;
        long long position_male = 0, position_female = 0;
        const std::string label = fmt::format("{}. {}", ++number, PositionName(position));
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const auto found = counts.find(keys[i]);
            const long long m = found == counts.end() ? 0 : found->second.first;
            const long long f = found == counts.end() ? 0 : found->second.second;
            position_male += m;
            position_female += f;
            Row row{{Cell::Text(i == 0 ? label : ""), Cell::Text(keys[i].rank),
                     Cell::Text(keys[i].standing)}};
            for (Cell& cell : counts_cells(m, f)) row.cells.push_back(std::move(cell));
            table.rows.push_back(std::move(row));
        }
        if (keys.size() > 1) {
            Row subtotal{{Cell::Text(""), Cell::Text("รวม"), Cell::Text("")}, RowRole::kSubtotal};
            for (Cell& cell : counts_cells(position_male, position_female)) {
                subtotal.cells.push_back(std::move(cell));
            }
            table.rows.push_back(std::move(subtotal));
        }
        if (IsCivilServant(position)) {
            civil_male += position_male;
            civil_female += position_female;
        }
        all_male += position_male;
        all_female += position_female;
        if (position == Position::kAssistantTeacher) {
            Row civil{
                {Cell::Text("รวมข้าราชการครูและบุคลากรทางการศึกษา"), Cell::Text(""), Cell::Text("")},
                RowRole::kSubtotal};
            for (Cell& cell : counts_cells(civil_male, civil_female)) {
                civil.cells.push_back(std::move(cell));
            }
            table.rows.push_back(std::move(civil));
        }
    }
    Row total{{Cell::Text("รวมทั้งสิ้น"), Cell::Text(""), Cell::Text("")}, RowRole::kTotal};
    for (Cell& cell : counts_cells(all_male, all_female)) total.cells.push_back(std::move(cell));
    table.rows.push_back(std::move(total));
    return table;
}

Table StaffByDegreeTable(const OfficeSnapshot& snapshot) {
    std::map<std::string, std::pair<long long, long long>> counts;
    for (const DegreeRow& row : snapshot.degrees) {
        counts[row.degree].first += row.male;
        counts[row.degree].second += row.female;
    }
    Table table;
    table.id = "table7";
    table.caption = "ตารางที่ 7 การศึกษาของข้าราชการครูและบุคลากรทางการศึกษาในสถานศึกษาจำแนกตามเพศ";
    table.columns = {{"degree", "ระดับการศึกษา", CellKind::kText},
                     {"male", "ชาย", CellKind::kInteger},
                     {"female", "หญิง", CellKind::kInteger},
                     {"total", "รวม", CellKind::kInteger}};
    long long male = 0, female = 0;
    for (std::string_view degree : kDegrees) {
        const auto [m, f] = counts[std::string(degree)];
        male += m;
        female += f;
        table.rows.push_back({{Cell::Text(std::string(degree)), CountOrNone(m), CountOrNone(f),
                               CountOrNone(m + f)}});
    }
    table.rows.push_back({{Cell::Text("รวมทั้งสิ้น"), Cell::Integer(male), Cell::Integer(female),
                           Cell::Integer(male + female)},
                          RowRole::kTotal});
    return table;
}

Table QualityZonesTable(const OfficeSnapshot& snapshot) {
    std::map<std::string, long long> members;
    std::map<std::string, std::string> names;
    for (const School& school : snapshot.schools) {
        names[school.code] = school.name;
        if (!school.zone_code.empty()) ++members[school.zone_code];
    }
    std::vector<QualityZone> zones = snapshot.zones;
    std::sort(zones.begin(), zones.end(),
              [](const auto& a, const auto& b) { return a.ordinal < b.ordinal; });
    Table table;
    table.id = "table8";
    table.caption = "ตารางที่ 8 เขตคุณภาพการศึกษา จำนวนโรงเรียน และโรงเรียนที่ตั้งเขตคุณภาพการศึกษา";
    table.columns = {{"no", "ที่", CellKind::kInteger},
                     {"zone", "เขตคุณภาพการศึกษา", CellKind::kText},
                     {"schools", "จำนวนโรงเรียนในเขตคุณภาพการศึกษา", CellKind::kInteger},
                     {"centre_school", "โรงเรียนที่ตั้งเขตคุณภาพการศึกษา", CellKind::kText}};
    long long total = 0;
    int number = 0;
    for (const QualityZone& zone : zones) {
        const long long n = members[zone.code];
        total += n;
        const auto centre = names.find(zone.centre_school_code);
        table.rows.push_back(
            {{Cell::Integer(++number), Cell::Text(zone.name), Cell::Integer(n),
              centre == names.end() ? Cell::None() : Cell::Text("โรงเรียน" + centre->second)}});
    }
    table.rows.push_back(
        {{Cell::Text(""), Cell::Text("รวมทั้งสิ้น"), Cell::Integer(total), Cell::Text("")},
         RowRole::kTotal});
    return table;
}

Result<Table> StatisticsTable(std::string_view id, const OfficeSnapshot& snapshot,
                              const SizeScheme& scheme) {
    if (id == "table1") return SchoolsByDistrictTable(snapshot);
    if (id == "table2") return SchoolsBySizeTable(snapshot, scheme);
    if (id == "table3") return RatiosByDistrictTable(snapshot);
    if (id == "table4") return StudentsByGradeTable(snapshot);
    if (id == "table6") return StaffByPositionTable(snapshot);
    if (id == "table7") return StaffByDegreeTable(snapshot);
    if (id == "table8") return QualityZonesTable(snapshot);
    return NotFound(fmt::format(
        "ไม่มีตารางสถิติ \"{}\" (มี table1, table2, table3, table4, table6, table7, table8)", id));
}

}  // namespace khet
