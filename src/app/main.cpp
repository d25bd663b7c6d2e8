#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli_support.hpp"
#include "app/plan_commands.hpp"
#include "app/wiring.hpp"
#include "domain/statistics.hpp"
#include "http/beast_server.hpp"
#include "http/error_mapping.hpp"
#include "http/gate.hpp"
#include "http/json_mapping.hpp"
#include "http/response_cache.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "reports/render.hpp"
#include "services/demo_office.hpp"
#include "sheets/sheet.hpp"
#include "store/backup.hpp"

namespace khet::app {
namespace {

constexpr const char* kDefaultDatabase = "var/khet.db";

int Migrate(const std::string& database) {
    auto wiring = Wiring::Open(database);
    if (!wiring) return Report(wiring.error());
    std::printf("ฐานข้อมูล %s เป็นรุ่นล่าสุดแล้ว\n", database.c_str());
    return 0;
}

// The demo office's accounts, one per role, with new random passwords on every run: printed
// (and written to `accounts_file` for the browser tests), never fixed in the code.
int DemoAccounts(Wiring& wiring, const std::string& accounts_file) {
    auto schools = wiring.Store().Schools(DemoOffice::kOfficeCode);
    if (!schools) return Report(schools.error());
    std::string school_code;
    for (const School& school : *schools) {
        if (school.active && school.affiliation == kObecAffiliation) {
            school_code = school.code;
            break;
        }
    }
    const std::string office(DemoOffice::kOfficeCode);
    struct Demo {
        std::string login;
        std::string name;
        Grant grant;
    };
    const std::vector<Demo> demos = {
        {"sysadmin", "ผู้ดูแลระบบ (สาธิต)", {Role::kSystemAdmin, "", "", ""}},
        {"admin.2402", "นางสาวสมศรี ดูแลดี (สาธิต)", {Role::kOfficeAdmin, office, "", ""}},
        {"planner.2402", "นายวางแผน รอบคอบ (สาธิต)", {Role::kPlanner, office, "", ""}},
        {"staff.2402",
         "นางสาวกลุ่มงาน ขยัน (สาธิต)",
         {Role::kGroupStaff, office, "", "กลุ่มส่งเสริมการจัดการศึกษา"}},
        {"supervisor.2402", "นางนิเทศ ใส่ใจ (สาธิต)", {Role::kSupervisor, office, "", ""}},
        {"executive.2402", "นายบริหาร มั่นคง (สาธิต)", {Role::kExecutive, office, "", ""}},
        {"school." + school_code,
         "ครูธุรการ โรงเรียน (สาธิต)",
         {Role::kSchoolOfficer, office, school_code, ""}},
        {"public.2402", "ประชาชน ทั่วไป (สาธิต)", {Role::kPublic, office, "", ""}},
    };
    nlohmann::json list = nlohmann::json::array();
    std::printf("\nบัญชีสาธิต (รหัสผ่านสุ่มใหม่ทุกครั้งที่รัน: ใช้ทดลองเท่านั้น ห้ามใช้กับข้อมูลจริง)\n");
    for (const Demo& demo : demos) {
        auto account = wiring.Accounts().EnsureDemoAccount(demo.login, demo.name, demo.grant);
        if (!account) return Report(account.error());
        std::printf("  %-26s %-18s %s\n", account->user.login.c_str(),
                    account->one_time_password.c_str(),
                    std::string(RoleLabel(demo.grant.role)).c_str());
        list.push_back({{"login", account->user.login},
                        {"password", account->one_time_password},
                        {"role", RoleName(demo.grant.role)},
                        {"office", demo.grant.office_code},
                        {"school", demo.grant.school_code},
                        {"display_name", account->user.display_name}});
    }
    if (!accounts_file.empty()) {
        std::ofstream out(accounts_file, std::ios::trunc);
        out << nlohmann::json{{"accounts", std::move(list)}}.dump(2) << "\n";
        if (!out) {
            return Report(Error{
                ErrorCode::kUnavailable, fmt::format("เขียนไฟล์บัญชีสาธิต {} ไม่ได้", accounts_file), {}});
        }
        std::filesystem::permissions(accounts_file, std::filesystem::perms::owner_read |
                                                        std::filesystem::perms::owner_write);
    }
    return 0;
}

int Demo(const std::string& database, const std::string& list_path, bool if_empty,
         const std::string& accounts_file) {
    auto wiring = Wiring::Open(database);
    if (!wiring) return Report(wiring.error());
    if (if_empty && (*wiring)->Store().FindOffice(DemoOffice::kOfficeCode)) {
        std::printf("มีสำนักงานสาธิต %s อยู่แล้วใน %s: ไม่สร้างซ้ำ\n",
                    std::string(DemoOffice::kOfficeCode).c_str(), database.c_str());
        return DemoAccounts(**wiring, accounts_file);
    }
    auto sheet = sheets::ReadSheetFile(list_path);
    if (!sheet) return Report(sheet.error());
    DemoOffice demo((*wiring)->Store(), (*wiring)->Store());
    auto summary = demo.Build(*sheet);
    if (!summary) return Report(summary.error());
    std::printf(
        "สร้างสำนักงานสาธิต สพป.ฉะเชิงเทรา เขต 2 (รหัส %s) ใน %s แล้ว: โรงเรียน %lld แห่ง "
        "นักเรียน %lld คน ครู %lld คน ข้อมูลรอบ %s\n"
        "ชื่อและรหัสโรงเรียนเป็นข้อมูลจริง; อำเภอ เขตคุณภาพ และจำนวนรายโรงเรียนเป็นข้อมูลสร้างขึ้น\n",
        summary->office_code.c_str(), database.c_str(), summary->schools, summary->students,
        summary->teachers, summary->round.Label().c_str());
    return DemoAccounts(**wiring, accounts_file);
}

struct ImportArgs {
    std::string kind;
    std::string file;
    std::string round;
    std::string office;
    std::string area;
    std::string school;
    bool dry_run = false;
};

int Import(const std::string& database, const ImportArgs& args) {
    ImportOptions options;
    options.actor = Actor::Console();
    options.dry_run = args.dry_run;
    options.office_code = args.office;
    options.area_code = args.area;
    options.school_code = args.school;
    if (!args.round.empty()) {
        auto round = CensusRound::Parse(args.round);
        if (!round) return Report(round.error());
        options.round = *round;
    }
    auto sheet = sheets::ReadSheetFile(args.file);
    if (!sheet) return Report(sheet.error());
    auto wiring = Wiring::Open(database);
    if (!wiring) return Report(wiring.error());
    auto summary = (*wiring)->Imports().Import(args.kind, *sheet, options);
    if (!summary) return Report(summary.error());
    std::printf("%s %s: %lld แถว จาก %lld โรงเรียน (รูปแบบ %s)\n",
                summary->dry_run ? "ตรวจแล้ว ไม่ได้บันทึก (--dry-run)" : "นำเข้าแล้ว",
                summary->source.c_str(), summary->rows, summary->schools, summary->format.c_str());
    for (const std::string& note : summary->notes) std::printf("  หมายเหตุ: %s\n", note.c_str());
    return 0;
}

struct StatsArgs {
    std::string table;
    std::string office;
    std::string round;
    std::string scheme;
    std::string format = "csv";
    std::string output;
};

int Stats(const std::string& database, const StatsArgs& args) {
    auto wiring = Wiring::Open(database);
    if (!wiring) return Report(wiring.error());
    TableQuery query{args.office, std::nullopt, args.scheme};
    if (!args.round.empty()) {
        auto round = CensusRound::Parse(args.round);
        if (!round) return Report(round.error());
        query.round = *round;
    }
    auto document = (*wiring)->Statistics().StatisticsDocument(Actor::Console(), args.table, query);
    if (!document) return Report(document.error());
    std::string bytes;
    if (args.format == "json") {
        bytes =
            http::ToJson(std::get<Table>(document->blocks.front()), document->provenance).dump(2) +
            "\n";
    } else {
        auto format = reports::ParseFormat(args.format);
        if (!format) return Report(format.error());
        auto rendered = reports::Render(*document, *format);
        if (!rendered) return Report(rendered.error());
        bytes = std::move(*rendered);
    }
    return WriteOutput(args.output, bytes);
}

int Validate(const std::string& database, const std::string& office,
             const std::string& round_text) {
    auto wiring = Wiring::Open(database);
    if (!wiring) return Report(wiring.error());
    std::optional<CensusRound> round;
    if (!round_text.empty()) {
        auto parsed = CensusRound::Parse(round_text);
        if (!parsed) return Report(parsed.error());
        round = *parsed;
    }
    auto warnings = (*wiring)->Statistics().Validate(Actor::Console(), office, round);
    if (!warnings) return Report(warnings.error());
    for (const ValidationWarning& warning : *warnings) {
        std::printf("คำเตือน [%s] %s\n", warning.rule.c_str(), warning.message.c_str());
    }
    std::printf("พบคำเตือน %zu รายการ\n", warnings->size());
    return 0;
}

struct ServeArgs {
    bool trust_proxy = false;
    bool secure_cookies = false;
    std::string address = "127.0.0.1";
    int port = 8080;
    std::string port_file;
    std::string web = "web/dist";
    int threads = 4;
};

// Each server thread owns a store connection, opened on its first request.
Wiring& ThreadWiring(const std::string& database) {
    thread_local std::unique_ptr<Wiring> wiring;
    if (!wiring) {
        auto opened = Wiring::Open(database);
        if (!opened) {
            std::fprintf(stderr, "khet: %s\n", Describe(opened.error()).c_str());
            std::abort();
        }
        wiring = std::move(*opened);
    }
    return *wiring;
}

int Serve(const std::string& database, const ServeArgs& args) {
    {
        auto check = Wiring::Open(database);  // migrate once, and fail early on a bad store
        if (!check) return Report(check.error());
    }
    http::Router router;
    http::RegisterApi(router, [database] { return ThreadWiring(database).Api(); });
    http::ResponseCache cache;
    http::SessionCache sessions;
    const http::StaticFiles files(args.web);
    // Files and kept answers go out from the connection's own thread; the rest is computed on
    // a worker thread, each thread with its own store connection.
    const http::GateOptions gate{args.trust_proxy, args.secure_cookies};
    // Two uploads at a time, one per client address: a body of up to 64 MB is held whole.
    http::UploadSlots uploads(2, 1);
    const auto admit = [&](const http::Request& head, std::optional<std::size_t> declared) {
        Wiring& wiring = ThreadWiring(database);
        return http::AdmitHead(router, sessions, wiring.Sessions(), uploads, gate, head, declared);
    };
    const auto quick = [&](const http::Request& request) -> std::optional<http::Response> {
        if (request.path.starts_with("/api/")) {
            Wiring& wiring = ThreadWiring(database);
            return http::QuickApi(cache, sessions, wiring.Store(), wiring.Sessions(), gate,
                                  request);
        }
        if (request.method == "GET" || request.method == "HEAD") return files.Find(request.path);
        return std::nullopt;
    };
    const auto handler = [&](http::Request request) {
        if (request.path.starts_with("/api/")) {
            Wiring& wiring = ThreadWiring(database);
            return http::HandleApi(router, cache, sessions, wiring.Store(), wiring.Sessions(), gate,
                                   std::move(request));
        }
        // Only the gate reaches the router; other paths are the web UI's files.
        return http::ErrorResponse(NotFound(fmt::format("ไม่พบ {}", request.path)).error());
    };
    http::ServerOptions options;
    options.headers = {
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "same-origin"},
        {"X-Frame-Options", "DENY"},
        {"Content-Security-Policy",
         "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"}};
    options.address = args.address == "localhost" ? "127.0.0.1" : args.address;
    options.port = args.port;
    options.port_file = args.port_file;
    options.threads = args.threads;
    // Behind a proxy every connection comes from the proxy, which limits its clients itself.
    options.max_connections_per_address = args.trust_proxy ? 0 : 64;
    auto served = http::Serve(options, admit, quick, handler);
    if (!served) return Report(served.error());
    return 0;
}

struct UserAddArgs {
    std::string login;
    std::string name;
    std::string role;
    std::string office;
    std::string school;
    std::string group;
};

std::string DescribeGrant(const Grant& grant) {
    std::string text = fmt::format("{} ({})", RoleLabel(grant.role), RoleName(grant.role));
    if (!grant.office_code.empty()) text += fmt::format(" สำนักงานเขต {}", grant.office_code);
    if (!grant.school_code.empty()) text += fmt::format(" โรงเรียน {}", grant.school_code);
    if (!grant.group.empty()) text += fmt::format(" กลุ่ม {}", grant.group);
    return text;
}

int UserAdd(const std::string& database, const UserAddArgs& args) {
    auto role = ParseRole(args.role);
    if (!role) return Report(role.error());
    auto wiring = Wiring::Open(database);
    if (!wiring) return Report(wiring.error());
    const Grant grant{*role, args.office, args.school, args.group};
    auto account =
        (*wiring)->Accounts().AddUser(Actor::Console(), args.login, args.name, grant, std::nullopt);
    if (!account) return Report(account.error());
    std::printf("เพิ่มผู้ใช้ %s (%s) แล้ว: %s\n", account->user.login.c_str(),
                account->user.display_name.c_str(),
                DescribeGrant(account->user.grants.front()).c_str());
    std::printf("รหัสผ่านใช้ครั้งเดียว: %s\n", account->one_time_password.c_str());
    std::printf(
        "แสดงรหัสนี้เพียงครั้งเดียว: ส่งให้ผู้ใช้ทางช่องทางที่ปลอดภัย "
        "ผู้ใช้ต้องเปลี่ยนรหัสผ่านเมื่อเข้าสู่ระบบครั้งแรก\n");
    return 0;
}

int UserList(const std::string& database) {
    auto wiring = Wiring::Open(database);
    if (!wiring) return Report(wiring.error());
    auto users = (*wiring)->Accounts().Users(Actor::Console(), "");
    if (!users) return Report(users.error());
    for (const User& user : *users) {
        std::printf("%s\t%s%s%s\n", user.login.c_str(), user.display_name.c_str(),
                    user.must_change_password ? "\t(ต้องเปลี่ยนรหัสผ่าน)" : "",
                    user.demo ? "\t(บัญชีสาธิต)" : "");
        for (const Grant& grant : user.grants) {
            std::printf("  %s\n", DescribeGrant(grant).c_str());
        }
    }
    std::printf("ผู้ใช้ %zu คน\n", users->size());
    return 0;
}

int BackupDatabase(const std::string& database, const std::string& file) {
    auto backed_up = store::Backup(database, file);
    if (!backed_up) return Report(backed_up.error());
    std::error_code ignored;
    std::printf("สำรองฐานข้อมูลไว้ที่ %s แล้ว (%llu ไบต์)\n", file.c_str(),
                static_cast<unsigned long long>(std::filesystem::file_size(file, ignored)));
    return 0;
}

int RestoreDatabase(const std::string& database, const std::string& file, bool yes) {
    if (!yes) {
        std::printf("กู้คืน %s ทับข้อมูลทั้งหมดในฐานข้อมูลปัจจุบัน? พิมพ์ yes เพื่อยืนยัน: ", file.c_str());
        std::fflush(stdout);
        std::string answer;
        if (!std::getline(std::cin, answer) || (answer != "yes" && answer != "y")) {
            std::fprintf(stderr, "\nยกเลิก: ไม่ได้กู้คืน (ใช้ --yes เพื่อข้ามการยืนยัน)\n");
            return 1;
        }
    }
    auto restored = store::Restore(database, file);
    if (!restored) return Report(restored.error());
    std::printf("กู้คืน %s แล้ว: migration %d, โรงเรียน %lld แห่ง, ข้อมูลนักเรียน %lld แถว\n", file.c_str(),
                restored->migration, restored->schools, restored->enrolment_rows);
    return 0;
}

}  // namespace
}  // namespace khet::app

