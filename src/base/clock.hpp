#pragma once

#include <chrono>
#include <cstdint>

namespace khet {

/// The time now, as seconds since 1970 UTC; a port so that tests can move time (expiry,
/// throttling) instead of waiting for it.
class Clock {
  public:
    virtual ~Clock() = default;
    virtual std::int64_t NowSeconds() = 0;
};

class SystemClock final : public Clock {
  public:
    std::int64_t NowSeconds() override {
        return std::chrono::duration_cast<std::chrono::seconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }
};

}  // namespace khet
