// Manim's documentation example PointWithTrace (Animations gallery). Manim's version keeps the
// trace in an updater that appends the dot's centre to the path at every frame; that is exactly
// what Manim's TracedPath does (update_path: add_line_to(traced_point_func())), and Reel spells
// it TracedPath so that the trace at any moment follows from the dot's motion before it (a seek
// shows what playing shows). Same stroke as the example's VMobject(): WHITE, width 4.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(point_with_trace, "Manim docs: PointWithTrace (a path traced by a moving dot)") {
    auto dot = Dot();
    auto path = TracedPath([=] { return dot.get_center(); }, {.stroke_width = 4});
    s.add(path, dot);
    s.play(Rotating(dot, {.radians = PI, .about_point = RIGHT, .run_time = 2}));
    s.wait();
    s.play(animate(dot).shift(UP));
    s.play(animate(dot).shift(LEFT));
    s.wait();
}
