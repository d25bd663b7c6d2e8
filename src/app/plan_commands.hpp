#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace khet::app {

/// `khet plan …`: import, list, show, copy, check, export and compute plans (docs/PLANS.md).
class PlanCommands {
  public:
    explicit PlanCommands(CLI::App& cli);
    /// Whether the command line chose one of the plan commands.
    bool Chosen() const;
    /// Runs the chosen command against `database`; the process's exit code.
    int Run(const std::string& database) const;

  private:
    CLI::App* import_ = nullptr;
    CLI::App* list_ = nullptr;
    CLI::App* show_ = nullptr;
    CLI::App* copy_ = nullptr;
    CLI::App* check_ = nullptr;
    CLI::App* export_ = nullptr;
    CLI::App* compute_ = nullptr;
    int round_ = 0;
    int result_year_ = 0;
    bool replace_ = false;
    std::string output_;
    bool thai_digits_ = false;
    bool kpi_table_ = false;
    std::vector<std::string> files_;
    bool dry_run_ = false;
    bool skip_existing_ = false;
    std::string office_;
    int year_ = 0;
    int from_ = 0;
    int to_ = 0;
    std::string format_ = "text";
};

/// The files named, with each folder among them replaced by its .yaml files; sorted by name (the
/// import reads frameworks before plans whatever the order).
std::vector<std::string> PlanFilesIn(const std::vector<std::string>& paths);

}  // namespace khet::app
