// Manim's documentation example MovingAngle (Animations gallery), line by line.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(moving_angle, "Manim docs: MovingAngle (Angle, ValueTracker, updaters)") {
    auto rotation_center = LEFT;

    ValueTracker theta_tracker(110);
    auto line1 = Line(LEFT, RIGHT);
    auto line_moving = Line(LEFT, RIGHT);
    auto line_ref = line_moving.copy();
    line_moving.rotate(theta_tracker.get_value() * DEGREES, rotation_center);
    auto a = Angle(line1, line_moving, {.radius = 0.5, .other_angle = false});
    auto tex = MathTex("\\theta").move_to(
        Angle(line1, line_moving, {.radius = 0.5 + 3 * SMALL_BUFF, .other_angle = false})
            .point_from_proportion(0.5));

    s.add(line1, line_moving, a, tex);
    s.wait();

    line_moving.add_updater([=](Mobject& x) {
        x.become(line_ref.copy());
        x.rotate(theta_tracker.get_value() * DEGREES, rotation_center);
    });

    a.add_updater([=](Mobject& x) {
        x.become(Angle(line1, line_moving, {.radius = 0.5, .other_angle = false}));
    });
    tex.add_updater([=](Mobject& x) {
        x.move_to(Angle(line1, line_moving, {.radius = 0.5 + 3 * SMALL_BUFF, .other_angle = false})
                      .point_from_proportion(0.5));
    });

    s.play(animate(theta_tracker).set_value(40));
    s.play(animate(theta_tracker).increment_value(140));
    s.play(animate(tex).set_color(RED), {.run_time = 0.5});
    s.play(animate(theta_tracker).set_value(350));
}
