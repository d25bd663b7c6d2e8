#pragma once
// Talking to a real `khet` process over loopback: a blocking HTTP/1.1 client, the child
// process, and starting `khet serve` on a free port.
#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace khet::testing {

struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;

    /// The header's value, "" when absent.
    std::string Header(const std::string& name) const {
        const auto found = headers.find(name);
        return found == headers.end() ? "" : found->second;
    }
};

/// A blocking client socket to 127.0.0.1 that gives up after 10 s instead of hanging the test.
class Connection {
  public:
    explicit Connection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        timeval timeout{10, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~Connection() { ::close(fd_); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    bool Connected() const { return connected_; }

    bool Send(std::string_view bytes) {
        while (!bytes.empty()) {
            const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (sent <= 0) return false;
            bytes.remove_prefix(static_cast<std::size_t>(sent));
        }
        return true;
    }

    /// One response, read by its Content-Length; status 0 when the connection ended first.
    HttpReply Read() {
        HttpReply reply;
        std::size_t end;
        while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
            if (!Fill()) return reply;
        }
        std::istringstream head(buffer_.substr(0, end));
        std::string line;
        std::getline(head, line);
        if (line.size() < 12 || !line.starts_with("HTTP/1.1 ")) return reply;
        reply.status = std::stoi(line.substr(9, 3));
        while (std::getline(head, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            const auto colon = line.find(':');
            if (colon == std::string::npos) continue;
            std::string name = line.substr(0, colon);
            for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            reply.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
        }
        buffer_.erase(0, end + 4);
        const std::size_t length =
            reply.headers.count("content-length") ? std::stoul(reply.Header("content-length")) : 0;
        while (buffer_.size() < length) {
            if (!Fill()) return HttpReply{};
        }
        reply.body = buffer_.substr(0, length);
        buffer_.erase(0, length);
        return reply;
    }

    /// True when the server has closed its side and sent nothing more.
    bool ClosedByServer() { return buffer_.empty() && !Fill(); }

  private:
    bool Fill() {
        char chunk[65536];
        const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
        if (got <= 0) return false;
        buffer_.append(chunk, static_cast<std::size_t>(got));
        return true;
    }

    int fd_;
    bool connected_ = false;
    std::string buffer_;
};

inline std::string GetRequest(std::string_view target, bool close = false) {
    return fmt::format("GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\n{}\r\n", target,
                       close ? "Connection: close\r\n" : "");
}

/// A child process of the khet binary, killed if the test ends before it does.
class KhetProcess {
  public:
    KhetProcess(std::vector<std::string> args, const std::filesystem::path& log) {
        args.insert(args.begin(), std::string(KHET_BINARY_DIR) + "/khet");
        std::vector<char*> argv;
        for (std::string& arg : args) argv.push_back(arg.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                         O_WRONLY | O_CREAT | O_APPEND, 0644);
        posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
        if (posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ) != 0) pid_ = -1;
        posix_spawn_file_actions_destroy(&actions);
    }
    ~KhetProcess() {
        if (pid_ > 0 && !exited_) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, nullptr, 0);
        }
    }
    KhetProcess(const KhetProcess&) = delete;
    KhetProcess& operator=(const KhetProcess&) = delete;

    pid_t Pid() const { return pid_; }

    /// The wait status once the process ends within `limit`, or nullopt while it still runs.
    std::optional<int> WaitFor(std::chrono::milliseconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        do {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                exited_ = true;
                return status;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        } while (std::chrono::steady_clock::now() < deadline);
        return std::nullopt;
    }

  private:
    pid_t pid_ = -1;
    bool exited_ = false;
};

inline std::string ReadText(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline std::string DescribeExit(int status) {
    if (WIFEXITED(status)) return fmt::format("exit code {}", WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return fmt::format("killed by signal {}", WTERMSIG(status));
    return fmt::format("wait status {}", status);
}

/// A session opened over HTTP: the cookie header value and the CSRF token.
struct HttpSession {
    std::string cookie;  // "khet_session=…"
    std::string csrf;
};

/// Signs in with POST /api/v1/session on a fresh connection; nullopt (and the reply in
/// `failure`) when the server refuses.
std::optional<HttpSession> SignInOverHttp(int port, const std::string& login,
                                          const std::string& password,
                                          std::string* failure = nullptr);

/// A request with the session's cookie (and its CSRF token unless a GET).
std::string SessionRequest(const HttpSession& session, std::string_view method,
                           std::string_view target, std::string_view body = "", bool close = false);

/// The password of `login` in the JSON file `khet demo --accounts-file` wrote.
std::string DemoPassword(const std::filesystem::path& accounts_file, const std::string& login);

/// `khet serve` on a free loopback port: waits (up to 20 s) for its port file. Port 0 when it
/// did not come up; the log says why.
struct ServerProcess {
    std::unique_ptr<KhetProcess> process;
    int port = 0;
};
ServerProcess StartServer(const std::string& database, const std::filesystem::path& folder,
                          const std::filesystem::path& log, std::vector<std::string> extra = {});

}  // namespace khet::testing
