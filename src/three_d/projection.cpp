#include "three_d/projection.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <unordered_map>
#include <utility>

namespace reel::three_d {

namespace {

Matrix3 multiply(const Matrix3& a, const Matrix3& b) {
    Matrix3 r{};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            for (int k = 0; k < 3; ++k) r[i][j] += a[i][k] * b[k][j];
    return r;
}

Matrix3 about_z(double a) {
    const double c = std::cos(a), s = std::sin(a);
    return {{{c, -s, 0}, {s, c, 0}, {0, 0, 1}}};
}

Matrix3 about_x(double a) {
    const double c = std::cos(a), s = std::sin(a);
    return {{{1, 0, 0}, {0, c, -s}, {0, s, c}}};
}

// Manim's normalize: zero stays zero.
Vec3 normalize(Vec3 v) {
    const double n = v.norm();
    return n > 0 ? v / n : Vec3{};
}

// Manim's get_unit_normal (space_ops.py).
Vec3 unit_normal(Vec3 v1, Vec3 v2) {
    constexpr double tol = 1e-6;
    v1 = normalize(v1);
    v2 = normalize(v2);
    Vec3 cp = cross(v1, v2);
    if (cp.norm() < tol) {
        // The vectors align: a normal to them in the plane they share with the z axis.
        cp = cross(cross(v1, OUT), v1);
        if (cp.norm() < tol) return Vec3(DOWN);
    }
    return normalize(cp);
}

Color clamp01(Color c) {
    return {std::clamp(c.r, 0.0, 1.0), std::clamp(c.g, 0.0, 1.0), std::clamp(c.b, 0.0, 1.0)};
}

} // namespace

Matrix3 rotation_matrix(double phi, double theta, double gamma) {
    // result = identity, then each matrix multiplied on the left, in Manim's order.
    Matrix3 r = about_z(-theta - PI / 2);
    r = multiply(about_x(-phi), r);
    return multiply(about_z(gamma), r);
}

Vec3 apply(const Matrix3& m, Vec3 v) {
    return {m[0][0] * v.x + m[0][1] * v.y + m[0][2] * v.z, m[1][0] * v.x + m[1][1] * v.y + m[1][2] * v.z,
            m[2][0] * v.x + m[2][1] * v.y + m[2][2] * v.z};
}

Vec3 project_point(const CameraState& camera, const Matrix3& rotation, Vec3 p) {
    Vec3 q = apply(rotation, p - camera.frame_center);
    const double d = camera.focal_distance - q.z;
    const double factor = d < 0 ? 1e6 : camera.focal_distance / d;
    q.x *= factor * camera.zoom;
    q.y *= factor * camera.zoom;
    return q;
}

Color shaded_rgb(Color rgb, Vec3 point, Vec3 normal, Vec3 light_source) {
    const Vec3 to_sun = normalize(light_source - point);
    double factor = 0.5 * std::pow(dot(normal, to_sun), 3);
    if (factor < 0) factor *= 0.5;
    return {rgb.r + factor, rgb.g + factor, rgb.b + factor};
}

std::size_t end_corner_index(std::size_t n) { return n == 0 ? 0 : ((n - 1) / 6) * 3; }

Vec3 unit_normal_at(const std::vector<Vec3>& p, std::size_t i) {
    const std::size_t n = p.size();
    // get_anchors: a start and an end anchor per cubic.
    if (2 * (n / 4) <= 2 || n < 4) return Vec3(UP);
    const std::size_t im3 = i > 2 ? i - 3 : n - 4;
    const std::size_t ip3 = i < n - 3 ? i + 3 : 3;
    const Vec3 normal = unit_normal(p[ip3] - p[i], p[im3] - p[i]);
    return normal.norm() == 0 ? Vec3(UP) : normal;
}

std::vector<Vec3> points3(const LeafState& leaf) {
    const Points& p = *leaf.points;
    std::vector<Vec3> out(p.size());
    const bool has_z = leaf.depth && leaf.depth->z.size() == p.size();
    for (std::size_t i = 0; i < p.size(); ++i) out[i] = {p[i].x, p[i].y, has_z ? leaf.depth->z[i] : 0.0};
    return out;
}

namespace {

// points3 into a buffer the caller keeps (no allocation per leaf once it is large enough).
void points3_into(const LeafState& leaf, std::vector<Vec3>& out) {
    const Points& p = *leaf.points;
    out.resize(p.size());
    const bool has_z = leaf.depth && leaf.depth->z.size() == p.size();
    for (std::size_t i = 0; i < p.size(); ++i) out[i] = {p[i].x, p[i].y, has_z ? leaf.depth->z[i] : 0.0};
}

} // namespace

double z_key(const LeafState& leaf, const Matrix3& rotation) {
    if (!leaf.depth || !leaf.depth->shade_in_3d) return std::numeric_limits<double>::infinity();
    const Points& p = *leaf.points;
    if (p.empty()) return apply(rotation, Vec3{}).z;
    const bool has_z = leaf.depth->z.size() == p.size();
    auto at = [&](std::size_t i) { return Vec3{p[i].x, p[i].y, has_z ? leaf.depth->z[i] : 0.0}; };
    // The centre of the anchors' box (VMobject.get_points_defining_boundary).
    Vec3 lo = at(0), hi = lo;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (i % 4 != 0 && i % 4 != 3) continue;
        const Vec3 q = at(i);
        lo = {std::min(lo.x, q.x), std::min(lo.y, q.y), std::min(lo.z, q.z)};
        hi = {std::max(hi.x, q.x), std::max(hi.y, q.y), std::max(hi.z, q.z)};
    }
    return apply(rotation, (lo + hi) / 2).z;
}

