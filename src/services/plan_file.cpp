#include "services/plan_file.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <sstream>

#include "thai/text_hygiene.hpp"

namespace khet {
namespace {

constexpr std::string_view kPlanFormat = "khet-plan/1";
constexpr std::string_view kFrameworkFormat = "khet-framework/1";
constexpr std::size_t kMostErrors = 50;  // past this, the rest of a broken file is noise

// Collects the problems of one file, each with its line, so that a file is fixed in one go.
class Problems {
  public:
    explicit Problems(std::string_view name) : name_(name) {}

    void Add(const YAML::Node& node, std::string_view key, std::string message) {
        Add(LineOf(node), key, std::move(message));
    }
    void Add(int line, std::string_view key, std::string message) {
        if (errors_.size() >= kMostErrors) return;
        errors_.push_back(
            {fmt::format("{}:{}", name_, line), std::move(message), line, std::string(key)});
    }
    bool empty() const { return errors_.empty(); }
    const std::string& name() const { return name_; }

    static int LineOf(const YAML::Node& node) { return node.Mark().line + 1; }

    std::unexpected<Error> Fail() && {
        std::string message =
            errors_.size() == 1
                ? fmt::format("{}: {}", errors_.front().field, errors_.front().message)
                : fmt::format("{} มีข้อผิดพลาด {} แห่ง เช่น {}: {}", name_, errors_.size(),
                              errors_.front().field, errors_.front().message);
        return InvalidArgument(std::move(message), std::move(errors_));
    }

  private:
    std::string name_;
    std::vector<FieldError> errors_;
};

std::string ScalarText(const YAML::Node& node) {
    return node.IsScalar() ? node.Scalar() : std::string();
}

// A scalar as Khet stores text (thai/text_hygiene.hpp): a double-quoted YAML string can spell
// any code point ("\uFFFF", "\0"), so each value is cleaned, not only the file's bytes. "" and
// a problem on the scalar's line when it cannot be stored.
std::string CleanScalar(const YAML::Node& node, std::string_view key, Problems& problems) {
    auto clean = CleanText(node.Scalar(), TextShape::kLines);
    if (!clean) {
        problems.Add(node, key, fmt::format("{}: {}", key, clean.error().message));
        return "";
    }
    return std::move(*clean);
}

// The limits of a plan file's shape, far above any real plan (seed 002: depth 14, 3,100 nodes).
constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxNodes = 200'000;

// yaml-cpp builds a graph in which an alias is the node it names: a node naming itself is a
// cycle that a walk over the tree follows until the stack overflows, and aliases of aliases
// multiply what a walk visits (16 levels of a 1.2 KB file took 1.25 GB). Plan files have no use
// for aliases, so the parser's events are checked for them, and for depth and size, before any
// node is built.
class ShapeCheck final : public YAML::EventHandler {
  public:
    struct Refused {
        YAML::Mark mark;
        std::string message;
    };

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { Count(mark); }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        throw Refused{mark,
                      "ไฟล์แผนใช้การอ้างถึงของ YAML (*ชื่อ หรือ <<: *ชื่อ) ไม่ได้: "
                      "เขียนรายการนั้นเต็มทุกครั้งที่ใช้"};
    }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  const std::string&) override {
        Count(mark);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {
        Open(mark);
    }
    void OnSequenceEnd() override { --depth_; }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {
        Open(mark);
    }
    void OnMapEnd() override { --depth_; }

  private:
    void Count(const YAML::Mark& mark) {
        if (++nodes_ > kMaxNodes) {
            throw Refused{mark, fmt::format("ไฟล์มีค่าเกิน {} ค่า: แบ่งเป็นหลายไฟล์", kMaxNodes)};
        }
    }
    void Open(const YAML::Mark& mark) {
        Count(mark);
        if (++depth_ > kMaxDepth) {
            throw Refused{mark, fmt::format("รายการซ้อนกันลึกเกิน {} ชั้น", kMaxDepth)};
        }
    }

    int depth_ = 0;
    std::size_t nodes_ = 0;
};

// Runs ShapeCheck over every document of `text`; false (with the problem added) when refused.
bool CheckShape(const std::string& text, Problems& problems) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    ShapeCheck check;
    try {
        while (parser.HandleNextDocument(check)) {
        }
    } catch (const ShapeCheck::Refused& refused) {
        problems.Add(refused.mark.line + 1, "", refused.message);
        return false;
    }
    return true;
}

// The keys of `map` outside `known`, each reported.
void RefuseUnknownKeys(const YAML::Node& map, std::initializer_list<std::string_view> known,
                       std::string_view what, Problems& problems) {
    for (const auto& entry : map) {
        const std::string key = ScalarText(entry.first);
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            std::string names;
            for (std::string_view name : known)
                names += fmt::format("{}{}", names.empty() ? "" : ", ", name);
            problems.Add(entry.first, key,
                         fmt::format("ไม่รู้จักคีย์ \"{}\" ใน{}: ใช้ได้ {}", key, what, names));
        }
    }
}

