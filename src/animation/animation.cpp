// Create, Write, FadeIn / FadeOut, Transform and .animate with Manim CE 0.17.3's semantics.
#include "reel/animation.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include <fmt/format.h>

namespace reel {

namespace {

const PointsPtr& no_points() {
    static const PointsPtr empty = std::make_shared<const Points>();
    return empty;
}

std::vector<LeafState> leaf_states(const Mobject& m) {
    std::vector<LeafState> out;
    for (const auto& l : m.leaves()) out.push_back(l.leaf_state());
    return out;
}

std::string rate_name(RateFunc f) {
    if (f == linear) return "linear";
    if (f == smooth) return "smooth";
    if (f == double_smooth) return "double_smooth";
    if (f == there_and_back) return "there_and_back";
    return "custom";
}

// Manim's Mobject.add_n_more_submobjects: invisible copies, spread evenly.
void add_n_more_submobjects(Mobject& m, std::size_t n) {
    if (n == 0) return;
    auto kids = m.children();
    std::size_t curr = kids.size();
    std::vector<Mobject> out;
    if (curr == 0) {
        // Manim adds point mobjects at the centre.
        Vec2 c = m.get_center();
        for (std::size_t k = 0; k < n; ++k) {
            Mobject p;
            p.set_points(Points(4, c));
            p.set_style(m.style());
            p.fade(1.0);
            out.push_back(p);
        }
        m.set_children(out);
        return;
    }
    std::size_t target = curr + n;
    std::vector<std::size_t> split(curr, 0);
    for (std::size_t i = 0; i < target; ++i) split[i * curr / target] += 1;
    for (std::size_t j = 0; j < curr; ++j) {
        out.push_back(kids[j]);
        for (std::size_t k = 1; k < split[j]; ++k) out.push_back(kids[j].copy().fade(1.0));
    }
    m.set_children(out);
}

// Manim's VMobject.align_points for two leaves, including the "one side is empty" case.
void align_leaf_points(Mobject& a, Mobject& b) {
    Points pa = a.points(), pb = b.points();
    if (pa.size() == pb.size()) return;
    if (pa.empty()) pa = Points(4, b.get_center());
    if (pb.empty()) pb = Points(4, a.get_center());
    align_points(pa, pb);
    a.set_points(std::move(pa));
    b.set_points(std::move(pb));
}

// Manim's Mobject.align_data: submobject counts, then points, then recurse.
void align_data(Mobject& a, Mobject& b) {
    std::size_t n1 = a.size(), n2 = b.size();
    if (n1 != n2) {
        if (n2 > n1) add_n_more_submobjects(a, n2 - n1);
        else add_n_more_submobjects(b, n1 - n2);
    }
    if (a.has_points() || b.has_points()) align_leaf_points(a, b);
    for (std::size_t i = 0; i < a.size(); ++i) {
        Mobject ca = a[i], cb = b[i];
        align_data(ca, cb);
    }
}

// ── Create ────────────────────────────────────────────────────────────────────────────────
class CreateAnimation final : public Animation {
public:
    explicit CreateAnimation(const Mobject& m) : Animation(m, "Create") {
        lag_ratio_ = 1.0;
        introducer_ = true;
    }
    void begin() override {
        leaves_ = mobject_.leaves();
        start_ = leaf_states(mobject_);
    }
    LeafState leaf_state(double alpha, std::size_t i) const override {
        double s = leaf_alpha(alpha, i);
        const LeafState& st = start_[i];
        if (s >= 1.0) return st;
        if (s <= 0.0) return {no_points(), st.style};
        return {std::make_shared<const Points>(partial_points(*st.points, 0.0, s)), st.style};
    }
    void finish() override {}

private:
    std::vector<LeafState> start_;
};

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

// ── Transform family: FadeIn, FadeOut, Transform, MoveToTarget ───────────────────────────
class TransformAnimation : public Animation {
public:
    TransformAnimation(const Mobject& m, std::string name) : Animation(m, std::move(name)) {}
    void begin() override {
        Mobject target = make_target();
        align_data(mobject_, target);
        leaves_ = mobject_.leaves();
        start_ = make_start();
        target_ = leaf_states(target);
        // Alignment can leave a leaf without a partner with points (empty groups); keep sizes equal.
        target_.resize(start_.size(), LeafState{no_points(), Style{}});
    }
    LeafState leaf_state(double alpha, std::size_t i) const override {
        double t = leaf_alpha(alpha, i);
        const LeafState& a = start_[i];
        const LeafState& b = target_[i];
        if (t >= 1.0) return b.points->empty() ? LeafState{a.points, b.style} : b;
        if (t <= 0.0) return a;
        Style s = interpolate_style(a.style, b.style, t);
        if (a.points == b.points || b.points->size() != a.points->size()) return {a.points, s};
        return {std::make_shared<const Points>(interpolate_points(*a.points, *b.points, t)), s};
    }
    void finish() override {
        if (restores_on_finish()) return;
        for (std::size_t i = 0; i < leaves_.size(); ++i) {
            leaves_[i].set_points(target_[i].points);
            leaves_[i].set_style(target_[i].style);
        }
    }

protected:
    virtual Mobject make_target() = 0;
    virtual std::vector<LeafState> make_start() { return leaf_states(mobject_); }
    virtual bool restores_on_finish() const { return false; }

    std::vector<LeafState> start_;
    std::vector<LeafState> target_;
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

class ToTargetAnimation final : public TransformAnimation {
public:
    ToTargetAnimation(const Mobject& m, const Mobject& target, std::string name, std::string what)
        : TransformAnimation(m, std::move(name)), target_mob_(target), what_(std::move(what)) {}
    std::string describe() const override {
        return fmt::format("{}[{}{}](rt={:g},{})", name_, mobject_.label(), what_, run_time_,
                           rate_name(rate_));
    }

private:
    Mobject make_target() override { return target_mob_.copy(); }
    Mobject target_mob_;
    std::string what_;
};

template <class A> AnimationPtr apply_options(std::shared_ptr<A> a, std::optional<Seconds> run_time,
                                              RateFunc rate, std::optional<double> lag) {
    if (run_time) a->set_run_time(*run_time);
    if (rate) a->set_rate_func(rate);
    if (lag) a->set_lag_ratio(*lag);
    return a;
}

} // namespace

Animation::Animation(Mobject m, std::string name) : mobject_(std::move(m)), name_(std::move(name)) {}

double Animation::leaf_alpha(double alpha, std::size_t i) const {
    return sub_alpha(alpha, i, leaves_.size(), lag_ratio_, rate_);
}

std::string Animation::describe() const {
    return fmt::format("{}[{}](rt={:g},{}{})", name_, mobject_.label(), run_time_, rate_name(rate_),
                       lag_ratio_ != 0.0 ? fmt::format(",lag={:g}", lag_ratio_) : "");
}

AnimationPtr Create(const Mobject& m, const AnimOptions& o) {
    return apply_options(std::make_shared<CreateAnimation>(m), o.run_time, o.rate_func, o.lag_ratio);
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
    return apply_options(
        std::make_shared<ToTargetAnimation>(m, target, "Transform", "->" + target.label()),
        o.run_time, o.rate_func, o.lag_ratio);
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

AnimateBuilder& AnimateBuilder::with(const AnimOptions& o) {
    options_ = o;
    return *this;
}

AnimateBuilder::operator AnimationPtr() const {
    auto a = std::make_shared<ToTargetAnimation>(mobject_, target_, "animate", calls_);
    return apply_options(a, options_.run_time, options_.rate_func, options_.lag_ratio);
}

} // namespace reel
