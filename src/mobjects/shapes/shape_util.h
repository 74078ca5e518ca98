// Helpers shared by the shape constructors (mobjects internals, not a public header).
#pragma once

#include <optional>
#include <string>

#include "reel/mobject.h"

namespace reel::detail {

/// VMobject.__init__ style rules: `color` sets fill and stroke RGB, then fill_color /
/// stroke_color override; fill opacity 0 and stroke width 4 unless given.
Style make_style(Color default_color, std::optional<Color> color, std::optional<Color> fill_color,
                 std::optional<double> fill_opacity, std::optional<Color> stroke_color,
                 std::optional<double> stroke_width, double default_fill_opacity = 0.0,
                 double default_stroke_width = 4.0);
/// The same rules from any shape's options (the six style fields of shapes.h).
template <class O>
Style make_style(Color default_color, const O& o, double default_fill_opacity = 0.0,
                 double default_stroke_width = 4.0) {
    Style s = make_style(default_color, o.color, o.fill_color, o.fill_opacity, o.stroke_color,
                         o.stroke_width, default_fill_opacity, default_stroke_width);
    if (o.stroke_opacity) s.stroke_opacity = *o.stroke_opacity;
    return s;
}

/// The style fields of any shape's options, to hand on to another shape.
template <class O> ShapeStyle style_of(const O& o) {
    return {.color = o.color,
            .fill_color = o.fill_color,
            .fill_opacity = o.fill_opacity,
            .stroke_color = o.stroke_color,
            .stroke_width = o.stroke_width,
            .stroke_opacity = o.stroke_opacity};
}

/// A leaf mobject with points, style and label.
Mobject shape(Points p, const Style& s, std::string label);

/// Manim's ArrowTriangleFilledTip of `length` and `width` with its apex on `apex`, pointing
/// along the unit vector `u`: apex, then the two base corners (Triangle(start_angle=PI) order).
Points arrow_tip_points(Vec2 apex, Vec2 u, double length, double width);
/// A filled tip mobject (fill and stroke `color`, stroke width 0), kind "ArrowTip".
Mobject arrow_tip(Vec2 apex, Vec2 u, double length, Color color);
/// Base of a tip made by arrow_tip: the midpoint of its base corners (ArrowTip.base).
Vec2 tip_base(const Points& tip);

/// Manim's Arc._set_pre_positioned_points: `n` anchors on the unit circle from `start` over
/// `angle`, handles d_theta / 3 along the tangents, scaled by `radius` about the origin and
/// moved to `center`.
Points arc_points(double radius, double start, double angle, int n = 9, Vec2 center = ORIGIN);

/// Manim's get_smooth_handle_points: the (first, second) handles of a smooth cubic spline
/// through the anchors (cyclic when the first anchor equals the last).
void smooth_handles(const std::vector<Vec2>& anchors, std::vector<Vec2>& h1, std::vector<Vec2>& h2);

/// Manim's regular_vertices: n points on a circle; start_angle defaults to 90 degrees for
/// odd n and 0 for even n.
std::vector<Vec2> regular_vertices(int n, double radius, std::optional<double> start_angle);

} // namespace reel::detail
