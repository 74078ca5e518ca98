// Geometry: colours, Bezier paths, bounds, partial paths and point alignment against Manim's
// numbers (MANIM_SEMANTICS.md sections 2, 4.1, 5.1, 6.2, 6.5).
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "reel/geometry.h"
#include "support/expect_near.h"

namespace reel {
namespace {

constexpr double kEps = 1e-12;

// A straight cubic a -> b in Manim's layout (handles at 1/3 and 2/3).
Points line(Vec2 a, Vec2 b) {
    Points p;
    add_line(p, a, b);
    return p;
}

// ── Negative cases ────────────────────────────────────────────────────────────────────────

TEST(ColorParse, RejectsMalformedText) {
    Color c{0.25, 0.5, 0.75};
    const Color before = c;
    for (const char* bad : {"", "#", "#12", "#1234", "#12345", "#1234567", "#GGGGGG", "12x456",
                            "#-12345", "# 12345"}) {
        EXPECT_FALSE(Color::parse(bad, c)) << "'" << bad << "' should not parse";
        EXPECT_EQ(c, before) << "a failed parse must leave the colour alone ('" << bad << "')";
    }
}

// numpy 1.24's own values: np.linspace(0, 10, 200) (ArgMinExample's x_space; its argmin of
// 2 (x - 5)^2 is index 99) and np.linspace(0.1, 0.7, 7) printed with repr.
TEST(Linspace, NumpysValues) {
    EXPECT_THROW(linspace(0, 1, -1), std::invalid_argument);
    EXPECT_TRUE(linspace(0, 1, 0).empty());
    EXPECT_EQ(linspace(3, 4, 1), std::vector<double>{3.0});
    const std::vector<double> x = linspace(0, 10, 200);
    ASSERT_EQ(x.size(), 200u);
    EXPECT_EQ(x[1], 0.05025125628140704);
    EXPECT_EQ(x[99], 4.974874371859297);
    EXPECT_EQ(x[100], 5.025125628140704);
    EXPECT_EQ(x[199], 10.0);
    EXPECT_EQ(linspace(0.1, 0.7, 7), (std::vector<double>{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}));
}

TEST(ArangeNegative, ZeroOrNonFiniteStepIsRefusedAndAnEmptyRangeIsEmpty) {
    EXPECT_THROW(arange(0, 1, 0), std::invalid_argument);
    EXPECT_THROW(arange(0, 1, std::nan("")), std::invalid_argument);
    EXPECT_THROW(arange(0, INFINITY, 1), std::invalid_argument);
    EXPECT_TRUE(arange(1, 1, 0.5).empty());
    EXPECT_TRUE(arange(2, 1, 0.5).empty());   // stop below start, positive step
    EXPECT_TRUE(arange(1, 2, -0.5).empty());  // stop above start, negative step
    EXPECT_TRUE(arange(-3).empty());
}

TEST(PointsEqual2d, ManimsToleranceRelativeToTheSecondPoint) {
    EXPECT_TRUE(points_equal_2d({1, 1}, {1 + 5e-6, 1}));        // within 1e-6 + 1e-5 * 1
    EXPECT_FALSE(points_equal_2d({1, 1}, {1 + 2e-5, 1}));       // beyond it
    EXPECT_TRUE(points_equal_2d({1000, 0}, {1000.009, 0}));     // 1e-5 of 1000 is 0.01
    EXPECT_FALSE(points_equal_2d({0, 0}, {0, 2e-6}));           // only atol near 0
}

TEST(Arange, NumpysValuesForManimsExamples) {
    // np.arange(-10, 10.01, 2): SinAndCosFunctionPlot's numbers.
    std::vector<double> evens = arange(-10, 10.01, 2);
    ASSERT_EQ(evens.size(), 11u);
    for (std::size_t i = 0; i < evens.size(); ++i) EXPECT_EQ(evens[i], -10.0 + 2.0 * static_cast<double>(i));
    EXPECT_EQ(arange(4), (std::vector<double>{0, 1, 2, 3}));
    EXPECT_EQ(arange(1, 0, -0.3), (std::vector<double>{1.0, 0.7, 1.0 + 2 * -0.30000000000000004,
                                                        1.0 + 3 * -0.30000000000000004}));
}

TEST(Arange, EachValueIsComputedFromTheStartNotAccumulated) {
    // numpy 1.24's own output (np.arange(0.1, 1.0, 0.1)): 0.1 + i * 0.1, with 0.1 + 2 * 0.1 =
    // 0.30000000000000004, where adding 0.1 step by step would give 0.30000000000000004 too
    // but 0.7999999999999999 at i = 7 instead of numpy's 0.8.
    std::vector<double> v = arange(0.1, 1.0, 0.1);
    std::vector<double> numpy{0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6, 0.7000000000000001, 0.8, 0.9};
    EXPECT_EQ(v, numpy);
    double acc = 0.1;
    for (int i = 0; i < 7; ++i) acc += 0.1;
    EXPECT_NE(acc, v[7]); // accumulation would differ
}

TEST(Arange, TheStepIsTheDifferenceOfTheFirstTwoValuesAsNumpyFills) {
    // np.arange(1000.0, 1000.45, 0.1) and np.arange(0.7, 1.25, 0.1), numpy 1.24: delta =
    // (start + step) - start, which is not exactly 0.1 at these starts.
    EXPECT_EQ(arange(1000.0, 1000.45, 0.1),
              (std::vector<double>{1000.0, 1000.1, 1000.2, 1000.3000000000001, 1000.4000000000001}));
    EXPECT_EQ(arange(0.7, 1.25, 0.1),
              (std::vector<double>{0.7, 0.7999999999999999, 0.8999999999999999, 0.9999999999999999,
                                   1.0999999999999999, 1.1999999999999997}));
}

TEST(Bounds, EmptyPointSetIsInvalidAndCentredOnOrigin) {
    const Points none;
    EXPECT_FALSE(anchor_bounds(none).valid);
    EXPECT_FALSE(all_bounds(none).valid);
    // Manim: an empty mobject gives ORIGIN for every critical point and size 0.
    EXPECT_EQ(anchor_bounds(none).critical_point(UR), ORIGIN);
    EXPECT_EQ(anchor_bounds(none).critical_point(DL), ORIGIN);
    EXPECT_EQ(all_bounds(none).width(), 0.0);
    EXPECT_EQ(all_bounds(none).height(), 0.0);
}

TEST(Bounds, IncludingAnInvalidBoxChangesNothing) {
    Bounds b;
    b.include(Vec2{1, 2});
    b.include(Bounds{});
    EXPECT_TRUE(b.valid);
    EXPECT_EQ(b.min, (Vec2{1, 2}));
    EXPECT_EQ(b.max, (Vec2{1, 2}));
}

TEST(PartialPoints, EmptyPathStaysEmpty) {
    EXPECT_TRUE(partial_points(Points{}, 0.0, 0.5).empty());
    EXPECT_TRUE(partial_points(Points{}, 0.0, 1.0).empty());
}

TEST(PartialPoints, ZeroProportionIsFourCopiesOfTheFirstPoint) {
    const Points p = corners_to_points({{0, 0}, {1, 0}, {1, 1}});
    const Points q = partial_points(p, 0.0, 0.0);
    ASSERT_EQ(q.size(), 4u);
    for (Vec2 v : q) expect_near(v, {0, 0}, kEps);
}

TEST(PartialPoints, ProportionsOutsideTheUnitIntervalClamp) {
    const Points p = corners_to_points({{0, 0}, {1, 0}, {1, 1}});
    EXPECT_EQ(partial_points(p, -3.0, 7.0), p);
    const Points q = partial_points(p, 0.0, -0.5);
    ASSERT_EQ(q.size(), 4u);
    for (Vec2 v : q) expect_near(v, {0, 0}, kEps);
}

TEST(CornersToPoints, FewerThanTwoCornersGiveNoCurve) {
    EXPECT_TRUE(corners_to_points({}).empty());
    EXPECT_TRUE(corners_to_points({{3, 4}}).empty());
}

TEST(AlignPoints, EqualSizesAreLeftUntouched) {
    Points a = line({0, 0}, {1, 0});
    Points b = line({5, 5}, {6, 7});
    const Points a0 = a, b0 = b;
    align_points(a, b);
    EXPECT_EQ(a, a0);
    EXPECT_EQ(b, b0);
}

// ── Colours (section 2 and 9) ─────────────────────────────────────────────────────────────

TEST(Color, ManimConstantsHaveManimsHexValues) {
    EXPECT_STREQ(WHITE.to_hex().data(), "#ffffff");
    EXPECT_STREQ(BLACK.to_hex().data(), "#000000");
    EXPECT_STREQ(GRAY.to_hex().data(), "#888888");
    EXPECT_STREQ(DARK_GRAY.to_hex().data(), "#444444");
    EXPECT_STREQ(LIGHT_GRAY.to_hex().data(), "#bbbbbb");
    EXPECT_STREQ(BLUE.to_hex().data(), "#58c4dd");
    EXPECT_STREQ(DARK_BLUE.to_hex().data(), "#236b8e");
    EXPECT_STREQ(TEAL.to_hex().data(), "#5cd0b3");
    EXPECT_STREQ(GREEN.to_hex().data(), "#83c167");
    EXPECT_STREQ(YELLOW.to_hex().data(), "#ffff00");
    EXPECT_STREQ(RED.to_hex().data(), "#fc6255");
    EXPECT_STREQ(ORANGE.to_hex().data(), "#ff862f");
    EXPECT_STREQ(PURPLE.to_hex().data(), "#9a72ac");
    EXPECT_EQ(GREY, GRAY);
}

TEST(Color, ParsesLongAndShortHexLikeManim) {
    Color c;
    ASSERT_TRUE(Color::parse("#58C4DD", c));
    EXPECT_EQ(c, BLUE);
    ASSERT_TRUE(Color::parse("fc6255", c));
    EXPECT_EQ(c, RED);
    ASSERT_TRUE(Color::parse("#888", c)); // CSS short form: each digit doubled
    EXPECT_EQ(c, GRAY);
    EXPECT_EQ(Color::hex("#FF862F"), ORANGE);
}

TEST(Color, InterpolateBlueToRedFollowsTheSection9Formula) {
    // r = (88 + 164x)/255, g = (196 - 98x)/255, b = (221 - 136x)/255 (gamma-encoded, linear mix).
    for (double x : {0.0, 0.1, 0.25, 0.5, 0.75, 1.0}) {
        const Color c = interpolate_color(BLUE, RED, x);
        EXPECT_NEAR(c.r, (88 + 164 * x) / 255, 1e-12) << "x = " << x;
        EXPECT_NEAR(c.g, (196 - 98 * x) / 255, 1e-12) << "x = " << x;
        EXPECT_NEAR(c.b, (221 - 136 * x) / 255, 1e-12) << "x = " << x;
    }
}

TEST(Color, InterpolationIsNotClamped) {
    // Manim's interpolate_color does not clamp alpha.
    const Color c = interpolate_color(BLACK, WHITE, 1.5);
    EXPECT_NEAR(c.r, 1.5, 1e-12);
    const Color d = interpolate_color(BLACK, WHITE, -0.5);
    EXPECT_NEAR(d.g, -0.5, 1e-12);
}

// ── Point model (4.1, 4.5) ────────────────────────────────────────────────────────────────

TEST(AddLine, HandlesSitAtOneThirdAndTwoThirds) {
    const Points p = line({0, 0}, {3, -6});
    ASSERT_EQ(p.size(), 4u);
    expect_near(p[0], {0, 0}, kEps);
    expect_near(p[1], {1, -2}, kEps);
    expect_near(p[2], {2, -4}, kEps);
    expect_near(p[3], {3, -6}, kEps);
}

TEST(CornersToPoints, NCornersGiveNMinusOneStraightCubics) {
    const Points p = corners_to_points({{0, 0}, {0, -1}, {2, -1}, {2, -3}});
    ASSERT_EQ(curve_count(p), 3u);
    // Consecutive cubics repeat the anchor.
    EXPECT_EQ(p[3], p[4]);
    EXPECT_EQ(p[7], p[8]);
    expect_near(p[11], {2, -3}, kEps);
}

TEST(CornersToPoints, RepeatedCornerGivesAZeroLengthCubic) {
    // orth_line(start, end) with start.x == end.x: the middle corner equals the end (4.5).
    const Vec2 s{0, 1}, e{0, -1};
    const Points p = corners_to_points({s, {s.x, e.y}, e});
    ASSERT_EQ(curve_count(p), 2u);
    for (std::size_t i = 4; i < 8; ++i) EXPECT_EQ(p[i], e);
}

// ── Bounds: anchors for layout, all points for width/height (5.1) ─────────────────────────

TEST(Bounds, AnchorsOnlyVersusAllPoints) {
    // A cubic whose handles stick out above the anchors.
    const Points p = {{0, 0}, {0, 3}, {2, 3}, {2, 0}};
    const Bounds a = anchor_bounds(p);
    const Bounds all = all_bounds(p);
    EXPECT_EQ(a.height(), 0.0);
    EXPECT_EQ(all.height(), 3.0);
    EXPECT_EQ(a.width(), 2.0);
    EXPECT_EQ(a.critical_point(UP), (Vec2{1, 0}));
    EXPECT_EQ(all.critical_point(UP), (Vec2{1, 3}));
}

TEST(Bounds, CriticalPointIsMinMaxOrMidpointPerAxis) {
    Bounds b;
    b.include(Vec2{-1, -2});
    b.include(Vec2{3, 4});
    EXPECT_EQ(b.critical_point(ORIGIN), (Vec2{1, 1}));
    EXPECT_EQ(b.critical_point(UP), (Vec2{1, 4}));
    EXPECT_EQ(b.critical_point(DOWN), (Vec2{1, -2}));
    EXPECT_EQ(b.critical_point(LEFT), (Vec2{-1, 1}));
    EXPECT_EQ(b.critical_point(DR), (Vec2{3, -2}));
    // Only the sign of each component matters.
    EXPECT_EQ(b.critical_point(Vec2{0.2, -7}), (Vec2{3, -2}));
}

// ── Partial paths by curve index (6.2) ────────────────────────────────────────────────────

TEST(PartialPoints, FullRangeCopiesAllPoints) {
    const Points p = corners_to_points({{0, 0}, {1, 0}, {1, 1}, {0, 1}});
    EXPECT_EQ(partial_points(p, 0.0, 1.0), p);
}

TEST(PartialPoints, SplitsByCurveIndexNotArcLength) {
    // A long cubic then a very short one: half the progress is the whole first cubic,
    // whatever the lengths.
    const Points p = corners_to_points({{0, 0}, {10, 0}, {10, 0.01}});
    const Points half = partial_points(p, 0.0, 0.5);
    // integer_interpolate(0, 2, 0.5) = (1, 0.0): the whole first cubic then a zero-length head
    // of the second.
    ASSERT_EQ(half.size(), 8u);
    expect_near(half[3], {10, 0}, kEps);
    for (std::size_t i = 4; i < 8; ++i) expect_near(half[i], {10, 0}, kEps);
    const Points quarter = partial_points(p, 0.0, 0.25);
    ASSERT_EQ(quarter.size(), 4u);
    expect_near(quarter[3], {5, 0}, kEps); // half of the first cubic: a straight cubic is uniform
}

TEST(PartialPoints, ResidueWithinOneCubicUsesTheExactRestriction) {
    const Points p = corners_to_points({{0, 0}, {4, 0}, {4, 4}, {0, 4}});
    // n = 3: b = 0.5 -> index 1, residue 0.5: whole first cubic + first half of the second.
    const Points q = partial_points(p, 0.0, 0.5);
    ASSERT_EQ(q.size(), 8u);
    expect_near(q[3], {4, 0}, kEps);
    expect_near(q[7], {4, 2}, kEps);
    // Tail from a = 0.5 to the end: from (4,2) through the last cubic.
    const Points t = partial_points(p, 0.5, 1.0);
    ASSERT_EQ(t.size(), 8u);
    expect_near(t[0], {4, 2}, kEps);
    expect_near(t[7], {0, 4}, kEps);
}

TEST(PartialBezier, MatchesDeCasteljauOnACurvedCubic) {
    const std::array<Vec2, 4> c{Vec2{0, 0}, Vec2{0, 3}, Vec2{3, 3}, Vec2{3, 0}};
    auto eval = [&](double t) {
        const double u = 1 - t;
        return c[0] * (u * u * u) + c[1] * (3 * u * u * t) + c[2] * (3 * u * t * t) + c[3] * (t * t * t);
    };
    const auto piece = partial_bezier(c, 0.25, 0.75);
    expect_near(piece[0], eval(0.25), 1e-12);
    expect_near(piece[3], eval(0.75), 1e-12);
    // The restricted curve's midpoint is the original at t = 0.5.
    const auto mid = partial_bezier(piece, 0.0, 0.5);
    expect_near(mid[3], eval(0.5), 1e-12);
    // Degenerate interval at the very end.
    const auto end = partial_bezier(c, 1.0, 1.0);
    for (Vec2 v : end) expect_near(v, c[3], kEps);
}

// ── Point alignment for Transform (6.5) ───────────────────────────────────────────────────

TEST(AlignPoints, ShorterSubpathGetsCurvesSplitEvenly) {
    // 1 cubic against 3: Manim's insert_n_curves splits the single cubic into 3 equal pieces.
    Points a = line({0, 0}, {3, 0});
    Points b = corners_to_points({{0, 1}, {1, 1}, {2, 1}, {3, 1}});
    align_points(a, b);
    ASSERT_EQ(a.size(), 12u);
    ASSERT_EQ(b.size(), 12u);
    expect_near(a[3], {1, 0}, kEps);
    expect_near(a[7], {2, 0}, kEps);
    expect_near(a[11], {3, 0}, kEps);
}

TEST(AlignPoints, RepeatCountsFollowFloorOfICurrOverTarget) {
    // 2 cubics to 5: repeat_indices = floor(i*2/5) for i < 5 = [0,0,0,1,1] -> 3 and 2 pieces.
    Points a = corners_to_points({{0, 0}, {6, 0}, {6, 6}});
    Points b = corners_to_points({{0, 0}, {1, 0}, {2, 0}, {3, 0}, {4, 0}, {5, 0}});
    align_points(a, b);
    ASSERT_EQ(curve_count(a), 5u);
    expect_near(a[3], {2, 0}, kEps);
    expect_near(a[7], {4, 0}, kEps);
    expect_near(a[11], {6, 0}, kEps);
    expect_near(a[15], {6, 3}, kEps);
    expect_near(a[19], {6, 6}, kEps);
}

TEST(AlignPoints, MissingSubpathsArePaddedWithNullSubpaths) {
    // Two contours (like "o") against one: the one-contour side gets a null subpath made of
    // copies of its last point.
    Points a = line({0, 0}, {1, 0});
    Points b = line({0, 5}, {1, 5});
    const Points second = line({7, 7}, {8, 8});
    b.insert(b.end(), second.begin(), second.end());
    align_points(a, b);
    ASSERT_EQ(a.size(), b.size());
    ASSERT_EQ(a.size(), 8u);
    for (std::size_t i = 4; i < 8; ++i) expect_near(a[i], {1, 0}, kEps);
}

TEST(InterpolatePoints, IsAStraightPath) {
    const Points a = line({0, 0}, {3, 0});
    const Points b = line({0, 3}, {6, 3});
    const Points m = interpolate_points(a, b, 0.25);
    expect_near(m[0], {0, 0.75}, kEps);
    expect_near(m[3], {3.75, 0.75}, kEps);
}

// ── Affine maps ───────────────────────────────────────────────────────────────────────────

TEST(Affine, RotationIsCounterClockwiseAboutThePoint) {
    const Affine r = Affine::rotate_about({1, 1}, PI / 2);
    expect_near(r.apply({2, 1}), {1, 2}, 1e-12);
    expect_near(r.apply({1, 1}), {1, 1}, 1e-12);
}

TEST(Affine, ScaleAboutKeepsThePointFixed) {
    const Affine s = Affine::scale_about({2, -1}, 3, 0.5);
    expect_near(s.apply({2, -1}), {2, -1}, kEps);
    expect_near(s.apply({3, 1}), {5, 0}, kEps);
}

} // namespace
} // namespace reel
