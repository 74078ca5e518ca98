// Animations: pure interpolation from a recorded start state, with Manim's timing rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reel/mobject.h"
#include "reel/shared.h"

namespace reel {

/// A rate function maps linear progress t in [0, 1] to eased progress (Manim's rate_func).
/// Any callable works: `[](double t) { return wiggle(t, 4); }`.
using RateFunc = Function<double(double)>;

// Manim's rate functions (manim/utils/rate_functions.py). Animations clamp t to [0, 1] before
// calling them, as Manim's get_sub_alpha does; the functions clamp too.
/// t.
double linear(double t);
/// Manim's smooth (sigmoid with inflection 10, rescaled to hit 0 and 1 exactly).
double smooth(double t);
/// Cubic smoothstep 3t^2 - 2t^3.
double smoothstep(double t);
/// Quintic smootherstep.
double smootherstep(double t);
/// Septic smoothererstep.
double smoothererstep(double t);
/// 0.5 * smooth(2t) then 0.5 * (1 + smooth(2t - 1)): two smooth halves.
double double_smooth(double t);
/// smooth up to 1 at t = 0.5 and back to 0 (0 outside [0, 1]).
double there_and_back(double t);
/// there_and_back holding 1 for the middle third.
double there_and_back_with_pause(double t);
/// The first half of smooth, doubled: starts slow, arrives fast.
double rush_into(double t);
/// The second half of smooth: starts fast, arrives slow.
double rush_from(double t);
/// sqrt(1 - (1 - t)^2).
double slow_into(double t);
/// Pulls back first (Bezier 0,0,-0.5,-0.5,1,1,1).
double running_start(double t);
/// Linear to 1 at t = 0.8, then holds.
double lingering(double t);
/// 1 - exp(-t / 0.1).
double exponential_decay(double t);
/// there_and_back(t) * sin(2 pi t).
double wiggle(double t);
/// Manim's wiggle(t, wiggles) with another number of half-periods.
RateFunc wiggle_with(double wiggles);
/// ease_in/out/in_out of the easings.net families (Manim's ease_* functions).
double ease_in_sine(double t);
double ease_out_sine(double t);
double ease_in_out_sine(double t);
double ease_in_quad(double t);
double ease_out_quad(double t);
double ease_in_out_quad(double t);
double ease_in_cubic(double t);
double ease_out_cubic(double t);
double ease_in_out_cubic(double t);
double ease_in_quart(double t);
double ease_out_quart(double t);
double ease_in_out_quart(double t);
double ease_in_quint(double t);
double ease_out_quint(double t);
double ease_in_out_quint(double t);
double ease_in_expo(double t);
double ease_out_expo(double t);
double ease_in_out_expo(double t);
double ease_in_circ(double t);
double ease_out_circ(double t);
double ease_in_out_circ(double t);
double ease_in_back(double t);
double ease_out_back(double t);
double ease_in_out_back(double t);
double ease_in_elastic(double t);
double ease_out_elastic(double t);
double ease_in_out_elastic(double t);
double ease_in_bounce(double t);
double ease_out_bounce(double t);
double ease_in_out_bounce(double t);
/// Manim's squish_rate_func: f squeezed into [a, b] (f(0) before, f(1) after).
RateFunc squish_rate_func(RateFunc f, double a = 0.4, double b = 0.6);
/// The name of a rate function declared above ("smooth"), "custom" for any other callable.
std::string rate_func_name(const RateFunc& f);

/// Manim's Animation.get_sub_alpha: progress of item i of n with a lag ratio.
double sub_alpha(double alpha, std::size_t i, std::size_t n, double lag_ratio, const RateFunc& rate);

struct NodeValues;

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
    /// Numbers this animation moves (ValueTracker): node -> value at progress alpha
    /// (NodeValues: the engine's "mobjects/eval_context.h").
    virtual void values_at(double alpha, NodeValues& out) const;
    /// Leaves the mobject in its final state (recording continues from there).
    virtual void finish() = 0;
    /// A short description for timelines ("Write[Text«Hi»](rt=1,linear,lag=0.2)").
    virtual std::string describe() const;

