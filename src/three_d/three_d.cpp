// 3-D operations on mobjects: x and y live in the points, z in the Depth beside them.
#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "reel/three_d.h"

namespace reel {

namespace {

std::shared_ptr<Depth> depth_copy(const Mobject& m) {
    return m.depth() ? std::make_shared<Depth>(*m.depth()) : std::make_shared<Depth>();
}

// Manim's rotation_matrix(angle, axis): scipy's Rotation.from_rotvec (Rodrigues' formula).
std::array<Vec3, 3> rotation_rows(double angle, Vec3 axis) {
    const double n = axis.norm();
    if (!(n > 0)) throw std::invalid_argument("rotate3: the axis must not be zero");
    const Vec3 k = axis / n;
    const double c = std::cos(angle), s = std::sin(angle), t = 1 - c;
    return {Vec3{t * k.x * k.x + c, t * k.x * k.y - s * k.z, t * k.x * k.z + s * k.y},
            Vec3{t * k.x * k.y + s * k.z, t * k.y * k.y + c, t * k.y * k.z - s * k.x},
            Vec3{t * k.x * k.z - s * k.y, t * k.y * k.z + s * k.x, t * k.z * k.z + c}};
}

} // namespace

std::vector<Vec3> points3(const Mobject& m) {
    const Points& p = m.points();
    const DepthPtr& d = m.depth();
    const bool has_z = d && d->z.size() == p.size();
    std::vector<Vec3> out(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) out[i] = {p[i].x, p[i].y, has_z ? d->z[i] : 0.0};
    return out;
}

Mobject& set_points3(Mobject& m, const std::vector<Vec3>& points) {
    Points xy(points.size());
    auto d = depth_copy(m);
    d->z.resize(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        xy[i] = points[i].xy();
        d->z[i] = points[i].z;
    }
    m.set_points(std::move(xy));
    m.set_depth(std::move(d));
    return m;
}

Mobject& set_shade_in_3d(Mobject& m, bool value) {
    for (Mobject f : m.family()) {
        auto d = depth_copy(f);
        d->shade_in_3d = value;
        f.set_depth(std::move(d));
    }
    return m;
}

Mobject& apply_function3(Mobject& m, const Function<Vec3(Vec3)>& f) {
    for (Mobject member : m.family()) {
        if (!member.has_points()) continue;
        std::vector<Vec3> p = points3(member);
        for (Vec3& q : p) q = f(q);
        set_points3(member, p);
    }
    return m;
}

Vec3 center3(const Mobject& m) {
    bool any = false;
    Vec3 lo, hi;
    for (const Mobject& member : m.family()) {
        const std::vector<Vec3> p = points3(member);
        for (std::size_t i = 0; i < p.size(); ++i) {
            if (i % 4 != 0 && i % 4 != 3) continue; // anchors only, as Manim's VMobjects
            if (!any) lo = hi = p[i];
            any = true;
            lo = {std::min(lo.x, p[i].x), std::min(lo.y, p[i].y), std::min(lo.z, p[i].z)};
            hi = {std::max(hi.x, p[i].x), std::max(hi.y, p[i].y), std::max(hi.z, p[i].z)};
        }
    }
    return any ? (lo + hi) / 2 : Vec3{};
}

Mobject& rotate3(Mobject& m, double angle, Vec3 axis, std::optional<Vec3> about) {
    const auto r = rotation_rows(angle, axis);
    const Vec3 c = about.value_or(center3(m));
    return apply_function3(m, [&](Vec3 p) {
        const Vec3 q = p - c;
        return c + Vec3{dot(r[0], q), dot(r[1], q), dot(r[2], q)};
    });
}

Mobject& shift3(Mobject& m, Vec3 v) {
    return apply_function3(m, [v](Vec3 p) { return p + v; });
}

Mobject& move_to3(Mobject& m, Vec3 p) { return m.move_to(p); }

} // namespace reel
