#pragma once
// Helpers for tests of plans: reading the repository's plan files and comparing plans.
#include <string>
#include <vector>

#include "domain/plan.hpp"
#include "services/plans.hpp"

namespace khet::testing {

/// The text of a file of the repository (a path relative to its root).
std::string SourceText(const std::string& relative_path);

/// Every framework and plan file of data/frameworks and data/plans, by path.
std::vector<NamedText> SeedPlanFiles();

/// The plan of data/plans/NAME, read with ReadPlanFile (fails the test when it does not read).
Plan SeedPlan(const std::string& name);

/// Whether two plans hold the same content: the lines they were read from, their version and
/// who stored them when aside. On a difference, says which part differs in `why`.
bool SamePlan(const Plan& a, const Plan& b, std::string* why = nullptr);

}  // namespace khet::testing
