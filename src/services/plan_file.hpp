#pragma once
// Plan files and framework files (docs/PLANS.md): YAML read into a Plan or a Framework, every
// problem reported with the file's name, the line and the reason.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "domain/plan.hpp"

namespace khet {

/// One file read: either a plan (with the office's name when the file gives one) or a framework.
struct PlanFile {
    std::string name;  // as given, for messages
    std::optional<Plan> plan;
    std::string office_name;  // the plan's office_name, "" when not given
    std::optional<Framework> framework;
};

/// Reads `text` as a plan or framework file named `name`. Checks everything the file alone can
/// tell (kinds, keys, numbering, units, values, groups, years, rules); links to frameworks are
/// checked by the caller. kInvalidArgument listing every problem as "NAME:LINE: reason" (the
/// FieldError's row is the line, its column the key) otherwise.
Result<PlanFile> ReadPlanFile(std::string_view name, std::string_view text);

/// The largest plan or framework file read (seed 002, the largest seed, is about 60 KiB).
inline constexpr std::size_t kMaxPlanFileBytes = std::size_t{4} * 1024 * 1024;

/// Writes `plan` as a plan file that ReadPlanFile reads back to the same plan (`office_name` is
/// written when not empty).
std::string WritePlanFile(const Plan& plan, std::string_view office_name = "");

}  // namespace khet
