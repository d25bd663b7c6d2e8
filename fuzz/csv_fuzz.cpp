// Any bytes as an uploaded CSV or TSV: read without a crash, a hang or a leak, every problem an
// error value, and every cell of a sheet that reads as Khet stores text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "sheets/sheet.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto sheet = khet::sheets::ReadCsv(bytes, "fuzz.csv", {.max_cells = 100'000});
    if (sheet) khet::fuzz::CheckSheet(*sheet);
    return 0;
}
