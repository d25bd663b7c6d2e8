#include "http/error_mapping.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/assert.hpp"
#include "http/json_mapping.hpp"

namespace khet::http {

int ToHttpStatus(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return 400;
        case ErrorCode::kNotFound:
            return 404;
        case ErrorCode::kConflict:
            return 409;
        case ErrorCode::kUnauthenticated:
            return 401;
        case ErrorCode::kPermissionDenied:
            return 403;
        case ErrorCode::kTooManyRequests:
            return 429;
        case ErrorCode::kUnavailable:
            return 503;
        case ErrorCode::kInternal:
            return 500;
    }
    KHET_UNREACHABLE("ErrorCode outside the enum");
}

Response ErrorResponse(const Error& error) {
    nlohmann::json body;
    auto& out = body["error"];
    out["code"] = ErrorCodeName(error.code);
    const bool hidden = error.code == ErrorCode::kInternal || error.code == ErrorCode::kUnavailable;
    if (hidden) {
        std::fprintf(stderr, "khet: %s: %s\n", ErrorCodeName(error.code), Describe(error).c_str());
        out["message"] = error.code == ErrorCode::kUnavailable
                             ? "ระบบฐานข้อมูลไม่พร้อมใช้งานชั่วคราว กรุณาลองใหม่อีกครั้ง"
                             : "เกิดข้อผิดพลาดภายในระบบ ผู้ดูแลระบบได้รับบันทึกแล้ว";
    } else {
        out["message"] = error.message;
    }
    out["fields"] = nlohmann::json::array();
    if (!hidden) {
        for (const FieldError& field : error.fields) {
            nlohmann::json item{{"field", field.field}, {"message", field.message}};
            if (field.row > 0) item["row"] = field.row;
            if (!field.column.empty()) item["column"] = field.column;
            out["fields"].push_back(std::move(item));
        }
    }
    return Response{
        ToHttpStatus(error.code), "application/json; charset=utf-8", DumpJson(body), {}};
}

}  // namespace khet::http
