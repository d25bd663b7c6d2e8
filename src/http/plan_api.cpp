#include "http/plan_api.hpp"

#include <fmt/format.h>

#include <charconv>

#include "http/error_mapping.hpp"
#include "http/json_mapping.hpp"
#include "reports/render.hpp"
#include "services/plan_file.hpp"

namespace khet::http {
namespace {

Result<int> YearOf(std::string_view text, const std::string& field) {
    int year = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (ec != std::errc() || end != text.data() + text.size() || !IsBuddhistEraYear(year)) {
        const std::string message =
            fmt::format("{} ต้องเป็นปีงบประมาณ พ.ศ. เช่น 2567 แต่ได้ \"{}\"", field, text);
        return InvalidArgument(message, {FieldError{field, message, 0, field}});
    }
    return year;
}

Result<int> PlanYear(const PathParams& params) { return YearOf(params.at("year"), "year"); }

// true or false only: a typo must not turn a check into a write.
Result<bool> Flag(const Request& request, const std::string& name) {
    const std::string text = request.Query(name).value_or("false");
    if (text == "true") return true;
    if (text == "false") return false;
    const std::string message = fmt::format("{} ต้องเป็น true หรือ false แต่ได้ \"{}\"", name, text);
    return InvalidArgument(message, {FieldError{name, message, 0, name}});
}

nlohmann::json SummaryJson(const PlanSummary& plan) {
    return {{"office_code", plan.office_code},
            {"fiscal_year", plan.fiscal_year},
            {"title", plan.title},
            {"status", PlanStatusName(plan.status)},
            {"status_label", PlanStatusLabel(plan.status)},
            {"version", plan.version},
            {"updated_at", plan.updated_at},
            {"updated_by", plan.updated_by}};
}

nlohmann::json ItemRef(const PlanItem* item) {
    if (item == nullptr) return nullptr;
    return {{"key", item->key}, {"number", item->number}, {"text", item->text}};
}

nlohmann::json ByYear(const std::map<int, KpiValue>& values) {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& [year, value] : values) object[std::to_string(year)] = value.Text();
    return object;
}

nlohmann::json CountsJson(const StatusCounts& counts) {
    return {{"achieved", counts.achieved},         {"close", counts.close},
            {"not_achieved", counts.not_achieved}, {"no_target", counts.no_target},
            {"no_result", counts.no_result},       {"total", counts.Total()}};
}

nlohmann::json TalliesJson(const std::vector<StatusTally>& tallies) {
    nlohmann::json list = nlohmann::json::array();
    for (const StatusTally& tally : tallies) {
        list.push_back(
            {{"key", tally.key}, {"label", tally.label}, {"counts", CountsJson(tally.counts)}});
    }
    return list;
}

nlohmann::json LineJson(const PlanView::Line& entry) {
    const KpiTableLine& line = entry.line;
    const KpiFigures& figures = *line.figures;
    nlohmann::json results = nlohmann::json::array();
    for (const KpiResult& result : figures.results) {
        results.push_back({{"fiscal_year", result.fiscal_year},
                           {"round", result.round},
                           {"value", result.value.Text()},
                           {"evidence", result.evidence},
                           {"formula", result.formula}});
    }
    const KpiJudgement& judged = entry.judgement;
    return {{"key", line.item->key},
            {"row", line.sub_row},
            {"row_label", line.row ? line.row->label : ""},
            {"number", line.item->number},
            {"text", line.item->text},
            {"strategy", ItemRef(line.strategy)},
            {"guideline", ItemRef(line.guideline)},
            {"groups", line.groups},
            {"unit", KpiUnitLabel(line.kpi->unit)},
            {"polarity", PolarityName(line.kpi->polarity)},
            {"polarity_label", PolarityLabel(line.kpi->polarity)},
            {"levels", line.kpi->Levels()},
            {"baseline", figures.baseline.Text()},
            {"targets", ByYear(figures.targets)},
            {"targets_high", ByYear(figures.targets_high)},
            {"results", std::move(results)},
            {"formula", figures.formula},
            {"status",
             {{"name", KpiStatusName(judged.status)},
              {"label", KpiStatusLabel(judged.status)},
              {"attainment", Rounded(judged.attainment)},
              {"inputs", judged.inputs},
              {"rule", judged.rule},
              {"needed", judged.needed}}},
            {"may_report", entry.may_report}};
}

nlohmann::json ViewJson(const PlanView& view) {
    const Plan& plan = view.plan;
    nlohmann::json body = SummaryJson(plan.Summary());
    body["source"] = plan.source;
    body["rules"] = plan.rules.Describe();
    body["status_year"] = view.status_year;
    body["year_open"] = view.year_open;
    body["may_edit"] = view.may_edit;
    if (view.may_edit) {
        nlohmann::json measures = nlohmann::json::array();
        for (const KpiMeasure& measure : KpiMeasures()) {
            measures.push_back({{"name", measure.name}, {"label", measure.label}});
        }
        body["measures"] = std::move(measures);
    }
    nlohmann::json groups = nlohmann::json::array();
    for (const PlanGroup& group : plan.groups) {
        groups.push_back({{"code", group.code}, {"name", group.name}});
    }
    body["groups"] = std::move(groups);

    std::map<std::string, nlohmann::json> serves;
    for (const Alignment& link : plan.alignments) {
        nlohmann::json entry{{"framework", link.framework}, {"item", link.framework_item}};
        for (const Framework& framework : view.frameworks) {
            if (framework.code != link.framework) continue;
            entry["framework_name"] = framework.name;
            if (const FrameworkItem* item = framework.Find(link.framework_item)) {
                entry["number"] = item->number;
                entry["text"] = item->text;
            }
        }
        serves[link.item_key].push_back(std::move(entry));
    }
    nlohmann::json items = nlohmann::json::array();
    for (const PlanItem& item : plan.tree.items) {
        nlohmann::json entry{{"key", item.key},
                             {"parent", item.parent},
                             {"kind", PlanItemKindName(item.kind)},
                             {"kind_label", PlanItemKindLabel(item.kind)},
                             {"number", item.number},
                             {"text", item.text},
                             {"serves", nlohmann::json::array()}};
        if (auto found = serves.find(item.key); found != serves.end()) {
            entry["serves"] = found->second;
        }
        if (const Kpi* kpi = plan.FindKpi(item.key)) {
            entry["kpi"] = {{"unit", KpiUnitLabel(kpi->unit)},
                            {"polarity", PolarityName(kpi->polarity)},
                            {"groups", kpi->groups},
                            {"evidence", kpi->evidence},
                            {"rows", kpi->rows.size()}};
        }
        items.push_back(std::move(entry));
    }
    body["items"] = std::move(items);

    nlohmann::json lines = nlohmann::json::array();
    for (const PlanView::Line& line : view.lines) lines.push_back(LineJson(line));
    body["kpi_table"] = std::move(lines);
    body["dashboard"] = {{"fiscal_year", view.dashboard.fiscal_year},
                         {"total", CountsJson(view.dashboard.total)},
                         {"by_strategy", TalliesJson(view.dashboard.by_strategy)},
                         {"by_group", TalliesJson(view.dashboard.by_group)}};
    const auto keys = [](const std::vector<const PlanItem*>& list) {
        nlohmann::json out = nlohmann::json::array();
        for (const PlanItem* item : list) out.push_back(item->key);
        return out;
    };
    nlohmann::json served = nlohmann::json::array();
    for (const AlignmentCheck::Served& entry : view.check.served) {
        served.push_back({{"framework", entry.framework->code},
                          {"framework_name", entry.framework->name},
                          {"item", entry.item->key},
                          {"number", entry.item->number},
                          {"text", entry.item->text},
                          {"by", keys(entry.by)}});
    }
    body["check"] = {{"strategies_without_kpis", keys(view.check.strategies_without_kpis)},
                     {"kpis_without_group", keys(view.check.kpis_without_group)},
                     {"served", std::move(served)}};
    return body;
}

// The fiscal year the statuses are judged for (`?year=`), nullopt for the plan's default.
Result<std::optional<int>> StatusYear(const Request& request) {
    const auto text = request.Query("year");
    if (!text || text->empty()) return std::optional<int>();
    auto parsed = YearOf(*text, "year");
    if (!parsed) return std::unexpected(parsed.error());
    return std::optional<int>(*parsed);
}

Response PlanPage(const ApiServices& services, const Request& request, const PathParams& params) {
    auto year = PlanYear(params);
    if (!year) return ErrorResponse(year.error());
    auto status_year = StatusYear(request);
    if (!status_year) return ErrorResponse(status_year.error());
    auto view = services.plans.View(request.actor, params.at("office"), *year, *status_year);
    if (!view) return ErrorResponse(view.error());
    return Json(ViewJson(*view));
}

// The answer to a change: the plan as it is now, judged for the year the page shows.
Response ChangedPlan(const ApiServices& services, const Request& request, Result<Plan> changed,
                     std::optional<int> status_year) {
    if (!changed) return ErrorResponse(changed.error());
    auto view = services.plans.ViewOf(request.actor, std::move(*changed), status_year);
    if (!view) return ErrorResponse(view.error());
    return Json(ViewJson(*view));
}

// What every change of a plan reads first: the plan's year, the year the answer is judged for
// (`?year=`), and the JSON body with the plan's version the caller saw.
struct PlanChange {
    int year = 0;
    std::optional<int> status_year;
    JsonBody body;
    long long version = 0;
};

Result<PlanChange> ReadPlanChange(const Request& request, const PathParams& params,
                                  std::size_t max_body) {
    auto year = PlanYear(params);
    if (!year) return std::unexpected(year.error());
    auto status_year = StatusYear(request);
    if (!status_year) return std::unexpected(status_year.error());
    auto body = JsonBody::Parse(request.body, max_body);
    if (!body) return std::unexpected(body.error());
    const long long version = body->Integer("version", true);
    return PlanChange{*year, *status_year, std::move(*body), version};
}

Response PlanDocumentFile(const ApiServices& services, const Request& request,
                          const PathParams& params) {
    auto year = PlanYear(params);
    if (!year) return ErrorResponse(year.error());
    auto format = reports::ParseFormat(request.Query("format").value_or("pdf"));
    if (!format) return ErrorResponse(format.error());
    const std::string part = request.Query("part").value_or("plan");
    if (part != "plan" && part != "kpi_table") {
        const std::string message =
            fmt::format("part ต้องเป็น plan (ทั้งแผน) หรือ kpi_table (ตารางตัวชี้วัด) แต่ได้ \"{}\"", part);
        return ErrorResponse(
            Error{ErrorCode::kInvalidArgument, message, {{"part", message, 0, "part"}}});
    }
    auto thai_digits = Flag(request, "thai_digits");
    if (!thai_digits) return ErrorResponse(thai_digits.error());
    const std::string& office = params.at("office");
    const PlanDocumentPart printed =
        PlanDocumentPartFor(part == "kpi_table", *format == reports::Format::kPdf);
    auto document = services.plans.PlanDocumentOf(request.actor, office, *year, printed);
    if (!document) return ErrorResponse(document.error());
    auto bytes = *format == reports::Format::kPdf
                     ? reports::RenderPdf(*document, {.thai_digits = *thai_digits})
                     : reports::Render(*document, *format);
    if (!bytes) return ErrorResponse(bytes.error());
    Response response{200, reports::ContentType(*format), std::move(*bytes), {}};
    response.headers.emplace_back("Content-Disposition",
                                  fmt::format("attachment; filename=\"{}-{}-{}.{}\"",
                                              printed == PlanDocumentPart::kPlan ? "plan" : "kpi",
                                              office, *year, reports::FileExtension(*format)));
    return response;
}

Response ImportPlan(const ApiServices& services, const Request& request, const PathParams& params) {
    auto dry_run = Flag(request, "dry_run");
    if (!dry_run) return ErrorResponse(dry_run.error());
    const std::string name = request.Query("filename").value_or("plan.yaml");
    PlanImportOptions options;
    options.dry_run = *dry_run;
    options.only_office = params.at("office");
    auto summary = services.plans.Import(request.actor, {{name, request.body}}, options);
    if (!summary) return ErrorResponse(summary.error());
    nlohmann::json plans = nlohmann::json::array();
    for (const PlanSummary& plan : summary->plans) plans.push_back(SummaryJson(plan));
    return Json({{"dry_run", summary->dry_run},
                 {"plans", std::move(plans)},
                 {"frameworks", summary->frameworks},
                 {"items", summary->items},
                 {"kpis", summary->kpis}},
                summary->dry_run ? 200 : 201);
}

Response CopyPlan(const ApiServices& services, const Request& request, const PathParams& params) {
    auto year = PlanYear(params);
    if (!year) return ErrorResponse(year.error());
    auto body = JsonBody::Parse(request.body, 1024);
    if (!body) return ErrorResponse(body.error());
    const long long to = body->Integer("to", true);
    if (auto valid = body->Finish(); !valid) return ErrorResponse(valid.error());
    auto copied =
        services.plans.Copy(request.actor, params.at("office"), *year, static_cast<int>(to));
    if (!copied) return ErrorResponse(copied.error());
    return Json({{"plan", SummaryJson(*copied)}}, 201);
}

// The edit named by the body's "edit", read from its own fields (others are refused).
Result<PlanEdit> EditOf(JsonBody& body) {
    const std::string name = body.String("edit", true, 20);
    const auto refuse = [](std::string field, std::string message) -> Result<PlanEdit> {
        return InvalidArgument(message, {FieldError{std::move(field), message, 0, ""}});
    };
    const auto index = [&](const char* field, bool required) {
        const long long value = body.Integer(field, required);
        return value < 0 ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(value);
    };
    if (name == "text")
        return EditItemText{body.String("key", true, 80),
                            body.String("text", true, 4000, TextShape::kLines)};
    if (name == "move") return MoveItem{body.String("key", true, 80), index("index", true)};
    if (name == "remove") return RemoveItem{body.String("key", true, 80)};
    if (name == "add") {
        AddItem add;
        add.parent = body.String("parent", false, 80);
        const std::string kind = body.String("kind", true, 40);
        add.text = body.String("text", true, 4000, TextShape::kLines);
        if (body.Contains("index")) add.index = index("index", true);
        if (kind.empty()) return add;  // Finish reports the missing kind
        auto parsed = ParsePlanItemKind(kind);
        if (!parsed) return refuse("kind", parsed.error().message);
        add.kind = *parsed;
        return add;
    }
    if (name == "kpi") {
        EditKpi edit;
        edit.key = body.String("key", true, 80);
        const std::string unit = body.String("unit", true, 40);
        const std::string polarity = body.String("polarity", true, 40);
        edit.groups = body.Strings("groups", false, 20, 100);
        edit.evidence = body.String("evidence", false, 1000, TextShape::kLines);
        if (unit.empty() || polarity.empty()) return edit;
        auto parsed_unit = ParseKpiUnit(unit);
        if (!parsed_unit) return refuse("unit", parsed_unit.error().message);
        auto parsed_polarity = ParsePolarity(polarity);
        if (!parsed_polarity) return refuse("polarity", parsed_polarity.error().message);
        edit.unit = *parsed_unit;
        edit.polarity = *parsed_polarity;
        return edit;
    }
    if (name == "target") {
        SetTarget edit;
        edit.key = body.String("key", true, 80);
        edit.row = static_cast<int>(body.Integer("row", false));
        edit.fiscal_year = static_cast<int>(body.Integer("fiscal_year", true));
        edit.value = body.String("value", true, 200);
        edit.high = body.String("high", false, 200);
        return edit;
    }
    if (name == "formula") {
        SetFormula edit;
        edit.key = body.String("key", true, 80);
        edit.row = static_cast<int>(body.Integer("row", false));
        edit.formula = body.String("formula", false, 1000);
        return edit;
    }
    if (name == "status") {
        const std::string status = body.String("status", true, 20);
        auto parsed = ParsePlanStatus(status);
        if (!parsed) return refuse("status", parsed.error().message);
        return SetPlanStatus{*parsed};
    }
    if (name.empty()) return MoveItem{};  // Finish reports the missing edit
    return refuse("edit", fmt::format("ไม่รู้จักการแก้ไข \"{}\": ใช้ได้ text, move, add, remove, kpi, "
                                      "target, formula หรือ status",
                                      name));
}

Response EditPlan(const ApiServices& services, const Request& request, const PathParams& params) {
    auto change = ReadPlanChange(request, params, 16 * 1024);
    if (!change) return ErrorResponse(change.error());
    JsonBody& body = change->body;
    auto edit = EditOf(body);
    if (auto valid = body.Finish(); !valid) return ErrorResponse(valid.error());
    if (!edit) return ErrorResponse(edit.error());
    return ChangedPlan(services, request,
                       services.plans.Edit(request.actor, params.at("office"), change->year, *edit,
                                           change->version),
                       change->status_year);
}

Response ReportResult(const ApiServices& services, const Request& request,
                      const PathParams& params) {
    auto change = ReadPlanChange(request, params, 16 * 1024);
    if (!change) return ErrorResponse(change.error());
    JsonBody& body = change->body;
    const std::string key = body.String("key", true, 80);
    const long long row = body.Integer("row", false);
    const long long result_year = body.Integer("fiscal_year", true);
    const long long round = body.Integer("round", true);
    const std::string value = body.String("value", true, 200);
    const std::string evidence = body.String("evidence", false, 1000, TextShape::kLines);
    if (auto valid = body.Finish(); !valid) return ErrorResponse(valid.error());
    return ChangedPlan(
        services, request,
        services.plans.ReportResult(request.actor, params.at("office"), change->year, key,
                                    static_cast<int>(row), static_cast<int>(result_year),
                                    static_cast<int>(round), value, evidence, change->version),
        change->status_year);
}

Response ComputeResults(const ApiServices& services, const Request& request,
                        const PathParams& params) {
    auto change = ReadPlanChange(request, params, 1024);
    if (!change) return ErrorResponse(change.error());
    JsonBody& body = change->body;
    ComputeRequest compute;
    compute.expected_version = change->version;
    compute.result_year = static_cast<int>(body.Integer("fiscal_year", false));
    if (body.Contains("round")) compute.round = static_cast<int>(body.Integer("round", true));
    compute.replace = body.Boolean("replace", false);
    if (auto valid = body.Finish(); !valid) return ErrorResponse(valid.error());
    if (compute.expected_version <= 0) {
        const std::string message = "version ต้องเป็นฉบับของแผนที่เห็นอยู่ (1 ขึ้นไป)";
        return ErrorResponse(
            Error{ErrorCode::kInvalidArgument, message, {{"version", message, 0, "version"}}});
    }
    auto summary =
        services.plans.ComputeResults(request.actor, params.at("office"), change->year, compute);
    if (!summary) return ErrorResponse(summary.error());
    nlohmann::json rounds = nlohmann::json::array();
    for (const ComputeSummary::Round& round : summary->rounds) {
        nlohmann::json lines = nlohmann::json::array();
        for (const ComputedLine& line : round.lines) {
            lines.push_back({{"key", line.item_key},
                             {"row", line.row},
                             {"name", line.name},
                             {"value", line.result.value.Text()},
                             {"evidence", line.result.evidence},
                             {"formula", line.result.formula},
                             {"kept", line.kept}});
        }
        rounds.push_back(
            {{"round", round.round}, {"census", round.census}, {"lines", std::move(lines)}});
    }
    nlohmann::json computed{{"rounds", std::move(rounds)},
                            {"skipped", summary->skipped},
                            {"written", summary->written}};
    auto view = services.plans.ViewOf(request.actor, std::move(summary->plan), change->status_year);
    if (!view) return ErrorResponse(view.error());
    nlohmann::json answer = ViewJson(*view);
    answer["computed"] = std::move(computed);
    return Json(answer);
}

}  // namespace

