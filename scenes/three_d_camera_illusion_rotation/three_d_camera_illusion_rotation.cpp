// Manim's documentation example ThreeDCameraIllusionRotation (3D Scenes gallery), line by line.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(three_d_camera_illusion_rotation, "Manim docs: ThreeDCameraIllusionRotation (a wobbling camera)") {
    auto axes = ThreeDAxes();
    auto circle = Circle();
    s.set_camera_orientation({.phi = 75 * DEGREES, .theta = 30 * DEGREES});
    s.add(circle, axes);
    s.begin_3dillusion_camera_rotation(2);
    s.wait(PI / 2);
    s.stop_3dillusion_camera_rotation();
}
