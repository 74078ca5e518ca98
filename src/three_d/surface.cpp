// Manim's Surface and the solids built on it (three_dimensions.py): Sphere, Dot3D, Torus,
// Cube, Prism.
#include <cmath>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "reel/three_d.h"

namespace reel {

namespace {

class SurfaceBehavior final : public Behavior {
public:
    explicit SurfaceBehavior(std::array<int, 2> res) : res_(res) {}
    std::string_view kind() const override { return "Surface"; }
    std::array<int, 2> resolution() const { return res_; }

private:
    std::array<int, 2> res_;
};

// Manim's point_from_proportion on a 3-D path: curve lengths from 10 samples each, then the
// curve's parameter in proportion to the length left (not arc length within the curve).
Vec3 point_from_proportion3(const std::vector<Vec3>& p, double alpha) {
    const std::size_t n = p.size() / 4;
    if (n == 0) return {};
    auto bezier = [&](std::size_t c, double t) {
        const double s = 1 - t;
        return p[4 * c] * (s * s * s) + p[4 * c + 1] * (3 * s * s * t) + p[4 * c + 2] * (3 * s * t * t) +
               p[4 * c + 3] * (t * t * t);
    };
    std::vector<double> lengths(n);
    double total = 0;
    for (std::size_t c = 0; c < n; ++c) {
        Vec3 prev = bezier(c, 0);
        for (int k = 1; k < 10; ++k) {
            const Vec3 q = bezier(c, k / 9.0);
            lengths[c] += (q - prev).norm();
            prev = q;
        }
        total += lengths[c];
    }
    const double target = alpha * total;
    double current = 0;
    for (std::size_t c = 0; c < n; ++c) {
        if (current + lengths[c] >= target)
            return bezier(c, lengths[c] != 0 ? (target - current) / lengths[c] : 0.0);
        current += lengths[c];
    }
    return p.back();
}

} // namespace

Surface::Surface(Function<Vec3(double, double)> func, const SurfaceOptions& o) {
    const auto [ures, vres] = o.resolution;
    if (ures < 1 || vres < 1)
        throw std::invalid_argument(fmt::format("Surface: resolution ({}, {}) needs at least one face each way", ures, vres));
    set_behavior(std::make_shared<SurfaceBehavior>(o.resolution));
    set_label("Surface");
    const std::vector<double> us = linspace(o.u_range[0], o.u_range[1], ures + 1);
    const std::vector<double> vs = linspace(o.v_range[0], o.v_range[1], vres + 1);
    Style style;
    style.fill_color = o.fill_color;
    style.fill_opacity = o.fill_opacity;
    style.stroke_color = o.stroke_color;
    style.stroke_width = o.stroke_width;
    style.stroke_opacity = o.stroke_opacity;
    auto depth = std::make_shared<Depth>();
    depth->shade_in_3d = true; // ThreeDVMobject
    for (int i = 0; i < ures; ++i)
        for (int j = 0; j < vres; ++j) {
            const double u1 = us[static_cast<std::size_t>(i)], u2 = us[static_cast<std::size_t>(i) + 1];
            const double v1 = vs[static_cast<std::size_t>(j)], v2 = vs[static_cast<std::size_t>(j) + 1];
            Mobject face;
            face.set_points_as_corners({{u1, v1}, {u2, v1}, {u2, v2}, {u1, v2}, {u1, v1}});
            face.set_style(style);
            face.set_depth(depth);
            face.set_label("ThreeDVMobject");
            add(face);
        }
    if (!o.checkerboard_colors.empty()) set_fill_by_checkerboard(o.checkerboard_colors);
    // Every point, handles included, goes through the function (apply_function about ORIGIN).
    apply_function3(*this, [&func](Vec3 p) { return func(p.x, p.y); });
}

Surface::Surface(const Mobject& m) : Mobject(m) {
    if (!m.behavior_as<SurfaceBehavior>()) throw std::invalid_argument("Surface: " + m.label() + " is not a Surface");
}

std::array<int, 2> Surface::resolution() const { return behavior_as<SurfaceBehavior>()->resolution(); }

Surface& Surface::set_fill_by_checkerboard(const std::vector<Color>& colors, std::optional<double> opacity) {
    if (colors.empty()) throw std::invalid_argument("set_fill_by_checkerboard needs at least one colour");
    const auto [ures, vres] = resolution();
    const std::size_t faces = static_cast<std::size_t>(ures) * static_cast<std::size_t>(vres);
    const auto kids = children();
    for (std::size_t k = 0; k < kids.size() && k < faces; ++k) {
        const std::size_t i = k / static_cast<std::size_t>(vres), j = k % static_cast<std::size_t>(vres);
        Mobject face = kids[k];
        face.set_fill(colors[(i + j) % colors.size()], opacity);
    }
    return *this;
}

Surface& Surface::set_fill_by_value(const ThreeDAxes& axes, const std::vector<Color>& colorscale, int axis) {
    if (colorscale.size() < 2) throw std::invalid_argument("set_fill_by_value needs at least two colours");
    if (axis < 0 || axis > 2) throw std::invalid_argument("set_fill_by_value: axis is 0, 1 or 2");
    const auto& ao = axes.options();
    const std::array<double, 3>& range = axis == 0 ? ao.x_range : axis == 1 ? ao.y_range : ao.z_range;
    // np.arange(min, max + f, f) with f = (max - min) / (n - 1): one pivot per colour.
    const double freq = (range[1] - range[0]) / static_cast<double>(colorscale.size() - 1);
    const std::vector<double> pivots = arange(range[0], range[1] + freq, freq);
    for (Mobject mob : leaves()) {
        const double value = axes.p2c(point_from_proportion3(points3(mob), 0.5))[static_cast<std::size_t>(axis)];
        Color c = colorscale.front();
        if (value >= pivots.back()) {
            c = colorscale[std::min(pivots.size(), colorscale.size()) - 1];
        } else if (value > pivots.front()) {
            for (std::size_t i = 1; i < pivots.size() && i < colorscale.size(); ++i)
                if (pivots[i] > value) {
                    const double t = std::min((value - pivots[i - 1]) / (pivots[i] - pivots[i - 1]), 1.0);
                    c = interpolate_color(colorscale[i - 1], colorscale[i], t);
                    break;
                }
        }
        Style st = mob.style();
        st.fill_color = c;
        st.stroke_color = c;
        mob.set_style(st);
    }
    return *this;
}

Surface& Surface::set_style(const StyleOptions& o) {
    for (Mobject m : family()) {
        Style st = m.style();
        if (o.fill_color) st.fill_color = *o.fill_color;
        if (o.fill_opacity) st.fill_opacity = *o.fill_opacity;
        if (o.stroke_color) st.stroke_color = *o.stroke_color;
        if (o.stroke_width) st.stroke_width = *o.stroke_width;
        if (o.stroke_opacity) st.stroke_opacity = *o.stroke_opacity;
        m.set_style(st);
    }
    return *this;
}

Surface Sphere(const SphereOptions& o) {
    SurfaceOptions so = o.surface;
    so.resolution = o.resolution;
    so.u_range = o.u_range;
    so.v_range = o.v_range;
    const double r = o.radius;
    Surface s([r](double u, double v) { return Vec3{r * std::cos(u) * std::sin(v), r * std::sin(u) * std::sin(v), -r * std::cos(v)}; },
              so);
    s.set_label("Sphere");
    shift3(s, o.center);
    return s;
}

Surface Dot3D(Vec3 point, const Dot3DOptions& o) {
    Surface s = Sphere({.center = point, .radius = o.radius, .resolution = o.resolution});
    s.set_color(o.color);
    s.set_label("Dot3D");
    return s;
}

Surface Torus(const TorusOptions& o) {
    SurfaceOptions so = o.surface;
    so.resolution = o.resolution;
    so.u_range = o.u_range;
    so.v_range = o.v_range;
    const double big = o.major_radius, small = o.minor_radius;
    Surface s([big, small](double u, double v) {
        const double k = big - small * std::cos(v);
        return Vec3{k * std::cos(u), k * std::sin(u), -small * std::sin(v)};
    }, so);
    s.set_label("Torus");
    return s;
}

namespace {

// Manim's z_to_vector: a rotation taking the z axis to `v` (columns x, y, z).
std::array<Vec3, 3> z_to_vector(Vec3 v) {
    auto normalize = [](Vec3 a) { return a.norm() > 0 ? a / a.norm() : Vec3{}; };
    Vec3 z = normalize(v);
    Vec3 y = normalize(cross(z, Vec3(RIGHT)));
    Vec3 x = cross(y, z);
    if (y.norm() == 0) {
        x = normalize(cross(Vec3(UP), z));
        y = -cross(x, z);
    }
    return {x, y, z};
}

} // namespace

Mobject Cube(const CubeOptions& o) {
    Mobject cube;
    cube.set_label("Cube");
    for (Vec3 vect : {IN, OUT, Vec3(LEFT), Vec3(RIGHT), Vec3(UP), Vec3(DOWN)}) {
        Mobject face = Square(o.side_length);
        set_shade_in_3d(face);
        rotate3(face, TAU / 2, Vec3(UP)); // flip()
        shift3(face, OUT * (o.side_length / 2.0));
        const auto cols = z_to_vector(vect);
        // points . M^T with M's columns x, y, z: p.x * x + p.y * y + p.z * z.
        apply_function3(face, [&cols](Vec3 p) { return cols[0] * p.x + cols[1] * p.y + cols[2] * p.z; });
        cube.add(face);
    }
    Style st = cube[0].style();
    st.fill_color = o.fill_color;
    st.fill_opacity = o.fill_opacity;
    st.stroke_width = o.stroke_width;
    for (Mobject f : cube.children()) f.set_style(st);
    return cube;
}

Mobject Prism(Vec3 dimensions, const CubeOptions& o) {
    Mobject prism = Cube(o);
    prism.set_label("Prism");
    // rescale_to_fit(value, dim, stretch=True) about the centre (the cube is centred at 0).
    const double d[3] = {dimensions.x, dimensions.y, dimensions.z};
    for (int dim = 0; dim < 3; ++dim) {
        const double k = d[dim] / o.side_length;
        apply_function3(prism, [dim, k](Vec3 p) {
            if (dim == 0) p.x *= k;
            else if (dim == 1) p.y *= k;
            else p.z *= k;
            return p;
        });
    }
    return prism;
}

} // namespace reel

