// Create, Write, FadeIn / FadeOut, Transform and .animate with Manim CE 0.17.3's semantics.
#include "reel/animation.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include <fmt/format.h>

#include "internal.h"

namespace reel {

template class Shared<Animation>;

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
        return border_then_fill_leaf(original_[i], outline_[i], leaf_alpha(alpha, i));
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

void Animation::values_at(double, NodeValues&) const {}

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

namespace {
// How a call reads in a timeline description: Manim's argument spelling, short.
std::string arg(double v) { return fmt::format("{:g}", v); }
std::string arg(Vec2 v) { return fmt::format("[{:g},{:g}]", v.x, v.y); }
std::string arg(Color c) { return c.to_hex().data(); }
std::string arg(const Mobject& m) { return m.label(); }
template <class T> std::string arg(const std::optional<T>& v) { return v ? arg(*v) : "None"; }
} // namespace

AnimateBuilder& AnimateBuilder::called(std::string call) {
    calls_ += "." + call;
    return *this;
}

AnimateBuilder& AnimateBuilder::apply(const Affine& m) {
    target_.apply(m);
    return called("apply_matrix(...)");
}

AnimateBuilder& AnimateBuilder::shift(Vec2 v) {
    target_.shift(v);
    return called("shift(" + arg(v) + ")");
}

AnimateBuilder& AnimateBuilder::move_to(Vec2 p, Vec2 aligned_edge) {
    target_.move_to(p, aligned_edge);
    return called("move_to(" + arg(p) + ")");
}

AnimateBuilder& AnimateBuilder::move_to(Vec3 p) {
    target_.move_to(p);
    return called(fmt::format("move_to([{:g},{:g},{:g}])", p.x, p.y, p.z));
}

AnimateBuilder& AnimateBuilder::move_to(const Mobject& m, Vec2 aligned_edge) {
    target_.move_to(m, aligned_edge);
    return called("move_to(" + arg(m) + ")");
}

AnimateBuilder& AnimateBuilder::next_to(const Mobject& m, Vec2 dir, double buff, Vec2 aligned_edge) {
    target_.next_to(m, dir, buff, aligned_edge);
    return called("next_to(" + arg(m) + "," + arg(dir) + ")");
}

AnimateBuilder& AnimateBuilder::next_to(Vec2 point, Vec2 dir, double buff, Vec2 aligned_edge) {
    target_.next_to(point, dir, buff, aligned_edge);
    return called("next_to(" + arg(point) + "," + arg(dir) + ")");
}

AnimateBuilder& AnimateBuilder::to_edge(Vec2 edge, double buff) {
    target_.to_edge(edge, buff);
    return called("to_edge(" + arg(edge) + ")");
}

AnimateBuilder& AnimateBuilder::to_corner(Vec2 corner, double buff) {
    target_.to_corner(corner, buff);
    return called("to_corner(" + arg(corner) + ")");
}

AnimateBuilder& AnimateBuilder::align_to(const Mobject& m, Vec2 dir) {
    target_.align_to(m, dir);
    return called("align_to(" + arg(m) + "," + arg(dir) + ")");
}

AnimateBuilder& AnimateBuilder::align_to(Vec2 point, Vec2 dir) {
    target_.align_to(point, dir);
    return called("align_to(" + arg(point) + "," + arg(dir) + ")");
}

AnimateBuilder& AnimateBuilder::arrange(Vec2 dir, double buff, Vec2 aligned_edge, bool center) {
    target_.arrange(dir, buff, aligned_edge, center);
    return called("arrange(" + arg(dir) + ")");
}

AnimateBuilder& AnimateBuilder::center() {
    target_.center();
    return called("center()");
}

AnimateBuilder& AnimateBuilder::set_x(double x, Vec2 direction) {
    target_.set_x(x, direction);
    return called("set_x(" + arg(x) + ")");
}

AnimateBuilder& AnimateBuilder::set_y(double y, Vec2 direction) {
    target_.set_y(y, direction);
    return called("set_y(" + arg(y) + ")");
}

AnimateBuilder& AnimateBuilder::rotate(double angle, std::optional<Vec2> about) {
    target_.rotate(angle, about);
    return called("rotate(" + arg(angle) + ")");
}

AnimateBuilder& AnimateBuilder::rotate_about_origin(double angle) {
    target_.rotate_about_origin(angle);
    return called("rotate_about_origin(" + arg(angle) + ")");
}

AnimateBuilder& AnimateBuilder::scale(double factor, std::optional<Vec2> about) {
    target_.scale(factor, about);
    return called("scale(" + arg(factor) + ")");
}

AnimateBuilder& AnimateBuilder::stretch(double factor, int dim, std::optional<Vec2> about) {
    target_.stretch(factor, dim, about);
    return called(fmt::format("stretch({:g},{})", factor, dim));
}

AnimateBuilder& AnimateBuilder::stretch_to_fit_width(double w) {
    target_.stretch_to_fit_width(w);
    return called("stretch_to_fit_width(" + arg(w) + ")");
}

AnimateBuilder& AnimateBuilder::stretch_to_fit_height(double h) {
    target_.stretch_to_fit_height(h);
    return called("stretch_to_fit_height(" + arg(h) + ")");
}

AnimateBuilder& AnimateBuilder::scale_to_fit_width(double w) {
    target_.scale_to_fit_width(w);
    return called("scale_to_fit_width(" + arg(w) + ")");
}

AnimateBuilder& AnimateBuilder::scale_to_fit_height(double h) {
    target_.scale_to_fit_height(h);
    return called("scale_to_fit_height(" + arg(h) + ")");
}

AnimateBuilder& AnimateBuilder::flip_vertical() {
    target_.flip_vertical();
    return called("flip_vertical()");
}

AnimateBuilder& AnimateBuilder::put_start_and_end_on(Vec2 start, Vec2 end) {
    target_.put_start_and_end_on(start, end);
    return called("put_start_and_end_on(" + arg(start) + "," + arg(end) + ")");
}

AnimateBuilder& AnimateBuilder::set_fill(std::optional<Color> c, std::optional<double> opacity) {
    target_.set_fill(c, opacity);
    return called("set_fill(" + arg(c) + "," + arg(opacity) + ")");
}

AnimateBuilder& AnimateBuilder::set_fill_opacity(double opacity) {
    target_.set_fill_opacity(opacity);
    return called("set_fill_opacity(" + arg(opacity) + ")");
}

AnimateBuilder& AnimateBuilder::set_stroke(std::optional<Color> c, std::optional<double> width,
                                           std::optional<double> opacity) {
    target_.set_stroke(c, width, opacity);
    return called("set_stroke(" + arg(c) + "," + arg(width) + ")");
}

AnimateBuilder& AnimateBuilder::set_color(Color c) {
    target_.set_color(c);
    return called("set_color(" + arg(c) + ")");
}

AnimateBuilder& AnimateBuilder::set_opacity(double opacity) {
    target_.set_opacity(opacity);
    return called("set_opacity(" + arg(opacity) + ")");
}

AnimateBuilder& AnimateBuilder::fade(double darkness) {
    target_.fade(darkness);
    return called("fade(" + arg(darkness) + ")");
}

AnimateBuilder& AnimateBuilder::apply_function(const Function<Vec2(Vec2)>& f) {
    target_.apply_function(f);
    return called("apply_function(...)");
}

AnimateBuilder& AnimateBuilder::make_smooth() {
    target_.make_smooth();
    return called("make_smooth()");
}

AnimateBuilder& AnimateBuilder::become(const Mobject& other) {
    target_.become(other);
    return called("become(" + arg(other) + ")");
}

AnimateBuilder& AnimateBuilder::set_value(double v) {
    target_.set_number(v);
    return called("set_value(" + arg(v) + ")");
}

AnimateBuilder& AnimateBuilder::increment_value(double dv) {
    target_.set_number(target_.number() + dv);
    return called("increment_value(" + arg(dv) + ")");
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
