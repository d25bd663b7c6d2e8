#include "services/demo_office.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>

#include "base/assert.hpp"
#include "base/json_text.hpp"

namespace khet {
namespace {

// ---- Seed 003's own figures (ปีการศึกษา 2564, 10 พฤศจิกายน 2564) -------------------------------

struct DistrictFigures {
    std::string_view name;
    int schools;                            // table 1, OBEC schools
    int students, rooms, teachers;          // table 3
    int small, medium, large, extra_large;  // sizes chosen so that table 2 comes out
};

constexpr DistrictFigures kDistricts[] = {
    {"พนมสารคาม", 40, 8074, 416, 400, 12, 26, 1, 1},
    {"สนามชัยเขต", 35, 6935, 376, 381, 10, 24, 1, 0},
    {"ท่าตะเกียบ", 20, 5728, 252, 276, 4, 15, 1, 0},
    {"แปลงยาว", 19, 4183, 191, 202, 7, 11, 1, 0},
    {"บางคล้า", 16, 1465, 146, 106, 16, 0, 0, 0},
    {"ราชสาส์น", 7, 777, 60, 44, 7, 0, 0, 0},
    {"คลองเขื่อน", 8, 691, 64, 40, 8, 0, 0, 0},
};

struct ZoneFigures {
    std::string_view name;
    std::string_view district;
    int schools;  // table 8 (the zones hold 148 schools; table 1 counts 145)
    std::string_view centre_code;
};

constexpr ZoneFigures kZones[] = {
    {"เขตคุณภาพที่ 1 (พนมสารคาม 1)", "พนมสารคาม", 7, "1024070191"},
    {"เขตคุณภาพที่ 2 (พนมสารคาม 2)", "พนมสารคาม", 10, "1024070205"},
    {"เขตคุณภาพที่ 3 (พนมสารคาม 3)", "พนมสารคาม", 6, "1024070180"},
    {"เขตคุณภาพที่ 4 (พนมสารคาม 4)", "พนมสารคาม", 10, "1024070216"},
    {"เขตคุณภาพที่ 5 (พนมสารคาม 5)", "พนมสารคาม", 8, "1024070202"},
    {"เขตคุณภาพที่ 6 (ราชสาส์น)", "ราชสาส์น", 7, "1024070281"},
    {"เขตคุณภาพที่ 7 (บางคล้า 1)", "บางคล้า", 9, "1024070063"},
    {"เขตคุณภาพที่ 8 (บางคล้า 2)", "บางคล้า", 9, "1024070054"},
    {"เขตคุณภาพที่ 9 (คลองเขื่อน)", "คลองเขื่อน", 8, "1024070315"},
    {"เขตคุณภาพที่ 10 (สนามชัยเขต 1)", "สนามชัยเขต", 8, "1024070232"},
    {"เขตคุณภาพที่ 11 (สนามชัยเขต 2)", "สนามชัยเขต", 11, "1024070246"},
    {"เขตคุณภาพที่ 12 (สนามชัยเขต 3)", "สนามชัยเขต", 9, "1024070253"},
    {"เขตคุณภาพที่ 13 (สนามชัยเขต 4)", "สนามชัยเขต", 7, "1024070219"},
    {"เขตคุณภาพที่ 14 (แปลงยาว 1)", "แปลงยาว", 11, "1024070267"},
    {"เขตคุณภาพที่ 15 (แปลงยาว 2)", "แปลงยาว", 8, "1024070273"},
    {"เขตคุณภาพที่ 16 (ท่าตะเกียบ 1)", "ท่าตะเกียบ", 10, "1024070297"},
    {"เขตคุณภาพที่ 17 (ท่าตะเกียบ 2)", "ท่าตะเกียบ", 10, "1024070300"},
};

// Table 4: students by grade × sex (อ.1 … ม.3).
constexpr int kGradeMale[] = {75, 1436, 1405, 1604, 1618, 1703, 1732, 1539, 1605, 700, 676, 558};
constexpr int kGradeFemale[] = {81, 1243, 1366, 1467, 1463, 1581, 1539, 1452, 1443, 556, 520, 491};
constexpr int kPrimaryGrades = 9;  // อ.1–ป.6; the last three are ม.1–ม.3

struct StaffFigures {
    Position position;
    std::string_view rank;
    std::string_view standing;
    int male, female;
};

// Table 6 (civil servants); the last two rows are generated: table 3 counts 1,449 teachers,
// 57 more than table 6's 1,392 civil servants, which are the government employees and
// contract teachers the ratio counts.
constexpr StaffFigures kDirectors[] = {
    {Position::kDirector, "คศ.2", "ชำนาญการ", 14, 17},
    {Position::kDirector, "คศ.3", "ชำนาญการพิเศษ", 41, 28},
    {Position::kDirector, "คศ.4", "เชี่ยวชาญ", 1, 0},
};
constexpr StaffFigures kDeputies[] = {
    {Position::kDeputyDirector, "คศ.1", "-", 0, 3},
    {Position::kDeputyDirector, "คศ.2", "ชำนาญการ", 1, 4},
    {Position::kDeputyDirector, "คศ.3", "ชำนาญการพิเศษ", 1, 2},
};
constexpr StaffFigures kTeaching[] = {
    {Position::kTeacher, "คศ.1", "-", 117, 390},
    {Position::kTeacher, "คศ.2", "ชำนาญการ", 35, 188},
    {Position::kTeacher, "คศ.3", "ชำนาญการพิเศษ", 39, 229},
    {Position::kTeacher, "คศ.4", "เชี่ยวชาญ", 0, 1},
    {Position::kAssistantTeacher, "ครูผู้ช่วย", "-", 71, 210},
    {Position::kGovernmentEmployee, "-", "-", 5, 15},
    {Position::kContractTeacher, "-", "-", 9, 28},
};

// Table 7: degrees of the civil servants, by sex.
constexpr int kDegreeMale[] = {2, 71, 247, 0};
constexpr int kDegreeFemale[] = {6, 197, 869, 0};

struct OtherSchools {
    std::string_view affiliation;
    std::string_view district;
    int count;
};

// Table 1's schools of other affiliations; their names and codes are made up.
constexpr OtherSchools kOtherSchools[] = {
    {"เอกชน", "พนมสารคาม", 3}, {"เอกชน", "สนามชัยเขต", 2}, {"เอกชน", "แปลงยาว", 1},
    {"เอกชน", "บางคล้า", 3},    {"เทศบาล", "บางคล้า", 2},   {"ตชด.", "สนามชัยเขต", 2},
    {"อปท.", "สนามชัยเขต", 1},  {"อปท.", "บางคล้า", 1},
};

constexpr std::string_view kDataNote =
    "ข้อมูลสาธิต: ชื่อและรหัสโรงเรียนเป็นข้อมูลจริงจากรายชื่อโรงเรียน สพฐ. (ก.ย. 2565); อำเภอ "
    "เขตคุณภาพ จำนวนนักเรียน ห้องเรียน และบุคลากรรายโรงเรียนเป็นข้อมูลสร้างขึ้น ให้ผลรวมตรงกับตาราง "
    "1–8 ของแผนปฏิบัติราชการ สพป.ฉะเชิงเทรา เขต 2 ปี 2565 (ข้อมูล 10 พ.ย. 2564); โรงเรียนสังกัดอื่นเป็นชื่อสมมุติ";

// A small deterministic generator, so the demo is the same on every machine and library.
class SplitMix {
  public:
    explicit SplitMix(std::uint64_t seed) : state_(seed) {}
    std::uint64_t Next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int Between(int low, int high) {  // inclusive
        return low + static_cast<int>(Next() % static_cast<std::uint64_t>(high - low + 1));
    }
    template <typename T>
    void Shuffle(std::vector<T>& items) {
        for (std::size_t i = items.size(); i > 1; --i) {
            std::swap(items[i - 1], items[Next() % i]);
        }
    }

