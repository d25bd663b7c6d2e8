#pragma once

#include <string>
#include <string_view>

namespace khet {

/// Builds one flat JSON object as text, for records the store keeps verbatim (audit values).
/// Layers below http/ have no JSON library; this is all they need.
class JsonObjectText {
  public:
    JsonObjectText& Add(std::string_view key, std::string_view value);
    JsonObjectText& Add(std::string_view key, const char* value) {
        return Add(key, std::string_view(value));
    }
    JsonObjectText& Add(std::string_view key, long long value);
    JsonObjectText& Add(std::string_view key, int value) {
        return Add(key, static_cast<long long>(value));
    }
    JsonObjectText& Add(std::string_view key, bool value);
    /// "{…}"; the builder may go on being used.
    std::string Text() const { return text_ + "}"; }

  private:
    void Key(std::string_view key);
    std::string text_ = "{";
};

/// `text` as a JSON string literal, quotes included; control characters escaped, UTF-8 kept.
std::string JsonQuote(std::string_view text);

}  // namespace khet
