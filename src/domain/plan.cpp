#include "domain/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

#include "domain/kpi_formula.hpp"

namespace khet {
namespace {

struct KindName {
    PlanItemKind kind;
    std::string_view name;
    std::string_view label;
};

constexpr std::array<KindName, 10> kKinds = {{
    {PlanItemKind::kVision, "vision", "วิสัยทัศน์"},
    {PlanItemKind::kMission, "mission", "พันธกิจ"},
    {PlanItemKind::kGoal, "goal", "เป้าประสงค์"},
    {PlanItemKind::kValue, "value", "ค่านิยม"},
    {PlanItemKind::kIdentity, "identity", "อัตลักษณ์"},
    {PlanItemKind::kSlogan, "slogan", "สโลแกน"},
    {PlanItemKind::kStrategy, "strategy", "กลยุทธ์"},
    {PlanItemKind::kFocus, "focus", "จุดเน้น"},
    {PlanItemKind::kGuideline, "guideline", "แนวทาง"},
    {PlanItemKind::kKpi, "kpi", "ตัวชี้วัด"},
}};

std::string Describe(const PlanItem& item) {
    return fmt::format("{} \"{}\"", PlanItemKindLabel(item.kind), item.key);
}

}  // namespace

std::string_view PlanItemKindLabel(PlanItemKind kind) {
    for (const KindName& known : kKinds) {
        if (known.kind == kind) return known.label;
    }
    return "";
}

std::string_view PlanItemKindName(PlanItemKind kind) {
    for (const KindName& known : kKinds) {
        if (known.kind == kind) return known.name;
    }
    return "";
}

Result<PlanItemKind> ParsePlanItemKind(std::string_view text) {
    for (const KindName& known : kKinds) {
        if (text == known.name || text == known.label) return known.kind;
    }
    if (text == "เอกลักษณ์") return PlanItemKind::kIdentity;
    std::string names;
    for (const KindName& known : kKinds) {
        names += fmt::format("{}{} ({})", names.empty() ? "" : ", ", known.name, known.label);
    }
    return InvalidArgument(fmt::format("ไม่รู้จักชนิดของรายการในแผน \"{}\": ใช้ได้ {}", text, names));
}

namespace {
constexpr std::string_view kNumberingNames[] = {"none", "per_parent", "outline", "throughout"};
}  // namespace

std::string_view NumberingName(Numbering numbering) {
    return kNumberingNames[static_cast<int>(numbering)];
}

Result<Numbering> ParseNumbering(std::string_view text) {
    const auto found = std::find(std::begin(kNumberingNames), std::end(kNumberingNames), text);
    if (found == std::end(kNumberingNames)) {
        return InvalidArgument(fmt::format(
            "ไม่รู้จักแบบการเรียงเลข \"{}\": ใช้ได้ none, per_parent, outline, throughout", text));
    }
    return static_cast<Numbering>(found - std::begin(kNumberingNames));
}

Numbering DefaultNumbering(PlanItemKind kind) {
    switch (kind) {
        case PlanItemKind::kVision:
        case PlanItemKind::kIdentity:
        case PlanItemKind::kSlogan:
            return Numbering::kNone;
        case PlanItemKind::kKpi:
            return Numbering::kThroughout;
        default:
            return Numbering::kPerParent;
    }
}

Numbering PlanTree::NumberingOf(PlanItemKind kind) const {
    const auto found = numbering.find(kind);
    return found == numbering.end() ? DefaultNumbering(kind) : found->second;
}

Status PlanTree::CheckStructure() const {
    std::set<std::string, std::less<>> seen;
    for (const PlanItem& item : items) {
        const auto fail = [&](std::string message) {
            return InvalidArgument(message, {FieldError{item.key, message, item.line, ""}});
        };
        if (item.key.empty())
            return fail(fmt::format("{} ไม่มีรหัส (id)", PlanItemKindLabel(item.kind)));
        if (seen.count(item.key)) return fail(fmt::format("รหัส \"{}\" ซ้ำกับรายการก่อนหน้า", item.key));
        if (!item.parent.empty() && !seen.count(item.parent)) {
            return fail(
                fmt::format("{} อยู่ใต้ \"{}\" ซึ่งไม่มีอยู่ก่อนหน้าในแผน", Describe(item), item.parent));
        }
        seen.insert(item.key);
    }
    return {};
}

std::vector<std::string> PlanTree::ExpectedNumbers() const {
    std::vector<std::string> numbers(items.size());
    std::map<std::string, std::size_t, std::less<>> index_of;
    std::map<std::pair<std::string, PlanItemKind>, int> per_parent;
    std::map<PlanItemKind, int> throughout;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const PlanItem& item = items[i];
        index_of[item.key] = i;
        switch (NumberingOf(item.kind)) {
            case Numbering::kNone:
                break;
            case Numbering::kPerParent: {
                // Under an item of its own kind (seed 002's guideline 1 and its 1.1, 1.2), the
                // parent's number leads.
                const int n = ++per_parent[{item.parent, item.kind}];
                const auto parent = index_of.find(item.parent);
                const bool nested = parent != index_of.end() &&
                                    items[parent->second].kind == item.kind &&
                                    !numbers[parent->second].empty();
                numbers[i] =
                    nested ? fmt::format("{}.{}", numbers[parent->second], n) : std::to_string(n);
                break;
            }
            case Numbering::kOutline: {
                const int n = ++per_parent[{item.parent, item.kind}];
                const auto parent = index_of.find(item.parent);
                const std::string prefix = parent == index_of.end() ? "" : numbers[parent->second];
                numbers[i] = prefix.empty() ? std::to_string(n) : fmt::format("{}.{}", prefix, n);
                break;
            }
            case Numbering::kThroughout:
                numbers[i] = std::to_string(++throughout[item.kind]);
                break;
        }
    }
    return numbers;
}

