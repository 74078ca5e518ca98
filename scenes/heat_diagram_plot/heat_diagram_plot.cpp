// Manim's documentation example HeatDiagramPlot (Plotting gallery), line by line. Manim saves
// the last frame (:save_last_frame:); the wait gives it one second to show it.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(heat_diagram_plot, "Manim docs: HeatDiagramPlot") {
    Axes ax({.x_range = {0, 40, 5},
             .y_range = {-8, 32, 5},
             .x_length = 9,
             .y_length = 6,
             .tips = false,
             .x_axis_config = {.numbers_to_include = arange(0, 40, 5)},
             .y_axis_config = {.numbers_to_include = arange(-5, 34, 5)}});
    auto labels = ax.get_axis_labels(Tex(R"($\Delta Q$)"), Tex(R"(T[$^\circ C$])"));

    std::vector<double> x_vals = {0, 8, 38, 39};
    std::vector<double> y_vals = {20, 0, 0, -5};
    auto graph = ax.plot_line_graph(x_vals, y_vals);

    s.add(ax, labels, graph);
    s.wait();
}
