// Mobject's bounds, placement (move_to, next_to, to_edge, align_to, arrange), transforms
// (shift, rotate, scale, stretch, replace) and style setters, as Manim's Mobject and VMobject.
#include "reel/mobject.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "node.h"
#include "shapes/shape_util.h"

namespace reel {

namespace {
double signum(double v) { return v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0); }
} // namespace

Bounds Mobject::anchor_bounds() const {
    Bounds b;
    for_family(std_ptr(node_), [&](Node& n) { b.include(reel::anchor_bounds(*n.current_points())); });
    return b;
}

Bounds Mobject::all_bounds() const {
    Bounds b;
    for_family(std_ptr(node_), [&](Node& n) { b.include(reel::all_bounds(*n.current_points())); });
    return b;
}

Vec2 Mobject::get_critical_point(Vec2 dir) const { return anchor_bounds().critical_point(dir); }
double Mobject::width() const { return all_bounds().width(); }
double Mobject::height() const { return all_bounds().height(); }

Mobject& Mobject::apply(const Affine& m) {
    for_family(std_ptr(node_), [&](Node& n) {
        if (!n.points->empty()) n.points = std::make_shared<const Points>(transform_points(*n.points, m));
    });
    return *this;
}

Mobject& Mobject::shift(Vec2 v) { return apply(Affine::translate(v)); }

Mobject& Mobject::move_to(Vec2 p, Vec2 aligned_edge) {
    return shift(p - get_critical_point(aligned_edge));
}

Mobject& Mobject::move_to(const Mobject& m, Vec2 aligned_edge) {
    return move_to(m.get_critical_point(aligned_edge), aligned_edge);
}

Mobject& Mobject::move_to(Vec3 p) {
    bool any = false;
    double lo = 0, hi = 0;
    for_family(std_ptr(node_), [&](Node& n) {
        const Points& pts = *n.points;
        const bool has_z = n.depth && n.depth->z.size() == pts.size();
        for (std::size_t i = 0; i < pts.size(); ++i) {
            if (i % 4 != 0 && i % 4 != 3) continue; // anchors, as get_center
            const double z = has_z ? n.depth->z[i] : 0.0;
            lo = any ? std::min(lo, z) : z;
            hi = any ? std::max(hi, z) : z;
            any = true;
        }
    });
    move_to(p.xy());
    const double dz = p.z - (lo + hi) / 2;
    if (!any || dz == 0) return *this;
    for_family(std_ptr(node_), [&](Node& n) {
        if (n.points->empty()) return;
        auto d = n.depth ? std::make_shared<Depth>(*n.depth) : std::make_shared<Depth>();
        d->z.resize(n.points->size(), 0.0); // a flat path is at z = 0
        for (double& z : d->z) z += dz;
        n.depth = std::move(d);
    });
    return *this;
}

Mobject& Mobject::next_to(const Mobject& m, Vec2 dir, double buff, Vec2 aligned_edge) {
    Vec2 target = m.get_critical_point(aligned_edge + dir);
    Vec2 own = get_critical_point(aligned_edge - dir);
    return shift(target - own + dir * buff);
}

Mobject& Mobject::next_to(Vec2 point, Vec2 dir, double buff, Vec2 aligned_edge) {
    Vec2 own = get_critical_point(aligned_edge - dir);
    return shift(point - own + dir * buff);
}

Mobject& Mobject::to_edge(Vec2 edge, double buff) {
    // Manim's align_on_border with config.frame_x/y_radius (7.1111, 4.0).
    Vec2 target{signum(edge.x) * kFrameWidth / 2, signum(edge.y) * kFrameHeight / 2};
    Vec2 own = get_critical_point(edge);
    Vec2 v = target - own - edge * buff;
    return shift({v.x * std::abs(signum(edge.x)), v.y * std::abs(signum(edge.y))});
}

Mobject& Mobject::to_corner(Vec2 corner, double buff) { return to_edge(corner, buff); }

Mobject& Mobject::align_to(const Mobject& m, Vec2 dir) {
    return align_to(m.get_critical_point(dir), dir);
}

Mobject& Mobject::align_to(Vec2 point, Vec2 dir) {
    Vec2 own = get_critical_point(dir);
    Vec2 v{dir.x != 0 ? point.x - own.x : 0.0, dir.y != 0 ? point.y - own.y : 0.0};
    return shift(v);
}

Mobject& Mobject::arrange(Vec2 dir, double buff, Vec2 aligned_edge, bool center_group) {
    auto kids = children();
    for (std::size_t i = 1; i < kids.size(); ++i) kids[i].next_to(kids[i - 1], dir, buff, aligned_edge);
    if (center_group) center();
    return *this;
}

