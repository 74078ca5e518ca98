// Manim's NumberPlane (coordinate_systems.py): Axes without ticks or tips over a grid of
// background lines.
#pragma once

#include <array>
#include <optional>

#include "reel/graphing.h"

namespace reel {

/// The style Manim's background_line_style and faded_line_style dicts set.
struct LineStyle {
    Color stroke_color = BLUE_D;
    double stroke_width = 2.0;
    double stroke_opacity = 1.0;
};

/// NumberPlane's keyword arguments (Manim's names and defaults).
struct NumberPlaneOptions {
    /// [min, max, step]; Manim's default is the frame: +-frame_x_radius, +-frame_y_radius.
    std::array<double, 3> x_range{-kFrameWidth / 2, kFrameWidth / 2, 1};
    std::array<double, 3> y_range{-kFrameHeight / 2, kFrameHeight / 2, 1};
    /// Unset: (max - min) units, one unit per unit.
    std::optional<double> x_length;
    std::optional<double> y_length;
    LineStyle background_line_style{};
    /// Unset: the background style with every number halved (width 1, opacity 0.5).
    std::optional<LineStyle> faded_line_style;
    /// Faded lines between two background lines, plus one (1: none).
    int faded_line_ratio = 1;
    /// Manim's make_smooth_after_applying_functions: apply_function smooths the lines after.
    bool make_smooth_after_applying_functions = true;
};

/// Manim's NumberPlane. Children: faded lines, background lines (the lines parallel to x at
/// 0, +step, ..., -step, ...; then those parallel to y), x axis, y axis. The axes are
/// NumberLines of stroke width 2 without ticks or tips.
class NumberPlane : public Axes {
public:
    explicit NumberPlane(const NumberPlaneOptions& o = {});
    /// Wraps a handle made by NumberPlane (throws std::invalid_argument otherwise).
    explicit NumberPlane(const Mobject& m);
    /// The background lines group and the faded lines group.
    Mobject background_lines() const;
    Mobject faded_lines() const;
    /// Manim's get_vector: an Arrow from c2p(0, 0) to c2p(coords) with buff 0.
    Mobject get_vector(std::array<double, 2> coords, const ArrowOptions& o = {}) const;
    /// Manim's prepare_for_nonlinear_transform: every member with points gets curves inserted
    /// up to `num_inserted_curves`, so that a non-linear function bends the lines smoothly.
    NumberPlane& prepare_for_nonlinear_transform(int num_inserted_curves = 50);
};

} // namespace reel
