#pragma once

#include <functional>
#include <string>

#include "base/error.hpp"
#include "http/message.hpp"

namespace khet::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    int port = 8080;  // 0: any free port
    int threads = 4;
    std::string port_file;  // when set, the bound port is written here once listening
    std::size_t max_body_bytes = 64 * 1024 * 1024;
};

using RequestHandler = std::function<Response(const Request&)>;

/// Serves HTTP/1.1 until SIGINT or SIGTERM; the handler runs on the server's threads.
/// kUnavailable when the address cannot be bound.
Status Serve(const ServerOptions& options, RequestHandler handler);

}  // namespace khet::http
