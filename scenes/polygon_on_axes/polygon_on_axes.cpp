// Manim's documentation example PolygonOnAxes (Plotting gallery), line by line.
// axis_config={"include_tip": False} is tips = false; `polygon.stroke_width = 1` sets the
// attribute that set_stroke(YELLOW_B) then keeps, so it is set_stroke(YELLOW_B, 1).
#include <array>
#include <vector>

#include <reel/reel.h>

using namespace reel;

namespace {

std::vector<std::array<double, 2>> get_rectangle_corners(std::array<double, 2> bottom_left,
                                                         std::array<double, 2> top_right) {
    return {
        {top_right[0], top_right[1]},
        {bottom_left[0], top_right[1]},
        {bottom_left[0], bottom_left[1]},
        {top_right[0], bottom_left[1]},
    };
}

} // namespace

REEL_SCENE(polygon_on_axes, "Manim docs: PolygonOnAxes (always_redraw rectangle under 25/x)") {
    Axes ax({.x_range = {0, 10}, .y_range = {0, 10}, .x_length = 6, .y_length = 6, .tips = false});

    ValueTracker t(5);
    const double k = 25;

    auto graph = ax.plot([=](double x) { return k / x; },
                         {.x_range = {{k / 10, 10.0, 0.01}}, .use_smoothing = false, .color = YELLOW_D});

    auto get_rectangle = [=] {
        std::vector<Vec2> corners;
        for (const auto& i : get_rectangle_corners({0, 0}, {t.get_value(), k / t.get_value()}))
            corners.push_back(ax.c2p(i[0], i[1]));
        auto polygon = Polygon(corners);
        polygon.set_stroke(std::nullopt, 1);
        polygon.set_fill(BLUE, 0.5);
        polygon.set_stroke(YELLOW_B);
        return polygon;
    };

    auto polygon = always_redraw(get_rectangle);

    auto dot = Dot();
    dot.add_updater([=](Mobject& x) { x.move_to(ax.c2p(t.get_value(), k / t.get_value())); });
    dot.set_z_index(10);

    s.add(ax, graph, dot);
    s.play(Create(polygon));
    s.play(animate(t).set_value(10));
    s.play(animate(t).set_value(k / 10));
    s.play(animate(t).set_value(5));
}
