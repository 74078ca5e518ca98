// Manim's Elbow: set_points_as_corners([UP, UP + RIGHT, RIGHT]), scale_to_fit_width(width,
// about_point=ORIGIN), rotate(angle, about_point=ORIGIN).
#include "reel/shapes/elbow.h"

#include "shape_util.h"

namespace reel {

Mobject Elbow(double width, double angle, const ShapeStyle& style) {
    Mobject e = detail::shape(corners_to_points({UP, UP + RIGHT, RIGHT}), detail::make_style(WHITE, style),
                              "Elbow");
    e.apply(Affine::scale_about(ORIGIN, width, width));
    e.apply(Affine::rotate_about(ORIGIN, angle));
    return e;
}

} // namespace reel
