// The only translation unit that includes Boost.Beast and Asio (they take 15 s to compile).
#include "http/beast_server.hpp"

#include <fmt/format.h>
#include <sys/socket.h>

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
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <utility>  // Boost 1.74's Beast needs it first under C++23 with GCC 12
#include <vector>

#include "base/text.hpp"
#include "http/error_mapping.hpp"

namespace khet::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

// Headers that say one thing once: a second copy is an attempt to have one part of a chain read
// one and another part the other (the last used to win), so it is refused.
constexpr std::array<std::string_view, 10> kSingleHeaders = {"host",
                                                             "origin",
                                                             "x-csrf-token",
                                                             "cookie",
                                                             "content-type",
                                                             "content-length",
                                                             "transfer-encoding",
                                                             "authorization",
                                                             "x-forwarded-proto",
                                                             "referer"};

// RFC 9112 6.1: a request's body is either chunked, alone, or of a Content-Length; anything else
// (gzip, "chunked, x", both at once) lets a proxy and the server disagree where it ends.
bool AcceptedTransferEncoding(const bhttp::request_header<>& in) {
    const auto coding = in.find(bhttp::field::transfer_encoding);
    if (coding == in.end()) return true;
    if (in.find(bhttp::field::content_length) != in.end()) return false;
    std::string value(coding->value());
    for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return TrimSpaces(value) == "chunked";
}

// The request as handlers see it, without its body; kInvalidArgument for what is answered 400.
Result<Request> ToRequestHead(const bhttp::request_header<>& in, const std::string& remote) {
    Request request;
    request.method = std::string(in.method_string());
    const std::string_view target(in.target().data(), in.target().size());
    const auto question = target.find('?');
    request.path = PercentDecode(target.substr(0, question), false).value_or(std::string(target));
    // One slash between segments: the router reads "//api/v1" as "/api/v1", and so must the
    // check of what goes to the gate.
    request.path.erase(std::unique(request.path.begin(), request.path.end(),
                                   [](char a, char b) { return a == '/' && b == '/'; }),
                       request.path.end());
    if (question != std::string_view::npos) request.query = ParseQuery(target.substr(question + 1));
    for (const auto& field : in) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const auto [at, added] = request.headers.emplace(name, std::string(field.value()));
        if (added) continue;
        if (std::find(kSingleHeaders.begin(), kSingleHeaders.end(), name) != kSingleHeaders.end()) {
            return InvalidArgument(fmt::format("ส่วนหัว {} มีได้ครั้งเดียวในคำขอ", name));
        }
        at->second += ", ";  // a list header sent in parts, as RFC 9110 5.3 allows
        at->second.append(field.value().data(), field.value().size());
    }
    if (!AcceptedTransferEncoding(in)) {
        return InvalidArgument(
            "Transfer-Encoding ที่รับได้คือ chunked อย่างเดียว และใช้คู่กับ Content-Length ไม่ได้");
    }
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
        Response failed = ErrorResponse(Error{ErrorCode::kInternal, error.what(), {}});
        if constexpr (std::is_same_v<decltype(answer()), Admission>) {
            return Admission{std::move(failed), 0, nullptr};
        } else {
            return failed;
        }
    }
}

// The executor type is named rather than type-erased: copying an any_io_executor on every
// operation showed up at 4% of the server's time under load.
using Executor = asio::io_context::executor_type;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Stream = beast::basic_stream<tcp, Executor, beast::unlimited_rate_policy>;

// Open connections per client address, for ServerOptions::max_connections_per_address.
class ConnectionCount {
  public:
    explicit ConnectionCount(int limit) : limit_(limit) {}
    bool Enter(const std::string& address) {
        if (limit_ <= 0) return true;
        std::lock_guard lock(mutex_);
        int& open = open_[address];
        if (open >= limit_) return false;
        ++open;
        return true;
    }
    void Leave(const std::string& address) {
        if (limit_ <= 0) return;
        std::lock_guard lock(mutex_);
        if (--open_[address] <= 0) open_.erase(address);
    }

  private:
    const int limit_;
    std::mutex mutex_;
    std::unordered_map<std::string, int> open_;
};

// What every connection uses: the options, the handlers and the worker threads.
struct Server {
    const ServerOptions& options;
    const AdmitHandler& admit;
    const QuickHandler& quick;
    const RequestHandler& handler;
    asio::thread_pool& workers;
    // Shared: a connection still draining a refused body when the server stops leaves it last.
    std::shared_ptr<ConnectionCount> connections;
};

// How long a refused client may go on sending the body it was refused, drained and dropped, so
// that it reads its answer instead of a reset connection; and how much of it.
constexpr auto kLinger = std::chrono::seconds(5);
constexpr std::size_t kMostLingerBytes = 128 * 1024 * 1024;

