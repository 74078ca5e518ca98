// Manim's graphing: NumberLine, Axes (ticks, numbers, labels, plot, areas) and BarChart
// (manim/mobject/graphing/number_line.py, coordinate_systems.py, functions.py, probability.py).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reel/mobject.h"
#include "reel/numbers.h"

namespace reel {

struct NumberLineOptions {
    /// [min, max, step]; Manim's default spans the frame: [-7, 7, 1]. Two numbers (`{a, b}`,
    /// the step left 0) take the step 1, as Manim's x_range=[a, b] does.
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
    /// Numbers only at these values, added even without include_numbers (numbers_to_include).
    std::optional<std::vector<double>> numbers_to_include;
    /// Manim's decimal_number_config: the labels' DecimalNumber options (its font_size is the
    /// line's; unset num_decimal_places above, this one's decides).
    std::optional<DecimalOptions> decimal_number_config;
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

/// Manim's x_axis_config / y_axis_config: what one axis sets over the Axes' own options (each
/// unset field keeps the Axes' value).
struct AxisConfig {
    /// Numbers only at these values, added even without include_numbers.
    std::optional<std::vector<double>> numbers_to_include;
    /// The labels' DecimalNumber options (their font size stays the axis' font_size).
    std::optional<DecimalOptions> decimal_number_config;
    std::optional<std::vector<double>> numbers_to_exclude;
    std::vector<double> numbers_with_elongated_ticks;
    std::optional<bool> include_numbers;
    std::optional<bool> include_tip;
    std::optional<double> font_size;
    std::optional<Color> color;
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
    /// Manim's x_axis_config and y_axis_config. Both axes exclude the origin's tick, as
    /// Manim's Axes sets exclude_origin_tick on linear axes.
    AxisConfig x_axis_config;
    AxisConfig y_axis_config;
};

/// Keyword arguments of Axes::plot: the sampled range, then the style (as a shape's).
struct PlotOptions {
    /// [min, max, step]; unset: the x axis' range with a tenth of its step. Two numbers
    /// (`{a, b}`, the step left 0) keep that step, as Manim's x_range=[a, b] does.
    std::optional<std::array<double, 3>> x_range;
    /// false: the samples joined by straight segments (Manim's use_smoothing=False).
    bool use_smoothing = true;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};

/// Where get_riemann_rectangles samples a rectangle's height (Manim's input_sample_type).
enum class SampleType { Left, Right, Center };

/// Keyword arguments of Axes::get_riemann_rectangles (Manim's names and defaults).
struct RiemannOptions {
    /// [min, max]; unset: the graph's range (and the bounded graph's overlap).
    std::optional<std::array<double, 2>> x_range;
    double dx = 0.1;
    SampleType input_sample_type = SampleType::Left;
    double stroke_width = 1.0;
    Color stroke_color = BLACK;
    double fill_opacity = 1.0;
    /// One colour for all, or a gradient over the rectangles (Manim: BLUE to GREEN).
    std::vector<Color> color{BLUE, GREEN};
    /// Rectangles under the axis (or the bounded graph) take the inverted colour.
    bool show_signed_area = true;
    /// The rectangles reach from this graph up to the graph instead of from the axis.
    std::optional<Mobject> bounded_graph;
    /// The stroke takes the fill colour.
    bool blend = false;
    double width_scale_factor = 1.001;
};

/// Keyword arguments of Axes::get_area.
struct AreaOptions {
    Color color = BLUE;
    double opacity = 0.3;
    /// The area between the graph and this one (over the overlap of their ranges) instead of
    /// between the graph and the x axis.
    std::optional<Mobject> bounded_graph;
};

/// Keyword arguments of Axes::plot_line_graph.
struct LineGraphOptions {
    Color line_color = YELLOW;
    bool add_vertex_dots = true;
    double vertex_dot_radius = 0.08;
    /// The line's stroke width (Manim's VMobject default 4).
    double stroke_width = 4.0;
    /// The dots' colour (Manim's Dot default WHITE).
    Color vertex_dot_color = WHITE;
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
    Vec2 coords_to_point(double x, double y = 0.0) const { return c2p(x, y); }
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
    /// The same with its keyword arguments; with `bounded_graph`, the polygon of the graph's
    /// points over [a, b] and the bounded graph's back (Manim's get_area(bounded_graph=)).
    /// Throws std::invalid_argument when the ranges do not overlap.
    Mobject get_area(const Mobject& graph, std::optional<std::array<double, 2>> x_range,
                     const AreaOptions& o) const;
    /// Manim's get_riemann_rectangles: a VGroup of Rectangles of width dx * width_scale_factor
    /// from x_range[0] in steps of dx, each as high as the graph at its sample point.
    Mobject get_riemann_rectangles(const Mobject& graph, const RiemannOptions& o = {}) const;
    /// Manim's plot_line_graph: VDict{"line_graph": the corners joined straight, "vertex_dots":
    /// a Dot at each}; children in that order.
    Mobject plot_line_graph(const std::vector<double>& x_values, const std::vector<double>& y_values,
                            const LineGraphOptions& o = {}) const;
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