namespace reel {

namespace {

// Cone / Cylinder._rotate_to_direction from the z axis: by theta = arccos(z / r) about y, then
// by phi (the direction's azimuth, Manim's arctan with its quadrant fix) about z, about ORIGIN.
void rotate_to_direction(Mobject& m, Vec3 d) {
    const double r = d.norm();
    const double theta = r > 0 ? std::acos(d.z / r) : 0.0;
    double phi = 0.0;
    if (d.x == 0) {
        if (d.y != 0) phi = PI / 2 + (d.y < 0 ? PI : 0.0);
    } else {
        phi = std::atan(d.y / d.x);
    }
    if (d.x < 0) phi += PI;
    rotate3(m, theta, Vec3(UP), Vec3{});
    rotate3(m, phi, OUT, Vec3{});
}

Vec3 normalized(Vec3 v) { return v.norm() > 0 ? v / v.norm() : Vec3{}; }

} // namespace

Surface Cone(const ConeOptions& o) {
    const double theta = PI - std::atan(o.base_radius / o.height);
    SurfaceOptions so = o.surface;
    so.u_range = {o.u_min, std::sqrt(o.base_radius * o.base_radius + o.height * o.height)};
    so.v_range = {0, TAU};
    Surface s([theta](double u, double v) {
        return Vec3{u * std::sin(theta) * std::cos(v), u * std::sin(theta) * std::sin(v), u * std::cos(theta)};
    }, so);
    s.set_label("Cone");
    if (o.show_base) {
        Mobject base = Circle(o.base_radius, {.color = so.fill_color, .fill_opacity = so.fill_opacity, .stroke_width = 0});
        shift3(base, IN * o.height);
        s.add(base);
    }
    rotate_to_direction(s, o.direction);
    return s;
}

Surface Cylinder(const CylinderOptions& o) {
    SurfaceOptions so = o.surface;
    so.resolution = o.resolution;
    so.u_range = {-o.height / 2, o.height / 2};
    so.v_range = {0, TAU};
    const double r = o.radius;
    Surface s([r](double u, double v) { return Vec3{r * std::cos(v), r * std::sin(v), u}; }, so);
    s.set_label("Cylinder");
    if (o.show_ends) {
        // add_bases: shaded discs in the fill colour; "top" at u_max IN, "bottom" at u_min IN.
        for (double u : {so.u_range[1], so.u_range[0]}) {
            Mobject base = Circle(r, {.color = so.fill_color, .fill_opacity = so.fill_opacity, .stroke_width = 0});
            set_shade_in_3d(base);
            shift3(base, IN * u);
            s.add(base);
        }
    }
    rotate_to_direction(s, o.direction);
    return s;
}

Surface Line3D(Vec3 start, Vec3 end, const Line3DOptions& o) {
    const Vec3 vect = end - start;
    Surface s = Cylinder({.radius = o.thickness, .height = vect.norm(), .direction = normalized(vect)});
    shift3(s, (start + end) / 2);
    if (o.color) s.set_color(*o.color);
    s.set_label("Line3D");
    return s;
}

Surface Arrow3D(Vec3 start, Vec3 end, const Arrow3DOptions& o) {
    const Vec3 direction = normalized(end - start);
    // Manim initialises the Line3D again up to the tip's base, then adds the cone at the end.
    Surface s = Line3D(start, end - direction * o.height, {.thickness = o.thickness});
    Surface cone = Cone({.base_radius = o.base_radius, .height = o.height, .direction = direction});
    shift3(cone, end);
    s.add(cone);
    s.set_color(o.color);
    s.set_label("Arrow3D");
    return s;
}

} // namespace reel
