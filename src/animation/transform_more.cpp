// Manim's transform.py / transform_matching_parts.py beyond Transform: ReplacementTransform,
// FadeTransform, TransformMatchingTex and TransformMatchingShapes.
#include <cmath>
#include <map>
#include <stdexcept>
#include <string_view>

#include "internal.h"

namespace reel {

namespace {

using namespace detail;

class ReplacementTransformAnimation final : public TransformAnimation {
public:
    ReplacementTransformAnimation(const Mobject& m, const Mobject& target)
        : TransformAnimation(m, "ReplacementTransform"), target_mob_(target) {
        remover_ = true;
        added_on_finish_ = {target};
    }
    std::string describe() const override {
        return fmt::format("{}[{}->{}](rt={:g},{})", name_, mobject_.label(), target_mob_.label(),
                           run_time_, rate_name(rate_));
    }

private:
    Mobject make_target() override { return target_mob_.copy(); }
    Mobject target_mob_;
};

// Manim's ghost_to: replace(target, stretch=True) and fully transparent.
Mobject ghost_onto(const Mobject& m, const Mobject& target) {
    Mobject g = m.copy();
    if (g.width() > 0 && target.width() > 0) g.stretch_to_fit_width(target.width());
    if (g.height() > 0 && target.height() > 0) g.stretch_to_fit_height(target.height());
    g.shift(target.get_center() - g.get_center());
    g.set_opacity(0.0);
    return g;
}

class FadeTransformAnimation final : public MorphAnimation {
public:
    FadeTransformAnimation(const Mobject& m, const Mobject& target)
        : MorphAnimation(VGroup(), "FadeTransform"), source_(m), target_mob_(target),
          target_copy_(target.copy()) {
        mobject_ = VGroup({source_, target_copy_});
        remover_ = true;
        added_on_finish_ = {target};
    }
    void begin() override {
        saved_ = source_.copy();
        leaves_.clear();
        start_.clear();
        target_.clear();
        add_morph(source_, source_.copy(), ghost_onto(source_, target_mob_));
        add_morph(target_copy_, ghost_onto(target_copy_, saved_), target_copy_.copy());
    }
    void finish() override { source_.become(saved_); }

private:
    Mobject source_, target_mob_, target_copy_, saved_;
};

// The parts matched: the glyphs of a MathTex / Text (children of the single child group when
// there is one), else the children, else the mobject itself.
std::vector<Mobject> matching_parts(const Mobject& m) {
    Mobject root = m;
    while (root.size() == 1 && !root[0].has_points() && root[0].size() > 0) root = root[0];
    if (root.size() == 0) return {m};
    return root.children();
}

// Manim's TransformMatchingShapes.get_mobject_key: the points centred, scaled to height 1 and
// rounded to 3 decimals.
std::string shape_key(const Mobject& m) {
    Mobject c = m.copy();
    c.center();
    double h = c.height();
    if (h > 0) c.apply(Affine::scale_about(ORIGIN, 1 / h, 1 / h));
    std::string key;
    for (const auto& l : c.leaves())
        for (Vec2 v : l.points())
            key += fmt::format("{:.3f},{:.3f};", v.x + 0.0, v.y + 0.0);
    return key;
}

// Manim's TransformMatchingTex: the parts of a MathTex, keyed by their TeX strings.
std::vector<Mobject> tex_parts(const Mobject& m, const char* which) {
    if (!m.behavior() || m.behavior()->kind() != "MathTex")
        throw std::invalid_argument(fmt::format("TransformMatchingTex: the {} ({}) is not a MathTex "
                                                "(TransformMatchingShapes matches any mobjects)",
                                                which, m.label().empty() ? "a mobject" : m.label()));
    return m.children();
}

std::string tex_key(const Mobject& part) {
    return part.behavior() ? std::string(part.behavior()->tex_string()) : std::string();
}

AnimationPtr matching(const Mobject& m, const Mobject& target, const AnimOptions& o, const char* name) {
    const bool tex = std::string_view(name) == "TransformMatchingTex";
    auto src = tex ? tex_parts(m, "source") : matching_parts(m);
    auto tgt = tex ? tex_parts(target, "target") : matching_parts(target);
    std::vector<std::string> skeys, tkeys;
    for (const auto& p : src) skeys.push_back(tex ? tex_key(p) : shape_key(p));
    for (const auto& p : tgt) tkeys.push_back(tex ? tex_key(p) : shape_key(p));
    // Groups per key in source order (Manim's get_shape_map), matched keys transformed.
    std::map<std::string, std::pair<Mobject, Mobject>> groups;
    std::vector<std::string> order;
    for (std::size_t i = 0; i < src.size(); ++i) {
        auto [it, fresh] = groups.try_emplace(skeys[i], VGroup(), VGroup());
        if (fresh) order.push_back(skeys[i]);
        it->second.first.add(src[i]);
    }
    for (std::size_t i = 0; i < tgt.size(); ++i) {
        auto [it, fresh] = groups.try_emplace(tkeys[i], VGroup(), VGroup());
        if (fresh) order.push_back(tkeys[i]);
        it->second.second.add(tgt[i]);
    }
    Mobject ts, tt, fs, ft;
    for (const auto& k : order) {
        auto& [s, t] = groups.at(k);
        if (s.size() > 0 && t.size() > 0) {
            ts.add(s);
            tt.add(t);
        } else if (s.size() > 0) {
            fs.add(s);
        } else {
            ft.add(t);
        }
    }
    AnimOptions each{.run_time = o.run_time, .rate_func = o.rate_func};
    std::vector<AnimationPtr> anims;
    if (ts.size() > 0) anims.push_back(Transform(ts, tt, each));
    // FadeOut / FadeIn with target_position = the target's centre.
    if (fs.size() > 0)
        anims.push_back(FadeOut(fs, {.shift = target.get_center() - fs.get_center(),
                                     .run_time = o.run_time, .rate_func = o.rate_func}));
    if (ft.size() > 0) {
        Mobject c = ft.copy();
        anims.push_back(FadeIn(c, {.shift = target.get_center() - c.get_center(),
                                   .run_time = o.run_time, .rate_func = o.rate_func}));
    }
    if (anims.empty()) anims.push_back(Wait(o.run_time.value_or(1.0)));
    // The group removes the source (and the groups it made) and adds the target at the end.
    struct Matching : Animation {
        Matching(AnimationPtr g, Mobject src_m, Mobject tgt_m, std::vector<Mobject> extra, const char* n)
            : Animation(g->mobject(), n), group_(std::move(g)) {
            removed_on_finish_ = std::move(extra);
            removed_on_finish_.push_back(src_m);
            added_on_finish_ = {std::move(tgt_m)};
            run_time_ = group_->run_time();
            rate_ = linear;
        }
        std::vector<Animation*> parts() override { return group_->parts(); }
        void begin() override {
            group_->begin();
            leaves_ = group_->leaves();
        }
        LeafState leaf_state(double alpha, std::size_t i) const override {
            return group_->leaf_state(rate_(std::clamp(alpha, 0.0, 1.0)) * run_time_ / group_->run_time(), i);
        }
        void finish() override { group_->finish(); }
        AnimationPtr group_;
    };
    std::vector<Mobject> extra;
    for (const auto& a : anims) extra.push_back(a->mobject());
    return std::make_shared<Matching>(AnimationGroup(std::move(anims)), m, target, extra, name);
}

} // namespace

AnimationPtr ReplacementTransform(const Mobject& m, const Mobject& target, const AnimOptions& o) {
    auto a = std::make_shared<ReplacementTransformAnimation>(m, target);
    a->set_path_arc(o.path_arc);
    return apply_options(a, o.run_time, o.rate_func, o.lag_ratio);
}

AnimationPtr FadeTransform(const Mobject& m, const Mobject& target, const AnimOptions& o) {
    return apply_options(std::make_shared<FadeTransformAnimation>(m, target), o.run_time,
                         o.rate_func, o.lag_ratio);
}

AnimationPtr TransformMatchingTex(const Mobject& m, const Mobject& target, const AnimOptions& o) {
    return matching(m, target, o, "TransformMatchingTex");
}

AnimationPtr TransformMatchingShapes(const Mobject& m, const Mobject& target, const AnimOptions& o) {
    return matching(m, target, o, "TransformMatchingShapes");
}

} // namespace reel