int main(int argc, char** argv) {
    using namespace khet::app;
    CLI::App cli{"Khet — ระบบแผน ข้อมูล และรายงานของสำนักงานเขตพื้นที่การศึกษา"};
    cli.require_subcommand(1);
    cli.fallthrough();  // `khet demo --db F` as well as `khet --db F demo`
    std::string database = kDefaultDatabase;
    cli.add_option("--db", database, "ฐานข้อมูล: ไฟล์ SQLite หรือ postgresql://…")
        ->capture_default_str();

    auto* migrate = cli.add_subcommand("migrate", "สร้างหรือปรับโครงสร้างฐานข้อมูลให้เป็นรุ่นล่าสุด");

    std::string list_path = "data/demo/obec_schools_2402.tsv";
    bool if_empty = false;
    auto* demo = cli.add_subcommand("demo", "สร้างสำนักงานสาธิต สพป.ฉะเชิงเทรา เขต 2");
    demo->add_option("--school-list", list_path, "รายชื่อโรงเรียน สพฐ. (TSV)")->capture_default_str();
    demo->add_flag("--if-empty", if_empty,
                   "ไม่สร้างข้อมูลซ้ำถ้ามีสำนักงานสาธิตอยู่แล้ว (บัญชีสาธิตได้รหัสผ่านใหม่เสมอ)");
    std::string accounts_file;
    demo->add_option("--accounts-file", accounts_file,
                     "เขียนบัญชีสาธิตและรหัสผ่านลงไฟล์ JSON นี้ (สำหรับการทดสอบ)");

    ImportArgs import_args;
    auto* import = cli.add_subcommand("import", "นำเข้าข้อมูลจากไฟล์ CSV หรือ XLSX (ทั้งไฟล์หรือไม่เลย)");
    import->add_option("kind", import_args.kind, "schools | census | staff | degrees")
        ->required()
        ->check(CLI::IsMember({"schools", "census", "staff", "degrees"}));
    import->add_option("file", import_args.file, "ไฟล์ CSV, TSV หรือ XLSX")->required();
    import->add_option("--round", import_args.round, "รอบข้อมูล ปีการศึกษา/รอบ เช่น 2564/2");
    import->add_option("--office", import_args.office, "รหัสสำนักงานเขต เช่น 2402");
    import->add_option("--area", import_args.area, "รายชื่อ สพฐ.: เอาเฉพาะเขตนี้ เช่น 2402");
    import->add_option("--school", import_args.school, "ไฟล์ EMIS รายโรงเรียน: รหัสโรงเรียน");
    import->add_flag("--dry-run", import_args.dry_run, "ตรวจอย่างเดียว ไม่บันทึก");

    StatsArgs stats_args;
    auto* stats = cli.add_subcommand("stats", "ตารางสถิติ (ตารางที่ 1–4, 6–8 ของแผน)");
    stats->add_option("table", stats_args.table, "table1 … table8")->required();
    stats->add_option("--office", stats_args.office, "รหัสสำนักงานเขต หรือ all (ทุกเขตในฐานข้อมูล)")
        ->required();
    stats->add_option("--round", stats_args.round, "รอบข้อมูล (ค่าเริ่มต้น: รอบล่าสุด)");
    stats->add_option("--scheme", stats_args.scheme, "เกณฑ์ขนาดโรงเรียน (table2)");
    stats->add_option("--format", stats_args.format, "csv | json | xlsx | pdf")
        ->check(CLI::IsMember({"csv", "json", "xlsx", "pdf"}))
        ->capture_default_str();
    stats->add_option("-o,--output", stats_args.output, "ไฟล์ผลลัพธ์ (ค่าเริ่มต้น: หน้าจอ)");

    std::string validate_office, validate_round;
    auto* validate = cli.add_subcommand("validate", "ตรวจความสอดคล้องของข้อมูลข้ามตาราง");
    validate->add_option("--office", validate_office, "รหัสสำนักงานเขต")->required();
    validate->add_option("--round", validate_round, "รอบข้อมูล");

    ServeArgs serve_args;
    auto* serve = cli.add_subcommand("serve", "เปิดเว็บ (ต้องเข้าสู่ระบบก่อนใช้งาน)");
    serve->add_option("--address", serve_args.address, "ที่อยู่ที่รับการเชื่อมต่อ เช่น 0.0.0.0")
        ->capture_default_str();
    serve->add_flag("--trust-proxy", serve_args.trust_proxy,
                    "อยู่หลัง reverse proxy: ใช้ X-Forwarded-For และ X-Forwarded-Proto");
    serve->add_flag("--secure-cookies", serve_args.secure_cookies,
                    "ตั้งคุกกี้ Secure เสมอ (เมื่อผู้ใช้เข้าผ่าน HTTPS)");
    serve->add_option("--port", serve_args.port, "พอร์ต (0 = เลือกพอร์ตว่างเอง)")
        ->capture_default_str();
    serve->add_option("--port-file", serve_args.port_file, "เขียนพอร์ตที่ใช้ลงไฟล์นี้");
    serve->add_option("--web", serve_args.web, "โฟลเดอร์หน้าเว็บที่สร้างแล้ว")->capture_default_str();
    serve->add_option("--threads", serve_args.threads)->capture_default_str();

    auto* user = cli.add_subcommand("user", "บัญชีผู้ใช้");
    user->require_subcommand(1);
    UserAddArgs user_add_args;
    auto* user_add = user->add_subcommand("add", "เพิ่มผู้ใช้ พร้อมรหัสผ่านใช้ครั้งเดียว (แสดงครั้งเดียว)");
    user_add->add_option("login", user_add_args.login, "ชื่อผู้ใช้หรืออีเมล")->required();
    user_add->add_option("--name", user_add_args.name, "ชื่อที่แสดง เช่น นายสมชาย ใจดี")->required();
    user_add->add_option("--role", user_add_args.role, "บทบาท เช่น system_admin, office_admin")
        ->required();
    user_add->add_option("--office", user_add_args.office, "รหัสสำนักงานเขต เช่น 2402");
    user_add->add_option("--school", user_add_args.school, "รหัสโรงเรียน (school_officer)");
    user_add->add_option("--group", user_add_args.group, "กลุ่มในสำนักงานเขต (group_staff)");
    auto* user_list = user->add_subcommand("list", "รายชื่อผู้ใช้และบทบาท");

    std::string backup_file;
    auto* backup = cli.add_subcommand("backup", "สำรองฐานข้อมูลลงไฟล์ (ทำได้ขณะเปิดเว็บอยู่)");
    backup->add_option("file", backup_file, "ไฟล์สำรอง")->required();

    std::string restore_file;
    bool restore_yes = false;
    auto* restore = cli.add_subcommand("restore", "กู้คืนฐานข้อมูลจากไฟล์สำรอง (แทนที่ข้อมูลทั้งหมด)");
    restore->add_option("file", restore_file, "ไฟล์สำรองจาก khet backup")->required();
    restore->add_flag("--yes", restore_yes, "ไม่ต้องถามยืนยัน");

    PlanCommands plan_commands(cli);

    CLI11_PARSE(cli, argc, argv);
    if (plan_commands.Chosen()) return plan_commands.Run(database);
    if (*migrate) return Migrate(database);
    if (*demo) return Demo(database, list_path, if_empty, accounts_file);
    if (*import) return Import(database, import_args);
    if (*stats) return Stats(database, stats_args);
    if (*validate) return Validate(database, validate_office, validate_round);
    if (*serve) return Serve(database, serve_args);
    if (*user_add) return UserAdd(database, user_add_args);
    if (*user_list) return UserList(database);
    if (*backup) return BackupDatabase(database, backup_file);
    if (*restore) return RestoreDatabase(database, restore_file, restore_yes);
    return 0;
}
