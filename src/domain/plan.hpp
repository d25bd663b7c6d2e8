#pragma once
// An office's plan for a fiscal year as the seeds structure it: a tree of items (vision,
// mission, goals, values, identity, slogan, strategies, focus points, guidelines, KPIs) in any
// depth, each keeping its order and its number.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"

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
    kPerParent,   // 1, 2, 3 … starting again under each parent (seed 002's guidelines)
    kOutline,     // the parent's number, a dot, then 1, 2, 3 … (1.1, 1.2 under strategy 1)
    kThroughout,  // one run 1, 2, 3 … through the whole plan (seed 002's KPIs 1–32)
};

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

}  // namespace khet
