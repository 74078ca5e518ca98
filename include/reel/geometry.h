// Points, colours, Bezier paths and bounds: the vocabulary every other layer speaks.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

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

inline constexpr Vec2 ORIGIN{0, 0};
inline constexpr Vec2 UP{0, 1};
inline constexpr Vec2 DOWN{0, -1};
inline constexpr Vec2 LEFT{-1, 0};
inline constexpr Vec2 RIGHT{1, 0};
inline constexpr Vec2 UL{-1, 1};
inline constexpr Vec2 UR{1, 1};
inline constexpr Vec2 DL{-1, -1};
inline constexpr Vec2 DR{1, -1};
inline constexpr double PI = 3.14159265358979323846;
inline constexpr double TAU = 2 * PI;

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

/// Manim CE colour constants (manim/utils/color.py).
inline constexpr Color WHITE{1, 1, 1};
inline constexpr Color BLACK{0, 0, 0};
inline constexpr Color GRAY{0x88 / 255.0, 0x88 / 255.0, 0x88 / 255.0};
inline constexpr Color GREY = GRAY;
inline constexpr Color DARK_GRAY{0x44 / 255.0, 0x44 / 255.0, 0x44 / 255.0};
inline constexpr Color LIGHT_GRAY{0xBB / 255.0, 0xBB / 255.0, 0xBB / 255.0};
inline constexpr Color BLUE{0x58 / 255.0, 0xC4 / 255.0, 0xDD / 255.0};
inline constexpr Color DARK_BLUE{0x23 / 255.0, 0x6B / 255.0, 0x8E / 255.0};
inline constexpr Color TEAL{0x5C / 255.0, 0xD0 / 255.0, 0xB3 / 255.0};
inline constexpr Color GREEN{0x83 / 255.0, 0xC1 / 255.0, 0x67 / 255.0};
inline constexpr Color YELLOW{0xFF / 255.0, 0xFF / 255.0, 0x00 / 255.0};
inline constexpr Color RED{0xFC / 255.0, 0x62 / 255.0, 0x55 / 255.0};
inline constexpr Color ORANGE{0xFF / 255.0, 0x86 / 255.0, 0x2F / 255.0};
inline constexpr Color PURPLE{0x9A / 255.0, 0x72 / 255.0, 0xAC / 255.0};

/// Manim's interpolate_color: per-channel linear mix of the gamma-encoded triples (t unclamped).
constexpr Color interpolate_color(Color a, Color b, double t) {
    return {lerp(a.r, b.r, t), lerp(a.g, b.g, t), lerp(a.b, b.b, t)};
}

/// A path in Manim's layout: 4 points per cubic Bezier (anchor, handle, handle, anchor);
/// consecutive cubics of one subpath repeat the anchor. Size is a multiple of 4.
using Points = std::vector<Vec2>;
/// Immutable, shared geometry: snapshots of the timeline share these.
using PointsPtr = std::shared_ptr<const Points>;

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
