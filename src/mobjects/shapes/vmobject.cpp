// Manim's VMobject with set_points_smoothly (vectorized_mobject.py, utils/bezier.py).
#include "shape_util.h"

namespace reel {

Mobject VMobject(const ShapeStyle& style) {
    return detail::shape({}, detail::make_style(WHITE, style), "VMobject");
}

Mobject& Mobject::set_points_smoothly(const std::vector<Vec2>& anchors) {
    // set_points_as_corners, then make_smooth: new handles from the anchors of the path.
    std::vector<Vec2> h1, h2;
    detail::smooth_handles(anchors, h1, h2);
    Points p;
    for (std::size_t i = 0; i + 1 < anchors.size(); ++i)
        p.insert(p.end(), {anchors[i], h1[i], h2[i], anchors[i + 1]});
    set_points(std::move(p));
    return *this;
}

} // namespace reel
