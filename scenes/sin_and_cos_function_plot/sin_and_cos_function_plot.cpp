// Manim's documentation example SinAndCosFunctionPlot (Plotting gallery), line by line.
// axis_config={"color": GREEN} is AxesOptions::color; x_axis_config's numbers_to_include and
// numbers_with_elongated_ticks are the x_ options. Manim saves the last frame of this scene
// (:save_last_frame:); the wait gives it one second to show it.
#include <cmath>

#include <reel/reel.h>

using namespace reel;

REEL_SCENE(sin_and_cos_function_plot, "Manim docs: SinAndCosFunctionPlot") {
    Axes axes({.x_range = {-10, 10.3, 1},
               .y_range = {-1.5, 1.5, 1},
               .x_length = 10,
               .tips = false,
               .color = GREEN,
               .x_numbers_with_elongated_ticks = arange(-10, 10.01, 2),
               .x_numbers_to_include = arange(-10, 10.01, 2)});
    auto axes_labels = axes.get_axis_labels();
    auto sin_graph = axes.plot([](double x) { return std::sin(x); }, {.color = BLUE});
    auto cos_graph = axes.plot([](double x) { return std::cos(x); }, {.color = RED});

    auto sin_label = axes.get_graph_label(sin_graph, R"(\sin(x))", {.x_val = -10, .direction = UP / 2});
    auto cos_label = axes.get_graph_label(cos_graph, R"(\cos(x))");

    auto vert_line = axes.get_vertical_line(axes.i2gp(TAU, cos_graph), {.dashed = false, .color = YELLOW});
    auto line_label =
        axes.get_graph_label(cos_graph, R"(x=2\pi)", {.x_val = TAU, .direction = UR, .color = WHITE});

    auto plot = VGroup(axes, sin_graph, cos_graph, vert_line);
    auto labels = VGroup(axes_labels, sin_label, cos_label, line_label);
    s.add(plot, labels);
    s.wait();
}
