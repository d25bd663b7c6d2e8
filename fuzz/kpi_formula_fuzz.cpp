// Any text as a KPI formula: refused saying where, or evaluated over a census to a finite value
// within the range Khet stores (never a wrapped integer, never a crash on a deep parenthesis).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/kpi_formula.hpp"
#include "fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto formula = khet::KpiFormula::Parse(text);
    if (!formula) return 0;
    khet::MeasureValues values;
    long long count = 7;
    for (const khet::KpiMeasure& measure : khet::KpiMeasures()) {
        values[std::string(measure.name)] = count;
        count = count * 31 % 1'000'003;
    }
    auto value = formula->Evaluate(values);
    if (value) {
        khet::fuzz::Require(std::isfinite(value->value) && std::fabs(value->value) <= 1e12,
                            "a formula's value is finite and within ±10^12");
    }
    return 0;
}
