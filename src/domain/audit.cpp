#include "domain/audit.hpp"

namespace khet {

AuditEntry AuditOf(const Actor& actor, std::string action, std::string office_code) {
    AuditEntry entry;
    entry.user_id = actor.UserId();
    entry.user_login = actor.Login();
    entry.user_name = actor.Name();
    entry.address = actor.address();
    entry.office_code = std::move(office_code);
    entry.action = std::move(action);
    return entry;
}

std::string_view AuditActionLabel(std::string_view action) {
    static constexpr std::pair<std::string_view, std::string_view> kLabels[] = {
        {"school.update", "แก้ไขข้อมูลโรงเรียน"},
        {"import.schools", "นำเข้ารายชื่อโรงเรียน"},
        {"import.census", "นำเข้าข้อมูลนักเรียน"},
        {"import.staff", "นำเข้าข้อมูลบุคลากร"},
        {"import.degrees", "นำเข้าข้อมูลวุฒิการศึกษา"},
        {"user.add", "เพิ่มผู้ใช้"},
        {"user.password_reset", "ตั้งรหัสผ่านใหม่ให้ผู้ใช้"},
        {"user.password_change", "เปลี่ยนรหัสผ่านของตนเอง"},
        {"demo.build", "สร้างสำนักงานสาธิต"},
        {"demo.accounts", "สร้างบัญชีสาธิต"},
        {"import.plans", "นำเข้าแผน"},
        {"plan.copy", "เริ่มแผนปีใหม่จากแผนปีก่อน"},
        {"plan.update", "แก้ไขแผน"},
        {"plan.result", "บันทึกผลตัวชี้วัด"},
        {"plan.compute", "คำนวณผลตัวชี้วัดจากข้อมูล"},
    };
    for (const auto& [name, label] : kLabels) {
        if (name == action) return label;
    }
    return action;
}

}  // namespace khet
