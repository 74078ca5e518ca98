// Manim's graphing: NumberLine, Axes (ticks, numbers, labels, plot, areas) and BarChart
// (manim/mobject/graphing/number_line.py, coordinate_systems.py, functions.py, probability.py).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reel/mobject.h"

namespace reel {

struct NumberLineOptions {
    /// [min, max, step]; Manim's default spans the frame: [-7, 7, 1].
    std::array<double, 3> x_range{-7, 7, 1};
    /// Length of the line; unset: (max - min) * unit_size.
    std::optional<double> length;
    double unit_size = 1.0;
    bool include_ticks = true;
    double tick_size = 0.1;
    std::vector<double> numbers_with_elongated_ticks;
    double longer_tick_multiple = 2.0;
    bool exclude_origin_tick = false;
    double rotation = 0.0;
    double stroke_width = 2.0;
    Color color = WHITE;
    bool include_tip = false;
    double tip_width = 0.35;
    double tip_height = 0.35;
    bool include_numbers = false;
    double font_size = 36.0;
    Vec2 label_direction = DOWN;
    double line_to_number_buff = MED_SMALL_BUFF;
    /// Unset: the decimals of the step (0 for 1, 1 for 0.5 ...).
    std::optional<int> num_decimal_places;
    std::vector<double> numbers_to_exclude;
};

/// Manim's NumberLine: a Line from min to max (scaled to the length, centred, rotated), a
/// tip, a tick per step from 0 outwards, DecimalNumber labels. Children: [tip], ticks, numbers.
class NumberLine : public Mobject {
public:
    explicit NumberLine(const NumberLineOptions& o = {});
    /// Wraps a handle made by NumberLine (throws std::invalid_argument otherwise).
    explicit NumberLine(const Mobject& m);
    /// Manim's number_to_point / n2p: follows the line wherever it was moved.
    Vec2 n2p(double x) const;
    /// Manim's point_to_number / p2n: projection onto the line.
    double p2n(Vec2 p) const;
    /// The values that get ticks (get_tick_range).
    std::vector<double> tick_range() const;
    /// Scene units per unit of the line.
    double unit_size() const;
    const NumberLineOptions& options() const;
    /// The ticks group and the numbers group (empty groups when there are none).
    Mobject ticks() const;
    Mobject numbers() const;
    /// Manim's add_numbers: DecimalNumber labels at the tick values (minus `excluding`).
    NumberLine& add_numbers(std::optional<std::vector<double>> x_values = std::nullopt,
                            std::optional<std::vector<double>> excluding = std::nullopt);
};

struct AxesOptions {
    std::array<double, 3> x_range{-7, 7, 1};
    std::array<double, 3> y_range{-4, 4, 1};
    /// round(frame_width) - 2 and round(frame_height) - 2.
    double x_length = 12.0;
    double y_length = 6.0;
    bool tips = true;
    bool include_numbers = false;
    double font_size = 36.0;
    Color color = WHITE;
    /// Both axes exclude 0 from their numbers (Manim's axis_config default).
    std::vector<double> numbers_to_exclude{0.0};
    std::vector<double> x_numbers_with_elongated_ticks;
    /// Numbers only at these x values (Manim's x_axis_config numbers_to_include).
    std::optional<std::vector<double>> x_numbers_to_include;
};

/// Keyword arguments of Axes::plot: the sampled range, then the style (as a shape's).
struct PlotOptions {
    /// [min, max, step]; unset: the x axis' range with a tenth of its step.
    std::optional<std::array<double, 3>> x_range;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};

/// Keyword arguments of Axes::get_graph_label (Manim's names and defaults).
struct GraphLabelOptions {
    /// Where on the graph; unset: the rightmost point below the top of the frame.
    std::optional<double> x_val;
    Vec2 direction = RIGHT;
    double buff = MED_SMALL_BUFF;
    /// Unset: the graph's stroke colour.
    std::optional<Color> color;
};

/// Keyword arguments of Axes::get_vertical_line: the kind of line, then the style.
struct VerticalLineOptions {
    /// Manim's default line_func is DashedLine; false draws a Line.
    bool dashed = true;
    std::optional<Color> color;
    std::optional<double> stroke_width;
};

/// Manim's Axes: two NumberLines through the origin of the coordinates (or the nearest end),
/// the whole centred on the frame. Children: x axis, y axis.
class Axes : public Mobject {
public:
    explicit Axes(const AxesOptions& o = {});
    explicit Axes(const Mobject& m);
    NumberLine x_axis() const;
    NumberLine y_axis() const;
    /// Manim's coords_to_point / c2p.
    Vec2 c2p(double x, double y = 0.0) const;
    /// Manim's point_to_coords / p2c.
    std::array<double, 2> p2c(Vec2 p) const;
    /// Manim's plot: samples x_range (default the axes' range, step / 10) through c2p(x, f(x)),
    /// joined smoothly. WHITE unless coloured.
    Mobject plot(const Function<double(double)>& f, const PlotOptions& o = {}) const;
    /// Manim's get_graph_label: `label` next to the graph at x_val (default: the rightmost point
    /// on screen), in the graph's colour unless `color`, moved onto the screen.
    Mobject get_graph_label(const Mobject& graph, Mobject label, const GraphLabelOptions& o = {}) const;
    /// The same with a TeX string (Manim makes a MathTex of a str label).
    Mobject get_graph_label(const Mobject& graph, std::string_view tex,
                            const GraphLabelOptions& o = {}) const;
    /// Manim's get_vertical_line: a line from the x axis up (or down) to `point` (a DashedLine
    /// unless `dashed` is false: Manim's line_func=Line).
    Mobject get_vertical_line(Vec2 point, const VerticalLineOptions& o = {}) const;
    /// Manim's get_area: the polygon between the graph and the x axis over [a, b], opacity 0.3.
    Mobject get_area(const Mobject& graph, std::optional<std::array<double, 2>> x_range = std::nullopt,
                     Color color = BLUE, double opacity = 0.3) const;
    /// Manim's get_axis_labels: x at the x axis' right end (UR), y at the y axis' top.
    Mobject get_axis_labels(Mobject x_label, Mobject y_label) const;
    /// The same with TeX strings (MathTex, as Manim makes of str labels): "x" and "y" by default.
    Mobject get_axis_labels(std::string_view x_label = "x", std::string_view y_label = "y") const;
    /// A point of a plotted graph at x (Manim's input_to_graph_point).
    Vec2 input_to_graph_point(double x, const Mobject& graph) const;
    /// Manim's i2gp: input_to_graph_point.
    Vec2 i2gp(double x, const Mobject& graph) const { return input_to_graph_point(x, graph); }
};

struct BarChartOptions {
    std::vector<std::string> bar_names;
    std::optional<std::array<double, 3>> y_range;
    std::optional<double> x_length;
    /// Manim: frame_height - 4.
    double y_length = 4.0;
    std::vector<Color> bar_colors{Color::hex("#003f5c"), Color::hex("#58508d"), Color::hex("#bc5090"),
                                  Color::hex("#ff6361"), Color::hex("#ffa600")};
    double bar_width = 0.6;
    double bar_fill_opacity = 0.7;
    double bar_stroke_width = 3.0;
    bool include_y_numbers = true;
};

/// Manim's BarChart: Axes without tips, one Rectangle per value (colours from a gradient of
/// bar_colors), names under the bars. Children: x axis, y axis, bars (bars drawn first).
class BarChart : public Axes {
public:
    explicit BarChart(const std::vector<double>& values, const BarChartOptions& o = {});
    Mobject bars() const;
};

/// Manim's color_gradient: n colours spread over the reference colours.
std::vector<Color> color_gradient(const std::vector<Color>& colors, std::size_t n);

} // namespace reel
