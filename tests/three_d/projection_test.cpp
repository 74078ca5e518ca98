// ThreeDCamera's rules against Manim's numbers. The expected values were computed with Manim CE
// 0.17.3's formulas (three_d_camera.py project_points and generate_rotation_matrix,
// space_ops.py rotation_matrix = scipy's Rotation.from_rotvec, color.py get_shaded_rgb,
// three_d_utils.py get_3d_vmob_unit_normal), copied into a numpy 1.24.2 / scipy 1.10.1 script
// because manim itself was not installed: see the comments by each number.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>

#include "reel/three_d.h"
#include "three_d/projection.h"

namespace reel::three_d {
namespace {

constexpr double kDeg = PI / 180;

LeafState leaf_of(const std::vector<Vec3>& corners, bool shaded, Color fill = RED) {
    Mobject m;
    std::vector<Vec2> flat;
    for (Vec3 c : corners) flat.push_back(c.xy());
    m.set_points_as_corners(flat);
    // set_points_as_corners' handles at 1/3 and 2/3, in z too.
    std::vector<Vec3> p;
    for (std::size_t i = 0; i + 1 < corners.size(); ++i) {
        const Vec3 a = corners[i], b = corners[i + 1];
        p.insert(p.end(), {a, a + (b - a) / 3, a + (b - a) * (2.0 / 3), b});
    }
    set_points3(m, p);
    set_shade_in_3d(m, shaded);
    m.set_fill(fill, 1.0);
    return m.leaf_state();
}

// ── negative cases ──

TEST(Projection, PointsBehindTheEyeAreThrownFarOut) {
    // Manim: factor = 10**6 where focal_distance - z < 0. project_points([[0,0,30],[1,1,25]])
    // with phi 0, theta -90 deg, focal 20: [[0, 0, 30], [1e6, 1e6, 25]].
    CameraState cam;
    const Matrix3 r = rotation_matrix(cam.phi, cam.theta, cam.gamma);
    const Vec3 a = project_point(cam, r, {0, 0, 30});
    const Vec3 b = project_point(cam, r, {1, 1, 25});
    EXPECT_EQ(a.x, 0);
    EXPECT_NEAR(b.x, 1e6, 1e-6);
    EXPECT_NEAR(b.y, 1e6, 1e-6);
    EXPECT_NEAR(b.z, 25, 1e-12);
}

TEST(Projection, AFlatPathIsNeitherShadedNorSorted) {
    CameraState cam{.phi = 75 * kDeg, .theta = 30 * kDeg};
    const Matrix3 r = rotation_matrix(cam.phi, cam.theta, cam.gamma);
    Mobject flat = Square(1.0);
    EXPECT_EQ(z_key(flat.leaf_state(), r), std::numeric_limits<double>::infinity());
    std::vector<LeafState> items{flat.leaf_state()};
    project_items(items, cam);
    EXPECT_EQ(items[0].style.gradient, nullptr);
}

// ── projection ──

TEST(Projection, MatchesManimForTheGalleryOrientation) {
    // project_points([[1,2,3],[-2,0.5,-1],[0,0,0]], phi 75 deg, theta 30 deg, gamma 0, zoom 1,
    // focal 20, frame centre 0):
    const Vec3 expected[] = {{1.414435088039263, 2.7722870127460166, 2.578899265334438},
                             {1.3213354027088926, -0.5369598086324097, -1.6903701960058697},
                             {0, 0, 0}};
    const Vec3 in[] = {{1, 2, 3}, {-2, 0.5, -1}, {0, 0, 0}};
    CameraState cam{.phi = 75 * kDeg, .theta = 30 * kDeg};
    const Matrix3 r = rotation_matrix(cam.phi, cam.theta, cam.gamma);
    for (int i = 0; i < 3; ++i) {
        const Vec3 p = project_point(cam, r, in[i]);
        EXPECT_NEAR(p.x, expected[i].x, 1e-12) << i;
        EXPECT_NEAR(p.y, expected[i].y, 1e-12) << i;
        EXPECT_NEAR(p.z, expected[i].z, 1e-12) << i;
    }
}

TEST(Projection, MatchesManimWithGammaZoomFocalDistanceAndFrameCenter) {
    // phi 60 deg, theta -45 deg, gamma 10 deg, zoom 1.5, focal 8, frame centre (0.5, -0.5, 0.2):
    const Vec3 expected[] = {{2.369759765181027, 5.295139353592329, 0.17525512860841141},
                             {-1.2051762682920666, 0.01230177615823326, -2.743303524935281},
                             {2.781405647173514, -1.5102314756075916, 4.574234614174768}};
    const Vec3 in[] = {{1, 2, 3}, {-2, 0.5, -1}, {4, -3, 2}};
    CameraState cam{.phi = 60 * kDeg, .theta = -45 * kDeg, .gamma = 10 * kDeg, .zoom = 1.5, .focal_distance = 8,
                    .frame_center = {0.5, -0.5, 0.2}};
    const Matrix3 r = rotation_matrix(cam.phi, cam.theta, cam.gamma);
    for (int i = 0; i < 3; ++i) {
        const Vec3 p = project_point(cam, r, in[i]);
        EXPECT_NEAR(p.x, expected[i].x, 1e-12) << i;
        EXPECT_NEAR(p.y, expected[i].y, 1e-12) << i;
        EXPECT_NEAR(p.z, expected[i].z, 1e-12) << i;
    }
}

// ── depth order ──

TEST(Projection, ShadedFacesGoBackToFrontAndFlatOnesLast) {
    // Rotated depth of each centre at phi 75 deg, theta 30 deg (np.dot(centre, rot.T)[2]):
    // a (0,0,1): 0.2588, b (2,0,0): 1.6730, c (0,-2,0): -0.9659, d (-1,1,-0.5): -0.4830.
    // sorted(): c, d, a, b, then the flat one (key inf) where it was.
    auto square_at = [](Vec3 c, Color col) {
        return leaf_of({c + Vec3{-0.1, -0.1, 0}, c + Vec3{0.1, -0.1, 0}, c + Vec3{0.1, 0.1, 0}, c + Vec3{-0.1, 0.1, 0},
                        c + Vec3{-0.1, -0.1, 0}},
                       true, col);
    };
    const Color ca = Color::hex("#000001"), cb = Color::hex("#000002"), cc = Color::hex("#000003"),
                cd = Color::hex("#000004");
    Mobject flat = Square(1.0);
    flat.set_fill(Color::hex("#000005"), 1.0);
    std::vector<LeafState> items{flat.leaf_state(), square_at({0, 0, 1}, ca), square_at({2, 0, 0}, cb),
                                 square_at({0, -2, 0}, cc), square_at({-1, 1, -0.5}, cd)};
    CameraState cam{.phi = 75 * kDeg, .theta = 30 * kDeg, .shading = false};
    const Matrix3 r = rotation_matrix(cam.phi, cam.theta, cam.gamma);
    EXPECT_NEAR(z_key(items[1], r), 0.25881904510252074, 1e-12);
    EXPECT_NEAR(z_key(items[2], r), 1.6730326074756159, 1e-12);
    EXPECT_NEAR(z_key(items[3], r), -0.9659258262890678, 1e-12);
    EXPECT_NEAR(z_key(items[4], r), -0.48296291314453443, 1e-12);
    project_items(items, cam);
    ASSERT_EQ(items.size(), 5u);
    EXPECT_EQ(items[0].style.fill_color, cc);
    EXPECT_EQ(items[1].style.fill_color, cd);
    EXPECT_EQ(items[2].style.fill_color, ca);
    EXPECT_EQ(items[3].style.fill_color, cb);
    EXPECT_EQ(items[4].style.fill_color, Color::hex("#000005"));
}

// ── shading ──

TEST(Projection, AShadedFaceGetsManimsTwoCornerColours) {
    // A tilted square (corners (0,0,0) (1,0,0.5) (1,1,0.5) (0,1,0)) filled RED: end corner index
    // ((16 - 1) // 6) * 3 = 6; both normals (-0.4472, 0, 0.8944). get_shaded_rgb of RED with the
    // default light (-7, -9, 10): start (1.2406, 0.6367, 0.5857), end (1.2140, 0.6101, 0.5591);
    // with the light at 3 IN: start (0.8093, 0.2054, 0.1544), end (0.8929, 0.2890, 0.2380).
    const std::vector<Vec3> corners{{0, 0, 0}, {1, 0, 0.5}, {1, 1, 0.5}, {0, 1, 0}, {0, 0, 0}};
    const LeafState face = leaf_of(corners, true);
    const std::vector<Vec3> p = points3(face);
    ASSERT_EQ(p.size(), 16u);
    EXPECT_EQ(end_corner_index(p.size()), 6u);
    const Vec3 n0 = unit_normal_at(p, 0), n6 = unit_normal_at(p, 6);
    EXPECT_NEAR(n0.x, -0.447213595499958, 1e-12);
    EXPECT_NEAR(n0.z, 0.894427190999916, 1e-12);
    EXPECT_NEAR(n6.x, -0.4472135954999579, 1e-12);
    const Color s = shaded_rgb(RED, p[0], n0, {-7, -9, 10});
    EXPECT_NEAR(s.r, 1.2405918178565027, 1e-12);
    EXPECT_NEAR(s.g, 0.6366702492290518, 1e-12);
    EXPECT_NEAR(s.b, 0.585689857072189, 1e-12);
    const Color e = shaded_rgb(RED, p[6], n6, {-7, -9, 10});
    EXPECT_NEAR(e.g, 0.6101178609535263, 1e-12);

    std::vector<LeafState> items{face};
    CameraState cam{.phi = 75 * kDeg, .theta = 30 * kDeg, .light_source = 3 * IN};
    project_items(items, cam);
    ASSERT_NE(items[0].style.gradient, nullptr);
    const Gradient& g = *items[0].style.gradient;
    // Cairo clamps a stop's channels to [0, 1]; these are inside.
    EXPECT_NEAR(g.fill_from.r, 0.8093498559176638, 1e-12);
    EXPECT_NEAR(g.fill_from.g, 0.20542828729021287, 1e-12);
    EXPECT_NEAR(g.fill_from.b, 0.15444789513335008, 1e-12);
    EXPECT_NEAR(g.fill_to.r, 0.8929288808927636, 1e-12);
    EXPECT_NEAR(g.fill_to.g, 0.2890073122653126, 1e-12);
    EXPECT_NEAR(g.fill_to.b, 0.23802692010844984, 1e-12);
    // The gradient runs between the projected corners 0 and 6.
    const Matrix3 r = rotation_matrix(cam.phi, cam.theta, cam.gamma);
    EXPECT_EQ(g.from, project_point(cam, r, p[0]).xy());
    EXPECT_EQ(g.to, project_point(cam, r, p[6]).xy());
}

TEST(Projection, FixedInFrameLeavesAreNotProjected) {
    Mobject text = Square(1.0);
    text.shift({3, 2});
    auto d = std::make_shared<Depth>();
    d->fixed_in_frame = true;
    text.set_depth(d);
    std::vector<LeafState> items{text.leaf_state()};
    const Points before = *items[0].points;
    project_items(items, CameraState{.phi = 75 * kDeg, .theta = -45 * kDeg});
    EXPECT_EQ(*items[0].points, before);
}

} // namespace
} // namespace reel::three_d
