// Times as people read them: the one clock text of the seek bar, the window title, the
// handout's headings (m:ss.d), the presenter console's elapsed time and the exporter's
// remaining time (m:ss).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <ctime>

#include "base/clock.h"

namespace reel {
namespace {

TEST(Clock, NonsenseIsZero) {
    EXPECT_EQ(format_clock(-3.0), "0:00.0");
    EXPECT_EQ(format_clock(std::nan("")), "0:00.0");
    EXPECT_EQ(format_clock_seconds(-3.0), "0:00");
    EXPECT_EQ(format_clock_seconds(std::nan("")), "0:00");
}

TEST(Clock, TenthsTruncateTowardZero) {
    EXPECT_EQ(format_clock(16.5), "0:16.5");
    EXPECT_EQ(format_clock(88.667), "1:28.6");
    EXPECT_EQ(format_clock(600), "10:00.0");
    EXPECT_EQ(format_clock(59.99), "0:59.9");
}

TEST(Clock, WholeSecondsGainHoursFromAnHourOn) {
    EXPECT_EQ(format_clock_seconds(5.9), "0:05");
    EXPECT_EQ(format_clock_seconds(723), "12:03");
    EXPECT_EQ(format_clock_seconds(3599.99), "59:59");
    EXPECT_EQ(format_clock_seconds(3723), "1:02:03");
}

TEST(Clock, WallClockIsLocalTimeToTheMillisecondTruncated) {
    setenv("TZ", "UTC0", 1);
    tzset();
    // 1970-01-02 01:01:01.007999999 UTC
    EXPECT_EQ(format_wall_clock(std::timespec{25 * 3600 + 61, 7'999'999}), "01:01:01.007");
    EXPECT_EQ(format_wall_clock(std::timespec{0, 0}), "00:00:00.000");
    EXPECT_EQ(wall_clock_now().size(), 12u);
}

TEST(Clock, ThreadCpuTimeGrowsWithWork) {
    const double before = thread_cpu_seconds();
    // Bounded, so a clock that never moves fails instead of hanging.
    for (long i = 0; i < 200'000'000 && thread_cpu_seconds() - before < 0.01; ++i) {}
    EXPECT_GE(thread_cpu_seconds() - before, 0.01);
    EXPECT_LT(thread_cpu_seconds() - before, 5.0);
}

} // namespace
} // namespace reel
