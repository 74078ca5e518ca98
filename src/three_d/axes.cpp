// Manim's ThreeDAxes (coordinate_systems.py) as its Cairo renderer draws it: the z axis turned
// out of the plane, every axis cut into shaded pieces.
#include <memory>
#include <stdexcept>

#include "reel/three_d.h"

namespace reel {

namespace {

class ThreeDAxesBehavior final : public Behavior {
public:
    explicit ThreeDAxesBehavior(const ThreeDAxesOptions& o) : options(o) {}
    std::string_view kind() const override { return "ThreeDAxes"; }
    ThreeDAxesOptions options;
};

// Axes._origin_shift: where the other axes cross this one.
double origin_shift(double lo, double hi) { return lo > 0 ? lo : (hi < 0 ? hi : 0.0); }

// pointwise_become_partial in 3-D: Manim's rule on x, y and z alike (partial_points is linear
// in each coordinate, so z goes through it as the x of a second path).
std::vector<Vec3> partial3(const std::vector<Vec3>& p, double a, double b) {
    Points xy(p.size()), z(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) {
        xy[i] = p[i].xy();
        z[i] = {p[i].z, 0.0};
    }
    const Points pxy = partial_points(xy, a, b), pz = partial_points(z, a, b);
    std::vector<Vec3> out(pxy.size());
    for (std::size_t i = 0; i < pxy.size(); ++i) out[i] = {pxy[i].x, pxy[i].y, pz[i].x};
    return out;
}

// ThreeDAxes._add_3d_pieces for one axis: num_pieces copies of its own path, each a part of
// it, added as a group; the axis' own path loses its stroke; the family is shaded in 3-D.
void add_3d_pieces(Mobject& axis, int num_pieces) {
    const std::vector<Vec3> whole = points3(axis);
    const std::vector<double> alphas = linspace(0, 1, num_pieces + 1);
    Mobject pieces;
    for (std::size_t k = 0; k + 1 < alphas.size(); ++k) {
        Mobject piece;
        set_points3(piece, partial3(whole, alphas[k], alphas[k + 1]));
        piece.set_style(axis.style());
        piece.set_label("NumberLine piece");
        pieces.add(piece);
    }
    axis.add(pieces);
    Style st = axis.style();
    st.stroke_width = 0; // set_stroke(width=0, family=False)
    axis.set_style(st);
    set_shade_in_3d(axis);
}

} // namespace

ThreeDAxes::ThreeDAxes(const ThreeDAxesOptions& o) {
    if (o.num_axis_pieces < 1) throw std::invalid_argument("ThreeDAxes: num_axis_pieces must be at least 1");
    Axes plane({.x_range = o.x_range, .y_range = o.y_range, .x_length = o.x_length, .y_length = o.y_length, .tips = o.tips});
    set_behavior(std::make_shared<ThreeDAxesBehavior>(o));
    set_label("ThreeDAxes");
    NumberLine x = plane.x_axis(), y = plane.y_axis();
    // The z axis: axis_config as the others' (origin tick excluded, numbers but 0), made
    // along x, then turned about its origin: -90 degrees about UP (x to z), then by the angle
    // of z_normal (DOWN: -90 degrees) about OUT, so its ticks lie along x.
    NumberLine z({.x_range = o.z_range, .length = o.z_length, .exclude_origin_tick = true, .include_tip = o.tips,
                  .numbers_to_exclude = {0.0}});
    const double z0 = origin_shift(o.z_range[0], o.z_range[1]);
    const Vec3 about = z.n2p(z0);
    rotate3(z, -PI / 2, Vec3(UP), about);
    rotate3(z, -PI / 2, OUT, about);
    shift3(z, -about);
    shift3(z, x.n2p(origin_shift(o.x_range[0], o.x_range[1])));
    add(x, y, z);
    for (Mobject axis : {Mobject(x), Mobject(y), Mobject(z)}) add_3d_pieces(axis, o.num_axis_pieces);
}

ThreeDAxes::ThreeDAxes(const Mobject& m) : Mobject(m) {
    if (!m.behavior_as<ThreeDAxesBehavior>()) throw std::invalid_argument("ThreeDAxes: " + m.label() + " is not a ThreeDAxes");
}

const ThreeDAxesOptions& ThreeDAxes::options() const { return behavior_as<ThreeDAxesBehavior>()->options; }
Mobject ThreeDAxes::x_axis() const { return (*this)[0]; }
Mobject ThreeDAxes::y_axis() const { return (*this)[1]; }
Mobject ThreeDAxes::z_axis() const { return (*this)[2]; }

// The z axis is straight along OUT with number z0 at z = 0 (where it was built).
Vec3 ThreeDAxes::c2p(double x, double y, double z) const {
    const ThreeDAxesOptions& o = options();
    NumberLine xa(x_axis()), ya(y_axis());
    const Vec2 origin = xa.n2p(origin_shift(o.x_range[0], o.x_range[1]));
    const Vec2 flat = origin + (xa.n2p(x) - origin) + (ya.n2p(y) - origin);
    const double unit = o.z_length / (o.z_range[1] - o.z_range[0]);
    return Vec3(flat) + OUT * ((z - origin_shift(o.z_range[0], o.z_range[1])) * unit);
}

std::array<double, 3> ThreeDAxes::p2c(Vec3 p) const {
    const ThreeDAxesOptions& o = options();
    const double unit = o.z_length / (o.z_range[1] - o.z_range[0]);
    return {NumberLine(x_axis()).p2n(p.xy()), NumberLine(y_axis()).p2n(p.xy()),
            p.z / unit + origin_shift(o.z_range[0], o.z_range[1])};
}

} // namespace reel
