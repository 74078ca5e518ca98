// Manim's documentation example SinAndCosFunctionPlot (Plotting gallery), line by line.
// axis_config={"color": GREEN} is AxesOptions::color; x_axis_config's numbers_to_include and
// numbers_with_elongated_ticks are the x_ options.
#include <cmath>

#include <reel/reel.h>

using namespace reel;

REEL_SCENE(sin_and_cos_function_plot, "Manim docs: SinAndCosFunctionPlot") {
    std::vector<double> evens;
    for (double v = -10; v <= 10.01; v += 2) evens.push_back(v);
    Axes axes({.x_range = {-10, 10.3, 1},
               .y_range = {-1.5, 1.5, 1},
               .x_length = 10,
               .tips = false,
               .color = GREEN,
               .x_numbers_with_elongated_ticks = evens,
               .x_numbers_to_include = evens});
    auto axes_labels = axes.get_axis_labels(MathTex("x"), MathTex("y"));
    auto sin_graph = axes.plot([](double x) { return std::sin(x); }, std::nullopt, {.color = BLUE});
    auto cos_graph = axes.plot([](double x) { return std::cos(x); }, std::nullopt, {.color = RED});

    auto sin_label = axes.get_graph_label(sin_graph, MathTex(R"(\sin(x))"), -10, UP / 2);
    auto cos_label = axes.get_graph_label(cos_graph, MathTex(R"(\cos(x))"));

    auto vert_line = axes.get_vertical_line(axes.input_to_graph_point(TAU, cos_graph), false,
                                            {.color = YELLOW});
    auto line_label = axes.get_graph_label(cos_graph, MathTex(R"(x=2\pi)"), TAU, UR, MED_SMALL_BUFF, WHITE);

    auto plot = VGroup({axes, sin_graph, cos_graph, vert_line});
    auto labels = VGroup({axes_labels, sin_label, cos_label, line_label});
    s.add(plot);
    s.add(labels);
    s.wait();
}