// A connection lives on one thread's io_context for its whole life, so its handlers never run
// concurrently and it needs no strand; only admit and the request handler run elsewhere, on a
// worker, while the connection waits for their answer.
class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(Socket socket, const Server& server)
        : stream_(std::move(socket)),
          server_(server),
          options_(server.options),
          connections_(server.connections) {}
    ~Session() {
        if (counted_) connections_->Leave(remote_);
    }

    void Start() {
        beast::error_code ignored;
        const auto endpoint = stream_.socket().remote_endpoint(ignored);
        if (!ignored) remote_ = endpoint.address().to_string();
        if (!connections_->Enter(remote_)) {
            return WriteError(
                429, ErrorCode::kTooManyRequests,
                fmt::format("เปิดการเชื่อมต่อจากเครื่องเดียวกันเกิน {} ทาง: ปิดหน้าต่างที่ไม่ใช้แล้วลองใหม่",
                            options_.max_connections_per_address));
        }
        counted_ = true;
        Read();
    }

  private:
    void Read() {
        parser_.emplace();
        parser_->body_limit(options_.max_body_bytes);
        parser_->header_limit(16 * 1024);
        hold_.reset();
        stream_.expires_after(std::chrono::seconds(60));
        bhttp::async_read_header(stream_, buffer_, *parser_,
                                 beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
    }

    // Parse errors are the client's (400); the others are a connection that went away.
    static bool IsParseError(const beast::error_code& error) {
        return error.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
    }

    void OnHeader(beast::error_code error, std::size_t) {
        if (error == bhttp::error::end_of_stream) return Close();
        if (error == bhttp::error::header_limit) {
            return WriteError(431, ErrorCode::kInvalidArgument,
                              "ส่วนหัวของคำขอ (headers) ใหญ่เกิน 16 KB");
        }
        if (error == bhttp::error::body_limit) {  // a Content-Length past what any route takes
            return WriteError(413, ErrorCode::kInvalidArgument,
                              fmt::format("ไฟล์หรือข้อมูลที่ส่งมาใหญ่เกิน {} MB",
                                          options_.max_body_bytes / (1024 * 1024)));
        }
        if (error) {
            if (IsParseError(error)) {
                return WriteError(400, ErrorCode::kInvalidArgument,
                                  fmt::format("คำขอ HTTP ผิดรูปแบบ ({})", error.message()));
            }
            return;
        }
        auto head = ToRequestHead(parser_->get(), remote_);
        if (!head) return WriteError(400, ErrorCode::kInvalidArgument, head.error().message);
        request_ = std::move(*head);
        if (parser_->is_done() || !server_.admit) return ReadBody();
        std::optional<std::size_t> declared;
        if (!parser_->chunked()) declared = parser_->content_length().value_or(0);
        asio::post(server_.workers, [self = shared_from_this(), head = request_, declared] {
            Admission admission = Guarded([&] { return self->server_.admit(head, declared); });
            asio::post(self->stream_.get_executor(),
                       [self, admission = std::move(admission)]() mutable {
                           self->OnAdmission(std::move(admission));
                       });
        });
    }

    void OnAdmission(Admission admission) {
        if (admission.refusal) return Refuse(std::move(*admission.refusal));
        hold_ = std::move(admission.hold);
        const std::uint64_t limit =
            std::min<std::uint64_t>(admission.body_limit, options_.max_body_bytes);
        // The parser weighs a Content-Length against its limit only when it reads the head.
        if (parser_->content_length().value_or(0) > limit) {
            return WriteError(413, ErrorCode::kInvalidArgument,
                              fmt::format("ไฟล์หรือข้อมูลที่ส่งมาใหญ่เกินที่ {} รับได้", request_.path));
        }
        parser_->body_limit(limit);
        const auto expect = parser_->get().find(bhttp::field::expect);
        if (expect != parser_->get().end() && beast::iequals(expect->value(), "100-continue")) {
            // The client waits for this before it sends a large body (curl, for one).
            static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            return asio::async_write(
                stream_, asio::buffer(kContinue.data(), kContinue.size()),
                [self = shared_from_this()](beast::error_code error, std::size_t) {
                    if (error) return self->Close();
                    self->ReadBody();
                });
        }
        ReadBody();
    }

    void ReadBody() {
        bhttp::async_read(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&Session::OnRead, shared_from_this()));
    }

    void OnRead(beast::error_code error, std::size_t) {
        if (error == bhttp::error::end_of_stream) return Close();
        if (error == bhttp::error::body_limit) {
            return WriteError(413, ErrorCode::kInvalidArgument,
                              fmt::format("ไฟล์หรือข้อมูลที่ส่งมาใหญ่เกินที่ {} รับได้", request_.path));
        }
        if (error) {
            if (IsParseError(error)) {
                return WriteError(400, ErrorCode::kInvalidArgument,
                                  fmt::format("เนื้อหาของคำขอผิดรูปแบบ ({})", error.message()));
            }
            return;
        }
        auto in = parser_->release();
        const bool keep_alive = in.keep_alive();
        const unsigned version = in.version();
        const bool head = in.method() == bhttp::verb::head;
        Request request = std::move(request_);
        request.body = std::move(in.body());
        if (server_.quick) {
            if (auto answer = Guarded([&] { return server_.quick(request); })) {
                return Write(std::move(*answer), keep_alive, version, head);
            }
        }
        stop_ = std::stop_source();
        request.stop = stop_.get_token();
        handling_ = true;
        WatchClient();
        asio::post(server_.workers, [self = shared_from_this(), request = std::move(request),
                                     keep_alive, version, head]() mutable {
            // The request goes on whole: an upload's body is held once, not copied.
            Response response = Guarded([&] { return self->server_.handler(std::move(request)); });
            asio::post(self->stream_.get_executor(),
                       [self, response = std::move(response), keep_alive, version, head]() mutable {
                           self->handling_ = false;
                           beast::error_code ignored;
                           self->stream_.socket().cancel(ignored);  // the client watch
                           self->Write(std::move(response), keep_alive, version, head);
                       });
        });
    }

    // While the handler runs nothing else reads the socket: readable then means the client has
    // closed it (or sent the next request early, which is left for after the answer).
    void WatchClient() {
        stream_.socket().async_wait(tcp::socket::wait_read, [self = shared_from_this()](
                                                                beast::error_code error) {
            if (!self->handling_ || error == asio::error::operation_aborted) return;
            char next = 0;
            const auto peeked =
                ::recv(self->stream_.socket().native_handle(), &next, 1, MSG_PEEK | MSG_DONTWAIT);
            if (error || peeked == 0 || (peeked < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
                self->stop_.request_stop();
            }
        });
    }

    void WriteError(int status, ErrorCode code, std::string message) {
        Response response = ErrorResponse(Error{code, std::move(message), {}});
        response.status = status;  // 413 and 431 have no ErrorCode of their own
        Refuse(std::move(response));
    }

    // Answers without reading the rest of the request, then closes: what the client still sends
    // is drained and dropped for a while, never held.
    void Refuse(Response response) {
        const unsigned version = parser_ ? parser_->get().version() : 11;
        // What was read of a refused body goes now, not after the linger.
        parser_.reset();
        buffer_.consume(buffer_.size());
        buffer_.shrink_to_fit();
        Write(std::move(response), false, version == 10 ? 10 : 11, false, true);
    }

    // The head is written by hand: Beast's serializer built a list of fields and walked it
    // through nested buffer views for every response, a tenth of the server's time.
    void Write(Response response, bool keep_alive, unsigned version, bool head,
               bool linger = false) {
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
            [self = shared_from_this(), keep_alive, linger](beast::error_code error, std::size_t) {
                self->hold_.reset();
                if (error) return self->Close();
                if (linger) return self->Linger();
                if (!keep_alive) return self->Close();
                self->Read();
            });
    }

    void Linger() {
        Close();
        stream_.expires_after(kLinger);
        Drain();
    }

    void Drain() {
        stream_.async_read_some(asio::buffer(drain_), [self = shared_from_this()](
                                                          beast::error_code error, std::size_t n) {
            self->drained_ += n;
            if (!error && self->drained_ < kMostLingerBytes) self->Drain();
        });
    }

    void Close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    }

    Stream stream_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    Request request_;             // the head of the request being read
    std::shared_ptr<void> hold_;  // its upload slot, until the answer is written
    std::stop_source stop_;       // requested when the client goes while its answer is computed
    bool handling_ = false;
    std::string head_;  // status line and headers of the response being written
    std::string body_;
    std::array<char, 16 * 1024> drain_{};
    std::size_t drained_ = 0;
    const Server& server_;
    const ServerOptions& options_;
    std::shared_ptr<ConnectionCount> connections_;
    std::string remote_;
    bool counted_ = false;
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

Result<Request> ParseRequestHead(std::string_view bytes) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 * 1024);
    beast::error_code error;
    std::size_t used = 0;
    while (!error && !parser.is_header_done() && used < bytes.size()) {
        used += parser.put(asio::buffer(bytes.data() + used, bytes.size() - used), error);
        if (error == bhttp::error::need_more) break;
    }
    if (error && error != bhttp::error::need_more) {
        return InvalidArgument(fmt::format("คำขอ HTTP ผิดรูปแบบ ({})", error.message()));
    }
    if (!parser.is_header_done()) return InvalidArgument("คำขอ HTTP ไม่ครบส่วนหัว");
    return ToRequestHead(parser.get(), "");
}

Status Serve(const ServerOptions& options, AdmitHandler admit, QuickHandler quick,
             RequestHandler handler) {
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
    const Server server{
        options, admit,   quick,
        handler, workers, std::make_shared<ConnectionCount>(options.max_connections_per_address)};
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
