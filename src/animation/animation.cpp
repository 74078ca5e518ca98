// Create, Write, FadeIn / FadeOut, Transform and .animate with Manim CE 0.17.3's semantics.
#include "reel/animation.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include <fmt/format.h>

#include "internal.h"

namespace reel {

namespace {

using namespace detail;

// ── Write (DrawBorderThenFill) ────────────────────────────────────────────────────────────
class WriteAnimation final : public Animation {
public:
    explicit WriteAnimation(const Mobject& m) : Animation(m, "Write") {
        std::size_t n = m.leaves().size();
        run_time_ = n < 15 ? 1.0 : 2.0;
        lag_ratio_ = std::min(4.0 / static_cast<double>(std::max<std::size_t>(1, n)), 0.2);
        rate_ = linear;
        introducer_ = true;
    }
    void begin() override {
        leaves_ = mobject_.leaves();
        original_ = leaf_states(mobject_);
        outline_.clear();
        for (const auto& st : original_) {
            // The outline: no fill, stroke width 2 in the member's stroke colour (WHITE for
            // Text glyphs, the tex colour for MathTex).
            Style o = st.style;
            o.fill_opacity = 0.0;
            o.stroke_width = 2.0;
            outline_.push_back(o);
        }
    }
    LeafState leaf_state(double alpha, std::size_t i) const override {
        double s = leaf_alpha(alpha, i);
        const LeafState& st = original_[i];
        if (s >= 1.0) return st;
        if (s < 0.5) {
            double r = 2.0 * s;
            if (r <= 0.0) return {no_points(), outline_[i]};
            return {std::make_shared<const Points>(partial_points(*st.points, 0.0, r)), outline_[i]};
        }
        return {st.points, interpolate_style(outline_[i], st.style, 2.0 * s - 1.0)};
    }
    void finish() override {}
    std::string describe() const override {
        return fmt::format("{}[{}](rt={:g},{},lag={:.4g},npts={})", name_, mobject_.label(),
                           run_time_, rate_name(rate_), lag_ratio_, mobject_.leaves().size());
    }

private:
    std::vector<LeafState> original_;
    std::vector<Style> outline_;
};

class FadeInAnimation final : public TransformAnimation {
public:
    FadeInAnimation(const Mobject& m, Vec2 shift, double scale)
        : TransformAnimation(m, "FadeIn"), shift_(shift), scale_(scale) {
        introducer_ = true;
    }
    std::string describe() const override {
        return fmt::format("{}[{}](rt={:g},{}{}{})", name_, mobject_.label(), run_time_,
                           rate_name(rate_),
                           scale_ != 1.0 ? fmt::format(",scale={:g}", scale_) : "",
                           shift_ != ORIGIN ? fmt::format(",shift=({:g},{:g})", shift_.x, shift_.y) : "");
    }

private:
    Mobject make_target() override { return mobject_.copy(); }
    std::vector<LeafState> make_start() override {
        Mobject s = mobject_.copy();
        s.fade(1.0);
        s.shift(-shift_);
        if (scale_ != 1.0) s.scale(scale_);
        return leaf_states(s);
    }
    Vec2 shift_;
    double scale_;
};

class FadeOutAnimation final : public TransformAnimation {
public:
    FadeOutAnimation(const Mobject& m, Vec2 shift, double scale)
        : TransformAnimation(m, "FadeOut"), shift_(shift), scale_(scale) {
        remover_ = true;
    }

private:
    Mobject make_target() override {
        Mobject t = mobject_.copy();
        t.fade(1.0);
        t.shift(shift_);
        if (scale_ != 1.0) t.scale(scale_);
        return t;
    }
    // Manim restores the mobject (interpolate(0)) after removing it from the scene.
    bool restores_on_finish() const override { return true; }
    Vec2 shift_;
    double scale_;
};


} // namespace

Animation::Animation(Mobject m, std::string name) : mobject_(std::move(m)), name_(std::move(name)) {}

double Animation::leaf_alpha(double alpha, std::size_t i) const {
    return sub_alpha(alpha, i, leaves_.size(), lag_ratio_, rate_);
}

void Animation::values_at(double, std::unordered_map<const Node*, double>&) const {}

std::string Animation::describe() const {
    return fmt::format("{}[{}](rt={:g},{}{})", name_, mobject_.label(), run_time_, rate_name(rate_),
                       lag_ratio_ != 0.0 ? fmt::format(",lag={:g}", lag_ratio_) : "");
}

AnimationPtr Create(const Mobject& m, const AnimOptions& o) {
    return apply_options(std::make_shared<ShowPartialAnimation>(m, false), o.run_time, o.rate_func, o.lag_ratio);
}

AnimationPtr Write(const Mobject& m, const AnimOptions& o) {
    return apply_options(std::make_shared<WriteAnimation>(m), o.run_time, o.rate_func, o.lag_ratio);
}

AnimationPtr FadeIn(const Mobject& m, const FadeOptions& o) {
    return apply_options(std::make_shared<FadeInAnimation>(m, o.shift, o.scale), o.run_time,
                         o.rate_func, o.lag_ratio);
}

AnimationPtr FadeOut(const Mobject& m, const FadeOptions& o) {
    return apply_options(std::make_shared<FadeOutAnimation>(m, o.shift, o.scale), o.run_time,
                         o.rate_func, o.lag_ratio);
}

AnimationPtr Transform(const Mobject& m, const Mobject& target, const AnimOptions& o) {
    auto a = std::make_shared<ToTargetAnimation>(m, target, "Transform", "->" + target.label());
    a->set_path_arc(o.path_arc);
    return apply_options(a, o.run_time, o.rate_func, o.lag_ratio);
}

AnimationPtr MoveToTarget(const Mobject& m, const Mobject& target, const AnimOptions& o) {
    return apply_options(std::make_shared<ToTargetAnimation>(m, target, "MoveToTarget", ""),
                         o.run_time, o.rate_func, o.lag_ratio);
}

AnimateBuilder::AnimateBuilder(const Mobject& m) : mobject_(m), target_(m.copy()) {}

AnimateBuilder& AnimateBuilder::set_fill(std::optional<Color> c, std::optional<double> opacity) {
    target_.set_fill(c, opacity);
    calls_ += fmt::format(".set_fill({},{})", c ? c->to_hex().data() : "None",
                          opacity ? fmt::format("{:g}", *opacity) : "None");
    return *this;
}

AnimateBuilder& AnimateBuilder::set_fill_opacity(double opacity) {
    target_.set_fill_opacity(opacity);
    calls_ += fmt::format(".set_fill_opacity({:g})", opacity);
    return *this;
}

AnimateBuilder& AnimateBuilder::set_stroke(std::optional<Color> c, std::optional<double> width,
                                           std::optional<double> opacity) {
    target_.set_stroke(c, width, opacity);
    calls_ += fmt::format(".set_stroke({},{})", c ? c->to_hex().data() : "None",
                          width ? fmt::format("{:g}", *width) : "None");
    return *this;
}

AnimateBuilder& AnimateBuilder::set_color(Color c) {
    target_.set_color(c);
    calls_ += fmt::format(".set_color({})", c.to_hex().data());
    return *this;
}

AnimateBuilder& AnimateBuilder::set_opacity(double opacity) {
    target_.set_opacity(opacity);
    calls_ += fmt::format(".set_opacity({:g})", opacity);
    return *this;
}

AnimateBuilder& AnimateBuilder::move_to(Vec2 p) {
    target_.move_to(p);
    calls_ += fmt::format(".move_to([{:g},{:g}])", p.x, p.y);
    return *this;
}

AnimateBuilder& AnimateBuilder::shift(Vec2 v) {
    target_.shift(v);
    calls_ += fmt::format(".shift([{:g},{:g}])", v.x, v.y);
    return *this;
}

AnimateBuilder& AnimateBuilder::scale(double f) {
    target_.scale(f);
    calls_ += fmt::format(".scale({:g})", f);
    return *this;
}

AnimateBuilder& AnimateBuilder::rotate(double angle) {
    target_.rotate(angle);
    calls_ += fmt::format(".rotate({:g})", angle);
    return *this;
}

AnimateBuilder& AnimateBuilder::set_value(double v) {
    target_.set_number(v);
    calls_ += fmt::format(".set_value({:g})", v);
    return *this;
}

AnimateBuilder& AnimateBuilder::increment_value(double dv) {
    target_.set_number(target_.number() + dv);
    calls_ += fmt::format(".increment_value({:g})", dv);
    return *this;
}

AnimateBuilder& AnimateBuilder::with(const AnimOptions& o) {
    options_ = o;
    return *this;
}

AnimateBuilder::operator AnimationPtr() const {
    auto a = std::make_shared<ToTargetAnimation>(mobject_, target_, "animate", calls_);
    return apply_options(a, options_.run_time, options_.rate_func, options_.lag_ratio);
}

} // namespace reel
