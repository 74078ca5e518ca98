// Manim's documentation example RotationUpdater (Animations gallery), line by line.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(rotation_updater, "Manim docs: RotationUpdater (dt updaters)") {
    auto updater_forth = [](Mobject& mobj, double dt) { mobj.rotate_about_origin(dt); };
    auto updater_back = [](Mobject& mobj, double dt) { mobj.rotate_about_origin(-dt); };
    auto line_reference = Line(ORIGIN, LEFT).set_color(WHITE);
    auto line_moving = Line(ORIGIN, LEFT).set_color(YELLOW);
    line_moving.add_updater(updater_forth);
    s.add(line_reference, line_moving);
    s.wait(2);
    line_moving.remove_updater(updater_forth);
    line_moving.add_updater(updater_back);
    s.wait(2);
    line_moving.remove_updater(updater_back);
    s.wait(0.5);
}