void RegisterPlanApi(const AddApiRoute& add) {
    const ApiLimits edits{kMaxJsonBody, [](const ApiServices& services, const Request& request,
                                           const PathParams& params) {
                              return services.plans.MayEdit(request.actor, params.at("office"));
                          }};
    ApiLimits upload = edits;
    upload.max_body = kMaxPlanFileBytes;
    const ApiLimits reports{kMaxJsonBody, [](const ApiServices& services, const Request& request,
                                             const PathParams& params) {
                                return services.plans.MayReport(request.actor, params.at("office"));
                            }};
    add("GET", "/api/v1/frameworks",
        [](const ApiServices& services, const Request& request, const PathParams&) {
            auto frameworks = services.plans.Frameworks(request.actor);
            if (!frameworks) return ErrorResponse(frameworks.error());
            nlohmann::json list = nlohmann::json::array();
            for (const Framework& framework : *frameworks) {
                nlohmann::json items = nlohmann::json::array();
                for (const FrameworkItem& item : framework.items) {
                    items.push_back({{"key", item.key},
                                     {"parent", item.parent},
                                     {"number", item.number},
                                     {"text", item.text}});
                }
                list.push_back({{"code", framework.code},
                                {"name", framework.name},
                                {"office_code", framework.office_code},
                                {"items", std::move(items)}});
            }
            return Json({{"frameworks", std::move(list)}});
        },
        {});
    add("GET", "/api/v1/offices/{office}/plans",
        [](const ApiServices& services, const Request& request, const PathParams& params) {
            auto plans = services.plans.List(request.actor, params.at("office"));
            if (!plans) return ErrorResponse(plans.error());
            nlohmann::json list = nlohmann::json::array();
            for (const PlanSummary& plan : *plans) list.push_back(SummaryJson(plan));
            return Json({{"plans", std::move(list)}});
        },
        {});
    add("POST", "/api/v1/offices/{office}/plans", ImportPlan, upload);
    add("GET", "/api/v1/offices/{office}/plans/{year}", PlanPage, {});
    add("GET", "/api/v1/offices/{office}/plans/{year}/document", PlanDocumentFile, {});
    add("POST", "/api/v1/offices/{office}/plans/{year}/copy", CopyPlan, edits);
    add("POST", "/api/v1/offices/{office}/plans/{year}/edits", EditPlan, edits);
    add("PUT", "/api/v1/offices/{office}/plans/{year}/results", ReportResult, reports);
    add("POST", "/api/v1/offices/{office}/plans/{year}/compute", ComputeResults, edits);
}

}  // namespace khet::http