  private:
    std::uint64_t state_;
};

// Moves values within [low, high] until they add up to `target`.
void AdjustToSum(std::vector<int>& values, const std::vector<std::pair<int, int>>& bounds,
                 long long target) {
    long long diff = target - std::accumulate(values.begin(), values.end(), 0LL);
    while (diff != 0) {
        bool moved = false;
        const long long share = std::max<long long>(1, std::llabs(diff) / values.size());
        for (std::size_t i = 0; i < values.size() && diff != 0; ++i) {
            const long long room =
                diff > 0 ? bounds[i].second - values[i] : values[i] - bounds[i].first;
            const long long step = std::min({room, share, std::llabs(diff)});
            if (step <= 0) continue;
            values[i] += static_cast<int>(diff > 0 ? step : -step);
            diff += diff > 0 ? -step : step;
            moved = true;
        }
        KHET_ASSERT(moved, "demo figures cannot reach the seed's total within the size bands");
    }
}

// Largest-remainder split of `total` in proportion to `weights`, each part at most `caps[i]`.
std::vector<int> Apportion(int total, const std::vector<double>& weights,
                           const std::vector<int>& caps) {
    std::vector<int> parts(weights.size(), 0);
    int left = total;
    while (left > 0) {
        double weight_sum = 0;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (parts[i] < caps[i]) weight_sum += weights[i];
        }
        KHET_ASSERT(weight_sum > 0, "apportion: caps hold less than the total");
        std::vector<std::pair<double, std::size_t>> remainders;
        int given = 0;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (parts[i] >= caps[i]) continue;
            const double exact = left * weights[i] / weight_sum;
            const int whole = std::min(caps[i] - parts[i], static_cast<int>(exact));
            parts[i] += whole;
            given += whole;
            remainders.emplace_back(exact - static_cast<int>(exact), i);
        }
        left -= given;
        std::sort(remainders.begin(), remainders.end(), std::greater<>());
        for (const auto& [fraction, i] : remainders) {
            if (left == 0) break;
            if (parts[i] < caps[i]) {
                ++parts[i];
                --left;
            }
        }
    }
    return parts;
}