std::vector<FieldError> PlanTree::NumberingErrors() const {
    std::vector<FieldError> errors;
    const std::vector<std::string> expected = ExpectedNumbers();
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].number == expected[i]) continue;
        const std::string message =
            expected[i].empty()
                ? fmt::format("{} ไม่ต้องมีลำดับเลข แต่มี \"{}\"", Describe(items[i]), items[i].number)
                : fmt::format("ลำดับเลขไม่ต่อเนื่อง: {} มีเลข \"{}\" แต่ตามตำแหน่งควรเป็น \"{}\"",
                              Describe(items[i]), items[i].number, expected[i]);
        errors.push_back({items[i].key, message, items[i].line, "number"});
    }
    return errors;
}

void PlanTree::Renumber() {
    const std::vector<std::string> expected = ExpectedNumbers();
    for (std::size_t i = 0; i < items.size(); ++i) items[i].number = expected[i];
}

Status PlanTree::Move(std::string_view key, std::size_t index) {
    const auto found = std::find_if(items.begin(), items.end(),
                                    [&](const PlanItem& item) { return item.key == key; });
    if (found == items.end()) return NotFound(fmt::format("ไม่พบรายการ \"{}\" ในแผน", key));
    const auto siblings = std::count_if(items.begin(), items.end(), [&](const PlanItem& item) {
        return item.parent == found->parent;
    });
    if (index >= static_cast<std::size_t>(siblings)) {
        return InvalidArgument(
            fmt::format("ย้ายไปลำดับที่ {} ไม่ได้: มีรายการในระดับเดียวกัน {} รายการ", index + 1, siblings));
    }
    // The item's subtree: the items after it until one that is not its descendant.
    std::set<std::string, std::less<>> subtree = {found->key};
    auto end = std::next(found);
    while (end != items.end() && subtree.count(end->parent)) subtree.insert((end++)->key);
    std::vector<PlanItem> moving(found, end);
    const std::string parent = found->parent;
    items.erase(found, end);

    // Where its siblings (with their subtrees) now start and end.
    std::vector<std::size_t> sibling_starts;
    std::size_t after_last = items.size();
    bool seen_parent = parent.empty();
    std::set<std::string, std::less<>> under_parent;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].key == parent) {
            seen_parent = true;
            after_last = i + 1;
            continue;
        }
        if (!seen_parent) continue;
        if (items[i].parent == parent) {
            sibling_starts.push_back(i);
            under_parent.insert(items[i].key);
            after_last = i + 1;
        } else if (under_parent.count(items[i].parent)) {
            under_parent.insert(items[i].key);
            after_last = i + 1;
        } else if (!parent.empty()) {
            break;
        }
    }
    const std::size_t at = index < sibling_starts.size() ? sibling_starts[index] : after_last;
    items.insert(items.begin() + static_cast<std::ptrdiff_t>(at), moving.begin(), moving.end());
    Renumber();
    return {};
}

