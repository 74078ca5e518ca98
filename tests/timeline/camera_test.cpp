// The camera as timeline state: MovingCameraScene's frame and ThreeDScene's trackers, pure in t.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <stdexcept>

#include "reel/three_d.h"
#include "timeline/timeline.h"
#include "three_d/projection.h"

namespace reel {
namespace {

constexpr double kDeg = PI / 180;

// ── negative cases ──

TEST(SceneCamera, RefusesWhatManimRefuses) {
    Scene s;
    EXPECT_THROW(s.begin_ambient_camera_rotation(0.1, "roll"), std::invalid_argument);
    EXPECT_THROW(s.move_camera({}), std::invalid_argument);
}

TEST(SceneCamera, AStillCameraIsTheDefaultView) {
    Scene s;
    s.add(Square());
    s.wait(1);
    Timeline t = s.finish();
    EXPECT_EQ(t.state_at(0.5).view, View{});
    EXPECT_EQ(t.state_at(5).view, View{});
}

// ── MovingCameraScene ──

TEST(SceneCamera, FrameScaledAndMovedByAPlay) {
    Scene s;
    Mobject dot = Dot(Vec2{2, 1});
    s.add(dot);
    Mobject frame = s.camera().frame();
    s.play(animate(frame).scale(0.5).move_to(dot), {.run_time = 1});
    s.wait(1);
    Timeline t = s.finish();
    EXPECT_EQ(t.state_at(0).view, View{});
    // smooth(0.5) = 0.5: halfway in size and place.
    const View mid = t.state_at(0.5).view;
    EXPECT_NEAR(mid.width, kFrameWidth * 0.75, 1e-9);
    EXPECT_NEAR(mid.center.x, 1.0, 1e-9);
    EXPECT_NEAR(mid.center.y, 0.5, 1e-9);
    for (Seconds at : {1.5, 2.0, 9.0}) {
        const View v = t.state_at(at).view;
        EXPECT_NEAR(v.width, kFrameWidth / 2, 1e-9) << at;
        EXPECT_NEAR(v.height, kFrameHeight / 2, 1e-9) << at;
        EXPECT_NEAR(v.center.x, 2, 1e-9) << at;
        EXPECT_NEAR(v.center.y, 1, 1e-9) << at;
    }
    // A moving camera changes every pixel: nothing is static while it moves.
    EXPECT_EQ(t.state_at(0.5).static_prefix, 0u);
}

TEST(SceneCamera, FrameFollowsAPointThroughAnUpdater) {
    Scene s;
    Mobject dot = Dot(Vec2{0, 0});
    s.add(dot);
    Mobject frame = s.camera().frame();
    frame.scale(0.5);
    frame.add_updater([dot](Mobject& m) { m.move_to(dot.get_center()); });
    s.add(frame);
    s.play(animate(dot).shift(RIGHT * 4), {.run_time = 2, .rate_func = linear});
    frame.clear_updaters();
    Timeline t = s.finish();
    for (Seconds at : {0.25, 1.0, 1.5}) {
        const Frame f = t.state_at(at);
        EXPECT_NEAR(f.view.center.x, 4 * at / 2, 1e-9) << at;
        EXPECT_NEAR(f.view.width, kFrameWidth / 2, 1e-9) << at;
    }
    // Seeking back gives the same view as playing forward.
    EXPECT_EQ(t.state_at(0.25).view, t.state_at(0.25).view);
}

TEST(SceneCamera, RestoreBringsTheFrameBack) {
    // FollowingGraphCamera's pattern: save_state, zoom in on a point, Restore.
    Scene s;
    s.add(Square());
    Mobject frame = s.camera().frame();
    frame.save_state();
    s.play(animate(frame).scale(0.5).move_to(Vec2{3, 1}), {.run_time = 1});
    s.play(Restore(frame), {.run_time = 1});
    Timeline t = s.finish();
    const View zoomed = t.state_at(1.0 - 1e-9).view;
    EXPECT_NEAR(zoomed.width, kFrameWidth / 2, 1e-9);
    EXPECT_NEAR(zoomed.height, kFrameHeight / 2, 1e-9);
    EXPECT_NEAR(zoomed.center.x, 3, 1e-9);
    const View halfway = t.state_at(1.5).view; // smooth(0.5) = 0.5
    EXPECT_NEAR(halfway.width, kFrameWidth * 0.75, 1e-9);
    EXPECT_NEAR(halfway.center.x, 1.5, 1e-9);
    EXPECT_EQ(t.state_at(2.0).view, View{});
    EXPECT_EQ(t.state_at(10.0).view, View{});
}

// ── ThreeDScene ──

// The first point of a flat dot at (1, 0) as the 3-D camera at (phi, theta) draws it.
Vec2 projected(double phi, double theta) {
    three_d::CameraState cam;
    cam.phi = phi;
    cam.theta = theta;
    const three_d::Matrix3 r = three_d::rotation_matrix(phi, theta, 0);
    return three_d::project_point(cam, r, Vec3(Dot(Vec2{1, 0}).points()[0])).xy();
}

TEST(SceneCamera, AmbientRotationTurnsThetaLinearlyInT) {
    Scene s;
    s.set_camera_orientation({.phi = 75 * kDeg, .theta = 30 * kDeg});
    s.add(Dot(Vec2{1, 0}));
    s.begin_ambient_camera_rotation(0.1);
    s.wait(1);
    s.stop_ambient_camera_rotation();
    s.move_camera({.phi = 75 * kDeg, .theta = 30 * kDeg}, {.run_time = 1});
    Timeline t = s.finish();
    for (Seconds at : {0.0, 0.25, 0.75}) {
        const Vec2 p = (*t.state_at(at).items.at(0).points)[0];
        const Vec2 e = projected(75 * kDeg, 30 * kDeg + 0.1 * at);
        EXPECT_NEAR(p.x, e.x, 1e-9) << at;
        EXPECT_NEAR(p.y, e.y, 1e-9) << at;
    }
    // move_camera plays theta back from 30 deg + 0.1 to 30 deg (smooth: halfway at 1.5 s).
    const Vec2 p = (*t.state_at(1.5).items.at(0).points)[0];
    const Vec2 e = projected(75 * kDeg, 30 * kDeg + 0.05);
    EXPECT_NEAR(p.x, e.x, 1e-9);
    EXPECT_NEAR(p.y, e.y, 1e-9);
    const Vec2 end = (*t.state_at(5).items.at(0).points)[0];
    EXPECT_NEAR(end.x, projected(75 * kDeg, 30 * kDeg).x, 1e-9);
}

TEST(SceneCamera, IllusionRotationSwingsAboutTheOrientation) {
    Scene s;
    s.set_camera_orientation({.phi = 75 * kDeg, .theta = 30 * kDeg});
    s.add(Dot(Vec2{1, 0}));
    s.begin_3dillusion_camera_rotation(2);
    s.wait(PI / 2);
    s.stop_3dillusion_camera_rotation();
    Timeline t = s.finish();
    for (Seconds at : {0.3, 1.1}) {
        // Manim: theta = 30 deg + 0.2 sin(rate t), phi = 75 deg + 0.1 cos(rate t) - 0.1.
        const Vec2 e = projected(75 * kDeg + 0.1 * std::cos(2 * at) - 0.1, 30 * kDeg + 0.2 * std::sin(2 * at));
        const Vec2 p = (*t.state_at(at).items.at(0).points)[0];
        EXPECT_NEAR(p.x, e.x, 1e-9) << at;
        EXPECT_NEAR(p.y, e.y, 1e-9) << at;
    }
}

TEST(SceneCamera, FixedInFrameMobjectsStayPut) {
    Scene s;
    s.set_camera_orientation({.phi = 75 * kDeg, .theta = -45 * kDeg});
    Mobject label = Square(1.0);
    s.add_fixed_in_frame_mobjects(label);
    label.to_corner(UL);
    s.wait(1);
    Timeline t = s.finish();
    EXPECT_EQ(*t.state_at(0.5).items.at(0).points, label.points());
}

TEST(SceneCamera, CreateDrawsA3DPathProjected) {
    // A straight 3-D segment from the origin to (2, 0, 2), drawn by Create under a tilted
    // camera: half way, the drawn part ends at (1, 0, 1) projected (it was drawn flat, at
    // (1, 0, 0) projected, before Create cut z with the path).
    Scene s;
    s.set_camera_orientation({.phi = 75 * kDeg, .theta = -45 * kDeg});
    Mobject line = Line(ORIGIN, Vec2{2, 0});
    apply_function3(line, [](Vec3 p) { return Vec3{p.x, p.y, p.x}; });
    s.play(Create(line, {.run_time = 1, .rate_func = linear}));
    Timeline t = s.finish();
    three_d::CameraState cam;
    cam.phi = 75 * kDeg;
    cam.theta = -45 * kDeg;
    const auto rot = three_d::rotation_matrix(cam.phi, cam.theta, cam.gamma);
    for (double a : {0.25, 0.5, 0.75}) {
        const Frame f = t.state_at(a); // kept: the points live in the frame
        const Points& p = *f.items.at(0).points;
        const Vec3 e = three_d::project_point(cam, rot, Vec3{2 * a, 0, 2 * a});
        EXPECT_NEAR(p.back().x, e.x, 1e-9) << a;
        EXPECT_NEAR(p.back().y, e.y, 1e-9) << a;
    }
}

TEST(SceneCamera, FixedOrientationMobjectsFollowTheirCentreAtT) {
    // Manim calls the mobject's get_center as it draws (use_static_center_func=False): a label
    // moved by a play after add_fixed_orientation_mobjects sits at its centre at t projected,
    // unturned.
    Scene s;
    s.set_camera_orientation({.phi = 75 * kDeg, .theta = -45 * kDeg});
    Mobject label = Square(0.5);
    s.add_fixed_orientation_mobjects(label);
    s.play(animate(label).shift(Vec2{3, 1}), {.run_time = 1, .rate_func = linear});
    Timeline t = s.finish();
    three_d::CameraState cam;
    cam.phi = 75 * kDeg;
    cam.theta = -45 * kDeg;
    const auto rot = three_d::rotation_matrix(cam.phi, cam.theta, cam.gamma);
    for (double a : {0.0, 0.5, 1.0, 2.0}) {
        const double k = std::min(a, 1.0);
        const Vec3 e = three_d::project_point(cam, rot, Vec3{3 * k, 1 * k, 0});
        const Bounds b = anchor_bounds(*t.state_at(a).items.at(0).points);
        EXPECT_NEAR(b.center().x, e.x, 1e-9) << a;
        EXPECT_NEAR(b.center().y, e.y, 1e-9) << a;
        EXPECT_NEAR(b.width(), 0.5, 1e-9) << a; // not turned, not scaled
    }
}

// ── the light source and the 3-D frame centre (points, animated like any mobject) ──

// A shaded square under a tilted camera, lit from `light` (or the default), in a scene of its own.
Frame lit_square_at(std::optional<Vec3> light, Seconds at) {
    Scene s;
    s.set_camera_orientation({.phi = 60 * kDeg, .theta = -30 * kDeg});
    Mobject face = Square(2.0, {.color = BLUE, .fill_opacity = 1});
    set_shade_in_3d(face);
    rotate3(face, 50 * kDeg, Vec3(RIGHT)); // tilted towards the light: a two-colour gradient
    s.add(face);
    if (light) s.camera().light_source().move_to(*light);
    s.wait(1);
    return s.finish().state_at(at);
}

TEST(SceneCamera, LightSourceMovedByAPlayLightsEachMoment) {
    // Manim's self.play(self.camera.light_source.animate.move_to(3 * IN)): each moment is lit
    // from where the light is then, whichever order the moments are asked in. (The old code:
    // the light was no mobject, so a play could not move it; it changed only between plays.)
    const Vec3 from{-7, -9, 10}, to = 3 * IN;
    Scene s;
    s.set_camera_orientation({.phi = 60 * kDeg, .theta = -30 * kDeg});
    Mobject face = Square(2.0, {.color = BLUE, .fill_opacity = 1});
    set_shade_in_3d(face);
    rotate3(face, 50 * kDeg, Vec3(RIGHT));
    s.add(face);
    s.play(animate(s.camera().light_source()).move_to(to), {.run_time = 1, .rate_func = linear});
    s.wait(1);
    Timeline t = s.finish();
    auto face_style = [](const Frame& f) {
        for (const LeafState& l : f.items)
            if (l.depth && l.depth->shade_in_3d) return l.style;
        ADD_FAILURE() << "no shaded face";
        return Style{};
    };
    for (const Seconds at : {0.75, 0.25, 1.5, 0.5, 0.0}) {
        const double k = std::min(at, 1.0);
        const Vec3 light = from + (to - from) * k;
        const Style want = face_style(lit_square_at(light, 0.5));
        const Style got = face_style(t.state_at(at));
        ASSERT_TRUE(want.gradient && got.gradient) << at;
        EXPECT_EQ(got.gradient->fill_from, want.gradient->fill_from) << at;
        EXPECT_EQ(got.gradient->fill_to, want.gradient->fill_to) << at;
    }
    // The light really moved the shade (from the default light's to another).
    EXPECT_NE(face_style(t.state_at(0.0)).gradient->fill_from, face_style(t.state_at(1.0)).gradient->fill_from);
    // Nothing is static while the light moves: every face's shade changes.
    EXPECT_EQ(t.state_at(0.5).static_prefix, 0u);
}

TEST(SceneCamera, LightSourceFollowsAnUpdater) {
    Scene s;
    s.set_camera_orientation({.phi = 60 * kDeg, .theta = -30 * kDeg});
    Mobject face = Square(2.0, {.color = BLUE, .fill_opacity = 1});
    set_shade_in_3d(face);
    rotate3(face, 50 * kDeg, Vec3(RIGHT));
    s.add(face);
    ValueTracker x(-4.0);
    LightSource& light = s.camera().light_source();
    light.add_updater([x](Mobject& m) { m.move_to(Vec3{x.get_value(), 2, 3}); });
    s.add(light);
    s.play(animate(x).set_value(4.0), {.run_time = 1, .rate_func = linear});
    Timeline t = s.finish();
    for (const Seconds at : {0.5, 0.25}) {
        const Style want = [&] {
            for (const LeafState& l : lit_square_at(Vec3{-4 + 8 * at, 2, 3}, 0.5).items)
                if (l.depth && l.depth->shade_in_3d) return l.style;
            return Style{};
        }();
        for (const LeafState& l : t.state_at(at).items)
            if (l.depth && l.depth->shade_in_3d) {
                ASSERT_TRUE(l.style.gradient && want.gradient);
                EXPECT_EQ(l.style.gradient->fill_from, want.gradient->fill_from) << at;
            }
    }
}

TEST(SceneCamera, MoveCameraPlaysTheFrameCentre) {
    // Manim's move_camera(frame_center=...) animates ThreeDCamera's _frame_center point; the
    // old code refused it (std::invalid_argument).
    Scene s;
    s.set_camera_orientation({.phi = 75 * kDeg, .theta = 30 * kDeg});
    s.add(Dot(Vec2{1, 0}));
    const Vec3 to{1, 2, 0.5};
    s.move_camera({.frame_center = to}, {.run_time = 1, .rate_func = linear});
    EXPECT_EQ(s.camera().frame_center(), to);
    s.wait(1);
    Timeline t = s.finish();
    three_d::CameraState cam;
    cam.phi = 75 * kDeg;
    cam.theta = 30 * kDeg;
    const auto rot = three_d::rotation_matrix(cam.phi, cam.theta, 0);
    for (const Seconds at : {0.5, 1.5, 0.25, 0.0}) {
        cam.frame_center = to * std::min(at, 1.0);
        const Vec2 e = three_d::project_point(cam, rot, Vec3(Dot(Vec2{1, 0}).points()[0])).xy();
        const Vec2 p = (*t.state_at(at).items.at(0).points)[0];
        EXPECT_NEAR(p.x, e.x, 1e-9) << at;
        EXPECT_NEAR(p.y, e.y, 1e-9) << at;
    }
}

} // namespace
} // namespace reel
