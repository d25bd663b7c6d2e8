#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "domain/audit.hpp"
#include "domain/document.hpp"
#include "domain/school.hpp"
#include "domain/size_scheme.hpp"
#include "domain/user.hpp"
#include "domain/validation.hpp"
#include "http/message.hpp"
#include "services/imports.hpp"
#include "services/sessions.hpp"
#include "services/statistics_service.hpp"
#include "thai/text_hygiene.hpp"

namespace khet::http {

/// `json` as response text. Bytes that are not UTF-8 (a path or parameter echoed in an error
/// message) become U+FFFD instead of an exception that would end the server.
std::string DumpJson(const nlohmann::json& json);

/// A JSON answer (`body` as DumpJson writes it) with `status`.
Response Json(const nlohmann::json& body, int status = 200);

/// A decimal or ratio rounded to two places the way the tables' text rounds it; null for nullopt.
nlohmann::json Rounded(double value);
nlohmann::json Rounded(std::optional<double> value);

nlohmann::json ToJson(const Table& table, const std::vector<std::string>& provenance);
nlohmann::json ToJson(const SizeScheme& scheme);
nlohmann::json ToJson(const SchoolSummary& summary);
nlohmann::json ToJson(const SchoolDetail& detail);
nlohmann::json ToJson(const ValidationWarning& warning);
nlohmann::json ToJson(const ImportSummary& summary);
/// A school's own record, with its version and who last changed it (Thai time).
nlohmann::json SchoolJson(const School& school);
nlohmann::json ToJson(const User& user);
nlohmann::json ToJson(const AuditEntry& entry);

/// The fields of a JSON object body, read one by one; every problem is collected with its
/// field's name, so one answer lists them all. Fields the endpoint does not know are refused.
class JsonBody {
  public:
    /// kInvalidArgument on the field "body" unless `text` is one JSON object (at most
    /// `max_bytes`).
    static Result<JsonBody> Parse(std::string_view text, std::size_t max_bytes = 64 * 1024);

    /// A text as Khet stores it (CleanText, of `shape`), of at most `max_chars` code points; ""
    /// when absent and not required. A required text that is blank is refused.
    std::string String(const std::string& name, bool required, std::size_t max_chars = 300,
                       TextShape shape = TextShape::kLine);
    /// A required password as typed: compared byte for byte, so never trimmed nor normalised.
    std::string Password(const std::string& name, std::size_t max_chars);
    /// An integer; 0 when absent and not required.
    long long Integer(const std::string& name, bool required);
    bool Boolean(const std::string& name, bool required, bool fallback = false);
    /// An array of at most `max_items` texts (one-line, not blank, as String cleans them) of at
    /// most `max_chars` code points each.
    std::vector<std::string> Strings(const std::string& name, bool required, std::size_t max_items,
                                     std::size_t max_chars = 300);
    /// Whether the body has the field (and it is not null).
    bool Contains(const std::string& name) const {
        const auto found = object_.find(name);
        return found != object_.end() && !found->is_null();
    }
    /// The collected problems (and unknown fields) as one kInvalidArgument, or success.
    Status Finish();

  private:
    explicit JsonBody(nlohmann::json object) : object_(std::move(object)) {}
    const nlohmann::json* Find(const std::string& name, bool required);

    nlohmann::json object_;
    std::vector<std::string> read_;
    std::vector<FieldError> errors_;
};

}  // namespace khet::http
