// Manim's Elbow (line.py): added after the shapes refactor as the example of adding a shape.
#pragma once

#include <optional>

#include "reel/mobject.h"

namespace reel {

/// Elbow's keyword arguments, then the style (see shapes.h).
struct ElbowOptions {
    double width = 0.2;
    double angle = 0.0;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};

/// Manim's Elbow: two lines at a right angle, corners UP, UP+RIGHT, RIGHT scaled to `width` and
/// rotated by `angle` about the origin.
Mobject Elbow(const ElbowOptions& o = {});

} // namespace reel
