// NumberPlane as Manim CE 0.17.3 builds it (coordinate_systems.py): Axes with axis_config
// stroke_width 2, no ticks, no tips, then the background and faded lines put behind them.
#include "reel/number_plane.h"

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace reel {

namespace {

class NumberPlaneBehavior final : public Behavior {
public:
    explicit NumberPlaneBehavior(bool smooth) : smooth_(smooth) {}
    std::string_view kind() const override { return "NumberPlane"; }
    bool smooth_after_applying_functions() const override { return smooth_; }

private:
    bool smooth_;
};

AxesOptions axes_options(const NumberPlaneOptions& o) {
    AxesOptions a;
    a.x_range = o.x_range;
    a.y_range = o.y_range;
    // NumberPlane passes x_length=None: the NumberLine is (max - min) * unit_size long.
    a.x_length = o.x_length.value_or(o.x_range[1] - o.x_range[0]);
    a.y_length = o.y_length.value_or(o.y_range[1] - o.y_range[0]);
    a.tips = false;
    return a;
}

// axis_config's include_ticks=False: the axes keep only their line.
void drop_ticks(NumberLine axis) {
    Mobject ticks = axis.ticks();
    std::vector<Mobject> kept;
    for (const auto& c : axis.children())
        if (!c.same(ticks)) kept.push_back(c);
    axis.set_children(kept);
}

// _get_lines_parallel_to_axis: copies of a line along the parallel axis, shifted along the
// perpendicular axis' unit vector by 0, then step, 2 step ... up to min(span, max) (excluded),
// then -step ... down to max(-span, min); every ratio-th one is a background line, the rest
// faded.
void lines_parallel_to(const NumberLine& parallel, const NumberLine& perpendicular, double freq,
                       int ratio, std::vector<Mobject>& lines1, std::vector<Mobject>& lines2) {
    if (ratio == 0) ratio = 1;
    const double step = (1.0 / ratio) * freq;
    const Vec2 a = perpendicular.get_start(), b = perpendicular.get_end();
    const Vec2 unit = (b - a) / (b - a).norm();
    const auto& r = perpendicular.options().x_range;
    const double x_min = r[0], x_max = r[1];
    const std::vector<double> ranges[] = {{0.0},
                                          arange(step, std::min(x_max - x_min, x_max), step),
                                          arange(-step, std::max(x_min - x_max, x_min), -step)};
    for (const auto& inputs : ranges)
        for (std::size_t k = 0; k < inputs.size(); ++k) {
            Mobject line = Line(parallel.get_start(), parallel.get_end());
            line.shift(unit * inputs[k]);
            ((k + 1) % static_cast<std::size_t>(ratio) == 0 ? lines1 : lines2).push_back(line);
        }
}

void set_line_style(Mobject& group, const LineStyle& s) {
    group.set_stroke(s.stroke_color, s.stroke_width, s.stroke_opacity);
}

} // namespace

NumberPlane::NumberPlane(const NumberPlaneOptions& o) : Axes(axes_options(o)) {
    if (o.faded_line_ratio < 0)
        throw std::invalid_argument("NumberPlane: faded_line_ratio must not be negative");
    set_behavior(std::make_shared<NumberPlaneBehavior>(o.make_smooth_after_applying_functions));
    set_label("NumberPlane");
    NumberLine x = x_axis(), y = y_axis();
    drop_ticks(x);
    drop_ticks(y);
    std::vector<Mobject> x1, x2, y1, y2;
    lines_parallel_to(x, y, o.y_range[2], o.faded_line_ratio, x1, x2);
    lines_parallel_to(y, x, o.x_range[2], o.faded_line_ratio, y1, y2);
    std::vector<Mobject> bg = x1, faded = x2;
    bg.insert(bg.end(), y1.begin(), y1.end());
    faded.insert(faded.end(), y2.begin(), y2.end());
    Mobject background = VGroup(bg), faded_group = VGroup(faded);
    background.set_label("background_lines");
    faded_group.set_label("faded_lines");
    LineStyle faded_style = o.background_line_style;
    faded_style.stroke_width *= 0.5;
    faded_style.stroke_opacity *= 0.5;
    set_line_style(background, o.background_line_style);
    set_line_style(faded_group, o.faded_line_style.value_or(faded_style));
    // add_to_back(faded_lines, background_lines).
    set_children({faded_group, background, x, y});
}

NumberPlane::NumberPlane(const Mobject& m) : Axes(m) {
    if (m.kind() != "NumberPlane")
        throw std::invalid_argument("NumberPlane: " + m.label() + " is not a NumberPlane");
}

Mobject NumberPlane::background_lines() const { return (*this)[1]; }
Mobject NumberPlane::faded_lines() const { return (*this)[0]; }

Mobject NumberPlane::get_vector(std::array<double, 2> coords, const ArrowOptions& o) const {
    ArrowOptions a = o;
    a.buff = 0;
    return Arrow(c2p(0, 0), c2p(coords[0], coords[1]), a);
}

NumberPlane& NumberPlane::prepare_for_nonlinear_transform(int num_inserted_curves) {
    for (Mobject& m : family()) {
        if (!m.has_points()) continue;
        const auto n = static_cast<std::size_t>(std::max(num_inserted_curves, 0));
        const std::size_t curves = curve_count(m.points());
        if (n > curves) m.set_points(insert_n_curves(m.points(), n - curves));
    }
    return *this;
}

} // namespace reel
