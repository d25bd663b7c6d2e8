#include "http/response_cache.hpp"

#include <gtest/gtest.h>

namespace khet::http {
namespace {

using namespace std::chrono_literals;

const ResponseCache::Clock::time_point kNow{};

Response Ok(std::string body) { return Response{200, "application/json", std::move(body), {}}; }

Request Get(std::string path, std::map<std::string, std::string> query = {}) {
    Request request;
    request.method = "GET";
    request.path = std::move(path);
    request.query = std::move(query);
    return request;
}

class FakeGeneration final : public DataGenerationRepository {
  public:
    Result<long long> DataGeneration() override {
        ++reads;
        if (unavailable) return Fail(ErrorCode::kUnavailable, "ปิดอยู่");
        return value;
    }
    long long value = 7;
    bool unavailable = false;
    int reads = 0;
};

TEST(ResponseCache, KeysSortTheQueryAndKeepDifferentRequestsApart) {
    EXPECT_EQ(ResponseCache::KeyOf(Get("/api/v1/x", {{"scheme", "obec7"}, {"round", "2564/2"}})),
              "GET /api/v1/x?round=2564/2&scheme=obec7");
    // Decoded values may hold the characters the key is built with.
    EXPECT_NE(ResponseCache::KeyOf(Get("/api/v1/x", {{"a", "1&b=2"}})),
              ResponseCache::KeyOf(Get("/api/v1/x", {{"a", "1"}, {"b", "2"}})));
    EXPECT_NE(ResponseCache::KeyOf(Get("/api/v1/x?a=1")),
              ResponseCache::KeyOf(Get("/api/v1/x", {{"a", "1"}})));
}

TEST(ResponseCache, KeepsOnlyGetsOfTheApiWithoutCredentials) {
    EXPECT_TRUE(ResponseCache::Cacheable(Get("/api/v1/offices")));
    EXPECT_FALSE(ResponseCache::Cacheable(Get("/index.html")));
    Request post = Get("/api/v1/offices/2402/imports/census");
    post.method = "POST";
    EXPECT_FALSE(ResponseCache::Cacheable(post));
    Request with_cookie = Get("/api/v1/offices");
    with_cookie.headers["cookie"] = "session=1";
    EXPECT_FALSE(ResponseCache::Cacheable(with_cookie));
}

TEST(ResponseCache, AnswersUntilTheGenerationMoves) {
    ResponseCache cache;
    cache.Store("GET /a", 3, Ok("three"), kNow);
    ASSERT_TRUE(cache.Find("GET /a", 3, kNow));
    EXPECT_EQ(cache.Find("GET /a", 3, kNow)->body, "three");
    EXPECT_FALSE(cache.Find("GET /b", 3, kNow));
    EXPECT_FALSE(cache.Find("GET /a", 4, kNow));  // a write happened
    cache.Store("GET /b", 4, Ok("four"), kNow);
    EXPECT_FALSE(cache.Find("GET /a", 3, kNow));
    EXPECT_EQ(cache.Entries(), 1u);  // the newer generation dropped the older answers
}

TEST(ResponseCache, IgnoresAnAnswerComputedBeforeAWriteItHasSeen) {
    ResponseCache cache;
    cache.Store("GET /a", 5, Ok("five"), kNow);
    cache.Store("GET /b", 4, Ok("four"), kNow);
    EXPECT_FALSE(cache.Find("GET /b", 4, kNow));
    EXPECT_FALSE(cache.Find("GET /b", 5, kNow));
    EXPECT_EQ(cache.Entries(), 1u);
}

TEST(ResponseCache, KeepsOnlySuccessfulAnswers) {
    ResponseCache cache;
    Response missing = Ok("{}");
    missing.status = 404;
    cache.Store("GET /a", 1, missing, kNow);
    EXPECT_FALSE(cache.Find("GET /a", 1, kNow));
    EXPECT_EQ(cache.Entries(), 0u);
}

TEST(ResponseCache, DropsTheOldestBeyondItsNumberOfEntries) {
    ResponseCache cache({.max_entries = 2});
    cache.Store("GET /1", 1, Ok("1"), kNow);
    cache.Store("GET /2", 1, Ok("2"), kNow);
    cache.Store("GET /3", 1, Ok("3"), kNow);
    EXPECT_EQ(cache.Entries(), 2u);
    EXPECT_FALSE(cache.Find("GET /1", 1, kNow));
    EXPECT_TRUE(cache.Find("GET /2", 1, kNow));
    EXPECT_TRUE(cache.Find("GET /3", 1, kNow));
}

TEST(ResponseCache, DropsTheOldestBeyondItsBytesAndNeverKeepsAnAnswerLargerThanAll) {
    ResponseCache cache({.max_entries = 100, .max_bytes = 100});
    cache.Store("GET /1", 1, Ok(std::string(40, 'x')), kNow);
    cache.Store("GET /2", 1, Ok(std::string(40, 'y')), kNow);
    EXPECT_EQ(cache.Entries(), 1u);
    EXPECT_TRUE(cache.Find("GET /2", 1, kNow));
    EXPECT_LE(cache.Bytes(), 100u);
    cache.Store("GET /big", 1, Ok(std::string(200, 'z')), kNow);
    EXPECT_FALSE(cache.Find("GET /big", 1, kNow));
    EXPECT_TRUE(cache.Find("GET /2", 1, kNow));
}

TEST(ResponseCache, ForgetsAnswersOlderThanItsMaximumAge) {
    ResponseCache cache({.max_age = 30s});
    cache.Store("GET /a", 1, Ok("a"), kNow);
    EXPECT_TRUE(cache.Find("GET /a", 1, kNow + 29s));
    EXPECT_FALSE(cache.Find("GET /a", 1, kNow + 30s));
    EXPECT_EQ(cache.Entries(), 0u);
}

TEST(ResponseCache, ReusesAGenerationReadingOnlyWithinItsWindow) {
    ResponseCache cache({.generation_window = 1ms});
    EXPECT_FALSE(cache.RecentGeneration(kNow));
    cache.NoteGeneration(4, kNow);
    EXPECT_EQ(cache.RecentGeneration(kNow + 999us), 4);
    EXPECT_FALSE(cache.RecentGeneration(kNow + 1ms));
    cache.NoteGeneration(3, kNow - 1ms);  // began before the reading kept: older
    EXPECT_EQ(cache.RecentGeneration(kNow + 10us), 4);
}

TEST(ResponseCache, AfterAForgetIgnoresReadingsBegunBeforeIt) {
    ResponseCache cache({.generation_window = 1h});
    cache.NoteGeneration(4, kNow);
    cache.ForgetGeneration(kNow + 2us);
    EXPECT_FALSE(cache.RecentGeneration(kNow + 3us));
    cache.NoteGeneration(4, kNow + 1us);  // a reading that may have missed the write
    EXPECT_FALSE(cache.RecentGeneration(kNow + 3us));
    cache.NoteGeneration(5, kNow + 3us);
    EXPECT_EQ(cache.RecentGeneration(kNow + 4us), 5);
}

class CachedDispatch : public ::testing::Test {
  protected:
    void SetUp() override {
        router_.Add("GET", "/api/v1/tables/{table}", [this](const Request&, const PathParams& p) {
            ++computed_;
            return Ok(p.at("table") + " at " + std::to_string(generation_.value));
        });
        router_.Add("POST", "/api/v1/tables/{table}", [this](const Request&, const PathParams&) {
            ++computed_;
            return Ok("written");
        });
    }
    Response Send(const Request& request) {
        return DispatchCached(router_, cache_, generation_, request);
    }

