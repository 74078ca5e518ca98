// Angle and RightAngle against Manim's line.py (v0.17.3), worked by hand from its code: the
// intersection, the default radius rule, the four quadrant / other_angle cases, the dot.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "reel/shapes/angle.h"

namespace reel {
namespace {

Vec2 polar(Vec2 c, double r, double a) { return c + Vec2{std::cos(a), std::sin(a)} * r; }

TEST(AngleNegative, ParallelLinesAreRefused) {
    EXPECT_THROW(Angle(Line(LEFT, RIGHT), Line(LEFT + UP, RIGHT + UP)), std::invalid_argument);
    EXPECT_THROW(angle_value(Line()), std::invalid_argument);
}

// MovingAngle's first picture: line1 LEFT->RIGHT, the other rotated 110 degrees about LEFT.
TEST(Angle, MovingAngleStart) {
    Mobject line1 = Line(LEFT, RIGHT);
    Mobject moving = Line(LEFT, RIGHT);
    moving.rotate(110 * DEGREES, LEFT);
    Mobject a = Angle(line1, moving, {.radius = 0.5});
    EXPECT_NEAR(angle_value(a), 110 * DEGREES, 1e-12);
    ASSERT_EQ(a.points().size(), 32u); // Arc's 9 anchors: 8 cubics
    EXPECT_NEAR(a.get_start().x, -0.5, 1e-12);
    EXPECT_NEAR(a.get_start().y, 0.0, 1e-12);
    Vec2 e = polar(LEFT, 0.5, 110 * DEGREES);
    EXPECT_NEAR(a.get_end().x, e.x, 1e-12);
    EXPECT_NEAR(a.get_end().y, e.y, 1e-12);
    // The label sits at the middle of the wider arc.
    Vec2 mid = Angle(line1, moving, {.radius = 0.5 + 3 * SMALL_BUFF}).point_from_proportion(0.5);
    Vec2 want = polar(LEFT, 0.8, 55 * DEGREES);
    EXPECT_NEAR(mid.x, want.x, 1e-3);
    EXPECT_NEAR(mid.y, want.y, 1e-3);
    EXPECT_EQ(a.style().stroke_color, WHITE);
    EXPECT_EQ(a.style().stroke_width, 4.0);
}

TEST(Angle, DefaultRadiusAndQuadrants) {
    Mobject line1 = Line(LEFT, RIGHT);
    Mobject line2 = Line(LEFT, RIGHT);
    line2.rotate(110 * DEGREES, LEFT);
    // Both lines reach 2 from the vertex: radius 0.4.
    Mobject a = Angle(line1, line2);
    EXPECT_NEAR((a.get_start() - LEFT).norm(), 0.4, 1e-12);
    // other_angle: clockwise the long way round.
    EXPECT_NEAR(angle_value(Angle(line1, line2, {.other_angle = true})), -250 * DEGREES, 1e-12);
    // quadrant (-1, 1): from line1's start side (180 degrees) counter-clockwise to 110. (The
    // default radius would be 0 here: line1 starts at the vertex.)
    EXPECT_NEAR(angle_value(Angle(line1, line2, {.radius = 0.5, .quadrant = {-1, 1}})), 290 * DEGREES,
                1e-12);
    EXPECT_NEAR(Angle(line1, line2, {.quadrant = {-1, 1}}).width(), 0.0, 1e-12);
    // Short lines: 2/3 of the shorter distance to the chosen ends.
    Mobject s1 = Line(ORIGIN, RIGHT * 0.3), s2 = Line(ORIGIN, UP * 0.45);
    EXPECT_NEAR(Angle(s1, s2).get_start().x, 0.2, 1e-12);
}

TEST(Angle, DotInsideTheArc) {
    Mobject a = Angle(Line(ORIGIN, RIGHT * 2), Line(ORIGIN, UP * 2), {.radius = 1, .dot = true});
    ASSERT_EQ(a.size(), 1u);
    Mobject dot = a[0];
    // Radius / 10, at 0.55 of the radius towards the arc's box centre (on the diagonal).
    EXPECT_NEAR(dot.width(), 0.2, 1e-9);
    EXPECT_NEAR(dot.get_center().x, 0.55 / std::sqrt(2.0), 1e-9);
    EXPECT_NEAR(dot.get_center().y, 0.55 / std::sqrt(2.0), 1e-9);
}

TEST(RightAngle, ElbowCorners) {
    Mobject r = RightAngle(Line(LEFT, RIGHT), Line(DOWN, UP));
    ASSERT_EQ(r.points().size(), 8u);
    EXPECT_NEAR(r.points()[0].x, 0.4, 1e-12);
    EXPECT_NEAR(r.points()[3].x, 0.4, 1e-12);
    EXPECT_NEAR(r.points()[3].y, 0.4, 1e-12);
    EXPECT_NEAR(r.points()[7].x, 0.0, 1e-12);
    EXPECT_NEAR(r.points()[7].y, 0.4, 1e-12);
    Mobject r2 = RightAngle(Line(LEFT, RIGHT), Line(DOWN, UP), {.length = 0.25, .quadrant = {-1, -1}});
    EXPECT_NEAR(r2.points()[3].x, -0.25, 1e-12);
    EXPECT_NEAR(r2.points()[3].y, -0.25, 1e-12);
}

// Manim's TipableVMobject.get_end: an arrow ends at its tip's apex (VectorArrow puts its
// label there), not at the shaft's end under the tip.
TEST(Arrow, EndsAtTheTipApex) {
    Mobject arrow = Arrow(ORIGIN, {2, 2}, {.buff = 0});
    EXPECT_NEAR(arrow.get_end().x, 2.0, 1e-12);
    EXPECT_NEAR(arrow.get_end().y, 2.0, 1e-12);
    EXPECT_LT(arrow.points().back().x, 1.9); // the shaft stops at the tip's base
    Mobject both = DoubleArrow(LEFT, RIGHT, {.buff = 0});
    EXPECT_NEAR(both.get_start().x, -1.0, 1e-12);
    EXPECT_NEAR(both.get_end().x, 1.0, 1e-12);
}

} // namespace
} // namespace reel