    const Mobject& mobject() const { return mobject_; }
    /// The family members with points this animation draws, fixed by begin().
    const std::vector<Mobject>& leaves() const { return leaves_; }
    Seconds run_time() const { return run_time_; }
    void set_run_time(Seconds t) { run_time_ = t; }
    const RateFunc& rate_func() const { return rate_; }
    void set_rate_func(RateFunc f) { rate_ = std::move(f); }
    double lag_ratio() const { return lag_ratio_; }
    void set_lag_ratio(double l) { lag_ratio_ = l; }
    /// Introducers (Create, Write, FadeIn) add their mobject to the scene when they begin.
    bool introducer() const { return introducer_; }
    /// Removers (FadeOut) take their mobject off the scene when they finish.
    bool remover() const { return remover_; }
    /// Mobjects put on the scene when the animation finishes (ReplacementTransform's target).
    const std::vector<Mobject>& added_on_finish() const { return added_on_finish_; }
    /// Mobjects taken off the scene when the animation finishes, besides a remover's own.
    const std::vector<Mobject>& removed_on_finish() const { return removed_on_finish_; }
    /// The animations the scene sees for adding and removing mobjects: this one, or the parts of
    /// a group (AnimationGroup, Succession, LaggedStart), recursively.
    virtual std::vector<Animation*> parts() { return {this}; }
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
    std::vector<Mobject> added_on_finish_;
    std::vector<Mobject> removed_on_finish_;
    std::string name_;
};

using AnimationPtr = Shared<Animation>;
extern template class Shared<Animation>;

