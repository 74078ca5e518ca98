// Animations: rate functions, lag, Create, Write, FadeIn / FadeOut, Transform and .animate with
// Manim CE 0.17.3's rules (MANIM_SEMANTICS.md sections 6 and 7).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "reel/animation.h"
#include "reel/text.h"
#include "support/expect_near.h"

namespace reel {
namespace {

Mobject squares(std::size_t n) {
    Mobject g;
    for (std::size_t i = 0; i < n; ++i) {
        Mobject s = Square(0.2, {.fill_opacity = 1.0});
        s.move_to(Vec2{0.3 * static_cast<double>(i), 0});
        g.add(s);
    }
    return g;
}

// ── Negative cases ────────────────────────────────────────────────────────────────────────

TEST(RateFunctions, ClampOutsideTheUnitInterval) {
    for (RateFunc f : {linear, smooth, double_smooth, ease_in_quad, ease_out_quad,
                       ease_in_out_cubic, rush_into, rush_from}) {
        EXPECT_EQ(f(-0.5), 0.0);
        EXPECT_EQ(f(-1e9), 0.0);
        EXPECT_NEAR(f(1.5), 1.0, 1e-12);
        EXPECT_NEAR(f(1e9), 1.0, 1e-12);
    }
    // there_and_back is 0 outside [0, 1] (and at both ends).
    EXPECT_EQ(there_and_back(-0.5), 0.0);
    EXPECT_EQ(there_and_back(1.5), 0.0);
    EXPECT_EQ(there_and_back(1.0), 0.0);
}

TEST(SubAlpha, NoItemsDoesNotDivideByZero) {
    EXPECT_EQ(sub_alpha(0.5, 0, 0, 0.2, linear), 0.5);
}

TEST(Create, EmptyMobjectHasNoLeaves) {
    Mobject g = VGroup();
    auto a = Create(g);
    a->begin();
    EXPECT_TRUE(a->leaves().empty());
}

TEST(Create, AlphaZeroDrawsNothing) {
    Mobject r = Rectangle();
    auto a = Create(r);
    a->begin();
    const LeafState s = a->leaf_state(0.0, 0);
    // Either no points or a zero-length path: nothing visible with butt caps.
    EXPECT_EQ(all_bounds(*s.points).width(), 0.0);
    EXPECT_EQ(all_bounds(*s.points).height(), 0.0);
}

TEST(Write, AlphaZeroFrameIsEmpty) {
    // 9: every glyph at sub_alpha 0, i.e. zero-length outlines.
    Mobject t = Text("Hi");
    auto a = Write(t);
    a->begin();
    for (std::size_t i = 0; i < a->leaves().size(); ++i) {
        const LeafState s = a->leaf_state(0.0, i);
        EXPECT_EQ(all_bounds(*s.points).width(), 0.0);
        EXPECT_EQ(s.style.fill_opacity, 0.0);
    }
}

TEST(Transform, AlphaBeyondOneStaysFinal) {
    // 6.7: a short animation in a longer play gets alpha > 1 and stays at its final state.
    Mobject s = Square(1.0);
    Mobject t = Square(1.0);
    t.shift(RIGHT * 2).set_color(RED);
    auto a = Transform(s, t);
    a->begin();
    const LeafState end = a->leaf_state(1.0, 0);
    const LeafState beyond = a->leaf_state(2.0, 0);
    EXPECT_EQ(*beyond.points, *end.points);
    EXPECT_EQ(beyond.style, end.style);
}

// ── Rate functions (7) ────────────────────────────────────────────────────────────────────

TEST(RateFunctions, SmoothMatchesManim) {
    EXPECT_NEAR(smooth(0.1), 0.011447, 5e-7);
    EXPECT_NEAR(smooth(0.25), 0.070104, 5e-7);
    EXPECT_NEAR(smooth(0.5), 0.5, 1e-15);
    EXPECT_NEAR(smooth(0.75), 0.929896, 5e-7);
    EXPECT_EQ(smooth(0.0), 0.0);
    EXPECT_EQ(smooth(1.0), 1.0);
    // The closed form with e = sigma(-5) = 0.0066928509242848554.
    const double e = 0.0066928509242848554;
    for (double t : {0.05, 0.3, 0.6, 0.95}) {
        const double expect = (1.0 / (1.0 + std::exp(-10.0 * (t - 0.5))) - e) / 0.9866142981514303;
        EXPECT_NEAR(smooth(t), expect, 1e-14) << "t = " << t;
    }
    // Symmetric about (0.5, 0.5).
    EXPECT_NEAR(smooth(0.2) + smooth(0.8), 1.0, 1e-14);
}

TEST(RateFunctions, LinearDoubleSmoothAndThereAndBack) {
    EXPECT_EQ(linear(0.37), 0.37);
    EXPECT_NEAR(double_smooth(0.25), 0.25, 1e-15); // 0.5 * smooth(0.5)
    EXPECT_NEAR(double_smooth(0.75), 0.75, 1e-15); // 0.5 * (1 + smooth(0.5))
    EXPECT_NEAR(double_smooth(0.1), 0.5 * smooth(0.2), 1e-15);
    EXPECT_NEAR(there_and_back(0.25), 0.5, 1e-15);
    EXPECT_NEAR(there_and_back(0.75), 0.5, 1e-15);
    EXPECT_NEAR(there_and_back(0.5), 1.0, 1e-15);
}

TEST(SubAlpha, IsRateOfAlphaTimesFullLengthMinusILag) {
    // sub_alpha_i = rate(alpha ((n - 1) lag + 1) - i lag)
    EXPECT_NEAR(sub_alpha(0.5, 2, 5, 0.2, linear), 0.5 * 1.8 - 0.4, 1e-15);
    // Create(kv_lines): 4 lines with lag 1 get smooth(4 alpha - i), one after another.
    for (double alpha : {0.1, 0.3, 0.55, 0.8}) {
        for (std::size_t i = 0; i < 4; ++i)
            EXPECT_NEAR(sub_alpha(alpha, i, 4, 1.0, smooth), smooth(4 * alpha - static_cast<double>(i)),
                        1e-15);
    }
}

// ── Create (6.2) ──────────────────────────────────────────────────────────────────────────

TEST(Create, DefaultsAreOneSecondSmoothLagOneIntroducer) {
    auto a = Create(Square(1.0));
    EXPECT_EQ(a->run_time(), 1.0);
    EXPECT_EQ(rate_func_name(a->rate_func()), "smooth");
    EXPECT_EQ(a->lag_ratio(), 1.0);
    EXPECT_TRUE(a->introducer());
    EXPECT_FALSE(a->remover());
}

TEST(Create, RectangleDrawsOneEdgePerQuarterStartingWithTheTop) {
    Mobject r = Rectangle({.width = 4, .height = 2});
    auto a = Create(r, {.rate_func = linear});
    a->begin();
    const LeafState q = a->leaf_state(0.25, 0);
    // partial(0, 0.25) of 4 cubics = index 1, residue 0: the whole top edge (right to left).
    ASSERT_GE(q.points->size(), 4u);
    expect_near(q.points->front(), {2, 1}, 1e-12);
    expect_near((*q.points)[3], {-2, 1}, 1e-12);
    EXPECT_NEAR(all_bounds(*q.points).height(), 0.0, 1e-12);
    const LeafState h = a->leaf_state(0.5, 0);
    expect_near(h.points->back(), {-2, -1}, 1e-12); // top and left edges
    EXPECT_EQ(*a->leaf_state(1.0, 0).points, r.points());
    // Style is not animated.
    EXPECT_EQ(q.style, r.style());
}

TEST(Create, UsesSmoothForASingleLeaf) {
    Mobject l = Line({0, 0}, {1, 0});
    auto a = Create(l);
    a->begin();
    const LeafState s = a->leaf_state(0.25, 0);
    EXPECT_NEAR(s.points->back().x, smooth(0.25), 1e-12);
}

TEST(Create, OrthLineWithAZeroLengthMiddleCubicFinishesAtHalfProgress) {
    // 4.5 / 6.2: corners [start, (start.x, end.y), end] with start.x == end.x.
    const Vec2 s{0, 1}, e{0, -1};
    Mobject m = Polyline({s, {s.x, e.y}, e});
    auto a = Create(m, {.rate_func = linear});
    a->begin();
    const Bounds full = all_bounds(m.points());
    const Bounds half = all_bounds(*a->leaf_state(0.5, 0).points);
    EXPECT_NEAR(half.min.y, full.min.y, 1e-12);
    EXPECT_NEAR(half.max.y, full.max.y, 1e-12);
    const Bounds before = all_bounds(*a->leaf_state(0.45, 0).points);
    EXPECT_GT(before.min.y, full.min.y + 0.1);
}

TEST(Create, GroupOfLinesDrawsThemOneAfterAnother) {
    Mobject g = VGroup({Line({0, 0}, {1, 0}), Line({0, 1}, {1, 1}), Line({0, 2}, {1, 2}),
                        Line({0, 3}, {1, 3})});
    auto a = Create(g, {.rate_func = linear});
    a->begin();
    ASSERT_EQ(a->leaves().size(), 4u);
    // alpha 0.375: line 0 done (1.5 -> 1), line 1 half (0.5), lines 2, 3 not started.
    EXPECT_NEAR(a->leaf_state(0.375, 0).points->back().x, 1.0, 1e-12);
    EXPECT_NEAR(a->leaf_state(0.375, 1).points->back().x, 0.5, 1e-12);
    EXPECT_NEAR(all_bounds(*a->leaf_state(0.375, 2).points).width(), 0.0, 1e-12);
}

// ── Write (6.3) ───────────────────────────────────────────────────────────────────────────

TEST(Write, RunTimeIsOneBelowFifteenLeavesElseTwo) {
    EXPECT_EQ(Write(squares(1))->run_time(), 1.0);
    EXPECT_EQ(Write(squares(14))->run_time(), 1.0);
    EXPECT_EQ(Write(squares(15))->run_time(), 2.0);
    EXPECT_EQ(Write(squares(27))->run_time(), 2.0);
}

TEST(Write, LagIsFourOverNCappedAtOneFifth) {
    EXPECT_NEAR(Write(squares(1))->lag_ratio(), 0.2, 1e-15);
    EXPECT_NEAR(Write(squares(20))->lag_ratio(), 0.2, 1e-15);
    EXPECT_NEAR(Write(squares(21))->lag_ratio(), 4.0 / 21.0, 1e-15);
    EXPECT_NEAR(Write(squares(27))->lag_ratio(), 4.0 / 27.0, 1e-15);
    EXPECT_NEAR(Write(squares(43))->lag_ratio(), 0.09302, 1e-5); // sg_1 in the timeline
    auto w = Write(squares(27));
    EXPECT_EQ(rate_func_name(w->rate_func()), "linear");
    EXPECT_TRUE(w->introducer());
}

TEST(Write, TitleHasTwentySevenGlyphsSoTwoSecondsAndLagFourTwentySevenths) {
    set_default_text_font("Times New Roman");
    auto w = Write(Text("Grouped-Query Attention (GQA)", {.font_size = 42, .color = BLUE}));
    EXPECT_EQ(w->run_time(), 2.0);
    EXPECT_NEAR(w->lag_ratio(), 4.0 / 27.0, 1e-15);
}

TEST(Write, RunTimeOverrideKeepsTheLagComputedFromN) {
    auto w = Write(squares(43), {.run_time = 0.3});
    EXPECT_EQ(w->run_time(), 0.3);
    EXPECT_NEAR(w->lag_ratio(), 4.0 / 43.0, 1e-15);
}

TEST(Write, TextIsOutlinedInWhiteThenFilled) {
    // One glyph: n = 1, so sub_alpha = alpha (linear).
    Mobject t = Text("H", {.font_size = 48, .color = BLUE});
    auto w = Write(t);
    w->begin();
    ASSERT_EQ(w->leaves().size(), 1u);
    const Points& full = t[0].points();
    // First half: partial outline (by curve index, 2 s of progress), stroke width 2, WHITE.
    const LeafState a = w->leaf_state(0.25, 0);
    EXPECT_EQ(a.style.stroke_color, WHITE);
    EXPECT_EQ(a.style.stroke_width, 2.0);
    EXPECT_EQ(a.style.fill_opacity, 0.0);
    EXPECT_EQ(*a.points, partial_points(full, 0.0, 0.5));
    // Second half: same points, style moves linearly from the outline to the glyph's own.
    const LeafState b = w->leaf_state(0.75, 0);
    EXPECT_EQ(*b.points, full);
    EXPECT_NEAR(b.style.fill_opacity, 0.5, 1e-12);
    EXPECT_NEAR(b.style.stroke_width, 1.0, 1e-12);
    EXPECT_EQ(b.style.fill_color, BLUE);
    EXPECT_EQ(b.style.stroke_color, WHITE);
    const LeafState c = w->leaf_state(1.0, 0);
    EXPECT_EQ(c.style, t[0].style());
}

TEST(Write, ShapesAreOutlinedInTheirStrokeColour) {
    Mobject r = Rectangle({.color = YELLOW, .fill_opacity = 0.12, .stroke_width = 1.5});
    auto w = Write(r);
    w->begin();
    const LeafState a = w->leaf_state(0.2, 0);
    EXPECT_EQ(a.style.stroke_color, YELLOW);
    EXPECT_EQ(a.style.stroke_width, 2.0);
}

TEST(Write, GlyphWindowsOverlapByTheLag) {
    // Title: N = 27, full length 26 * 4/27 + 1 = 4.852; glyph i starts at i (4/27) / 4.852.
    Mobject g = squares(27);
    auto w = Write(g);
    w->begin();
    const double lag = 4.0 / 27.0, full = 26 * lag + 1;
    const double start_10 = 10 * lag / full;
    EXPECT_EQ(w->leaf_state(start_10 - 1e-6, 10).style.stroke_width, 2.0);
    EXPECT_EQ(all_bounds(*w->leaf_state(start_10 - 1e-6, 10).points).width(), 0.0);
    EXPECT_GT(all_bounds(*w->leaf_state(start_10 + 0.05, 10).points).width(), 0.0);
    EXPECT_NEAR(full, 4.852, 1e-3);
}

// ── FadeIn / FadeOut (6.4) ────────────────────────────────────────────────────────────────

TEST(FadeIn, StartsInvisibleShiftedBackAndEndsAtTheMobject) {
    Mobject r = Rectangle({.color = YELLOW, .fill_opacity = 0.12, .stroke_width = 1.5});
    r.move_to(Vec2{1, 2});
    auto f = FadeIn(r, {.shift = UP * 0.1});
    EXPECT_TRUE(f->introducer());
    f->begin();
    const LeafState s = f->leaf_state(0.0, 0);
    EXPECT_EQ(s.style.fill_opacity, 0.0);
    EXPECT_EQ(s.style.stroke_opacity, 0.0);
    EXPECT_EQ(s.style.stroke_color, YELLOW); // RGB kept
    expect_near(all_bounds(*s.points).center(), {1, 1.9}, 1e-12);
    const LeafState m = f->leaf_state(0.5, 0); // smooth(0.5) = 0.5
    EXPECT_NEAR(m.style.fill_opacity, 0.06, 1e-12);
    EXPECT_NEAR(m.style.stroke_opacity, 0.5, 1e-12);
    expect_near(all_bounds(*m.points).center(), {1, 1.95}, 1e-12);
    const LeafState e = f->leaf_state(1.0, 0);
    EXPECT_EQ(*e.points, r.points());
    EXPECT_EQ(e.style, r.style());
}

TEST(FadeIn, ScaleGrowsFromItsOwnCentre) {
    Mobject s = Square(1.0, {.fill_opacity = 1.0});
    s.move_to(Vec2{-2, 1});
    auto f = FadeIn(s, {.scale = 0.6});
    f->begin();
    const Bounds b = all_bounds(*f->leaf_state(0.0, 0).points);
    EXPECT_NEAR(b.width(), 0.6, 1e-12);
    expect_near(b.center(), {-2, 1}, 1e-12);
    // Size goes linearly (in the eased progress) from s to 1.
    EXPECT_NEAR(all_bounds(*f->leaf_state(0.25, 0).points).width(), 0.6 + 0.4 * smooth(0.25), 1e-12);
}

TEST(FadeIn, ArrowUsesTheTipPreservingScale) {
    Mobject a = Arrow({0, -0.56}, {0, -0.78}, {.tip_length = 0.06, .color = GRAY, .stroke_width = 1});
    auto f = FadeIn(a, {.scale = 0.5});
    f->begin();
    ASSERT_EQ(f->leaves().size(), 2u); // shaft, then tip
    const LeafState tip = f->leaf_state(0.0, 1);
    EXPECT_NEAR(all_bounds(*tip.points).height(), 0.055, 1e-9);
    expect_near(tip.points->front(), {0, -0.725}, 1e-9);
    // Start state [verified]: shaft from -0.615 to -0.67, width 0.275, invisible.
    const LeafState shaft = f->leaf_state(0.0, 0);
    expect_near(shaft.points->front(), {0, -0.615}, 1e-9);
    expect_near(shaft.points->back(), {0, -0.67}, 1e-9);
    EXPECT_NEAR(shaft.style.stroke_width, 0.275, 1e-9);
    EXPECT_EQ(shaft.style.stroke_opacity, 0.0);
    // It grows to the arrow's own width.
    EXPECT_NEAR(f->leaf_state(1.0, 0).style.stroke_width, 1.0, 1e-12);
}

TEST(FadeOut, EndsInvisibleIsARemoverAndLeavesTheMobjectAlone) {
    Mobject r = Rectangle({.fill_opacity = 0.5});
    const Style before = r.style();
    auto f = FadeOut(r);
    EXPECT_TRUE(f->remover());
    EXPECT_FALSE(f->introducer());
    EXPECT_EQ(f->run_time(), 1.0);
    f->begin();
    EXPECT_EQ(f->leaf_state(0.0, 0).style, before);
    const LeafState e = f->leaf_state(1.0, 0);
    EXPECT_EQ(e.style.fill_opacity, 0.0);
    EXPECT_EQ(e.style.stroke_opacity, 0.0);
    f->finish();
    EXPECT_EQ(r.style(), before); // restored (it is off screen anyway)
}

// ── Transform (6.5) and .animate (6.6) ────────────────────────────────────────────────────

TEST(Transform, ThirteenToFourteenChildrenInsertsAnInvisibleCopyAfterTheFirst) {
    // add_n_more_submobjects: repeat_indices = floor(i 13 / 14), i < 14 = [0, 0, 1, ..., 12]:
    // child 0 is repeated; the copy (faded) sits right after it.
    Mobject from = squares(13);
    Mobject to = squares(14);
    to.shift(DOWN);
    const auto originals = from.children();
    auto t = Transform(from, to);
    t->begin();
    ASSERT_EQ(from.size(), 14u);
    EXPECT_TRUE(from[0].same(originals[0]));
    EXPECT_FALSE(from[1].same(originals[0]));
    EXPECT_EQ(from[1].points(), originals[0].points());
    EXPECT_EQ(from[1].style().fill_opacity, 0.0);
    EXPECT_EQ(from[1].style().stroke_opacity, 0.0);
    for (std::size_t k = 1; k < 13; ++k) EXPECT_TRUE(from[k + 1].same(originals[k])) << k;
    // Glyph i morphs into new glyph i; the duplicate fades in while moving.
    ASSERT_EQ(t->leaves().size(), 14u);
    for (std::size_t i = 0; i < 14; ++i)
        EXPECT_EQ(*t->leaf_state(1.0, i).points, to[i].points()) << i;
    EXPECT_EQ(t->leaf_state(0.0, 1).style.fill_opacity, 0.0);
    EXPECT_NEAR(t->leaf_state(0.5, 1).style.fill_opacity, 0.5, 1e-12);
}

TEST(Transform, StepLabelOfThirteenGlyphsGetsAnInvisibleDuplicateOfItsFirstGlyph) {
    // The generation section's step label: 13 glyphs morph into 14 [verified in Manim].
    set_default_text_font("Times New Roman");
    Mobject from = Text("Step 0 \u2014 [<s>] \u2192 ?", {.font_size = 14, .color = GRAY});
    Mobject to = Text("Step 1 \u2014 [<s> The]", {.font_size = 14, .color = GRAY});
    ASSERT_EQ(from.size(), 13u);
    ASSERT_EQ(to.size(), 14u);
    const Points first = from[0].points();
    auto t = Transform(from, to);
    t->begin();
    ASSERT_EQ(t->leaves().size(), 14u);
    EXPECT_EQ(from[1].style().fill_opacity, 0.0);
    const LeafState dup = t->leaf_state(0.0, 1);
    EXPECT_EQ(dup.style.fill_opacity, 0.0);
    // It starts at the first glyph's place (its curves are subdivided to match the target
    // glyph's count, which moves handles slightly: compare centres within a small margin).
    EXPECT_NEAR(all_bounds(*dup.points).center().x, all_bounds(first).center().x, 0.01);
    EXPECT_NEAR(all_bounds(*dup.points).center().y, all_bounds(first).center().y, 0.01);
    for (std::size_t i = 0; i < 14; ++i)
        EXPECT_EQ(t->leaf_state(1.0, i).style.fill_opacity, 1.0) << i;
}

TEST(Transform, AlignsPointCountsAndMovesOnStraightLines) {
    Mobject s = Square(1.0);
    Mobject r = RoundedRectangle({.width = 2, .height = 1, .corner_radius = 0.2});
    r.shift(RIGHT * 3);
    auto t = Transform(s, r);
    t->begin();
    const LeafState a = t->leaf_state(0.0, 0);
    const LeafState m = t->leaf_state(0.5, 0);
    const LeafState b = t->leaf_state(1.0, 0);
    ASSERT_EQ(a.points->size(), 32u);
    ASSERT_EQ(m.points->size(), 32u);
    EXPECT_EQ(*b.points, r.points());
    for (std::size_t i = 0; i < 32; ++i)
        expect_near((*m.points)[i], lerp((*a.points)[i], (*b.points)[i], 0.5), 1e-12);
}

TEST(Transform, MobjectKeepsItsIdentityAndEndsAsTheTarget) {
    Mobject s = Square(1.0);
    const auto id = s.id();
    Mobject target = Square(2.0, {.color = RED});
    target.shift(LEFT);
    auto t = Transform(s, target);
    t->begin();
    t->finish();
    EXPECT_EQ(s.id(), id);
    EXPECT_EQ(s.points(), target.points());
    EXPECT_EQ(s.style().stroke_color, RED);
    EXPECT_FALSE(t->introducer());
    EXPECT_FALSE(t->remover());
}

TEST(Animate, MoveToAndSetFillTweenFromTheCurrentState) {
    Mobject r = Rectangle({.width = 1, .height = 1, .color = BLUE, .fill_opacity = 0.2});
    AnimationPtr a = animate(r).set_fill(RED, 0.8).move_to(Vec2{2, 0});
    EXPECT_EQ(a->run_time(), 1.0);
    EXPECT_EQ(rate_func_name(a->rate_func()), "smooth");
    a->begin();
    const LeafState m = a->leaf_state(0.5, 0);
    EXPECT_NEAR(m.style.fill_opacity, 0.5, 1e-12);
    EXPECT_NEAR(m.style.fill_color.r, lerp(BLUE.r, RED.r, 0.5), 1e-12);
    expect_near(all_bounds(*m.points).center(), {1, 0}, 1e-12);
    // The mobject itself is untouched until finish.
    EXPECT_EQ(r.style().fill_opacity, 0.2);
    a->finish();
    EXPECT_EQ(r.style().fill_color, RED);
    expect_near(r.get_center(), {2, 0}, 1e-12);
}

TEST(Animate, SetStrokeSecondArgumentIsTheWidth) {
    Mobject r = Rectangle({.color = BLUE, .stroke_width = 1.5});
    AnimationPtr a = animate(r).set_stroke(GRAY, 0.5);
    a->begin();
    EXPECT_NEAR(a->leaf_state(1.0, 0).style.stroke_width, 0.5, 1e-12);
    EXPECT_NEAR(a->leaf_state(0.5, 0).style.stroke_width, 1.0, 1e-12);
}

} // namespace
} // namespace reel