void project_items(std::vector<LeafState>& items, const CameraState& camera) {
    const Matrix3 rot = rotation_matrix(camera.phi, camera.theta, camera.gamma);
    std::vector<double> keys(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) keys[i] = z_key(items[i], rot);
    std::vector<std::size_t> order(items.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    // Fixed-orientation mobjects: the centre of each one's anchors in this picture (Manim's
    // get_center, called as it draws).
    std::unordered_map<std::uint64_t, std::pair<Vec3, Vec3>> boxes;
    for (const LeafState& leaf : items) {
        const Depth* depth = leaf.depth.get();
        if (!depth || !depth->fixed_orientation || depth->fixed_in_frame || depth->orientation_group == 0) continue;
        const std::vector<Vec3> p = points3(leaf); // few leaves: an allocation each is fine
        for (std::size_t i = 0; i < p.size(); ++i) {
            if (i % 4 != 0 && i % 4 != 3) continue;
            auto [it, fresh] = boxes.try_emplace(depth->orientation_group, p[i], p[i]);
            if (fresh) continue;
            Vec3& lo = it->second.first;
            Vec3& hi = it->second.second;
            lo = {std::min(lo.x, p[i].x), std::min(lo.y, p[i].y), std::min(lo.z, p[i].z)};
            hi = {std::max(hi.x, p[i].x), std::max(hi.y, p[i].y), std::max(hi.z, p[i].z)};
        }
    }
    std::vector<LeafState> out;
    out.reserve(items.size());
    std::vector<Vec3> p3;
    for (std::size_t idx : order) {
        LeafState leaf = std::move(items[idx]);
        const Depth* depth = leaf.depth.get();
        if (depth && depth->fixed_in_frame) {
            out.push_back(std::move(leaf));
            continue;
        }
        points3_into(leaf, p3);
        Points projected(p3.size());
        if (depth && depth->fixed_orientation) {
            const auto box = boxes.find(depth->orientation_group);
            const Vec3 c = box == boxes.end() ? depth->orientation_center : (box->second.first + box->second.second) / 2;
            const Vec3 moved = project_point(camera, rot, c);
            const Vec2 by{moved.x - c.x, moved.y - c.y};
            for (std::size_t i = 0; i < p3.size(); ++i) projected[i] = p3[i].xy() + by;
        } else {
            for (std::size_t i = 0; i < p3.size(); ++i) projected[i] = project_point(camera, rot, p3[i]).xy();
        }
        if (camera.shading && depth && depth->shade_in_3d && !p3.empty()) {
            // modified_rgbas: one colour at each corner, drawn as a linear gradient between the
            // corners' projections (get_3d_vmob_gradient_start_and_end_points).
            const std::size_t e = end_corner_index(p3.size());
            const Vec3 n0 = unit_normal_at(p3, 0), n1 = unit_normal_at(p3, e);
            const Style& st = leaf.style;
            auto g = std::make_shared<Gradient>();
            g->from = projected[0];
            g->to = projected[e];
            g->fill_from = clamp01(shaded_rgb(st.fill_color, p3[0], n0, camera.light_source));
            g->fill_to = clamp01(shaded_rgb(st.fill_color, p3[e], n1, camera.light_source));
            g->stroke_from = clamp01(shaded_rgb(st.stroke_color, p3[0], n0, camera.light_source));
            g->stroke_to = clamp01(shaded_rgb(st.stroke_color, p3[e], n1, camera.light_source));
            if (g->fill_from == g->fill_to && g->stroke_from == g->stroke_to) {
                // One colour (a straight piece has both corners at its start): plain colours,
                // the picture a gradient of one colour gives.
                leaf.style.fill_color = g->fill_from;
                leaf.style.stroke_color = g->stroke_from;
            } else {
                leaf.style.gradient = std::move(g);
            }
        }
        leaf.points = std::make_shared<const Points>(std::move(projected));
        out.push_back(std::move(leaf));
    }
    items = std::move(out);
}

} // namespace reel::three_d
