#include "http/session_cache.hpp"

namespace khet::http {

std::shared_ptr<const Session> SessionCache::Find(std::string_view token,
                                                  Clock::time_point now) const {
    std::lock_guard lock(mutex_);
    const auto found = entries_.find(token);
    if (found == entries_.end() || now - found->second.resolved_at >= limits_.lifetime) {
        return nullptr;
    }
    return found->second.session;
}

void SessionCache::Keep(std::string_view token, std::shared_ptr<const Session> session,
                        Clock::time_point now) {
    std::lock_guard lock(mutex_);
    if (entries_.size() >= limits_.max_entries) {
        std::erase_if(entries_, [&](const auto& entry) {
            return now - entry.second.resolved_at >= limits_.lifetime;
        });
        // Still full: that many sessions in one lifetime is rare enough to start over.
        if (entries_.size() >= limits_.max_entries) entries_.clear();
    }
    entries_.insert_or_assign(std::string(token), Entry{std::move(session), now});
}

void SessionCache::Clear() {
    std::lock_guard lock(mutex_);
    entries_.clear();
}

std::size_t SessionCache::Size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace khet::http
