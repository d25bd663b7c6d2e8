#include "store/postgres/postgres_backup.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <sstream>
#include <system_error>
#include <vector>

extern char** environ;

namespace khet::store {
namespace {

struct Ran {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// The newest PostgreSQL's own copy of `tool` (pg_dump must be at least the server's version),
// else the one on PATH.
std::string FindTool(const std::string& tool) {
    std::vector<std::filesystem::path> candidates;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", error)) {
        const auto path = entry.path() / "bin" / tool;
        if (::access(path.c_str(), X_OK) == 0) candidates.push_back(path);
    }
    if (candidates.empty()) return tool;
    // Version folders are numbers ("15", "16"): compare them as numbers, not text.
    const auto version = [](const std::filesystem::path& path) {
        const std::string name = path.parent_path().parent_path().filename().string();
        int number = 0;
        std::from_chars(name.data(), name.data() + name.size(), number);
        return number;
    };
    return std::ranges::max(candidates, {}, version).string();
}

// Runs the program directly (no shell: the URL may hold a password and any character) and
// collects its output and error output.
Result<Ran> Run(std::vector<std::string> args) {
    int out_pipe[2], err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) return Fail(ErrorCode::kUnavailable, "สร้าง pipe ไม่ได้");
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        ::close(out_pipe[0]);
        ::close(out_pipe[1]);
        return Fail(ErrorCode::kUnavailable, "สร้าง pipe ไม่ได้");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int spawned = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (spawned != 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        return Fail(ErrorCode::kUnavailable,
                    fmt::format("เรียกโปรแกรม {} ไม่ได้: {} (ติดตั้ง postgresql-client)", args.front(),
                                std::error_code(spawned, std::generic_category()).message()));
    }
    Ran ran;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&ran.out, &ran.err};
    int open = 2;
    char buffer[8192];
    while (open > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            const ssize_t got = ::read(fds[i].fd, buffer, sizeof buffer);
            if (got > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(got));
            } else if (got == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open;
            }
        }
    }
    for (const pollfd& fd : fds) {
        if (fd.fd >= 0) ::close(fd.fd);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    ran.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    while (!ran.err.empty() && (ran.err.back() == '\n' || ran.err.back() == ' ')) {
        ran.err.pop_back();
    }
    return ran;
}

}  // namespace

Status BackupPostgres(const std::string& url, const std::filesystem::path& file) {
    const std::filesystem::path temporary = file.string() + ".tmp";
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    auto ran = Run({FindTool("pg_dump"), "--format=custom", "--file", temporary.string(), url});
    if (!ran) return std::unexpected(ran.error());
    if (ran->exit_code != 0) {
        std::filesystem::remove(temporary, ignored);
        return Fail(ErrorCode::kUnavailable,
                    fmt::format("สำรองฐานข้อมูล PostgreSQL ไม่ได้ (pg_dump): {}", ran->err));
    }
    std::error_code error;
    std::filesystem::rename(temporary, file, error);
    if (error) {
        std::filesystem::remove(temporary, ignored);
        return Fail(ErrorCode::kUnavailable,
                    fmt::format("ย้ายไฟล์สำรองไปที่ {} ไม่ได้: {}", file.string(), error.message()));
    }
    return {};
}

Result<int> CheckPostgresBackup(const std::filesystem::path& file, int latest_known) {
    if (!std::filesystem::is_regular_file(file)) {
        return Fail(ErrorCode::kNotFound, fmt::format("ไม่พบไฟล์สำรอง {}", file.string()));
    }
    // The rows of schema_migrations as COPY text, read from the dump without a database.
    auto ran = Run({FindTool("pg_restore"), "--data-only", "--table=schema_migrations", "--file=-",
                    file.string()});
    if (!ran) return std::unexpected(ran.error());
    if (ran->exit_code != 0) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("ไฟล์ {} ไม่ใช่ไฟล์สำรอง PostgreSQL (pg_dump --format=custom): {}",
                                file.string(), ran->err));
    }
    std::istringstream lines(ran->out);
    std::string line;
    bool in_copy = false, found = false;
    int latest = 0;
    while (std::getline(lines, line)) {
        if (!in_copy) {
            in_copy = line.starts_with("COPY ") && line.find("schema_migrations") != line.npos;
            found = found || in_copy;
        } else if (line == "\\.") {
            in_copy = false;
        } else {
            int number = 0;
            std::from_chars(line.data(), line.data() + line.size(), number);
            latest = std::max(latest, number);
        }
    }
    if (!found) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("ไฟล์ {} ไม่ใช่ข้อมูลสำรองของ Khet (ไม่มีตาราง schema_migrations)",
                                file.string()));
    }
    if (latest > latest_known) {
        return Fail(ErrorCode::kConflict,
                    fmt::format("ไฟล์สำรอง {} มาจากโปรแกรมรุ่นใหม่กว่า (migration {} > {}): "
                                "ใช้ khet รุ่นใหม่กว่าในการกู้คืน",
                                file.string(), latest, latest_known));
    }
    return latest;
}

Status RestorePostgres(const std::string& url, const std::filesystem::path& file) {
    auto ran = Run({FindTool("pg_restore"), "--clean", "--if-exists", "--no-owner",
                    "--single-transaction", "--dbname", url, file.string()});
    if (!ran) return std::unexpected(ran.error());
    if (ran->exit_code != 0) {
        return Fail(ErrorCode::kUnavailable,
                    fmt::format("กู้คืนฐานข้อมูล PostgreSQL ไม่ได้ (pg_restore): {}", ran->err));
    }
    return {};
}

}  // namespace khet::store
