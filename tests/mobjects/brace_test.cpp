// Brace and BraceBetweenPoints against Manim's brace.py: the straight parts
// max(0, (width * sharpness - 0.90552) / 2), the width matched to the braced box, `buff` below
// it, the tip at point 28, other directions by turning the mobject.
#include <gtest/gtest.h>

#include <cmath>

#include "reel/brace.h"

namespace reel {
namespace {

TEST(BraceNegative, ZeroWidthStillMakesAFiniteBrace) {
    Mobject b = Brace(Line(ORIGIN, UP)); // seen from below it has no width
    for (Vec2 v : b.points()) {
        EXPECT_TRUE(std::isfinite(v.x));
        EXPECT_TRUE(std::isfinite(v.y));
    }
}

TEST(Brace, UnderASquare) {
    Mobject b = Brace(Square());
    EXPECT_EQ(b.kind(), "Brace");
    EXPECT_NEAR(b.width(), 2.0, 1e-9);
    EXPECT_NEAR(b.get_corner(UL).x, -1.0, 1e-9);
    EXPECT_NEAR(b.get_top().y, -1.2, 1e-9);
    EXPECT_EQ(b.style().fill_opacity, 1.0);
    EXPECT_EQ(b.style().stroke_width, 0.0);
    // The tip: the middle of the bump, its lowest point, pointing down.
    Vec2 tip = brace_tip(b);
    EXPECT_NEAR(tip.x, 0.0, 2e-3);
    EXPECT_NEAR(tip.y, b.anchor_bounds().min.y, 1e-3);
    Vec2 d = brace_direction(b);
    EXPECT_NEAR(d.y, -1.0, 1e-3);
    // The path's height is not stretched: the SVG's 0.24 units, give or take.
    EXPECT_GT(b.height(), 0.2);
    EXPECT_LT(b.height(), 0.3);
    Mobject label = Square(0.5);
    put_at_tip(b, label);
    EXPECT_NEAR(label.get_top().y, tip.y - MED_SMALL_BUFF, 1e-9);
}

TEST(Brace, SharpnessOnlyChangesTheStraightParts) {
    Mobject a = Brace(Square(), DOWN, {.sharpness = 2});
    Mobject b = Brace(Square(), DOWN, {.sharpness = 1});
    EXPECT_EQ(a.points().size(), b.points().size());
    EXPECT_NEAR(a.width(), b.width(), 1e-9);
}

TEST(Brace, OtherDirectionsAndBetweenPoints) {
    Mobject r = Brace(Square(), RIGHT);
    EXPECT_NEAR(r.get_left().x, 1.2, 1e-9);
    EXPECT_NEAR(r.height(), 2.0, 1e-9);
    EXPECT_NEAR(brace_direction(r).x, 1.0, 1e-3);
    Mobject u = Brace(Square(), UP);
    EXPECT_NEAR(u.get_bottom().y, 1.2, 1e-9);
    // Left to right: drawn from below.
    Mobject bp = BraceBetweenPoints({0, 0}, {2, 0});
    EXPECT_NEAR(bp.get_top().y, -0.2, 1e-9);
    EXPECT_NEAR(bp.get_center().x, 1.0, 1e-3);
    // Swapped: above.
    Mobject bq = BraceBetweenPoints({2, 0}, {0, 0});
    EXPECT_NEAR(bq.get_bottom().y, 0.2, 1e-9);
}

} // namespace
} // namespace reel
