// Manim's indication.py: Indicate, ShowPassingFlash, Circumscribe, Flash, Wiggle, FocusOn.
#include "internal.h"

namespace reel {

namespace {

using namespace detail;

// Manim's ShowPassingFlash: ShowPartial with bounds (max(0, u - w), min(1, u)), u = (1 + w) a;
// removed at the end.
class PassingFlashAnimation final : public Animation {
public:
    PassingFlashAnimation(const Mobject& m, double time_width)
        : Animation(m, "ShowPassingFlash"), time_width_(time_width) {
        remover_ = true;
    }
    void begin() override {
        leaves_ = mobject_.leaves();
        start_ = leaf_states(mobject_);
    }
    LeafState leaf_state(double alpha, std::size_t i) const override {
        double a = leaf_alpha(alpha, i);
        double upper = lerp(0.0, 1.0 + time_width_, a);
        double lower = std::max(upper - time_width_, 0.0);
        upper = std::min(upper, 1.0);
        const LeafState& st = start_[i];
        if (upper <= lower) return {no_points(), st.style};
        return partial_leaf(st, lower, upper, st.style);
    }
    void finish() override {}

private:
    double time_width_;
    std::vector<LeafState> start_;
};

// Manim's Wiggle: every frame the start points scaled by lerp(1, s, there_and_back(a)) and
// rotated by wiggle(a, n) * angle about the centre.
class WiggleAnimation final : public Animation {
public:
    WiggleAnimation(const Mobject& m, const WiggleOptions& o) : Animation(m, "Wiggle"), o_(o) {
        run_time_ = o.run_time;
    }
    void begin() override {
        leaves_ = mobject_.leaves();
        start_ = leaf_states(mobject_);
        center_ = mobject_.get_center();
    }
    LeafState leaf_state(double alpha, std::size_t i) const override {
        double a = leaf_alpha(alpha, i);
        double k = lerp(1.0, o_.scale_value, there_and_back(a));
        double r = wiggle_with(o_.n_wiggles)(a) * o_.rotation_angle;
        const LeafState& st = start_[i];
        Points p = transform_points(*st.points, Affine::scale_about(center_, k, k));
        return {std::make_shared<const Points>(transform_points(p, Affine::rotate_about(center_, r))),
                st.style};
    }
    void finish() override {}

private:
    WiggleOptions o_;
    std::vector<LeafState> start_;
    Vec2 center_;
};

} // namespace

AnimationPtr Indicate(const Mobject& m, const IndicateOptions& o) {
    Mobject target = m.copy();
    target.scale(o.scale_factor);
    target.set_color(o.color);
    auto a = std::make_shared<ToTargetAnimation>(m, target, "Indicate", "");
    a->set_rate_func(o.rate_func ? o.rate_func : RateFunc(there_and_back));
    if (o.run_time) a->set_run_time(*o.run_time);
    return a;
}

AnimationPtr ShowPassingFlash(const Mobject& m, double time_width, const AnimOptions& o) {
    return apply_options(std::make_shared<PassingFlashAnimation>(m, time_width), o.run_time,
                         o.rate_func, o.lag_ratio);
}

AnimationPtr Circumscribe(const Mobject& m, const CircumscribeOptions& o) {
    Mobject frame;
    if (o.circle) {
        // Circle().surround(m, buffer_factor=1): diameter the box diagonal, then the buff.
        double d = std::hypot(m.width(), m.height());
        frame = Circle(d / 2 + o.buff, {.color = o.color, .stroke_width = o.stroke_width});
        frame.move_to(m.get_center());
    } else {
        frame = SurroundingRectangle(m, {.buff = o.buff, .color = o.color, .stroke_width = o.stroke_width});
    }
    auto flash = ShowPassingFlash(frame, o.time_width, {.run_time = o.run_time});
    return Succession({flash});
}

AnimationPtr Flash(Vec2 point, const FlashOptions& o) {
    std::vector<AnimationPtr> anims;
    for (int k = 0; k < o.num_lines; ++k) {
        double angle = TAU * k / o.num_lines;
        Mobject line = Line(point, point + RIGHT * o.line_length,
                            {.color = o.color, .stroke_width = o.line_stroke_width});
        line.shift(RIGHT * o.flash_radius);
        line.rotate(angle, point);
        anims.push_back(ShowPassingFlash(line, o.time_width, {.run_time = o.run_time}));
    }
    return AnimationGroup(std::move(anims));
}

AnimationPtr Flash(const Mobject& m, const FlashOptions& o) { return Flash(m.get_center(), o); }

AnimationPtr Wiggle(const Mobject& m, const WiggleOptions& o) {
    return std::make_shared<WiggleAnimation>(m, o);
}

AnimationPtr FocusOn(Vec2 point, const FocusOnOptions& o) {
    // A Dot of radius frame_x_radius + frame_y_radius, transparent, to a Dot of radius 0 on
    // the point at `opacity`.
    Mobject start = Dot({.radius = kFrameWidth / 2 + kFrameHeight / 2,
                         .fill_color = o.color,
                         .fill_opacity = 0.0,
                         .stroke_width = 0.0});
    Mobject little =
        Dot(point, {.radius = 0.0, .fill_color = o.color, .fill_opacity = o.opacity, .stroke_width = 0.0});
    // The starting dot is added for the play and taken off at the end (remover).
    struct Remover : ToTargetAnimation {
        using ToTargetAnimation::ToTargetAnimation;
        void mark() { remover_ = true; }
    };
    auto r = std::make_shared<Remover>(start, little, "FocusOn", "");
    r->set_run_time(o.run_time);
    r->mark();
    return r;
}

} // namespace reel
