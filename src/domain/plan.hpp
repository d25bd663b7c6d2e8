#pragma once
// An office's plan for a fiscal year as the seeds structure it: a tree of items (vision,
// mission, goals, values, identity, slogan, strategies, focus points, guidelines, KPIs) in any
// depth, each keeping its order and its number.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "domain/kpi.hpp"
#include "domain/kpi_status.hpp"

namespace khet {

enum class PlanItemKind {
    kVision,     // วิสัยทัศน์
    kMission,    // พันธกิจ
    kGoal,       // เป้าประสงค์
    kValue,      // ค่านิยม
    kIdentity,   // อัตลักษณ์ / เอกลักษณ์
    kSlogan,     // สโลแกน
    kStrategy,   // กลยุทธ์
    kFocus,      // จุดเน้น
    kGuideline,  // แนวทาง (การพัฒนา)
    kKpi,        // ตัวชี้วัด
};

std::string_view PlanItemKindLabel(PlanItemKind kind);
/// "vision", "mission", "goal", "value", "identity", "slogan", "strategy", "focus",
/// "guideline", "kpi".
std::string_view PlanItemKindName(PlanItemKind kind);
/// The kind of its English name or Thai label; kInvalidArgument listing the kinds otherwise.
Result<PlanItemKind> ParsePlanItemKind(std::string_view text);

/// How the items of one kind are numbered (the seeds use all three).
enum class Numbering {
    kNone,        // not numbered (the vision, the slogan)
    kPerParent,   // 1, 2, 3 … starting again under each parent (seed 002's guidelines); under
                  // an item of the same kind 1.1, 1.2 … (seed 002's sub-guidelines)
    kOutline,     // the parent's number, a dot, then 1, 2, 3 … (1.1, 1.2 under strategy 1)
    kThroughout,  // one run 1, 2, 3 … through the whole plan (seed 002's KPIs 1–32)
};

/// "none", "per_parent", "outline", "throughout": as plan files and the store write it.
std::string_view NumberingName(Numbering numbering);
/// The numbering of its name; kInvalidArgument listing the names otherwise.
Result<Numbering> ParseNumbering(std::string_view text);

/// The default numbering of each kind: vision, identity and slogan none, KPIs throughout,
/// guidelines and focus points per parent, the rest per parent.
Numbering DefaultNumbering(PlanItemKind kind);

struct PlanItem {
    std::string key;     // stable within the plan ("s1", "kpi-10"); from the file or given
    std::string parent;  // the parent's key, "" at the top
    PlanItemKind kind = PlanItemKind::kVision;
    std::string number;  // as shown: "1", "2.1"; "" when not numbered
    std::string text;
    int line = 0;  // where the item was read from, for messages (0 when not from a file)
    bool operator==(const PlanItem&) const = default;
};

/// A plan's items in document order (a parent before its children, siblings in their order).
struct PlanTree {
    std::vector<PlanItem> items;
    std::map<PlanItemKind, Numbering> numbering;  // kinds not listed use DefaultNumbering

    Numbering NumberingOf(PlanItemKind kind) const;

    /// Keys unique and not empty, every parent an earlier item; kInvalidArgument with the
    /// item's line otherwise.
    Status CheckStructure() const;
    /// The numbers the items should carry, in the order of `items`.
    std::vector<std::string> ExpectedNumbers() const;
    /// Items whose number is not the one their place gives them ("broken numbering"), as
    /// errors naming the line, the item and the number expected.
    std::vector<FieldError> NumberingErrors() const;
    /// Gives every item the number of its place (after a move or an insertion).
    void Renumber();
    /// Moves item `key` to position `index` among its siblings (0 = first), with its subtree,
    /// and renumbers; kNotFound for an unknown key, kInvalidArgument for an index past the end.
    Status Move(std::string_view key, std::size_t index);
};

/// A responsible group (กลุ่ม) of the office as the plan's KPIs name it ("นิเทศ").
struct PlanGroup {
    std::string code;
    std::string name;
    bool operator==(const PlanGroup&) const = default;
};

/// The reporting rounds of a fiscal year, in months since 1 October.
inline constexpr int kReportingRounds[] = {3, 6, 9, 12};
bool IsReportingRound(int months);

/// A result reported for a fiscal year at the end of a round.
struct KpiResult {
    int fiscal_year = 0;
    int round = 12;
    KpiValue value;
    std::string evidence;  // หลักฐาน: where this result was taken from
    std::string formula;   // the formula it was computed by, as it was then; "" when reported
    bool operator==(const KpiResult&) const = default;
};

/// Targets and results of a KPI or of one of its sub-rows, and how its results are computed
/// when they come from Khet's own data.
struct KpiFigures {
    KpiValue baseline;
    std::map<int, KpiValue> targets;       // by fiscal year
    std::map<int, KpiValue> targets_high;  // the top of a range target, by fiscal year
    std::vector<KpiResult> results;        // by year, then round
    std::string formula;  // a KpiFormula over the census (domain/kpi_formula.hpp); "" if reported

