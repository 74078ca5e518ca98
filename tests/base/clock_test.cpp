// Times as people read them: the one clock text of the seek bar, the window title, the
// handout's headings (m:ss.d), the presenter console's elapsed time and the exporter's
// remaining time (m:ss).
#include <gtest/gtest.h>

#include <cmath>

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

} // namespace
} // namespace reel
