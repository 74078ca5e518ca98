// Manim's documentation example ThreeDLightSourcePosition (3D Scenes gallery), line by line.
#include <cmath>

#include <reel/reel.h>

using namespace reel;

REEL_SCENE(three_d_light_source_position, "Manim docs: ThreeDLightSourcePosition (a shaded sphere lit from below)") {
    auto axes = ThreeDAxes();
    auto sphere = Surface(
        [](double u, double v) {
            return Vec3{1.5 * std::cos(u) * std::cos(v), 1.5 * std::cos(u) * std::sin(v), 1.5 * std::sin(u)};
        },
        {.u_range = {-PI / 2, PI / 2}, .v_range = {0, TAU}, .resolution = {15, 32}, .checkerboard_colors = {RED_D, RED_E}});
    s.camera().light_source().move_to(3 * IN); // changes the source of the light
    s.set_camera_orientation({.phi = 75 * DEGREES, .theta = 30 * DEGREES});
    s.add(axes, sphere);
    // Manim saves this still's last frame (no play or wait); held one second here so that it
    // can be played, benchmarked and exported like the 2-D stills' ports.
    s.wait();
}
