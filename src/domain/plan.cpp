#include "domain/plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

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
            case Numbering::kPerParent:
                numbers[i] = std::to_string(++per_parent[{item.parent, item.kind}]);
                break;
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

}  // namespace khet
