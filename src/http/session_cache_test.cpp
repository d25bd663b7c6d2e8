#include "http/session_cache.hpp"

#include <gtest/gtest.h>

namespace khet::http {
namespace {

using namespace std::chrono_literals;

const SessionCache::Clock::time_point kNow{};

std::shared_ptr<const Session> SessionOf(std::string login) {
    Session session;
    session.user.login = std::move(login);
    return std::make_shared<const Session>(std::move(session));
}

TEST(SessionCache, GivesASessionBackOnlyWithinItsLifetime) {
    SessionCache cache(SessionCache::Limits{16, 1s});
    cache.Keep("token-a", SessionOf("planner.2402"), kNow);
    ASSERT_NE(cache.Find("token-a", kNow + 999ms), nullptr);
    EXPECT_EQ(cache.Find("token-a", kNow + 999ms)->user.login, "planner.2402");
    EXPECT_EQ(cache.Find("token-a", kNow + 1s), nullptr);
    EXPECT_EQ(cache.Find("token-b", kNow), nullptr);
}

TEST(SessionCache, ClearForgetsEverySession) {
    SessionCache cache;
    cache.Keep("token-a", SessionOf("a"), kNow);
    cache.Keep("token-b", SessionOf("b"), kNow);
    cache.Clear();
    EXPECT_EQ(cache.Find("token-a", kNow), nullptr);
    EXPECT_EQ(cache.Find("token-b", kNow), nullptr);
    EXPECT_EQ(cache.Size(), 0u);
}

TEST(SessionCache, WhenFullDropsTheOutlivedFirstAndStartsOverIfNoneHas) {
    SessionCache cache(SessionCache::Limits{2, 1s});
    cache.Keep("old", SessionOf("old"), kNow);
    cache.Keep("recent", SessionOf("recent"), kNow + 900ms);
    cache.Keep("new", SessionOf("new"), kNow + 1100ms);  // "old" has outlived its second
    EXPECT_EQ(cache.Size(), 2u);
    EXPECT_NE(cache.Find("recent", kNow + 1100ms), nullptr);
    EXPECT_NE(cache.Find("new", kNow + 1100ms), nullptr);

    cache.Keep("newest", SessionOf("newest"), kNow + 1200ms);  // both others still current
    EXPECT_EQ(cache.Size(), 1u);
    EXPECT_NE(cache.Find("newest", kNow + 1200ms), nullptr);
}

TEST(SessionCache, KeepingATokenAgainReplacesItsSession) {
    SessionCache cache;
    cache.Keep("token", SessionOf("before"), kNow);
    cache.Keep("token", SessionOf("after"), kNow + 10ms);
    EXPECT_EQ(cache.Find("token", kNow + 10ms)->user.login, "after");
    EXPECT_EQ(cache.Size(), 1u);
}

}  // namespace
}  // namespace khet::http
