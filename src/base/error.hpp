#pragma once

#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace khet {

/// What went wrong, independent of transport; only http/ knows status codes.
enum class ErrorCode {
    kInvalidArgument,  // the input breaks a rule; sending it again unchanged fails again
    kNotFound,
    kConflict,          // valid, but the current state forbids it (stale version, duplicate)
    kUnauthenticated,   // no valid session: sign in first
    kPermissionDenied,  // signed in, but the user's grants do not allow it
    kTooManyRequests,   // throttled (sign-in attempts); the message says when to try again
    kUnavailable,       // the database or disk failed; a retry may succeed
    kInternal,          // a bug: details go to the log, never to the client
};

/// Stable machine name of a code, as used in the JSON error body ("invalid_argument").
const char* ErrorCodeName(ErrorCode code);

/// One problem in one place of the input: a file cell, a form field or a JSON path.
struct FieldError {
    std::string field;    // "census.csv:row 12:male", or a JSON path
    std::string message;  // Thai first, for the person who must fix the file
    int row = 0;          // 1-based row of the input file, 0 when not a file
    std::string column;   // column header as written in the file, empty when not a file
};

struct Error {
    ErrorCode code;
    std::string message;
    std::vector<FieldError> fields;
};

template <typename T>
using Result = std::expected<T, Error>;

/// Result of an operation that yields nothing on success.
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(ErrorCode code, std::string message,
                                   std::vector<FieldError> fields = {}) {
    return std::unexpected(Error{code, std::move(message), std::move(fields)});
}

inline std::unexpected<Error> InvalidArgument(std::string message,
                                              std::vector<FieldError> fields = {}) {
    return Fail(ErrorCode::kInvalidArgument, std::move(message), std::move(fields));
}

inline std::unexpected<Error> NotFound(std::string message) {
    return Fail(ErrorCode::kNotFound, std::move(message));
}

/// Human-readable one-line summary plus one line per field error, for CLI output and logs.
std::string Describe(const Error& error);

}  // namespace khet
