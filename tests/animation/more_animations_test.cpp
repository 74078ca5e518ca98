// The animations and rate functions beyond the promo against Manim CE 0.17.3: rate functions at
// sample times (values worked out by hand from manim/utils/rate_functions.py), group timings
// (composition.py build_animations_with_timings) and each animation's states at sample alphas
// (growing.py, indication.py, movement.py, rotation.py, creation.py, transform*.py).
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "reel/animation.h"
#include "support/expect_near.h"

namespace reel {
namespace {

constexpr double kEps = 1e-9;

// ── Negative cases ────────────────────────────────────────────────────────────────────────

TEST(MoreAnimationsNegative, GroupsRefuseNullParts) {
    EXPECT_THROW(AnimationGroup({nullptr}), std::invalid_argument);
    EXPECT_THROW(Succession({Create(Square()), nullptr}), std::invalid_argument);
}

TEST(MoreAnimationsNegative, RateFunctionsOutsideTheUnitInterval) {
    // unit_interval clamps; zero gives 0 outside [0, 1].
    EXPECT_EQ(ease_in_back(-1.0), 0.0);
    EXPECT_EQ(ease_out_bounce(2.0), 1.0);
    EXPECT_EQ(there_and_back(-0.1), 0.0);
    EXPECT_EQ(wiggle(1.5), 0.0);
    EXPECT_EQ(rate_func_name([](double t) { return t; }), "custom");
}

// ── rate functions ────────────────────────────────────────────────────────────────────────

TEST(RateFunctionsMore, ValuesAtSampleTimes) {
    EXPECT_NEAR(smoothstep(0.25), 0.15625, 1e-15);
    EXPECT_NEAR(rush_into(0.5), 2 * smooth(0.25), 1e-15);
    EXPECT_NEAR(rush_from(0.5), 2 * smooth(0.75) - 1, 1e-15);
    EXPECT_NEAR(slow_into(0.5), std::sqrt(0.75), 1e-15);
    EXPECT_NEAR(there_and_back_with_pause(0.5), 1.0, 1e-15);
    EXPECT_NEAR(there_and_back_with_pause(0.1), smooth(0.3), 1e-15);
    // Bernstein weights (1 6 15 20 15 6 1) / 64 on (0 0 -.5 -.5 1 1 1): 4.5 / 64.
    EXPECT_NEAR(running_start(0.5), 0.0703125, 1e-15);
    EXPECT_NEAR(lingering(0.4), 0.5, 1e-15);
    EXPECT_NEAR(lingering(0.9), 1.0, 1e-15);
    EXPECT_NEAR(exponential_decay(0.1), 1 - std::exp(-1.0), 1e-15);
    EXPECT_NEAR(wiggle(0.25), smooth(0.5), 1e-15); // there_and_back(.25) * sin(pi/2)
    EXPECT_NEAR(wiggle_with(3)(0.25), smooth(0.5) * std::sin(0.75 * PI), 1e-15);
    EXPECT_NEAR(ease_in_sine(0.5), 1 - std::cos(PI / 4), 1e-15);
    EXPECT_NEAR(ease_out_sine(0.5), std::sin(PI / 4), 1e-15);
    EXPECT_NEAR(ease_in_out_quad(0.25), 0.125, 1e-15);
    EXPECT_NEAR(ease_in_out_cubic(0.75), 0.9375, 1e-15);
    EXPECT_NEAR(ease_in_quart(0.5), 0.0625, 1e-15);
    EXPECT_NEAR(ease_out_quint(0.5), 1 - 1.0 / 32, 1e-15);
    EXPECT_NEAR(ease_in_expo(0.5), 0.03125, 1e-15);
    EXPECT_NEAR(ease_in_circ(0.5), 1 - std::sqrt(0.75), 1e-15);
    EXPECT_NEAR(ease_in_back(0.5), 2.70158 * 0.125 - 1.70158 * 0.25, 1e-12);
    EXPECT_NEAR(ease_out_elastic(0.5), 1.015625, 1e-12); // 2^-5 sin(4.25 * 2pi/3) + 1
    EXPECT_NEAR(ease_out_bounce(0.5), 0.765625, 1e-12);  // 7.5625 (0.5 - 1.5/2.75)^2 + 0.75
    EXPECT_NEAR(ease_in_bounce(0.5), 1 - ease_out_bounce(0.5), 1e-15);
    EXPECT_NEAR(squish_rate_func(linear, 0.2, 0.6)(0.4), 0.5, 1e-15);
    EXPECT_EQ(rate_func_name(ease_in_out_elastic), "ease_in_out_elastic");
}

// ── composition ───────────────────────────────────────────────────────────────────────────

Mobject hline(double y) { return Line({0, y}, {4, y}); }

TEST(AnimationGroup, TimingsFromLagRatio) {
    auto g = AnimationGroup({Create(hline(0)), Create(hline(1), {.run_time = 2.0})}, {.lag_ratio = 0.5});
    EXPECT_DOUBLE_EQ(g->run_time(), 2.5); // [0, 1] and [0.5, 2.5]
    EXPECT_DOUBLE_EQ(LaggedStart({Create(hline(0)), Create(hline(1)), Create(hline(2))})->run_time(), 1.1);
    EXPECT_DOUBLE_EQ(Succession({Create(hline(0)), Create(hline(1), {.run_time = 2.0})})->run_time(), 3.0);
    EXPECT_DOUBLE_EQ(AnimationGroup({Create(hline(0)), Create(hline(1))})->run_time(), 1.0);
}

TEST(Succession, PartsRunOneAfterTheOther) {
    Mobject a = hline(0), b = hline(1);
    auto s = Succession({Create(a, {.rate_func = linear}), Create(b, {.rate_func = linear})});
    s->begin();
    ASSERT_EQ(s->leaves().size(), 2u);
    // Group time = linear(alpha) * 2: at alpha 0.25 the first line is half drawn.
    EXPECT_NEAR(s->leaf_state(0.25, 0).points->back().x, 2.0, 1e-12);
    EXPECT_TRUE(s->leaf_state(0.25, 1).points->empty());
    EXPECT_NEAR(s->leaf_state(0.75, 0).points->back().x, 4.0, 1e-12);
    EXPECT_NEAR(s->leaf_state(0.75, 1).points->back().x, 2.0, 1e-12);
}

TEST(Wait, LastsAndDrawsNothing) {
    auto w = Wait(2.5);
    w->begin();
    EXPECT_EQ(w->run_time(), 2.5);
    EXPECT_TRUE(w->leaves().empty());
}

// ── growing ───────────────────────────────────────────────────────────────────────────────

TEST(Grow, FromCenterPointAndArrowStart) {
    Mobject sq = Square(2.0);
    sq.shift({1, 1});
    auto g = GrowFromCenter(sq);
    EXPECT_TRUE(g->introducer());
    g->begin();
    for (Vec2 v : *g->leaf_state(0.0, 0).points) expect_near(v, {1, 1});
    expect_near(g->leaf_state(1.0, 0).points->front(), {2, 2});
    // Halfway (smooth(0.5) = 0.5): half size.
    expect_near(g->leaf_state(0.5, 0).points->front(), {1.5, 1.5});
    auto p = GrowFromPoint(Square(2.0), {3, 0}, {}, RED);
    p->begin();
    expect_near(p->leaf_state(0.0, 0).points->front(), {3, 0});
    EXPECT_EQ(p->leaf_state(0.0, 0).style.stroke_color, RED);
    Mobject arrow = Arrow(LEFT * 2, RIGHT * 2);
    auto ga = GrowArrow(arrow);
    ga->begin();
    for (Vec2 v : *ga->leaf_state(0.0, 1).points) expect_near(v, arrow.get_start());
}

TEST(SpinInFromNothing, PointsTravelOnQuarterArcs) {
    Mobject sq = Square(2.0);
    auto a = SpinInFromNothing(sq);
    a->begin();
    // The corner (1, 1) comes from the centre on an arc of pi/2: at alpha 0.5 (smooth 0.5) it is
    // at c + R(pi/4)(0 - c) with c = (0.5, 0.5) + (-0.5, 0.5) / tan(pi/4) = (0, 1).
    Vec2 c{0, 1};
    Vec2 r = Vec2{0, 0} - c;
    double q = PI / 4;
    expect_near(a->leaf_state(0.5, 0).points->front(),
                c + Vec2{r.x * std::cos(q) - r.y * std::sin(q), r.x * std::sin(q) + r.y * std::cos(q)});
    expect_near(a->leaf_state(1.0, 0).points->front(), {1, 1});
}

// ── creation ──────────────────────────────────────────────────────────────────────────────

TEST(Uncreate, CreateBackwardsAndRemoved) {
    auto u = Uncreate(hline(0), {.rate_func = linear});
    EXPECT_TRUE(u->remover());
    u->begin();
    EXPECT_NEAR(u->leaf_state(0.0, 0).points->back().x, 4.0, 1e-12);
    EXPECT_NEAR(u->leaf_state(0.25, 0).points->back().x, 3.0, 1e-12);
    EXPECT_TRUE(u->leaf_state(1.0, 0).points->empty());
}

TEST(Unwrite, LastPartGoesFirst) {
    Mobject g = VGroup({hline(0), hline(1), hline(2)});
    auto u = Unwrite(g);
    EXPECT_TRUE(u->remover());
    EXPECT_EQ(u->run_time(), 1.0);
    EXPECT_DOUBLE_EQ(u->lag_ratio(), 0.2);
    u->begin();
    // At alpha 0.3 (full length 1.4): the last line is 0.42 through its unwriting, the first
    // 0.02: its points are still complete, the last line's are not.
    EXPECT_EQ(u->leaf_state(0.3, 0).points->size(), 4u);
    EXPECT_EQ(u->leaf_state(0.0, 2).style.stroke_width, 4.0);
    EXPECT_NE(u->leaf_state(0.3, 2).style, u->leaf_state(0.3, 0).style);
    EXPECT_TRUE(u->leaf_state(1.0, 2).points->empty());
}

TEST(DrawBorderThenFill, DefaultsAndOutlineColour) {
    Mobject sq = Square(1.0, {.fill_color = BLUE, .fill_opacity = 1.0, .stroke_width = 0.0});
    auto d = DrawBorderThenFill(sq);
    EXPECT_EQ(d->run_time(), 2.0);
    EXPECT_EQ(rate_func_name(d->rate_func()), "double_smooth");
    d->begin();
    // A part without stroke is outlined in its fill colour, width 2.
    LeafState s = d->leaf_state(0.2, 0);
    EXPECT_EQ(s.style.stroke_color, BLUE);
    EXPECT_EQ(s.style.stroke_width, 2.0);
    EXPECT_EQ(s.style.fill_opacity, 0.0);
    EXPECT_EQ(d->leaf_state(1.0, 0).style.fill_opacity, 1.0);
}

// ── indication ────────────────────────────────────────────────────────────────────────────

TEST(Indicate, ThereAndBackToScaledYellow) {
    Mobject sq = Square(2.0);
    auto a = Indicate(sq);
    a->begin();
    LeafState mid = a->leaf_state(0.5, 0);
    EXPECT_EQ(mid.style.stroke_color, YELLOW);
    expect_near(mid.points->front(), {1.2, 1.2});
    a->finish();
    expect_near(sq.points().front(), {1, 1});
    EXPECT_EQ(sq.style().stroke_color, WHITE);
}

TEST(ShowPassingFlash, WindowSlidesAlong) {
    auto f = ShowPassingFlash(hline(0), 0.1, {.rate_func = linear});
    EXPECT_TRUE(f->remover());
    f->begin();
    // alpha 0.5: upper = 1.1 * 0.5 = 0.55, lower 0.45 of the single cubic.
    LeafState st = f->leaf_state(0.5, 0);
    const Points& p = *st.points;
    EXPECT_NEAR(p.front().x, 4 * 0.45, 1e-12);
    EXPECT_NEAR(p.back().x, 4 * 0.55, 1e-12);
}

TEST(Flash, TwelveRaysOutsideTheRadius) {
    auto f = Flash(Vec2{1, 0});
    f->begin();
    ASSERT_EQ(f->leaves().size(), 12u);
    EXPECT_EQ(f->run_time(), 1.0);
    expect_near(f->leaves()[0].points().front(), {1.1, 0});
    expect_near(f->leaves()[0].points().back(), {1.3, 0});
    expect_near(f->leaves()[3].points().front(), {1, 0.1});
    EXPECT_EQ(f->leaves()[0].style().stroke_width, 3.0);
    EXPECT_EQ(f->leaves()[0].style().stroke_color, YELLOW);
}

TEST(Circumscribe, APassingRectangle) {
    auto c = Circumscribe(Square(2.0));
    c->begin();
    ASSERT_EQ(c->leaves().size(), 1u);
    EXPECT_NEAR(c->leaves()[0].width(), 2.2, 1e-12);
    EXPECT_EQ(c->leaves()[0].style().stroke_color, YELLOW);
}

TEST(Wiggle, ScalesAndTurnsAboutTheCentre) {
    Mobject sq = Square(2.0);
    auto w = Wiggle(sq, {.run_time = 2.0});
    EXPECT_EQ(w->run_time(), 2.0);
    w->begin();
    // alpha a with smooth(a) = 0.5 (a = 0.5): scale lerp(1, 1.1, there_and_back(.5) = 1),
    // rotation wiggle(.5, 6) * 0.01 TAU = 1 * sin(3 pi) * ... = 0.
    expect_near(w->leaf_state(0.5, 0).points->front(), {1.1, 1.1}, 1e-9);
    expect_near(w->leaf_state(1.0, 0).points->front(), {1, 1}, 1e-9);
}

TEST(FocusOn, FrameSizedDiscShrinksOntoThePoint) {
    auto f = FocusOn({2, 1});
    EXPECT_TRUE(f->remover());
    EXPECT_EQ(f->run_time(), 2.0);
    f->begin();
    LeafState s = f->leaf_state(0.0, 0);
    EXPECT_NEAR(all_bounds(*s.points).width(), 2 * (kFrameWidth / 2 + 4), 1e-9);
    EXPECT_EQ(s.style.fill_opacity, 0.0);
    LeafState e = f->leaf_state(1.0, 0);
    expect_near(e.points->front(), {2, 1});
    EXPECT_NEAR(e.style.fill_opacity, 0.2, 1e-12);
    EXPECT_EQ(e.style.fill_color, GRAY);
}

// ── movement and rotation ─────────────────────────────────────────────────────────────────

TEST(MoveAlongPath, CentreFollowsTheProportion) {
    Mobject d = Dot();
    auto m = MoveAlongPath(d, Line(LEFT * 2, RIGHT * 2), {.rate_func = linear});
    m->begin();
    EXPECT_NEAR(all_bounds(*m->leaf_state(0.25, 0).points).center().x, -1.0, 1e-9);
    m->finish();
    expect_near(d.get_center(), {2, 0}, 1e-9);
}

TEST(Rotate, PointsMoveOnArcsAboutTheCentre) {
    Mobject sq = Square(2.0);
    auto r = Rotate(sq, PI / 2);
    r->begin();
    // smooth(0.5) = 0.5: the corner (1, 1) turned by 45 degrees is (0, sqrt 2), not the
    // chord midpoint (0, 1).
    expect_near(r->leaf_state(0.5, 0).points->front(), {0, std::sqrt(2.0)}, 1e-12);
    r->finish();
    expect_near(sq.points().front(), {-1, 1}, 1e-12);
}

// A turned about c by `angle`.
Vec2 turned(Vec2 a, Vec2 c, double angle) {
    const Vec2 r = a - c;
    return c + Vec2{r.x * std::cos(angle) - r.y * std::sin(angle), r.x * std::sin(angle) + r.y * std::cos(angle)};
}

TEST(Rotate, AFullTurnGoesRoundTheCentreAndBack) {
    // Manim's Rotate moves points along circles about the centre (path_along_circles): a full
    // turn is the start turned by alpha * TAU all the way, and the start again at its end.
    // (On arcs through each point's start and end, as path_along_arc, the centre of a full
    // turn's arc divides by tan(pi): the points smeared across the frame.)
    Mobject sq = Square(2.0);
    sq.shift(RIGHT * 0.5 + UP * 0.25);
    const Points start = sq.points();
    for (std::optional<Vec2> about : {std::optional<Vec2>{}, std::optional<Vec2>{Vec2{-1, 2}}}) {
        SCOPED_TRACE(about ? "about (-1, 2)" : "about its centre");
        const Vec2 c = about.value_or(sq.get_center());
        auto r = Rotate(sq, TAU, about, {.rate_func = linear});
        r->begin();
        for (double alpha : {0.1, 0.25, 0.5, 0.75, 0.9, 1.0}) {
            const LeafState st = r->leaf_state(alpha, 0);
            const Points& p = *st.points;
            ASSERT_EQ(p.size(), start.size());
            for (std::size_t k = 0; k < p.size(); ++k) expect_near(p[k], turned(start[k], c, alpha * TAU), 1e-9);
        }
        r->finish();
        for (std::size_t k = 0; k < start.size(); ++k) expect_near(sq.points()[k], start[k], 1e-9);
    }
}

TEST(Rotate, AQuarterTurnAboutAPointIsThePointsTurned) {
    Mobject sq = Square(1.0);
    const Points start = sq.points();
    const Vec2 c{2, -1};
    auto r = Rotate(sq, PI / 2, c, {.rate_func = linear});
    r->begin();
    for (double alpha : {0.3, 0.5, 1.0}) {
        const LeafState st = r->leaf_state(alpha, 0);
        const Points& p = *st.points;
        for (std::size_t k = 0; k < p.size(); ++k) expect_near(p[k], turned(start[k], c, alpha * PI / 2), 1e-12);
    }
}

TEST(Rotate, AnotherPathArcGoesAlongManimsCircles) {
    // path_arc other than the angle: Manim's path_along_circles turns the end back by the
    // arc, goes straight from the start towards it and turns the whole forward by alpha * arc.
    Mobject sq = Square(2.0);
    const Points start = sq.points();
    auto r = Rotate(sq, PI / 2, std::nullopt, {.rate_func = linear, .path_arc = PI});
    r->begin();
    const Vec2 a = start[0], b = turned(a, {0, 0}, PI / 2);
    const Vec2 back = turned(b, {0, 0}, -PI);
    expect_near(r->leaf_state(0.5, 0).points->front(), turned(a + (back - a) * 0.5, {0, 0}, PI / 2), 1e-12);
    expect_near(r->leaf_state(1.0, 0).points->front(), b, 1e-12);
}

TEST(Rotating, LinearFiveSeconds) {
    Mobject sq = Square(2.0);
    auto r = Rotating(sq);
    EXPECT_EQ(r->run_time(), 5.0);
    EXPECT_EQ(rate_func_name(r->rate_func()), "linear");
    r->begin();
    expect_near(r->leaf_state(0.25, 0).points->front(), {-1, 1}, 1e-12);
    expect_near(r->leaf_state(0.5, 0).points->front(), {-1, -1}, 1e-12);
}

// ── transforms ────────────────────────────────────────────────────────────────────────────

TEST(ReplacementTransform, TargetTakesThePlace) {
    Mobject a = Square(2.0), b = Circle(1.0);
    auto r = ReplacementTransform(a, b);
    EXPECT_TRUE(r->remover());
    ASSERT_EQ(r->added_on_finish().size(), 1u);
    EXPECT_TRUE(r->added_on_finish()[0].same(b));
}

TEST(FadeTransform, GhostsStretchedOntoEachOther) {
    Mobject a = Square(2.0), b = Rectangle({.width = 4, .height = 1});
    b.shift(RIGHT * 3);
    auto f = FadeTransform(a, b);
    f->begin();
    ASSERT_EQ(f->leaves().size(), 2u);
    // Start: the source as it is, the target a transparent ghost on the source's box.
    EXPECT_EQ(f->leaf_state(0.0, 0).style.stroke_opacity, 1.0);
    LeafState ghost = f->leaf_state(0.0, 1);
    EXPECT_EQ(ghost.style.stroke_opacity, 0.0);
    EXPECT_NEAR(all_bounds(*ghost.points).width(), 2.0, 1e-9);
    // End: the source a transparent ghost on the target's box.
    LeafState end = f->leaf_state(1.0, 0);
    EXPECT_EQ(end.style.stroke_opacity, 0.0);
    EXPECT_NEAR(all_bounds(*end.points).center().x, 3.0, 1e-9);
    f->finish();
    EXPECT_NEAR(a.width(), 2.0, 1e-12);
}

TEST(TransformMatchingShapes, SameShapesMoveOthersFade) {
    Mobject src = VGroup({Square(1.0), Circle(0.5)});
    src.arrange(RIGHT);
    Mobject tgt = VGroup({Triangle(), Square(1.0).shift(UP * 2)});
    auto m = TransformMatchingShapes(src, tgt, {.rate_func = linear});
    m->begin();
    // Square -> Square (matched), Circle fades out, Triangle fades in: 3 parts drawn.
    ASSERT_EQ(m->leaves().size(), 3u);
    LeafState sq_end = m->leaf_state(1.0, 0);
    EXPECT_NEAR(all_bounds(*sq_end.points).center().y, 2.0, 1e-9);
    EXPECT_EQ(m->leaf_state(1.0, 1).style.stroke_opacity, 0.0);
    EXPECT_EQ(m->leaf_state(0.0, 2).style.stroke_opacity, 0.0);
    EXPECT_EQ(m->leaf_state(1.0, 2).style.stroke_opacity, 1.0);
    ASSERT_EQ(m->added_on_finish().size(), 1u);
    EXPECT_TRUE(m->added_on_finish()[0].same(tgt));
}

} // namespace
} // namespace reel
