#include "tests/support/khet_process.hpp"

#include <nlohmann/json.hpp>

namespace khet::testing {

std::optional<HttpSession> SignInOverHttp(int port, const std::string& login,
                                          const std::string& password, std::string* failure) {
    const std::string body = nlohmann::json{{"login", login}, {"password", password}}.dump();
    Connection connection(port);
    if (!connection.Send(fmt::format("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                     "Content-Type: application/json\r\nContent-Length: {}\r\n"
                                     "Connection: close\r\n\r\n{}",
                                     body.size(), body))) {
        if (failure) *failure = "could not send";
        return std::nullopt;
    }
    const HttpReply reply = connection.Read();
    if (reply.status != 200) {
        if (failure) *failure = fmt::format("{} {}", reply.status, reply.body);
        return std::nullopt;
    }
    const std::string cookie = reply.Header("set-cookie");
    const auto parsed = nlohmann::json::parse(reply.body, nullptr, false);
    if (parsed.is_discarded() || !parsed.contains("csrf_token")) return std::nullopt;
    return HttpSession{cookie.substr(0, cookie.find(';')), parsed["csrf_token"]};
}

std::string SessionRequest(const HttpSession& session, std::string_view method,
                           std::string_view target, std::string_view body, bool close) {
    std::string request = fmt::format("{} {} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {}\r\n", method,
                                      target, session.cookie);
    if (method != "GET") {
        request +=
            fmt::format("X-CSRF-Token: {}\r\nContent-Length: {}\r\n", session.csrf, body.size());
    }
    if (close) request += "Connection: close\r\n";
    request += "\r\n";
    request += body;
    return request;
}

std::string DemoPassword(const std::filesystem::path& accounts_file, const std::string& login) {
    const auto parsed = nlohmann::json::parse(ReadText(accounts_file), nullptr, false);
    if (parsed.is_discarded()) return "";
    for (const auto& account : parsed["accounts"]) {
        if (account["login"] == login) return account["password"];
    }
    return "";
}

ServerProcess StartServer(const std::string& database, const std::filesystem::path& folder,
                          const std::filesystem::path& log, std::vector<std::string> extra) {
    const auto port_file = folder / "port";
    std::filesystem::remove(port_file);
    std::vector<std::string> args = {"serve",
                                     "--db",
                                     database,
                                     "--port",
                                     "0",
                                     "--port-file",
                                     port_file.string(),
                                     "--web",
                                     (folder / "noweb").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    ServerProcess server;
    server.process = std::make_unique<KhetProcess>(args, log);
    for (int i = 0; i < 400 && server.port == 0; ++i) {
        if (server.process->Pid() <= 0 || server.process->WaitFor(std::chrono::milliseconds(0))) {
            return server;
        }
        std::ifstream(port_file) >> server.port;
        if (server.port == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return server;
}

}  // namespace khet::testing