namespace reel {

// transform.py's ApplyMethod family: a Transform to a copy the method was applied to.
AnimationPtr ScaleInPlace(const Mobject& m, double scale_factor, const AnimOptions& o) {
    Mobject target = m.copy();
    target.scale(scale_factor);
    auto a = std::make_shared<detail::ToTargetAnimation>(m, target, "ScaleInPlace",
                                                         fmt::format("*{:g}", scale_factor));
    a->set_path_arc(o.path_arc);
    return detail::apply_options(a, o.run_time, o.rate_func, o.lag_ratio);
}

AnimationPtr Restore(const Mobject& m, const AnimOptions& o) {
    auto a = std::make_shared<detail::ToTargetAnimation>(m, m.saved_state(), "Restore", "");
    a->set_path_arc(o.path_arc);
    return detail::apply_options(a, o.run_time, o.rate_func, o.lag_ratio);
}

AnimationPtr ApplyPointwiseFunction(Function<Vec2(Vec2)> function, const Mobject& m,
                                    const AnimOptions& o) {
    Mobject target = m.copy();
    target.apply_function(function);
    auto a = std::make_shared<detail::ToTargetAnimation>(m, target, "ApplyPointwiseFunction", "");
    a->set_path_arc(o.path_arc);
    return detail::apply_options(a, o.run_time, o.rate_func, o.lag_ratio);
}

} // namespace reel
