// Points, colours, Bezier paths and bounds: the vocabulary every other layer speaks.
#pragma once

#include <array>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "reel/shared.h"

namespace reel {

/// Time in seconds. The one unit of time in Reel; frame indices are plain integers.
using Seconds = double;

/// A point or vector in scene units (the frame is 8 units high, +y points up).
struct Vec2 {
    double x = 0.0;
    double y = 0.0;

    constexpr Vec2 operator+(Vec2 o) const { return {x + o.x, y + o.y}; }
    constexpr Vec2 operator-(Vec2 o) const { return {x - o.x, y - o.y}; }
    constexpr Vec2 operator-() const { return {-x, -y}; }
    constexpr Vec2 operator*(double s) const { return {x * s, y * s}; }
    constexpr Vec2 operator/(double s) const { return {x / s, y / s}; }
    constexpr Vec2& operator+=(Vec2 o) { x += o.x; y += o.y; return *this; }
    constexpr Vec2& operator-=(Vec2 o) { x -= o.x; y -= o.y; return *this; }
    constexpr bool operator==(const Vec2&) const = default;
    /// Euclidean length.
    double norm() const;
};
constexpr Vec2 operator*(double s, Vec2 v) { return v * s; }

/// A point or vector in 3-D scene units (Manim's points: +z points out of the screen). A Vec2
/// is the point of the z = 0 plane.
struct Vec3 {
    double x = 0.0;
    double y = 0.0;
    double z = 0.0;

