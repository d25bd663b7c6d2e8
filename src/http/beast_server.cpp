// The only translation unit that includes Boost.Beast and Asio (they take 15 s to compile).
#include "http/beast_server.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/version.hpp>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <thread>
#include <utility>  // Boost 1.74's Beast needs it first under C++23 with GCC 12
#include <vector>

#include "http/error_mapping.hpp"

namespace khet::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

Request ToRequest(bhttp::request<bhttp::string_body>&& in, const std::string& remote) {
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
    request.body = std::move(in.body());
    request.remote_address = remote;
    return request;
}

// A header line must not break the response apart: a value with CR or LF is dropped.
void AppendHeader(std::string& out, std::string_view name, std::string_view value) {
    if (name.find_first_of("\r\n:") != std::string_view::npos ||
        value.find_first_of("\r\n") != std::string_view::npos) {
        std::fprintf(stderr, "khet: ละเว้นส่วนหัว %.*s ที่มีตัวขึ้นบรรทัดใหม่\n",
                     static_cast<int>(name.size()), name.data());
        return;
    }
    out.append(name);
    out.append(": ");
    out.append(value);
    out.append("\r\n");
}

// An exception out of a handler is a bug: it is logged and answered with 500, and the
// connection and the server go on.
template <typename Answer>
auto Guarded(Answer answer) -> decltype(answer()) {
    try {
        return answer();
    } catch (const std::exception& error) {
        return ErrorResponse(Error{ErrorCode::kInternal, error.what(), {}});
    }
}

// The executor type is named rather than type-erased: copying an any_io_executor on every
// operation showed up at 4% of the server's time under load.
using Executor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Stream = beast::basic_stream<tcp, Executor, beast::unlimited_rate_policy>;

// What every connection uses: the options, both handlers and the worker threads.
struct Server {
    const ServerOptions& options;
    const QuickHandler& quick;
    const RequestHandler& handler;
    asio::thread_pool& workers;
};

// A connection lives on one thread's io_context for its whole life, so its handlers never run
// concurrently and it needs no strand; only the request handler runs elsewhere, on a worker,
// while the connection waits for its answer.
class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(Socket socket, const Server& server)
        : stream_(std::move(socket)), server_(server), options_(server.options) {}

    void Start() {
        beast::error_code ignored;
        const auto endpoint = stream_.socket().remote_endpoint(ignored);
        if (!ignored) remote_ = endpoint.address().to_string();
        Read();
    }

  private:
    void Read() {
        parser_.emplace();
        parser_->body_limit(options_.max_body_bytes);
        parser_->header_limit(16 * 1024);
        stream_.expires_after(std::chrono::seconds(60));
        bhttp::async_read(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&Session::OnRead, shared_from_this()));
    }

    void OnRead(beast::error_code error, std::size_t) {
        if (error == bhttp::error::end_of_stream) return Close();
        if (error == bhttp::error::body_limit) {
            return WriteError(413, fmt::format("ไฟล์หรือข้อมูลที่ส่งมาใหญ่เกิน {} MB",
                                               options_.max_body_bytes / (1024 * 1024)));
        }
        if (error == bhttp::error::header_limit) {
            return WriteError(431, "ส่วนหัวของคำขอ (headers) ใหญ่เกิน 16 KB");
        }
        if (error) return;
        auto in = parser_->release();
        const bool keep_alive = in.keep_alive();
        const unsigned version = in.version();
        const bool head = in.method() == bhttp::verb::head;
        Request request = ToRequest(std::move(in), remote_);
        if (server_.quick) {
            if (auto answer = Guarded([&] { return server_.quick(request); })) {
                return Write(std::move(*answer), keep_alive, version, head);
            }
        }
        asio::post(server_.workers, [self = shared_from_this(), request = std::move(request),
                                     keep_alive, version, head] {
            Response response = Guarded([&] { return self->server_.handler(request); });
            asio::post(self->stream_.get_executor(),
                       [self, response = std::move(response), keep_alive, version, head]() mutable {
                           self->Write(std::move(response), keep_alive, version, head);
                       });
        });
    }

    void WriteError(int status, const std::string& message) {
        Response response;
        response.status = status;
        response.body = fmt::format(
            R"({{"error":{{"code":"invalid_argument","message":"{}","fields":[]}}}})", message);
        Write(std::move(response), false, 11, false);
    }

    // The head is written by hand: Beast's serializer built a list of fields and walked it
    // through nested buffer views for every response, a tenth of the server's time.
    void Write(Response response, bool keep_alive, unsigned version, bool head) {
        const auto status = static_cast<bhttp::status>(response.status);
        head_.clear();
        fmt::format_to(std::back_inserter(head_), "HTTP/{}.{} {} ", version / 10, version % 10,
                       response.status);
        const auto reason = bhttp::obsolete_reason(status);
        head_.append(reason.data(), reason.size());
        head_.append("\r\n");
        AppendHeader(head_, "Server", "khet");
        AppendHeader(head_, "Content-Type", response.content_type);
        for (const auto& [name, value] : options_.headers) AppendHeader(head_, name, value);
        for (const auto& [name, value] : response.headers) AppendHeader(head_, name, value);
        fmt::format_to(std::back_inserter(head_), "Content-Length: {}\r\n", response.body.size());
        if (!keep_alive) {
            head_.append("Connection: close\r\n");
        } else if (version < 11) {
            head_.append("Connection: keep-alive\r\n");
        }
        head_.append("\r\n");
        body_ = head ? std::string() : std::move(response.body);
        stream_.expires_after(std::chrono::seconds(60));  // the handler may have taken a while
        const std::array<asio::const_buffer, 2> buffers = {asio::buffer(head_),
                                                           asio::buffer(body_)};
        asio::async_write(
            stream_, buffers,
            [self = shared_from_this(), keep_alive](beast::error_code error, std::size_t) {
                if (error || !keep_alive) return self->Close();
                self->Read();
            });
    }

    void Close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    Stream stream_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::string head_;  // status line and headers of the response being written
    std::string body_;
    const Server& server_;
    const ServerOptions& options_;
    std::string remote_;
};

