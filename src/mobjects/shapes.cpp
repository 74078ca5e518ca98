// Manim's geometry constructors (polygram.py, line.py, arc.py, tips.py, shape_matchers.py).
#include <cmath>

#include "node.h"
#include "reel/mobject.h"

namespace reel {

namespace {

// VMobject.__init__ style rules: `color` sets fill and stroke RGB, then fill_color /
// stroke_color override; fill opacity 0 and stroke width 4 unless given.
Style make_style(Color default_color, std::optional<Color> color, std::optional<Color> fill_color,
                 std::optional<double> fill_opacity, std::optional<Color> stroke_color,
                 std::optional<double> stroke_width) {
    Style s;
    Color c = color.value_or(default_color);
    s.fill_color = fill_color.value_or(c);
    s.stroke_color = stroke_color.value_or(c);
    s.fill_opacity = fill_opacity.value_or(0.0);
    s.stroke_width = stroke_width.value_or(4.0);
    return s;
}

Mobject shape(Points p, const Style& s, std::string label) {
    Mobject m;
    m.set_points(std::move(p));
    m.set_style(s);
    m.set_label(std::move(label));
    return m;
}

Points rectangle_points(double w, double h) {
    Vec2 ur{w / 2, h / 2}, ul{-w / 2, h / 2}, dl{-w / 2, -h / 2}, dr{w / 2, -h / 2};
    return corners_to_points({ur, ul, dl, dr, ur});
}

} // namespace

Mobject Rectangle(const RectangleOptions& o) {
    return shape(rectangle_points(o.width, o.height),
                 make_style(WHITE, o.color, o.fill_color, o.fill_opacity, o.stroke_color,
                            o.stroke_width),
                 "Rectangle");
}

Mobject Square(double side_length, const SquareOptions& o) {
    return shape(rectangle_points(side_length, side_length),
                 make_style(WHITE, o.color, o.fill_color, o.fill_opacity, o.stroke_color,
                            o.stroke_width),
                 "Square");
}

Mobject RoundedRectangle(const RoundedRectangleOptions& o) {
    Style s = make_style(WHITE, o.color, o.fill_color, o.fill_opacity, o.stroke_color,
                         o.stroke_width);
    double r = o.corner_radius;
    if (r <= 0) return shape(rectangle_points(o.width, o.height), s, "RoundedRectangle");
    double w = o.width / 2, h = o.height / 2;
    // One cubic per corner, handles tangent with length r * (pi/2) / 3 (Manim's Arc with
    // num_components = 2), joined by straight cubics; counter-clockwise from the UR arc.
    double k = r * PI / 6.0;
    Vec2 corners[4] = {{w, h}, {-w, h}, {-w, -h}, {w, -h}};
    Vec2 incoming[4] = {UP, LEFT, DOWN, RIGHT};
    Points p;
    for (int i = 0; i < 4; ++i) {
        Vec2 v = corners[i];
        Vec2 u1 = incoming[i], u2 = incoming[(i + 1) % 4];
        Vec2 a = v - u1 * r, b = v + u2 * r;
        p.insert(p.end(), {a, a + u1 * k, b - u2 * k, b});
        Vec2 next_a = corners[(i + 1) % 4] - u2 * r;
        add_line(p, b, next_a);
    }
    return shape(std::move(p), s, "RoundedRectangle");
}

Mobject Line(Vec2 start, Vec2 end, const LineOptions& o) {
    Points p;
    double len = (end - start).norm();
    if (o.buff > 0 && len >= 2 * o.buff) {
        Vec2 d = (end - start) / len;
        start = start + d * o.buff;
        end = end - d * o.buff;
    }
    add_line(p, start, end);
    return shape(std::move(p),
                 make_style(WHITE, o.color, std::nullopt, std::nullopt, std::nullopt, o.stroke_width),
                 "Line");
}

Mobject Polyline(const std::vector<Vec2>& corners, const LineOptions& o) {
    return shape(corners_to_points(corners),
                 make_style(WHITE, o.color, std::nullopt, std::nullopt, std::nullopt, o.stroke_width),
                 "VMobject");
}

Mobject Arrow(Vec2 start, Vec2 end, const ArrowOptions& o) {
    Color color = o.color.value_or(WHITE);
    double len0 = (end - start).norm();
    if (o.buff > 0 && len0 >= 2 * o.buff) {
        Vec2 d = (end - start) / len0;
        start = start + d * o.buff;
        end = end - d * o.buff;
    }
    Vec2 d = end - start;
    double len = d.norm();
    Vec2 u = len > 0 ? d / len : RIGHT;
    double t = std::min(o.tip_length, o.max_tip_length_to_length_ratio * len);
    // Isosceles tip, length t and base t, apex on the end point (ArrowTriangleFilledTip).
    Vec2 n{-u.y, u.x};
    Vec2 base = end - u * t;
    Vec2 v2 = base + n * (t / 2), v3 = base - n * (t / 2);
    Points tip_pts = corners_to_points({end, v2, v3, end});
    Mobject tip = shape(std::move(tip_pts), Style{color, 1.0, color, 1.0, 0.0}, "ArrowTip");
    tip.set_kind(MobjectKind::ArrowTip);

    Points shaft;
    add_line(shaft, start, base);
    Style s{color, 0.0, color, 1.0, std::min(o.stroke_width, o.max_stroke_width_to_length_ratio * len)};
    Mobject arrow = shape(std::move(shaft), s, "Arrow");
    arrow.set_kind(MobjectKind::Arrow);
    arrow.node()->arrow_initial_width = o.stroke_width;
    arrow.node()->arrow_max_width_ratio = o.max_stroke_width_to_length_ratio;
    arrow.add(tip);
    return arrow;
}

Mobject SurroundingRectangle(const Mobject& m, const SurroundingRectangleOptions& o) {
    Mobject r = RoundedRectangle({.width = m.width() + 2 * o.buff,
                                  .height = m.height() + 2 * o.buff,
                                  .corner_radius = o.corner_radius,
                                  .color = o.color,
                                  .stroke_width = o.stroke_width});
    r.set_label("SurroundingRectangle");
    r.move_to(m);
    return r;
}

} // namespace reel