    /// The target of `fiscal_year`, none when there is none.
    KpiValue Target(int fiscal_year) const;
    KpiValue TargetHigh(int fiscal_year) const;
    /// The year's latest round, nullptr when nothing is reported.
    const KpiResult* Result(int fiscal_year) const;
    /// Sets the result of a round, replacing one already there.
    void SetResult(KpiResult result);
    bool operator==(const KpiFigures&) const = default;
};

/// A KPI's sub-row (seed 002's KPI 10: ป.1 and ป.2–6), with its own group, targets and results.
struct KpiRow {
    std::string label;
    std::vector<std::string> groups;  // empty: the KPI's
    KpiFigures figures;
    int line = 0;
    bool operator==(const KpiRow&) const = default;
};

/// What makes a plan item of kind kpi an indicator.
struct Kpi {
    std::string item_key;
    KpiUnit unit = KpiUnit::kPercent;
    Polarity polarity = Polarity::kHigherIsBetter;
    std::vector<std::string> levels;  // for unit ระดับ, lowest first; empty: DefaultLevels()
    std::vector<std::string> groups;
    std::string evidence;  // where the results come from
    KpiFigures figures;    // when the KPI has no rows
    std::vector<KpiRow> rows;
    int line = 0;

    const std::vector<std::string>& Levels() const;
    /// The groups of row `index` (its own, or the KPI's when it names none).
    const std::vector<std::string>& GroupsOf(const KpiRow& row) const;
    /// The facts to judge for `fiscal_year` from `figures` (the KPI's or a row's).
    KpiFacts FactsFor(const KpiFigures& figures, int fiscal_year, bool year_open) const;
    bool operator==(const Kpi&) const = default;
};

/// A plan item serving a framework's item.
struct Alignment {
    std::string item_key;
    std::string framework;       // the framework's code
    std::string framework_item;  // the item's key within it
    int line = 0;
    bool operator==(const Alignment&) const = default;
};

/// A framework an office's plan serves: OBEC's strategies, a model (ESPG 14, OQM, Q POM).
struct FrameworkItem {
    std::string key;  // "1", "1.2", or a name the file gives
    std::string parent;
    std::string number;
    std::string text;
    int line = 0;
    bool operator==(const FrameworkItem&) const = default;
};

struct Framework {
    std::string code;  // "obec-2562", "espg14"
    std::string name;
    std::string office_code;  // "" for a national framework
    std::vector<FrameworkItem> items;

    const FrameworkItem* Find(std::string_view key) const;
    bool operator==(const Framework&) const = default;
};

enum class PlanStatus { kDraft, kPublished };
std::string_view PlanStatusName(PlanStatus status);  // "draft", "published"
std::string_view PlanStatusLabel(PlanStatus status);  // "ร่าง", "เผยแพร่แล้ว"
Result<PlanStatus> ParsePlanStatus(std::string_view text);

/// A plan as a list shows it, without its items.
struct PlanSummary {
    std::string office_code;
    int fiscal_year = 0;
    std::string title;
    PlanStatus status = PlanStatus::kDraft;
    long long version = 0;
    std::string updated_at;
    std::string updated_by;
};

/// An office's plan for a fiscal year (BE): its tree, its KPIs, the groups they name, the
/// framework items its items serve, and the band table its statuses are judged by.
struct Plan {
    std::string office_code;
    int fiscal_year = 0;
    std::string title;
    PlanStatus status = PlanStatus::kDraft;
    std::string source;  // where it came from ("seed 002", "copied from 2565")
    PlanTree tree;
    std::vector<PlanGroup> groups;
    std::vector<Kpi> kpis;  // in the order of their items
    std::vector<Alignment> alignments;
    StatusRules rules = StatusRules::Default();

    long long version = 0;   // the store's, for edit conflicts
    std::string updated_at;  // UTC, ISO 8601
    std::string updated_by;

    const PlanItem* FindItem(std::string_view key) const;
    const Kpi* FindKpi(std::string_view item_key) const;
    const PlanGroup* FindGroup(std::string_view code) const;
    /// The plan as a list shows it.
    PlanSummary Summary() const;

    /// The whole plan holds together: the tree's structure and numbering, exactly one Kpi per
    /// item of kind kpi, groups known, rows only with their own figures, values fitting their
    /// unit, alignments on existing items, valid rules. kInvalidArgument with every problem as
    /// a FieldError (line, item key) otherwise. Frameworks are checked by the caller, who has
    /// them.
    Status Validate() const;

    /// The start of `fiscal_year`'s plan from this one, as offices copy last year's Word file: the
    /// same tree, groups, links and rules, every target and result kept (the new year's table
    /// shows the year before), a draft with no version, the year in its title moved on.
    Plan CopyTo(int to_fiscal_year) const;
};

/// Whether `formula` can give the results of a KPI of `unit`: it reads (KpiFormula::Parse) and
/// the unit takes a number (percent, people, count); kInvalidArgument saying why not.
Status CheckKpiFormula(KpiUnit unit, std::string_view formula);

/// Whether `fiscal_year` is a plausible Buddhist-era fiscal year (2500–2700).
bool IsBuddhistEraYear(int fiscal_year);

}  // namespace khet
