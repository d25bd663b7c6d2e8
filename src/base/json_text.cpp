#include "base/json_text.hpp"

#include <fmt/format.h>

namespace khet {

std::string JsonQuote(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
                } else {
                    out += c;
                }
        }
    }
    out += '"';
    return out;
}

void JsonObjectText::Key(std::string_view key) {
    if (text_.size() > 1) text_ += ',';
    text_ += JsonQuote(key);
    text_ += ':';
}

JsonObjectText& JsonObjectText::Add(std::string_view key, std::string_view value) {
    Key(key);
    text_ += JsonQuote(value);
    return *this;
}

JsonObjectText& JsonObjectText::Add(std::string_view key, long long value) {
    Key(key);
    text_ += std::to_string(value);
    return *this;
}

JsonObjectText& JsonObjectText::Add(std::string_view key, bool value) {
    Key(key);
    text_ += value ? "true" : "false";
    return *this;
}

}  // namespace khet
