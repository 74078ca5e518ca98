// Manim's documentation example MovingDots (Animations gallery), line by line. Manim's
// z.set_x(v) / z.set_y(v) are written as shifts of the centre.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(moving_dots, "Manim docs: MovingDots (ValueTracker and updaters)") {
    auto d1 = Dot(ORIGIN, kDefaultDotRadius, {.color = BLUE});
    auto d2 = Dot(ORIGIN, kDefaultDotRadius, {.color = GREEN});
    auto dg = VGroup({d1, d2}).arrange(RIGHT, 1);
    auto l1 = Line(d1.get_center(), d2.get_center());
    l1.set_color(RED);
    ValueTracker x(0);
    ValueTracker y(0);
    d1.add_updater([x](Mobject& z) { z.shift({x.get_value() - z.get_center().x, 0}); });
    d2.add_updater([y](Mobject& z) { z.shift({0, y.get_value() - z.get_center().y}); });
    l1.add_updater([d1, d2](Mobject& z) { z.become(Line(d1.get_center(), d2.get_center())); });
    s.add(d1);
    s.add(d2);
    s.add(l1);
    s.play(animate(x).set_value(5));
    s.play(animate(y).set_value(4));
    s.wait();
}
