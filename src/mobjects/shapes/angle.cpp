// Manim's Angle and RightAngle (line.py, v0.17.3), and space_ops.line_intersection.
#include "reel/shapes/angle.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "shape_util.h"

namespace reel {

namespace {

class AngleBehavior final : public Behavior {
public:
    explicit AngleBehavior(double value) : value_(value) {}
    std::string_view kind() const override { return "Angle"; }
    double value() const { return value_; }

private:
    double value_;
};

// space_ops.line_intersection: homogeneous coordinates, the cross product of the two lines.
Vec2 line_intersection(Vec2 a1, Vec2 a2, Vec2 b1, Vec2 b2) {
    auto cross = [](std::array<double, 3> u, std::array<double, 3> v) -> std::array<double, 3> {
        return {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
    };
    auto l1 = cross({a1.x, a1.y, 1}, {a2.x, a2.y, 1});
    auto l2 = cross({b1.x, b1.y, 1}, {b2.x, b2.y, 1});
    auto p = cross(l1, l2);
    if (p[2] == 0)
        throw std::invalid_argument("Angle: the lines are parallel, there is no unique intersection point.");
    return {p[0] / p[2], p[1] / p[2]};
}

Vec2 unit_vector(const Mobject& line) {
    Vec2 v = line.get_end() - line.get_start();
    double n = v.norm();
    return n > 0 ? v / n : v;
}

double angle_of_vector(Vec2 v) { return std::atan2(v.y, v.x); }

} // namespace

Mobject Angle(const Mobject& line1, const Mobject& line2, const AngleOptions& o) {
    const Vec2 inter = line_intersection(line1.get_start(), line1.get_end(), line2.get_start(),
                                         line2.get_end());
    double radius = 0.4;
    if (o.radius) {
        radius = *o.radius;
    } else {
        const double d1 = ((o.quadrant[0] == 1 ? line1.get_end() : line1.get_start()) - inter).norm();
        const double d2 = ((o.quadrant[1] == 1 ? line2.get_end() : line2.get_start()) - inter).norm();
        if (std::min(d1, d2) < 0.6) radius = (2.0 / 3.0) * std::min(d1, d2);
    }
    const Vec2 u1 = unit_vector(line1), u2 = unit_vector(line2);
    const Vec2 anchor1 = inter + u1 * (o.quadrant[0] * radius);
    const Vec2 anchor2 = inter + u2 * (o.quadrant[1] * radius);
    const Style style = detail::make_style(WHITE, o);
    if (o.elbow) {
        const Vec2 middle = inter + u1 * (o.quadrant[0] * radius) + u2 * (o.quadrant[1] * radius);
        Mobject m = detail::shape(corners_to_points({anchor1, middle, anchor2}), style, "RightAngle");
        return m;
    }
    const double a1 = angle_of_vector(anchor1 - inter), a2 = angle_of_vector(anchor2 - inter);
    double value;
    if (!o.other_angle) value = a2 > a1 ? a2 - a1 : TAU - (a1 - a2);
    else value = a2 < a1 ? -a1 + a2 : -TAU + (a2 - a1);
    Mobject m = detail::shape(detail::arc_points(radius, a1, value, 9, inter), style, "Angle");
    m.set_behavior(std::make_shared<AngleBehavior>(value));
    if (o.dot) {
        const double dot_radius = o.dot_radius.value_or(radius / 10);
        // The direction of the arc's bounding-box centre (Manim's get_center) from the vertex.
        const Vec2 c = m.get_center() - inter;
        Mobject dot = Dot(ORIGIN, {.radius = dot_radius, .color = o.dot_color});
        dot.move_to(inter + c / c.norm() * radius * o.dot_distance);
        m.add(dot);
    }
    return m;
}

double angle_value(const Mobject& angle) {
    const auto* b = angle.behavior_as<AngleBehavior>();
    if (!b) throw std::invalid_argument("angle_value: " + angle.label() + " is not an Angle");
    return b->value();
}

Mobject RightAngle(const Mobject& line1, const Mobject& line2, const RightAngleOptions& o) {
    return Angle(line1, line2,
                 {.radius = o.length, .quadrant = o.quadrant, .elbow = true, .color = o.color,
                  .fill_color = o.fill_color, .fill_opacity = o.fill_opacity,
                  .stroke_color = o.stroke_color, .stroke_width = o.stroke_width,
                  .stroke_opacity = o.stroke_opacity});
}

} // namespace reel
