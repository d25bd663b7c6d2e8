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
#include "http/error_mapping.hpp"
#include "tests/support/khet_process.hpp"
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
    void Start(http::QuickHandler quick, http::RequestHandler handler,
               http::AdmitHandler admit = {}, int connections_per_address = 64) {
        quick_ = std::move(quick);
        handler_ = std::move(handler);
        admit_ = std::move(admit);
        http::ServerOptions options;
        options.port = 0;
        options.threads = 2;
        options.port_file = folder_.File("port").string();
        options.max_connections_per_address = connections_per_address;
        server_ = std::async(std::launch::async, [this, options] {
            return http::Serve(options, admit_, quick_, handler_);
        });
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
    http::AdmitHandler admit_;
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

// docs/SECURITY.md, "Hostile input": what the adapter refuses of HTTP itself.
TEST_F(BeastServer, AnswersMalformedRequestsWith400InsteadOfDroppingThem) {
    Start({}, [](const http::Request&) { return Text("fine"); });
    for (const std::string& request :
         {std::string("GARBAGE\r\n\r\n"), std::string("GET / HTTP/9.9\r\n\r\n"),
          std::string("GET / HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n"),
          std::string("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n")}) {
        Connection connection(port_);
        ASSERT_TRUE(connection.Send(request));
        const HttpReply reply = connection.Read();
        EXPECT_EQ(reply.status, 400) << request;
        EXPECT_NE(reply.body.find("invalid_argument"), std::string::npos) << reply.body;
        EXPECT_TRUE(connection.ClosedByServer());
    }
}

TEST_F(BeastServer, RefusesAHeaderThatMustBeOneWhenItComesTwice) {
    Start({}, [](const http::Request& request) {
        return Text(request.headers.count("x-forwarded-for") ? request.headers.at("x-forwarded-for")
                                                             : "");
    });
    for (const char* twice :
         {"X-CSRF-Token: a\r\nX-CSRF-Token: b", "Origin: http://a\r\nOrigin: http://b",
          "Cookie: a=1\r\nCookie: b=2", "Host: b"}) {
        Connection connection(port_);
        ASSERT_TRUE(connection.Send(fmt::format("GET / HTTP/1.1\r\nHost: a\r\n{}\r\n\r\n", twice)));
        const HttpReply reply = connection.Read();
        EXPECT_EQ(reply.status, 400) << twice;
        EXPECT_NE(reply.body.find("มีได้ครั้งเดียว"), std::string::npos) << reply.body;
    }
    // A list header sent in parts is one list.
    Connection list(port_);
    ASSERT_TRUE(
        list.Send("GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 1.1.1.1\r\n"
                  "X-Forwarded-For: 2.2.2.2\r\n\r\n"));
    const HttpReply joined = list.Read();
    EXPECT_EQ(joined.status, 200);
    EXPECT_EQ(joined.body, "1.1.1.1, 2.2.2.2");
}

TEST_F(BeastServer, TakesChunkedAloneAndNoOtherTransferEncoding) {
    Start({}, [](const http::Request& request) { return Text(request.body); });
    for (const char* coding :
         {"Transfer-Encoding: gzip\r\nContent-Length: 5",
          "Transfer-Encoding: chunked\r\nContent-Length: 5", "Transfer-Encoding: gzip, chunked",
          "Transfer-Encoding: chunked, gzip"}) {
        Connection connection(port_);
        ASSERT_TRUE(connection.Send(fmt::format(
            "POST /x HTTP/1.1\r\nHost: a\r\n{}\r\n\r\n5\r\nhello\r\n0\r\n\r\n", coding)));
        EXPECT_EQ(connection.Read().status, 400) << coding;
    }
    Connection chunked(port_);
    ASSERT_TRUE(
        chunked.Send("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n"
                     "5\r\nhello\r\n0\r\n\r\n"));
    const HttpReply reply = chunked.Read();
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, "hello");
}

