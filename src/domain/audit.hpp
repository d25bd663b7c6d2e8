#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/access.hpp"

namespace khet {

/// One write on record: who, when, from where, what, and the values before and after. The store
/// writes it in the same transaction as the write it describes.
struct AuditEntry {
    long long generation = 0;  // given by the store: the data generation the write produced
    int seq = 0;               // given by the store: order within that write
    std::string at;            // given by the store: UTC, "2026-11-23T03:42:05Z"
    long long user_id = 0;     // 0 for the console
    std::string user_login;    // "console" for the console
    std::string user_name;
    std::string address;      // the client's address, or "console"
    std::string office_code;  // whose trail it belongs to; "" for system-wide writes
    std::string action;       // "school.update", "import.census", "user.add", …
    std::string entity;       // "school", "census", "user"
    std::string entity_id;    // "1024050001", "2564/2", "admin.2402"
    std::string before;       // JSON object text; "" when the entity did not exist
    std::string after;        // JSON object text; "" when the entity is gone
};

/// An entry of `action` by `actor`, for `office_code`; the caller fills entity and values.
AuditEntry AuditOf(const Actor& actor, std::string action, std::string office_code);

/// Thai label of an action for people ("แก้ไขข้อมูลโรงเรียน"); the action itself when unknown.
std::string_view AuditActionLabel(std::string_view action);

/// The actions Khet records, for filters.
inline constexpr std::string_view kAuditActions[] = {
    "school.update",  "import.schools", "import.census",       "import.staff",
    "import.degrees", "user.add",       "user.password_reset", "user.password_change",
    "demo.build",     "demo.accounts",  "import.plans",        "plan.copy",
    "plan.update",    "plan.result",    "plan.compute"};

/// What an audit listing asks for; empty fields do not filter.
struct AuditFilter {
    std::string office_code = {};  // required unless the caller may read every office's trail
    std::string user_login = {};
    std::string action = {};
    std::string entity = {};
    std::string entity_id = {};
    // "2026-11-01": entries at or after the start of that day (Thai time).
    std::string from_date = {};
    // "2026-11-30": entries before the end of that day (Thai time).
    std::string to_date = {};
    int limit = 200;  // 1–10,000
};

}  // namespace khet
