// Manim's documentation example FollowingGraphCamera (Camera Settings gallery), line by line.
#include <cmath>

#include <reel/reel.h>

using namespace reel;

REEL_SCENE(following_graph_camera, "Manim docs: FollowingGraphCamera (the camera frame zooms in and follows a dot)") {
    s.camera().frame().save_state();

    // create the axes and the curve
    auto ax = Axes({.x_range = {-1, 10}, .y_range = {-1, 10}});
    auto graph = ax.plot([](double x) { return std::sin(x); }, {.x_range = {{0, 3 * PI}}, .color = BLUE});
    const double t_min = 0, t_max = 3 * PI; // graph.t_min, graph.t_max (its x_range)

    // create dots based on the graph
    auto moving_dot = Dot(ax.i2gp(t_min, graph), {.color = ORANGE});
    auto dot_1 = Dot(ax.i2gp(t_min, graph));
    auto dot_2 = Dot(ax.i2gp(t_max, graph));

    s.add(ax, graph, dot_1, dot_2, moving_dot);
    s.play(animate(s.camera().frame()).scale(0.5).move_to(moving_dot));

    auto update_curve = [moving_dot](Mobject& mob) { mob.move_to(moving_dot.get_center()); };

    s.camera().frame().add_updater(update_curve);
    s.play(MoveAlongPath(moving_dot, graph, {.rate_func = linear}));
    s.camera().frame().remove_updater(update_curve);

    s.play(Restore(s.camera().frame()));
}