    constexpr Vec3() = default;
    constexpr Vec3(double x_, double y_, double z_) : x(x_), y(y_), z(z_) {}
    constexpr Vec3(Vec2 v) : x(v.x), y(v.y) {} // NOLINT: a 2-D point is a 3-D one at z = 0
    constexpr Vec3 operator+(Vec3 o) const { return {x + o.x, y + o.y, z + o.z}; }
    constexpr Vec3 operator-(Vec3 o) const { return {x - o.x, y - o.y, z - o.z}; }
    constexpr Vec3 operator-() const { return {-x, -y, -z}; }
    constexpr Vec3 operator*(double s) const { return {x * s, y * s, z * s}; }
    constexpr Vec3 operator/(double s) const { return {x / s, y / s, z / s}; }
    constexpr bool operator==(const Vec3&) const = default;
    /// The x and y coordinates.
    constexpr Vec2 xy() const { return {x, y}; }
    /// Euclidean length.
    double norm() const;
};
constexpr Vec3 operator*(double s, Vec3 v) { return v * s; }
constexpr Vec3 operator+(Vec2 a, Vec3 b) { return Vec3(a) + b; }
constexpr Vec3 operator+(Vec3 a, Vec2 b) { return a + Vec3(b); }
constexpr double dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
constexpr Vec3 cross(Vec3 a, Vec3 b) {
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

inline constexpr Vec2 ORIGIN{0, 0};
inline constexpr Vec2 UP{0, 1};
inline constexpr Vec2 DOWN{0, -1};
inline constexpr Vec2 LEFT{-1, 0};
inline constexpr Vec2 RIGHT{1, 0};
inline constexpr Vec2 UL{-1, 1};
inline constexpr Vec2 UR{1, 1};
inline constexpr Vec2 DL{-1, -1};
inline constexpr Vec2 DR{1, -1};
/// Manim's OUT and IN: towards and away from the viewer of the unrotated camera.
inline constexpr Vec3 OUT{0, 0, 1};
inline constexpr Vec3 IN{0, 0, -1};
inline constexpr double PI = 3.14159265358979323846;
inline constexpr double TAU = 2 * PI;
/// Manim's DEGREES: radians per degree (`30 * DEGREES`).
inline constexpr double DEGREES = TAU / 360;

/// Manim's buffers (manim/constants.py).
inline constexpr double SMALL_BUFF = 0.1;
inline constexpr double MED_SMALL_BUFF = 0.25;
inline constexpr double MED_LARGE_BUFF = 0.5;
inline constexpr double LARGE_BUFF = 1.0;

/// numpy's arange: start, start + step, ... while below stop (above it for a negative step),
/// ceil((stop - start) / step) values, each computed as numpy does (start + i * delta, delta =
/// (start + step) - start: no accumulated rounding, and numpy's own last digits). Throws std::invalid_argument for a zero or non-finite
/// step.
std::vector<double> arange(double start, double stop, double step = 1.0);
/// numpy's arange(stop): 0, 1, ... below stop.
inline std::vector<double> arange(double stop) { return arange(0.0, stop, 1.0); }
/// numpy's linspace(start, stop, num): value i is i * ((stop - start) / (num - 1)) + start,
/// the last exactly stop (numpy 1.24's arithmetic). Throws std::invalid_argument if num < 0.
std::vector<double> linspace(double start, double stop, int num = 50);

/// Linear interpolation a + (b - a) * t.
constexpr double lerp(double a, double b, double t) { return a + (b - a) * t; }
constexpr Vec2 lerp(Vec2 a, Vec2 b, double t) { return {lerp(a.x, b.x, t), lerp(a.y, b.y, t)}; }

/// A gamma-encoded sRGB colour, channels in [0, 1] (Manim's float rgb).
struct Color {
    double r = 1.0;
    double g = 1.0;
    double b = 1.0;

    constexpr bool operator==(const Color&) const = default;
    /// Parses "#RRGGBB" or "#RGB"; returns false on malformed input.
    static bool parse(std::string_view text, Color& out);
    /// "#RRGGBB" or "#RGB"; asserts on malformed input (for constants in code).
    static Color hex(std::string_view text);
    /// "#rrggbb".
    std::array<char, 8> to_hex() const;
};

/// A colour from 0xRRGGBB (each channel / 255, as Manim reads a hex string).
constexpr Color rgb(std::uint32_t hex) {
    return {((hex >> 16) & 0xFF) / 255.0, ((hex >> 8) & 0xFF) / 255.0, (hex & 0xFF) / 255.0};
}

/// Manim CE 0.17.3's named colours (manim/utils/color.py, class Colors), every GRAY also
/// spelt GREY.
inline constexpr Color WHITE = rgb(0xFFFFFF);
inline constexpr Color GRAY_A = rgb(0xDDDDDD);
inline constexpr Color GREY_A = GRAY_A;
inline constexpr Color GRAY_B = rgb(0xBBBBBB);
inline constexpr Color GREY_B = GRAY_B;
inline constexpr Color GRAY_C = rgb(0x888888);
inline constexpr Color GREY_C = GRAY_C;
inline constexpr Color GRAY_D = rgb(0x444444);
inline constexpr Color GREY_D = GRAY_D;
inline constexpr Color GRAY_E = rgb(0x222222);
inline constexpr Color GREY_E = GRAY_E;
inline constexpr Color BLACK = rgb(0x000000);
inline constexpr Color LIGHTER_GRAY = rgb(0xDDDDDD);
inline constexpr Color LIGHTER_GREY = LIGHTER_GRAY;
inline constexpr Color LIGHT_GRAY = rgb(0xBBBBBB);
inline constexpr Color LIGHT_GREY = LIGHT_GRAY;
inline constexpr Color GRAY = rgb(0x888888);
inline constexpr Color GREY = GRAY;
inline constexpr Color DARK_GRAY = rgb(0x444444);
inline constexpr Color DARK_GREY = DARK_GRAY;
inline constexpr Color DARKER_GRAY = rgb(0x222222);
inline constexpr Color DARKER_GREY = DARKER_GRAY;
inline constexpr Color BLUE_A = rgb(0xC7E9F1);
inline constexpr Color BLUE_B = rgb(0x9CDCEB);
inline constexpr Color BLUE_C = rgb(0x58C4DD);
inline constexpr Color BLUE_D = rgb(0x29ABCA);
inline constexpr Color BLUE_E = rgb(0x236B8E);
inline constexpr Color PURE_BLUE = rgb(0x0000FF);
inline constexpr Color BLUE = rgb(0x58C4DD);
inline constexpr Color DARK_BLUE = rgb(0x236B8E);
inline constexpr Color TEAL_A = rgb(0xACEAD7);
inline constexpr Color TEAL_B = rgb(0x76DDC0);
inline constexpr Color TEAL_C = rgb(0x5CD0B3);
inline constexpr Color TEAL_D = rgb(0x55C1A7);
inline constexpr Color TEAL_E = rgb(0x49A88F);
inline constexpr Color TEAL = rgb(0x5CD0B3);
inline constexpr Color GREEN_A = rgb(0xC9E2AE);
inline constexpr Color GREEN_B = rgb(0xA6CF8C);
inline constexpr Color GREEN_C = rgb(0x83C167);
inline constexpr Color GREEN_D = rgb(0x77B05D);
inline constexpr Color GREEN_E = rgb(0x699C52);
inline constexpr Color PURE_GREEN = rgb(0x00FF00);
inline constexpr Color GREEN = rgb(0x83C167);
inline constexpr Color YELLOW_A = rgb(0xFFF1B6);
inline constexpr Color YELLOW_B = rgb(0xFFEA94);
inline constexpr Color YELLOW_C = rgb(0xFFFF00);
inline constexpr Color YELLOW_D = rgb(0xF4D345);
inline constexpr Color YELLOW_E = rgb(0xE8C11C);
inline constexpr Color YELLOW = rgb(0xFFFF00);
inline constexpr Color GOLD_A = rgb(0xF7C797);
inline constexpr Color GOLD_B = rgb(0xF9B775);
inline constexpr Color GOLD_C = rgb(0xF0AC5F);
inline constexpr Color GOLD_D = rgb(0xE1A158);
inline constexpr Color GOLD_E = rgb(0xC78D46);
inline constexpr Color GOLD = rgb(0xF0AC5F);
inline constexpr Color RED_A = rgb(0xF7A1A3);
inline constexpr Color RED_B = rgb(0xFF8080);
inline constexpr Color RED_C = rgb(0xFC6255);
inline constexpr Color RED_D = rgb(0xE65A4C);
inline constexpr Color RED_E = rgb(0xCF5044);
inline constexpr Color PURE_RED = rgb(0xFF0000);
inline constexpr Color RED = rgb(0xFC6255);
inline constexpr Color MAROON_A = rgb(0xECABC1);
inline constexpr Color MAROON_B = rgb(0xEC92AB);
inline constexpr Color MAROON_C = rgb(0xC55F73);
inline constexpr Color MAROON_D = rgb(0xA24D61);
inline constexpr Color MAROON_E = rgb(0x94424F);
inline constexpr Color MAROON = rgb(0xC55F73);
inline constexpr Color PURPLE_A = rgb(0xCAA3E8);
inline constexpr Color PURPLE_B = rgb(0xB189C6);
inline constexpr Color PURPLE_C = rgb(0x9A72AC);
inline constexpr Color PURPLE_D = rgb(0x715582);
inline constexpr Color PURPLE_E = rgb(0x644172);
inline constexpr Color PURPLE = rgb(0x9A72AC);
inline constexpr Color PINK = rgb(0xD147BD);
inline constexpr Color LIGHT_PINK = rgb(0xDC75CD);
inline constexpr Color ORANGE = rgb(0xFF862F);
inline constexpr Color LIGHT_BROWN = rgb(0xCD853F);
inline constexpr Color DARK_BROWN = rgb(0x8B4513);
inline constexpr Color GRAY_BROWN = rgb(0x736357);
inline constexpr Color GREY_BROWN = GRAY_BROWN;

/// Manim's interpolate_color: per-channel linear mix of the gamma-encoded triples (t unclamped).
constexpr Color interpolate_color(Color a, Color b, double t) {
    return {lerp(a.r, b.r, t), lerp(a.g, b.g, t), lerp(a.b, b.b, t)};
}

/// A path in Manim's layout: 4 points per cubic Bezier (anchor, handle, handle, anchor);
/// consecutive cubics of one subpath repeat the anchor. Size is a multiple of 4.
using Points = std::vector<Vec2>;
/// Immutable, shared geometry: snapshots of the timeline share these.
using PointsPtr = Shared<const Points>;
extern template class Shared<const Points>;

/// Manim's consider_points_equals_2d: the same point up to rtol 1e-5 (of b) and atol 1e-6 per
/// axis. Where a subpath ends and the next begins, and whether a subpath is closed.
inline bool points_equal_2d(Vec2 a, Vec2 b) {
    return std::abs(a.x - b.x) <= 1e-6 + 1e-5 * std::abs(b.x) &&
           std::abs(a.y - b.y) <= 1e-6 + 1e-5 * std::abs(b.y);
}

/// Number of cubics in a path.
inline std::size_t curve_count(const Points& p) { return p.size() / 4; }

/// Appends the straight segment a -> b as a cubic with handles at 1/3 and 2/3.
void add_line(Points& p, Vec2 a, Vec2 b);
/// Manim's set_points_as_corners: n - 1 straight cubics through the given corners.
Points corners_to_points(const std::vector<Vec2>& corners);

/// Axis-aligned box. `valid` is false for an empty point set.
struct Bounds {
    Vec2 min{0, 0};
    Vec2 max{0, 0};
    bool valid = false;

    void include(Vec2 p);
    void include(const Bounds& b);
    Vec2 center() const { return (min + max) * 0.5; }
    double width() const { return max.x - min.x; }
    double height() const { return max.y - min.y; }
    /// Manim's get_critical_point: per axis min (dir < 0), max (dir > 0) or midpoint (0).
    Vec2 critical_point(Vec2 dir) const;
};

/// Bounds of the anchors only (indices 0 and 3 of each cubic): Manim's layout box.
Bounds anchor_bounds(const Points& p);
/// Bounds of every point, handles included: Manim's width / height.
Bounds all_bounds(const Points& p);

/// Manim's pointwise_become_partial(src, a, b): the part of the path between proportions
/// a and b, split by curve index (not arc length).
Points partial_points(const Points& src, double a, double b);
/// Exact restriction of one cubic to the parameter interval [a, b] (de Casteljau).
std::array<Vec2, 4> partial_bezier(const std::array<Vec2, 4>& c, double a, double b);
/// Manim's align_points: makes `a` and `b` the same size (subpaths and curves inserted the
/// way Manim does), so they can be interpolated point by point.
void align_points(Points& a, Points& b);
/// Manim's insert_n_curves_to_point_list: n more cubics, each curve split into equal-parameter
/// pieces (the shape is unchanged).
Points insert_n_curves(const Points& p, std::size_t n);
/// Point-by-point interpolation of two paths of equal size.
Points interpolate_points(const Points& a, const Points& b, double t);

/// A 2-D affine map: x' = a x + b y + tx, y' = c x + d y + ty.
struct Affine {
    double a = 1, b = 0, c = 0, d = 1, tx = 0, ty = 0;

    Vec2 apply(Vec2 p) const { return {a * p.x + b * p.y + tx, c * p.x + d * p.y + ty}; }
    static Affine translate(Vec2 v) { return {1, 0, 0, 1, v.x, v.y}; }
    /// Scale by (sx, sy) about a point.
    static Affine scale_about(Vec2 about, double sx, double sy);
    /// Counter-clockwise rotation by `angle` radians about a point.
    static Affine rotate_about(Vec2 about, double angle);
};

/// Applies an affine map to every point.
Points transform_points(const Points& p, const Affine& m);

} // namespace reel
