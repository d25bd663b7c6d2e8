#pragma once

#include "base/error.hpp"
#include "http/message.hpp"

namespace khet::http {

/// The only place that knows HTTP status codes of errors.
int ToHttpStatus(ErrorCode code);

/// The stable JSON error body of docs/api/openapi.yaml. Internal and unavailable errors are
/// logged with their detail and answered with a generic Thai message: no SQL, paths or traces.
Response ErrorResponse(const Error& error);

}  // namespace khet::http
