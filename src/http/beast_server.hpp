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
    std::size_t max_body_bytes = 64 * 1024 * 1024;
    /// Sent with every response, before the handler's own headers.
    std::vector<std::pair<std::string, std::string>> headers;
};

using RequestHandler = std::function<Response(const Request&)>;
/// The answer to a request when it is at hand (a file in memory, an answer kept in a cache),
/// or nullopt when the request handler must compute it.
using QuickHandler = std::function<std::optional<Response>(const Request&)>;

/// Serves HTTP/1.1 until SIGINT or SIGTERM. A request is first offered to `quick` on the
/// event-loop thread of its connection; if it has no answer, `handler` runs on a worker thread,
/// so a slow answer (a national table, a PDF, an import) holds up no other connection.
/// kUnavailable when the address cannot be bound.
Status Serve(const ServerOptions& options, QuickHandler quick, RequestHandler handler);

}  // namespace khet::http
