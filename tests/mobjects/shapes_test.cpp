// The shapes beyond the promo against Manim CE 0.17.3's numbers. Expected values are worked out
// by hand from the formulas in manim/mobject/geometry/{arc,polygram,line,shape_matchers}.py
// and utils/bezier.py (get_smooth_handle_points), or quoted from their doctests.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "reel/mobject.h"
#include "support/expect_near.h"

namespace reel {
namespace {

constexpr double kEps = 1e-9;

// ── Negative cases ────────────────────────────────────────────────────────────────────────

TEST(ShapesNegative, ArcBetweenPointsRadiusSmallerThanHalfTheDistanceThrows) {
    EXPECT_THROW(ArcBetweenPoints(LEFT * 2, RIGHT * 2, {.radius = 1.0}), std::invalid_argument);
}

TEST(ShapesNegative, StarWithADensityOutsideItsRangeThrows) {
    EXPECT_THROW(Star({.n = 5, .density = 3}), std::invalid_argument);
    EXPECT_THROW(Star({.n = 5, .density = 0}), std::invalid_argument);
    // With an explicit inner radius the density is not used.
    EXPECT_NO_THROW(Star({.n = 5, .inner_radius = 0.5, .density = 3}));
}

TEST(ShapesNegative, RegularPolygonNeedsThreeSides) {
    EXPECT_THROW(RegularPolygon(2), std::invalid_argument);
}

TEST(ShapesNegative, SmoothPointsThroughFewerThanTwoAnchorsAreEmpty) {
    Mobject v = VMobject();
    v.set_points_smoothly({{1, 1}});
    EXPECT_TRUE(v.points().empty());
}

// ── arc.py ────────────────────────────────────────────────────────────────────────────────

TEST(Circle, EightCubicsWithHandlesAThirdOfTheStepAlongTheTangent) {
    Mobject c = Circle();
    ASSERT_EQ(c.points().size(), 32u);
    expect_near(c.points()[0], {1, 0});
    // Manim: Circle().points[1] == [1, 0.26179939, 0] (TAU / 8 / 3).
    expect_near(c.points()[1], {1, TAU / 8 / 3});
    expect_near(c.points()[3], {std::cos(PI / 4), std::sin(PI / 4)});
    expect_near(c.points().back(), {1, 0});
    EXPECT_NEAR(c.width(), 2.0, kEps);
    EXPECT_NEAR(c.height(), 2.0, kEps);
    EXPECT_EQ(c.style().stroke_color, RED);
    EXPECT_EQ(c.style().fill_opacity, 0.0);
    EXPECT_EQ(c.style().stroke_width, 4.0);
    EXPECT_EQ(Circle(1.5).width(), 3.0);
}

TEST(Dot, RadiusPointOpacityAndStroke) {
    Mobject d = Dot({1, 2});
    EXPECT_NEAR(d.width(), 0.16, kEps);
    expect_near(d.get_center(), {1, 2});
    EXPECT_EQ(d.style().fill_opacity, 1.0);
    EXPECT_EQ(d.style().stroke_width, 0.0);
    EXPECT_EQ(d.style().fill_color, WHITE);
    EXPECT_NEAR(SmallDot().width(), 0.08, kEps);
    EXPECT_EQ(Dot({.color = BLUE}).style().fill_color, BLUE);
}

TEST(Ellipse, StretchedCircle) {
    Mobject e = Ellipse({.width = 4.0, .height = 1.0});
    EXPECT_NEAR(e.width(), 4.0, kEps);
    EXPECT_NEAR(e.height(), 1.0, kEps);
    expect_near(e.points()[0], {2, 0});
    expect_near(e.points()[1], {2, 0.5 * TAU / 8 / 3});
}

TEST(Arc, DefaultQuarterFromTheXAxis) {
    Mobject a = Arc();
    ASSERT_EQ(a.points().size(), 32u);
    expect_near(a.get_start(), {1, 0});
    expect_near(a.get_end(), {0, 1});
    // d_theta = (TAU/4) / 8; first handle d_theta/3 up the tangent.
    expect_near(a.points()[1], {1, TAU / 4 / 8 / 3});
    Mobject b = Arc({.radius = 2, .start_angle = PI, .angle = PI, .num_components = 3,
                     .arc_center = {1, 1}});
    ASSERT_EQ(b.points().size(), 8u);
    expect_near(b.get_start(), {-1, 1});
    expect_near(b.points()[3], {1, -1});
    expect_near(b.get_end(), {3, 1});
}

TEST(ArcBetweenPoints, QuarterCircleThroughTheMidpoint) {
    Mobject a = ArcBetweenPoints(RIGHT * 2, UP * 2);
    expect_near(a.get_start(), {2, 0});
    expect_near(a.get_end(), {0, 2});
    // The anchor in the middle of the 9 lies on the circle of radius 2 about the origin.
    expect_near(a.points()[15], {std::sqrt(2.0), std::sqrt(2.0)});
    // With radius 2 the angle is acos((r - h) / r) * 2 = pi/2: the same arc.
    Mobject b = ArcBetweenPoints(RIGHT * 2, UP * 2, {.angle = 0.0, .radius = 2.0});
    for (std::size_t i = 0; i < a.points().size(); ++i) expect_near(a.points()[i], b.points()[i]);
    // Angle 0: a straight segment.
    Mobject c = ArcBetweenPoints(LEFT, RIGHT * 3, {.angle = 0.0});
    ASSERT_EQ(c.points().size(), 4u);
    expect_near(c.points()[1], {1.0 / 3 * 4 - 1, 0});
}

TEST(Annulus, OuterCircleThenReversedInner) {
    Mobject a = Annulus({.inner_radius = 0.5, .outer_radius = 1.5});
    ASSERT_EQ(a.points().size(), 64u);
    expect_near(a.points()[0], {1.5, 0});
    expect_near(a.points()[32], {0.5, 0});
    // The inner circle runs clockwise: its second anchor is at -45 degrees.
    expect_near(a.points()[35], {0.5 * std::cos(PI / 4), -0.5 * std::sin(PI / 4)});
    EXPECT_EQ(a.style().fill_opacity, 1.0);
    EXPECT_EQ(a.style().stroke_width, 0.0);
    EXPECT_NEAR(a.width(), 3.0, kEps);
}

TEST(Sector, InnerArcLineOuterArcReversedLine) {
    Mobject s = Sector({.outer_radius = 2.0});
    // 8 inner cubics (all at the centre), a line, 8 outer cubics, a line.
    ASSERT_EQ(s.points().size(), 72u);
    expect_near(s.points()[0], {0, 0});
    expect_near(s.points()[35], {0, 2});
    expect_near(s.points()[36], {0, 2});
    expect_near(s.points()[67], {2, 0});
    expect_near(s.points()[71], {0, 0});
    Mobject a = AnnularSector();
    expect_near(a.points()[0], {1, 0});
    expect_near(a.points()[31], {0, 1});
    expect_near(a.points()[35], {0, 2});
}

TEST(CurvedArrow, TipOnTheEndAlongTheLastHandle) {
    Mobject a = CurvedArrow(LEFT * 2, RIGHT * 2);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].kind(), "ArrowTip");
    const Points& tip = a[0].points();
    expect_near(tip.front(), {2, 0});
    Vec2 base = (tip[4] + tip[7]) * 0.5;
    EXPECT_NEAR((tip.front() - base).norm(), kDefaultArrowTipLength, kEps);
    // The arc ends on the tip's base and still starts on the start point.
    expect_near(a.points().back(), base, 1e-9);
    expect_near(a.get_start(), {-2, 0}, 1e-9);
    // An arc of +90 degrees from left to right bulges downwards (counter-clockwise).
    EXPECT_LT(a.points()[15].y, -0.5);
    Mobject d = CurvedDoubleArrow(LEFT * 2, RIGHT * 2);
    ASSERT_EQ(d.size(), 2u);
    expect_near(d[0].points().front(), {2, 0}, 1e-9);
    expect_near(d[1].points().front(), {-2, 0}, 1e-9);
}

