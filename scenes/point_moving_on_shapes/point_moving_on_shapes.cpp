// Manim's documentation example PointMovingOnShapes (Animations gallery), line by line.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(point_moving_on_shapes, "Manim docs: PointMovingOnShapes") {
    auto circle = Circle(1, {.color = BLUE});
    auto dot = Dot();
    auto dot2 = dot.copy().shift(RIGHT);
    s.add(dot);

    auto line = Line({3, 0}, {5, 0});
    s.add(line);

    s.play(GrowFromCenter(circle));
    s.play(Transform(dot, dot2));
    s.play(MoveAlongPath(dot, circle), {.run_time = 2, .rate_func = linear});
    s.play(Rotating(dot, {.about_point = Vec2{2, 0}}), {.run_time = 1.5});
    s.wait();
}
