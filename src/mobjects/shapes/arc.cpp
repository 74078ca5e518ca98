// Manim's arc.py: Arc, ArcBetweenPoints, CurvedArrow, CurvedDoubleArrow, Circle, Dot, SmallDot,
// Ellipse, Annulus, AnnularSector, Sector.
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "shape_util.h"

namespace reel {

namespace {

using detail::arc_points;
using detail::make_style;
using detail::shape;

// The similarity (scale, rotate, shift) taking from_a to to_a and from_b to to_b: Manim's
// put_start_and_end_on applied to a whole family.
Affine similarity(Vec2 from_a, Vec2 from_b, Vec2 to_a, Vec2 to_b) {
    Vec2 cv = from_b - from_a, tv = to_b - to_a;
    double cn = cv.norm();
    if (cn == 0) return Affine::translate(to_a - from_a);
    double k = tv.norm() / cn;
    double ang = std::atan2(tv.y, tv.x) - std::atan2(cv.y, cv.x);
    double a = k * std::cos(ang), c = k * std::sin(ang);
    Affine m{a, -c, c, a, 0, 0};
    Vec2 moved = m.apply(from_a);
    m.tx = to_a.x - moved.x;
    m.ty = to_a.y - moved.y;
    return m;
}

Vec2 unit(Vec2 v) {
    double n = v.norm();
    return n > 0 ? v / n : RIGHT;
}

} // namespace

Mobject Arc(const ArcOptions& o) {
    return shape(arc_points(o.radius, o.start_angle, o.angle, o.num_components, o.arc_center),
                 make_style(WHITE, o), "Arc");
}

Mobject ArcBetweenPoints(Vec2 start, Vec2 end, const ArcBetweenPointsOptions& o) {
    double r = 1.0;
    double angle = o.angle;
    if (o.radius) {
        r = *o.radius;
        double sign = 2;
        if (r < 0) {
            sign = -2;
            r = -r;
        }
        double halfdist = (start - end).norm() / 2;
        if (r < halfdist)
            throw std::invalid_argument(fmt::format(
                "ArcBetweenPoints: radius {} is smaller than half the distance between the points ({})",
                r, halfdist));
        double arc_height = r - std::sqrt(r * r - halfdist * halfdist);
        angle = std::acos((r - arc_height) / r) * sign;
    }
    Mobject m = Arc({.radius = r,
                     .angle = angle,
                     .color = o.color,
                     .fill_color = o.fill_color,
                     .fill_opacity = o.fill_opacity,
                     .stroke_color = o.stroke_color,
                     .stroke_width = o.stroke_width,
                     .stroke_opacity = o.stroke_opacity});
    if (angle == 0) m.set_points_as_corners({LEFT, RIGHT});
    m.put_start_and_end_on(start, end);
    m.set_label("ArcBetweenPoints");
    return m;
}

Mobject CurvedArrow(Vec2 start, Vec2 end, const ArcBetweenPointsOptions& o) {
    Mobject m = ArcBetweenPoints(start, end, o);
    // add_tip: apex on the end, along the last handle; the arc put on (start, tip base).
    const Points& p = m.points();
    Vec2 u = unit(p.back() - p[p.size() - 2]);
    Mobject tip = detail::arrow_tip(p.back(), u, kDefaultArrowTipLength, m.style().stroke_color);
    m.put_start_and_end_on(m.get_start(), detail::tip_base(tip.points()));
    m.add(tip);
    m.set_label("CurvedArrow");
    return m;
}

Mobject CurvedDoubleArrow(Vec2 start, Vec2 end, const ArcBetweenPointsOptions& o) {
    Mobject m = CurvedArrow(start, end, o);
    const Points& p = m.points();
    Vec2 u = unit(p.front() - p[1]);
    Mobject tip = detail::arrow_tip(p.front(), u, kDefaultArrowTipLength, m.style().stroke_color);
    // put_start_and_end_on(tip.base, get_end()) where get_end() is the end tip's apex: the
    // whole family (end tip included) moves by that similarity.
    Vec2 end_apex = m[0].points().front();
    m.apply(similarity(p.front(), end_apex, detail::tip_base(tip.points()), end_apex));
    m.add(tip);
    m.set_label("CurvedDoubleArrow");
    return m;
}

Mobject Circle(double radius, const ShapeStyle& o) {
    return shape(arc_points(radius, 0.0, TAU), make_style(RED, o), "Circle");
}

Mobject Circle(const ShapeStyle& o) { return Circle(1.0, o); }

Mobject Dot(Vec2 point, const DotOptions& o) {
    return shape(arc_points(o.radius, 0.0, TAU, 9, point), make_style(WHITE, o, 1.0, 0.0), "Dot");
}

Mobject Dot(const DotOptions& o) { return Dot(ORIGIN, o); }

Mobject SmallDot(Vec2 point, const ShapeStyle& o) {
    Mobject d = Dot(point, {.radius = kDefaultSmallDotRadius,
                            .color = o.color,
                            .fill_color = o.fill_color,
                            .fill_opacity = o.fill_opacity,
                            .stroke_color = o.stroke_color,
                            .stroke_width = o.stroke_width,
                            .stroke_opacity = o.stroke_opacity});
    d.set_label("SmallDot");
    return d;
}

Mobject SmallDot(const ShapeStyle& o) { return SmallDot(ORIGIN, o); }

Mobject Ellipse(const EllipseOptions& o) {
    Mobject e = Circle(1.0, detail::style_of(o));
    e.stretch_to_fit_width(o.width);
    e.stretch_to_fit_height(o.height);
    e.set_label("Ellipse");
    return e;
}

Mobject Annulus(const AnnulusOptions& o) {
    Points p = arc_points(o.outer_radius, 0.0, TAU);
    Points inner = arc_points(o.inner_radius, 0.0, TAU);
    p.insert(p.end(), inner.rbegin(), inner.rend());
    return shape(std::move(p), make_style(WHITE, o, 1.0, 0.0), "Annulus");
}

namespace {
template <class O> Mobject annular_sector(const O& o, const char* label) {
    Points inner = arc_points(o.inner_radius, o.start_angle, o.angle, 9, o.arc_center);
    Points outer = arc_points(o.outer_radius, o.start_angle, o.angle, 9, o.arc_center);
    Points p = inner;
    add_line(p, inner.back(), outer.back());
    p.insert(p.end(), outer.rbegin(), outer.rend());
    add_line(p, outer.front(), inner.front());
    return shape(std::move(p), make_style(WHITE, o, 1.0, 0.0), label);
}
} // namespace

Mobject AnnularSector(const AnnularSectorOptions& o) { return annular_sector(o, "AnnularSector"); }

Mobject Sector(const SectorOptions& o) { return annular_sector(o, "Sector"); }

} // namespace reel
