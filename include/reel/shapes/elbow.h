// Manim's Elbow (line.py): added after the shapes refactor as the example of adding a shape.
#pragma once

#include "reel/mobject.h"

namespace reel {

/// Manim's Elbow(width=0.2, angle=0): two lines at a right angle, corners UP, UP+RIGHT, RIGHT
/// scaled to `width` and rotated by `angle` about the origin.
Mobject Elbow(double width = 0.2, double angle = 0.0, const ShapeStyle& style = {});

} // namespace reel
