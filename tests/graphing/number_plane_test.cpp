// NumberPlane against Manim CE 0.17.3's defaults: 7 lines parallel to x (y = 0, 1, 2, 3, -1,
// -2, -3) and 15 parallel to y (x = 0, 1 ... 7, -1 ... -7), BLUE_D width 2; no faded lines;
// axes of width 2 without ticks or tips spanning the frame. Counted by running Manim's
// _get_lines_parallel_to_axis by hand on its ranges (numpy arange).
#include <gtest/gtest.h>

#include <stdexcept>

#include "reel/number_plane.h"

namespace reel {
namespace {

TEST(NumberPlaneNegative, NegativeFadedRatioIsRefused) {
    EXPECT_THROW(NumberPlane({.faded_line_ratio = -1}), std::invalid_argument);
}

TEST(NumberPlaneNegative, WrappingSomethingElseIsRefused) {
    const Mobject square = Square();
    const Axes axes;
    EXPECT_THROW(NumberPlane{square}, std::invalid_argument);
    EXPECT_THROW(NumberPlane{static_cast<const Mobject&>(axes)}, std::invalid_argument);
}

TEST(NumberPlane, DefaultLinesAsManim) {
    NumberPlane plane;
    EXPECT_EQ(plane.kind(), "NumberPlane");
    ASSERT_EQ(plane.size(), 4u); // faded, background, x axis, y axis
    EXPECT_EQ(plane.faded_lines().size(), 0u);
    Mobject bg = plane.background_lines();
    ASSERT_EQ(bg.size(), 22u);
    const double xr = kFrameWidth / 2;
    const double ys[] = {0, 1, 2, 3, -1, -2, -3};
    for (std::size_t i = 0; i < 7; ++i) {
        Mobject l = bg[i];
        EXPECT_NEAR(l.get_start().x, -xr, 1e-12);
        EXPECT_NEAR(l.get_end().x, xr, 1e-12);
        EXPECT_NEAR(l.get_start().y, ys[i], 1e-12) << i;
    }
    const double xs[] = {0, 1, 2, 3, 4, 5, 6, 7, -1, -2, -3, -4, -5, -6, -7};
    for (std::size_t i = 0; i < 15; ++i) {
        Mobject l = bg[7 + i];
        EXPECT_NEAR(l.get_start().y, -4, 1e-12);
        EXPECT_NEAR(l.get_end().y, 4, 1e-12);
        EXPECT_NEAR(l.get_start().x, xs[i], 1e-12) << i;
        EXPECT_EQ(l.style().stroke_color, BLUE_D);
        EXPECT_EQ(l.style().stroke_width, 2.0);
        EXPECT_EQ(l.style().stroke_opacity, 1.0);
    }
    // The axes: only their lines, width 2, WHITE, from edge to edge.
    NumberLine x = plane.x_axis(), y = plane.y_axis();
    EXPECT_EQ(x.leaves().size(), 1u);
    EXPECT_EQ(y.leaves().size(), 1u);
    EXPECT_EQ(x.style().stroke_width, 2.0);
    EXPECT_EQ(x.style().stroke_color, WHITE);
    EXPECT_NEAR(x.get_start().x, -xr, 1e-12);
    EXPECT_NEAR(y.get_end().y, 4, 1e-12);
    EXPECT_NEAR(plane.c2p(2, 1).x, 2, 1e-12);
    EXPECT_NEAR(plane.c2p(2, 1).y, 1, 1e-12);
}

TEST(NumberPlane, FadedLinesEveryRatio) {
    // Ratio 2 on y in [-4, 4]: step 0.5, the k-th shift (from 1) is a background line when
    // k is even, so 0 itself is faded (as in Manim).
    NumberPlane plane({.faded_line_ratio = 2});
    Mobject bg = plane.background_lines(), faded = plane.faded_lines();
    // Parallel to x: 0 (faded), 0.5..3.5 (1, 2, 3 background), the same below: 6 + 9.
    // Parallel to y: 0 (faded), 0.5..7.0 (14 values: 7 background), the same on the left.
    EXPECT_EQ(bg.size(), 6u + 14u);
    EXPECT_EQ(faded.size(), 9u + 15u);
    EXPECT_NEAR(faded[0].get_start().y, 0.0, 1e-12);
    EXPECT_NEAR(bg[0].get_start().y, 1.0, 1e-12);
    EXPECT_EQ(faded[0].style().stroke_width, 1.0);
    EXPECT_EQ(faded[0].style().stroke_opacity, 0.5);
    EXPECT_EQ(faded[0].style().stroke_color, BLUE_D);
}

TEST(NumberPlane, PrepareForNonlinearTransformInsertsCurves) {
    NumberPlane plane;
    plane.prepare_for_nonlinear_transform();
    for (const auto& leaf : plane.leaves()) EXPECT_EQ(curve_count(leaf.points()), 50u);
    // The lines keep their shape: the midpoint of the first line is still on y = 0.
    Mobject l = plane.background_lines()[0];
    EXPECT_NEAR(l.points()[100].y, 0.0, 1e-12);
}

} // namespace
} // namespace reel
