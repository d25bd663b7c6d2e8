#include "http/json_mapping.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "base/assert.hpp"
#include "base/text.hpp"
#include "domain/size_scheme.hpp"
#include "thai/thai_time.hpp"

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
Response Json(const nlohmann::json& body, int status) {
    return Response{status, "application/json; charset=utf-8", DumpJson(body), {}};
}

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
    nlohmann::json json = SchoolJson(summary.school);
    json["zone_name"] = summary.zone_name;
    json["students"] = summary.students;
    json["male"] = summary.male;
    json["female"] = summary.female;
    json["rooms"] = summary.rooms;
    json["teachers"] = summary.teachers;
    json["size_group"] = summary.size_group;
    return json;
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

nlohmann::json SchoolJson(const School& school) {
    return {{"code", school.code},
            {"smis_code", school.smis_code},
            {"office_code", school.office_code},
            {"name", school.name},
            {"district", school.district},
            {"zone_code", school.zone_code},
            {"affiliation", school.affiliation},
            {"level_span", school.level_span},
            {"active", school.active},
            {"source", school.source},
            {"version", school.version},
            {"updated_at", ThaiIsoFromUtc(school.updated_at)},
            {"updated_by", school.updated_by}};
}

nlohmann::json ToJson(const User& user) {
    nlohmann::json grants = nlohmann::json::array();
    for (const Grant& grant : user.grants) {
        grants.push_back({{"role", RoleName(grant.role)},
                          {"role_label", RoleLabel(grant.role)},
                          {"office", grant.office_code},
                          {"school", grant.school_code},
                          {"group", grant.group}});
    }
    return {{"id", user.id},
            {"login", user.login},
            {"display_name", user.display_name},
            {"must_change_password", user.must_change_password},
            {"demo", user.demo},
            {"version", user.version},
            {"grants", std::move(grants)}};
}

nlohmann::json ToJson(const AuditEntry& entry) {
    // Values are JSON object text written by the services; anything else is shown as text.
    const auto value = [](const std::string& text) -> nlohmann::json {
        if (text.empty()) return nullptr;
        auto parsed = nlohmann::json::parse(text, nullptr, false);
        return parsed.is_discarded() ? nlohmann::json(text) : parsed;
    };
    return {{"generation", entry.generation}, {"seq", entry.seq},
            {"at", ThaiIsoFromUtc(entry.at)}, {"user_id", entry.user_id},
            {"user_login", entry.user_login}, {"user_name", entry.user_name},
            {"address", entry.address},       {"office", entry.office_code},
            {"action", entry.action},         {"action_label", AuditActionLabel(entry.action)},
            {"entity", entry.entity},         {"entity_id", entry.entity_id},
            {"before", value(entry.before)},  {"after", value(entry.after)}};
}

