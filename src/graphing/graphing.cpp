// NumberLine, Axes, plot, get_area, get_graph_label and BarChart as Manim CE 0.17.3 builds them.
#include "reel/graphing.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "reel/math.h"
#include "reel/numbers.h"
#include "reel/text.h"

namespace reel {

namespace {

class NumberLineBehavior final : public Behavior {
public:
    explicit NumberLineBehavior(NumberLineOptions o) : o_(std::move(o)) {}
    std::string_view kind() const override { return "NumberLine"; }
    const NumberLineOptions& options() const { return o_; }

private:
    NumberLineOptions o_;
};

class AxesBehavior final : public Behavior {
public:
    std::string_view kind() const override { return "Axes"; }
};

class PlotBehavior final : public Behavior {
public:
    PlotBehavior(Function<double(double)> f, double a, double b) : f_(std::move(f)), a_(a), b_(b) {}
    std::string_view kind() const override { return "ParametricFunction"; }
    double operator()(double x) const { return f_(x); }
    double t_min() const { return a_; }
    double t_max() const { return b_; }

private:
    Function<double(double)> f_;
    double a_, b_;
};

// _decimal_places_from_step: the digits after the point of the step as written.
int decimal_places(double step) {
    if (std::floor(step) == step) return 0;
    for (int d = 1; d < 10; ++d) {
        double k = step * std::pow(10.0, d);
        if (std::abs(k - std::round(k)) < 1e-9) return d;
    }
    return 10;
}

Mobject child_of_kind(const Mobject& m, std::string_view kind, std::size_t nth = 0) {
    for (const auto& c : m.children())
        if (c.kind() == kind && nth-- == 0) return c;
    throw std::invalid_argument(fmt::format("{}: no {} part", m.label(), kind));
}

Mobject child_labelled(const Mobject& m, std::string_view label) {
    for (const auto& c : m.children())
        if (c.label() == label) return c;
    return VGroup();
}

// Manim's invert_color: 1 - each channel.
Color invert_color(Color c) { return Color{1.0 - c.r, 1.0 - c.g, 1.0 - c.b}; }

double origin_shift(double lo, double hi) {
    if (lo > 0) return lo;
    if (hi < 0) return hi;
    return 0.0;
}

// Mobject.shift_onto_screen with DEFAULT_MOBJECT_TO_EDGE_BUFFER.
void shift_onto_screen(Mobject& m, double buff = MED_LARGE_BUFF) {
    for (Vec2 v : {UP, DOWN, LEFT, RIGHT}) {
        double max_val = (v.x != 0 ? kFrameWidth / 2 : kFrameHeight / 2) - buff;
        Vec2 e = m.get_critical_point(v);
        if (e.x * v.x + e.y * v.y > max_val) m.to_edge(v, buff);
    }
}

} // namespace

std::vector<Color> color_gradient(const std::vector<Color>& colors, std::size_t n) {
    std::vector<Color> out;
    if (colors.empty() || n == 0) return out;
    if (colors.size() == 1) return std::vector<Color>(n, colors[0]);
    double top = static_cast<double>(colors.size() - 1);
    for (std::size_t i = 0; i < n; ++i) {
        double a = n == 1 ? 0.0 : top * static_cast<double>(i) / static_cast<double>(n - 1);
        std::size_t f = static_cast<std::size_t>(a);
        double r = a - static_cast<double>(f);
        if (i + 1 == n) {
            f = colors.size() - 2;
            r = 1.0;
        }
        out.push_back(interpolate_color(colors[f], colors[f + 1], r));
    }
    return out;
}

// ── NumberLine ────────────────────────────────────────────────────────────────────────────

NumberLine::NumberLine(const NumberLineOptions& options) {
    NumberLineOptions o = options;
    if (o.x_range[2] == 0.0) o.x_range[2] = 1.0; // x_range=[a, b]: Manim appends the step 1
    if (!(o.x_range[1] > o.x_range[0]) || !(o.x_range[2] > 0))
        throw std::invalid_argument(fmt::format("NumberLine: x_range [{}, {}, {}] needs min < max and a positive step",
                                                o.x_range[0], o.x_range[1], o.x_range[2]));
    set_behavior(std::make_shared<NumberLineBehavior>(o));
    set_label("NumberLine");
    Points p;
    add_line(p, {o.x_range[0], 0}, {o.x_range[1], 0});
    set_points(std::move(p));
    set_style(Style{o.color, 0.0, o.color, 1.0, o.stroke_width});
    double len = o.x_range[1] - o.x_range[0];
    double k = o.length ? *o.length / len : o.unit_size;
    apply(Affine::scale_about(get_center(), k, k));
    center();
    if (o.include_tip) {
        // add_tip: apex on the end, the line re-ended on the tip's base; the tip takes the
        // line's stroke (colour, width).
        Vec2 s = points().front(), e = points().back();
        Vec2 u = (e - s) / (e - s).norm();
        Vec2 n{-u.y, u.x};
        Vec2 base = e - u * o.tip_height;
        Mobject tip;
        tip.set_points(corners_to_points({e, base + n * (o.tip_width / 2), base - n * (o.tip_width / 2), e}));
        tip.set_style(Style{o.color, 1.0, o.color, 1.0, o.stroke_width});
        tip.set_behavior(kind_tag("ArrowTip"));
        tip.set_label("ArrowTip");
        Points shaft;
        add_line(shaft, s, base);
        set_points(std::move(shaft));
        add(tip);
    }
    Mobject ticks;
    ticks.set_label("ticks");
    if (o.include_ticks) {
        for (double x : tick_range()) {
            double size = o.tick_size;
            for (double e : o.numbers_with_elongated_ticks)
                if (std::abs((x - o.x_range[0]) - (e - o.x_range[0])) < 1e-8) size *= o.longer_tick_multiple;
            Mobject t = Line(DOWN * size, UP * size, {.color = o.color, .stroke_width = o.stroke_width});
            t.move_to(n2p(x));
            ticks.add(t);
        }
    }
    add(ticks);
    if (o.rotation != 0) rotate(o.rotation);
    Mobject numbers;
    numbers.set_label("numbers");
    add(numbers);
    if (o.include_numbers || o.numbers_to_include) add_numbers(o.numbers_to_include);
}

NumberLine::NumberLine(const Mobject& m) : Mobject(m) {
    if (!m.behavior_as<NumberLineBehavior>())
        throw std::invalid_argument("NumberLine: " + m.label() + " is not a NumberLine");
}

const NumberLineOptions& NumberLine::options() const {
    return behavior_as<NumberLineBehavior>()->options();
}

std::vector<double> NumberLine::tick_range() const {
    const auto& o = options();
    double lo = o.x_range[0], hi = o.x_range[1], step = o.x_range[2];
    if (!o.include_tip) hi += 1e-6;
    std::vector<double> out;
    if ((lo < hi && hi < 0) || (hi > lo && lo > 0)) return arange(lo, hi, step);
    double start = o.exclude_origin_tick ? step : 0.0;
    for (double v : arange(start, std::abs(lo) + 1e-6, step)) out.push_back(-v);
    for (double v : arange(start, hi, step)) out.push_back(v);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

Vec2 NumberLine::n2p(double x) const {
    const auto& o = options();
    double a = (x - o.x_range[0]) / (o.x_range[1] - o.x_range[0]);
    Vec2 s = points().front();
    Vec2 e = points().back();
    for (const auto& c : children())
        if (c.kind() == "ArrowTip") e = c.points().front();
    return lerp(s, e, a);
}

double NumberLine::p2n(Vec2 p) const {
    const auto& o = options();
    Vec2 s = n2p(o.x_range[0]), e = n2p(o.x_range[1]);
    Vec2 d = e - s;
    double n = d.norm();
    if (n == 0) return o.x_range[0];
    Vec2 u = d / n;
    double prop = ((p - s).x * u.x + (p - s).y * u.y) / (d.x * u.x + d.y * u.y);
    return lerp(o.x_range[0], o.x_range[1], prop);
}

double NumberLine::unit_size() const {
    const auto& o = options();
    return (n2p(o.x_range[1]) - n2p(o.x_range[0])).norm() / (o.x_range[1] - o.x_range[0]);
}

Mobject NumberLine::ticks() const { return child_labelled(*this, "ticks"); }
Mobject NumberLine::numbers() const { return child_labelled(*this, "numbers"); }

NumberLine& NumberLine::add_numbers(std::optional<std::vector<double>> x_values,
                                    std::optional<std::vector<double>> excluding) {
    const auto& o = options();
    std::vector<double> xs = x_values.value_or(tick_range());
    std::vector<double> ex = excluding.value_or(o.numbers_to_exclude);
    Mobject nums = numbers();
    std::vector<Mobject> made;
    // The labels keep DecimalNumber's own colour (WHITE): the line's colour is set before
    // Manim adds them.
    DecimalOptions d = o.decimal_number_config.value_or(DecimalOptions{});
    if (!o.decimal_number_config || o.num_decimal_places)
        d.num_decimal_places = o.num_decimal_places.value_or(decimal_places(o.x_range[2]));
    d.font_size = o.font_size;
    for (double x : xs) {
        bool skip = false;
        for (double e : ex) skip = skip || std::abs(x - e) < 1e-9;
        if (skip) continue;
        DecimalNumber n(x, d);
        n.next_to(n2p(x), o.label_direction, o.line_to_number_buff);
        // Negative numbers under a horizontal line: aligned without the minus sign.
        if (x < 0 && o.label_direction.x == 0) n.shift(LEFT * (n[0].width() / 2));
        made.push_back(n);
    }
    nums.set_children(made);
    return *this;
}

// ── Axes ──────────────────────────────────────────────────────────────────────────────────

Axes::Axes(const AxesOptions& o) {
    set_behavior(std::make_shared<AxesBehavior>());
    set_label("Axes");
    // axis_config, then x_axis_config / y_axis_config over it; Manim's Axes excludes the
    // origin's tick on both (linear) axes: the other axis crosses there.
    auto axis = [&](const AxisConfig& c, NumberLineOptions n) {
        n.exclude_origin_tick = true;
        n.color = c.color.value_or(o.color);
        n.include_tip = c.include_tip.value_or(o.tips);
        n.include_numbers = c.include_numbers.value_or(o.include_numbers);
        n.font_size = c.font_size.value_or(o.font_size);
        n.numbers_to_exclude = c.numbers_to_exclude.value_or(o.numbers_to_exclude);
        n.numbers_to_include = c.numbers_to_include;
        n.decimal_number_config = c.decimal_number_config;
        n.numbers_with_elongated_ticks.insert(n.numbers_with_elongated_ticks.end(),
                                              c.numbers_with_elongated_ticks.begin(),
                                              c.numbers_with_elongated_ticks.end());
        return n;
    };
    NumberLineOptions xo = axis(o.x_axis_config, {.x_range = o.x_range, .length = o.x_length,
                                                  .numbers_with_elongated_ticks = o.x_numbers_with_elongated_ticks});
    NumberLineOptions yo = axis(o.y_axis_config, {.x_range = o.y_range, .length = o.y_length,
                                                  .rotation = PI / 2, .label_direction = LEFT});
    if (o.x_numbers_to_include) xo.numbers_to_include = o.x_numbers_to_include;
    NumberLine x(xo), y(yo);
    x.shift(-x.n2p(origin_shift(o.x_range[0], o.x_range[1])));
    y.shift(-y.n2p(origin_shift(o.y_range[0], o.y_range[1])));
    add(x);
    add(y);
    shift(-c2p((o.x_range[0] + o.x_range[1]) / 2, (o.y_range[0] + o.y_range[1]) / 2));
}

Axes::Axes(const Mobject& m) : Mobject(m) {
    if (m.kind() != "Axes" && m.kind() != "NumberPlane")
        throw std::invalid_argument("Axes: " + m.label() + " is not an Axes");
}

NumberLine Axes::x_axis() const { return NumberLine(child_of_kind(*this, "NumberLine", 0)); }
NumberLine Axes::y_axis() const { return NumberLine(child_of_kind(*this, "NumberLine", 1)); }

Vec2 Axes::c2p(double x, double y) const {
    NumberLine xa = x_axis(), ya = y_axis();
    const auto& r = xa.options().x_range;
    Vec2 origin = xa.n2p(origin_shift(r[0], r[1]));
    return origin + (xa.n2p(x) - origin) + (ya.n2p(y) - origin);
}

std::array<double, 2> Axes::p2c(Vec2 p) const { return {x_axis().p2n(p), y_axis().p2n(p)}; }

Mobject Axes::plot(const Function<double(double)>& f, const PlotOptions& o) const {
    std::array<double, 3> t = x_axis().options().x_range;
    // num_sampled_graph_points_per_tick: without a step of its own the plot samples ten
    // times per tick (x_range=[a, b] leaves the {a, b, 0} written here).
    const bool own_step = o.x_range && (*o.x_range)[2] != 0.0;
    if (o.x_range) {
        t[0] = (*o.x_range)[0];
        t[1] = (*o.x_range)[1];
        if (own_step) t[2] = (*o.x_range)[2];
    }
    if (!own_step) t[2] /= 10.0;
    if (!(t[2] > 0) || !(t[1] >= t[0]))
        throw std::invalid_argument(fmt::format("plot: x_range [{}, {}, {}] needs min <= max and a positive step",
                                                t[0], t[1], t[2]));
    std::vector<Vec2> pts;
    for (double v : arange(t[0], t[1], t[2])) pts.push_back(c2p(v, f(v)));
    pts.push_back(c2p(t[1], f(t[1])));
    Mobject g = VMobject({.color = o.color,
                          .fill_color = o.fill_color,
                          .fill_opacity = o.fill_opacity,
                          .stroke_color = o.stroke_color,
                          .stroke_width = o.stroke_width,
                          .stroke_opacity = o.stroke_opacity});
    // ParametricFunction: start_new_path + add_points_as_corners, then make_smooth.
    if (o.use_smoothing) g.set_points_smoothly(pts);
    else g.set_points_as_corners(pts);
    g.set_behavior(std::make_shared<PlotBehavior>(f, t[0], t[1]));
    g.set_label("ParametricFunction");
    return g;
}

Vec2 Axes::input_to_graph_point(double x, const Mobject& graph) const {
    if (const auto* p = graph.behavior_as<PlotBehavior>()) return c2p(x, (*p)(x));
    throw std::invalid_argument("input_to_graph_point: " + graph.label() + " is not a plotted graph");
}

Mobject Axes::get_graph_label(const Mobject& graph, Mobject label, const GraphLabelOptions& o) const {
    label.set_color(o.color.value_or(graph.style().stroke_color));
    Vec2 point;
    if (o.x_val) {
        point = input_to_graph_point(*o.x_val, graph);
    } else {
        // Search from right to left for a point below the top of the frame.
        const auto& r = x_axis().options().x_range;
        for (int i = 0; i < 100; ++i) {
            double v = r[1] + (r[0] - r[1]) * i / 99.0;
            point = input_to_graph_point(v, graph);
            if (point.y < kFrameHeight / 2) break;
        }
    }
    label.next_to(point, o.direction, o.buff);
    shift_onto_screen(label);
    return label;
}

Mobject Axes::get_graph_label(const Mobject& graph, std::string_view tex, const GraphLabelOptions& o) const {
    return get_graph_label(graph, MathTex(tex), o);
}

Mobject Axes::get_vertical_line(Vec2 point, const VerticalLineOptions& o) const {
    // line_from_axis_to_point(0, point): from the x axis' point under `point` to it.
    Vec2 from = c2p(p2c(point)[0], 0.0);
    if (o.dashed) return DashedLine(from, point, {.color = o.color, .stroke_width = o.stroke_width});
    return Line(from, point, {.color = o.color, .stroke_width = o.stroke_width});
}

namespace {
const PlotBehavior& plotted(const Mobject& graph, const char* what) {
    const auto* p = graph.behavior_as<PlotBehavior>();
    if (!p) throw std::invalid_argument(fmt::format("{}: {} is not a plotted graph", what, graph.label()));
    return *p;
}
} // namespace

Mobject Axes::get_area(const Mobject& graph, std::optional<std::array<double, 2>> x_range, Color color,
                       double opacity) const {
    return get_area(graph, x_range, AreaOptions{.color = color, .opacity = opacity});
}

Mobject Axes::get_area(const Mobject& graph, std::optional<std::array<double, 2>> x_range,
                       const AreaOptions& o) const {
    const PlotBehavior& p = plotted(graph, "get_area");
    double a = x_range ? (*x_range)[0] : p.t_min(), b = x_range ? (*x_range)[1] : p.t_max();
    // The graph's function point at a, its own points inside [a, b], the point at b.
    auto run = [&](const Mobject& g, const PlotBehavior& f) {
        std::vector<Vec2> pts{c2p(a, f(a))};
        for (Vec2 q : g.points()) {
            double cx = p2c(q)[0];
            if (a <= cx && cx <= b) pts.push_back(q);
        }
        pts.push_back(c2p(b, f(b)));
        return pts;
    };
    std::vector<Vec2> pts;
    if (o.bounded_graph) {
        const PlotBehavior& q = plotted(*o.bounded_graph, "get_area (bounded_graph)");
        if (q.t_min() > b || q.t_max() < a)
            throw std::invalid_argument(fmt::format("get_area: the ranges do not overlap: [{}, {}] and the bounded "
                                                    "graph's [{}, {}]", a, b, q.t_min(), q.t_max()));
        a = std::max(a, q.t_min());
        b = std::min(b, q.t_max());
        pts = run(graph, p);
        std::vector<Vec2> back = run(*o.bounded_graph, q);
        pts.insert(pts.end(), back.rbegin(), back.rend());
    } else {
        pts.push_back(c2p(a));
        std::vector<Vec2> top = run(graph, p);
        pts.insert(pts.end(), top.begin(), top.end());
        pts.push_back(c2p(b));
    }
    Mobject area = Polygon(pts);
    area.set_opacity(o.opacity);
    area.set_color(o.color);
    area.set_label("Area");
    return area;
}

Mobject Axes::get_riemann_rectangles(const Mobject& graph, const RiemannOptions& o) const {
    const PlotBehavior& p = plotted(graph, "get_riemann_rectangles");
    const PlotBehavior* bounded = o.bounded_graph ? &plotted(*o.bounded_graph, "get_riemann_rectangles") : nullptr;
    std::array<double, 2> r{p.t_min(), p.t_max()};
    if (o.x_range) r = *o.x_range;
    else if (bounded) r = {std::max(p.t_min(), bounded->t_min()), std::min(p.t_max(), bounded->t_max())};
    if (!(o.dx > 0)) throw std::invalid_argument(fmt::format("get_riemann_rectangles: dx {} is not positive", o.dx));
    const std::vector<double> xs = arange(r[0], r[1], o.dx);
    const std::vector<Color> colors = color_gradient(o.color, xs.size());
    const auto& yr = y_axis().options().x_range;
    std::vector<Mobject> rects;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const double x = xs[i];
        const double sample = o.input_sample_type == SampleType::Left    ? x
                              : o.input_sample_type == SampleType::Right ? x + o.dx
                                                                         : x + 0.5 * o.dx;
        const Vec2 top = input_to_graph_point(sample, graph);
        const double y0 = bounded ? (*bounded)(x) : origin_shift(yr[0], yr[1]);
        // Rectangle().replace(VGroup of the three points, stretch=True): their bounding box.
        Bounds box;
        for (Vec2 q : {c2p(x, y0), c2p(x + o.width_scale_factor * o.dx, y0), top}) box.include(q);
        Mobject rect = Rectangle();
        rect.stretch_to_fit_width(box.max.x - box.min.x);
        rect.stretch_to_fit_height(box.max.y - box.min.y);
        rect.move_to(box.center());
        Color c = colors.empty() ? BLUE : colors[i];
        if (o.show_signed_area && p2c(top)[1] < y0) c = invert_color(c);
        rect.set_fill(c, o.fill_opacity);
        rect.set_stroke(o.blend ? c : o.stroke_color, o.stroke_width);
        rects.push_back(rect);
    }
    Mobject g = VGroup(rects);
    g.set_label("RiemannRectangles");
    return g;
}

Mobject Axes::plot_line_graph(const std::vector<double>& x_values, const std::vector<double>& y_values,
                              const LineGraphOptions& o) const {
    if (x_values.size() != y_values.size())
        throw std::invalid_argument(fmt::format("plot_line_graph: {} x values but {} y values", x_values.size(),
                                                y_values.size()));
    std::vector<Vec2> vertices;
    for (std::size_t i = 0; i < x_values.size(); ++i) vertices.push_back(c2p(x_values[i], y_values[i]));
    Mobject line = VMobject({.color = o.line_color, .stroke_width = o.stroke_width});
    line.set_points_as_corners(vertices);
    line.set_label("line_graph");
    std::vector<Mobject> parts{line};
    if (o.add_vertex_dots) {
        std::vector<Mobject> dots;
        for (Vec2 v : vertices) dots.push_back(Dot(v, {.radius = o.vertex_dot_radius, .color = o.vertex_dot_color}));
        Mobject d = VGroup(dots);
        d.set_label("vertex_dots");
        parts.push_back(d);
    }
    Mobject g = VGroup(parts);
    g.set_label("VDict");
    return g;
}

Mobject Axes::get_axis_labels(Mobject x_label, Mobject y_label) const {
    x_label.next_to(x_axis().get_critical_point(UR), UR, SMALL_BUFF);
    shift_onto_screen(x_label, MED_SMALL_BUFF);
    y_label.next_to(y_axis().get_critical_point(UR), UP * 0.5 + RIGHT, SMALL_BUFF);
    shift_onto_screen(y_label, MED_SMALL_BUFF);
    return VGroup({x_label, y_label});
}

Mobject Axes::get_axis_labels(std::string_view x_label, std::string_view y_label) const {
    return get_axis_labels(MathTex(x_label), MathTex(y_label));
}

// ── BarChart ──────────────────────────────────────────────────────────────────────────────

namespace {
AxesOptions bar_axes(const std::vector<double>& values, const BarChartOptions& o) {
    if (values.empty()) throw std::invalid_argument("BarChart needs at least one value");
    double lo = *std::min_element(values.begin(), values.end());
    double hi = *std::max_element(values.begin(), values.end());
    std::array<double, 3> y = o.y_range.value_or(std::array<double, 3>{
        std::min(0.0, lo), std::max(0.0, hi), std::round(hi / o.y_length * 100) / 100});
    if (!(y[2] > 0)) y[2] = 1.0;
    double n = static_cast<double>(values.size());
    return AxesOptions{.x_range = {0, n, 1},
                       .y_range = y,
                       .x_length = o.x_length.value_or(std::min(n, kFrameWidth - 2)),
                       .y_length = o.y_length,
                       .tips = false};
}
} // namespace

BarChart::BarChart(const std::vector<double>& values, const BarChartOptions& o) : Axes(bar_axes(values, o)) {
    set_label("BarChart");
    if (o.include_y_numbers) y_axis().add_numbers();
    Mobject bars;
    bars.set_label("bars");
    auto colors = color_gradient(o.bar_colors, values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        double v = values[i];
        double h = std::abs(c2p(0, v).y - c2p(0, 0).y);
        double w = c2p(o.bar_width, 0).x - c2p(0, 0).x;
        Mobject bar = Rectangle({.width = w, .height = h, .color = colors[i],
                                 .fill_opacity = o.bar_fill_opacity, .stroke_width = o.bar_stroke_width});
        bar.next_to(c2p(static_cast<double>(i) + 0.5, 0), v >= 0 ? UP : DOWN, 0.0);
        bars.add(bar);
    }
    // add_to_back: the bars are drawn under the axes.
    auto kids = children();
    kids.insert(kids.begin(), bars);
    set_children(kids);
    if (!o.bar_names.empty()) {
        NumberLine xa = x_axis();
        Mobject labels;
        labels.set_label("labels");
        for (std::size_t i = 0; i < o.bar_names.size() && i < values.size(); ++i) {
            Mobject t = Text(o.bar_names[i], {.font_size = 24});
            t.next_to(xa.n2p(static_cast<double>(i) + 0.5), values[i] < 0 ? UP : DOWN,
                      xa.options().line_to_number_buff);
            labels.add(t);
        }
        xa.add(labels);
    }
}

Mobject BarChart::bars() const { return child_labelled(*this, "bars"); }

} // namespace reel