bool IsReportingRound(int months) {
    return std::find(std::begin(kReportingRounds), std::end(kReportingRounds), months) !=
           std::end(kReportingRounds);
}

KpiValue KpiFigures::Target(int fiscal_year) const {
    const auto found = targets.find(fiscal_year);
    return found == targets.end() ? KpiValue::None() : found->second;
}

KpiValue KpiFigures::TargetHigh(int fiscal_year) const {
    const auto found = targets_high.find(fiscal_year);
    return found == targets_high.end() ? KpiValue::None() : found->second;
}

const KpiResult* KpiFigures::Result(int fiscal_year) const {
    const KpiResult* latest = nullptr;
    for (const KpiResult& result : results) {
        if (result.fiscal_year == fiscal_year && (!latest || result.round > latest->round)) {
            latest = &result;
        }
    }
    return latest;
}

void KpiFigures::SetResult(KpiResult result) {
    const auto same = std::find_if(results.begin(), results.end(), [&](const KpiResult& known) {
        return known.fiscal_year == result.fiscal_year && known.round == result.round;
    });
    if (same != results.end()) {
        *same = std::move(result);
    } else {
        results.push_back(std::move(result));
    }
    std::sort(results.begin(), results.end(), [](const KpiResult& a, const KpiResult& b) {
        return std::pair{a.fiscal_year, a.round} < std::pair{b.fiscal_year, b.round};
    });
}

const std::vector<std::string>& Kpi::Levels() const {
    return levels.empty() ? DefaultLevels() : levels;
}

const std::vector<std::string>& Kpi::GroupsOf(const KpiRow& row) const {
    return row.groups.empty() ? groups : row.groups;
}

KpiFacts Kpi::FactsFor(const KpiFigures& of, int fiscal_year, bool year_open) const {
    KpiFacts facts;
    facts.unit = unit;
    facts.polarity = polarity;
    facts.target = of.Target(fiscal_year);
    facts.target_high = of.TargetHigh(fiscal_year);
    const KpiResult* result = of.Result(fiscal_year);
    if (result) facts.result = result->value;
    facts.levels = Levels();
    facts.year_open = year_open;
    return facts;
}

const FrameworkItem* Framework::Find(std::string_view key) const {
    for (const FrameworkItem& item : items) {
        if (item.key == key) return &item;
    }
    return nullptr;
}

std::string_view PlanStatusName(PlanStatus status) {
    return status == PlanStatus::kPublished ? "published" : "draft";
}

std::string_view PlanStatusLabel(PlanStatus status) {
    return status == PlanStatus::kPublished ? "เผยแพร่แล้ว" : "ร่าง";
}

Result<PlanStatus> ParsePlanStatus(std::string_view text) {
    if (text == "draft" || text == "ร่าง") return PlanStatus::kDraft;
    if (text == "published" || text == "เผยแพร่แล้ว") return PlanStatus::kPublished;
    return InvalidArgument(
        fmt::format("ไม่รู้จักสถานะของแผน \"{}\": ใช้ได้ draft (ร่าง) หรือ published (เผยแพร่แล้ว)", text));
}

Status CheckKpiFormula(KpiUnit unit, std::string_view formula) {
    if (unit != KpiUnit::kPercent && unit != KpiUnit::kPeople && unit != KpiUnit::kCount) {
        const std::string message = fmt::format(
            "ผลจากสูตร (formula) ใช้ได้กับหน่วยนับ ร้อยละ คน หรือ จำนวน ไม่ใช่ {}", KpiUnitLabel(unit));
        return InvalidArgument(message, {FieldError{"formula", message, 0, ""}});
    }
    if (auto parsed = KpiFormula::Parse(formula); !parsed) return std::unexpected(parsed.error());
    return {};
}

bool IsBuddhistEraYear(int fiscal_year) { return fiscal_year >= 2500 && fiscal_year <= 2700; }

const PlanItem* Plan::FindItem(std::string_view key) const {
    for (const PlanItem& item : tree.items) {
        if (item.key == key) return &item;
    }
    return nullptr;
}

const Kpi* Plan::FindKpi(std::string_view item_key) const {
    for (const Kpi& kpi : kpis) {
        if (kpi.item_key == item_key) return &kpi;
    }
    return nullptr;
}

PlanSummary Plan::Summary() const {
    return {office_code, fiscal_year, title, status, version, updated_at, updated_by};
}

