// Manim's TracedPath. The mobject only carries the traced function; the timeline samples it
// frame by frame (timeline/trace.cpp) and sets the path from the samples.
#include "reel/shapes/traced_path.h"

#include <memory>

#include "shape_util.h"

namespace reel {

Points traced_points(const std::vector<Vec2>& samples) {
    if (samples.empty()) return {};
    std::vector<Vec2> corners;
    corners.reserve(samples.size() + 1);
    corners.push_back(samples.front());
    corners.insert(corners.end(), samples.begin(), samples.end());
    return corners_to_points(corners);
}

Mobject TracedPath(Function<Vec2()> traced_point_func, const TracedPathOptions& o) {
    // TracedPath always passes stroke_color (WHITE by default): `color` reaches only the fill.
    Style s = detail::make_style(WHITE, o.color, o.fill_color, o.fill_opacity, o.stroke_color,
                                 o.stroke_width);
    if (o.stroke_opacity) s.stroke_opacity = *o.stroke_opacity;
    // Until its first frame the path is the point itself (Manim's has no points yet: nothing
    // is drawn either way), which keeps its place in the painter order.
    const Vec2 p = traced_point_func();
    Mobject m = detail::shape(traced_points({p}), s, "TracedPath");
    m.set_behavior(std::make_shared<TracedPathBehavior>(std::move(traced_point_func), o.dissipating_time));
    // An updater makes it a mobject the timeline evaluates at every moment; its points come
    // from the timeline's samples, so the updater itself changes nothing.
    m.add_updater([](Mobject&) {});
    return m;
}

} // namespace reel
