// Manim's documentation example ArgMinExample (Plotting gallery), line by line.
// axis_config={"include_tip": False} is tips = false (the tips of both axes).
#include <algorithm>

#include <reel/reel.h>

using namespace reel;

REEL_SCENE(arg_min_example, "Manim docs: ArgMinExample") {
    Axes ax({.x_range = {0, 10}, .y_range = {0, 100, 10}, .tips = false});
    auto labels = ax.get_axis_labels("x", "f(x)");

    ValueTracker t(0);

    auto func = [](double x) { return 2 * (x - 5) * (x - 5); };
    auto graph = ax.plot(func, {.color = MAROON});

    auto initial_point = ax.coords_to_point(t.get_value(), func(t.get_value()));
    auto dot = Dot(initial_point);

    dot.add_updater([=](Mobject& x) { x.move_to(ax.c2p(t.get_value(), func(t.get_value()))); });
    auto x_space = linspace(0, 10, 200);
    std::vector<double> values;
    for (double x : x_space) values.push_back(func(x));
    auto minimum_index = std::min_element(values.begin(), values.end()) - values.begin();

    s.add(ax, labels, graph, dot);
    s.play(animate(t).set_value(x_space[static_cast<std::size_t>(minimum_index)]));
    s.wait();
}
