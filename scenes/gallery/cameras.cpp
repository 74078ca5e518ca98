// The gallery's last three sections: a camera that zooms in and follows a dot
// (MovingCameraScene), a zoomed camera with its display inset (ZoomedScene), then 3-D
// (ThreeDScene): a checkerboard surface over ThreeDAxes under a turning camera, a shaded sphere
// and cube lit by a moving light, a label fixed in the frame.
#include <cmath>

#include <reel/reel.h>

#include "cameras.h"

using namespace reel;

void gallery_cameras(Scene& s) {
    // ── camera: the frame zooms in on a dot and follows it (FollowingGraphCamera) ────────
    s.section("camera");
    {
        std::vector<AnimationPtr> out;
        for (const auto& m : s.mobjects()) out.push_back(FadeOut(m));
        s.play(out, {.run_time = 0.5});
    }
    auto ax = Axes({.x_range = {-1, 10}, .y_range = {-2, 2}, .y_length = 4});
    auto wave = ax.plot([](double x) { return std::sin(x); }, {.x_range = {{0, 3 * PI}}, .color = BLUE});
    auto dot = Dot(ax.i2gp(0, wave), {.color = ORANGE});
    s.play(Create(ax), Create(wave), {.run_time = 1});
    s.add(dot);
    Mobject frame = s.camera().frame();
    frame.save_state();
    s.play(animate(frame).scale(0.4).move_to(dot));
    auto follow = [dot](Mobject& m) { m.move_to(dot.get_center()); };
    frame.add_updater(follow);
    s.play(MoveAlongPath(dot, wave, {.rate_func = linear}), {.run_time = 3});
    frame.remove_updater(follow);
    s.play(Restore(frame));
    s.wait(0.5);

    // ── zoom: a zoomed camera shows a detail in a display inset (MovingZoomedSceneAround) ──
    s.section("zoom");
    {
        std::vector<AnimationPtr> out;
        for (const auto& m : s.mobjects()) out.push_back(FadeOut(m));
        s.play(out, {.run_time = 0.5});
    }
    {
        ZoomedScene zs(s, {.zoomed_display_height = 2.5,
                           .zoomed_display_width = 4.5,
                           .zoomed_display_corner = DR,
                           .zoomed_camera_config = {.default_frame_stroke_width = 3},
                           .zoom_factor = 0.3});
        auto fine = Text("the fine print", {.font_size = 12}).move_to(Vec2{-4, 1.5});
        auto ring = Circle(0.3, {.color = TEAL}).move_to(Vec2{-1, -1.5});
        auto tiny = Dot(Vec2{-0.7, -1.5}, {.radius = 0.03, .color = YELLOW}); // on the ring
        auto caption = Text("ZoomedScene", {.font_size = 36}).to_corner(UL);
        s.play(FadeIn(fine), Create(ring), FadeIn(tiny), Write(caption), {.run_time = 1});
        Mobject zoom_frame = zs.zoomed_camera.frame;
        zoom_frame.move_to(fine).set_color(PURPLE);
        zs.zoomed_display.display_frame.set_color(RED);
        s.play(Create(zoom_frame), {.run_time = 0.5});
        zs.activate_zooming();
        s.play(zs.get_zoomed_display_pop_out_animation());
        s.play(animate(zoom_frame).move_to(ring), {.run_time = 1.5});
        s.play(Rotate(tiny, PI, Vec2{-1, -1.5}, {.run_time = 1})); // half way round the ring
        s.play(animate(zs.zoomed_display).scale(1.3), animate(zoom_frame).scale(0.6));
        s.play(zs.get_zoomed_display_pop_out_animation({.rate_func = [](double t) { return smooth(1 - t); }}));
        s.play(Uncreate(zs.zoomed_display.display_frame), FadeOut(zoom_frame), {.run_time = 0.5});
        s.remove(zs.zoomed_display);
    }

    // ── 3-D: a surface under a turning camera ────────────────────────────────────────────
    s.section("3-D");
    {
        std::vector<AnimationPtr> out;
        for (const auto& m : s.mobjects()) out.push_back(FadeOut(m));
        s.play(out, {.run_time = 0.5});
    }
    s.set_camera_orientation({.phi = 70 * DEGREES, .theta = -60 * DEGREES});
    auto axes = ThreeDAxes({.x_range = {-4, 4, 1}, .y_range = {-4, 4, 1}, .z_range = {-2, 2, 1},
                            .x_length = 8, .y_length = 8, .z_length = 4});
    auto bump = Surface(
        [](double u, double v) {
            return Vec3{u, v, 1.2 * std::exp(-(u * u + v * v) / 2) * std::cos(1.5 * u)};
        },
        {.u_range = {-3, 3}, .v_range = {-3, 3}, .resolution = {24, 24}});
    bump.set_style({.fill_opacity = 0.9, .stroke_color = GREEN_E});
    bump.set_fill_by_checkerboard({ORANGE, BLUE}, 0.8);
    auto label = Text("Surface(u, v)", {.font_size = 30});
    s.add_fixed_in_frame_mobjects(label);
    label.to_corner(UL);
    s.add(axes, bump);
    s.begin_ambient_camera_rotation(0.4);
    s.wait(3);
    s.stop_ambient_camera_rotation();
    s.move_camera({.phi = 55 * DEGREES, .theta = 30 * DEGREES, .zoom = 1.2}, {.run_time = 2});
    // Shaded solids beside it, lit from below.
    s.play(FadeOut(bump), {.run_time = 0.5});
    auto sphere = Sphere({.center = {-2, 1, 1}, .radius = 1});
    auto cube = Cube({.side_length = 1.5, .fill_color = TEAL});
    shift3(cube, Vec3{2, -1, 0.75});
    s.add(sphere, cube);
    s.begin_3dillusion_camera_rotation(2);
    // The light goes from its corner to below the scene while the camera wobbles.
    s.play(animate(s.camera().light_source()).move_to(3 * IN + Vec3(DOWN * 5)), {.run_time = 2});
    s.wait(PI - 2);
    s.stop_3dillusion_camera_rotation();
}
