// Animations: pure interpolation from a recorded start state, with Manim's timing rules.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "reel/mobject.h"

namespace reel {

/// A rate function maps linear progress t in [0, 1] to eased progress; clamps outside.
using RateFunc = double (*)(double);

/// t, clamped to [0, 1].
double linear(double t);
/// Manim's smooth (sigmoid with inflection 10, rescaled to hit 0 and 1 exactly).
double smooth(double t);
/// 0.5 * smooth(2t) then 0.5 * (1 + smooth(2t - 1)): two smooth halves.
double double_smooth(double t);
/// smooth up to 1 at t = 0.5 and back to 0.
double there_and_back(double t);
/// Quadratic ease in: t^2.
double ease_in_quad(double t);
/// Quadratic ease out: 1 - (1 - t)^2.
double ease_out_quad(double t);
/// Cubic ease in and out.
double ease_in_out_cubic(double t);
/// Eases to 1 quickly with an exponential tail.
double rush_into(double t);
/// Starts quickly and eases out.
double rush_from(double t);

/// Manim's Animation.get_sub_alpha: progress of item i of n with a lag ratio.
double sub_alpha(double alpha, std::size_t i, std::size_t n, double lag_ratio, RateFunc rate);

/// One animation of a play. Recorded once (`begin`), then evaluated purely (`leaf_state`).
class Animation {
public:
    virtual ~Animation() = default;
    Animation(const Animation&) = delete;
    Animation& operator=(const Animation&) = delete;

    /// Captures the start and end states. Called once, when the play is recorded.
    virtual void begin() = 0;
    /// The drawn state of leaf i (of `leaves()`) at progress alpha = t / run_time (unclamped).
    virtual LeafState leaf_state(double alpha, std::size_t i) const = 0;
    /// Leaves the mobject in its final state (recording continues from there).
    virtual void finish() = 0;
    /// A short description for timelines ("Write[Text«Hi»](rt=1,linear,lag=0.2)").
    virtual std::string describe() const;

    const Mobject& mobject() const { return mobject_; }
    /// The family members with points this animation draws, fixed by begin().
    const std::vector<Mobject>& leaves() const { return leaves_; }
    Seconds run_time() const { return run_time_; }
    void set_run_time(Seconds t) { run_time_ = t; }
    RateFunc rate_func() const { return rate_; }
    void set_rate_func(RateFunc f) { rate_ = f; }
    double lag_ratio() const { return lag_ratio_; }
    void set_lag_ratio(double l) { lag_ratio_ = l; }
    /// Introducers (Create, Write, FadeIn) add their mobject to the scene when they begin.
    bool introducer() const { return introducer_; }
    /// Removers (FadeOut) take their mobject off the scene when they finish.
    bool remover() const { return remover_; }
    const std::string& name() const { return name_; }

protected:
    Animation(Mobject m, std::string name);
    double leaf_alpha(double alpha, std::size_t i) const;

    Mobject mobject_;
    std::vector<Mobject> leaves_;
    Seconds run_time_ = 1.0;
    RateFunc rate_ = smooth;
    double lag_ratio_ = 0.0;
    bool introducer_ = false;
    bool remover_ = false;
    std::string name_;
};

using AnimationPtr = std::shared_ptr<Animation>;

/// Keyword arguments common to every animation.
struct AnimOptions {
    std::optional<Seconds> run_time;
    RateFunc rate_func = nullptr;
    std::optional<double> lag_ratio;
};

/// Manim's Create (ShowPartial, lag 1): draws each leaf's path progressively by curve index.
AnimationPtr Create(const Mobject& m, const AnimOptions& o = {});
/// Manim's Write (DrawBorderThenFill): outline (width 2) then fill, glyph after glyph.
/// run_time 1 if fewer than 15 leaves else 2; lag min(4/N, 0.2); linear.
AnimationPtr Write(const Mobject& m, const AnimOptions& o = {});

struct FadeOptions {
    Vec2 shift = ORIGIN;
    double scale = 1.0;
    std::optional<Seconds> run_time;
    RateFunc rate_func = nullptr;
    std::optional<double> lag_ratio;
};
/// Manim's FadeIn(m, shift=, scale=): from invisible, shifted by -shift and scaled.
AnimationPtr FadeIn(const Mobject& m, const FadeOptions& o = {});
/// Manim's FadeOut(m, shift=, scale=): to invisible; removes m from the scene at the end.
AnimationPtr FadeOut(const Mobject& m, const FadeOptions& o = {});
/// Manim's Transform(m, target): m morphs into target's shape and style (m keeps its identity).
AnimationPtr Transform(const Mobject& m, const Mobject& target, const AnimOptions& o = {});
/// Manim's ReplacementTransform-free MoveToTarget: morphs m into `target` (a modified copy).
AnimationPtr MoveToTarget(const Mobject& m, const Mobject& target, const AnimOptions& o = {});

/// Manim's `.animate`: method calls are applied to a copy (the target) and played as a
/// Transform. Usage: `s.play(animate(sq).set_fill(RED, 0.5).shift(UP))`.
class AnimateBuilder {
public:
    explicit AnimateBuilder(const Mobject& m);
    AnimateBuilder& set_fill(std::optional<Color> c, std::optional<double> opacity = std::nullopt);
    AnimateBuilder& set_fill_opacity(double opacity);
    AnimateBuilder& set_stroke(std::optional<Color> c, std::optional<double> width = std::nullopt,
                               std::optional<double> opacity = std::nullopt);
    AnimateBuilder& set_color(Color c);
    AnimateBuilder& set_opacity(double opacity);
    AnimateBuilder& move_to(Vec2 p);
    AnimateBuilder& shift(Vec2 v);
    AnimateBuilder& scale(double f);
    AnimateBuilder& rotate(double angle);
    AnimateBuilder& with(const AnimOptions& o);
    /// The animation (implicit so a builder can be passed to play()).
    operator AnimationPtr() const;

private:
    Mobject mobject_;
    Mobject target_;
    std::string calls_;
    AnimOptions options_;
};
inline AnimateBuilder animate(const Mobject& m) { return AnimateBuilder(m); }

} // namespace reel
