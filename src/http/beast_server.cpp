// The only translation unit that includes Boost.Beast and Asio (they take 15 s to compile).
#include "http/beast_server.hpp"

#include <fmt/format.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <memory>
#include <thread>
#include <utility>  // Boost 1.74's Beast needs it first under C++23 with GCC 12
#include <vector>

namespace khet::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

Request ToRequest(const bhttp::request<bhttp::string_body>& in, const std::string& remote) {
    Request request;
    request.method = std::string(in.method_string());
    const std::string_view target(in.target().data(), in.target().size());
    const auto question = target.find('?');
    request.path = PercentDecode(target.substr(0, question), false).value_or(std::string(target));
    if (question != std::string_view::npos) request.query = ParseQuery(target.substr(question + 1));
    for (const auto& field : in) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        request.headers[name] = std::string(field.value());
    }
    request.body = in.body();
    request.remote_address = remote;
    return request;
}

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket socket, const RequestHandler& handler, std::size_t max_body)
        : stream_(std::move(socket)), handler_(handler), max_body_(max_body) {}

    void Start() { Read(); }

  private:
    void Read() {
        parser_.emplace();
        parser_->body_limit(max_body_);
        parser_->header_limit(16 * 1024);
        stream_.expires_after(std::chrono::seconds(60));
        bhttp::async_read(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&Session::OnRead, shared_from_this()));
    }

    void OnRead(beast::error_code error, std::size_t) {
        if (error == bhttp::error::end_of_stream) return Close();
        if (error == bhttp::error::body_limit) {
            return WriteError(
                413, fmt::format("ไฟล์หรือข้อมูลที่ส่งมาใหญ่เกิน {} MB", max_body_ / (1024 * 1024)));
        }
        if (error) return;
        const auto& in = parser_->get();
        std::string remote;
        beast::error_code ignored;
        const auto endpoint = stream_.socket().remote_endpoint(ignored);
        if (!ignored) remote = endpoint.address().to_string();
        Response response = handler_(ToRequest(in, remote));
        Write(std::move(response), in.keep_alive(), in.version(), in.method() == bhttp::verb::head);
    }

    void WriteError(int status, const std::string& message) {
        Response response;
        response.status = status;
        response.body = fmt::format(
            R"({{"error":{{"code":"invalid_argument","message":"{}","fields":[]}}}})", message);
        Write(std::move(response), false, 11, false);
    }

    void Write(Response response, bool keep_alive, unsigned version, bool head) {
        auto out = std::make_shared<bhttp::response<bhttp::string_body>>(
            static_cast<bhttp::status>(response.status), version);
        out->set(bhttp::field::server, "khet");
        out->set(bhttp::field::content_type, response.content_type);
        for (auto& [name, value] : response.headers) out->set(name, value);
        out->keep_alive(keep_alive);
        if (head) {
            out->content_length(response.body.size());
        } else {
            out->body() = std::move(response.body);
            out->prepare_payload();
        }
        response_ = out;
        bhttp::async_write(
            stream_, *out,
            [self = shared_from_this(), keep_alive](beast::error_code error, std::size_t) {
                self->response_.reset();
                if (error || !keep_alive) return self->Close();
                self->Read();
            });
    }

    void Close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::shared_ptr<void> response_;
    const RequestHandler& handler_;
    std::size_t max_body_;
};

class Listener : public std::enable_shared_from_this<Listener> {
  public:
    Listener(asio::io_context& io, tcp::acceptor acceptor, const RequestHandler& handler,
             std::size_t max_body)
        : io_(io), acceptor_(std::move(acceptor)), handler_(handler), max_body_(max_body) {}

    void Accept() {
        acceptor_.async_accept(
            asio::make_strand(io_),
            [self = shared_from_this()](beast::error_code error, tcp::socket socket) {
                if (!error) {
                    beast::error_code ignored;
                    socket.set_option(tcp::no_delay(true), ignored);
                    std::make_shared<Session>(std::move(socket), self->handler_, self->max_body_)
                        ->Start();
                }
                if (self->acceptor_.is_open()) self->Accept();
            });
    }
    void Stop() {
        beast::error_code ignored;
        acceptor_.close(ignored);
    }

  private:
    asio::io_context& io_;
    tcp::acceptor acceptor_;
    const RequestHandler& handler_;
    std::size_t max_body_;
};

}  // namespace

Status Serve(const ServerOptions& options, RequestHandler handler) {
    asio::io_context io(options.threads);
    beast::error_code error;
    const auto address = asio::ip::make_address(options.address, error);
    if (error) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("ที่อยู่ {} ไม่ถูกต้อง: {}", options.address, error.message()));
    }
    tcp::acceptor acceptor(io);
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
    acceptor.open(endpoint.protocol(), error);
    if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor.bind(endpoint, error);
    if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
    if (error) {
        return Fail(ErrorCode::kUnavailable, fmt::format("เปิดพอร์ต {}:{} ไม่ได้: {}", options.address,
                                                         options.port, error.message()));
    }
    const int port = acceptor.local_endpoint().port();
    if (!options.port_file.empty()) {
        const std::string temporary = options.port_file + ".tmp";
        std::ofstream(temporary) << port << "\n";
        std::rename(temporary.c_str(), options.port_file.c_str());
    }
    std::fprintf(stderr, "khet: ให้บริการที่ http://%s:%d/ (กด Ctrl+C เพื่อหยุด)\n",
                 options.address.c_str(), port);

    auto listener =
        std::make_shared<Listener>(io, std::move(acceptor), handler, options.max_body_bytes);
    listener->Accept();
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) {
        listener->Stop();
        io.stop();
    });
    std::vector<std::thread> threads;
    for (int i = 1; i < options.threads; ++i) threads.emplace_back([&io] { io.run(); });
    io.run();
    for (std::thread& thread : threads) thread.join();
    return {};
}

}  // namespace khet::http
