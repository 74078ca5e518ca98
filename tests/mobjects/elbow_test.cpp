// Elbow against Manim's line.py: corners UP, UP+RIGHT, RIGHT scaled to the width about the
// origin, then rotated about it.
#include <gtest/gtest.h>

#include <cmath>

#include "reel/shapes/elbow.h"

namespace reel {
namespace {

TEST(ElbowNegative, ZeroWidthCollapsesToTheOrigin) {
    Mobject e = Elbow({.width = 0.0});
    for (Vec2 v : e.points()) EXPECT_EQ(v, (Vec2{0, 0}));
}

TEST(Elbow, DefaultCornersAndRotation) {
    Mobject e = Elbow();
    ASSERT_EQ(e.points().size(), 8u);
    EXPECT_NEAR(e.points()[0].y, 0.2, 1e-12);
    EXPECT_NEAR(e.points()[3].x, 0.2, 1e-12);
    EXPECT_NEAR(e.points()[3].y, 0.2, 1e-12);
    EXPECT_NEAR(e.points()[7].x, 0.2, 1e-12);
    EXPECT_EQ(e.style().stroke_width, 4.0);
    Mobject r = Elbow({.width = 1.0, .angle = PI / 2});
    EXPECT_NEAR(r.points()[3].x, -1.0, 1e-12);
    EXPECT_NEAR(r.points()[3].y, 1.0, 1e-12);
}

} // namespace
} // namespace reel
