// Manim's polygram.py: Rectangle, Square, RoundedRectangle, Polygon, Polygram,
// RegularPolygon, Triangle, Star.
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "shape_util.h"

namespace reel {

namespace {

using detail::make_style;
using detail::shape;

Points rectangle_points(double w, double h) {
    Vec2 ur{w / 2, h / 2}, ul{-w / 2, h / 2}, dl{-w / 2, -h / 2}, dr{w / 2, -h / 2};
    return corners_to_points({ur, ul, dl, dr, ur});
}

} // namespace

Mobject Rectangle(const RectangleOptions& o) {
    return shape(rectangle_points(o.width, o.height), make_style(WHITE, o), "Rectangle");
}

Mobject Square(double side_length, const ShapeStyle& o) {
    return shape(rectangle_points(side_length, side_length), make_style(WHITE, o), "Square");
}

Mobject Square(const ShapeStyle& o) { return Square(2.0, o); }

Mobject RoundedRectangle(const RoundedRectangleOptions& o) {
    Style s = make_style(WHITE, o);
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

Mobject Polygram(const std::vector<std::vector<Vec2>>& groups, const ShapeStyle& style) {
    Points p;
    for (const auto& g : groups) {
        if (g.empty()) continue;
        std::vector<Vec2> c = g;
        c.push_back(g.front());
        Points q = corners_to_points(c);
        p.insert(p.end(), q.begin(), q.end());
    }
    return shape(std::move(p), make_style(BLUE, style), "Polygram");
}

Mobject Polygon(const std::vector<Vec2>& vertices, const ShapeStyle& style) {
    Mobject m = Polygram({vertices}, style);
    m.set_label("Polygon");
    return m;
}

Mobject RegularPolygon(int n, const RegularPolygonOptions& o) {
    if (n < 3) throw std::invalid_argument(fmt::format("RegularPolygon needs n >= 3, got {}", n));
    Mobject m = Polygon(detail::regular_vertices(n, o.radius, o.start_angle), detail::style_of(o));
    m.set_label("RegularPolygon");
    return m;
}

Mobject RegularPolygon(const RegularPolygonOptions& o) { return RegularPolygon(6, o); }

Mobject Triangle(const ShapeStyle& style) {
    Mobject m = RegularPolygon(3, {.color = style.color,
                                   .fill_color = style.fill_color,
                                   .fill_opacity = style.fill_opacity,
                                   .stroke_color = style.stroke_color,
                                   .stroke_width = style.stroke_width,
                                   .stroke_opacity = style.stroke_opacity});
    m.set_label("Triangle");
    return m;
}

Mobject Star(const StarOptions& o) {
    if (o.n < 2) throw std::invalid_argument(fmt::format("Star needs n >= 2, got {}", o.n));
    double inner_angle = TAU / (2.0 * o.n);
    double inner = 0;
    if (o.inner_radius) {
        inner = *o.inner_radius;
    } else {
        if (o.density <= 0 || o.density >= o.n / 2.0)
            throw std::invalid_argument(
                fmt::format("Incompatible density {} for number of points {}", o.density, o.n));
        double outer_angle = TAU * o.density / o.n;
        double inverse_x =
            1 - std::tan(inner_angle) * ((std::cos(outer_angle) - 1) / std::sin(outer_angle));
        inner = o.outer_radius / (std::cos(inner_angle) * inverse_x);
    }
    auto outer_v = detail::regular_vertices(o.n, o.outer_radius, o.start_angle);
    auto inner_v = detail::regular_vertices(o.n, inner, o.start_angle + inner_angle);
    std::vector<Vec2> v;
    for (int i = 0; i < o.n; ++i) {
        v.push_back(outer_v[static_cast<std::size_t>(i)]);
        v.push_back(inner_v[static_cast<std::size_t>(i)]);
    }
    Mobject m = Polygon(v, detail::style_of(o));
    m.set_label("Star");
    return m;
}

} // namespace reel
