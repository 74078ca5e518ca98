// Union, Intersection, Difference and Exclusion against analytic areas: two unit circles a unit
// apart (the lens 2 pi / 3 - sqrt(3) / 2) and two squares overlapping in a unit square.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "reel/shapes/boolean_ops.h"

namespace reel {
namespace {

// Two unit circles whose centres are 1 apart overlap in a lens of this area.
const double kLens = 2 * PI / 3 - std::sqrt(3.0) / 2;
// Flattening moves a boundary inwards by at most kBooleanTolerance: the area error is below
// the perimeter times that.
const double kCircleSlack = 2 * TAU * kBooleanTolerance;

TEST(BooleanOpsNegative, FewerThanTwoMobjectsAreRefused) {
    EXPECT_THROW(Union(std::vector<Mobject>{Circle()}), std::invalid_argument);
    EXPECT_THROW(Intersection(std::vector<Mobject>{}), std::invalid_argument);
}

TEST(BooleanOpsNegative, DisjointShapesIntersectInNothing) {
    Mobject a = Square(), b = Square();
    b.shift(RIGHT * 5);
    Mobject i = Intersection(a, b);
    EXPECT_TRUE(i.points().empty());
    EXPECT_EQ(enclosed_area(i), 0.0);
}

TEST(BooleanOps, SquaresAreExact) {
    Mobject a = Square(), b = Square();
    b.shift(Vec2{1, 1});
    EXPECT_NEAR(enclosed_area(Intersection(a, b)), 1.0, 1e-9);
    EXPECT_NEAR(enclosed_area(Union(a, b)), 7.0, 1e-9);
    EXPECT_NEAR(enclosed_area(Difference(a, b)), 3.0, 1e-9);
    EXPECT_NEAR(enclosed_area(Exclusion(a, b)), 6.0, 1e-9);
    // The intersection is the unit square [0, 1]^2, closed back to its start.
    Mobject i = Intersection(a, b);
    Bounds bb = i.anchor_bounds();
    EXPECT_NEAR(bb.min.x, 0.0, 1e-9);
    EXPECT_NEAR(bb.max.y, 1.0, 1e-9);
    EXPECT_EQ(i.get_start(), i.get_end());
}

TEST(BooleanOps, CirclesMatchTheLens) {
    Mobject a = Circle(), b = Circle();
    a.shift(LEFT * 0.5);
    b.shift(RIGHT * 0.5);
    EXPECT_NEAR(enclosed_area(a), PI, kCircleSlack);
    EXPECT_NEAR(enclosed_area(Intersection(a, b)), kLens, kCircleSlack);
    EXPECT_NEAR(enclosed_area(Union(a, b)), 2 * PI - kLens, kCircleSlack);
    EXPECT_NEAR(enclosed_area(Difference(a, b)), PI - kLens, kCircleSlack);
    EXPECT_NEAR(enclosed_area(Exclusion(a, b)), 2 * PI - 2 * kLens, kCircleSlack);
    // The lens spans x in [-0.5, 0.5] and y in [-sqrt(3)/2, sqrt(3)/2].
    Bounds bb = Intersection(a, b).anchor_bounds();
    EXPECT_NEAR(bb.min.x, -0.5, 1e-3);
    EXPECT_NEAR(bb.max.x, 0.5, 1e-3);
    EXPECT_NEAR(bb.max.y, std::sqrt(3.0) / 2, 1e-3);
}

TEST(BooleanOps, ThreeWayIntersectionAndStyle) {
    Mobject a = Square(), b = Square(), c = Square();
    b.shift(RIGHT);
    c.shift(UP);
    Mobject i = Intersection({a, b, c}, {.color = GREEN, .fill_opacity = 0.5});
    EXPECT_NEAR(enclosed_area(i), 1.0, 1e-9);
    EXPECT_EQ(i.style().fill_color, GREEN);
    EXPECT_EQ(i.style().stroke_color, GREEN);
    EXPECT_EQ(i.style().fill_opacity, 0.5);
    EXPECT_EQ(i.style().stroke_width, 4.0);
}

} // namespace
} // namespace reel
