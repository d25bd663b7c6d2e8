#include "app/plan_commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/cli_support.hpp"
#include "app/wiring.hpp"
#include "domain/kpi_table.hpp"
#include "reports/render.hpp"
#include "services/plan_file.hpp"

namespace khet::app {
namespace {

Result<std::string> ReadText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return NotFound(fmt::format("เปิดไฟล์ {} ไม่ได้", path));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// The text of a plan for the console: its items indented by depth, then its KPI table with the
// status of the plan's year and why.
std::string ShowPlan(const Plan& plan) {
    std::string out =
        fmt::format("{} (ปีงบประมาณ {}, สำนักงาน {}, {}, ฉบับที่ {})\n", plan.title, plan.fiscal_year,
                    plan.office_code, PlanStatusLabel(plan.status), plan.version);
    std::map<std::string_view, int> depth;
    for (const PlanItem& item : plan.tree.items) {
        const int level = item.parent.empty() ? 0 : depth[item.parent] + 1;
        depth[item.key] = level;
        out += fmt::format("{:{}}{} {}{}\n", "", level * 2, PlanItemKindLabel(item.kind),
                           item.number.empty() ? "" : item.number + ". ", item.text);
    }
    const std::vector<KpiTableLine> table = KpiTable(plan);
    if (table.empty()) return out;
    const int year = plan.fiscal_year;
    out += fmt::format("\nตัวชี้วัด\tกลุ่มรับผิดชอบ\tเป้าหมาย {}\tผล {}\tเป้าหมาย {}\tสถานะ {}\tเหตุผล\n",
                       year - 1, year - 1, year, year - 1);
    for (const KpiTableLine& line : table) {
        const KpiResult* previous = line.figures->Result(year - 1);
        const KpiJudgement judged = JudgeLine(plan, line, year - 1, false);
        out += fmt::format("{}{}\t{}\t{}\t{}\t{}\t{}\t{}\n", line.item->number,
                           line.row ? " - " + line.row->label : "", line.groups,
                           line.figures->Target(year - 1).Text(),
                           previous ? previous->value.Text() : "-",
                           line.figures->Target(year).Text(), KpiStatusLabel(judged.status),
                           judged.rule.empty() ? judged.inputs : judged.rule);
    }
    return out;
}

}  // namespace

std::vector<std::string> PlanFilesIn(const std::vector<std::string>& paths) {
    std::vector<std::string> plans;
    for (const std::string& path : paths) {
        if (!std::filesystem::is_directory(path)) {
            plans.push_back(path);
            continue;
        }
        for (const auto& entry : std::filesystem::directory_iterator(path)) {
            const std::string name = entry.path().string();
            if (entry.path().extension() != ".yaml" && entry.path().extension() != ".yml") continue;
            plans.push_back(name);
        }
    }
    std::sort(plans.begin(), plans.end());
    return plans;
}

PlanCommands::PlanCommands(CLI::App& cli) {
    auto* plan = cli.add_subcommand("plan", "แผนของสำนักงานเขต: นำเข้า ดู คัดลอกเป็นแผนปีใหม่ ตรวจ");
    plan->require_subcommand(1);

    import_ = plan->add_subcommand("import",
                                   "นำเข้าไฟล์แผนและไฟล์กรอบ (YAML ตาม docs/PLANS.md; ทั้งหมดหรือไม่เลย)");
    import_->add_option("files", files_, "ไฟล์ .yaml หรือโฟลเดอร์ เช่น data/frameworks data/plans")
        ->required();
    import_->add_flag("--dry-run", dry_run_, "ตรวจอย่างเดียว ไม่บันทึก");
    import_->add_flag("--skip-existing", skip_existing_,
                      "ข้ามแผนและกรอบที่มีอยู่แล้วในฐานข้อมูล (ไม่ทับสิ่งที่แก้ไขไว้)");

    list_ = plan->add_subcommand("list", "รายการแผนของสำนักงานเขต");
    list_->add_option("--office", office_, "รหัสสำนักงานเขต เช่น 2402")->required();

    show_ = plan->add_subcommand("show", "แสดงแผนหนึ่งปี พร้อมตารางตัวชี้วัดและสถานะ");
    show_->add_option("--office", office_, "รหัสสำนักงานเขต")->required();
    show_->add_option("--year", year_, "ปีงบประมาณ พ.ศ. เช่น 2562")->required();
    show_->add_option("--format", format_, "text | yaml")
        ->check(CLI::IsMember({"text", "yaml"}))
        ->capture_default_str();

    copy_ = plan->add_subcommand("copy", "เริ่มแผนปีใหม่จากแผนปีก่อน (เป็นร่าง)");
    copy_->add_option("--office", office_, "รหัสสำนักงานเขต")->required();
    copy_->add_option("--from", from_, "ปีต้นทาง เช่น 2565")->required();
    copy_->add_option("--to", to_, "ปีปลายทาง เช่น 2566")->required();

    check_ = plan->add_subcommand(
        "check", "ตรวจความเชื่อมโยง: กลยุทธ์ที่ไม่มีตัวชี้วัด ตัวชี้วัดที่ไม่มีผู้รับผิดชอบ และกรอบที่แผนรองรับ");
    check_->add_option("--office", office_, "รหัสสำนักงานเขต")->required();
    check_->add_option("--year", year_, "ปีงบประมาณ พ.ศ.")->required();

    export_ = plan->add_subcommand("export",
                                   "พิมพ์แผนเป็น PDF (ปก สารบัญ วิสัยทัศน์ถึงตัวชี้วัด) หรือตารางตัวชี้วัดเป็น XLSX");
    export_->add_option("--office", office_, "รหัสสำนักงานเขต")->required();
    export_->add_option("--year", year_, "ปีงบประมาณ พ.ศ.")->required();
    export_->add_option("--format", format_, "pdf | xlsx | csv")
        ->check(CLI::IsMember({"pdf", "xlsx", "csv"}))
        ->required();
    export_->add_option("-o,--output", output_, "ไฟล์ผลลัพธ์ (- = หน้าจอ)")->required();
    export_->add_flag("--thai-digits", thai_digits_, "PDF: ตัวเลขไทยทั้งเอกสาร รวมเลขหน้า");
    export_->add_flag("--kpi-table", kpi_table_,
                      "PDF: เฉพาะตารางตัวชี้วัด (XLSX และ CSV เป็นตารางตัวชี้วัดเสมอ)");

    compute_ = plan->add_subcommand(
        "compute", "คำนวณผลตัวชี้วัดที่มีสูตร (formula) จากข้อมูลสำมะโนของ Khet เมื่อสิ้นรอบรายงาน แล้วบันทึกไว้");
    compute_->add_option("--office", office_, "รหัสสำนักงานเขต")->required();
    compute_->add_option("--year", year_, "ปีงบประมาณของแผน พ.ศ.")->required();
    compute_->add_option("--round", round_,
                         "รอบรายงาน 3, 6, 9 หรือ 12 (เดือน); ไม่ระบุ = ทุกรอบของปีที่สิ้นสุดแล้ว");
    compute_->add_option("--result-year", result_year_, "ปีงบประมาณของผล (ไม่ระบุ = ปีของแผน)");
    compute_->add_flag("--replace", replace_, "คำนวณใหม่แม้รอบนั้นมีผลแล้ว (ไม่ระบุ = เก็บผลเดิม)");
}

bool PlanCommands::Chosen() const {
    return *import_ || *list_ || *show_ || *copy_ || *check_ || *export_ || *compute_;
}

int PlanCommands::Run(const std::string& database) const {
    auto wiring = Wiring::Open(database);
    if (!wiring) return Report(wiring.error());
    PlanService& plans = (*wiring)->Plans();
    const Actor console = Actor::Console();

    if (*import_) {
        std::vector<NamedText> texts;
        for (const std::string& path : PlanFilesIn(files_)) {
            auto text = ReadText(path);
            if (!text) return Report(text.error());
            texts.push_back({path, std::move(*text)});
        }
        if (texts.empty()) {
            return Report(
                NotFound(fmt::format("ไม่พบไฟล์ .yaml ใน {}", fmt::join(files_, " "))).error());
        }
        auto summary =
            plans.Import(console, texts,
                         {.dry_run = dry_run_, .skip_existing = skip_existing_, .only_office = ""});
        if (!summary) return Report(summary.error());
        std::printf("%s: ไฟล์ %zu ไฟล์ กรอบ %zu กรอบ แผน %zu แผน (รายการ %d ตัวชี้วัด %d)\n",
                    dry_run_ ? "ตรวจแล้ว ไม่ได้บันทึก" : "นำเข้าแล้ว", texts.size(),
                    summary->frameworks.size(), summary->plans.size(), summary->items,
                    summary->kpis);
        for (const PlanSummary& plan : summary->plans) {
            std::printf("  %s ปีงบประมาณ %d: %s (%s)\n", plan.office_code.c_str(), plan.fiscal_year,
                        plan.title.c_str(), std::string(PlanStatusLabel(plan.status)).c_str());
        }
        if (!summary->skipped.empty()) {
            std::string skipped;
            for (const std::string& id : summary->skipped) skipped += " " + id;
            std::printf("  ข้ามที่มีอยู่แล้ว:%s\n", skipped.c_str());
        }
        for (const std::string& office : summary->new_offices) {
            std::printf("  เพิ่มสำนักงานเขต %s จาก office_name ในไฟล์\n", office.c_str());
        }
        return 0;
    }
    if (*list_) {
        auto list = plans.List(console, office_);
        if (!list) return Report(list.error());
        if (list->empty()) std::printf("สำนักงาน %s ยังไม่มีแผน\n", office_.c_str());
        for (const PlanSummary& plan : *list) {
            std::printf("%d\t%s\t%s\tฉบับที่ %lld\t%s\n", plan.fiscal_year, plan.title.c_str(),
                        std::string(PlanStatusLabel(plan.status)).c_str(), plan.version,
                        plan.updated_at.c_str());
        }
        return 0;
    }
    if (*show_) {
        auto plan = plans.Get(console, office_, year_);
        if (!plan) return Report(plan.error());
        const std::string text = format_ == "yaml" ? WritePlanFile(*plan) : ShowPlan(*plan);
        std::fwrite(text.data(), 1, text.size(), stdout);
        return 0;
    }
    if (*copy_) {
        auto copied = plans.Copy(console, office_, from_, to_);
        if (!copied) return Report(copied.error());
        std::printf("เริ่มแผนปีงบประมาณ %d ของสำนักงาน %s จากแผนปี %d แล้ว (ร่าง): %s\n", to_,
                    office_.c_str(), from_, copied->title.c_str());
        return 0;
    }
    if (*export_) {
        auto format = reports::ParseFormat(format_);
        if (!format) return Report(format.error());
        auto document =
            plans.PlanDocumentOf(console, office_, year_,
                                 PlanDocumentPartFor(kpi_table_, *format == reports::Format::kPdf));
        if (!document) return Report(document.error());
        auto bytes = *format == reports::Format::kPdf
                         ? reports::RenderPdf(*document, {.thai_digits = thai_digits_})
                         : reports::Render(*document, *format);
        if (!bytes) return Report(bytes.error());
        return WriteOutput(output_, *bytes);
    }
    if (*compute_) {
        ComputeRequest request;
        request.result_year = result_year_;
        if (round_ != 0) request.round = round_;
        request.replace = replace_;
        auto summary = plans.ComputeResults(console, office_, year_, request);
        if (!summary) return Report(summary.error());
        for (const ComputeSummary::Round& round : summary->rounds) {
            std::printf("รอบ %d เดือน จากข้อมูลสำมะโน %s\n", round.round, round.census.c_str());
            for (const ComputedLine& line : round.lines) {
                std::printf("  %s\t%s\t%s\n", line.name.c_str(), line.result.value.Text().c_str(),
                            line.kept ? "คงผลเดิม" : line.result.evidence.c_str());
            }
        }
        for (const std::string& skipped : summary->skipped) {
            std::printf("ข้าม: %s\n", skipped.c_str());
        }
        std::printf("%s\n", summary->written
                                ? fmt::format("บันทึกแล้ว: แผนฉบับที่ {}", summary->plan.version).c_str()
                                : "ไม่มีผลใหม่: ทุกรอบมีผลแล้ว (ใช้ --replace เพื่อคำนวณใหม่)");
        return 0;
    }
    if (*check_) {
        auto plan = plans.Get(console, office_, year_);
        if (!plan) return Report(plan.error());
        auto frameworks = plans.Frameworks(console);
        if (!frameworks) return Report(frameworks.error());
        const AlignmentCheck check = CheckAlignment(*plan, *frameworks);
        std::printf("กลยุทธ์ที่ไม่มีตัวชี้วัด: %zu\n", check.strategies_without_kpis.size());
        for (const PlanItem* item : check.strategies_without_kpis) {
            std::printf("  กลยุทธ์ %s %s\n", item->number.c_str(), item->text.c_str());
        }
        std::printf("ตัวชี้วัดที่ไม่มีกลุ่มรับผิดชอบ: %zu\n", check.kpis_without_group.size());
        for (const PlanItem* item : check.kpis_without_group) {
            std::printf("  ตัวชี้วัด %s %s\n", item->number.c_str(), item->text.c_str());
        }
        std::printf("กรอบที่แผนรองรับ:\n");
        for (const AlignmentCheck::Served& served : check.served) {
            std::printf("  %s/%s %s ← ", served.framework->code.c_str(), served.item->key.c_str(),
                        served.item->text.c_str());
            for (const PlanItem* item : served.by) {
                std::printf("%s %s; ", std::string(PlanItemKindLabel(item->kind)).c_str(),
                            item->number.c_str());
            }
            std::printf("\n");
        }
        return 0;
    }
    return 0;
}

}  // namespace khet::app
