// The data generation: every write raises it in its own transaction, on both engines, so the
// HTTP response cache of every process sharing the database sees each write.
#include <gtest/gtest.h>

#include "http/response_cache.hpp"
#include "http/router.hpp"
#include "store/sql_store.hpp"
#include "tests/support/fixtures.hpp"

namespace khet::testing {
namespace {

class DataGeneration : public ::testing::TestWithParam<std::string> {
  protected:
    long long Generation(store::SqlStore& store) {
        auto generation = store.DataGeneration();
        EXPECT_TRUE(generation) << Describe(generation.error());
        return generation.value_or(-1);
    }

    const CensusRound round_ = *CensusRound::Make(2564, 2);
    const Office office_{"9001", "สำนักงานทดสอบ", "สพป.ทดสอบ", ""};
    const School school_{.code = "1090010001",
                         .smis_code = "",
                         .office_code = "9001",
                         .name = "บ้านกอไผ่",
                         .district = "",
                         .zone_code = ""};
    StoreFixture fixture_{GetParam()};
};

TEST_P(DataGeneration, RisesWithEveryWriteAndNotWithAFailedOne) {
    store::SqlStore& store = fixture_.Store();
    const long long start = Generation(store);
    ASSERT_TRUE(store.SaveSchools({office_}, {}, {school_}, TestAudit()));
    EXPECT_EQ(Generation(store), start + 1);
    ASSERT_TRUE(store.ReplaceEnrolment(round_, {school_.code},
                                       {{school_.code, Grade::kP1, 5, 6, 1}}, TestAudit()));
    ASSERT_TRUE(store.ReplaceStaff(round_, {school_.code}, {}, TestAudit()));
    ASSERT_TRUE(store.ReplaceDegrees(round_, {school_.code}, {}, TestAudit()));
    EXPECT_EQ(Generation(store), start + 4);
    // An unknown school breaks the foreign key: the round and the generation stay as they were.
    ASSERT_FALSE(store.ReplaceEnrolment(round_, {school_.code},
                                        {{"1999999999", Grade::kP1, 1, 1, 1}}, TestAudit()));
    EXPECT_EQ(Generation(store), start + 4);
    EXPECT_EQ(*store.CountEnrolmentRows(round_), 1);
}

TEST_P(DataGeneration, AnotherConnectionSeesTheWriteAtItsNextRead) {
    auto other = store::Connect(fixture_.Url());
    ASSERT_TRUE(other) << Describe(other.error());
    store::SqlStore reader(std::move(*other));
    const long long before = Generation(reader);  // prepares and keeps the statement
    ASSERT_TRUE(fixture_.Store().SaveSchools({office_}, {}, {school_}, TestAudit()));
    EXPECT_EQ(Generation(reader), before + 1);
}

// Two "processes" (two connections, two caches) share one database: an answer one of them kept
// is not served after the other one writes.
TEST_P(DataGeneration, KeepsAnotherProcessFromServingAnAnswerAWriteMadeStale) {
    auto other = store::Connect(fixture_.Url());
    ASSERT_TRUE(other) << Describe(other.error());
    store::SqlStore serving(std::move(*other));
    ASSERT_TRUE(fixture_.Store().SaveSchools({office_}, {}, {school_}, TestAudit()));

    int computed = 0;
    http::Router router;
    router.Add("GET", "/api/v1/offices/{office}/schools",
               [&](const http::Request&, const http::PathParams& params) {
                   ++computed;
                   auto schools = serving.Schools(params.at("office"));
                   return http::Response{200, "text/plain", std::to_string(schools->size()), {}};
               });
    http::ResponseCache cache({.generation_window = http::ResponseCache::Clock::duration::zero()});
    http::Request request;
    request.method = "GET";
    request.path = "/api/v1/offices/9001/schools";

    EXPECT_EQ(http::DispatchCached(router, cache, serving, request).body, "1");
    EXPECT_EQ(http::DispatchCached(router, cache, serving, request).body, "1");
    EXPECT_EQ(computed, 1);
    School second = school_;
    second.code = "1090010002";
    ASSERT_TRUE(fixture_.Store().SaveSchools({}, {}, {second}, TestAudit()));
    EXPECT_EQ(http::DispatchCached(router, cache, serving, request).body, "2");
    EXPECT_EQ(computed, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, DataGeneration, ::testing::ValuesIn(kEngines),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace khet::testing
