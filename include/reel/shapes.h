// Manim's geometry: one constructor per shape, each defined in its own file under
// src/mobjects/shapes/ (polygram.py, line.py, arc.py, tips.py, shape_matchers.py).
#pragma once

#include <optional>
#include <vector>

#include "reel/mobject.h"

namespace reel {

// One convention for every shape, as Manim's constructors read:
//
//     Shape(geometry..., const ShapeOptions& o = {})
//
// The geometry is what Manim's examples pass positionally: points (Dot, Line, Arrow, Polygon),
// the mobject a matcher surrounds, and the one size Manim takes first (Square's side, Circle's
// radius, RegularPolygon's n). When Manim gives that geometry a default, `Shape(o)` alone is the
// shape at the default: `Dot({.color = BLUE})`, `Square({.fill_opacity = 1})`. The options are
// Manim's keyword arguments with Manim's defaults: the shape's own first, then the style fields
// every shape has, named and ordered as here:
//     color, fill_color, fill_opacity, stroke_color, stroke_width, stroke_opacity
// An unset style field keeps the class default (`color` sets fill and stroke, then fill_color /
// stroke_color override it). Write only what differs from Manim.

/// The style keyword arguments, the options of shapes without keyword arguments of their own.
struct ShapeStyle {
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};

// ── polygram.py ───────────────────────────────────────────────────────────────────────────
/// Rectangle's keyword arguments.
struct RectangleOptions {
    double width = 4.0;
    double height = 2.0;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's Rectangle: 4 straight cubics from the top-right corner, counter-clockwise.
Mobject Rectangle(const RectangleOptions& o = {});

/// Manim's Square(side_length), 2 by default.
Mobject Square(double side_length, const ShapeStyle& o = {});
Mobject Square(const ShapeStyle& o = {});

/// RoundedRectangle's keyword arguments.
struct RoundedRectangleOptions {
    double width = 4.0;
    double height = 2.0;
    double corner_radius = 0.5;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's RoundedRectangle: 8 cubics, corners with handle length r*pi/6.
Mobject RoundedRectangle(const RoundedRectangleOptions& o = {});

/// Manim's Polygon: the vertices and the first again as straight cubics (default BLUE).
Mobject Polygon(const std::vector<Vec2>& vertices, const ShapeStyle& o = {});
/// Manim's Polygram: several closed vertex groups in one path.
Mobject Polygram(const std::vector<std::vector<Vec2>>& groups, const ShapeStyle& o = {});
/// RegularPolygon's keyword arguments.
struct RegularPolygonOptions {
    double radius = 1.0;
    /// Unset: 90 degrees for odd n, 0 for even n.
    std::optional<double> start_angle;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's RegularPolygon(n), 6 by default: vertices on a circle of `radius`. Throws
/// std::invalid_argument for n < 3.
Mobject RegularPolygon(int n, const RegularPolygonOptions& o = {});
Mobject RegularPolygon(const RegularPolygonOptions& o = {});
/// Manim's Triangle: RegularPolygon(3).
Mobject Triangle(const ShapeStyle& o = {});
/// Star's keyword arguments.
struct StarOptions {
    int n = 5;
    double outer_radius = 1.0;
    /// Unset: the radius that makes the edges follow the {n/density} polygram.
    std::optional<double> inner_radius;
    int density = 2;
    double start_angle = TAU / 4;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's Star. Throws std::invalid_argument for a density outside [1, n/2) without an
/// inner radius.
Mobject Star(const StarOptions& o = {});

// ── line.py ───────────────────────────────────────────────────────────────────────────────
/// Line's keyword arguments.
struct LineOptions {
    /// Trimmed off both ends (when the line is at least 2 buff long).
    double buff = 0.0;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's Line(start, end): one straight cubic; LEFT to RIGHT by default.
Mobject Line(Vec2 start, Vec2 end, const LineOptions& o = {});
Mobject Line(const LineOptions& o = {});

/// DashedLine's keyword arguments.
struct DashedLineOptions {
    double buff = 0.0;
    /// Manim's DEFAULT_DASH_LENGTH.
    double dash_length = 0.05;
    double dashed_ratio = 0.5;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's DashedLine: max(2, ceil(length / dash_length * ratio)) dashes as children, evenly
/// spaced with a dash at each end (DashedVMobject); LEFT to RIGHT by default.
Mobject DashedLine(Vec2 start, Vec2 end, const DashedLineOptions& o = {});
Mobject DashedLine(const DashedLineOptions& o = {});

/// Arrow's keyword arguments (stroke_width 6 unless given).
struct ArrowOptions {
    double buff = MED_SMALL_BUFF;
    double tip_length = 0.35;
    double max_tip_length_to_length_ratio = 0.25;
    double max_stroke_width_to_length_ratio = 5.0;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's Arrow: trimmed shaft plus a filled triangular tip (a child), Manim's rules for
/// short arrows.
Mobject Arrow(Vec2 start, Vec2 end, const ArrowOptions& o = {});
/// Manim's DoubleArrow: an Arrow with a second tip at its start.
Mobject DoubleArrow(Vec2 start, Vec2 end, const ArrowOptions& o = {});
/// Manim's Vector(direction): an Arrow from the origin with buff 0 (o.buff is ignored). No
/// options-only form: `Vector({1, 2})` would read as options too.
Mobject Vector(Vec2 direction = RIGHT, const ArrowOptions& o = {});

/// Manim's VMobject(style) + set_points_as_corners(corners).
Mobject Polyline(const std::vector<Vec2>& corners, const ShapeStyle& o = {});

// ── arc.py ────────────────────────────────────────────────────────────────────────────────
/// Manim's DEFAULT_DOT_RADIUS and DEFAULT_SMALL_DOT_RADIUS.
inline constexpr double kDefaultDotRadius = 0.08;
inline constexpr double kDefaultSmallDotRadius = 0.04;
/// Manim's DEFAULT_ARROW_TIP_LENGTH.
inline constexpr double kDefaultArrowTipLength = 0.35;

/// Arc's keyword arguments.
struct ArcOptions {
    double radius = 1.0;
    double start_angle = 0.0;
    double angle = TAU / 4;
    /// Anchors (Manim's num_components): 8 cubics by default.
    int num_components = 9;
    Vec2 arc_center = ORIGIN;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's Arc: num_components anchors on the circle, handles d_theta/3 along the tangents.
Mobject Arc(const ArcOptions& o = {});
/// ArcBetweenPoints', CurvedArrow's and CurvedDoubleArrow's keyword arguments.
struct ArcBetweenPointsOptions {
    double angle = TAU / 4;
    /// Given: the angle follows from it (negative: the other side).
    std::optional<double> radius;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's ArcBetweenPoints(start, end): an Arc of `angle` put on start and end. Throws
/// std::invalid_argument if |radius| is less than half the distance.
Mobject ArcBetweenPoints(Vec2 start, Vec2 end, const ArcBetweenPointsOptions& o = {});
/// Manim's CurvedArrow: ArcBetweenPoints with a filled tip at the end.
Mobject CurvedArrow(Vec2 start, Vec2 end, const ArcBetweenPointsOptions& o = {});
/// Manim's CurvedDoubleArrow: tips at both ends.
Mobject CurvedDoubleArrow(Vec2 start, Vec2 end, const ArcBetweenPointsOptions& o = {});
/// Manim's Circle(radius), 1 by default (default colour RED).
Mobject Circle(double radius, const ShapeStyle& o = {});
Mobject Circle(const ShapeStyle& o = {});
/// Dot's keyword arguments (filled, no stroke, WHITE unless given).
struct DotOptions {
    double radius = kDefaultDotRadius;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's Dot(point), at ORIGIN by default.
Mobject Dot(Vec2 point, const DotOptions& o = {});
Mobject Dot(const DotOptions& o = {});
/// Manim's SmallDot: a Dot of radius 0.04.
Mobject SmallDot(Vec2 point, const ShapeStyle& o = {});
Mobject SmallDot(const ShapeStyle& o = {});
/// Ellipse's keyword arguments.
struct EllipseOptions {
    double width = 2.0;
    double height = 1.0;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's Ellipse: a Circle stretched to width x height.
Mobject Ellipse(const EllipseOptions& o = {});
/// Annulus' keyword arguments (filled, no stroke, WHITE unless given).
struct AnnulusOptions {
    double inner_radius = 1.0;
    double outer_radius = 2.0;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's Annulus: outer circle and reversed inner circle.
Mobject Annulus(const AnnulusOptions& o = {});
/// AnnularSector's keyword arguments (filled, no stroke, WHITE unless given).
struct AnnularSectorOptions {
    double inner_radius = 1.0;
    double outer_radius = 2.0;
    double angle = TAU / 4;
    double start_angle = 0.0;
    Vec2 arc_center = ORIGIN;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's AnnularSector: inner arc, line, reversed outer arc, line.
Mobject AnnularSector(const AnnularSectorOptions& o = {});
/// Sector's keyword arguments (Manim's defaults differ from AnnularSector's).
struct SectorOptions {
    double outer_radius = 1.0;
    double inner_radius = 0.0;
    double angle = TAU / 4;
    double start_angle = 0.0;
    Vec2 arc_center = ORIGIN;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's Sector: an AnnularSector with inner radius 0 and outer radius 1 by default.
Mobject Sector(const SectorOptions& o = {});

// ── shape_matchers.py ─────────────────────────────────────────────────────────────────────
/// SurroundingRectangle's keyword arguments (YELLOW unless given).
struct SurroundingRectangleOptions {
    double buff = SMALL_BUFF;
    double corner_radius = 0.0;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's SurroundingRectangle: sized from the all-points width/height of `m` plus 2 buff.
Mobject SurroundingRectangle(const Mobject& m, const SurroundingRectangleOptions& o = {});
/// BackgroundRectangle's keyword arguments (BLACK, fill opacity 0.75, no stroke unless given).
struct BackgroundRectangleOptions {
    double buff = 0.0;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's BackgroundRectangle: a SurroundingRectangle filled with the background colour.
Mobject BackgroundRectangle(const Mobject& m, const BackgroundRectangleOptions& o = {});
/// Cross' keyword arguments (stroke RED, width 6 unless given).
struct CrossOptions {
    double scale_factor = 1.0;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's Cross: two lines corner to corner over m's bounding box.
Mobject Cross(const Mobject& m, const CrossOptions& o = {});
/// Underline's keyword arguments.
struct UnderlineOptions {
    double buff = SMALL_BUFF;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's Underline: a Line the width of m, `buff` below it.
Mobject Underline(const Mobject& m, const UnderlineOptions& o = {});

// ── vectorized_mobject.py ─────────────────────────────────────────────────────────────────
/// Manim's empty VMobject with a style (WHITE stroke, width 4): give it points with
/// set_points_as_corners or set_points_smoothly.
Mobject VMobject(const ShapeStyle& o = {});

} // namespace reel