// Accepts on the first thread and hands each connection to the next thread in turn.
class Listener : public std::enable_shared_from_this<Listener> {
  public:
    Listener(std::vector<std::unique_ptr<asio::io_context>>& contexts, tcp::acceptor acceptor,
             const Server& server)
        : contexts_(contexts), acceptor_(std::move(acceptor)), server_(server) {}

    void Accept() {
        asio::io_context& target = *contexts_[next_];
        next_ = (next_ + 1) % contexts_.size();
        acceptor_.async_accept(
            target, [self = shared_from_this()](beast::error_code error, Socket socket) {
                if (!error) {
                    beast::error_code ignored;
                    socket.set_option(tcp::no_delay(true), ignored);
                    const auto executor = socket.get_executor();
                    auto session = std::make_shared<Session>(std::move(socket), self->server_);
                    asio::post(executor, [session] { session->Start(); });
                }
                if (self->acceptor_.is_open()) self->Accept();
            });
    }
    void Stop() {
        beast::error_code ignored;
        acceptor_.close(ignored);
    }

  private:
    std::vector<std::unique_ptr<asio::io_context>>& contexts_;
    tcp::acceptor acceptor_;
    const Server& server_;
    std::size_t next_ = 0;
};

}  // namespace

Status Serve(const ServerOptions& options, QuickHandler quick, RequestHandler handler) {
    // One io_context (one epoll) per thread, as nginx runs one event loop per worker: threads
    // sharing one io_context hand work to each other through a lock and a wake-up per event,
    // which cost a third of the requests per second under wrk.
    const int thread_count = std::max(1, options.threads);
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
    for (int i = 0; i < thread_count; ++i) {
        contexts.push_back(std::make_unique<asio::io_context>(1));
        keep_running.push_back(asio::make_work_guard(*contexts.back()));
    }
    asio::io_context& io = *contexts.front();
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

    // Declared after the contexts, so it is joined before they go: a worker finishing a request
    // posts its answer to the connection's context.
    asio::thread_pool workers(static_cast<std::size_t>(thread_count));
    const Server server{options, quick, handler, workers};
    auto listener = std::make_shared<Listener>(contexts, std::move(acceptor), server);
    listener->Accept();
    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](beast::error_code, int) {
        listener->Stop();
        for (auto& context : contexts) context->stop();
    });
    std::vector<std::thread> threads;
    for (int i = 1; i < thread_count; ++i) {
        threads.emplace_back([&contexts, i] { contexts[i]->run(); });
    }
    io.run();
    for (std::thread& thread : threads) thread.join();
    workers.stop();
    workers.join();
    return {};
}

}  // namespace khet::http
