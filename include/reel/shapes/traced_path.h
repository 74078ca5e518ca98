// Manim's TracedPath (animation/changing.py): the path a point has travelled.
#pragma once

#include "reel/function.h"
#include <optional>

#include "reel/shapes.h"

namespace reel {

/// TracedPath's keyword arguments (Manim's names and defaults), then the style.
struct TracedPathOptions {
    double stroke_width = 2.0;
    Color stroke_color = WHITE;
    /// Only the last dissipating_time seconds of the path are kept.
    std::optional<double> dissipating_time;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<double> stroke_opacity;
};

/// What the timeline reads to draw a TracedPath (timeline internals).
class TracedPathBehavior final : public Behavior {
public:
    TracedPathBehavior(Function<Vec2()> point, std::optional<double> dissipating_time)
        : point_(std::move(point)), dissipating_time_(dissipating_time) {}
    std::string_view kind() const override { return "TracedPath"; }
    /// The traced point now (the function reads other mobjects as they are at this moment).
    Vec2 traced_point() const { return point_(); }
    std::optional<double> dissipating_time() const { return dissipating_time_; }

private:
    Function<Vec2()> point_;
    std::optional<double> dissipating_time_;
};

/// Manim's TracedPath(traced_point_func): straight segments through where the point was at
/// every frame (60 per second) since the first play or wait that had the path on stage, up to
/// the moment shown. Pure in time: the timeline samples the point over the whole recording,
/// so a seek shows what playing shows. Read the point through mobjects (`[=] { return
/// dot.get_center(); }`), never from state kept in the function.
Mobject TracedPath(Function<Vec2()> traced_point_func, const TracedPathOptions& o = {});

/// Corners through the samples of a traced point, as Manim's update_path builds them: the first
/// sample twice (start_new_path, add_line_to), then a line to each further one.
Points traced_points(const std::vector<Vec2>& samples);

} // namespace reel