// ── polygram.py ───────────────────────────────────────────────────────────────────────────

TEST(Polygon, ClosedCornersAndBlue) {
    Mobject p = Polygon({{0, 0}, {2, 0}, {1, 1}});
    ASSERT_EQ(p.points().size(), 12u);
    expect_near(p.points().back(), {0, 0});
    expect_near(p.points()[1], {2.0 / 3, 0});
    EXPECT_EQ(p.style().stroke_color, BLUE);
}

TEST(RegularPolygon, StartAngleByParity) {
    Mobject h = RegularPolygon(6);
    ASSERT_EQ(h.points().size(), 24u);
    expect_near(h.points()[0], {1, 0});
    expect_near(h.points()[4], {0.5, std::sqrt(3.0) / 2});
    Mobject t = Triangle();
    expect_near(t.points()[0], {0, 1});
    Bounds b = t.anchor_bounds();
    EXPECT_NEAR(b.min.y, -0.5, kEps);
    EXPECT_NEAR(b.max.x, std::sqrt(3.0) / 2, kEps);
}

TEST(Star, InnerRadiusOfThePentagram) {
    Mobject s = Star();
    ASSERT_EQ(s.points().size(), 40u);
    expect_near(s.points()[0], {0, 1});
    // Inner radius 1 / (cos 36 * (1 + tan 36 (1 - cos 144) / sin 144)) = 0.381966 (= 1/phi^2).
    double r = 1 / std::pow((1 + std::sqrt(5.0)) / 2, 2);
    double a = PI / 2 + TAU / 10;
    expect_near(s.points()[4], {r * std::cos(a), r * std::sin(a)}, 1e-12);
}

// ── line.py ───────────────────────────────────────────────────────────────────────────────

