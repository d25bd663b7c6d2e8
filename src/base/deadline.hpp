#pragma once
// When long work must stop: its client went away, or it ran past the time it may take. Parsers
// of uploads and the imports check it between rows and blocks, so a request nobody waits for
// any more, or a file built to take minutes, does not hold a worker thread.
#include <chrono>
#include <stop_token>
#include <string_view>

#include "base/error.hpp"

namespace khet {

class Deadline {
  public:
    using Clock = std::chrono::steady_clock;

    /// Never expires and cannot be stopped (the command line, tests).
    static Deadline Never() { return Deadline(Clock::time_point::max(), {}); }
    /// Expires `limit` from now, or earlier when `stop` is requested.
    static Deadline In(Clock::duration limit, std::stop_token stop = {}) {
        return Deadline(Clock::now() + limit, std::move(stop));
    }

    /// kUnavailable when the client has gone ("งานถูกยกเลิก", which nobody reads); when the time
    /// is up, kInvalidArgument ("ใช้เวลานานเกินกำหนด"): work that has a time limit is a file that
    /// costs too much to read, and the same file would cost as much again. `what` names the work.
    Status Check(std::string_view what) const;

    bool Expired() const { return stop_.stop_requested() || Clock::now() >= at_; }

  private:
    Deadline(Clock::time_point at, std::stop_token stop) : at_(at), stop_(std::move(stop)) {}
    Clock::time_point at_;
    std::stop_token stop_;
};

}  // namespace khet
