#include "http/response_cache.hpp"

#include <fmt/format.h>

namespace khet::http {
namespace {

// Path and query arrive decoded, so a value may hold '&', '=' or '?': escaping them keeps two
// different requests from sharing a key ("/a%3Fb=1" is not "/a?b=1").
void AppendEscaped(std::string& out, std::string_view text) {
    for (char c : text) {
        if (c == '%' || c == '&' || c == '=' || c == '?') {
            out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
        } else {
            out += c;
        }
    }
}

std::size_t SizeOf(const std::string& key, const Response& response) {
    std::size_t bytes = key.size() + response.content_type.size() + response.body.size();
    for (const auto& [name, value] : response.headers) bytes += name.size() + value.size();
    return bytes;
}

}  // namespace

std::string ResponseCache::KeyOf(const Request& request) {
    // What a user may see depends on their grants, so each user has their own answers; a
    // change of grants raises the data generation and so drops them.
    std::string key = request.actor.user() ? fmt::format("u{} ", request.actor.UserId()) : "";
    key += request.method;
    key += ' ';
    AppendEscaped(key, request.path);
    char separator = '?';
    for (const auto& [name, value] : request.query) {  // std::map: sorted by name
        key += separator;
        AppendEscaped(key, name);
        key += '=';
        AppendEscaped(key, value);
        separator = '&';
    }
    return key;
}

bool ResponseCache::Cacheable(const Request& request) {
    if (request.method != "GET" || !request.path.starts_with("/api/") ||
        request.path.starts_with("/api/v1/session")) {
        return false;
    }
    if (const User* user = request.actor.user()) return !user->must_change_password;
    return !request.headers.contains("cookie") && !request.headers.contains("authorization");
}

std::optional<long long> ResponseCache::RecentGeneration(Clock::time_point now) const {
    std::lock_guard lock(mutex_);
    if (!reading_ || now - reading_->second >= limits_.generation_window) return std::nullopt;
    return reading_->first;
}

void ResponseCache::NoteGeneration(long long generation, Clock::time_point began) {
    std::lock_guard lock(mutex_);
    // A reading begun before a forget may have missed this process's write.
    if (began < forgotten_at_) return;
    if (!reading_ || began >= reading_->second) reading_.emplace(generation, began);
}

void ResponseCache::ForgetGeneration(Clock::time_point now) {
    std::lock_guard lock(mutex_);
    reading_.reset();
    forgotten_at_ = now;
}

std::shared_ptr<const Response> ResponseCache::Find(const std::string& key, long long generation,
                                                    Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (generation != generation_) return nullptr;
    const auto found = index_.find(key);
    if (found == index_.end()) return nullptr;
    if (now - found->second->stored_at >= limits_.max_age) {
        Erase(found->second);
        return nullptr;
    }
    return found->second->response;
}

void ResponseCache::Store(const std::string& key, long long generation, const Response& response,
                          Clock::time_point now) {
    if (response.status != 200) return;
    const std::size_t bytes = SizeOf(key, response);
    if (limits_.max_entries == 0 || bytes > limits_.max_bytes) return;
    auto kept = std::make_shared<const Response>(response);  // copied outside the lock
    std::lock_guard lock(mutex_);
    if (generation < generation_) return;  // computed before a write this cache has seen
    if (generation > generation_) {
        entries_.clear();
        index_.clear();
        bytes_ = 0;
        generation_ = generation;
    }
    if (const auto found = index_.find(key); found != index_.end()) Erase(found->second);
    while (!entries_.empty() &&
           (entries_.size() >= limits_.max_entries || bytes_ + bytes > limits_.max_bytes)) {
        Erase(entries_.begin());
    }
    entries_.push_back({key, std::move(kept), now, bytes});
    index_.emplace(key, std::prev(entries_.end()));
    bytes_ += bytes;
}

std::size_t ResponseCache::Entries() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

std::size_t ResponseCache::Bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

void ResponseCache::Erase(std::list<Entry>::iterator entry) {
    bytes_ -= entry->bytes;
    index_.erase(entry->key);
    entries_.erase(entry);
}

namespace {

// The generation for a request that arrives at `now`, read again unless a reading began within
// the window; nullopt when it cannot be read.
std::optional<long long> GenerationAt(ResponseCache& cache, DataGenerationRepository& generation,
                                      ResponseCache::Clock::time_point now) {
    if (auto recent = cache.RecentGeneration(now)) return recent;
    const auto read = generation.DataGeneration();
    if (!read) return std::nullopt;
    cache.NoteGeneration(*read, now);
    return *read;
}

}  // namespace

std::optional<Response> KeptAnswer(ResponseCache& cache, DataGenerationRepository& generation,
                                   const Request& request) {
    if (!ResponseCache::Cacheable(request)) return std::nullopt;
    const auto now = ResponseCache::Clock::now();
    const auto current = GenerationAt(cache, generation, now);
    if (!current) return std::nullopt;
    if (const auto kept = cache.Find(ResponseCache::KeyOf(request), *current, now)) return *kept;
    return std::nullopt;
}

Response DispatchCached(const Router& router, ResponseCache& cache,
                        DataGenerationRepository& generation, const Request& request) {
    if (!ResponseCache::Cacheable(request)) {
        Response response = router.Dispatch(request);
        if (request.method != "GET" && request.method != "HEAD") {
            cache.ForgetGeneration(ResponseCache::Clock::now());  // it may have written
        }
        return response;
    }
    // Read before computing: an answer is kept under a generation it is at least as new as.
    const auto now = ResponseCache::Clock::now();
    const auto current = GenerationAt(cache, generation, now);
    if (!current) return router.Dispatch(request);
    const std::string key = ResponseCache::KeyOf(request);
    if (const auto kept = cache.Find(key, *current, now)) return *kept;
    Response response = router.Dispatch(request);
    cache.Store(key, *current, response, ResponseCache::Clock::now());
    return response;
}

}  // namespace khet::http
