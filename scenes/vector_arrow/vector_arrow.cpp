// Manim's documentation example VectorArrow (Basic Concepts gallery), line by line.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(vector_arrow, "Manim docs: VectorArrow (NumberPlane, Arrow, Text)") {
    auto dot = Dot(ORIGIN);
    auto arrow = Arrow(ORIGIN, {2, 2}, {.buff = 0});
    auto numberplane = NumberPlane();
    auto origin_text = Text("(0, 0)").next_to(dot, DOWN);
    auto tip_text = Text("(2, 2)").next_to(arrow.get_end(), RIGHT);
    s.add(numberplane, dot, arrow, origin_text, tip_text);
}
