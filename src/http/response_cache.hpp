#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/message.hpp"
#include "http/router.hpp"
#include "services/ports/repositories.hpp"

namespace khet::http {

/// Answers of GET requests kept with the store's data generation they were computed at. Every
/// write raises the generation in its own transaction, so an answer is current exactly while
/// the generation has not moved, whichever process wrote. Thread-safe; bounded by entries and
/// bytes, the oldest entry going first.
///
/// Reading the generation starts a SQLite read transaction, whose locks cost a quarter of the
/// requests per second under load, so one reading serves every request of the process that
/// arrives within `generation_window` after it began. A write made through this process is seen
/// by every request that arrives after the write has answered (ForgetGeneration); a write by
/// another process sharing the database, within the window. Below one request per window, every
/// request reads the generation.
///
/// An answer must depend only on the user, the method, path and query and on the store: the
/// key of a signed-in request (the gate has set its actor) starts with the user's id, so no user
/// is ever given another's answer; a request that carries credentials the gate did not accept is
/// never kept, nor is anything under /api/v1/session (it holds the session's own CSRF token).
class ResponseCache {
  public:
    using Clock = std::chrono::steady_clock;

    struct Limits {
        std::size_t max_entries = 256;
        std::size_t max_bytes = 16 * 1024 * 1024;
        // Documents state their time of export to the minute; past this age an answer is
        // computed again, so the stamp is never more than half a minute old.
        Clock::duration max_age = std::chrono::seconds(30);
        Clock::duration generation_window = std::chrono::milliseconds(1);
    };

    ResponseCache() : ResponseCache(Limits{}) {}
    explicit ResponseCache(Limits limits) : limits_(limits) {}

    /// "u7 GET /api/v1/offices/2402/statistics/table3?round=2564/2&scheme=obec7": the user, method,
    /// path and the query sorted by name, so the order a client writes parameters in does not
    /// matter.
    static std::string KeyOf(const Request& request);
    /// Whether the answer to `request` may be kept: a GET under /api/ (not /api/v1/session) of
    /// a signed-in user, or without credentials.
    static bool Cacheable(const Request& request);

    /// The generation last read, if that reading began within generation_window before `now`.
    std::optional<long long> RecentGeneration(Clock::time_point now) const;
    /// Records a reading of the generation that began at `began`.
    void NoteGeneration(long long generation, Clock::time_point began);
    /// Makes requests read the generation again, ignoring readings begun before `now`: this
    /// process may just have written.
    void ForgetGeneration(Clock::time_point now);

    /// The answer kept under `key` at `generation` and younger than max_age at `now`.
    std::shared_ptr<const Response> Find(const std::string& key, long long generation,
                                         Clock::time_point now);
    /// Keeps `response` if its status is 200 and it fits; a newer generation drops everything
    /// kept at older ones, and an answer computed at an older generation than kept is ignored.
    void Store(const std::string& key, long long generation, const Response& response,
               Clock::time_point now);

    std::size_t Entries() const;
    std::size_t Bytes() const;

  private:
    struct Entry {
        std::string key;
        std::shared_ptr<const Response> response;
        Clock::time_point stored_at;
        std::size_t bytes = 0;
    };
    void Erase(std::list<Entry>::iterator entry);

    const Limits limits_;
    mutable std::mutex mutex_;
    long long generation_ = -1;                                       // of the answers kept
    std::optional<std::pair<long long, Clock::time_point>> reading_;  // last generation read
    Clock::time_point forgotten_at_{};
    std::list<Entry> entries_;  // oldest first
    std::unordered_map<std::string, std::list<Entry>::iterator> index_;
    std::size_t bytes_ = 0;
};

/// The answer kept in `cache` for `request`, if it may be answered from the cache
/// (ResponseCache::Cacheable) and the store's data generation is the one it was computed at.
std::optional<Response> KeptAnswer(ResponseCache& cache, DataGenerationRepository& generation,
                                   const Request& request);

/// Answers `request` from `cache` when it may (ResponseCache::Cacheable) and the store's data
/// generation is the one the kept answer was computed at; otherwise from `router`, keeping a
/// 200 answer for the next request. When the generation cannot be read the cache is bypassed;
/// after a request that may write (not GET or HEAD) the generation is read again.
Response DispatchCached(const Router& router, ResponseCache& cache,
                        DataGenerationRepository& generation, const Request& request);

}  // namespace khet::http
