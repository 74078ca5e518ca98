// Manim's geometry: one constructor per shape, each defined in its own file under
// src/mobjects/shapes/ (polygram.py, line.py, arc.py, tips.py, shape_matchers.py).
#pragma once

#include <optional>
#include <vector>

#include "reel/mobject.h"

namespace reel {

/// Keyword arguments of Manim's shape constructors. Unset colours keep the class default.
struct ShapeStyle {
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};

struct RectangleOptions {
    double width = 4.0;
    double height = 2.0;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
};
/// Manim's Rectangle: 4 straight cubics from the top-right corner, counter-clockwise.
Mobject Rectangle(const RectangleOptions& o = {});

struct SquareOptions {
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
};
/// Manim's Square(side_length).
Mobject Square(double side_length = 2.0, const SquareOptions& o = {});

struct RoundedRectangleOptions {
    double width = 4.0;
    double height = 2.0;
    double corner_radius = 0.5;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
};
/// Manim's RoundedRectangle: 8 cubics, corners with handle length r*pi/6.
Mobject RoundedRectangle(const RoundedRectangleOptions& o = {});

struct LineOptions {
    std::optional<Color> color;
    std::optional<double> stroke_width;
    double buff = 0.0;
};
/// Manim's Line(start, end): one straight cubic.
Mobject Line(Vec2 start, Vec2 end, const LineOptions& o = {});

/// Manim's VMobject(color, stroke_width) + set_points_as_corners(corners).
Mobject Polyline(const std::vector<Vec2>& corners, const LineOptions& o = {});

struct ArrowOptions {
    std::optional<Color> color;
    double stroke_width = 6.0;
    double buff = MED_SMALL_BUFF;
    double tip_length = 0.35;
    double max_tip_length_to_length_ratio = 0.25;
    double max_stroke_width_to_length_ratio = 5.0;
};
/// Manim's Arrow: trimmed shaft plus a filled triangular tip (a child), Manim's rules for
/// short arrows.
Mobject Arrow(Vec2 start, Vec2 end, const ArrowOptions& o = {});

struct SurroundingRectangleOptions {
    Color color = YELLOW;
    double buff = SMALL_BUFF;
    double stroke_width = 4.0;
    double corner_radius = 0.0;
};
/// Manim's SurroundingRectangle: sized from the all-points width/height of `m` plus 2 buff.
Mobject SurroundingRectangle(const Mobject& m, const SurroundingRectangleOptions& o = {});

// ── arc.py ────────────────────────────────────────────────────────────────────────────────
/// Manim's DEFAULT_DOT_RADIUS and DEFAULT_SMALL_DOT_RADIUS.
inline constexpr double kDefaultDotRadius = 0.08;
inline constexpr double kDefaultSmallDotRadius = 0.04;
/// Manim's DEFAULT_ARROW_TIP_LENGTH.
inline constexpr double kDefaultArrowTipLength = 0.35;

struct ArcOptions {
    double radius = 1.0;
    double start_angle = 0.0;
    double angle = TAU / 4;
    /// Anchors (Manim's num_components): 8 cubics by default.
    int num_components = 9;
    Vec2 arc_center = ORIGIN;
};
/// Manim's Arc: num_components anchors on the circle, handles d_theta/3 along the tangents.
Mobject Arc(const ArcOptions& o = {}, const ShapeStyle& style = {});
/// Manim's ArcBetweenPoints(start, end, angle): an Arc of `angle` put on start and end; with a
/// radius the angle follows from it (negative radius: the other side). Throws
/// std::invalid_argument if |radius| is less than half the distance.
Mobject ArcBetweenPoints(Vec2 start, Vec2 end, double angle = TAU / 4,
                         std::optional<double> radius = std::nullopt, const ShapeStyle& style = {});
/// Manim's CurvedArrow: ArcBetweenPoints with a filled tip at the end.
Mobject CurvedArrow(Vec2 start, Vec2 end, double angle = TAU / 4,
                    std::optional<double> radius = std::nullopt, const ShapeStyle& style = {});
/// Manim's CurvedDoubleArrow: tips at both ends.
Mobject CurvedDoubleArrow(Vec2 start, Vec2 end, double angle = TAU / 4,
                          std::optional<double> radius = std::nullopt,
                          const ShapeStyle& style = {});
/// Manim's Circle (default colour RED).
Mobject Circle(double radius = 1.0, const ShapeStyle& style = {});
/// Manim's Dot: a filled circle of radius 0.08, no stroke, WHITE.
Mobject Dot(Vec2 point = ORIGIN, double radius = kDefaultDotRadius, const ShapeStyle& style = {});
/// Manim's SmallDot: a Dot of radius 0.04.
Mobject SmallDot(Vec2 point = ORIGIN, const ShapeStyle& style = {});
/// Manim's Ellipse: a Circle stretched to width x height.
Mobject Ellipse(double width = 2.0, double height = 1.0, const ShapeStyle& style = {});
/// Manim's Annulus: outer circle and reversed inner circle, filled, no stroke, WHITE.
Mobject Annulus(double inner_radius = 1.0, double outer_radius = 2.0, const ShapeStyle& style = {});
struct SectorOptions {
    double outer_radius = 1.0;
    double inner_radius = 0.0;
    double angle = TAU / 4;
    double start_angle = 0.0;
    Vec2 arc_center = ORIGIN;
};
/// Manim's AnnularSector: inner arc, line, reversed outer arc, line; filled, no stroke.
Mobject AnnularSector(const SectorOptions& o = {.outer_radius = 2.0, .inner_radius = 1.0},
                      const ShapeStyle& style = {});
/// Manim's Sector (an AnnularSector with inner radius 0, outer radius 1).
Mobject Sector(const SectorOptions& o = {}, const ShapeStyle& style = {});

// ── polygram.py ───────────────────────────────────────────────────────────────────────────
/// Manim's Polygon: the vertices and the first again as straight cubics (default BLUE).
Mobject Polygon(const std::vector<Vec2>& vertices, const ShapeStyle& style = {});
/// Manim's Polygram: several closed vertex groups in one path.
Mobject Polygram(const std::vector<std::vector<Vec2>>& groups, const ShapeStyle& style = {});
/// Manim's RegularPolygon(n): vertices on a circle of `radius`, first at 90 degrees for odd
/// n and 0 for even n unless start_angle is given.
Mobject RegularPolygon(int n = 6, double radius = 1.0,
                       std::optional<double> start_angle = std::nullopt,
                       const ShapeStyle& style = {});
/// Manim's Triangle: RegularPolygon(3).
Mobject Triangle(const ShapeStyle& style = {});
struct StarOptions {
    int n = 5;
    double outer_radius = 1.0;
    /// Unset: the radius that makes the edges follow the {n/density} polygram.
    std::optional<double> inner_radius;
    int density = 2;
    double start_angle = TAU / 4;
};
/// Manim's Star. Throws std::invalid_argument for a density outside [1, n/2) without an
/// inner radius.
Mobject Star(const StarOptions& o = {}, const ShapeStyle& style = {});

// ── line.py ───────────────────────────────────────────────────────────────────────────────
struct DashedLineOptions {
    std::optional<Color> color;
    std::optional<double> stroke_width;
    double buff = 0.0;
    /// Manim's DEFAULT_DASH_LENGTH.
    double dash_length = 0.05;
    double dashed_ratio = 0.5;
};
/// Manim's DashedLine: max(2, ceil(length / dash_length * ratio)) dashes as children, evenly
/// spaced with a dash at each end (DashedVMobject).
Mobject DashedLine(Vec2 start = LEFT, Vec2 end = RIGHT, const DashedLineOptions& o = {});
/// Manim's DoubleArrow: an Arrow with a second tip at its start.
Mobject DoubleArrow(Vec2 start, Vec2 end, const ArrowOptions& o = {});
/// Manim's Vector(direction): an Arrow from the origin with buff 0 (o.buff is ignored).
Mobject Vector(Vec2 direction = RIGHT, const ArrowOptions& o = {});

// ── shape_matchers.py ─────────────────────────────────────────────────────────────────────
struct BackgroundRectangleOptions {
    Color color = BLACK;
    double fill_opacity = 0.75;
    double stroke_width = 0.0;
    double stroke_opacity = 0.0;
    double buff = 0.0;
};
/// Manim's BackgroundRectangle: a SurroundingRectangle filled with the background colour.
Mobject BackgroundRectangle(const Mobject& m, const BackgroundRectangleOptions& o = {});
struct CrossOptions {
    Color stroke_color = RED;
    double stroke_width = 6.0;
    double scale_factor = 1.0;
};
/// Manim's Cross: two lines corner to corner over m's bounding box.
Mobject Cross(const Mobject& m, const CrossOptions& o = {});
struct UnderlineOptions {
    std::optional<Color> color;
    std::optional<double> stroke_width;
    double buff = SMALL_BUFF;
};
/// Manim's Underline: a Line the width of m, `buff` below it.
Mobject Underline(const Mobject& m, const UnderlineOptions& o = {});

// ── vectorized_mobject.py ─────────────────────────────────────────────────────────────────
/// Manim's empty VMobject with a style (WHITE stroke, width 4): give it points with
/// set_points_as_corners or set_points_smoothly.
Mobject VMobject(const ShapeStyle& style = {});

} // namespace reel
