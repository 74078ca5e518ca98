// Manim's boolean operations on closed paths (geometry/boolean_ops.py): Union, Intersection,
// Difference, Exclusion.
#pragma once

#include <vector>

#include "reel/shapes.h"

namespace reel {

/// How finely curves are flattened before clipping, in scene units: 0.001 is a quarter of a
/// pixel at 4K (3840 px over 14.22 units), so the result's corners are invisible.
inline constexpr double kBooleanTolerance = 0.001;

/// Manim's Union(*vmobjects): the region covered by any of them (each path filled with the
/// non-zero rule, as Skia's default). The result is one VMobject of straight segments (each
/// closed contour back to its start), WHITE stroke width 4 and no fill unless `o` says so.
/// Throws std::invalid_argument for fewer than 2 mobjects.
Mobject Union(const std::vector<Mobject>& vmobjects, const ShapeStyle& o = {});
Mobject Union(const Mobject& a, const Mobject& b, const ShapeStyle& o = {});
/// Manim's Intersection(*vmobjects): the region covered by all of them. Throws
/// std::invalid_argument for fewer than 2 mobjects.
Mobject Intersection(const std::vector<Mobject>& vmobjects, const ShapeStyle& o = {});
Mobject Intersection(const Mobject& a, const Mobject& b, const ShapeStyle& o = {});
/// Manim's Difference(subject, clip): subject's region without clip's.
Mobject Difference(const Mobject& subject, const Mobject& clip, const ShapeStyle& o = {});
/// Manim's Exclusion(subject, clip): the region covered by exactly one of them (xor).
Mobject Exclusion(const Mobject& subject, const Mobject& clip, const ShapeStyle& o = {});

/// The area a path encloses under the non-zero rule, flattened at kBooleanTolerance (what
/// the boolean operations see). For tests and layout.
double enclosed_area(const Mobject& m);

} // namespace reel
