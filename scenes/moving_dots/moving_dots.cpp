// Manim's documentation example MovingDots (Animations gallery), line by line.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(moving_dots, "Manim docs: MovingDots (ValueTracker and updaters)") {
    auto d1 = Dot({.color = BLUE}), d2 = Dot({.color = GREEN});
    auto dg = VGroup(d1, d2).arrange(RIGHT, 1);
    auto l1 = Line(d1.get_center(), d2.get_center()).set_color(RED);
    ValueTracker x(0);
    ValueTracker y(0);
    d1.add_updater([=](Mobject& z) { z.set_x(x.get_value()); });
    d2.add_updater([=](Mobject& z) { z.set_y(y.get_value()); });
    l1.add_updater([=](Mobject& z) { z.become(Line(d1.get_center(), d2.get_center())); });
    s.add(d1, d2, l1);
    s.play(animate(x).set_value(5));
    s.play(animate(y).set_value(4));
    s.wait();
}