struct DemoSchool {
    School school;
    int students = 0;
    int secondary = 0;
    int teachers = 0;
    bool teaches_secondary = false;
};

}  // namespace

std::vector<std::vector<int>> AllocateMatrix(const std::vector<int>& row_totals,
                                             const std::vector<int>& column_totals) {
    std::vector<int> left = column_totals;
    long long remaining = std::accumulate(left.begin(), left.end(), 0LL);
    KHET_ASSERT(remaining == std::accumulate(row_totals.begin(), row_totals.end(), 0LL),
                "AllocateMatrix needs equal row and column grand totals");
    std::vector<std::vector<int>> matrix(row_totals.size(), std::vector<int>(left.size(), 0));
    for (std::size_t r = 0; r < row_totals.size(); ++r) {
        if (r + 1 == row_totals.size()) {
            matrix[r] = left;
            break;
        }
        if (row_totals[r] == 0) continue;
        std::vector<std::pair<double, std::size_t>> remainders;
        int given = 0;
        for (std::size_t c = 0; c < left.size(); ++c) {
            const double exact = static_cast<double>(row_totals[r]) * left[c] / remaining;
            matrix[r][c] = static_cast<int>(exact);
            given += matrix[r][c];
            remainders.emplace_back(exact - matrix[r][c], c);
        }
        std::sort(remainders.begin(), remainders.end(), std::greater<>());
        for (std::size_t k = 0; given < row_totals[r]; ++k, ++given) {
            ++matrix[r][remainders[k].second];
        }
        for (std::size_t c = 0; c < left.size(); ++c) left[c] -= matrix[r][c];
        remaining -= row_totals[r];
    }
    return matrix;
}

