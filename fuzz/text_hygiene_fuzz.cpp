// Any bytes as a text Khet is given: CleanText refuses or gives clean text that it gives back
// unchanged, never blank unless empty; PrintableText gives text any document carries.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "thai/text_hygiene.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using khet::fuzz::Require;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const khet::TextShape shape : {khet::TextShape::kLine, khet::TextShape::kLines}) {
        auto clean = khet::CleanText(text, shape);
        Require(khet::IsCleanText(text, shape) == (clean && *clean == text),
                "IsCleanText says whether CleanText changes nothing");
        if (!clean) continue;
        Require(khet::IsCleanText(*clean, shape), "CleanText gives clean text");
        Require(*khet::CleanText(*clean, shape) == *clean, "CleanText twice is CleanText once");
        Require(khet::IsBlank(*clean) == clean->empty(), "clean text is blank only when empty");
    }
    Require(khet::IsPrintableText(khet::PrintableText(text)), "PrintableText gives printable text");
    return 0;
}