/// Keyword arguments common to every animation.
struct AnimOptions {
    std::optional<Seconds> run_time;
    RateFunc rate_func = nullptr;
    std::optional<double> lag_ratio;
    /// Transforms: points travel on arcs of this angle (Manim's path_arc), 0 is straight.
    double path_arc = 0.0;
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

// ── more of Manim's animations, one file each under src/animation/ ─────────────────────────

/// Manim's ReplacementTransform: m morphs into target; then m leaves the scene and target
/// takes its place.
AnimationPtr ReplacementTransform(const Mobject& m, const Mobject& target, const AnimOptions& o = {});
/// Manim's FadeTransform: m fades out while stretched onto target's box; target fades in from
/// m's box. Then target replaces m in the scene.
AnimationPtr FadeTransform(const Mobject& m, const Mobject& target, const AnimOptions& o = {});
/// Manim's TransformMatchingTex / TransformMatchingShapes: parts with the same key move to
/// their partner, the others fade out and in. TransformMatchingTex: the parts of two MathTex
/// (MathTex({"a^2", "+", "b^2"}), {{...}}, substrings_to_isolate), keyed by their TeX strings;
/// anything else is refused (std::invalid_argument). TransformMatchingShapes: m's children (or
/// those of its single child), keyed by shape (points centred, scaled to height 1).
AnimationPtr TransformMatchingTex(const Mobject& m, const Mobject& target, const AnimOptions& o = {});
AnimationPtr TransformMatchingShapes(const Mobject& m, const Mobject& target,
                                     const AnimOptions& o = {});

/// Manim's GrowFromPoint: from a copy scaled to 0 at `point` (in point_color) to m.
AnimationPtr GrowFromPoint(const Mobject& m, Vec2 point, const AnimOptions& o = {},
                           std::optional<Color> point_color = std::nullopt);
/// Manim's GrowFromCenter.
AnimationPtr GrowFromCenter(const Mobject& m, const AnimOptions& o = {});
/// Manim's GrowArrow: grows from the arrow's start.
AnimationPtr GrowArrow(const Mobject& arrow, const AnimOptions& o = {});
/// Manim's SpinInFromNothing: GrowFromCenter along arcs of `angle`.
AnimationPtr SpinInFromNothing(const Mobject& m, double angle = PI / 2, const AnimOptions& o = {});

/// Manim's Uncreate: Create backwards (rate 1 - smooth), then removed.
AnimationPtr Uncreate(const Mobject& m, const AnimOptions& o = {});
/// Manim's Unwrite: Write backwards, last glyph first, then removed.
AnimationPtr Unwrite(const Mobject& m, const AnimOptions& o = {});
struct DrawBorderThenFillOptions {
    Seconds run_time = 2.0;
    RateFunc rate_func = double_smooth;
    double lag_ratio = 0.0;
    double stroke_width = 2.0;
    /// Unset: each part's stroke colour if it has a stroke, else its fill colour.
    std::optional<Color> stroke_color;
};
/// Manim's DrawBorderThenFill: outline drawn, then fill interpolated in.
AnimationPtr DrawBorderThenFill(const Mobject& m, const DrawBorderThenFillOptions& o = {});

struct IndicateOptions {
    double scale_factor = 1.2;
    Color color = YELLOW;
    std::optional<Seconds> run_time;
    RateFunc rate_func = there_and_back;
};
/// Manim's Indicate: scaled up and coloured, and back.
AnimationPtr Indicate(const Mobject& m, const IndicateOptions& o = {});
/// Manim's ShowPassingFlash: a window of width time_width slides along m's paths; m leaves the
/// scene at the end.
AnimationPtr ShowPassingFlash(const Mobject& m, double time_width = 0.1, const AnimOptions& o = {});
struct CircumscribeOptions {
    Color color = YELLOW;
    double buff = SMALL_BUFF;
    double time_width = 0.3;
    double stroke_width = 4.0;
    /// A Circle (surrounding m) instead of a Rectangle.
    bool circle = false;
    Seconds run_time = 1.0;
};
/// Manim's Circumscribe (default: ShowPassingFlash of a SurroundingRectangle).
AnimationPtr Circumscribe(const Mobject& m, const CircumscribeOptions& o = {});
struct FlashOptions {
    double line_length = 0.2;
    int num_lines = 12;
    double flash_radius = 0.1;
    double line_stroke_width = 3.0;
    Color color = YELLOW;
    double time_width = 1.0;
    Seconds run_time = 1.0;
};
/// Manim's Flash: num_lines short rays passing outwards from `point`.
AnimationPtr Flash(Vec2 point, const FlashOptions& o = {});
AnimationPtr Flash(const Mobject& m, const FlashOptions& o = {});
struct WiggleOptions {
    double scale_value = 1.1;
    double rotation_angle = 0.01 * TAU;
    double n_wiggles = 6;
    Seconds run_time = 2.0;
};
/// Manim's Wiggle: scales there and back while rotating to and fro about the centre.
AnimationPtr Wiggle(const Mobject& m, const WiggleOptions& o = {});
struct FocusOnOptions {
    double opacity = 0.2;
    Color color = GRAY;
    Seconds run_time = 2.0;
};
/// Manim's FocusOn: a frame-sized transparent disc shrinks onto the point, darkening to
/// `opacity`; removed at the end.
AnimationPtr FocusOn(Vec2 point, const FocusOnOptions& o = {});

/// Manim's MoveAlongPath: m's centre follows path.point_from_proportion(rate(t)).
AnimationPtr MoveAlongPath(const Mobject& m, const Mobject& path, const AnimOptions& o = {});
/// Manim's ScaleInPlace(m, scale_factor): a Transform to m scaled about its centre.
AnimationPtr ScaleInPlace(const Mobject& m, double scale_factor, const AnimOptions& o = {});
/// Manim's Restore(m): a Transform back to the copy m.save_state() kept. Throws
/// std::logic_error if m has no saved state.
AnimationPtr Restore(const Mobject& m, const AnimOptions& o = {});
/// Manim's ApplyPointwiseFunction(function, m): a Transform to m.apply_function(function).
AnimationPtr ApplyPointwiseFunction(Function<Vec2(Vec2)> function, const Mobject& m,
                                    const AnimOptions& o = {});
/// Manim's UpdateFromFunc(m, f): f(m) at every moment of the play, as an updater would run it
/// (on m as the play began), and once more at its end. Nothing is interpolated.
AnimationPtr UpdateFromFunc(const Mobject& m, Function<void(Mobject&)> update_function,
                            const AnimOptions& o = {});

/// Manim's Rotate: a Transform to m rotated by `angle` about `about_point` (else its centre), each
/// point moving on a circle about that centre (Manim's path_along_circles; a full turn too).
AnimationPtr Rotate(const Mobject& m, double angle = PI, std::optional<Vec2> about_point = std::nullopt,
                    const AnimOptions& o = {});
/// Keyword arguments of Rotating (Manim's names and defaults).
struct RotatingOptions {
    double radians = TAU;
    /// Unset: the centre of m.
    std::optional<Vec2> about_point;
    /// Unset: 5 s.
    std::optional<Seconds> run_time;
    /// Unset: linear.
    RateFunc rate_func = nullptr;
};
/// Manim's Rotating: m rotated by rate(t) * radians about its centre (run_time 5, linear).
AnimationPtr Rotating(const Mobject& m, const RotatingOptions& o = {});

struct GroupOptions {
    /// 0: together; 1: one after the other; between: each starts when the previous is at
    /// that proportion.
    std::optional<double> lag_ratio;
    /// Unset: the end of the last part.
    std::optional<Seconds> run_time;
    /// Maps the group's progress to time (linear by default).
    RateFunc rate_func = nullptr;
};
/// Manim's AnimationGroup: the parts on one clock, part i starting lag_ratio into part i-1.
AnimationPtr AnimationGroup(std::vector<AnimationPtr> anims, const GroupOptions& o = {});
/// Manim's LaggedStart: an AnimationGroup with lag_ratio 0.05.
AnimationPtr LaggedStart(std::vector<AnimationPtr> anims, const GroupOptions& o = {});
/// Manim's Succession: one after the other (lag 1); each part starts from where the previous
/// left the scene.
AnimationPtr Succession(std::vector<AnimationPtr> anims, const GroupOptions& o = {});
/// Manim's BraceLabel.creation_anim(label_anim=FadeIn, brace_anim=GrowFromCenter) of a
/// BraceLabel or BraceText: AnimationGroup(brace_anim(brace), label_anim(label)). Unset
/// animations are Manim's defaults. Throws std::invalid_argument for any other mobject.
AnimationPtr creation_anim(const Mobject& brace_label, Function<AnimationPtr(const Mobject&)> label_anim = nullptr,
                           Function<AnimationPtr(const Mobject&)> brace_anim = nullptr);
/// Manim's Wait animation: nothing changes for run_time.
AnimationPtr Wait(Seconds run_time = 1.0);

/// Manim's `.animate`: method calls are applied to a copy (the target) and played as a
/// Transform to it. Usage: `s.play(animate(sq).set_fill(RED, 0.5).next_to(c, UP))`. Every
/// layout and style method of Mobject is here with the same arguments and defaults; the end
/// state is the state the same calls give the mobject itself.
class AnimateBuilder {
public:
    explicit AnimateBuilder(const Mobject& m);
    // ── layout ──
    AnimateBuilder& apply(const Affine& m);
    AnimateBuilder& shift(Vec2 v);
    AnimateBuilder& move_to(Vec2 p, Vec2 aligned_edge = ORIGIN);
    AnimateBuilder& move_to(const Mobject& m, Vec2 aligned_edge = ORIGIN);
    AnimateBuilder& move_to(Vec3 p);
    AnimateBuilder& next_to(const Mobject& m, Vec2 dir = RIGHT, double buff = MED_SMALL_BUFF,
                            Vec2 aligned_edge = ORIGIN);
    AnimateBuilder& next_to(Vec2 point, Vec2 dir = RIGHT, double buff = MED_SMALL_BUFF,
                            Vec2 aligned_edge = ORIGIN);
    AnimateBuilder& to_edge(Vec2 edge, double buff = MED_LARGE_BUFF);
    AnimateBuilder& to_corner(Vec2 corner, double buff = MED_LARGE_BUFF);
    AnimateBuilder& align_to(const Mobject& m, Vec2 dir);
    AnimateBuilder& align_to(Vec2 point, Vec2 dir);
    AnimateBuilder& arrange(Vec2 dir = RIGHT, double buff = MED_SMALL_BUFF,
                            Vec2 aligned_edge = ORIGIN, bool center = true);
    AnimateBuilder& center();
    AnimateBuilder& set_x(double x, Vec2 direction = ORIGIN);
    AnimateBuilder& set_y(double y, Vec2 direction = ORIGIN);
    AnimateBuilder& rotate(double angle, std::optional<Vec2> about = std::nullopt);
    AnimateBuilder& rotate_about_origin(double angle);
    AnimateBuilder& scale(double factor, std::optional<Vec2> about = std::nullopt);
    AnimateBuilder& stretch(double factor, int dim, std::optional<Vec2> about = std::nullopt);
    AnimateBuilder& stretch_to_fit_width(double w);
    AnimateBuilder& stretch_to_fit_height(double h);
    AnimateBuilder& scale_to_fit_width(double w);
    AnimateBuilder& scale_to_fit_height(double h);
    AnimateBuilder& flip_vertical();
    AnimateBuilder& put_start_and_end_on(Vec2 start, Vec2 end);
    AnimateBuilder& apply_function(const Function<Vec2(Vec2)>& f);
    AnimateBuilder& make_smooth();
    // ── style ──
    AnimateBuilder& set_fill(std::optional<Color> c, std::optional<double> opacity = std::nullopt);
    AnimateBuilder& set_fill_opacity(double opacity);
    AnimateBuilder& set_stroke(std::optional<Color> c, std::optional<double> width = std::nullopt,
                               std::optional<double> opacity = std::nullopt);
    AnimateBuilder& set_color(Color c);
    AnimateBuilder& set_opacity(double opacity);
    AnimateBuilder& fade(double darkness = 0.5);
    /// Manim's .animate.become(other).
    AnimateBuilder& become(const Mobject& other);
    /// ValueTracker.animate.set_value / increment_value.
    AnimateBuilder& set_value(double v);
    AnimateBuilder& increment_value(double dv);
    /// The animation's keyword arguments (Manim's .animate(run_time=...)).
    AnimateBuilder& with(const AnimOptions& o);
    /// The target as the calls so far leave it.
    const Mobject& target() const { return target_; }
    /// The animation (implicit so a builder can be passed to play()).
    operator AnimationPtr() const;

private:
    AnimateBuilder& called(std::string call);

    Mobject mobject_;
    Mobject target_;
    std::string calls_;
    AnimOptions options_;
};
inline AnimateBuilder animate(const Mobject& m) { return AnimateBuilder(m); }

} // namespace reel