    Router router_;
    ResponseCache cache_{{.generation_window = ResponseCache::Clock::duration::zero()}};
    FakeGeneration generation_;
    int computed_ = 0;
};

TEST_F(CachedDispatch, ComputesOnceUntilAWriteRaisesTheGeneration) {
    EXPECT_EQ(Send(Get("/api/v1/tables/table3")).body, "table3 at 7");
    EXPECT_EQ(Send(Get("/api/v1/tables/table3")).body, "table3 at 7");
    EXPECT_EQ(computed_, 1);
    generation_.value = 8;
    EXPECT_EQ(Send(Get("/api/v1/tables/table3")).body, "table3 at 8");
    EXPECT_EQ(computed_, 2);
}

TEST_F(CachedDispatch, HasAKeptAnswerOnlyOnceComputedAndOnlyForItsGeneration) {
    const Request request = Get("/api/v1/tables/table3");
    EXPECT_FALSE(KeptAnswer(cache_, generation_, request));
    Send(request);
    ASSERT_TRUE(KeptAnswer(cache_, generation_, request));
    EXPECT_EQ(KeptAnswer(cache_, generation_, request)->body, "table3 at 7");
    generation_.value = 8;
    EXPECT_FALSE(KeptAnswer(cache_, generation_, request));
    Request head = request;
    head.method = "HEAD";
    EXPECT_FALSE(KeptAnswer(cache_, generation_, head));
    EXPECT_EQ(computed_, 1);
}

TEST_F(CachedDispatch, NeverKeepsWritesErrorsOrAnswersWithoutAGeneration) {
    Request post = Get("/api/v1/tables/table3");
    post.method = "POST";
    Send(post);
    Send(post);
    EXPECT_EQ(computed_, 2);
    EXPECT_EQ(Send(Get("/api/v1/nowhere")).status, 404);
    EXPECT_EQ(cache_.Entries(), 0u);
    generation_.unavailable = true;
    Send(Get("/api/v1/tables/table3"));
    Send(Get("/api/v1/tables/table3"));
    EXPECT_EQ(computed_, 4);
}

TEST_F(CachedDispatch, SeesAWriteOfItsOwnProcessAtOnceAndAnotherProcessWithinTheWindow) {
    ResponseCache cache({.generation_window = 1h});
    auto send = [&](const Request& request) {
        return DispatchCached(router_, cache, generation_, request);
    };
    EXPECT_EQ(send(Get("/api/v1/tables/table3")).body, "table3 at 7");
    generation_.value = 8;  // another process wrote
    EXPECT_EQ(send(Get("/api/v1/tables/table3")).body, "table3 at 7");
    EXPECT_EQ(generation_.reads, 1);
    Request post = Get("/api/v1/tables/table3");
    post.method = "POST";
    send(post);  // this process may have written
    EXPECT_EQ(send(Get("/api/v1/tables/table3")).body, "table3 at 8");
    EXPECT_EQ(generation_.reads, 2);
}

}  // namespace
}  // namespace khet::http
