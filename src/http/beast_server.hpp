#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/error.hpp"
#include "http/message.hpp"

namespace khet::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    int port = 8080;  // 0: any free port
    /// Event-loop threads, which read and write connections and give quick answers, and as many
    /// worker threads, which run the request handler.
    int threads = 4;
    std::string port_file;  // when set, the bound port is written here once listening
    /// No body is read past this, whatever `admit` allows.
    std::size_t max_body_bytes = 64 * 1024 * 1024;
    /// Connections one client address may hold open; 0 for no limit (behind a reverse proxy,
    /// where every connection comes from the proxy, which limits its clients itself).
    int max_connections_per_address = 64;
    /// Sent with every response, before the handler's own headers.
    std::vector<std::pair<std::string, std::string>> headers;
};

/// Decides, on a worker thread, from the head of a request that has a body whether the body is
/// read, and up to which size (http/gate.hpp's AdmitHead). `declared_length` is nullopt for a
/// chunked body.
using AdmitHandler =
    std::function<Admission(const Request& head, std::optional<std::size_t> declared_length)>;

/// Takes the request whole (an upload's body moves on, never copied).
using RequestHandler = std::function<Response(Request)>;
/// The answer to a request when it is at hand (a file in memory, an answer kept in a cache),
/// or nullopt when the request handler must compute it.
using QuickHandler = std::function<std::optional<Response>(const Request&)>;

/// Serves HTTP/1.1 until SIGINT or SIGTERM. The head of a request with a body goes to `admit`
/// first (a refusal is answered without reading the body, which is then drained and dropped).
/// A request is offered to `quick` on the event-loop thread of its connection; if it has no
/// answer, `handler` runs on a worker thread, so a slow answer (a national table, a PDF, an
/// import) holds up no other connection, and its request's stop token is requested when the
/// client closes the connection meanwhile. A malformed request is answered 400, a header
/// named twice that must be one (Host, Origin, Cookie, X-CSRF-Token …) too, and
/// Transfer-Encoding other than chunked alone (RFC 9112). kUnavailable when the address cannot
/// be bound.
Status Serve(const ServerOptions& options, AdmitHandler admit, QuickHandler quick,
             RequestHandler handler);

/// The head of one request (up to its blank line), as Serve reads it: kInvalidArgument for
/// what Serve answers 400. For tests and the fuzz target of the request head.
Result<Request> ParseRequestHead(std::string_view bytes);

}  // namespace khet::http
