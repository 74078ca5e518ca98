// Shared pieces of the animations (animation internals, not a public header): Manim's
// align_data and the Transform base every morphing animation derives from.
#pragma once

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "geometry/shared.h"
#include "mobjects/eval_context.h"
#include "reel/animation.h"

namespace reel::detail {

inline const PointsPtr& no_points() {
    static const PointsPtr empty = std::make_shared<const Points>();
    return empty;
}

inline std::vector<LeafState> leaf_states(const Mobject& m) {
    std::vector<LeafState> out;
    for (const auto& l : m.leaves()) out.push_back(l.leaf_state());
    return out;
}

inline std::string rate_name(const RateFunc& f) { return rate_func_name(f); }

/// Manim's pointwise_become_partial(st, a, b) of a leaf with `style`: the path's part, and in
/// 3-D its z cut the same way (z is split by the same de Casteljau steps as x and y), so a
/// path being drawn stays projected.
inline LeafState partial_leaf(const LeafState& st, double a, double b, const Style& style) {
    LeafState out{std::make_shared<const Points>(partial_points(*st.points, a, b)), style, nullptr, st.depth};
    if (st.depth && st.depth->z.size() == st.points->size() && !(a <= 0 && b >= 1)) {
        Points zs(st.points->size());
        for (std::size_t k = 0; k < zs.size(); ++k) zs[k] = {st.depth->z[k], 0.0};
        const Points part = partial_points(zs, a, b);
        auto d = std::make_shared<Depth>(*st.depth);
        d->z.resize(part.size());
        for (std::size_t k = 0; k < part.size(); ++k) d->z[k] = part[k].x;
        out.depth = std::move(d);
    }
    return out;
}

/// Manim's DrawBorderThenFill of one leaf at its own progress `s` (integer_interpolate(0, 2, s)):
/// the `outline` drawn along the path in the first half, then its style turned into the
/// leaf's in the second.
inline LeafState border_then_fill_leaf(const LeafState& st, const Style& outline, double s) {
    if (s >= 1.0) return st;
    if (s < 0.5) {
        double r = 2.0 * s;
        if (r <= 0.0) return {no_points(), outline};
        return partial_leaf(st, 0.0, r, outline);
    }
    return {st.points, interpolate_style(outline, st.style, 2.0 * s - 1.0), nullptr, st.depth};
}

// Manim's ShowPartial with lag 1: Create draws each leaf's path by curve index; Uncreate
// (reverse: rate 1 - rate(t), a remover) takes it back.
class ShowPartialAnimation final : public Animation {
public:
    ShowPartialAnimation(const Mobject& m, bool reverse)
        : Animation(m, reverse ? "Uncreate" : "Create"), reverse_(reverse) {
        lag_ratio_ = 1.0;
        if (reverse_) remover_ = true;
        else introducer_ = true;
    }
    void begin() override {
        leaves_ = mobject_.leaves();
        start_ = leaf_states(mobject_);
    }
    LeafState leaf_state(double alpha, std::size_t i) const override {
        const double s = reverse_ ? 1.0 - leaf_alpha(alpha, i) : leaf_alpha(alpha, i);
        const LeafState& st = start_[i];
        if (s >= 1.0) return st;
        if (s <= 0.0) return {no_points(), st.style};
        return partial_leaf(st, 0.0, s, st.style);
    }
    void finish() override {}

private:
    bool reverse_;
    std::vector<LeafState> start_;
};

// Manim's Mobject.add_n_more_submobjects: invisible copies, spread evenly.
inline void add_n_more_submobjects(Mobject& m, std::size_t n) {
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
inline void align_leaf_points(Mobject& a, Mobject& b) {
    Points pa = a.points(), pb = b.points();
    if (pa.size() == pb.size()) return;
    if (pa.empty()) pa = Points(4, b.get_center());
    if (pb.empty()) pb = Points(4, a.get_center());
    align_points(pa, pb);
    a.set_points(std::move(pa));
    b.set_points(std::move(pb));
}

// Manim's Mobject.push_self_into_submobjects: the points move to a copy (without children)
// appended to the children.
inline void push_self_into_submobjects(Mobject& m) {
    Mobject copy = m.copy();
    copy.set_children({});
    auto kids = m.children();
    kids.push_back(copy);
    m.set_points(Points{});
    m.set_children(kids);
}

// Manim's Mobject.null_point_align: a mobject with points facing one without (a shape and a
// formula's groups) is pushed into its own submobjects, so that it pairs with their members.
inline void null_point_align(Mobject& a, Mobject& b) {
    if (!a.has_points() && b.has_points()) push_self_into_submobjects(b);
    else if (!b.has_points() && a.has_points()) push_self_into_submobjects(a);
}

// Manim's Mobject.align_data: null points, submobject counts, then points, then recurse.
inline void align_data(Mobject& a, Mobject& b) {
    null_point_align(a, b);
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

/// The 3-D part of a leaf between two states of as many points: z interpolated when both have
/// one per point, else the start's (a 3-D face keeps its depth while it fades or moves).
inline DepthPtr depth_between(const LeafState& a, const LeafState& b, double t) {
    const std::size_t n = a.points->size();
    if (!a.depth || !b.depth || a.depth->z.size() != n || b.depth->z.size() != n) return a.depth ? a.depth : b.depth;
    if (a.depth->z == b.depth->z) return a.depth;
    auto d = std::make_shared<Depth>(*b.depth);
    for (std::size_t k = 0; k < n; ++k) d->z[k] = lerp(a.depth->z[k], b.depth->z[k], t);
    return d;
}

// ── Transform family: FadeIn, FadeOut, Transform, MoveToTarget ───────────────────────────
/// Interpolates each leaf from a start state to a target state of the same size (Manim's
/// Transform.interpolate_submobject), straight or along arcs of path_arc_.
class MorphAnimation : public Animation {
public:
    MorphAnimation(const Mobject& m, std::string name) : Animation(m, std::move(name)) {}
    LeafState leaf_state(double alpha, std::size_t i) const override {
        double t = leaf_alpha(alpha, i);
        const LeafState& a = start_[i];
        const LeafState& b = target_[i];
        if (t == 1.0) return b.points->empty() ? LeafState{a.points, b.style, nullptr, a.depth} : b;
        if (t == 0.0) return a;
        Style s = interpolate_style(a.style, b.style, t);
        if (a.points == b.points || b.points->size() != a.points->size()) return {a.points, s, nullptr, a.depth};
        DepthPtr depth = depth_between(a, b, t);
        if (path_arc_centre_)
            return {std::make_shared<const Points>(circle_points_between(*a.points, *b.points, t)), s, nullptr, depth};
        if (path_arc_ != 0.0)
            return {std::make_shared<const Points>(arc_points_between(*a.points, *b.points, t)), s, nullptr, depth};
        return {std::make_shared<const Points>(interpolate_points(*a.points, *b.points, t)), s, nullptr, depth};
    }
    void set_path_arc(double a) { path_arc_ = a; }
    /// Points turn about this centre through path_arc_ (Manim's path_arc_centers).
    void set_path_arc_centre(Vec2 c) { path_arc_centre_ = c; }
    void values_at(double alpha, NodeValues& out) const override {
        double t = sub_alpha(alpha, 0, 1, 0.0, rate_);
        for (const auto& [m, a, b] : values_) out[m.node().get()] = lerp(a, b, t);
    }

protected:
    /// Pairs the numbered members of two families of the same shape (ValueTracker.animate).
    void collect_values(const Mobject& from, const Mobject& to) {
        values_.clear();
        auto fa = from.family(), fb = to.family();
        for (std::size_t k = 0; k < fa.size() && k < fb.size(); ++k)
            if (fa[k].has_number() && fb[k].has_number())
                values_.emplace_back(fa[k], fa[k].number(), fb[k].number());
    }
    void apply_final_values() {
        NodeValues v;
        values_at(1.0, v);
        for (auto& [m, a, b] : values_) m.set_number(v[m.node().get()]);
    }
    std::vector<std::tuple<Mobject, double, double>> values_;

    /// Leaves `leaves_` the state at alpha 1 (the target, or the start again for there_and_back).
    void apply_final_state() {
        for (std::size_t i = 0; i < leaves_.size(); ++i) {
            LeafState st = leaf_state(1.0, i);
            leaves_[i].set_points(st.points);
            leaves_[i].set_style(st.style);
            // z travels with the points (a target moved in 3-D); the leaf keeps its own 3-D flags.
            const DepthPtr& now = leaves_[i].depth();
            if (st.depth && st.depth != now && st.depth->z.size() == st.points->size() &&
                !(now && now->z == st.depth->z)) {
                auto d = now ? std::make_shared<Depth>(*now) : std::make_shared<Depth>();
                d->z = st.depth->z;
                leaves_[i].set_depth(std::move(d));
            }
        }
    }
    /// Appends `drawn`'s leaves morphing from `from` to `to` (both aligned with drawn first).
    void add_morph(Mobject drawn, Mobject from, Mobject to) {
        align_data(drawn, from);
        align_data(drawn, to);
        align_data(from, to);
        auto l = drawn.leaves();
        auto a = leaf_states(from), b = leaf_states(to);
        a.resize(l.size(), LeafState{no_points(), Style{}});
        b.resize(l.size(), LeafState{no_points(), Style{}});
        leaves_.insert(leaves_.end(), l.begin(), l.end());
        start_.insert(start_.end(), a.begin(), a.end());
        target_.insert(target_.end(), b.begin(), b.end());
    }

    // Manim's path_along_arc: each point turns about the centre of the arc of angle path_arc_
    // through its start and end.
    Points arc_points_between(const Points& a, const Points& b, double t) const {
        Points out(a.size());
        double arc = path_arc_;
        double ct = std::cos(arc * t), st = std::sin(arc * t);
        double cot = std::abs(arc - PI) < 1e-12 ? 0.0 : 1.0 / std::tan(arc / 2);
        for (std::size_t k = 0; k < a.size(); ++k) {
            Vec2 v = b[k] - a[k];
            Vec2 c = a[k] + v * 0.5 + Vec2{-v.y / 2, v.x / 2} * cot;
            Vec2 r = a[k] - c;
            out[k] = c + Vec2{r.x * ct - r.y * st, r.x * st + r.y * ct};
        }
        return out;
    }

    // Manim's path_along_circles (what Rotate moves points on): each end turned back by
    // path_arc_ about the centre, the straight way from the start to it, the whole turned
    // forward by t * path_arc_. A rotation's points go round the centre exactly, a full turn
    // too (path_along_arc's centre through start and end is undefined there: tan(pi)).
    Points circle_points_between(const Points& a, const Points& b, double t) const {
        Points out(a.size());
        const Vec2 c = *path_arc_centre_;
        const double cb = std::cos(-path_arc_), sb = std::sin(-path_arc_);
        const double ct = std::cos(path_arc_ * t), st = std::sin(path_arc_ * t);
        for (std::size_t k = 0; k < a.size(); ++k) {
            const Vec2 e = b[k] - c;
            const Vec2 back = c + Vec2{e.x * cb - e.y * sb, e.x * sb + e.y * cb};
            const Vec2 r = a[k] + (back - a[k]) * t - c;
            out[k] = c + Vec2{r.x * ct - r.y * st, r.x * st + r.y * ct};
        }
        return out;
    }

    std::vector<LeafState> start_;
    std::vector<LeafState> target_;
    double path_arc_ = 0.0;
    std::optional<Vec2> path_arc_centre_;
};

// ── Transform family: FadeIn, FadeOut, Transform, MoveToTarget ───────────────────────────
class TransformAnimation : public MorphAnimation {
public:
    TransformAnimation(const Mobject& m, std::string name) : MorphAnimation(m, std::move(name)) {}
    void begin() override {
        Mobject target = make_target();
        collect_values(mobject_, target);
        align_data(mobject_, target);
        leaves_ = mobject_.leaves();
        start_ = make_start();
        target_ = leaf_states(target);
        // Alignment can leave a leaf without a partner with points (empty groups); keep sizes equal.
        target_.resize(start_.size(), LeafState{no_points(), Style{}});
    }
    void finish() override {
        if (restores_on_finish()) return;
        apply_final_state();
        apply_final_values();
    }

protected:
    virtual Mobject make_target() = 0;
    virtual std::vector<LeafState> make_start() { return leaf_states(mobject_); }
    virtual bool restores_on_finish() const { return false; }
};

template <class A>
AnimationPtr apply_options(std::shared_ptr<A> a, std::optional<Seconds> run_time, const RateFunc& rate,
                           std::optional<double> lag) {
    if (run_time) a->set_run_time(*run_time);
    if (rate) a->set_rate_func(rate);
    if (lag) a->set_lag_ratio(*lag);
    return a;
}


/// Plain affine maps that bypass kind behaviours (Arrow.scale): what Manim's generic
/// Mobject.scale does to a whole family.
inline Mobject& scale_plain(Mobject& m, double f, Vec2 about) {
    return m.apply(Affine::scale_about(about, f, f));
}

/// A Transform to a fixed target mobject (Transform, MoveToTarget, .animate, Indicate ...).
class ToTargetAnimation : public TransformAnimation {
public:
    ToTargetAnimation(const Mobject& m, const Mobject& target, std::string name, std::string what)
        : TransformAnimation(m, std::move(name)), target_mob_(target), what_(std::move(what)) {}
    std::string describe() const override {
        return fmt::format("{}[{}{}](rt={:g},{})", name_, mobject_.label(), what_, run_time_,
                           rate_name(rate_));
    }

protected:
    Mobject make_target() override { return target_mob_.copy(); }
    Mobject target_mob_;
    std::string what_;
};

} // namespace reel::detail