TEST(DashedLine, TwentyDashesWithAHandleAsInManimsDoctest) {
    Mobject d = DashedLine();
    ASSERT_EQ(d.size(), 20u);
    EXPECT_TRUE(d.points().empty());
    // Manim doctests: get_first_handle() [-0.98333333, 0, 0], get_last_handle() [0.98333333,
    // 0, 0], get_start() [-1, 0, 0], get_end() [1, 0, 0].
    EXPECT_NEAR(d[0].points()[1].x, -0.98333333, 1e-8);
    EXPECT_NEAR(d.at(-1).points()[2].x, 0.98333333, 1e-8);
    expect_near(d.get_start(), {-1, 0});
    expect_near(d.get_end(), {1, 0});
    // A long line: ceil(length / 0.05 * 0.5) dashes.
    EXPECT_EQ(DashedLine(LEFT * 3, RIGHT * 3).size(), 60u);
}

TEST(Vector, FromTheOriginWithoutBuff) {
    Mobject v = Vector(RIGHT * 2);
    expect_near(v.get_start(), {0, 0});
    expect_near(v[0].points().front(), {2, 0});
    expect_near(v.points().back(), {2 - 0.35, 0});
    EXPECT_EQ(v.style().stroke_width, 6.0);
}

TEST(DoubleArrow, TipsAtBothEnds) {
    Mobject d = DoubleArrow(LEFT * 2, RIGHT * 2);
    ASSERT_EQ(d.size(), 2u);
    expect_near(d[0].points().front(), {1.75, 0});
    expect_near(d[1].points().front(), {-1.75, 0});
    expect_near(d.points().front(), {-1.4, 0});
    expect_near(d.points().back(), {1.4, 0});
    // Scaling keeps both tips and their size.
    d.scale(0.5);
    expect_near(d[0].points().front(), {0.875, 0});
    expect_near(d[1].points().front(), {-0.875, 0});
    expect_near(d.points().front(), {-0.525, 0});
}

// ── shape_matchers.py ─────────────────────────────────────────────────────────────────────

TEST(Cross, CornerToCornerInRed) {
    Mobject c = Cross(Square().shift(RIGHT));
    ASSERT_EQ(c.size(), 2u);
    expect_near(c[0].get_start(), {0, 1});
    expect_near(c[0].get_end(), {2, -1});
    expect_near(c[1].get_start(), {2, 1});
    EXPECT_EQ(c[0].style().stroke_color, RED);
    EXPECT_EQ(c[1].style().stroke_width, 6.0);
}

TEST(Underline, MatchesTheWidthBelow) {
    Mobject r = Rectangle({.width = 3, .height = 1});
    Mobject u = Underline(r);
    EXPECT_NEAR(u.width(), 3.0, kEps);
    EXPECT_NEAR(u.get_center().y, -0.5 - 0.1, kEps);
}

TEST(BackgroundRectangle, BlackAtThreeQuarters) {
    Mobject b = BackgroundRectangle(Circle());
    EXPECT_EQ(b.style().fill_color, BLACK);
    EXPECT_EQ(b.style().fill_opacity, 0.75);
    EXPECT_EQ(b.style().stroke_width, 0.0);
    EXPECT_NEAR(b.width(), 2.0, kEps);
}

// ── vectorized_mobject.py ─────────────────────────────────────────────────────────────────

TEST(VMobject, SmoothPointsAreTheNaturalSpline) {
    // get_smooth_handle_points for (0,0), (1,1), (2,0): C1 and C2 at the middle anchor and
    // zero second derivative at the ends give h1 = (1/3, 1/2), h2 = (2/3, 1), (4/3, 1),
    // (5/3, 1/2).
    Mobject v = VMobject({.color = YELLOW});
    v.set_points_smoothly({{0, 0}, {1, 1}, {2, 0}});
    ASSERT_EQ(v.points().size(), 8u);
    expect_near(v.points()[1], {1.0 / 3, 0.5});
    expect_near(v.points()[2], {2.0 / 3, 1});
    expect_near(v.points()[5], {4.0 / 3, 1});
    expect_near(v.points()[6], {5.0 / 3, 0.5});
    EXPECT_EQ(v.style().stroke_color, YELLOW);
    // Closed: the tangent is continuous across the first anchor too.
    v.set_points_smoothly({{1, 0}, {0, 1}, {-1, 0}, {0, -1}, {1, 0}});
    Vec2 in = v.points().back() - v.points()[v.points().size() - 2];
    Vec2 out = v.points()[1] - v.points()[0];
    EXPECT_NEAR(in.x * out.y - in.y * out.x, 0.0, 1e-9);
    EXPECT_GT(out.y, 0.0);
    v.set_points_as_corners({{0, 0}, {1, 0}, {1, 1}});
    EXPECT_EQ(v.points().size(), 8u);
}

TEST(PointFromProportion, HalfwayAlongASquareIsTheOppositeCorner) {
    Mobject s = Square();
    expect_near(s.point_from_proportion(0.0), {1, 1});
    expect_near(s.point_from_proportion(0.5), {-1, -1});
    expect_near(s.point_from_proportion(0.125), {0, 1});
}

} // namespace
} // namespace reel