Mobject& Mobject::center() { return shift(-get_center()); }

Mobject& Mobject::set_x(double x, Vec2 direction) {
    return shift({x - get_critical_point(direction).x, 0.0});
}

Mobject& Mobject::set_y(double y, Vec2 direction) {
    return shift({0.0, y - get_critical_point(direction).y});
}

Mobject& Mobject::rotate(double angle, std::optional<Vec2> about) {
    return apply(Affine::rotate_about(about.value_or(get_center()), angle));
}

Mobject& Mobject::scale(double factor, std::optional<Vec2> about) {
    if (std_ptr(node_)->behavior && std_ptr(node_)->behavior->scale(*this, factor, about)) return *this;
    // A 3-D family scales in z too, about the z of the point (a 2-D point lies at z = 0) or,
    // by default, the middle of its depth: Manim's get_center is the 3-D box's centre.
    double zmin = 0, zmax = 0;
    bool any = false;
    for (auto& n : family_nodes(std_ptr(node_))) {
        if (!n->depth || n->depth->z.empty()) continue;
        auto [lo, hi] = std::minmax_element(n->depth->z.begin(), n->depth->z.end());
        zmin = any ? std::min(zmin, *lo) : *lo;
        zmax = any ? std::max(zmax, *hi) : *hi;
        any = true;
    }
    if (any) {
        const double zc = about ? 0.0 : (zmin + zmax) / 2;
        for (auto& n : family_nodes(std_ptr(node_))) {
            if (!n->depth || n->depth->z.empty()) continue;
            auto d = std::make_shared<Depth>(*n->depth);
            for (double& z : d->z) z = zc + (z - zc) * factor;
            n->depth = std::move(d);
        }
    }
    return apply(Affine::scale_about(about.value_or(get_center()), factor, factor));
}

Mobject& Mobject::stretch(double factor, int dim, std::optional<Vec2> about) {
    Vec2 c = about.value_or(get_center());
    return apply(dim == 0 ? Affine::scale_about(c, factor, 1.0) : Affine::scale_about(c, 1.0, factor));
}

Mobject& Mobject::stretch_to_fit_width(double w) {
    double cur = width();
    return cur == 0 ? *this : stretch(w / cur, 0);
}

Mobject& Mobject::stretch_to_fit_height(double h) {
    double cur = height();
    return cur == 0 ? *this : stretch(h / cur, 1);
}

Mobject& Mobject::replace(const Mobject& m, bool stretch) {
    if (!m.all_bounds().valid)
        throw std::invalid_argument("replace: the mobject to replace with has no points (" + m.label() + ")");
    if (stretch) {
        stretch_to_fit_width(m.width());
        stretch_to_fit_height(m.height());
    } else {
        scale_to_fit_width(m.width());
    }
    return shift(m.get_center() - get_center());
}

Mobject& Mobject::scale_to_fit_width(double w) {
    double cur = width();
    return cur == 0 ? *this : scale(w / cur);
}

Mobject& Mobject::scale_to_fit_height(double h) {
    double cur = height();
    return cur == 0 ? *this : scale(h / cur);
}

Mobject& Mobject::flip_vertical() { return stretch(-1.0, 1); }

Mobject& Mobject::set_fill(std::optional<Color> color, std::optional<double> opacity) {
    for_family(std_ptr(node_), [&](Node& n) {
        if (color) n.style.fill_color = *color;
        if (opacity) n.style.fill_opacity = *opacity;
    });
    return *this;
}

Mobject& Mobject::set_fill_opacity(double opacity) { return set_fill(std::nullopt, opacity); }

Mobject& Mobject::set_stroke(std::optional<Color> color, std::optional<double> width,
                             std::optional<double> opacity) {
    for_family(std_ptr(node_), [&](Node& n) {
        if (color) n.style.stroke_color = *color;
        if (width) n.style.stroke_width = *width;
        if (opacity) n.style.stroke_opacity = *opacity;
    });
    return *this;
}

Mobject& Mobject::set_color(Color c) { return set_fill(c).set_stroke(c); }

Mobject& Mobject::set_opacity(double opacity) {
    return set_fill(std::nullopt, opacity).set_stroke(std::nullopt, std::nullopt, opacity);
}

Mobject& Mobject::fade(double darkness) {
    double f = 1.0 - darkness;
    for_family(std_ptr(node_), [&](Node& n) {
        n.style.fill_opacity *= f;
        n.style.stroke_opacity *= f;
    });
    return *this;
}

} // namespace reel
