// Manim's three-dimensional mobjects (mobject/three_d/three_dimensions.py, ThreeDAxes) and the
// 3-D operations they are built with. A 3-D path keeps x and y in its points and z in its
// Depth; a scene with a 3-D camera (Scene::set_camera_orientation) projects, shades and sorts
// them as Manim's ThreeDCamera does.
#pragma once

#include <array>
#include <optional>
#include <vector>

#include "reel/function.h"
#include "reel/graphing.h"
#include "reel/mobject.h"

namespace reel {

/// The 3-D points of a path (its Depth's z, 0 where it is flat).
std::vector<Vec3> points3(const Mobject& m);
/// Sets a path's points in 3-D: x and y become its points, z its Depth's (other Depth fields
/// kept).
Mobject& set_points3(Mobject& m, const std::vector<Vec3>& points);
/// Manim's set_shade_in_3d: the family is shaded by the light source and sorted by depth.
Mobject& set_shade_in_3d(Mobject& m, bool value = true);
/// Manim's rotate(angle, axis, about_point) in 3-D: every point of the family, right-handed
/// about `axis` through `about` (the centre of the family's 3-D box by default).
Mobject& rotate3(Mobject& m, double angle, Vec3 axis, std::optional<Vec3> about = std::nullopt);
/// Manim's shift by a 3-D vector.
Mobject& shift3(Mobject& m, Vec3 v);
/// Manim's get_center in 3-D: the middle of the family's anchors' box.
Vec3 center3(const Mobject& m);
/// Manim's move_to a 3-D point (the family's 3-D centre lands there).
Mobject& move_to3(Mobject& m, Vec3 p);
/// Manim's apply_function: `f` applied to every point of the family, handles included.
Mobject& apply_function3(Mobject& m, const Function<Vec3(Vec3)>& f);

/// Manim's Surface keywords (with its defaults; resolution (u, v)).
struct SurfaceOptions {
    std::array<double, 2> u_range{0, 1};
    std::array<double, 2> v_range{0, 1};
    std::array<int, 2> resolution{32, 32};
    Color fill_color = BLUE_D;
    double fill_opacity = 1.0;
    /// Empty: no checkerboard (Manim's checkerboard_colors=False).
    std::vector<Color> checkerboard_colors{BLUE_D, BLUE_E};
    Color stroke_color = LIGHT_GREY;
    double stroke_width = 0.5;
    double stroke_opacity = 1.0;
};

/// Manim's set_style keywords (unset: unchanged).
struct StyleOptions {
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};

class ThreeDAxes;

/// Manim's Surface: a u x v grid of faces (each a closed path of four straight cubics in uv
/// space, every point then mapped through `func`), shaded in 3-D. Children: the faces, u-major.
class Surface : public Mobject {
public:
    Surface(Function<Vec3(double, double)> func, const SurfaceOptions& o = {});
    /// Wraps a handle made by Surface (throws std::invalid_argument otherwise).
    explicit Surface(const Mobject& m);
    /// Face (i, j) gets colors[(i + j) % n], and `opacity` when given.
    Surface& set_fill_by_checkerboard(const std::vector<Color>& colors, std::optional<double> opacity = std::nullopt);
    /// Manim's set_fill_by_value: each face coloured by its midpoint's coordinate `axis` on
    /// `axes` over the colour scale spread across that axis' range.
    Surface& set_fill_by_value(const ThreeDAxes& axes, const std::vector<Color>& colorscale, int axis = 2);
    /// Manim's set_style on the family (hides Mobject::set_style(Style), which sets one path's
    /// whole style: a braced list would fit both).
    Surface& set_style(const StyleOptions& o);
    /// The grid's resolution (u, v).
    std::array<int, 2> resolution() const;
};

/// Manim's Sphere (Cairo's default resolution (24, 12)).
struct SphereOptions {
    Vec3 center{};
    double radius = 1.0;
    std::array<int, 2> resolution{24, 12};
    std::array<double, 2> u_range{0, TAU};
    std::array<double, 2> v_range{0, PI};
    SurfaceOptions surface{};
};
Surface Sphere(const SphereOptions& o = {});

/// Manim's Dot3D: a sphere of DEFAULT_DOT_RADIUS at `point`, one colour, resolution (8, 8).
struct Dot3DOptions {
    double radius = 0.08;
    Color color = WHITE;
    std::array<int, 2> resolution{8, 8};
};
Surface Dot3D(Vec3 point = {}, const Dot3DOptions& o = {});

/// Manim's Torus (Cairo's default resolution (24, 24)).
struct TorusOptions {
    double major_radius = 3.0;
    double minor_radius = 1.0;
    std::array<double, 2> u_range{0, TAU};
    std::array<double, 2> v_range{0, TAU};
    std::array<int, 2> resolution{24, 24};
    SurfaceOptions surface{};
};
Surface Torus(const TorusOptions& o = {});

/// Manim's Cone: a surface of revolution from the apex (at the origin, before turning to
/// `direction`) down to the base circle, resolution (32, 32), no checkerboard.
struct ConeOptions {
    double base_radius = 1.0;
    double height = 1.0;
    Vec3 direction = OUT;
    /// A flat, unshaded Circle closing the base (Manim's show_base).
    bool show_base = false;
    double u_min = 0.0;
    SurfaceOptions surface{.checkerboard_colors = {}};
};
Surface Cone(const ConeOptions& o = {});

/// Manim's Cylinder: radius, height along `direction`, resolution (24, 24), with shaded end
/// discs (show_ends).
struct CylinderOptions {
    double radius = 1.0;
    double height = 2.0;
    Vec3 direction = OUT;
    bool show_ends = true;
    std::array<int, 2> resolution{24, 24};
    SurfaceOptions surface{};
};
Surface Cylinder(const CylinderOptions& o = {});

/// Manim's Line3D: a thin cylinder from `start` to `end`.
struct Line3DOptions {
    double thickness = 0.02;
    std::optional<Color> color;
};
Surface Line3D(Vec3 start = Vec3(LEFT), Vec3 end = Vec3(RIGHT), const Line3DOptions& o = {});

/// Manim's Arrow3D: a Line3D shortened by the tip's height and a Cone tip at `end`.
struct Arrow3DOptions {
    double thickness = 0.02;
    double height = 0.3;
    double base_radius = 0.08;
    Color color = WHITE;
};
Surface Arrow3D(Vec3 start = Vec3(LEFT), Vec3 end = Vec3(RIGHT), const Arrow3DOptions& o = {});

/// Manim's Cube: six shaded squares (Square.flip, shifted OUT, turned by z_to_vector).
struct CubeOptions {
    double side_length = 2.0;
    double fill_opacity = 0.75;
    Color fill_color = BLUE;
    double stroke_width = 0.0;
};
Mobject Cube(const CubeOptions& o = {});
/// Manim's Prism: a cube stretched to `dimensions` (x, y, z).
Mobject Prism(Vec3 dimensions = {3, 2, 1}, const CubeOptions& o = {});

/// Manim's ThreeDAxes keywords (ranges, lengths; axes in 20 shaded pieces as Cairo draws them).
struct ThreeDAxesOptions {
    std::array<double, 3> x_range{-6, 6, 1};
    std::array<double, 3> y_range{-5, 5, 1};
    std::array<double, 3> z_range{-4, 4, 1};
    double x_length = kFrameHeight + 2.5;
    double y_length = kFrameHeight + 2.5;
    double z_length = kFrameHeight - 1.5;
    int num_axis_pieces = 20;
    bool tips = true;
};

/// Manim's ThreeDAxes: an Axes plus a z axis turned up out of the plane (its ticks along x),
/// each axis cut into num_axis_pieces shaded pieces. Children: x, y and z axes.
class ThreeDAxes : public Mobject {
public:
    explicit ThreeDAxes(const ThreeDAxesOptions& o = {});
    explicit ThreeDAxes(const Mobject& m);
    /// Manim's coords_to_point / c2p in 3-D.
    Vec3 c2p(double x, double y, double z = 0.0) const;
    /// Manim's point_to_coords / p2c in 3-D.
    std::array<double, 3> p2c(Vec3 p) const;
    Mobject x_axis() const;
    Mobject y_axis() const;
    Mobject z_axis() const;
    const ThreeDAxesOptions& options() const;
};

} // namespace reel
