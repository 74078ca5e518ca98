// Manim's documentation example ThreeDCameraRotation (3D Scenes gallery), line by line.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(three_d_camera_rotation, "Manim docs: ThreeDCameraRotation (ambient rotation, then move_camera back)") {
    auto axes = ThreeDAxes();
    auto circle = Circle();
    s.set_camera_orientation({.phi = 75 * DEGREES, .theta = 30 * DEGREES});
    s.add(circle, axes);
    s.begin_ambient_camera_rotation(0.1);
    s.wait();
    s.stop_ambient_camera_rotation();
    s.move_camera({.phi = 75 * DEGREES, .theta = 30 * DEGREES});
    s.wait();
}