const PlanGroup* Plan::FindGroup(std::string_view code) const {
    for (const PlanGroup& group : groups) {
        if (group.code == code) return &group;
    }
    return nullptr;
}

namespace {

// Checks that the figures' values fit the KPI's unit and that its years are Buddhist-era.
void CheckFigures(const Kpi& kpi, const KpiFigures& figures, std::string_view where, int line,
                  std::vector<FieldError>& errors) {
    const auto fits = [&](const KpiValue& value, std::string_view what, int year) {
        if (!IsBuddhistEraYear(year)) {
            errors.push_back({kpi.item_key,
                              fmt::format("{}: ปี {} ของ{}ไม่ใช่ปีงบประมาณ พ.ศ.", where, year, what),
                              line, std::string(what)});
            return;
        }
        if (value.IsNone()) return;
        auto parsed = ParseKpiValue(value.Text(), kpi.unit, kpi.Levels());
        if (!parsed) {
            errors.push_back({kpi.item_key,
                              fmt::format("{}: {}ปี {} \"{}\": {}", where, what, year, value.Text(),
                                          parsed.error().message),
                              line, std::string(what)});
        }
    };
    if (!figures.baseline.IsNone()) {
        auto parsed = ParseKpiValue(figures.baseline.Text(), kpi.unit, kpi.Levels());
        if (!parsed) {
            errors.push_back({kpi.item_key,
                              fmt::format("{}: ค่าฐาน \"{}\": {}", where, figures.baseline.Text(),
                                          parsed.error().message),
                              line, "baseline"});
        }
    }
    if (!figures.formula.empty()) {
        if (auto formula = CheckKpiFormula(kpi.unit, figures.formula); !formula) {
            errors.push_back({kpi.item_key, fmt::format("{}: {}", where, formula.error().message),
                              line, "formula"});
        }
    }
    for (const auto& [year, value] : figures.targets) fits(value, "เป้าหมาย", year);
    for (const auto& [year, value] : figures.targets_high) fits(value, "เป้าหมายขั้นสูง", year);
    if (!figures.targets_high.empty() && kpi.polarity != Polarity::kRange) {
        errors.push_back(
            {kpi.item_key,
             fmt::format("{}: มีเป้าหมายขั้นสูง (targets_high) แต่ตัวชี้วัดไม่ใช่แบบช่วง (range)", where), line,
             "targets_high"});
    }
    for (const KpiResult& result : figures.results) {
        fits(result.value, "ผลการดำเนินงาน", result.fiscal_year);
        if (!IsReportingRound(result.round)) {
            errors.push_back(
                {kpi.item_key,
                 fmt::format("{}: รอบรายงาน {} เดือนไม่มี: ใช้ได้ 3, 6, 9 หรือ 12", where, result.round),
                 line, "results"});
        }
    }
}

}  // namespace

