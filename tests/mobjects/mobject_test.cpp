// Mobjects: the shapes' paths and styles and the layout helpers, against Manim's numbers
// (MANIM_SEMANTICS.md sections 3.1, 4.2-4.8 and 5).
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "reel/mobject.h"
#include "support/expect_near.h"

namespace reel {
namespace {

constexpr double kEps = 1e-9;

// A mobject whose single cubic has handles far outside its anchors, so that the two bounding
// box rules (anchors for layout, all points for width/height) give different answers.
Mobject bulge() {
    Mobject m;
    m.set_points(Points{{-1, 0}, {-1, 2}, {1, 2}, {1, 0}});
    return m;
}

// ── Negative cases ────────────────────────────────────────────────────────────────────────

TEST(EmptyGroup, HasOriginForEveryCriticalPointAndZeroSize) {
    Mobject g = VGroup();
    EXPECT_EQ(g.size(), 0u);
    EXPECT_TRUE(g.leaves().empty());
    EXPECT_EQ(g.get_center(), ORIGIN);
    EXPECT_EQ(g.get_top(), ORIGIN);
    EXPECT_EQ(g.width(), 0.0);
    EXPECT_EQ(g.height(), 0.0);
}

TEST(EmptyGroup, LayoutAndScalingAreHarmless) {
    Mobject g = VGroup();
    g.move_to(Vec2{3, 2}).shift(UP).to_edge(UP).rotate(1.0).scale(2.0);
    g.stretch_to_fit_width(5.0).stretch_to_fit_height(5.0).scale_to_fit_width(1.0);
    g.arrange(DOWN);
    EXPECT_EQ(g.width(), 0.0);
    EXPECT_EQ(g.get_center(), ORIGIN);
}

TEST(Stretch, ToFitAZeroWidthMobjectIsANoOp) {
    // A vertical line has width 0: stretching it to a width must not divide by zero.
    Mobject l = Line({0, -1}, {0, 1});
    l.stretch_to_fit_width(3.0);
    for (Vec2 v : l.points()) {
        EXPECT_TRUE(std::isfinite(v.x));
        EXPECT_EQ(v.x, 0.0);
    }
}

TEST(Line, ShorterThanTwiceTheBuffIsNotTrimmed) {
    // 4.4: with length < 2 buff no trimming happens.
    Mobject l = Line({0, 0}, {0.4, 0}, {.buff = 0.25});
    expect_near(l.points().front(), {0, 0});
    expect_near(l.points().back(), {0.4, 0});
}

TEST(Arrow, ShorterThanHalfAUnitIsNotBuffered) {
    // 4.6: an arrow of length 0.17 keeps its ends (buff 0.25 would eat it).
    Mobject a = Arrow({0, 1.26}, {0, 1.09}, {.tip_length = 0.07, .color = GRAY, .stroke_width = 1.2});
    expect_near(a.points().front(), {0, 1.26});
    ASSERT_EQ(a.size(), 1u);
    expect_near(a[0].points().front(), {0, 1.09}); // tip apex on the end point
}

TEST(Slice, OutOfRangeBoundsClampLikePython) {
    Mobject g = VGroup({Square(1), Square(1), Square(1)});
    EXPECT_EQ(g.slice(0, 100).size(), 3u);
    EXPECT_EQ(g.slice(-100, 1).size(), 1u);
    EXPECT_EQ(g.slice(2, 1).size(), 0u);
    EXPECT_EQ(g.slice(0, -1).size(), 2u); // g[:-1]
}

// ── Rectangle / Square (4.2) ──────────────────────────────────────────────────────────────

TEST(Rectangle, StartsAtUpperRightAndRunsCounterClockwise) {
    Mobject r = Rectangle({.width = 4, .height = 2});
    const Points& p = r.points();
    ASSERT_EQ(p.size(), 16u);
    const Vec2 ur{2, 1}, ul{-2, 1}, dl{-2, -1}, dr{2, -1};
    expect_near(p[0], ur);
    expect_near(p[3], ul); // top edge first, right to left
    expect_near(p[4], ul);
    expect_near(p[7], dl);
    expect_near(p[11], dr);
    expect_near(p[15], ur); // closed
    // Straight cubics: handles at 1/3 and 2/3.
    expect_near(p[1], {2.0 - 4.0 / 3.0, 1});
    expect_near(p[2], {2.0 - 8.0 / 3.0, 1});
}

TEST(Rectangle, DefaultsAreFourByTwoWhiteStrokeWidthFour) {
    Mobject r = Rectangle();
    EXPECT_NEAR(r.width(), 4.0, kEps);
    EXPECT_NEAR(r.height(), 2.0, kEps);
    EXPECT_EQ(r.style().stroke_color, WHITE);
    EXPECT_EQ(r.style().stroke_width, 4.0);
    EXPECT_EQ(r.style().stroke_opacity, 1.0);
    EXPECT_EQ(r.style().fill_opacity, 0.0);
}

TEST(Rectangle, ColorSetsFillAndStrokeRgb) {
    // seed: Rectangle(color=C, fill_opacity=0.12, stroke_width=1.5)
    Mobject r = Rectangle({.width = 2.6, .height = 0.72, .color = YELLOW, .fill_opacity = 0.12,
                           .stroke_width = 1.5});
    EXPECT_EQ(r.style().fill_color, YELLOW);
    EXPECT_EQ(r.style().stroke_color, YELLOW);
    EXPECT_EQ(r.style().fill_opacity, 0.12);
    EXPECT_EQ(r.style().stroke_width, 1.5);
    EXPECT_EQ(r.style().stroke_opacity, 1.0);
}

TEST(Rectangle, FillAndStrokeColorOverrideColor) {
    // seed: Rectangle(w, h, fill_color=F, fill_opacity=0.85, stroke_color=LIGHT_GRAY, stroke_width=0.3)
    Mobject r = Rectangle({.width = 0.3, .height = 0.3, .fill_color = RED, .fill_opacity = 0.85,
                           .stroke_color = LIGHT_GRAY, .stroke_width = 0.3});
    EXPECT_EQ(r.style().fill_color, RED);
    EXPECT_EQ(r.style().fill_opacity, 0.85);
    EXPECT_EQ(r.style().stroke_color, LIGHT_GRAY);
    EXPECT_EQ(r.style().stroke_width, 0.3);
}

TEST(Square, IsARectangleWithEqualSides) {
    Mobject s = Square(0.5, {.fill_color = BLUE, .fill_opacity = 0.3, .stroke_color = WHITE,
                             .stroke_width = 0.5});
    ASSERT_EQ(s.points().size(), 16u);
    expect_near(s.points()[0], {0.25, 0.25});
    expect_near(s.points()[7], {-0.25, -0.25});
    EXPECT_EQ(s.style().fill_color, BLUE);
    EXPECT_EQ(s.style().stroke_color, WHITE);
    Mobject d = Square();
    EXPECT_NEAR(d.width(), 2.0, kEps);
}

// ── RoundedRectangle (4.3) ────────────────────────────────────────────────────────────────

TEST(RoundedRectangle, HasEightCubicsStartingBelowTheUpperRightCorner) {
    const double w = 2.0, h = 1.0, r = 0.06;
    Mobject m = RoundedRectangle({.width = w, .height = h, .corner_radius = r});
    const Points& p = m.points();
    ASSERT_EQ(p.size(), 32u);
    expect_near(p[0], {w / 2, h / 2 - r});
    expect_near(p[3], {w / 2 - r, h / 2}); // end of the UR arc
    expect_near(p[31], p[0]);              // closed
    // Order: arc@UR, top edge, arc@UL, left edge, arc@DL, bottom edge, arc@DR, right edge.
    expect_near(p[7], {-w / 2 + r, h / 2});
    expect_near(p[11], {-w / 2, h / 2 - r});
    expect_near(p[15], {-w / 2, -h / 2 + r});
    expect_near(p[19], {-w / 2 + r, -h / 2});
    expect_near(p[23], {w / 2 - r, -h / 2});
    expect_near(p[27], {w / 2, -h / 2 + r});
}

TEST(RoundedRectangle, CornerHandlesAreRTimesPiOverSix) {
    // Manim's one-cubic arc: handle length r (pi/2) / 3 = 0.0314159 for r = 0.06, not 0.5523 r.
    const double r = 0.06;
    Mobject m = RoundedRectangle({.width = 2.0, .height = 1.0, .corner_radius = r});
    const Points& p = m.points();
    const double k = 0.0314159;
    EXPECT_NEAR((p[1] - p[0]).norm(), k, 1e-7);
    EXPECT_NEAR((p[3] - p[2]).norm(), k, 1e-7);
    // Tangent handles: the first goes straight up from (w/2, h/2 - r), the second comes in
    // horizontally to (w/2 - r, h/2).
    EXPECT_NEAR(p[1].x, p[0].x, 1e-12);
    EXPECT_NEAR(p[2].y, p[3].y, 1e-12);
    EXPECT_GT(p[1].y, p[0].y);
    EXPECT_GT(p[2].x, p[3].x);
}

TEST(RoundedRectangle, ZeroRadiusIsThePlainRectangle) {
    Mobject m = RoundedRectangle({.width = 2.0, .height = 1.0, .corner_radius = 0.0});
    EXPECT_EQ(m.points(), Rectangle({.width = 2.0, .height = 1.0}).points());
}

// ── Line and polyline (4.4, 4.5) ──────────────────────────────────────────────────────────

TEST(Line, IsOneStraightCubicWithColorOnFillAndStroke) {
    Mobject l = Line({-1, 2}, {2, -1}, {.color = GRAY, .stroke_width = 1.5});
    ASSERT_EQ(l.points().size(), 4u);
    expect_near(l.points()[1], {0, 1});
    expect_near(l.points()[2], {1, 0});
    EXPECT_EQ(l.style().stroke_color, GRAY);
    EXPECT_EQ(l.style().fill_color, GRAY);
    EXPECT_EQ(l.style().fill_opacity, 0.0);
    EXPECT_EQ(l.style().stroke_width, 1.5);
}

TEST(Line, LongEnoughIsTrimmedByTheBuffAtBothEnds) {
    Mobject l = Line({0, 0}, {2, 0}, {.buff = 0.25});
    expect_near(l.points().front(), {0.25, 0});
    expect_near(l.points().back(), {1.75, 0});
}

TEST(Polyline, OrthLineWithEqualXHasAZeroLengthMiddleCubic) {
    // seed_scene.py orth_line(start, end): corners [start, (start.x, end.y), end].
    const Vec2 s{0, -0.5}, e{0, -1.2};
    Mobject m = Polyline({s, {s.x, e.y}, e}, {.color = GRAY, .stroke_width = 1.5});
    ASSERT_EQ(curve_count(m.points()), 2u);
    EXPECT_EQ((m.points()[7] - m.points()[4]).norm(), 0.0);
    EXPECT_EQ(m.style().stroke_width, 1.5);
}

// ── Arrow (4.6) ───────────────────────────────────────────────────────────────────────────

struct ArrowCase {
    const char* name;
    double y0, y1;
    double stroke_width, tip_length;
    double expect_tip, expect_width;
};

class ShortArrow : public ::testing::TestWithParam<ArrowCase> {};

TEST_P(ShortArrow, FollowsManimsTable) {
    const ArrowCase c = GetParam();
    Mobject a = Arrow({0, c.y0}, {0, c.y1},
                      {.tip_length = c.tip_length, .color = GRAY, .stroke_width = c.stroke_width});
    ASSERT_EQ(a.size(), 1u);
    Mobject tip = a[0];
    const Points& tp = tip.points();
    ASSERT_EQ(tp.size(), 12u); // 3 straight cubics, closed
    // Apex (points[0]) on the end point, isosceles: length t, base width t.
    expect_near(tp[0], {0, c.y1});
    expect_near(tp[11], tp[0]);
    EXPECT_NEAR(tip.height(), c.expect_tip, 1e-9) << c.name;
    EXPECT_NEAR(tip.width(), c.expect_tip, 1e-9) << c.name;
    // The shaft ends at the tip's base midpoint; not trimmed (L < 0.5).
    expect_near(a.points().front(), {0, c.y0});
    const double dir = c.y1 < c.y0 ? -1.0 : 1.0;
    expect_near(a.points().back(), {0, c.y1 - dir * c.expect_tip});
    EXPECT_NEAR(a.style().stroke_width, c.expect_width, 1e-9) << c.name;
    // Tip: filled with the line colour, no stroke; the shaft has no fill.
    EXPECT_EQ(tip.style().fill_color, GRAY);
    EXPECT_EQ(tip.style().fill_opacity, 1.0);
    EXPECT_EQ(tip.style().stroke_width, 0.0);
    EXPECT_EQ(a.style().fill_opacity, 0.0);
    EXPECT_EQ(a.style().stroke_color, GRAY);
}

INSTANTIATE_TEST_SUITE_P(
    Section46, ShortArrow,
    ::testing::Values(ArrowCase{"emb_to_norm1", 1.26, 1.09, 1.2, 0.07, 0.0425, 0.85},
                      ArrowCase{"norm1_to_tfr", 0.81, 0.595, 1.2, 0.07, 0.05375, 1.075},
                      ArrowCase{"tfr_to_norm2", 0.045, -0.11, 1.2, 0.07, 0.03875, 0.775},
                      ArrowCase{"norm2_to_head", -0.39, -0.56, 1.2, 0.07, 0.0425, 0.85},
                      ArrowCase{"dist_arr", -0.56, -0.78, 1.0, 0.06, 0.055, 1.0}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(Arrow, LongArrowIsTrimmedByAQuarterUnitAtEachEnd) {
    // in_arr: length > 0.5, buff 0.25 each end, tip 0.08, width 2.
    Mobject a = Arrow({0, 3}, {0, 1}, {.tip_length = 0.08, .color = YELLOW, .stroke_width = 2});
    expect_near(a.points().front(), {0, 2.75});
    expect_near(a[0].points()[0], {0, 1.25});
    EXPECT_NEAR(a[0].height(), 0.08, 1e-9);
    expect_near(a.points().back(), {0, 1.33});
    EXPECT_EQ(a.style().stroke_width, 2.0);
    EXPECT_EQ(a[0].style().fill_color, YELLOW);
}

TEST(Arrow, ScaleKeepsTheTipAndScalesTheShaftAboutItsCentre) {
    // 4.6: dist_arr (0.22 long) at scale 0.5: shaft from -0.615 to -0.67, full-size tip with its
    // apex at -0.725 [verified in Manim].
    Mobject a = Arrow({0, -0.56}, {0, -0.78}, {.tip_length = 0.06, .color = GRAY, .stroke_width = 1});
    a.scale(0.5);
    ASSERT_EQ(a.size(), 1u);
    expect_near(a.points().front(), {0, -0.615});
    expect_near(a.points().back(), {0, -0.67});
    expect_near(a[0].points()[0], {0, -0.725});
    EXPECT_NEAR(a[0].height(), 0.055, 1e-9); // the tip is not scaled
    EXPECT_NEAR(a[0].width(), 0.055, 1e-9);
    // Width min(1, 5 x 0.055): from the re-trimmed shaft [verified: 0.275].
    EXPECT_NEAR(a.style().stroke_width, 0.275, 1e-9);
    EXPECT_NEAR(a[0].style().stroke_width, 0.0, 1e-12);
}

TEST(Arrow, ScaleNeverWidensBeyondTheRequestedWidth) {
    Mobject a = Arrow({0, 3}, {0, 1}, {.tip_length = 0.08, .color = YELLOW, .stroke_width = 2});
    a.scale(0.5); // shaft 1.5 -> start to apex 0.75, trimmed 0.67: 5 x 0.67 > 2
    EXPECT_EQ(a.style().stroke_width, 2.0);
    a.scale(0.2); // start to apex 0.15, trimmed 0.07: 5 x 0.07 = 0.35
    EXPECT_NEAR(a.style().stroke_width, 0.35, 1e-9);
    EXPECT_NEAR(a[0].height(), 0.08, 1e-9);
}

TEST(Arrow, ScaleInsideAGroupScalesEveryPoint) {
    // When an arrow is only part of a scaled group, the plain point scaling applies.
    Mobject a = Arrow({0, 0}, {0, -0.2}, {.tip_length = 0.06, .stroke_width = 1});
    const double tip_before = a[0].height();
    Mobject g = VGroup({a});
    g.scale(0.5, Vec2{0, 0});
    EXPECT_NEAR(a[0].height(), tip_before * 0.5, 1e-12);
    expect_near(a[0].points()[0], {0, -0.1});
}

// ── SurroundingRectangle (4.7) ────────────────────────────────────────────────────────────

TEST(SurroundingRectangle, SizeUsesAllPointsPlusTwoBuff) {
    Mobject m = bulge(); // anchors 2 x 0, all points 2 x 2 (handles at y = 2)
    Mobject r = SurroundingRectangle(m, {.buff = 0.1, .color = TEAL});
    EXPECT_NEAR(r.width(), 2.0 + 0.2, 1e-12);
    EXPECT_NEAR(r.height(), 2.0 + 0.2, 1e-12);
    // Centred on m's (anchor) bounding-box centre.
    expect_near(r.get_center(), m.get_center(), 1e-12);
    EXPECT_EQ(r.points().size(), 16u); // corner_radius 0: the plain rectangle
}

TEST(SurroundingRectangle, DefaultsAreYellowBuffPointOneStrokeFour) {
    Mobject m = Square(1.0);
    Mobject r = SurroundingRectangle(m);
    EXPECT_NEAR(r.width(), 1.2, 1e-12);
    EXPECT_EQ(r.style().stroke_color, YELLOW);
    EXPECT_EQ(r.style().stroke_width, 4.0);
    EXPECT_EQ(r.style().fill_opacity, 0.0);
}

// ── Bounds of mobjects (5.1) ──────────────────────────────────────────────────────────────

TEST(Bounds, LayoutUsesAnchorsWidthUsesAllPoints) {
    Mobject m = bulge();
    EXPECT_EQ(m.get_top(), (Vec2{0, 0}));
    EXPECT_EQ(m.height(), 2.0);
    EXPECT_EQ(m.width(), 2.0);
}

TEST(Bounds, GroupsUseEveryFamilyMember) {
    Mobject a = Square(1.0);
    a.move_to(Vec2{-2, 0});
    Mobject b = Square(2.0);
    b.move_to(Vec2{3, 1});
    Mobject g = VGroup({a, b});
    expect_near(g.get_left(), {-2.5, 0.75});
    expect_near(g.get_right(), {4, 0.75});
    expect_near(g.get_top(), {0.75, 2});
    EXPECT_NEAR(g.width(), 6.5, 1e-12);
}

// ── Layout helpers (5.2) ──────────────────────────────────────────────────────────────────

TEST(Layout, ToEdgeUpWithBuffPointThreeFivePutsTheTopAt3_65) {
    Mobject r = Rectangle({.width = 3, .height = 0.5});
    r.move_to(Vec2{1.25, -2});
    r.to_edge(UP, 0.35);
    EXPECT_NEAR(r.get_top().y, 3.65, 1e-12);
    EXPECT_NEAR(r.get_center().x, 1.25, 1e-12); // x unchanged
}

TEST(Layout, ToEdgeDefaultBuffIsHalfAUnitAndUsesTheFrameRadii) {
    Mobject r = Square(1.0);
    r.to_edge(LEFT);
    EXPECT_NEAR(r.get_left().x, -8.0 * 16.0 / 9.0 / 2.0 + 0.5, 1e-12);
    EXPECT_NEAR(r.get_left().x, -6.611111111111, 1e-9);
    r.to_edge(DOWN);
    EXPECT_NEAR(r.get_bottom().y, -3.5, 1e-12);
}

TEST(Layout, MoveToUsesTheAnchorBoundingBoxCentre) {
    Mobject m = bulge(); // anchor centre (0, 0) though its handles reach y = 2
    m.move_to(Vec2{1, 1});
    expect_near(m.get_center(), {1, 1}, 1e-12);
    expect_near(m.points()[0], {0, 1}, 1e-12);
    Mobject target = Square(1.0);
    target.move_to(Vec2{-3, 2});
    m.move_to(target);
    expect_near(m.get_center(), {-3, 2}, 1e-12);
}

TEST(Layout, NextToDefaultBuffIsMedSmallBuff) {
    EXPECT_EQ(MED_SMALL_BUFF, 0.25);
    Mobject a = Square(1.0);
    Mobject b = Rectangle({.width = 2, .height = 0.5});
    b.move_to(Vec2{5, 5});
    b.next_to(a); // RIGHT by default
    EXPECT_NEAR(b.get_left().x, 0.5 + 0.25, 1e-12);
    EXPECT_NEAR(b.get_center().y, 0.0, 1e-12); // other axis centred
    b.next_to(a, DOWN, 0.4);
    EXPECT_NEAR(b.get_top().y, -0.5 - 0.4, 1e-12);
    EXPECT_NEAR(b.get_center().x, 0.0, 1e-12);
}

TEST(Layout, NextToAPoint) {
    Mobject b = Square(1.0);
    b.next_to(Vec2{2, 3}, UP, 0.1);
    EXPECT_NEAR(b.get_bottom().y, 3.1, 1e-12);
    EXPECT_NEAR(b.get_center().x, 2.0, 1e-12);
}

TEST(Layout, NextToWithAlignedEdgeAlignsThatEdge) {
    Mobject a = Rectangle({.width = 4, .height = 1});
    Mobject b = Rectangle({.width = 1, .height = 1});
    b.next_to(a, DOWN, 0.25, LEFT);
    EXPECT_NEAR(b.get_left().x, a.get_left().x, 1e-12);
    EXPECT_NEAR(b.get_top().y, -0.75, 1e-12);
}

TEST(Layout, ArrangeStacksWithBuffAlignsEdgesAndCentres) {
    Mobject a = Rectangle({.width = 3, .height = 1});
    Mobject b = Rectangle({.width = 1, .height = 0.5});
    Mobject c = Rectangle({.width = 2, .height = 0.25});
    c.move_to(Vec2{9, 9});
    Mobject g = VGroup({a, b, c});
    g.arrange(DOWN, 0.1, LEFT);
    EXPECT_NEAR(b.get_top().y, a.get_bottom().y - 0.1, 1e-12);
    EXPECT_NEAR(c.get_top().y, b.get_bottom().y - 0.1, 1e-12);
    EXPECT_NEAR(b.get_left().x, a.get_left().x, 1e-12);
    EXPECT_NEAR(c.get_left().x, a.get_left().x, 1e-12);
    expect_near(g.get_center(), ORIGIN, 1e-12); // center() afterwards
}

TEST(Layout, ArrangeDefaultIsRightWithMedSmallBuffCentredVertically) {
    Mobject a = Square(1.0);
    Mobject b = Square(0.5);
    b.move_to(Vec2{0, 3});
    Mobject g = VGroup({a, b});
    g.arrange();
    EXPECT_NEAR(b.get_left().x - a.get_right().x, 0.25, 1e-12);
    EXPECT_NEAR(b.get_center().y, a.get_center().y, 1e-12);
    expect_near(g.get_center(), ORIGIN, 1e-12);
}

TEST(Layout, AlignToMovesOnlyAlongTheGivenAxis) {
    Mobject a = Rectangle({.width = 4, .height = 1});
    a.move_to(Vec2{1, 0});
    Mobject b = Square(1.0);
    b.move_to(Vec2{-5, 2});
    b.align_to(a, RIGHT);
    EXPECT_NEAR(b.get_right().x, 3.0, 1e-12);
    EXPECT_NEAR(b.get_center().y, 2.0, 1e-12);
}

TEST(Layout, RotateIsCounterClockwiseAboutTheCentre) {
    Mobject l = Line({1, 1}, {3, 1});
    l.rotate(PI / 2);
    expect_near(l.points().front(), {2, 0}, 1e-12);
    expect_near(l.points().back(), {2, 2}, 1e-12);
    Mobject m = Line({1, 0}, {2, 0});
    m.rotate(PI / 6, Vec2{0, 0});
    expect_near(m.points().front(), {std::cos(PI / 6), std::sin(PI / 6)}, 1e-12);
}

TEST(Layout, ScaleIsAboutTheCentreAndKeepsStrokeWidth) {
    Mobject s = Square(2.0, {.stroke_width = 3});
    s.move_to(Vec2{1, 1});
    s.scale(0.5);
    EXPECT_NEAR(s.width(), 1.0, 1e-12);
    expect_near(s.get_center(), {1, 1}, 1e-12);
    EXPECT_EQ(s.style().stroke_width, 3.0);
}

TEST(Layout, ShiftMovesTheWholeFamily) {
    Mobject a = Square(1.0);
    Mobject b = Square(1.0);
    Mobject g = VGroup({a, VGroup({b})});
    g.shift(Vec2{1, -2});
    expect_near(a.get_center(), {1, -2}, 1e-12);
    expect_near(b.get_center(), {1, -2}, 1e-12);
}

// ── Families, copies and style (3.1, 4.8) ─────────────────────────────────────────────────

TEST(Family, IsDepthFirstPreOrderKeepingTheLastOccurrence) {
    Mobject a = Square(1.0), b = Square(1.0), c = Square(1.0);
    Mobject inner = VGroup({b});
    Mobject g = VGroup({a, inner, c, b}); // b twice: the last occurrence wins
    auto fam = g.family();
    ASSERT_EQ(fam.size(), 5u);
    EXPECT_TRUE(fam[0].same(g));
    EXPECT_TRUE(fam[1].same(a));
    EXPECT_TRUE(fam[2].same(inner));
    EXPECT_TRUE(fam[3].same(c));
    EXPECT_TRUE(fam[4].same(b));
    auto leaves = g.leaves();
    ASSERT_EQ(leaves.size(), 3u);
    EXPECT_TRUE(leaves[2].same(b));
}

TEST(Family, IndexingAndPythonStyleNegativeIndex) {
    Mobject a = Square(1.0), b = Square(2.0);
    Mobject g = VGroup({a, b});
    EXPECT_TRUE(g[0].same(a));
    EXPECT_TRUE(g.at(-1).same(b));
    EXPECT_TRUE(g.slice(0, -1)[0].same(a));
}

TEST(Copy, IsDeepAndSharesNothingMutable) {
    Mobject a = Square(1.0);
    Mobject g = VGroup({a});
    Mobject c = g.copy();
    c.shift(RIGHT);
    c.set_color(RED);
    EXPECT_EQ(a.get_center(), ORIGIN);
    EXPECT_EQ(a.style().stroke_color, WHITE);
    EXPECT_FALSE(c[0].same(a));
}

TEST(Become, KeepsIdentityAndTakesTheOtherShape) {
    Mobject a = Square(1.0);
    const auto id = a.id();
    Mobject b = Rectangle({.width = 3, .height = 1, .color = RED});
    a.become(b);
    EXPECT_EQ(a.id(), id);
    EXPECT_NEAR(a.width(), 3.0, 1e-12);
    EXPECT_EQ(a.style().stroke_color, RED);
}

TEST(Style, SetColorChangesRgbNotOpacity) {
    Mobject r = Rectangle({.color = BLUE, .fill_opacity = 0.12});
    r.set_color(GREEN);
    EXPECT_EQ(r.style().fill_color, GREEN);
    EXPECT_EQ(r.style().stroke_color, GREEN);
    EXPECT_EQ(r.style().fill_opacity, 0.12);
    EXPECT_EQ(r.style().stroke_opacity, 1.0);
}

TEST(Style, FadeMultipliesEveryOpacityOfTheFamily) {
    Mobject r = Rectangle({.fill_opacity = 0.8});
    Mobject g = VGroup({r});
    g.fade(0.25);
    EXPECT_NEAR(r.style().fill_opacity, 0.6, 1e-12);
    EXPECT_NEAR(r.style().stroke_opacity, 0.75, 1e-12);
    g.fade(1.0);
    EXPECT_EQ(r.style().fill_opacity, 0.0);
    EXPECT_EQ(r.style().stroke_opacity, 0.0);
}

TEST(Style, SetStrokeSecondArgumentIsTheWidth) {
    // seed: .set_stroke(GRAY, 0.5): 0.5 is the width.
    Mobject r = Rectangle({.color = BLUE});
    r.set_stroke(GRAY, 0.5);
    EXPECT_EQ(r.style().stroke_color, GRAY);
    EXPECT_EQ(r.style().stroke_width, 0.5);
    EXPECT_EQ(r.style().stroke_opacity, 1.0);
}

TEST(Frame, IsEightUnitsHighAndSixteenNinthsWide) {
    EXPECT_EQ(kFrameHeight, 8.0);
    EXPECT_NEAR(kFrameWidth, 14.222222222222, 1e-9);
}


// ── tree misuse (issue 12) ──

TEST(Tree, AddingAMobjectIntoItselfOrItsDescendantIsRefused) {
    Mobject root, child, grandchild;
    child.add(grandchild);
    root.add(child);
    EXPECT_THROW(root.add(root), std::invalid_argument);
    EXPECT_THROW(grandchild.add(root), std::invalid_argument);
    EXPECT_THROW(child.add(root), std::invalid_argument);
    try {
        grandchild.add(root);
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("descendants"), std::string::npos) << e.what();
    }
    // Nothing was added by the refused calls: the family is still finite and the same.
    EXPECT_EQ(root.family().size(), 3u);
    EXPECT_EQ(grandchild.size(), 0u);
    // The same child twice, or in two groups, is fine.
    Mobject other;
    other.add(grandchild);
    root.add(grandchild);
    EXPECT_EQ(root.size(), 2u);
}

TEST(Tree, IndexOutOfRangeIsAClearException) {
    Mobject g;
    g.add(Mobject());
    g.add(Mobject());
    EXPECT_NO_THROW(g[1]);
    EXPECT_NO_THROW(g.at(-2));
    EXPECT_THROW(g[2], std::out_of_range);
    EXPECT_THROW(g.at(2), std::out_of_range);
    EXPECT_THROW(g.at(-3), std::out_of_range);
    EXPECT_THROW(Mobject()[0], std::out_of_range);
    try {
        g.at(5);
    } catch (const std::out_of_range& e) {
        EXPECT_NE(std::string(e.what()).find("index 5 is out of range (it has 2"), std::string::npos) << e.what();
    }
}

} // namespace
} // namespace reel
