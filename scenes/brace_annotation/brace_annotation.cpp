// Manim's documentation example BraceAnnotation (Basic concepts gallery), line by line.
// Brace.get_text / get_tex are brace_get_text / brace_get_tex. Manim saves the last frame
// (:save_last_frame:); the wait gives it one second to show it.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(brace_annotation, "Manim docs: BraceAnnotation") {
    auto dot = Dot({-2, -1});
    auto dot2 = Dot({2, 1});
    auto line = Line(dot.get_center(), dot2.get_center()).set_color(ORANGE);
    auto b1 = Brace(line);
    auto b1text = brace_get_text(b1, "Horizontal distance");
    auto b2 = Brace(line, line.copy().rotate(PI / 2).get_unit_vector());
    auto b2text = brace_get_tex(b2, "x-x_1");
    s.add(line, dot, dot2, b1, b2, b1text, b2text);
    s.wait();
}
