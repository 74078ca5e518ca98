// Manim's Angle and RightAngle (geometry/line.py): the arc (or elbow) marking the angle
// between two lines.
#pragma once

#include <array>
#include <optional>

#include "reel/shapes.h"

namespace reel {

/// Angle's keyword arguments (Manim's names and defaults), then the style.
struct AngleOptions {
    /// Unset: 0.4, or 2/3 of the shorter distance from the intersection to the lines' chosen
    /// ends when that is under 0.6.
    std::optional<double> radius;
    /// Which ends of line1 and line2 the angle opens towards: +1 the end, -1 the start.
    std::array<int, 2> quadrant{1, 1};
    /// The reflex angle, drawn clockwise (negative angle).
    bool other_angle = false;
    /// A dot inside the arc, at dot_distance of the radius (radius / 10 unless dot_radius).
    bool dot = false;
    std::optional<double> dot_radius;
    double dot_distance = 0.55;
    Color dot_color = WHITE;
    /// Two straight segments (RightAngle) instead of an arc.
    bool elbow = false;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};

/// Manim's Angle(line1, line2): an Arc centred on the lines' intersection from line1's
/// direction to line2's (counter-clockwise, or clockwise with other_angle), with the dot as
/// its child. Throws std::invalid_argument for parallel lines.
Mobject Angle(const Mobject& line1, const Mobject& line2, const AngleOptions& o = {});
/// Manim's Angle.get_value(): the angle an Angle (not an elbow) spans, in radians (negative
/// for other_angle). Throws std::invalid_argument for a mobject Angle did not make.
double angle_value(const Mobject& angle);

/// RightAngle's keyword arguments: the elbow's side, then the style.
struct RightAngleOptions {
    /// Unset: Angle's default radius.
    std::optional<double> length;
    std::array<int, 2> quadrant{1, 1};
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};
/// Manim's RightAngle: Angle with elbow=True and radius=length.
Mobject RightAngle(const Mobject& line1, const Mobject& line2, const RightAngleOptions& o = {});

} // namespace reel
