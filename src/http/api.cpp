#include "http/api.hpp"

#include <fmt/format.h>

#include <charconv>
#include <chrono>

#include "domain/statistics.hpp"
#include "http/error_mapping.hpp"
#include "http/gate.hpp"
#include "http/json_mapping.hpp"
#include "http/plan_api.hpp"
#include "reports/render.hpp"
#include "sheets/sheet.hpp"
#include "thai/collation.hpp"
#include "thai/thai_time.hpp"

namespace khet::http {
namespace {

Result<std::optional<CensusRound>> RoundParam(const Request& request) {
    const auto text = request.Query("round");
    if (!text || text->empty()) return std::optional<CensusRound>();
    auto round = CensusRound::Parse(*text);
    if (!round) {
        Error error = round.error();
        error.fields.push_back({"round", error.message, 0, "round"});
        return std::unexpected(error);
    }
    return std::optional<CensusRound>(*round);
}

Result<TableQuery> QueryOf(const Request& request, const PathParams& params) {
    auto round = RoundParam(request);
    if (!round) return std::unexpected(round.error());
    return TableQuery{params.at("office"), *round, request.Query("scheme").value_or("")};
}

// An ASCII file name, so every browser keeps it: table3-2402-2564-2.xlsx.
std::string DownloadName(std::string_view table, std::string_view office, std::string_view round,
                         reports::Format format) {
    std::string name =
        fmt::format("{}-{}-{}.{}", table, office, round, reports::FileExtension(format));
    for (char& c : name) {
        if (c == '/') c = '-';
    }
    return name;
}

Response StatisticsTable(const ApiServices& services, const Request& request,
                         const PathParams& params) {
    auto query = QueryOf(request, params);
    if (!query) return ErrorResponse(query.error());
    auto document =
        services.statistics.StatisticsDocument(request.actor, params.at("table"), *query);
    if (!document) return ErrorResponse(document.error());
    const auto format_name = request.Query("format").value_or("json");
    const Table& table = std::get<Table>(document->blocks.front());
    if (format_name == "json") return Json(ToJson(table, document->provenance));
    auto format = reports::ParseFormat(format_name);
    if (!format) return ErrorResponse(format.error());
    auto bytes = reports::Render(*document, *format);
    if (!bytes) return ErrorResponse(bytes.error());
    auto round = services.statistics.ResolveRound(request.actor, query->office_code, query->round);
    Response response{200, reports::ContentType(*format), std::move(*bytes), {}};
    response.headers.emplace_back("Content-Disposition",
                                  fmt::format("attachment; filename=\"{}\"",
                                              DownloadName(table.id, query->office_code,
                                                           round ? round->Label() : "", *format)));
    return response;
}

Response Office(const ApiServices& services, const Request& request, const PathParams& params) {
    auto requested = RoundParam(request);
    if (!requested) return ErrorResponse(requested.error());
    const std::string& code = params.at("office");
    auto overview = services.directory.Overview(request.actor, code);
    if (!overview) return ErrorResponse(overview.error());
    std::map<std::string, std::string> names;
    std::map<std::string, int> members;
    std::vector<std::string> districts;
    for (const School& school : overview->schools) {
        names[school.code] = school.name;
        if (!school.zone_code.empty()) ++members[school.zone_code];
        if (!school.district.empty() &&
            std::find(districts.begin(), districts.end(), school.district) == districts.end()) {
            districts.push_back(school.district);
        }
    }
    SortThai(districts);
    nlohmann::json zone_list = nlohmann::json::array();
    for (const QualityZone& zone : overview->zones) {
        zone_list.push_back(
            {{"code", zone.code},
             {"name", zone.name},
             {"district", zone.district},
             {"schools", members[zone.code]},
             {"centre_school",
              {{"code", zone.centre_school_code}, {"name", names[zone.centre_school_code]}}}});
    }
    const khet::Office& office = overview->office;
    nlohmann::json body{{"code", office.code},
                        {"name", office.name},
                        {"short_name", office.short_name},
                        {"data_note", office.data_note},
                        {"districts", districts},
                        {"zones", std::move(zone_list)},
                        {"rounds", nlohmann::json::array()},
                        {"summary", nullptr}};
    auto rounds = services.statistics.Rounds(request.actor, code);
    if (!rounds) return ErrorResponse(rounds.error());
    for (const CensusRound& round : *rounds) body["rounds"].push_back(round.Label());
    auto snapshot = services.statistics.Snapshot(request.actor, code, *requested);
    if (!snapshot && snapshot.error().code != ErrorCode::kNotFound) {
        return ErrorResponse(snapshot.error());
    }
    if (snapshot) {
        long long students = 0, rooms = 0, teachers = 0, counted = 0;
        for (const auto& [school, totals] : TotalsBySchool(*snapshot)) {
            students += totals.students;
            rooms += totals.rooms;
            teachers += totals.teachers;
            counted += totals.reported ? 1 : 0;
        }
        auto ratio = [](long long a, long long b) { return Rounded(StudentsPer(a, b)); };
        body["summary"] = {{"round", snapshot->round.Label()},
                           {"round_description", snapshot->round.Description()},
                           {"schools", counted},
                           {"students", students},
                           {"rooms", rooms},
                           {"teachers", teachers},
                           {"teacher_ratio", ratio(students, teachers)},
                           {"room_ratio", ratio(students, rooms)}};
    }
    return Json(body);
}

Response Import(const ApiServices& services, const Request& request, const PathParams& params) {
    auto round = RoundParam(request);
    if (!round) return ErrorResponse(round.error());
    const std::string filename = request.Query("filename").value_or("upload.csv");
    // Reading and checking stop when the client goes, and after two minutes in any case: a
    // national census takes seconds.
    const Deadline deadline = Deadline::In(std::chrono::minutes(2), request.stop);
    auto sheet = sheets::ReadSheet(request.body, filename, {.deadline = deadline});
    if (!sheet) return ErrorResponse(sheet.error());
    // A typo must not turn a check into a write: dry_run=1 or yes is refused, not imported.
    const std::string dry_run = request.Query("dry_run").value_or("false");
    if (dry_run != "true" && dry_run != "false") {
        const std::string message = fmt::format(
            "dry_run ต้องเป็น true (ตรวจอย่างเดียว) หรือ false (นำเข้า) แต่ได้ \"{}\"", dry_run);
        return ErrorResponse(
            Error{ErrorCode::kInvalidArgument, message, {{"dry_run", message, 0, "dry_run"}}});
    }
    ImportOptions options;
    options.actor = request.actor;
    options.dry_run = dry_run == "true";
    options.office_code = params.at("office");
    options.school_code = request.Query("school").value_or("");
    options.round = *round;
    options.deadline = deadline;
    auto summary = services.imports.Import(params.at("kind"), *sheet, options);
    if (!summary) return ErrorResponse(summary.error());
    return Json(ToJson(*summary));
}

nlohmann::json SessionJson(const ApiServices& services, const Actor& actor,
                           const Session& session) {
    const User& user = session.user;
    nlohmann::json offices = nlohmann::json::array();
    nlohmann::json schools = nlohmann::json::array();
    bool system_admin = false;
    if (!user.must_change_password) {
        system_admin = IsSystemAdmin(actor);
        if (auto listed = services.directory.Offices(actor)) {
            for (const khet::Office& office : *listed) {
                nlohmann::json permissions = nlohmann::json::array();
                for (Permission permission : OfficePermissions(actor, office.code)) {
                    permissions.push_back(PermissionName(permission));
                }
                offices.push_back({{"code", office.code},
                                   {"name", office.name},
                                   {"short_name", office.short_name},
                                   {"permissions", std::move(permissions)}});
            }
        }
        for (const Grant& grant : user.grants) {
            if (grant.role != Role::kSchoolOfficer) continue;
            auto school = services.directory.FindSchool(actor, grant.school_code);
            if (!school) continue;
            nlohmann::json permissions = nlohmann::json::array();
            for (Permission permission :
                 SchoolPermissions(actor, Scope{school->office_code, school->code})) {
                permissions.push_back(PermissionName(permission));
            }
            schools.push_back({{"code", school->code},
                               {"name", school->name},
                               {"office", school->office_code},
                               {"permissions", std::move(permissions)}});
        }
    }
    const auto thai_time = [](std::int64_t seconds) {
        return ThaiIsoFromUtc(
            UtcIso(std::chrono::system_clock::time_point(std::chrono::seconds(seconds))));
    };
    return {{"user", ToJson(user)},
            {"csrf_token", session.csrf_token},
            {"expires_at", thai_time(session.expires_at)},
            {"idle_expires_at", thai_time(session.idle_expires_at)},
            {"idle_minutes", services.sessions.Policy().idle_seconds / 60},
            {"system_admin", system_admin},
            {"offices", std::move(offices)},
            {"schools", std::move(schools)}};
}

Response GetSession(const ApiServices& services, const Request& request) {
    const auto token = CookieValue(request, kSessionCookie);
    if (!token || request.actor.user() == nullptr) {
        return ErrorResponse(Error{ErrorCode::kUnauthenticated, "ยังไม่ได้เข้าสู่ระบบ", {}});
    }
    auto session = services.sessions.Resume(*token);
    if (!session) return ErrorResponse(session.error());
    return Json(SessionJson(services, request.actor, *session));
}

std::string_view UserAgent(const Request& request) {
    const auto agent = request.headers.find("user-agent");
    return agent == request.headers.end() ? std::string_view() : std::string_view(agent->second);
}

Response SignIn(const ApiServices& services, const Request& request) {
    auto body = JsonBody::Parse(request.body, 8 * 1024);
    if (!body) return ErrorResponse(body.error());
    const std::string login = body->String("login", true, 100);
    const std::string password = body->Password("password", 1000);
    if (auto valid = body->Finish(); !valid) return ErrorResponse(valid.error());
    auto signed_in =
        services.sessions.SignIn(login, password, request.remote_address, UserAgent(request));
    if (!signed_in) return ErrorResponse(signed_in.error());
    const Actor actor = Actor::SignedIn(signed_in->session.user, request.remote_address);
    Response response = Json(SessionJson(services, actor, signed_in->session));
    response.headers.emplace_back("Set-Cookie", SessionCookie(signed_in->token, request.secure));
    return response;
}

Response SignOut(const ApiServices& services, const Request& request) {
    if (const auto token = CookieValue(request, kSessionCookie)) {
        if (auto ended = services.sessions.SignOut(*token); !ended) {
            return ErrorResponse(ended.error());
        }
    }
    Response response{204, "application/json; charset=utf-8", "", {}};
    response.headers.emplace_back("Set-Cookie", ClearedSessionCookie(request.secure));
    return response;
}

Response ChangePassword(const ApiServices& services, const Request& request) {
    auto body = JsonBody::Parse(request.body, 8 * 1024);
    if (!body) return ErrorResponse(body.error());
    const std::string current = body->Password("current_password", 1000);
    const std::string wanted = body->Password("new_password", 1000);
    if (auto valid = body->Finish(); !valid) return ErrorResponse(valid.error());
    auto renewed = services.sessions.ChangePassword(request.actor, current, wanted,
                                                    request.remote_address, UserAgent(request));
    if (!renewed) return ErrorResponse(renewed.error());
    Response response =
        Json(SessionJson(services, Actor::SignedIn(renewed->session.user, request.remote_address),
                         renewed->session));
    response.headers.emplace_back("Set-Cookie", SessionCookie(renewed->token, request.secure));
    return response;
}

Response UpdateSchool(const ApiServices& services, const Request& request,
                      const PathParams& params) {
    auto body = JsonBody::Parse(request.body);
    if (!body) return ErrorResponse(body.error());
    School edited;
    edited.code = params.at("school");
    const long long version = body->Integer("version", true);
    edited.name = body->String("name", true, 200);
    edited.district = body->String("district", true, 100);
    edited.zone_code = body->String("zone_code", false, 40);
    edited.level_span = body->String("level_span", false, 100);
    edited.active = body->Boolean("active", false, true);
    if (auto valid = body->Finish(); !valid) return ErrorResponse(valid.error());
    auto saved = services.directory.UpdateSchool(request.actor, edited, version);
    if (saved) return Json({{"school", SchoolJson(*saved)}});
    Response response = ErrorResponse(saved.error());
    if (saved.error().code == ErrorCode::kConflict) {
        // Their version, so the person can compare it with what they typed.
        if (auto current = services.directory.FindSchool(request.actor, edited.code)) {
            auto error_body = nlohmann::json::parse(response.body);
            error_body["error"]["current"] = SchoolJson(*current);
            response.body = DumpJson(error_body);
        }
    }
    return response;
}

Response SchoolPage(const ApiServices& services, const Request& request, const PathParams& params) {
    auto round = RoundParam(request);
    if (!round) return ErrorResponse(round.error());
    auto detail = services.statistics.SchoolPage(request.actor, params.at("school"), *round,
                                                 request.Query("scheme").value_or(""));
    if (!detail) return ErrorResponse(detail.error());
    nlohmann::json body = ToJson(*detail);
    body["zones"] = nlohmann::json::array();
    if (auto zones = services.directory.ZonesOfSchool(request.actor, detail->summary.school)) {
        for (const QualityZone& zone : *zones) {
            body["zones"].push_back({{"code", zone.code}, {"name", zone.name}});
        }
    }
    return Json(body);
}

Response AddUser(const ApiServices& services, const Request& request) {
    auto body = JsonBody::Parse(request.body, 8 * 1024);
    if (!body) return ErrorResponse(body.error());
    const std::string login = body->String("login", true, 64);
    const std::string name = body->String("display_name", true, kMaxDisplayName);
    const std::string role_name = body->String("role", true, 40);
    Grant grant;
    grant.office_code = body->String("office", false, 10);
    grant.school_code = body->String("school", false, 10);
    grant.group = body->String("group", false, 100);
    if (auto valid = body->Finish(); !valid) return ErrorResponse(valid.error());
    auto role = ParseRole(role_name);
    if (!role) {
        return ErrorResponse(Error{ErrorCode::kInvalidArgument,
                                   role.error().message,
                                   {FieldError{"role", role.error().message, 0, ""}}});
    }
    grant.role = *role;
    auto account = services.accounts.AddUser(request.actor, login, name, grant, std::nullopt);
    if (!account) return ErrorResponse(account.error());
    return Json(
        {{"user", ToJson(account->user)}, {"one_time_password", account->one_time_password}}, 201);
}

Response ResetPassword(const ApiServices& services, const Request& request,
                       const PathParams& params) {
    long long id = 0;
    const std::string& text = params.at("id");
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return ErrorResponse(NotFound(fmt::format("ไม่มีผู้ใช้รหัส {}", text)).error());
    }
    if (!request.body.empty()) {
        auto body = JsonBody::Parse(request.body, 1024);
        if (!body) return ErrorResponse(body.error());
        if (auto valid = body->Finish(); !valid) return ErrorResponse(valid.error());
    }
    auto account = services.accounts.ResetPassword(request.actor, id);
    if (!account) return ErrorResponse(account.error());
    return Json(
        {{"user", ToJson(account->user)}, {"one_time_password", account->one_time_password}});
}

Response Audit(const ApiServices& services, const Request& request, const PathParams& params) {
    AuditFilter filter;
    filter.office_code = params.at("office");
    filter.user_login = request.Query("user").value_or("");
    filter.action = request.Query("action").value_or("");
    filter.entity = request.Query("entity").value_or("");
    filter.entity_id = request.Query("entity_id").value_or("");
    filter.from_date = request.Query("from").value_or("");
    filter.to_date = request.Query("to").value_or("");
    if (const auto limit = request.Query("limit")) {
        const auto [end, ec] =
            std::from_chars(limit->data(), limit->data() + limit->size(), filter.limit);
        if (ec != std::errc() || end != limit->data() + limit->size()) filter.limit = -1;
    }
    const std::string format_name = request.Query("format").value_or("json");
    if (format_name == "json") {
        auto page = services.audit.Entries(request.actor, filter);
        if (!page) return ErrorResponse(page.error());
        nlohmann::json list = nlohmann::json::array();
        for (const AuditEntry& entry : page->entries) list.push_back(ToJson(entry));
        return Json({{"entries", std::move(list)}, {"truncated", page->truncated}});
    }
    auto format = reports::ParseFormat(format_name);
    if (!format) return ErrorResponse(format.error());
    auto document = services.audit.EntriesDocument(request.actor, filter);
    if (!document) return ErrorResponse(document.error());
    auto bytes = reports::Render(*document, *format);
    if (!bytes) return ErrorResponse(bytes.error());
    Response response{200, reports::ContentType(*format), std::move(*bytes), {}};
    response.headers.emplace_back("Content-Disposition",
                                  fmt::format("attachment; filename=\"audit-{}.{}\"",
                                              filter.office_code, reports::FileExtension(*format)));
    return response;
}

nlohmann::json RoleScope(Role role) {
    switch (role) {
        case Role::kSystemAdmin:
            return "none";
        case Role::kSchoolOfficer:
            return "school";
        case Role::kGroupStaff:
            return "group";
        default:
            return "office";
    }
}

}  // namespace

