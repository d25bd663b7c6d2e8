// Any bytes as the head of an HTTP request, read as the server reads it: a 400 or a request
// whose path, query and cookies can be read without a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/beast_server.hpp"
#include "http/gate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto request = khet::http::ParseRequestHead(bytes);
    if (!request) return 0;
    (void)khet::http::CookieValue(*request, khet::http::kSessionCookie);
    (void)request->Query("round");
    return 0;
}
