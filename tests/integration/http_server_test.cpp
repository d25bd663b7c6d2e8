// The server adapter in this process: quick answers on the connection's thread, the handler on
// workers, so a slow answer holds up no other connection.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <future>
#include <stdexcept>
#include <thread>

#include "http/beast_server.hpp"
#include "tests/support/temp_dir.hpp"

namespace khet::testing {
namespace {

using namespace std::chrono_literals;

// One blocking client connection with a receive timeout.
class Client {
  public:
    explicit Client(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        timeval timeout{5, 0};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
    ~Client() { ::close(fd_); }
    bool Connected() const { return connected_; }

    void Get(const std::string& path) {
        const std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        ASSERT_EQ(::send(fd_, request.data(), request.size(), 0),
                  static_cast<ssize_t>(request.size()));
    }
    // The body of one answer ("" on timeout); answers here carry Content-Length.
    std::string Body() {
        std::string data;
        char chunk[4096];
        while (true) {
            const auto end = data.find("\r\n\r\n");
            if (end != std::string::npos) {
                const auto at = data.find("Content-Length: ");
                const std::size_t length = std::stoul(data.substr(at + 16));
                if (data.size() >= end + 4 + length) return data.substr(end + 4, length);
            }
            const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
            if (n <= 0) return "";
            data.append(chunk, static_cast<std::size_t>(n));
        }
    }

  private:
    int fd_;
    bool connected_ = false;
};

class BeastServer : public ::testing::Test {
  protected:
    void Start(http::QuickHandler quick, http::RequestHandler handler) {
        quick_ = std::move(quick);
        handler_ = std::move(handler);
        http::ServerOptions options;
        options.port = 0;
        options.threads = 2;
        options.port_file = folder_.File("port").string();
        server_ = std::async(std::launch::async,
                             [this, options] { return http::Serve(options, quick_, handler_); });
        for (int i = 0; i < 100 && port_ == 0; ++i) {
            std::ifstream(options.port_file) >> port_;
            if (port_ == 0) std::this_thread::sleep_for(50ms);
        }
        ASSERT_GT(port_, 0);
    }
    void TearDown() override {
        if (!server_.valid()) return;
        std::raise(SIGTERM);  // Serve stops on SIGTERM, as `khet serve` does
        ASSERT_EQ(server_.wait_for(10s), std::future_status::ready);
        EXPECT_TRUE(server_.get());
    }

    TempDir folder_;
    http::QuickHandler quick_;
    http::RequestHandler handler_;
    std::future<Status> server_;
    int port_ = 0;
};

http::Response Text(std::string body) { return {200, "text/plain", std::move(body), {}}; }

TEST_F(BeastServer, AnswersOtherConnectionsWhileOneAnswerIsSlow) {
    std::atomic<bool> release{false};
    std::atomic<int> computed{0};
    Start(
        [](const http::Request& request) -> std::optional<http::Response> {
            if (request.path == "/kept") return Text("kept");
            return std::nullopt;
        },
        [&](const http::Request& request) {
            ++computed;
            if (request.path == "/slow") {
                for (int i = 0; i < 500 && !release; ++i) std::this_thread::sleep_for(10ms);
            }
            return Text(request.path.substr(1));
        });
    Client slow(port_);
    ASSERT_TRUE(slow.Connected());
    slow.Get("/slow");
    std::this_thread::sleep_for(50ms);
    // With two event loops, one of these two connections shares the slow one's thread.
    for (int i = 0; i < 2; ++i) {
        Client other(port_);
        ASSERT_TRUE(other.Connected());
        other.Get("/fast");
        EXPECT_EQ(other.Body(), "fast");
        other.Get("/kept");
        EXPECT_EQ(other.Body(), "kept");
    }
    EXPECT_FALSE(release);
    release = true;
    EXPECT_EQ(slow.Body(), "slow");
    EXPECT_EQ(computed, 3);  // the kept answers never reached the handler
}

TEST_F(BeastServer, AnswersAHandlersExceptionWith500AndGoesOn) {
    Start(
        [](const http::Request& request) -> std::optional<http::Response> {
            if (request.path == "/quick-bug") throw std::logic_error("a bug");
            return std::nullopt;
        },
        [](const http::Request& request) {
            if (request.path == "/bug") throw std::logic_error("a bug");
            return Text("fine");
        });
    Client client(port_);
    ASSERT_TRUE(client.Connected());
    for (const char* path : {"/bug", "/quick-bug"}) {
        client.Get(path);
        EXPECT_NE(client.Body().find("internal"), std::string::npos) << path;
    }
    client.Get("/fine");
    EXPECT_EQ(client.Body(), "fine");
}

}  // namespace
}  // namespace khet::testing
