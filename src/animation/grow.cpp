// Manim's growing.py: GrowFromPoint, GrowFromCenter, GrowArrow, SpinInFromNothing.
#include "internal.h"

namespace reel {

namespace {

using namespace detail;

// Transform from a copy scaled to 0 (Manim's generic Mobject.scale, tips included) and moved to
// the point, to the mobject itself.
class GrowAnimation final : public TransformAnimation {
public:
    GrowAnimation(const Mobject& m, std::optional<Vec2> point, std::optional<Color> color,
                  std::string name, bool arrow = false)
        : TransformAnimation(m, std::move(name)), point_(point), color_(color), arrow_(arrow) {
        introducer_ = true;
    }

private:
    Mobject make_target() override { return mobject_.copy(); }
    std::vector<LeafState> make_start() override {
        Mobject s = mobject_.copy();
        Vec2 p = point_.value_or(mobject_.get_center());
        scale_plain(s, 0.0, s.get_center());
        s.move_to(p);
        // GrowArrow: Arrow.scale(0, scale_tips=True) ends with _set_stroke_width_from_length on
        // the shaft: min(initial width, max_stroke_width_to_length_ratio * 0) = 0. The shaft's
        // width then grows with the transform from 0 to the arrow's, while the tip grows from
        // a point.
        if (arrow_ && s.kind() == "Arrow") {
            Style st = s.style();
            st.stroke_width = 0.0;
            s.set_style(st);
        }
        if (color_) s.set_color(*color_);
        return leaf_states(s);
    }
    std::optional<Vec2> point_;
    std::optional<Color> color_;
    bool arrow_;
};

} // namespace

AnimationPtr GrowFromPoint(const Mobject& m, Vec2 point, const AnimOptions& o,
                           std::optional<Color> point_color) {
    auto a = std::make_shared<GrowAnimation>(m, point, point_color, "GrowFromPoint");
    a->set_path_arc(o.path_arc);
    return apply_options(a, o.run_time, o.rate_func, o.lag_ratio);
}

AnimationPtr GrowFromCenter(const Mobject& m, const AnimOptions& o) {
    auto a = std::make_shared<GrowAnimation>(m, std::nullopt, std::nullopt, "GrowFromCenter");
    a->set_path_arc(o.path_arc);
    return apply_options(a, o.run_time, o.rate_func, o.lag_ratio);
}

AnimationPtr GrowArrow(const Mobject& arrow, const AnimOptions& o) {
    auto a = std::make_shared<GrowAnimation>(arrow, arrow.get_start(), std::nullopt, "GrowArrow", true);
    a->set_path_arc(o.path_arc);
    return apply_options(a, o.run_time, o.rate_func, o.lag_ratio);
}

AnimationPtr SpinInFromNothing(const Mobject& m, double angle, const AnimOptions& o) {
    auto a = std::make_shared<GrowAnimation>(m, std::nullopt, std::nullopt, "SpinInFromNothing");
    a->set_path_arc(angle);
    return apply_options(a, o.run_time, o.rate_func, o.lag_ratio);
}

} // namespace reel
