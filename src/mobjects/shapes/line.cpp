// Manim's line.py: Line, the corner path Polyline and DashedLine (with DashedVMobject).
#include <cmath>

#include "shape_util.h"

namespace reel {

using detail::make_style;
using detail::shape;

Mobject Line(Vec2 start, Vec2 end, const LineOptions& o) {
    Points p;
    double len = (end - start).norm();
    if (o.buff > 0 && len >= 2 * o.buff) {
        Vec2 d = (end - start) / len;
        start = start + d * o.buff;
        end = end - d * o.buff;
    }
    add_line(p, start, end);
    return shape(std::move(p), make_style(WHITE, o), "Line");
}

Mobject Line(const LineOptions& o) { return Line(LEFT, RIGHT, o); }

Mobject Polyline(const std::vector<Vec2>& corners, const ShapeStyle& o) {
    return shape(corners_to_points(corners), make_style(WHITE, o), "VMobject");
}

Mobject DashedLine(Vec2 start, Vec2 end, const DashedLineOptions& o) {
    Mobject line = Line(start, end,
                        {.buff = o.buff,
                         .color = o.color,
                         .fill_color = o.fill_color,
                         .fill_opacity = o.fill_opacity,
                         .stroke_color = o.stroke_color,
                         .stroke_width = o.stroke_width,
                         .stroke_opacity = o.stroke_opacity});
    Vec2 s = line.points().front(), e = line.points().back();
    double len = (e - s).norm();
    int n = std::max(2, static_cast<int>(std::ceil(len / o.dash_length * o.dashed_ratio)));
    // DashedVMobject on an open curve: n dashes of r/n, n-1 voids, a dash at each end; on a
    // straight line arc-length proportions are proportions of the segment.
    double r = o.dashed_ratio;
    double dash_len = r / n;
    double void_len = (1 - r) / (n - 1);
    double period = dash_len + void_len;
    Mobject result;
    result.set_style(line.style());
    result.set_label("DashedLine");
    for (int i = 0; i < n; ++i) {
        double a = i * period, b = std::min(1.0, a + dash_len);
        Points p;
        add_line(p, lerp(s, e, a), lerp(s, e, b));
        result.add(shape(std::move(p), line.style(), "Line"));
    }
    return result;
}

Mobject DashedLine(const DashedLineOptions& o) { return DashedLine(LEFT, RIGHT, o); }

} // namespace reel
