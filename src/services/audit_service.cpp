#include "services/audit_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "thai/thai_time.hpp"

namespace khet {
namespace {

constexpr int kMaxEntries = 10000;

}  // namespace

Result<AuditPage> AuditService::Entries(const Actor& actor, const AuditFilter& filter) {
    if (auto signed_in = RequireSignedIn(actor); !signed_in) {
        return std::unexpected(signed_in.error());
    }
    if (filter.office_code.empty()) {
        if (!IsSystemAdmin(actor)) {
            const std::string message = "ต้องระบุสำนักงานเขต";
            return InvalidArgument(message, {FieldError{"office", message, 0, ""}});
        }
    } else if (auto allowed = Require(actor, Permission::kReadAudit, Scope{filter.office_code, ""});
               !allowed) {
        return std::unexpected(allowed.error());
    }
    std::vector<FieldError> fields;
    std::string from_at, to_at;
    if (!filter.from_date.empty()) {
        auto day = Date::FromIso(filter.from_date);
        if (day) {
            from_at = UtcIsoOfThaiMidnight(*day);
        } else {
            fields.push_back({"from", "วันที่เริ่มต้องเป็นรูปแบบ ปปปป-ดด-วว (ค.ศ.) เช่น 2026-11-01", 0, ""});
        }
    }
    if (!filter.to_date.empty()) {
        auto day = Date::FromIso(filter.to_date);
        if (day) {
            // Up to the end of that day: the next day's Thai midnight.
            const auto next = std::chrono::year_month_day(day->Days() + std::chrono::days(1));
            auto next_day = Date::FromYmd(static_cast<int>(next.year()),
                                          static_cast<int>(unsigned(next.month())),
                                          static_cast<int>(unsigned(next.day())));
            to_at = UtcIsoOfThaiMidnight(*next_day);
        } else {
            fields.push_back({"to", "วันที่สิ้นสุดต้องเป็นรูปแบบ ปปปป-ดด-วว (ค.ศ.) เช่น 2026-11-30", 0, ""});
        }
    }
    if (!filter.action.empty() && std::find(std::begin(kAuditActions), std::end(kAuditActions),
                                            filter.action) == std::end(kAuditActions)) {
        fields.push_back({"action", fmt::format("ไม่รู้จักการกระทำ \"{}\"", filter.action), 0, ""});
    }
    if (filter.limit < 1 || filter.limit > kMaxEntries) {
        fields.push_back(
            {"limit", fmt::format("จำนวนรายการต้องอยู่ระหว่าง 1 ถึง {}", kMaxEntries), 0, ""});
    }
    if (!fields.empty()) {
        std::string message = fields.front().message;
        return InvalidArgument(std::move(message), std::move(fields));
    }
    // One more than asked, to say whether the list was cut.
    AuditFilter one_more = filter;
    ++one_more.limit;
    auto entries = audit_.AuditEntries(one_more, from_at, to_at);
    if (!entries) return std::unexpected(entries.error());
    AuditPage page{std::move(*entries), false};
    if (page.entries.size() > static_cast<std::size_t>(filter.limit)) {
        page.entries.resize(static_cast<std::size_t>(filter.limit));
        page.truncated = true;
    }
    return page;
}

Result<Document> AuditService::EntriesDocument(const Actor& actor, const AuditFilter& filter) {
    auto page = Entries(actor, filter);
    if (!page) return std::unexpected(page.error());
    const std::vector<AuditEntry>& entries = page->entries;
    Table table;
    table.id = "audit";
    table.caption = filter.office_code.empty()
                        ? std::string("บันทึกการใช้งาน ทุกสำนักงานเขต")
                        : fmt::format("บันทึกการใช้งาน สำนักงานเขต {}", filter.office_code);
    table.columns = {
        {"at", "วันเวลา", CellKind::kText},         {"user_login", "ผู้ใช้", CellKind::kText},
        {"user_name", "ชื่อ", CellKind::kText},      {"address", "จากเครื่อง", CellKind::kText},
        {"action", "การกระทำ", CellKind::kText},   {"entity", "ประเภทข้อมูล", CellKind::kText},
        {"entity_id", "รหัสข้อมูล", CellKind::kText}, {"before", "ก่อนแก้ไข", CellKind::kText},
        {"after", "หลังแก้ไข", CellKind::kText}};
    for (const AuditEntry& entry : entries) {
        const auto when = ParseUtcIso(entry.at);
        table.rows.push_back(
            {{Cell::Text(when ? FormatThaiDateTime(*when, DateStyle::kShort) : entry.at),
              Cell::Text(entry.user_login), Cell::Text(entry.user_name), Cell::Text(entry.address),
              Cell::Text(std::string(AuditActionLabel(entry.action))), Cell::Text(entry.entity),
              Cell::Text(entry.entity_id), Cell::Text(entry.before), Cell::Text(entry.after)},
             RowRole::kBody});
    }
    Document document;
    document.title = table.caption;
    document.provenance = {
        fmt::format("ส่งออกจาก Khet เมื่อ {}", FormatThaiDateTime(std::chrono::system_clock::now())),
        page->truncated
            ? fmt::format("{} รายการล่าสุด (ยังมีรายการเก่ากว่านี้: เลือกช่วงวันที่ให้แคบลง)", entries.size())
            : fmt::format("{} รายการ ใหม่สุดก่อน", entries.size())};
    document.blocks.emplace_back(std::move(table));
    return document;
}

}  // namespace khet
