// Manim's documentation example MovingAround (Animations gallery), line by line.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(moving_around, "Manim docs: MovingAround (.animate shift, set_fill, scale, rotate)") {
    auto square = Square({.color = BLUE, .fill_opacity = 1});

    s.play(animate(square).shift(LEFT));
    s.play(animate(square).set_fill(ORANGE));
    s.play(animate(square).scale(0.3));
    s.play(animate(square).rotate(0.4));
}
