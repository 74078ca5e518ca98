// Manim's movement.py and rotation.py: MoveAlongPath, Rotate, Rotating.
#include "internal.h"

namespace reel {

namespace {

using namespace detail;

// Manim's MoveAlongPath: move_to(path.point_from_proportion(rate(alpha))).
class MoveAlongPathAnimation final : public Animation {
public:
    MoveAlongPathAnimation(const Mobject& m, const Mobject& path)
        : Animation(m, "MoveAlongPath"), path_(path.copy()) {}
    void begin() override {
        leaves_ = mobject_.leaves();
        start_ = leaf_states(mobject_);
        center_ = mobject_.get_center();
    }
    LeafState leaf_state(double alpha, std::size_t i) const override {
        Vec2 p = path_.point_from_proportion(rate_(std::clamp(alpha, 0.0, 1.0)));
        const LeafState& s = start_[i];
        return {std::make_shared<const Points>(transform_points(*s.points, Affine::translate(p - center_))),
                s.style, nullptr, s.depth};
    }
    void finish() override {
        for (std::size_t i = 0; i < leaves_.size(); ++i) leaves_[i].set_points(leaf_state(1.0, i).points);
    }

private:
    Mobject path_;
    std::vector<LeafState> start_;
    Vec2 center_;
};

// Manim's Rotating: become(start) then rotate(rate(alpha) * radians) every frame.
class RotatingAnimation final : public Animation {
public:
    RotatingAnimation(const Mobject& m, double radians, std::optional<Vec2> about)
        : Animation(m, "Rotating"), radians_(radians), about_(about) {
        run_time_ = 5.0;
        rate_ = linear;
    }
    void begin() override {
        leaves_ = mobject_.leaves();
        start_ = leaf_states(mobject_);
        center_ = about_.value_or(mobject_.get_center());
    }
    LeafState leaf_state(double alpha, std::size_t i) const override {
        double a = rate_(std::clamp(alpha, 0.0, 1.0)) * radians_;
        const LeafState& s = start_[i];
        return {std::make_shared<const Points>(transform_points(*s.points, Affine::rotate_about(center_, a))),
                s.style, nullptr, s.depth};
    }
    void finish() override {
        for (std::size_t i = 0; i < leaves_.size(); ++i) leaves_[i].set_points(leaf_state(1.0, i).points);
    }

private:
    double radians_;
    std::optional<Vec2> about_;
    std::vector<LeafState> start_;
    Vec2 center_;
};

} // namespace

AnimationPtr MoveAlongPath(const Mobject& m, const Mobject& path, const AnimOptions& o) {
    return apply_options(std::make_shared<MoveAlongPathAnimation>(m, path), o.run_time, o.rate_func,
                         o.lag_ratio);
}

AnimationPtr Rotate(const Mobject& m, double angle, std::optional<Vec2> about_point,
                    const AnimOptions& o) {
    const Vec2 centre = about_point.value_or(m.get_center());
    Mobject target = m.copy();
    target.apply(Affine::rotate_about(centre, angle));
    auto a = std::make_shared<ToTargetAnimation>(m, target, "Rotate", fmt::format("({:g})", angle));
    // Manim's Rotate is a Transform along circles about the centre (path_arc_centers), not
    // along the arcs through each point's start and end.
    a->set_path_arc(o.path_arc != 0.0 ? o.path_arc : angle);
    a->set_path_arc_centre(centre);
    return apply_options(a, o.run_time, o.rate_func, o.lag_ratio);
}

AnimationPtr Rotating(const Mobject& m, const RotatingOptions& o) {
    return apply_options(std::make_shared<RotatingAnimation>(m, o.radians, o.about_point), o.run_time,
                         o.rate_func, std::nullopt);
}

} // namespace reel
