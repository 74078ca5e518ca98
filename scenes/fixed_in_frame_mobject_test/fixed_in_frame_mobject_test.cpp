// Manim's documentation example FixedInFrameMObjectTest (3D Scenes gallery), line by line.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(fixed_in_frame_mobject_test, "Manim docs: FixedInFrameMObjectTest (text fixed in the frame over 3-D axes)") {
    // Manim's Text() without a font takes Pango's default family: DejaVu Serif where the
    // reference pictures were made (Reel's own default is Times New Roman's metric twin).
    set_default_text_font("DejaVu Serif");
    auto axes = ThreeDAxes();
    s.set_camera_orientation({.phi = 75 * DEGREES, .theta = -45 * DEGREES});
    auto text3d = Text("This is a 3D text");
    s.add_fixed_in_frame_mobjects(text3d);
    text3d.to_corner(UL);
    s.add(axes);
    s.wait();
}