Status Plan::Validate() const {
    std::vector<FieldError> errors;
    if (!IsBuddhistEraYear(fiscal_year)) {
        errors.push_back({"fiscal_year",
                          fmt::format("ปีงบประมาณ {} ไม่ใช่ปี พ.ศ. (เช่น 2567)", fiscal_year), 0,
                          "fiscal_year"});
    }
    if (office_code.empty()) errors.push_back({"office", "แผนต้องระบุรหัสสำนักงานเขต", 0, "office"});
    if (title.empty()) errors.push_back({"title", "แผนต้องมีชื่อ (title)", 0, "title"});
    if (auto structure = tree.CheckStructure(); !structure) {
        for (FieldError& field : structure.error().fields) errors.push_back(std::move(field));
    } else {
        for (FieldError& field : tree.NumberingErrors()) errors.push_back(std::move(field));
    }
    if (auto rules_ok = rules.Validate(); !rules_ok) {
        errors.push_back({"status_rules", rules_ok.error().message, 0, "status_rules"});
    }
    std::set<std::string, std::less<>> group_codes;
    for (const PlanGroup& group : groups) {
        if (group.code.empty() || !group_codes.insert(group.code).second) {
            errors.push_back({"groups",
                              group.code.empty() ? std::string("กลุ่มรับผิดชอบต้องมีรหัส (code)")
                                                 : fmt::format("กลุ่มรับผิดชอบ \"{}\" ซ้ำ", group.code),
                              0, "groups"});
        }
    }
    std::set<std::string, std::less<>> with_kpi;
    for (const Kpi& kpi : kpis) {
        const PlanItem* item = FindItem(kpi.item_key);
        if (!item || item->kind != PlanItemKind::kKpi) {
            errors.push_back({kpi.item_key,
                              fmt::format("ข้อมูลตัวชี้วัด \"{}\" ไม่ได้อยู่กับรายการชนิดตัวชี้วัด", kpi.item_key),
                              kpi.line, ""});
            continue;
        }
        if (!with_kpi.insert(kpi.item_key).second) {
            errors.push_back(
                {kpi.item_key, fmt::format("ตัวชี้วัด \"{}\" มีข้อมูลซ้ำ", kpi.item_key), kpi.line, ""});
        }
        const std::string where =
            fmt::format("ตัวชี้วัด {}", item->number.empty() ? item->key : item->number);
        const auto known_groups = [&](const std::vector<std::string>& codes, int line) {
            for (const std::string& code : codes) {
                if (!group_codes.count(code)) {
                    errors.push_back(
                        {kpi.item_key,
                         fmt::format("{}: กลุ่ม \"{}\" ไม่อยู่ในรายชื่อกลุ่มของแผน (groups)", where, code),
                         line, "groups"});
                }
            }
        };
        known_groups(kpi.groups, kpi.line);
        CheckFigures(kpi, kpi.figures, where, kpi.line, errors);
        if (!kpi.rows.empty() && (!kpi.figures.targets.empty() || !kpi.figures.results.empty() ||
                                  !kpi.figures.formula.empty())) {
            errors.push_back(
                {kpi.item_key,
                 fmt::format("{}: มีแถวย่อย (rows) แล้ว เป้าหมาย ผล และสูตรต้องอยู่ที่แถวย่อย", where),
                 kpi.line, "rows"});
        }
        for (const KpiRow& row : kpi.rows) {
            const std::string row_where = fmt::format("{} แถว \"{}\"", where, row.label);
            if (row.label.empty()) {
                errors.push_back({kpi.item_key, fmt::format("{}: แถวย่อยต้องมีชื่อ (label)", where),
                                  row.line, "label"});
            }
            known_groups(row.groups, row.line);
            CheckFigures(kpi, row.figures, row_where, row.line, errors);
        }
        if (kpi.unit == KpiUnit::kLevel && kpi.Levels().size() < 2) {
            errors.push_back({kpi.item_key, fmt::format("{}: ระดับต้องมีอย่างน้อย 2 ระดับ", where),
                              kpi.line, "levels"});
        }
    }
    for (const PlanItem& item : tree.items) {
        if (item.kind == PlanItemKind::kKpi && !with_kpi.count(item.key)) {
            errors.push_back({item.key,
                              fmt::format("ตัวชี้วัด {} ไม่มีหน่วยนับ (unit)",
                                          item.number.empty() ? item.key : item.number),
                              item.line, "unit"});
        }
    }
    for (const Alignment& link : alignments) {
        if (!FindItem(link.item_key)) {
            errors.push_back({link.item_key,
                              fmt::format("การเชื่อมโยงกับ {}/{} อ้างถึงรายการ \"{}\" ที่ไม่มีในแผน",
                                          link.framework, link.framework_item, link.item_key),
                              link.line, "serves"});
        }
    }
    if (errors.empty()) return {};
    std::string message = errors.size() == 1 ? errors.front().message
                                             : fmt::format("แผนมีข้อผิดพลาด {} แห่ง: {}", errors.size(),
                                                           errors.front().message);
    return InvalidArgument(std::move(message), std::move(errors));
}

Plan Plan::CopyTo(int to_fiscal_year) const {
    Plan copy = *this;
    copy.fiscal_year = to_fiscal_year;
    // "… ประจำปีงบประมาณ 2565" becomes "… 2566": the year the title names is the plan's.
    const std::string from = std::to_string(fiscal_year);
    for (auto at = copy.title.find(from); at != std::string::npos;
         at = copy.title.find(from, at + 4)) {
        copy.title.replace(at, from.size(), std::to_string(to_fiscal_year));
    }
    copy.status = PlanStatus::kDraft;
    copy.source = fmt::format("คัดลอกจากแผนปี {}", fiscal_year);
    copy.version = 0;
    copy.updated_at.clear();
    copy.updated_by.clear();
    return copy;
}

}  // namespace khet
