// Manim's documentation example RotationUpdater (Animations gallery), line by line. Manim's
// remove_updater(f) is clear_updaters() here (the line has one updater at a time).
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(rotation_updater, "Manim docs: RotationUpdater (dt updaters)") {
    auto updater_forth = [](Mobject& mobj, double dt) { mobj.rotate(dt, ORIGIN); };
    auto updater_back = [](Mobject& mobj, double dt) { mobj.rotate(-dt, ORIGIN); };
    auto line_reference = Line(ORIGIN, LEFT);
    line_reference.set_color(WHITE);
    auto line_moving = Line(ORIGIN, LEFT);
    line_moving.set_color(YELLOW);
    s.add(line_reference);
    s.add(line_moving);
    line_moving.add_updater(updater_forth);
    s.wait(2);
    line_moving.clear_updaters();
    line_moving.add_updater(updater_back);
    s.wait(2);
    line_moving.clear_updaters();
    s.wait(0.5);
}
