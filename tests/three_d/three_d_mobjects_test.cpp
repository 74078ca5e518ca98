// Manim's 3-D mobjects as its three_dimensions.py and ThreeDAxes build them.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "reel/three_d.h"

namespace reel {
namespace {

// ── negative cases ──

TEST(Surface, RefusesAnEmptyGrid) {
    EXPECT_THROW(Surface([](double u, double v) { return Vec3{u, v, 0}; }, {.resolution = {0, 3}}),
                 std::invalid_argument);
}

TEST(Surface, CheckerboardNeedsAColour) {
    Surface s([](double u, double v) { return Vec3{u, v, 0}; }, {.resolution = {2, 2}});
    EXPECT_THROW(s.set_fill_by_checkerboard({}), std::invalid_argument);
}

TEST(ThreeDAxes, WrapsOnlyThreeDAxes) {
    const Mobject square = Square();
    EXPECT_THROW(ThreeDAxes{square}, std::invalid_argument);
}

// ── Surface ──

TEST(Surface, FacesAreUvQuadsWithEveryPointMapped) {
    // Surface._setup_in_uv_space then apply_function: u-major faces, the corners and the
    // handles (1/3, 2/3 along each uv edge) all go through func.
    auto f = [](double u, double v) { return Vec3{u, v, u * v}; };
    Surface s(f, {.u_range = {0, 2}, .v_range = {0, 3}, .resolution = {2, 3}});
    ASSERT_EQ(s.size(), 6u);
    const std::vector<Vec3> p = points3(s[1]); // i = 0, j = 1: u in [0, 1], v in [1, 2]
    ASSERT_EQ(p.size(), 16u);
    EXPECT_EQ(p[0], (Vec3{0, 1, 0}));
    EXPECT_EQ(p[3], (Vec3{1, 1, 1}));
    EXPECT_NEAR(p[1].z, 1.0 / 3, 1e-15); // the handle at u = 1/3, v = 1
    EXPECT_EQ(p[8], (Vec3{1, 2, 2}));
    ASSERT_NE(s[1].depth(), nullptr);
    EXPECT_TRUE(s[1].depth()->shade_in_3d);
    // Manim's defaults: BLUE_D / BLUE_E checkerboard, LIGHT_GREY stroke 0.5.
    EXPECT_EQ(s[0].style().fill_color, Color::hex("#29ABCA"));
    EXPECT_EQ(s[1].style().fill_color, Color::hex("#236B8E"));
    EXPECT_EQ(s[3].style().fill_color, Color::hex("#236B8E")); // i = 1, j = 0
    EXPECT_EQ(s[1].style().stroke_width, 0.5);
}

TEST(Surface, ScaleAboutTheOriginScalesDepthToo) {
    Surface s([](double u, double v) { return Vec3{u, v, 1.0}; }, {.resolution = {1, 1}});
    s.scale(2, ORIGIN);
    EXPECT_EQ(points3(s[0])[0], (Vec3{0, 0, 2}));
}

TEST(Surface, ColourByValueFollowsTheZAxis) {
    // Pivots -4, 0, 4 (z_range over three colours); z in axis units is the point's z / (6.5 / 8).
    ThreeDAxes axes;
    auto flat_at = [](double z) {
        return Surface([z](double u, double v) { return Vec3{u, v, z}; }, {.resolution = {1, 1}});
    };
    Surface low = flat_at(-5), middle = flat_at(0), high = flat_at(5);
    for (Surface* s : {&low, &middle, &high}) s->set_fill_by_value(axes, {BLUE, GREEN, RED});
    EXPECT_EQ(low[0].style().fill_color, BLUE);
    EXPECT_EQ(middle[0].style().fill_color, GREEN);
    EXPECT_EQ(high[0].style().fill_color, RED);
}

TEST(Sphere, PointsLieOnTheSphere) {
    Surface s = Sphere({.center = {1, 0, 0}, .radius = 2});
    EXPECT_EQ(s.size(), 24u * 12u);
    for (const Mobject& face : s.children())
        for (std::size_t i = 0; i < 16; i += 3) {
            const Vec3 p = points3(face)[i] - Vec3{1, 0, 0};
            if (i % 4 == 0 || i % 4 == 3) {
                ASSERT_NEAR(p.norm(), 2.0, 1e-12);
            }
        }
}

TEST(Cube, SixShadedFacesOnTheBox) {
    Mobject c = Cube();
    ASSERT_EQ(c.size(), 6u);
    // The IN face (first) lies at z = -1; the UP face (fifth) at y = 1.
    for (Vec3 p : points3(c[0])) EXPECT_NEAR(p.z, -1.0, 1e-12);
    for (Vec3 p : points3(c[4])) EXPECT_NEAR(p.y, 1.0, 1e-12);
    EXPECT_TRUE(c[2].depth()->shade_in_3d);
    EXPECT_EQ(c[0].style().fill_opacity, 0.75);
    Mobject prism = Prism({3, 2, 1});
    for (Vec3 p : points3(prism[0])) EXPECT_NEAR(p.z, -0.5, 1e-12);
}

// ── ThreeDAxes ──

TEST(ThreeDAxes, TheZAxisStandsUpWithItsTicksAlongX) {
    ThreeDAxes axes;
    ASSERT_EQ(axes.size(), 3u);
    Mobject z = axes.z_axis();
    // Its own line runs along z (x = y = 0), from -3.25 up to the tip's base.
    for (Vec3 p : points3(z)) {
        EXPECT_NEAR(p.x, 0, 1e-12);
        EXPECT_NEAR(p.y, 0, 1e-12);
    }
    EXPECT_NEAR(points3(z).front().z, -3.25, 1e-12);
    // Cut into 20 shaded pieces, the line itself without stroke.
    EXPECT_EQ(z.style().stroke_width, 0);
    const Mobject pieces = z.at(-1);
    EXPECT_EQ(pieces.size(), 20u);
    EXPECT_TRUE(pieces[0].depth()->shade_in_3d);
    EXPECT_EQ(pieces[0].style().stroke_width, 2.0);
    // c2p: 1 unit of z is 6.5 / 8 scene units up.
    EXPECT_NEAR(axes.c2p(0, 0, 2).z, 2 * 6.5 / 8, 1e-12);
    EXPECT_NEAR(axes.c2p(1, 0, 0).x, 10.5 / 12, 1e-12);
    EXPECT_NEAR(axes.p2c(axes.c2p(1, -2, 3))[2], 3, 1e-12);
}

TEST(ThreeD, Rotate3TurnsRightHanded) {
    Mobject l = Line(ORIGIN, RIGHT);
    rotate3(l, PI / 2, Vec3(UP), Vec3{});
    // About y by +90 degrees: x goes to -z.
    EXPECT_NEAR(points3(l).back().z, -1.0, 1e-12);
    EXPECT_NEAR(points3(l).back().x, 0.0, 1e-12);
}

} // namespace
} // namespace reel

