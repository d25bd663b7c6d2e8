#include "base/deadline.hpp"

#include <fmt/format.h>

namespace khet {

Status Deadline::Check(std::string_view what) const {
    if (stop_.stop_requested()) {
        return Fail(ErrorCode::kUnavailable,
                    fmt::format("งานถูกยกเลิกระหว่าง{}: ผู้ส่งปิดการเชื่อมต่อไปแล้ว", what));
    }
    if (Clock::now() >= at_) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}ใช้เวลานานเกินกำหนด: แบ่งไฟล์เป็นส่วนเล็กลงแล้วลองใหม่", what));
    }
    return {};
}

}  // namespace khet