void RegisterApi(Router& router, ServicesProvider provider) {
    // Each route: method, pattern, what it calls, and what it takes before its body is read;
    // see docs/api/openapi.yaml.
    const AddApiRoute add = [&](std::string method, std::string pattern, ApiHandler handle,
                                ApiLimits limits) {
        RouteLimits route{limits.max_body, {}};
        if (limits.admit) {
            route.admit = [provider, admit = std::move(limits.admit)](const Request& request,
                                                                      const PathParams& params) {
                return admit(provider(), request, params);
            };
        }
        router.Add(
            std::move(method), std::move(pattern),
            [provider, handle](const Request& request, const PathParams& params) {
                return handle(provider(), request, params);
            },
            std::move(route));
    };
    constexpr std::size_t kSmallBody = 8 * 1024;  // sign-in, passwords, a new user
    const ApiLimits users{
        kSmallBody, [](const ApiServices& services, const Request& request, const PathParams&) {
            return services.accounts.MayManageUsers(request.actor);
        }};
    const ApiLimits imports{
        sheets::kMaxFileBytes,
        [](const ApiServices& services, const Request& request, const PathParams& params) {
            return services.imports.MayImport(request.actor, params.at("office"));
        }};
    const ApiLimits school_edit{
        kMaxJsonBody,
        [](const ApiServices& services, const Request& request, const PathParams& params) {
            return services.directory.MayEditSchool(request.actor, params.at("school"));
        }};
    add("GET", "/api/v1/session",
        [](const ApiServices& services, const Request& request, const PathParams&) {
            return GetSession(services, request);
        },
        {});
    add("POST", "/api/v1/session",
        [](const ApiServices& services, const Request& request, const PathParams&) {
            return SignIn(services, request);
        },
        {kSmallBody, {}});
    add("DELETE", "/api/v1/session",
        [](const ApiServices& services, const Request& request, const PathParams&) {
            return SignOut(services, request);
        },
        {});
    add("POST", "/api/v1/session/password",
        [](const ApiServices& services, const Request& request, const PathParams&) {
            return ChangePassword(services, request);
        },
        {kSmallBody, {}});
    add("GET", "/api/v1/roles",
        [](const ApiServices&, const Request& request, const PathParams&) {
            if (auto signed_in = RequireSignedIn(request.actor); !signed_in) {
                return ErrorResponse(signed_in.error());
            }
            nlohmann::json list = nlohmann::json::array();
            for (Role role : kAllRoles) {
                list.push_back({{"name", RoleName(role)},
                                {"label", RoleLabel(role)},
                                {"scope", RoleScope(role)}});
            }
            return Json({{"roles", std::move(list)}});
        },
        {});
    add("GET", "/api/v1/users",
        [](const ApiServices& services, const Request& request, const PathParams&) {
            auto users =
                services.accounts.Users(request.actor, request.Query("office").value_or(""));
            if (!users) return ErrorResponse(users.error());
            nlohmann::json list = nlohmann::json::array();
            for (const User& user : *users) list.push_back(ToJson(user));
            return Json({{"users", std::move(list)}});
        },
        {});
    add(
        "POST", "/api/v1/users",
        [](const ApiServices& services, const Request& request, const PathParams&) {
            return AddUser(services, request);
        },
        users);
    add("POST", "/api/v1/users/{id}/password-reset", ResetPassword, users);
    add("GET", "/api/v1/offices",
        [](const ApiServices& services, const Request& request, const PathParams&) {
            auto offices = services.directory.Offices(request.actor);
            if (!offices) return ErrorResponse(offices.error());
            nlohmann::json list = nlohmann::json::array();
            for (const khet::Office& office : *offices) {
                list.push_back({{"code", office.code},
                                {"name", office.name},
                                {"short_name", office.short_name}});
            }
            return Json({{"offices", std::move(list)}});
        },
        {});
    add("GET", "/api/v1/offices/{office}", Office, {});
    add("GET", "/api/v1/size-schemes",
        [](const ApiServices& services, const Request& request, const PathParams&) {
            auto schemes = services.directory.SizeSchemes(request.actor);
            if (!schemes) return ErrorResponse(schemes.error());
            nlohmann::json list = nlohmann::json::array();
            for (const SizeScheme& scheme : *schemes) list.push_back(ToJson(scheme));
            return Json({{"schemes", std::move(list)}});
        },
        {});
    add("GET", "/api/v1/offices/{office}/schools",
        [](const ApiServices& services, const Request& request, const PathParams& params) {
            auto query = QueryOf(request, params);
            if (!query) return ErrorResponse(query.error());
            auto schools = services.statistics.SchoolSummaries(request.actor, *query);
            if (!schools) return ErrorResponse(schools.error());
            nlohmann::json list = nlohmann::json::array();
            for (const SchoolSummary& school : *schools) list.push_back(ToJson(school));
            return Json({{"schools", std::move(list)}});
        },
        {});
    add("GET", "/api/v1/schools/{school}", SchoolPage, {});
    add("PUT", "/api/v1/schools/{school}", UpdateSchool, school_edit);
    add("GET", "/api/v1/offices/{office}/statistics/{table}", StatisticsTable, {});
    add("GET", "/api/v1/offices/{office}/validation",
        [](const ApiServices& services, const Request& request, const PathParams& params) {
            auto round = RoundParam(request);
            if (!round) return ErrorResponse(round.error());
            auto warnings =
                services.statistics.Validate(request.actor, params.at("office"), *round);
            if (!warnings) return ErrorResponse(warnings.error());
            nlohmann::json list = nlohmann::json::array();
            for (const ValidationWarning& warning : *warnings) list.push_back(ToJson(warning));
            return Json({{"warnings", std::move(list)}});
        },
        {});
    add("POST", "/api/v1/offices/{office}/imports/{kind}", Import, imports);
    add("GET", "/api/v1/offices/{office}/audit", Audit, {});
    RegisterPlanApi(add);
}

}  // namespace khet::http
