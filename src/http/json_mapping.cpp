#include "http/json_mapping.hpp"

#include <cmath>

#include "base/assert.hpp"
#include "domain/size_scheme.hpp"

namespace khet::http {
namespace {

const char* KindName(CellKind kind) {
    switch (kind) {
        case CellKind::kText:
            return "text";
        case CellKind::kInteger:
            return "integer";
        case CellKind::kDecimal:
            return "decimal";
        case CellKind::kPercent:
            return "percent";
        case CellKind::kRatio:
            return "ratio";
    }
    KHET_UNREACHABLE("CellKind outside the enum");
}

const char* RoleName(RowRole role) {
    switch (role) {
        case RowRole::kBody:
            return "body";
        case RowRole::kSubtotal:
            return "subtotal";
        case RowRole::kTotal:
            return "total";
    }
    KHET_UNREACHABLE("RowRole outside the enum");
}

}  // namespace

std::string DumpJson(const nlohmann::json& json) {
    return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Two decimals, as the tables show them, without binary noise (17.28, not 17.280000000000001).
// The nudge is FormatDecimal's: 691 / 40 = 17.275 is held as 17.27499…, and its text says 17.28.
nlohmann::json Rounded(double value) {
    return std::round(value * 100.0 + (value >= 0 ? 1e-7 : -1e-7)) / 100.0;
}

nlohmann::json Rounded(std::optional<double> value) {
    return value ? Rounded(*value) : nlohmann::json(nullptr);
}

nlohmann::json ToJson(const Table& table, const std::vector<std::string>& provenance) {
    nlohmann::json columns = nlohmann::json::array();
    for (const Column& column : table.columns) {
        columns.push_back(
            {{"key", column.key}, {"header", column.header}, {"kind", KindName(column.kind)}});
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const Row& row : table.rows) {
        nlohmann::json cells = nlohmann::json::array();
        for (const Cell& cell : row.cells) {
            cells.push_back(
                {{"text", cell.text},
                 {"value", cell.value ? (cell.kind == CellKind::kInteger
                                             ? nlohmann::json(static_cast<long long>(*cell.value))
                                             : Rounded(*cell.value))
                                      : nlohmann::json(nullptr)}});
        }
        rows.push_back({{"role", RoleName(row.role)}, {"cells", std::move(cells)}});
    }
    return {{"id", table.id},          {"caption", table.caption}, {"columns", std::move(columns)},
            {"rows", std::move(rows)}, {"notes", table.notes},     {"provenance", provenance}};
}

nlohmann::json ToJson(const SizeScheme& scheme) {
    nlohmann::json bands = nlohmann::json::array();
    for (const SizeBand& band : scheme.Bands()) {
        bands.push_back({{"label", band.label},
                         {"min", band.min_students},
                         {"max", band.max_students ? nlohmann::json(*band.max_students)
                                                   : nlohmann::json(nullptr)}});
    }
    return {{"code", scheme.Code()}, {"name", scheme.Name()}, {"bands", std::move(bands)}};
}

nlohmann::json ToJson(const SchoolSummary& summary) {
    const School& school = summary.school;
    return {{"code", school.code},
            {"smis_code", school.smis_code},
            {"name", school.name},
            {"district", school.district},
            {"zone_code", school.zone_code},
            {"zone_name", summary.zone_name},
            {"affiliation", school.affiliation},
            {"level_span", school.level_span},
            {"active", school.active},
            {"source", school.source},
            {"students", summary.students},
            {"male", summary.male},
            {"female", summary.female},
            {"rooms", summary.rooms},
            {"teachers", summary.teachers},
            {"size_group", summary.size_group}};
}

nlohmann::json ToJson(const SchoolDetail& detail) {
    nlohmann::json enrolment = nlohmann::json::array();
    for (const EnrolmentRow& row : detail.enrolment) {
        enrolment.push_back({{"grade", GradeCode(row.grade)},
                             {"grade_name", GradeName(row.grade)},
                             {"male", row.male},
                             {"female", row.female},
                             {"rooms", row.rooms}});
    }
    nlohmann::json staff = nlohmann::json::array();
    for (const StaffRow& row : detail.staff) {
        staff.push_back({{"position", PositionName(row.position)},
                         {"rank", row.rank},
                         {"standing", row.standing},
                         {"male", row.male},
                         {"female", row.female}});
    }
    nlohmann::json degrees = nlohmann::json::array();
    for (const DegreeRow& row : detail.degrees) {
        degrees.push_back({{"degree", row.degree}, {"male", row.male}, {"female", row.female}});
    }
    const auto& s = detail.summary;
    auto ratio = [](long long students, long long divisor) {
        return Rounded(StudentsPer(students, divisor));
    };
    return {{"school", ToJson(s)},
            {"round", detail.round.Label()},
            {"enrolment", std::move(enrolment)},
            {"staff", std::move(staff)},
            {"degrees", std::move(degrees)},
            {"teacher_ratio", ratio(s.students, s.teachers)},
            {"room_ratio", ratio(s.students, s.rooms)}};
}

nlohmann::json ToJson(const ValidationWarning& warning) {
    nlohmann::json figures = nlohmann::json::object();
    for (const Figure& figure : warning.figures) {
        figures[figure.key] = figure.numeric ? nlohmann::json(std::stoll(figure.value))
                                             : nlohmann::json(figure.value);
    }
    return {{"rule", warning.rule}, {"message", warning.message}, {"figures", std::move(figures)}};
}

nlohmann::json ToJson(const ImportSummary& summary) {
    return {{"kind", summary.kind},       {"source", summary.source}, {"format", summary.format},
            {"dry_run", summary.dry_run}, {"rows", summary.rows},     {"schools", summary.schools},
            {"notes", summary.notes}};
}

}  // namespace khet::http
