#include "http/api.hpp"

#include <fmt/format.h>

#include "domain/statistics.hpp"
#include "http/error_mapping.hpp"
#include "http/json_mapping.hpp"
#include "reports/render.hpp"
#include "sheets/sheet.hpp"
#include "thai/collation.hpp"

namespace khet::http {
namespace {

Response Json(const nlohmann::json& body) {
    return Response{200, "application/json; charset=utf-8", DumpJson(body), {}};
}

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
    auto document = services.statistics.StatisticsDocument(params.at("table"), *query);
    if (!document) return ErrorResponse(document.error());
    const auto format_name = request.Query("format").value_or("json");
    const Table& table = std::get<Table>(document->blocks.front());
    if (format_name == "json") return Json(ToJson(table, document->provenance));
    auto format = reports::ParseFormat(format_name);
    if (!format) return ErrorResponse(format.error());
    auto bytes = reports::Render(*document, *format);
    if (!bytes) return ErrorResponse(bytes.error());
    auto round = services.statistics.ResolveRound(query->office_code, query->round);
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
    auto office = services.schools.FindOffice(code);
    if (!office) return ErrorResponse(office.error());
    auto zones = services.schools.Zones(code);
    if (!zones) return ErrorResponse(zones.error());
    auto schools = services.schools.Schools(code);
    if (!schools) return ErrorResponse(schools.error());
    std::map<std::string, std::string> names;
    std::map<std::string, int> members;
    std::vector<std::string> districts;
    for (const School& school : *schools) {
        names[school.code] = school.name;
        if (!school.zone_code.empty()) ++members[school.zone_code];
        if (!school.district.empty() &&
            std::find(districts.begin(), districts.end(), school.district) == districts.end()) {
            districts.push_back(school.district);
        }
    }
    SortThai(districts);
    nlohmann::json zone_list = nlohmann::json::array();
    for (const QualityZone& zone : *zones) {
        zone_list.push_back(
            {{"code", zone.code},
             {"name", zone.name},
             {"district", zone.district},
             {"schools", members[zone.code]},
             {"centre_school",
              {{"code", zone.centre_school_code}, {"name", names[zone.centre_school_code]}}}});
    }
    nlohmann::json body{{"code", office->code},
                        {"name", office->name},
                        {"short_name", office->short_name},
                        {"data_note", office->data_note},
                        {"districts", districts},
                        {"zones", std::move(zone_list)},
                        {"rounds", nlohmann::json::array()},
                        {"summary", nullptr}};
    auto rounds = services.statistics.Rounds(code);
    if (!rounds) return ErrorResponse(rounds.error());
    for (const CensusRound& round : *rounds) body["rounds"].push_back(round.Label());
    auto snapshot = services.statistics.Snapshot(code, *requested);
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
    auto sheet = sheets::ReadSheet(request.body, filename);
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
    options.dry_run = dry_run == "true";
    options.office_code = params.at("office");
    options.school_code = request.Query("school").value_or("");
    options.round = *round;
    if (auto office = services.schools.FindOffice(options.office_code); !office) {
        return ErrorResponse(office.error());
    }
    auto summary = services.imports.Import(params.at("kind"), *sheet, options);
    if (!summary) return ErrorResponse(summary.error());
    return Json(ToJson(*summary));
}

}  // namespace

void RegisterApi(Router& router, ServicesProvider provider) {
    router.Add("GET", "/api/v1/offices", [provider](const Request&, const PathParams&) {
        auto offices = provider().schools.Offices();
        if (!offices) return ErrorResponse(offices.error());
        nlohmann::json list = nlohmann::json::array();
        for (const khet::Office& office : *offices) {
            list.push_back(
                {{"code", office.code}, {"name", office.name}, {"short_name", office.short_name}});
        }
        return Json({{"offices", std::move(list)}});
    });
    router.Add("GET", "/api/v1/offices/{office}",
               [provider](const Request& request, const PathParams& params) {
                   return Office(provider(), request, params);
               });
    router.Add("GET", "/api/v1/size-schemes", [provider](const Request&, const PathParams&) {
        auto schemes = provider().schemes.SizeSchemes();
        if (!schemes) return ErrorResponse(schemes.error());
        nlohmann::json list = nlohmann::json::array();
        for (const SizeScheme& scheme : *schemes) list.push_back(ToJson(scheme));
        return Json({{"schemes", std::move(list)}});
    });
    router.Add("GET", "/api/v1/offices/{office}/schools",
               [provider](const Request& request, const PathParams& params) {
                   auto query = QueryOf(request, params);
                   if (!query) return ErrorResponse(query.error());
                   auto schools = provider().statistics.SchoolSummaries(*query);
                   if (!schools) return ErrorResponse(schools.error());
                   nlohmann::json list = nlohmann::json::array();
                   for (const SchoolSummary& school : *schools) list.push_back(ToJson(school));
                   return Json({{"schools", std::move(list)}});
               });
    router.Add("GET", "/api/v1/schools/{school}",
               [provider](const Request& request, const PathParams& params) {
                   auto round = RoundParam(request);
                   if (!round) return ErrorResponse(round.error());
                   auto detail = provider().statistics.SchoolPage(
                       params.at("school"), *round, request.Query("scheme").value_or(""));
                   if (!detail) return ErrorResponse(detail.error());
                   return Json(ToJson(*detail));
               });
    router.Add("GET", "/api/v1/offices/{office}/statistics/{table}",
               [provider](const Request& request, const PathParams& params) {
                   return StatisticsTable(provider(), request, params);
               });
    router.Add("GET", "/api/v1/offices/{office}/validation",
               [provider](const Request& request, const PathParams& params) {
                   auto round = RoundParam(request);
                   if (!round) return ErrorResponse(round.error());
                   auto warnings = provider().statistics.Validate(params.at("office"), *round);
                   if (!warnings) return ErrorResponse(warnings.error());
                   nlohmann::json list = nlohmann::json::array();
                   for (const ValidationWarning& warning : *warnings) {
                       list.push_back(ToJson(warning));
                   }
                   return Json({{"warnings", std::move(list)}});
               });
    router.Add("POST", "/api/v1/offices/{office}/imports/{kind}",
               [provider](const Request& request, const PathParams& params) {
                   return Import(provider(), request, params);
               });
}

}  // namespace khet::http