namespace reel {
namespace {

TEST(Line3D, ACylinderFromStartToEnd) {
    Surface l = Line3D(Vec3{0, 0, 0}, Vec3{0, 0, 2}, {.thickness = 0.1});
    // 24 x 24 side faces, then the two end discs.
    ASSERT_EQ(l.size(), 24u * 24u + 2u);
    for (std::size_t k = 0; k < 24u * 24u; ++k)
        for (Vec3 p : points3(l[k])) {
            ASSERT_NEAR(std::hypot(p.x, p.y), 0.1, 1e-9);
            ASSERT_GE(p.z, -1e-9);
            ASSERT_LE(p.z, 2 + 1e-9);
        }
    // Turned to a direction along x: the side now runs along x.
    Surface x = Line3D(Vec3{-1, 0, 0}, Vec3{1, 0, 0});
    EXPECT_NEAR(center3(x).x, 0, 1e-9);
    for (Vec3 p : points3(x[0])) EXPECT_NEAR(std::hypot(p.y, p.z), 0.02, 1e-9);
}

TEST(Arrow3D, TheConeTipEndsAtTheEnd) {
    Surface a = Arrow3D(Vec3{0, 0, 0}, Vec3{0, 0, 2});
    const Mobject cone = a.at(-1);
    double top = -1;
    for (const Mobject& face : cone.children())
        for (Vec3 p : points3(face)) top = std::max(top, p.z);
    EXPECT_NEAR(top, 2.0, 1e-9);
    // The shaft stops at the tip's base (2 - 0.3).
    double shaft_top = -1;
    for (std::size_t k = 0; k < 24u * 24u; ++k)
        for (Vec3 p : points3(a[k])) shaft_top = std::max(shaft_top, p.z);
    EXPECT_NEAR(shaft_top, 1.7, 1e-9);
    EXPECT_EQ(a[0].style().fill_color, WHITE);
}

TEST(Torus, PointsLieOnTheTube) {
    Surface t = Torus({.major_radius = 3, .minor_radius = 1, .resolution = {8, 8}});
    for (Vec3 p : points3(t[5])) {
        const double ring = std::hypot(p.x, p.y) - 3;
        EXPECT_NEAR(std::hypot(ring, p.z), 1.0, 1e-9); // every point, handles too, went through func
    }
}

} // namespace
} // namespace reel