TEST_F(BeastServer, AsksAdmitBeforeReadingABodyAndAnswersARefusalWithoutIt) {
    std::atomic<int> handled{0};
    Start(
        {},
        [&](const http::Request& request) {
            ++handled;
            return Text(std::to_string(request.body.size()));
        },
        [](const http::Request& head, std::optional<std::size_t> declared) {
            http::Admission admission;
            if (head.path == "/refused") {
                admission.refusal =
                    http::ErrorResponse(Error{ErrorCode::kUnauthenticated, "no", {}});
            }
            admission.body_limit = 10;
            EXPECT_EQ(declared.value_or(0), head.path == "/chunked" ? 0u : 60'000'000u);
            return admission;
        });
    {  // refused from the head alone: the 60 MB body is never sent, the answer comes anyway
        Connection connection(port_);
        ASSERT_TRUE(
            connection.Send("POST /refused HTTP/1.1\r\nHost: a\r\n"
                            "Content-Length: 60000000\r\n\r\n"));
        const HttpReply reply = connection.Read();
        EXPECT_EQ(reply.status, 401);
        EXPECT_EQ(reply.Header("connection"), "close");
    }
    {  // admitted with a limit of 10 bytes
        Connection connection(port_);
        ASSERT_TRUE(
            connection.Send("POST /small HTTP/1.1\r\nHost: a\r\n"
                            "Content-Length: 60000000\r\n\r\n" +
                            std::string(64, 'x')));
        EXPECT_EQ(connection.Read().status, 413);
    }
    {  // Expect: 100-continue is answered before the body is sent
        Connection connection(port_);
        ASSERT_TRUE(
            connection.Send("POST /chunked HTTP/1.1\r\nHost: a\r\n"
                            "Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n"));
        EXPECT_EQ(connection.Read().status, 100);
        ASSERT_TRUE(connection.Send("3\r\nabc\r\n0\r\n\r\n"));
        const HttpReply reply = connection.Read();
        EXPECT_EQ(reply.status, 200);
        EXPECT_EQ(reply.body, "3");
    }
    EXPECT_EQ(handled, 1);
}

TEST_F(BeastServer, StopsTheRequestsWorkWhenItsClientGoes) {
    std::promise<bool> stopped;
    Start({}, [&](const http::Request& request) {
        bool seen = false;
        for (int i = 0; i < 500 && !seen; ++i) {
            seen = request.stop.stop_requested();
            std::this_thread::sleep_for(10ms);
        }
        stopped.set_value(seen);
        return Text("late");
    });
    {
        Connection leaving(port_);
        ASSERT_TRUE(leaving.Send("GET /import HTTP/1.1\r\nHost: a\r\n\r\n"));
        std::this_thread::sleep_for(100ms);
    }  // the client closes its connection while the answer is computed
    auto result = stopped.get_future();
    ASSERT_EQ(result.wait_for(10s), std::future_status::ready);
    EXPECT_TRUE(result.get());
}

TEST_F(BeastServer, LimitsTheConnectionsOfOneAddress) {
    Start(
        {}, [](const http::Request&) { return Text("fine"); }, {}, 3);
    std::vector<std::unique_ptr<Connection>> open;
    for (int i = 0; i < 3; ++i) {
        open.push_back(std::make_unique<Connection>(port_));
        ASSERT_TRUE(open.back()->Send(GetRequest("/")));
        EXPECT_EQ(open.back()->Read().status, 200);
    }
    Connection fourth(port_);
    const HttpReply refused = fourth.Read();
    EXPECT_EQ(refused.status, 429);
    EXPECT_NE(refused.body.find("too_many_requests"), std::string::npos);
    open.pop_back();
    std::this_thread::sleep_for(100ms);
    Connection again(port_);
    ASSERT_TRUE(again.Send(GetRequest("/")));
    EXPECT_EQ(again.Read().status, 200);
}

}  // namespace
}  // namespace khet::testing
