// Manim's documentation example GraphAreaPlot (Plotting gallery), line by line. Manim saves the
// last frame (:save_last_frame:); the wait gives it one second to show it.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(graph_area_plot, "Manim docs: GraphAreaPlot") {
    Axes ax({.x_range = {0, 5},
             .y_range = {0, 6},
             .tips = false,
             .x_axis_config = {.numbers_to_include = std::vector<double>{2, 3}}});

    auto labels = ax.get_axis_labels();

    auto curve_1 = ax.plot([](double x) { return 4 * x - x * x; }, {.x_range = {{0, 4}}, .color = BLUE_C});
    auto curve_2 = ax.plot([](double x) { return 0.8 * x * x - 3 * x + 4; },
                           {.x_range = {{0, 4}}, .color = GREEN_B});

    auto line_1 = ax.get_vertical_line(ax.input_to_graph_point(2, curve_1), {.color = YELLOW});
    auto line_2 = ax.get_vertical_line(ax.i2gp(3, curve_1), {.color = YELLOW});

    auto riemann_area = ax.get_riemann_rectangles(
        curve_1, {.x_range = {{0.3, 0.6}}, .dx = 0.03, .fill_opacity = 0.5, .color = {BLUE}});
    auto area = ax.get_area(curve_2, {{2, 3}}, {.color = GREY, .opacity = 0.5, .bounded_graph = curve_1});

    s.add(ax, labels, curve_1, curve_2, line_1, line_2, riemann_area, area);
    s.wait();
}
