// Any bytes as a plan or framework file: read without a crash or a hang (aliases, depth), and
// a plan that reads is written back as a file that reads to the same plan.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "services/plan_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto file = khet::ReadPlanFile("fuzz.yaml", text);
    if (!file || !file->plan) return 0;
    const std::string written = khet::WritePlanFile(*file->plan, file->office_name);
    auto again = khet::ReadPlanFile("again.yaml", written);
    khet::fuzz::Require(again.has_value(), "a plan that reads is written as a file that reads");
    khet::fuzz::Require(
        again->plan.has_value() && again->plan->tree.items.size() == file->plan->tree.items.size(),
        "the written plan has the items it was written from");
    return 0;
}