// A required or optional text scalar at map[key].
std::string TextAt(const YAML::Node& map, std::string_view key, bool required,
                   std::string_view what, Problems& problems) {
    const YAML::Node node = map[std::string(key)];
    if (!node || node.IsNull()) {
        if (required) problems.Add(map, key, fmt::format("{}ต้องมี {}", what, key));
        return "";
    }
    if (!node.IsScalar()) {
        problems.Add(node, key, fmt::format("{} ของ{}ต้องเป็นข้อความ", key, what));
        return "";
    }
    std::string text = CleanScalar(node, key, problems);
    if (required && text.empty() && !node.Scalar().empty()) {
        problems.Add(node, key, fmt::format("{}ต้องมี {} (ข้อความที่มีแต่ช่องว่างใช้ไม่ได้)", what, key));
    }
    return text;
}

std::optional<int> IntOf(std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::vector<std::string> TextList(const YAML::Node& node, std::string_view key,
                                  Problems& problems) {
    std::vector<std::string> texts;
    if (!node || node.IsNull()) return texts;
    if (!node.IsSequence()) {
        problems.Add(node, key, fmt::format("{} ต้องเป็นรายการ เช่น [ก, ข]", key));
        return texts;
    }
    for (const auto& element : node) {
        std::string text = element.IsScalar() ? CleanScalar(element, key, problems) : "";
        if (text.empty()) {
            problems.Add(element, key, fmt::format("รายการใน {} ต้องเป็นข้อความ", key));
            continue;
        }
        texts.push_back(std::move(text));
    }
    return texts;
}

// ---- Plans -------------------------------------------------------------------------------

// An item as read, before its key and number are settled.
struct ReadItem {
    std::size_t parent = SIZE_MAX;  // index in the list, SIZE_MAX at the top
    PlanItemKind kind = PlanItemKind::kVision;
    std::string id;
    std::string number;  // as written; "" when not
    bool numbered = false;
    std::string text;
    int line = 0;
    std::vector<std::string> serves;
    std::vector<int> serves_lines;
    std::optional<YAML::Node> kpi;  // the item's map when it is a KPI
};

constexpr std::string_view kItemKeys[] = {
    "number",  "id",       "serves",  "items",        "unit",    "polarity", "levels", "groups",
    "formula", "baseline", "targets", "targets_high", "results", "evidence", "rows"};
constexpr std::string_view kKpiOnlyKeys[] = {"unit",    "polarity", "levels",  "groups",
                                             "formula", "baseline", "targets", "targets_high",
                                             "results", "evidence", "rows"};

void ReadItems(const YAML::Node& list, std::size_t parent, std::vector<ReadItem>& items,
               Problems& problems) {
    if (!list.IsSequence()) {
        problems.Add(list, "items", "items ต้องเป็นรายการ (แต่ละรายการขึ้นต้นด้วย -)");
        return;
    }
    for (const auto& node : list) {
        if (!node.IsMap()) {
            problems.Add(node, "items",
                         "รายการในแผนต้องเขียนเป็น ชนิด: ข้อความ เช่น strategy: เพิ่มประสิทธิภาพ…");
            continue;
        }
        ReadItem item;
        item.parent = parent;
        item.line = Problems::LineOf(node);
        int kinds = 0;
        std::vector<std::pair<YAML::Node, std::string>> unknown;  // keys neither kind nor known
        for (const auto& entry : node) {
            const std::string key = ScalarText(entry.first);
            if (std::find(std::begin(kItemKeys), std::end(kItemKeys), key) != std::end(kItemKeys))
                continue;
            auto kind = ParsePlanItemKind(key);
            if (!kind) {
                unknown.emplace_back(entry.first, kind.error().message);
                continue;
            }
            if (++kinds > 1) {
                problems.Add(entry.first, key,
                             fmt::format("รายการหนึ่งมีได้ชนิดเดียว แต่มีทั้ง {} และ {}",
                                         PlanItemKindLabel(item.kind), PlanItemKindLabel(*kind)));
                continue;
            }
            item.kind = *kind;
            item.line = Problems::LineOf(entry.first);
            if (entry.second.IsScalar()) item.text = CleanScalar(entry.second, key, problems);
            if (item.text.empty()) {
                problems.Add(entry.second, key,
                             fmt::format("{} ต้องมีข้อความ", PlanItemKindLabel(*kind)));
            }
        }
        for (const auto& [key_node, kind_message] : unknown) {
            // With a kind already, an unknown key is a misspelt field; without one, a kind.
            problems.Add(key_node, ScalarText(key_node),
                         kinds > 0 ? fmt::format("ไม่รู้จักคีย์ \"{}\" ในรายการของแผน: ใช้ได้ number, "
                                                 "id, serves, items และสำหรับตัวชี้วัด unit, polarity, "
                                                 "levels, groups, baseline, targets, targets_high, "
                                                 "results, evidence, rows",
                                                 ScalarText(key_node))
                                   : kind_message);
        }
        if (kinds == 0) {
            if (unknown.empty()) {
                problems.Add(node, "",
                             "รายการไม่มีชนิด: ต้องมีคีย์หนึ่งใน vision, mission, goal, value, "
                             "identity, slogan, strategy, focus, guideline, kpi");
            }
            continue;
        }
        if (item.kind != PlanItemKind::kKpi) {
            for (std::string_view key : kKpiOnlyKeys) {
                if (node[std::string(key)]) {
                    problems.Add(node[std::string(key)], key,
                                 fmt::format("{} ใช้ได้กับตัวชี้วัดเท่านั้น ไม่ใช่{}", key,
                                             PlanItemKindLabel(item.kind)));
                }
            }
        } else {
            item.kpi.emplace(static_cast<const YAML::Node&>(node));
        }
        if (const YAML::Node number = node["number"]; number && !number.IsNull()) {
            item.numbered = true;
            item.number = ScalarText(number);
            if (item.number.empty())
                problems.Add(number, "number", "number ต้องเป็นข้อความ เช่น \"1.2\"");
        }
        item.id = TextAt(node, "id", false, "รายการ", problems);
        if (const YAML::Node serves = node["serves"]; serves) {
            if (serves.IsScalar()) {
                item.serves.push_back(CleanScalar(serves, "serves", problems));
                item.serves_lines.push_back(Problems::LineOf(serves));
            } else {
                for (const std::string& link : TextList(serves, "serves", problems)) {
                    item.serves.push_back(link);
                    item.serves_lines.push_back(Problems::LineOf(serves));
                }
            }
        }
        const std::size_t index = items.size();
        items.push_back(std::move(item));
        if (const YAML::Node children = node["items"]; children && !children.IsNull()) {
            ReadItems(children, index, items, problems);
        }
    }
}

// A cell: a scalar read for `unit`; the error names the key and the line.
std::optional<KpiValue> ValueOf(const YAML::Node& node, const Kpi& kpi, std::string_view key,
                                Problems& problems) {
    if (!node.IsScalar()) {
        problems.Add(node, key, fmt::format("ค่าใน {} ต้องเป็นค่าเดียว เช่น 91.97 หรือ \"-\"", key));
        return std::nullopt;
    }
    auto value = ParseKpiValue(CleanScalar(node, key, problems), kpi.unit, kpi.Levels());
    if (!value) {
        problems.Add(node, key, value.error().message);
        return std::nullopt;
    }
    return *value;
}

std::optional<int> YearOf(const YAML::Node& key_node, std::string_view key, Problems& problems) {
    const auto year = IntOf(ScalarText(key_node));
    if (!year || !IsBuddhistEraYear(*year)) {
        problems.Add(
            key_node, key,
            fmt::format("\"{}\" ใน {} ไม่ใช่ปีงบประมาณ พ.ศ. (เช่น 2567)", ScalarText(key_node), key));
        return std::nullopt;
    }
    return year;
}

std::map<int, KpiValue> YearValues(const YAML::Node& node, const Kpi& kpi, std::string_view key,
                                   Problems& problems) {
    std::map<int, KpiValue> values;
    if (!node || node.IsNull()) return values;
    if (!node.IsMap()) {
        problems.Add(node, key, fmt::format("{} ต้องเป็น ปี: ค่า เช่น {{2566: 100, 2567: 100}}", key));
        return values;
    }
    for (const auto& entry : node) {
        const auto year = YearOf(entry.first, key, problems);
        auto value = ValueOf(entry.second, kpi, key, problems);
        if (year && value) values[*year] = std::move(*value);
    }
    return values;
}

// A result cell: a value, or {value, evidence}.
std::optional<KpiResult> ResultOf(const YAML::Node& node, const Kpi& kpi, int year, int round,
                                  Problems& problems) {
    KpiResult result{year, round, {}, "", ""};
    if (node.IsMap()) {
        RefuseUnknownKeys(node, {"value", "evidence", "formula"}, "ผลการดำเนินงาน", problems);
        const YAML::Node value = node["value"];
        if (!value) {
            problems.Add(node, "value", "ผลการดำเนินงานต้องมี value");
            return std::nullopt;
        }
        auto parsed = ValueOf(value, kpi, "results", problems);
        if (!parsed) return std::nullopt;
        result.value = std::move(*parsed);
        result.evidence = TextAt(node, "evidence", false, "ผลการดำเนินงาน", problems);
        result.formula = TextAt(node, "formula", false, "ผลการดำเนินงาน", problems);
        return result;
    }
    auto parsed = ValueOf(node, kpi, "results", problems);
    if (!parsed) return std::nullopt;
    result.value = std::move(*parsed);
    return result;
}

std::vector<KpiResult> Results(const YAML::Node& node, const Kpi& kpi, Problems& problems) {
    std::vector<KpiResult> results;
    if (!node || node.IsNull()) return results;
    if (!node.IsMap()) {
        problems.Add(node, "results", "results ต้องเป็น ปี: ผล เช่น {2566: 91.97}");
        return results;
    }
    for (const auto& entry : node) {
        const auto year = YearOf(entry.first, "results", problems);
        if (!year) continue;
        const YAML::Node& cell = entry.second;
        // Rounds: a mapping whose keys are months (3, 6, 9, 12).
        const bool by_round =
            cell.IsMap() && !cell["value"] && !cell["evidence"] && !cell["formula"];
        if (!by_round) {
            if (auto result = ResultOf(cell, kpi, *year, 12, problems)) results.push_back(*result);
            continue;
        }
        for (const auto& round_entry : cell) {
            const auto round = IntOf(ScalarText(round_entry.first));
            if (!round || !IsReportingRound(*round)) {
                problems.Add(round_entry.first, "results",
                             fmt::format("รอบรายงาน \"{}\" ไม่มี: ใช้ได้ 3, 6, 9 หรือ 12 (เดือน)",
                                         ScalarText(round_entry.first)));
                continue;
            }
            if (auto result = ResultOf(round_entry.second, kpi, *year, *round, problems)) {
                results.push_back(*result);
            }
        }
    }
    return results;
}

KpiFigures Figures(const YAML::Node& node, const Kpi& kpi, Problems& problems) {
    KpiFigures figures;
    if (const YAML::Node baseline = node["baseline"]; baseline && !baseline.IsNull()) {
        if (auto value = ValueOf(baseline, kpi, "baseline", problems)) figures.baseline = *value;
    }
    figures.formula = TextAt(node, "formula", false, "ตัวชี้วัด", problems);
    if (!figures.formula.empty()) {
        // Checked here for the formula's own line; Plan::Validate checks it again for edits.
        if (auto formula = CheckKpiFormula(kpi.unit, figures.formula); !formula) {
            problems.Add(node["formula"], "formula", formula.error().message);
        }
    }
    figures.targets = YearValues(node["targets"], kpi, "targets", problems);
    figures.targets_high = YearValues(node["targets_high"], kpi, "targets_high", problems);
    for (KpiResult& result : Results(node["results"], kpi, problems)) {
        figures.SetResult(std::move(result));
    }
    if (!figures.targets_high.empty() && kpi.polarity != Polarity::kRange) {
        problems.Add(node["targets_high"], "targets_high",
                     "targets_high ใช้กับตัวชี้วัดแบบช่วง (polarity: range) เท่านั้น");
    }
    return figures;
}

std::optional<Kpi> ReadKpi(const YAML::Node& node, const std::string& key, const std::string& shown,
                           int line, Problems& problems) {
    Kpi kpi;
    kpi.item_key = key;
    kpi.line = line;
    const YAML::Node unit = node["unit"];
    if (!unit || !unit.IsScalar()) {
        problems.Add(line, "unit",
                     fmt::format("ตัวชี้วัด {} ไม่มีหน่วยนับ (unit): ใช้ ร้อยละ, คน, จำนวน, ระดับ, "
                                 "สัดส่วน, ทุกแห่ง หรือ ข้อความ",
                                 shown));
        return std::nullopt;
    }
    auto parsed_unit = ParseKpiUnit(unit.Scalar());
    if (!parsed_unit) {
        problems.Add(unit, "unit", parsed_unit.error().message);
        return std::nullopt;
    }
    kpi.unit = *parsed_unit;
    if (const YAML::Node polarity = node["polarity"]; polarity) {
        auto parsed = ParsePolarity(ScalarText(polarity));
        if (!parsed) {
            problems.Add(polarity, "polarity", parsed.error().message);
        } else {
            kpi.polarity = *parsed;
        }
    }
    kpi.levels = TextList(node["levels"], "levels", problems);
    if (!kpi.levels.empty() && kpi.unit != KpiUnit::kLevel) {
        problems.Add(node["levels"], "levels", "levels ใช้กับหน่วยนับ ระดับ เท่านั้น");
    }
    kpi.groups = TextList(node["groups"], "groups", problems);
    kpi.evidence = TextAt(node, "evidence", false, "ตัวชี้วัด", problems);
    kpi.figures = Figures(node, kpi, problems);
    if (const YAML::Node rows = node["rows"]; rows && !rows.IsNull()) {
        if (!rows.IsSequence()) {
            problems.Add(rows, "rows", "rows ต้องเป็นรายการของแถวย่อย");
        } else {
            for (const auto& row_node : rows) {
                if (!row_node.IsMap()) {
                    problems.Add(row_node, "rows", "แถวย่อยต้องเขียนเป็น {label: …, targets: …}");
                    continue;
                }
                RefuseUnknownKeys(row_node,
                                  {"label", "groups", "formula", "baseline", "targets",
                                   "targets_high", "results"},
                                  "แถวย่อย", problems);
                KpiRow row;
                row.line = Problems::LineOf(row_node);
                row.label = TextAt(row_node, "label", true, "แถวย่อย", problems);
                row.groups = TextList(row_node["groups"], "groups", problems);
                row.figures = Figures(row_node, kpi, problems);
                kpi.rows.push_back(std::move(row));
            }
        }
        if (!kpi.figures.targets.empty() || !kpi.figures.results.empty() ||
            !kpi.figures.formula.empty()) {
            problems.Add(
                rows, "rows",
                fmt::format("ตัวชี้วัด {} มีแถวย่อย (rows) แล้ว เป้าหมาย ผล และสูตรต้องอยู่ที่แถวย่อย", shown));
        }
    }
    return kpi;
}

// The default key of an item: its kind and number (or place) along the path from the top; a
// KPI numbered through the plan is "kpi-10" on its own.
std::string DefaultKey(const PlanTree& tree, const std::vector<ReadItem>& read, std::size_t index,
                       const std::vector<std::string>& keys, const std::string& number) {
    const ReadItem& item = read[index];
    std::string own;
    if (!number.empty()) {
        own = fmt::format("{}-{}", PlanItemKindName(item.kind), number);
        if (tree.NumberingOf(item.kind) == Numbering::kThroughout) return own;
    } else {
        int ordinal = 0;
        for (std::size_t i = 0; i <= index; ++i) {
            if (read[i].parent == item.parent && read[i].kind == item.kind) ++ordinal;
        }
        own = ordinal == 1 ? std::string(PlanItemKindName(item.kind))
                           : fmt::format("{}-{}", PlanItemKindName(item.kind), ordinal);
    }
    return item.parent == SIZE_MAX ? own : keys[item.parent] + "/" + own;
}

std::optional<StatusRules> ReadRules(const YAML::Node& node, Problems& problems) {
    if (!node.IsSequence()) {
        problems.Add(node, "status_rules",
                     "status_rules ต้องเป็นรายการ เช่น - {at_least: 100, status: achieved}");
        return std::nullopt;
    }
    StatusRules rules;
    for (const auto& band_node : node) {
        if (!band_node.IsMap()) {
            problems.Add(band_node, "status_rules", "เกณฑ์ต้องเขียนเป็น {at_least: 80, status: close}");
            return std::nullopt;
        }
        RefuseUnknownKeys(band_node, {"at_least", "status"}, "เกณฑ์", problems);
        const auto threshold =
            Decimal::Parse(TextAt(band_node, "at_least", true, "เกณฑ์", problems));
        auto status = ParseKpiStatus(TextAt(band_node, "status", true, "เกณฑ์", problems));
        if (!threshold) {
            problems.Add(band_node, "at_least", "at_least ต้องเป็นร้อยละของเป้าหมาย เช่น 80");
            return std::nullopt;
        }
        if (!status) {
            problems.Add(band_node, "status", status.error().message);
            return std::nullopt;
        }
        rules.bands.push_back({*threshold, *status});
    }
    if (auto valid = rules.Validate(); !valid) {
        problems.Add(node, "status_rules", valid.error().message);
        return std::nullopt;
    }
    return rules;
}

std::optional<Plan> ReadPlan(const YAML::Node& root, PlanFile& file, Problems& problems) {
    RefuseUnknownKeys(root,
                      {"format", "office", "office_name", "fiscal_year", "title", "status",
                       "source", "groups", "status_rules", "numbering", "items"},
                      "แผน", problems);
    Plan plan;
    plan.office_code = TextAt(root, "office", true, "แผน", problems);
    file.office_name = TextAt(root, "office_name", false, "แผน", problems);
    const std::string year = TextAt(root, "fiscal_year", true, "แผน", problems);
    if (!year.empty()) {
        const auto parsed = IntOf(year);
        if (!parsed || !IsBuddhistEraYear(*parsed)) {
            problems.Add(root["fiscal_year"], "fiscal_year",
                         fmt::format("fiscal_year \"{}\" ไม่ใช่ปีงบประมาณ พ.ศ. (เช่น 2567)", year));
        } else {
            plan.fiscal_year = *parsed;
        }
    }
    plan.title = TextAt(root, "title", true, "แผน", problems);
    plan.source = TextAt(root, "source", false, "แผน", problems);
    if (const std::string status = TextAt(root, "status", false, "แผน", problems);
        !status.empty()) {
        auto parsed = ParsePlanStatus(status);
        if (!parsed) {
            problems.Add(root["status"], "status", parsed.error().message);
        } else {
            plan.status = *parsed;
        }
    }
    if (const YAML::Node groups = root["groups"]; groups && !groups.IsNull()) {
        if (!groups.IsSequence()) {
            problems.Add(groups, "groups",
                         "groups ต้องเป็นรายการ เช่น - {code: นิเทศ, name: กลุ่มนิเทศ…}");
        } else {
            std::set<std::string, std::less<>> seen;
            for (const auto& group : groups) {
                if (!group.IsMap()) {
                    problems.Add(group, "groups", "กลุ่มต้องเขียนเป็น {code: …, name: …}");
                    continue;
                }
                RefuseUnknownKeys(group, {"code", "name"}, "กลุ่ม", problems);
                PlanGroup read{TextAt(group, "code", true, "กลุ่ม", problems),
                               TextAt(group, "name", false, "กลุ่ม", problems)};
                if (!read.code.empty() && !seen.insert(read.code).second) {
                    problems.Add(group, "code", fmt::format("กลุ่ม \"{}\" ซ้ำ", read.code));
                }
                if (!read.code.empty()) plan.groups.push_back(std::move(read));
            }
        }
    }
    if (const YAML::Node rules = root["status_rules"]; rules && !rules.IsNull()) {
        if (auto read = ReadRules(rules, problems)) plan.rules = *read;
    }
    if (const YAML::Node numbering = root["numbering"]; numbering && !numbering.IsNull()) {
        if (!numbering.IsMap()) {
            problems.Add(numbering, "numbering", "numbering ต้องเป็น ชนิด: แบบ เช่น {kpi: throughout}");
        } else {
            for (const auto& entry : numbering) {
                auto kind = ParsePlanItemKind(ScalarText(entry.first));
                if (!kind) {
                    problems.Add(entry.first, "numbering", kind.error().message);
                    continue;
                }
                auto style = ParseNumbering(ScalarText(entry.second));
                if (!style) {
                    problems.Add(entry.second, "numbering", style.error().message);
                    continue;
                }
                plan.tree.numbering[*kind] = *style;
            }
        }
    }

    std::vector<ReadItem> read;
    if (const YAML::Node items = root["items"]; !items || items.IsNull()) {
        problems.Add(root, "items", "แผนต้องมี items (วิสัยทัศน์ พันธกิจ … ตัวชี้วัด)");
    } else {
        ReadItems(items, SIZE_MAX, read, problems);
    }

    // Numbers by place, then keys along the path.
    PlanTree shape;
    shape.numbering = plan.tree.numbering;
    for (std::size_t i = 0; i < read.size(); ++i) {
        shape.items.push_back({std::to_string(i),
                               read[i].parent == SIZE_MAX ? "" : std::to_string(read[i].parent),
                               read[i].kind, "", "", read[i].line});
    }
    const std::vector<std::string> expected = shape.ExpectedNumbers();
    std::vector<std::string> keys(read.size());
    std::set<std::string, std::less<>> used;
    for (std::size_t i = 0; i < read.size(); ++i) {
        keys[i] = read[i].id.empty() ? DefaultKey(shape, read, i, keys, expected[i]) : read[i].id;
        if (!used.insert(keys[i]).second) {
            problems.Add(read[i].line, "id",
                         fmt::format("รหัสรายการ \"{}\" ซ้ำกับรายการก่อนหน้า: ใส่ id ให้ต่างกัน", keys[i]));
        }
        PlanItem item{keys[i],      read[i].parent == SIZE_MAX ? "" : keys[read[i].parent],
                      read[i].kind, read[i].numbered ? read[i].number : expected[i],
                      read[i].text, read[i].line};
        const std::string shown = item.number.empty() ? item.key : item.number;
        if (read[i].kind == PlanItemKind::kKpi) {
            if (auto kpi = ReadKpi(*read[i].kpi, keys[i], shown, read[i].line, problems)) {
                plan.kpis.push_back(std::move(*kpi));
            }
        }
        for (std::size_t s = 0; s < read[i].serves.size(); ++s) {
            const std::string& link = read[i].serves[s];
            const auto slash = link.find('/');
            if (slash == std::string::npos || slash == 0 || slash + 1 == link.size()) {
                problems.Add(
                    read[i].serves_lines[s], "serves",
                    fmt::format("\"{}\" ใน serves ต้องเขียนเป็น กรอบ/ข้อ เช่น obec-2562/1", link));
                continue;
            }
            plan.alignments.push_back(
                {keys[i], link.substr(0, slash), link.substr(slash + 1), read[i].serves_lines[s]});
        }
        plan.tree.items.push_back(std::move(item));
    }
    // Whatever the file alone cannot have broken above (numbering, groups, values) is the
    // model's own check; its errors carry the lines the items were read from.
    if (problems.empty()) {
        if (auto valid = plan.Validate(); !valid) {
            for (const FieldError& error : valid.error().fields) {
                problems.Add(error.row, error.column, error.message);
            }
        }
    }
    return plan;
}

// ---- Frameworks -------------------------------------------------------------------------

void ReadFrameworkItems(const YAML::Node& list, const std::string& parent, Framework& framework,
                        std::set<std::string, std::less<>>& keys, Problems& problems) {
    if (!list.IsSequence()) {
        problems.Add(list, "items", "items ของกรอบต้องเป็นรายการ");
        return;
    }
    for (const auto& node : list) {
        if (!node.IsMap()) {
            problems.Add(node, "items", "ข้อของกรอบต้องเขียนเป็น {number: …, text: …}");
            continue;
        }
        RefuseUnknownKeys(node, {"number", "id", "text", "items"}, "ข้อของกรอบ", problems);
        FrameworkItem item;
        item.line = Problems::LineOf(node);
        item.parent = parent;
        item.number = TextAt(node, "number", false, "ข้อของกรอบ", problems);
        item.text = TextAt(node, "text", true, "ข้อของกรอบ", problems);
        item.key = TextAt(node, "id", false, "ข้อของกรอบ", problems);
        if (item.key.empty()) item.key = item.number;
        if (item.key.empty()) {
            problems.Add(node, "id", "ข้อของกรอบต้องมี number หรือ id");
            continue;
        }
        if (!keys.insert(item.key).second) {
            problems.Add(node, "id", fmt::format("ข้อ \"{}\" ของกรอบซ้ำ", item.key));
            continue;
        }
        const std::string key = item.key;
        framework.items.push_back(std::move(item));
        if (const YAML::Node children = node["items"]; children && !children.IsNull()) {
            ReadFrameworkItems(children, key, framework, keys, problems);
        }
    }
}

Framework ReadFramework(const YAML::Node& root, Problems& problems) {
    RefuseUnknownKeys(root, {"format", "code", "name", "office", "items"}, "กรอบ", problems);
    Framework framework;
    framework.code = TextAt(root, "code", true, "กรอบ", problems);
    if (framework.code.find('/') != std::string::npos) {
        problems.Add(root["code"], "code", "code ของกรอบต้องไม่มี /");
    }
    framework.name = TextAt(root, "name", true, "กรอบ", problems);
    framework.office_code = TextAt(root, "office", false, "กรอบ", problems);
    std::set<std::string, std::less<>> keys;
    if (const YAML::Node items = root["items"]; !items || items.IsNull()) {
        problems.Add(root, "items", "กรอบต้องมี items");
    } else {
        ReadFrameworkItems(items, "", framework, keys, problems);
    }
    return framework;
}

}  // namespace

