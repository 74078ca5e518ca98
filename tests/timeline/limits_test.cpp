// Issue 22: what scene code cannot make a recording do. Negative cases first: durations that are
// not finite numbers, a scene longer than the limit, more segments or mobjects than the limit,
// each one line naming the limit and the variable that raises it; then the recording cost of
// many adds, which must grow linearly.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include <time.h>

#include "reel/animation.h"
#include "timeline/timeline.h"

namespace reel {
namespace {

// The message of what `f` throws ("" if it throws nothing).
template <class F> std::string thrown(F f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return {};
}

// Sets an environment variable for one test.
struct Env {
    Env(const char* n, const char* v) : name(n) { setenv(n, v, 1); }
    ~Env() { unsetenv(name); }
    const char* name;
};

TEST(LimitsNegative, WaitsThatAreNotFiniteArePositiveNumbersAreRefused) {
    for (double d : {double(INFINITY), double(NAN), -1.0, 0.0}) {
        Scene s;
        const std::string what = thrown([&] { s.wait(d); });
        EXPECT_NE(what.find("must be a positive, finite number of seconds"), std::string::npos) << d << ": " << what;
        EXPECT_EQ(what.find('\n'), std::string::npos);
    }
}

// Issue 22: a bad byte in a section name or in notes failed far away (drawing the seek bar, the
// PDF, the HTML deck); it is refused when recorded, naming the section or the slide.
TEST(LimitsNegative, SectionNamesAndNotesThatAreNotUtf8AreRefused) {
    for (const std::string bad : {"ab\xff", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "x\xe2\x82"}) {
        Scene s;
        s.section("fine, \xc3\xa9t\xc3\xa9 \xf0\x9f\x8e\xac");
        const std::string what = thrown([&] { s.section(bad); });
        EXPECT_EQ(what.rfind("Scene::section: a byte that is not UTF-8 (0x", 0), 0u) << what;
        EXPECT_NE(what.find(") in the name of section 2: write it as UTF-8 text"), std::string::npos) << what;
        s.wait(1);
        s.next_slide({.notes = "ok \xe2\x80\x94 fine"});
        s.wait(1);
        const std::string notes = thrown([&] { s.next_slide({.notes = bad}); });
        EXPECT_EQ(notes.rfind("Scene::next_slide: a byte that is not UTF-8 (0x", 0), 0u) << notes;
        EXPECT_NE(notes.find(") in the notes of slide 2: write it as UTF-8 text"), std::string::npos) << notes;
    }
    Scene s;
    EXPECT_EQ(thrown([&] { s.section("ab\xff"); }),
              "Scene::section: a byte that is not UTF-8 (0xFF at offset 2) in the name of section 1: write it as "
              "UTF-8 text");
}

TEST(LimitsNegative, RunTimesThatAreNotFiniteAreRefused) {
    for (double d : {double(INFINITY), double(NAN)}) {
        Scene s;
        const std::string what = thrown([&] { s.play(FadeIn(Square(1.0)), {.run_time = d}); });
        EXPECT_NE(what.find("run_time"), std::string::npos) << what;
        EXPECT_NE(what.find("positive, finite number of seconds"), std::string::npos) << what;
    }
}

TEST(LimitsNegative, ASceneLongerThan24HoursNamesTheLimit) {
    Scene s;
    const std::string what = thrown([&] { s.wait(1e12); });
    EXPECT_NE(what.find("over the limit of 86400 s (24 h)"), std::string::npos) << what;
    EXPECT_NE(what.find("REEL_MAX_SCENE_SECONDS"), std::string::npos) << what;
    // Step by step too: the hour that crosses the limit is refused, the ones before are kept.
    Scene t;
    for (int h = 0; h < 24; ++h) t.wait(3600);
    EXPECT_NE(thrown([&] { t.wait(1); }).find("over the limit"), std::string::npos);
    EXPECT_DOUBLE_EQ(t.time(), 86400.0);
}

TEST(LimitsNegative, TheLimitsAreRaisedByTheirVariables) {
    Env seconds("REEL_MAX_SCENE_SECONDS", "200000");
    Scene s;
    s.wait(100000);
    EXPECT_DOUBLE_EQ(s.time(), 100000.0);
}

TEST(LimitsNegative, MoreSegmentsThanTheLimitAreRefused) {
    Env segments("REEL_MAX_SEGMENTS", "1000");
    Scene s;
    std::string what;
    for (int i = 0; i < 2000 && what.empty(); ++i) what = thrown([&] { s.wait(1e-3); }); // zero-frame waits
    EXPECT_NE(what.find("more than 1000 plays and waits"), std::string::npos) << what;
    EXPECT_NE(what.find("REEL_MAX_SEGMENTS"), std::string::npos) << what;
}

TEST(LimitsNegative, MoreMobjectsThanTheLimitAreRefused) {
    Env mobjects("REEL_MAX_MOBJECTS", "100");
    Scene s;
    std::string what;
    for (int i = 0; i < 200 && what.empty(); ++i) what = thrown([&] { s.add(Dot()); });
    EXPECT_NE(what.find("more than 100 mobjects"), std::string::npos) << what;
    EXPECT_NE(what.find("REEL_MAX_MOBJECTS"), std::string::npos) << what;
}

TEST(LimitsNegative, MemoryGrowthWhileRecordingIsLimited) {
    Env megabytes("REEL_MAX_RECORDING_MB", "64");
    Scene s;
    for (int i = 0; i < 2000; ++i) s.add(Square(1.0));
    std::string what;
    // Each zero-frame wait keeps a snapshot of 2000 mobjects: the memory grows, the time does not.
    for (int i = 0; i < 2500 && what.empty(); ++i) what = thrown([&] { s.wait(1e-3); });
    EXPECT_NE(what.find("over the limit of 64 MB"), std::string::npos) << what;
    EXPECT_NE(what.find("REEL_MAX_RECORDING_MB"), std::string::npos) << what;
}

// CPU seconds of the calling thread.
double thread_seconds() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Recording 100,000 adds took minutes: each add walked the whole scene (8,000 adds 4.7 s,
// 16,000 18 s). 4x the adds (32,000 and 128,000) must now take about 4x the time: the test
// allows 10x, far below the 16x of the old quadratic cost. The best of three runs each, so that
// a busy machine does not decide; a run gives up (and fails) once past its allowance, so that
// the old code fails in seconds instead of minutes.
double seconds_to_add(int count, double give_up_after) {
    double best = 1e9;
    for (int run = 0; run < 3; ++run) {
        std::vector<Mobject> dots;
        for (int i = 0; i < count; ++i) dots.push_back(Dot());
        // This thread's CPU time: other processes on a busy machine do not count (wall time
        // failed the test once at load 14).
        const double start = thread_seconds();
        auto elapsed = [&] { return thread_seconds() - start; };
        Scene s;
        for (int i = 0; i < count; ++i) {
            s.add(dots[static_cast<std::size_t>(i)]);
            if (i % 500 == 0 && elapsed() > give_up_after) return INFINITY; // past the allowance: failed
        }
        s.wait(1);
        best = std::min(best, elapsed());
    }
    return best;
}

TEST(Limits, RecordingCostIsLinearInTheNumberOfAdds) {
    const double small = seconds_to_add(32000, 5.0);
    const double large = seconds_to_add(128000, std::min(10 * small, 20.0));
    std::printf("[ figures  ] 32000 adds %.4f s, 128000 adds %.4f s: ratio %.1f (linear 4, quadratic 16)\n", small,
                large, large / small);
    EXPECT_LT(small, 5.0) << "32000 adds took more than 5 s";
    EXPECT_LT(large, 10 * small) << "32000 adds: " << small << " s, 128000 adds: " << large << " s";
}

} // namespace
} // namespace reel