namespace {

// Every body of the API is an object of values and lists of values; a reply that echoes one
// recurses once a level, so a body of nested lists is refused before it is parsed.
constexpr int kMaxJsonDepth = 16;

int NestingDepth(std::string_view text) {
    int depth = 0;
    int deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

}  // namespace

Result<JsonBody> JsonBody::Parse(std::string_view text, std::size_t max_bytes) {
    const auto refuse = [](std::string message) {
        return InvalidArgument(message, {FieldError{"body", message, 0, ""}});
    };
    if (text.size() > max_bytes) {
        return refuse(fmt::format("ข้อมูลที่ส่งมายาวเกิน {} ไบต์", max_bytes));
    }
    if (NestingDepth(text) > kMaxJsonDepth) {
        return refuse(fmt::format("ข้อมูลที่ส่งมาซ้อนกันลึกเกิน {} ชั้น", kMaxJsonDepth));
    }
    auto parsed = nlohmann::json::parse(text, nullptr, false);
    if (parsed.is_discarded()) return refuse("ข้อมูลที่ส่งมาไม่ใช่ JSON ที่ถูกต้อง");
    if (!parsed.is_object()) return refuse("ข้อมูลที่ส่งมาต้องเป็นออบเจกต์ JSON {…}");
    return JsonBody(std::move(parsed));
}

const nlohmann::json* JsonBody::Find(const std::string& name, bool required) {
    read_.push_back(name);
    const auto found = object_.find(name);
    if (found == object_.end() || found->is_null()) {
        if (required) errors_.push_back({name, fmt::format("ต้องระบุ {}", name), 0, ""});
        return nullptr;
    }
    return &*found;
}

std::string JsonBody::String(const std::string& name, bool required, std::size_t max_chars,
                             TextShape shape) {
    const nlohmann::json* value = Find(name, required);
    if (value == nullptr) return "";
    if (!value->is_string()) {
        errors_.push_back({name, fmt::format("{} ต้องเป็นข้อความ", name), 0, ""});
        return "";
    }
    auto text = CleanText(value->get_ref<const std::string&>(), shape);
    if (!text) {
        errors_.push_back({name, fmt::format("{}: {}", name, text.error().message), 0, ""});
        return "";
    }
    if (CodePoints(*text) > max_chars) {
        errors_.push_back({name, fmt::format("{} ยาวเกิน {} ตัวอักษร", name, max_chars), 0, ""});
        return "";
    }
    if (required && text->empty()) {
        errors_.push_back({name, fmt::format("ต้องระบุ {}", name), 0, ""});
    }
    return std::move(*text);
}

std::string JsonBody::Password(const std::string& name, std::size_t max_chars) {
    const nlohmann::json* value = Find(name, true);
    if (value == nullptr) return "";
    if (!value->is_string() || value->get_ref<const std::string&>().empty()) {
        errors_.push_back({name, fmt::format("ต้องระบุ {}", name), 0, ""});
        return "";
    }
    std::string text = value->get<std::string>();
    if (CodePoints(text) > max_chars) {
        errors_.push_back({name, fmt::format("{} ยาวเกิน {} ตัวอักษร", name, max_chars), 0, ""});
        return "";
    }
    return text;
}

long long JsonBody::Integer(const std::string& name, bool required) {
    const nlohmann::json* value = Find(name, required);
    if (value == nullptr) return 0;
    if (!value->is_number_integer()) {
        errors_.push_back({name, fmt::format("{} ต้องเป็นจำนวนเต็ม", name), 0, ""});
        return 0;
    }
    return value->get<long long>();
}

bool JsonBody::Boolean(const std::string& name, bool required, bool fallback) {
    const nlohmann::json* value = Find(name, required);
    if (value == nullptr) return fallback;
    if (!value->is_boolean()) {
        errors_.push_back({name, fmt::format("{} ต้องเป็น true หรือ false", name), 0, ""});
        return fallback;
    }
    return value->get<bool>();
}

std::vector<std::string> JsonBody::Strings(const std::string& name, bool required,
                                           std::size_t max_items, std::size_t max_chars) {
    const nlohmann::json* value = Find(name, required);
    if (value == nullptr) return {};
    const auto fail = [&](std::string message) {
        errors_.push_back({name, std::move(message), 0, ""});
        return std::vector<std::string>();
    };
    if (!value->is_array()) return fail(fmt::format("{} ต้องเป็นรายการข้อความ [\"…\"]", name));
    if (value->size() > max_items)
        return fail(fmt::format("{} มีได้ไม่เกิน {} รายการ", name, max_items));
    std::vector<std::string> texts;
    for (const nlohmann::json& item : *value) {
        if (!item.is_string()) return fail(fmt::format("{} ต้องเป็นรายการข้อความ [\"…\"]", name));
        auto text = CleanText(item.get_ref<const std::string&>());
        if (!text) return fail(fmt::format("{}: {}", name, text.error().message));
        if (CodePoints(*text) > max_chars) {
            return fail(fmt::format("{} มีข้อความยาวเกิน {} ตัวอักษร", name, max_chars));
        }
        if (text->empty()) return fail(fmt::format("{} มีข้อความว่าง", name));
        texts.push_back(std::move(*text));
    }
    return texts;
}

Status JsonBody::Finish() {
    for (const auto& [name, _] : object_.items()) {
        if (std::find(read_.begin(), read_.end(), name) == read_.end()) {
            errors_.push_back({name, fmt::format("ไม่รู้จักช่อง {}", name), 0, ""});
        }
    }
    if (errors_.empty()) return {};
    std::string message = "ข้อมูลที่ส่งมาไม่ถูกต้อง: " + errors_.front().message;
    return InvalidArgument(std::move(message), std::move(errors_));
}

nlohmann::json ToJson(const ImportSummary& summary) {
    return {{"kind", summary.kind},       {"source", summary.source}, {"format", summary.format},
            {"dry_run", summary.dry_run}, {"rows", summary.rows},     {"schools", summary.schools},
            {"notes", summary.notes}};
}

}  // namespace khet::http