Result<PlanFile> ReadPlanFile(std::string_view name, std::string_view text) {
    Problems problems(name);
    PlanFile file;
    file.name = std::string(name);
    if (text.size() > kMaxPlanFileBytes) {
        const std::string message =
            fmt::format("{}: ไฟล์ใหญ่เกินไป ({} ไบต์) แผนหรือกรอบหนึ่งไฟล์ต้องไม่เกิน {} MiB", name,
                        text.size(), kMaxPlanFileBytes / (1024 * 1024));
        return InvalidArgument(message, {FieldError{std::string(name), message, 0, ""}});
    }
    try {
        const std::string owned(text);
        if (!CheckShape(owned, problems)) return std::move(problems).Fail();
        const YAML::Node root = YAML::Load(owned);
        if (!root.IsMap()) {
            problems.Add(root, "format", "ไฟล์ต้องขึ้นต้นด้วย format: khet-plan/1 หรือ khet-framework/1");
            return std::move(problems).Fail();
        }
        const std::string format = ScalarText(root["format"]);
        if (format == kPlanFormat) {
            auto plan = ReadPlan(root, file, problems);
            if (plan) file.plan = std::move(*plan);
        } else if (format == kFrameworkFormat) {
            file.framework = ReadFramework(root, problems);
        } else {
            problems.Add(root["format"] ? root["format"] : root, "format",
                         fmt::format("format \"{}\" ไม่รู้จัก: ไฟล์แผนใช้ {} ไฟล์กรอบใช้ {}", format,
                                     kPlanFormat, kFrameworkFormat));
        }
    } catch (const YAML::Exception& error) {
        problems.Add(error.mark.line + 1, "",
                     fmt::format("อ่าน YAML ไม่ได้: {} (คอลัมน์ {})", error.msg, error.mark.column + 1));
    }
    if (!problems.empty()) return std::move(problems).Fail();
    return file;
}