Result<DemoSummary> DemoOffice::Build(const sheets::Sheet& obec_list) {
    const auto round = *CensusRound::Make(2564, 2);
    ImportService imports(schools_, census_);
    ImportOptions options;
    options.actor = Actor::Console();
    options.area_code = std::string(kOfficeCode);
    auto imported = imports.ImportSchools(obec_list, options);
    if (!imported) return std::unexpected(imported.error());
    auto listed = schools_.Schools(kOfficeCode);
    if (!listed) return std::unexpected(listed.error());
    if (listed->size() < 148) {
        return InvalidArgument(fmt::format(
            "รายชื่อโรงเรียนเขต 2402 มีเพียง {} โรง: ต้องมีอย่างน้อย 148 โรงตามตาราง 8", listed->size()));
    }
    SplitMix random(2564);

    // Quality zones and districts: centre schools first, then the others in list order.
    std::vector<DemoSchool> schools;
    for (School& school : *listed) {
        if (school.source == "generated") continue;
        DemoSchool demo{std::move(school)};
        demo.teaches_secondary = demo.school.level_span.find("มัธยม") != std::string::npos;
        schools.push_back(std::move(demo));
    }
    std::vector<QualityZone> zones;
    std::vector<std::size_t> others;
    for (std::size_t i = 0; i < schools.size(); ++i) others.push_back(i);
    for (std::size_t z = 0; z < std::size(kZones); ++z) {
        const ZoneFigures& figures = kZones[z];
        const std::string code = fmt::format("{}-Z{:02}", kOfficeCode, z + 1);
        zones.push_back({code, std::string(kOfficeCode), static_cast<int>(z + 1),
                         std::string(figures.name), std::string(figures.district),
                         std::string(figures.centre_code)});
        auto centre = std::find_if(others.begin(), others.end(), [&](std::size_t i) {
            return schools[i].school.code == figures.centre_code;
        });
        if (centre == others.end()) {
            return InvalidArgument(
                fmt::format("ไม่พบโรงเรียนที่ตั้งเขตคุณภาพ รหัส {} ในรายชื่อ", figures.centre_code));
        }
        schools[*centre].school.zone_code = code;
        schools[*centre].school.district = std::string(figures.district);
        others.erase(centre);
    }
    std::size_t next = 0;
    for (std::size_t z = 0; z < std::size(kZones); ++z) {
        for (int k = 1; k < kZones[z].schools; ++k) {
            DemoSchool& demo = schools[others[next++]];
            demo.school.zone_code = zones[z].code;
            demo.school.district = std::string(kZones[z].district);
            // Zone lists outlive closures: the last school of these zones no longer teaches,
            // which is how table 8 holds 148 schools while table 1 counts 145.
            const bool closed = k + 1 == kZones[z].schools &&
                                (z == 4 || kZones[z].district == std::string_view("บางคล้า"));
            demo.school.active = !closed;
        }
    }
    for (; next < others.size(); ++next) schools[others[next]].school.active = false;

    // Students per school: sizes per district as table 2 needs, adjusted to table 3's totals.
    const std::vector<std::pair<int, int>> kBands = {
        {35, 118}, {125, 590}, {610, 1450}, {1550, 2200}};
    std::map<std::string_view, std::vector<std::size_t>> by_district;
    for (std::size_t i = 0; i < schools.size(); ++i) {
        if (schools[i].school.active) by_district[schools[i].school.district].push_back(i);
    }
    for (const DistrictFigures& district : kDistricts) {
        auto members = by_district[district.name];
        if (static_cast<int>(members.size()) != district.schools) {
            return Fail(ErrorCode::kInternal,
                        fmt::format("demo: อำเภอ{} ได้ {} โรง ไม่ใช่ {}", district.name,
                                    members.size(), district.schools));
        }
        random.Shuffle(members);
        // Schools that also teach ม.1–3 take the larger sizes first.
        std::stable_sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
            return schools[a].teaches_secondary > schools[b].teaches_secondary;
        });
        std::vector<int> band_of;
        for (int n = 0; n < district.extra_large; ++n) band_of.push_back(3);
        for (int n = 0; n < district.large; ++n) band_of.push_back(2);
        for (int n = 0; n < district.medium; ++n) band_of.push_back(1);
        for (int n = 0; n < district.small; ++n) band_of.push_back(0);
        std::vector<int> students;
        std::vector<std::pair<int, int>> bounds;
        for (int band : band_of) {
            bounds.push_back(kBands[band]);
            students.push_back(random.Between(kBands[band].first, kBands[band].second));
        }
        AdjustToSum(students, bounds, district.students);
        for (std::size_t k = 0; k < members.size(); ++k) schools[members[k]].students = students[k];

        // Teachers: two at least (a director or acting head, and a teacher), the rest by size.
        std::vector<double> weights;
        std::vector<int> caps(members.size(), 1 << 20);
        for (std::size_t i : members) weights.push_back(schools[i].students);
        const auto extra = Apportion(district.teachers - 2 * district.schools, weights, caps);
        for (std::size_t k = 0; k < members.size(); ++k) {
            schools[members[k]].teachers = 2 + extra[k];
        }
    }

    std::vector<std::size_t> active;
    for (std::size_t i = 0; i < schools.size(); ++i) {
        if (schools[i].school.active) active.push_back(i);
    }
    // Secondary students (table 4's ม.1–3) go to the schools that teach them, by size.
    {
        std::vector<double> weights;
        std::vector<int> caps;
        for (std::size_t i : active) {
            weights.push_back(schools[i].teaches_secondary ? schools[i].students : 0);
            caps.push_back(schools[i].teaches_secondary ? schools[i].students * 2 / 5 : 0);
        }
        const int secondary_total =
            std::accumulate(std::begin(kGradeMale) + kPrimaryGrades, std::end(kGradeMale), 0) +
            std::accumulate(std::begin(kGradeFemale) + kPrimaryGrades, std::end(kGradeFemale), 0);
        const auto parts = Apportion(secondary_total, weights, caps);
        for (std::size_t k = 0; k < active.size(); ++k) schools[active[k]].secondary = parts[k];
    }

    // Grade × sex cells: two blocks (อ.1–ป.6 and ม.1–3), each split to match table 4 exactly.
    std::vector<EnrolmentRow> enrolment;
    std::map<std::string_view, std::vector<std::size_t>> rows_of_district;
    {
        std::vector<int> primary_rows, secondary_rows, primary_columns, secondary_columns;
        for (std::size_t i : active) {
            primary_rows.push_back(schools[i].students - schools[i].secondary);
            secondary_rows.push_back(schools[i].secondary);
        }
        for (int g = 0; g < kPrimaryGrades; ++g) {
            primary_columns.push_back(kGradeMale[g]);
            primary_columns.push_back(kGradeFemale[g]);
        }
        for (int g = kPrimaryGrades; g < static_cast<int>(std::size(kGradeMale)); ++g) {
            secondary_columns.push_back(kGradeMale[g]);
            secondary_columns.push_back(kGradeFemale[g]);
        }
        const auto primary = AllocateMatrix(primary_rows, primary_columns);
        const auto secondary = AllocateMatrix(secondary_rows, secondary_columns);
        for (std::size_t k = 0; k < active.size(); ++k) {
            const School& school = schools[active[k]].school;
            for (int g = 0; g < static_cast<int>(std::size(kGradeMale)); ++g) {
                const bool upper = g >= kPrimaryGrades;
                const auto& cells = upper ? secondary[k] : primary[k];
                const int column = upper ? 2 * (g - kPrimaryGrades) : 2 * g;
                const int male = cells[column], female = cells[column + 1];
                if (male + female == 0) continue;
                const int students = male + female;
                rows_of_district[school.district].push_back(enrolment.size());
                enrolment.push_back(
                    {school.code, kAllGrades[g], male, female, std::max(1, (students + 34) / 35)});
            }
        }
    }
    // Rooms per grade, adjusted per district to table 3: add rooms where classes are largest,
    // take them where they are smallest (down to a combined class, 0 rooms of its own).
    for (const DistrictFigures& district : kDistricts) {
        auto& rows = rows_of_district[district.name];
        auto rooms_now = [&] {
            long long sum = 0;
            for (std::size_t r : rows) sum += enrolment[r].rooms;
            return sum;
        };
        auto per_room = [&](std::size_t r, int extra) {
            const int students = enrolment[r].male + enrolment[r].female;
            return static_cast<double>(students) / std::max(1, enrolment[r].rooms + extra);
        };
        for (long long sum = rooms_now(); sum != district.rooms; sum = rooms_now()) {
            std::size_t best = rows.front();
            if (sum < district.rooms) {
                for (std::size_t r : rows) {
                    if (per_room(r, 1) > per_room(best, 1)) best = r;
                }
                ++enrolment[best].rooms;
            } else {
                double lowest = 1e18;
                for (std::size_t r : rows) {
                    if (enrolment[r].rooms == 0) continue;
                    const double load = per_room(r, -1) * (enrolment[r].rooms == 1 ? 4 : 1);
                    if (load < lowest) {
                        lowest = load;
                        best = r;
                    }
                }
                KHET_ASSERT(enrolment[best].rooms > 0, "demo: no room left to take");
                --enrolment[best].rooms;
            }
        }
    }

    // Staff: directors and deputies to the largest schools, the rest by each school's teachers.
    std::vector<StaffRow> staff;
    std::vector<std::size_t> by_size = active;
    std::stable_sort(by_size.begin(), by_size.end(), [&](std::size_t a, std::size_t b) {
        return schools[a].students > schools[b].students;
    });
    std::map<std::size_t, int> heads;  // school → directors and deputies
    for (const auto* group : {&kDirectors, &kDeputies}) {
        std::vector<const StaffFigures*> slots;  // one per person, (position, rank, sex)
        std::vector<bool> male;
        for (const StaffFigures& figures : *group) {
            for (int n = 0; n < figures.male + figures.female; ++n) {
                slots.push_back(&figures);
                male.push_back(n < figures.male);
            }
        }
        std::vector<std::size_t> order(slots.size());
        std::iota(order.begin(), order.end(), 0);
        random.Shuffle(order);
        for (std::size_t k = 0; k < order.size(); ++k) {
            const std::size_t school = by_size[k];
            const StaffFigures& figures = *slots[order[k]];
            const bool is_male = male[order[k]];
            staff.push_back({schools[school].school.code, figures.position,
                             std::string(figures.rank), std::string(figures.standing),
                             is_male ? 1 : 0, is_male ? 0 : 1});
            ++heads[school];
        }
    }
    {
        std::vector<int> capacity, columns;
        for (std::size_t i : active) capacity.push_back(schools[i].teachers - heads[i]);
        for (const StaffFigures& figures : kTeaching) {
            columns.push_back(figures.male);
            columns.push_back(figures.female);
        }
        const auto cells = AllocateMatrix(capacity, columns);
        for (std::size_t k = 0; k < active.size(); ++k) {
            for (std::size_t f = 0; f < std::size(kTeaching); ++f) {
                const int male = cells[k][2 * f], female = cells[k][2 * f + 1];
                if (male + female == 0) continue;
                staff.push_back({schools[active[k]].school.code, kTeaching[f].position,
                                 std::string(kTeaching[f].rank), std::string(kTeaching[f].standing),
                                 male, female});
            }
        }
    }
    // Merge the one-person rows of directors and deputies into counts per key.
    std::map<std::tuple<std::string, Position, std::string, std::string>, std::pair<int, int>>
        merged;
    for (const StaffRow& row : staff) {
        auto& cell = merged[{row.school_code, row.position, row.rank, row.standing}];
        cell.first += row.male;
        cell.second += row.female;
    }
    staff.clear();
    std::map<std::string, std::pair<int, int>> civil_by_school;
    for (const auto& [key, counts] : merged) {
        const auto& [code, position, rank, standing] = key;
        staff.push_back({code, position, rank, standing, counts.first, counts.second});
        if (IsCivilServant(position)) {
            civil_by_school[code].first += counts.first;
            civil_by_school[code].second += counts.second;
        }
    }

    // Degrees: each school's civil servants by sex, split to match table 7.
    std::vector<DegreeRow> degrees;
    for (const bool male : {true, false}) {
        std::vector<int> rows, columns;
        std::vector<std::string> codes;
        for (const auto& [code, counts] : civil_by_school) {
            codes.push_back(code);
            rows.push_back(male ? counts.first : counts.second);
        }
        for (std::size_t d = 0; d < kDegrees.size(); ++d) {
            columns.push_back(male ? kDegreeMale[d] : kDegreeFemale[d]);
        }
        const auto cells = AllocateMatrix(rows, columns);
        for (std::size_t k = 0; k < codes.size(); ++k) {
            for (std::size_t d = 0; d < kDegrees.size(); ++d) {
                if (cells[k][d] == 0) continue;
                auto found = std::find_if(degrees.begin(), degrees.end(), [&](const DegreeRow& r) {
                    return r.school_code == codes[k] && r.degree == kDegrees[d];
                });
                if (found == degrees.end()) {
                    degrees.push_back({codes[k], std::string(kDegrees[d]), 0, 0});
                    found = std::prev(degrees.end());
                }
                (male ? found->male : found->female) += cells[k][d];
            }
        }
    }

    // Schools of other affiliations: counted in table 1 only; names and codes are made up.
    std::vector<School> to_save;
    for (DemoSchool& demo : schools) to_save.push_back(demo.school);
    int serial = 0;
    for (const OtherSchools& other : kOtherSchools) {
        for (int n = 0; n < other.count; ++n) {
            School school;
            school.code = fmt::format("99{}{:04}", kOfficeCode, ++serial);
            school.office_code = std::string(kOfficeCode);
            school.name = fmt::format("{} {} แห่งที่ {} (ชื่อสมมุติ)",
                                      other.affiliation == "เอกชน"
                                          ? "โรงเรียนเอกชน"
                                          : "โรงเรียนสังกัด" + std::string(other.affiliation),
                                      other.district, n + 1);
            school.district = std::string(other.district);
            school.affiliation = std::string(other.affiliation);
            school.source = "generated";
            to_save.push_back(std::move(school));
        }
    }
    Office office{std::string(kOfficeCode), "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาฉะเชิงเทรา เขต 2",
                  "สพป.ฉะเชิงเทรา เขต 2", std::string(kDataNote)};
    AuditEntry audit = AuditOf(Actor::Console(), "demo.build", std::string(kOfficeCode));
    audit.entity = "office";
    audit.entity_id = std::string(kOfficeCode);
    audit.after = JsonObjectText()
                      .Add("schools", static_cast<long long>(to_save.size()))
                      .Add("round", round.Label())
                      .Text();
    if (auto saved = schools_.SaveSchools({office}, zones, to_save, audit); !saved) {
        return std::unexpected(saved.error());
    }
    std::vector<std::string> codes;
    for (const School& school : to_save) codes.push_back(school.code);
    if (auto saved = census_.ReplaceEnrolment(round, codes, enrolment, audit); !saved) {
        return std::unexpected(saved.error());
    }
    if (auto saved = census_.ReplaceStaff(round, codes, staff, audit); !saved) {
        return std::unexpected(saved.error());
    }
    if (auto saved = census_.ReplaceDegrees(round, codes, degrees, audit); !saved) {
        return std::unexpected(saved.error());
    }
    DemoSummary summary{std::string(kOfficeCode), round};
    summary.schools = static_cast<long long>(active.size());
    for (std::size_t i : active) {
        summary.students += schools[i].students;
        summary.teachers += schools[i].teachers;
    }
    return summary;
}

}  // namespace khet
