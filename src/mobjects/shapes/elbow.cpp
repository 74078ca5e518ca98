// Manim's Elbow: set_points_as_corners([UP, UP + RIGHT, RIGHT]), scale_to_fit_width(width,
// about_point=ORIGIN), rotate(angle, about_point=ORIGIN).
#include "reel/shapes/elbow.h"

#include "shape_util.h"

namespace reel {

Mobject Elbow(const ElbowOptions& o) {
    Mobject e = detail::shape(corners_to_points({UP, UP + RIGHT, RIGHT}), detail::make_style(WHITE, o),
                              "Elbow");
    e.apply(Affine::scale_about(ORIGIN, o.width, o.width));
    e.apply(Affine::rotate_about(ORIGIN, o.angle));
    return e;
}

} // namespace reel