// ---- Writing ------------------------------------------------------------------------------

namespace {

void EmitFigures(YAML::Emitter& out, const KpiFigures& figures) {
    if (!figures.formula.empty()) out << YAML::Key << "formula" << YAML::Value << figures.formula;
    if (!figures.baseline.IsNone())
        out << YAML::Key << "baseline" << YAML::Value << figures.baseline.Text();
    const auto years = [&](std::string_view key, const std::map<int, KpiValue>& values) {
        if (values.empty()) return;
        out << YAML::Key << std::string(key) << YAML::Value << YAML::Flow << YAML::BeginMap;
        for (const auto& [year, value] : values)
            out << YAML::Key << year << YAML::Value << value.Text();
        out << YAML::EndMap;
    };
    years("targets", figures.targets);
    years("targets_high", figures.targets_high);
    if (figures.results.empty()) return;
    out << YAML::Key << "results" << YAML::Value << YAML::BeginMap;
    std::map<int, std::vector<const KpiResult*>> by_year;
    for (const KpiResult& result : figures.results) by_year[result.fiscal_year].push_back(&result);
    const auto cell = [&](const KpiResult& result) {
        if (result.evidence.empty() && result.formula.empty()) {
            out << result.value.Text();
            return;
        }
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "value" << YAML::Value
            << result.value.Text();
        if (!result.evidence.empty())
            out << YAML::Key << "evidence" << YAML::Value << result.evidence;
        if (!result.formula.empty()) out << YAML::Key << "formula" << YAML::Value << result.formula;
        out << YAML::EndMap;
    };
    for (const auto& [year, results] : by_year) {
        out << YAML::Key << year << YAML::Value;
        if (results.size() == 1 && results.front()->round == 12) {
            cell(*results.front());
            continue;
        }
        out << YAML::BeginMap;
        for (const KpiResult* result : results) {
            out << YAML::Key << result->round << YAML::Value;
            cell(*result);
        }
        out << YAML::EndMap;
    }
    out << YAML::EndMap;
}

void EmitItems(YAML::Emitter& out, const Plan& plan, const std::string& parent) {
    out << YAML::BeginSeq;
    for (const PlanItem& item : plan.tree.items) {
        if (item.parent != parent) continue;
        out << YAML::BeginMap;
        out << YAML::Key << std::string(PlanItemKindName(item.kind)) << YAML::Value << item.text;
        out << YAML::Key << "id" << YAML::Value << item.key;
        if (!item.number.empty()) {
            out << YAML::Key << "number" << YAML::Value << YAML::DoubleQuoted << item.number;
        }
        std::vector<std::string> serves;
        for (const Alignment& link : plan.alignments) {
            if (link.item_key == item.key)
                serves.push_back(link.framework + "/" + link.framework_item);
        }
        if (!serves.empty()) out << YAML::Key << "serves" << YAML::Value << YAML::Flow << serves;
        if (const Kpi* kpi = plan.FindKpi(item.key)) {
            out << YAML::Key << "unit" << YAML::Value << std::string(KpiUnitLabel(kpi->unit));
            if (kpi->polarity != Polarity::kHigherIsBetter) {
                out << YAML::Key << "polarity" << YAML::Value
                    << std::string(PolarityName(kpi->polarity));
            }
            if (!kpi->levels.empty())
                out << YAML::Key << "levels" << YAML::Value << YAML::Flow << kpi->levels;
            if (!kpi->groups.empty())
                out << YAML::Key << "groups" << YAML::Value << YAML::Flow << kpi->groups;
            if (!kpi->evidence.empty())
                out << YAML::Key << "evidence" << YAML::Value << kpi->evidence;
            EmitFigures(out, kpi->figures);
            if (!kpi->rows.empty()) {
                out << YAML::Key << "rows" << YAML::Value << YAML::BeginSeq;
                for (const KpiRow& row : kpi->rows) {
                    out << YAML::BeginMap << YAML::Key << "label" << YAML::Value << row.label;
                    if (!row.groups.empty())
                        out << YAML::Key << "groups" << YAML::Value << YAML::Flow << row.groups;
                    EmitFigures(out, row.figures);
                    out << YAML::EndMap;
                }
                out << YAML::EndSeq;
            }
        }
        const bool has_children =
            std::any_of(plan.tree.items.begin(), plan.tree.items.end(),
                        [&](const PlanItem& child) { return child.parent == item.key; });
        if (has_children) {
            out << YAML::Key << "items" << YAML::Value;
            EmitItems(out, plan, item.key);
        }
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
}

}  // namespace

std::string WritePlanFile(const Plan& plan, std::string_view office_name) {
    YAML::Emitter out;
    out.SetIndent(2);
    out << YAML::BeginMap;
    out << YAML::Key << "format" << YAML::Value << std::string(kPlanFormat);
    out << YAML::Key << "office" << YAML::Value << YAML::DoubleQuoted << plan.office_code;
    if (!office_name.empty())
        out << YAML::Key << "office_name" << YAML::Value << std::string(office_name);
    out << YAML::Key << "fiscal_year" << YAML::Value << plan.fiscal_year;
    out << YAML::Key << "title" << YAML::Value << plan.title;
    out << YAML::Key << "status" << YAML::Value << std::string(PlanStatusName(plan.status));
    if (!plan.source.empty()) out << YAML::Key << "source" << YAML::Value << plan.source;
    if (!plan.groups.empty()) {
        out << YAML::Key << "groups" << YAML::Value << YAML::BeginSeq;
        for (const PlanGroup& group : plan.groups) {
            out << YAML::Flow << YAML::BeginMap << YAML::Key << "code" << YAML::Value << group.code;
            if (!group.name.empty()) out << YAML::Key << "name" << YAML::Value << group.name;
            out << YAML::EndMap;
        }
        out << YAML::EndSeq;
    }
    out << YAML::Key << "status_rules" << YAML::Value << YAML::BeginSeq;
    for (const StatusBand& band : plan.rules.bands) {
        out << YAML::Flow << YAML::BeginMap << YAML::Key << "at_least" << YAML::Value
            << band.min_percent.Text() << YAML::Key << "status" << YAML::Value
            << std::string(KpiStatusName(band.status)) << YAML::EndMap;
    }
    out << YAML::EndSeq;
    if (!plan.tree.numbering.empty()) {
        out << YAML::Key << "numbering" << YAML::Value << YAML::BeginMap;
        for (const auto& [kind, style] : plan.tree.numbering) {
            out << YAML::Key << std::string(PlanItemKindName(kind)) << YAML::Value
                << std::string(NumberingName(style));
        }
        out << YAML::EndMap;
    }
    out << YAML::Key << "items" << YAML::Value;
    EmitItems(out, plan, "");
    out << YAML::EndMap;
    return std::string(out.c_str()) + "\n";
}

}  // namespace khet
