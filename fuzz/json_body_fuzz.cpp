// Any bytes as a JSON body of the API: refused with an error or read field by field, and every
// text read is stored clean.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_support.hpp"
#include "http/json_mapping.hpp"
#include "thai/text_hygiene.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using khet::fuzz::Require;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto body = khet::http::JsonBody::Parse(text);
    if (!body) return 0;
    const std::string name = body->String("name", true, 200);
    const std::string evidence = body->String("evidence", false, 1000, khet::TextShape::kLines);
    (void)body->Integer("version", false);
    (void)body->Boolean("active", false);
    (void)body->Password("password", 1000);
    for (const std::string& group : body->Strings("groups", false, 20, 100)) {
        Require(khet::IsCleanText(group), "a list's texts are clean");
    }
    Require(khet::IsCleanText(name), "a one-line text is clean");
    Require(khet::IsCleanText(evidence, khet::TextShape::kLines), "a text of lines is clean");
    (void)body->Finish();
    return 0;
}
