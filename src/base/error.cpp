#include "base/error.hpp"

#include "base/assert.hpp"

namespace khet {

const char* ErrorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return "invalid_argument";
        case ErrorCode::kNotFound:
            return "not_found";
        case ErrorCode::kConflict:
            return "conflict";
        case ErrorCode::kUnauthenticated:
            return "unauthenticated";
        case ErrorCode::kPermissionDenied:
            return "permission_denied";
        case ErrorCode::kTooManyRequests:
            return "too_many_requests";
        case ErrorCode::kUnavailable:
            return "unavailable";
        case ErrorCode::kInternal:
            return "internal";
    }
    KHET_UNREACHABLE("ErrorCode outside the enum");
}

std::string Describe(const Error& error) {
    std::string out = error.message;
    for (const auto& field : error.fields) {
        out += "\n  ";
        out += field.field;
        out += ": ";
        out += field.message;
    }
    return out;
}

}  // namespace khet
