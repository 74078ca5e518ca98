// The scene API as Manim spells it: s.add(a, b, c), s.play(a, b, c, d, e, {options}), and
// animate(m) for every layout and style method, whose end state is the method's own.
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "timeline/timeline.h"
#include "support/expect_near.h"

namespace reel {
namespace {

Mobject square_at(double x, Color c) {
    Mobject s = Square(0.5, {.color = c, .fill_opacity = 1.0});
    s.move_to(Vec2{x, 0});
    return s;
}

// The fill colours of a frame's items in painter order.
std::vector<Color> colors(const Frame& f) {
    std::vector<Color> out;
    for (const auto& it : f.items) out.push_back(it.style.fill_color);
    return out;
}

// The end state of `anim` played on its own: the last frame of a one-play scene.
Frame end_of(const Mobject& m, const AnimationPtr& anim) {
    Scene s;
    s.add(m);
    s.play(anim);
    Timeline tl = s.finish();
    return tl.state_at(tl.duration());
}

void expect_same_points(const Frame& f, const Mobject& expected) {
    std::vector<Mobject> leaves = expected.leaves();
    ASSERT_EQ(f.items.size(), leaves.size());
    for (std::size_t i = 0; i < leaves.size(); ++i) {
        const Points& got = *f.items[i].points;
        const Points& want = leaves[i].points();
        ASSERT_EQ(got.size(), want.size());
        for (std::size_t k = 0; k < got.size(); ++k) expect_near(got[k], want[k], 1e-12);
        EXPECT_EQ(f.items[i].style, leaves[i].style());
    }
}

// ── Negative cases ────────────────────────────────────────────────────────────────────────

TEST(ScenePlayNegative, PlayingNoAnimationIsRefusedWithTheVectorForm) {
    Scene s;
    EXPECT_THROW(s.play(std::vector<AnimationPtr>{}), std::invalid_argument);
}

TEST(AnimateNegative, NoCallsMeansNoChange) {
    Mobject sq = square_at(1.0, RED);
    Mobject before = sq.copy();
    expect_same_points(end_of(sq, animate(sq)), before);
}

// ── variadic add and play ─────────────────────────────────────────────────────────────────

TEST(SceneAdd, SeveralAtOnceInTheOrderGiven) {
    Scene s;
    Mobject r = square_at(-1, RED), g = square_at(0, GREEN), b = square_at(1, BLUE);
    s.add(g, b, r);
    s.wait(0.5);
    Timeline tl = s.finish();
    EXPECT_EQ(colors(tl.state_at(0.25)), (std::vector<Color>{GREEN, BLUE, RED}));
    // Adding again brings it to the top, as one add after another does.
    Scene t;
    t.add(r, g, b);
    t.add(g, r);
    t.wait(0.5);
    Timeline tl2 = t.finish();
    EXPECT_EQ(colors(tl2.state_at(0.25)), (std::vector<Color>{BLUE, GREEN, RED}));
}

TEST(ScenePlay, FiveAnimationsTogetherWithOptions) {
    Scene s;
    std::vector<Mobject> sq;
    for (int i = 0; i < 5; ++i) sq.push_back(square_at(-4.0 + 2.0 * i, WHITE));
    s.add(sq[0], sq[1], sq[2], sq[3], sq[4]);
    s.play(animate(sq[0]).shift(UP), animate(sq[1]).shift(UP * 2), animate(sq[2]).shift(DOWN),
           animate(sq[3]).set_fill(RED), FadeOut(sq[4]), {.run_time = 2.0, .rate_func = linear});
    Timeline tl = s.finish();
    ASSERT_EQ(tl.segments().size(), 1u);
    EXPECT_NEAR(tl.duration(), 2.0, 1e-12);
    // Halfway with a linear rate: every part half done, in one play.
    Frame mid = tl.state_at(1.0);
    ASSERT_EQ(mid.items.size(), 5u);
    expect_near(all_bounds(*mid.items[0].points).center(), {-4.0, 0.5});
    expect_near(all_bounds(*mid.items[1].points).center(), {-2.0, 1.0});
    expect_near(all_bounds(*mid.items[2].points).center(), {0.0, -0.5});
    EXPECT_NEAR(mid.items[4].style.fill_opacity, 0.5, 1e-12);
    Frame end = tl.state_at(tl.duration());
    ASSERT_EQ(end.items.size(), 4u); // the FadeOut removed its square
    EXPECT_EQ(end.items[3].style.fill_color, RED);
    expect_near(all_bounds(*end.items[1].points).center(), {-2.0, 2.0});
}

// ── animate(m) for every method: the end state is the method's ───────────────────────────

TEST(Animate, NextToEndsWhereNextToPuts) {
    Mobject anchor = Rectangle({.width = 2, .height = 1});
    anchor.move_to(Vec2{1, 1});
    Mobject label = square_at(-3, YELLOW);
    Mobject expected = label.copy();
    expected.next_to(anchor, UP, 0.4, LEFT);
    expect_same_points(end_of(label, animate(label).next_to(anchor, UP, 0.4, LEFT)), expected);
    expect_near(label.get_center(), expected.get_center()); // the play leaves it there
}

TEST(Animate, ToEdgeAlignToMoveToMobjectAndSetXY) {
    Mobject other = Circle(0.5);
    other.move_to(Vec2{2.5, -1.5});
    struct Case {
        const char* name;
        std::function<void(Mobject&)> direct;
        std::function<AnimateBuilder(const Mobject&)> animated;
    };
    std::vector<Case> cases{
        {"to_edge", [](Mobject& m) { m.to_edge(LEFT, 0.3); },
         [](const Mobject& m) { return animate(m).to_edge(LEFT, 0.3); }},
        {"to_corner", [](Mobject& m) { m.to_corner(UR); }, [](const Mobject& m) { return animate(m).to_corner(UR); }},
        {"align_to", [&](Mobject& m) { m.align_to(other, DOWN); },
         [&](const Mobject& m) { return animate(m).align_to(other, DOWN); }},
        {"move_to(Mobject)", [&](Mobject& m) { m.move_to(other, UP); },
         [&](const Mobject& m) { return animate(m).move_to(other, UP); }},
        {"set_x", [](Mobject& m) { m.set_x(-2.0); }, [](const Mobject& m) { return animate(m).set_x(-2.0); }},
        {"set_y", [](Mobject& m) { m.set_y(3.0, DOWN); },
         [](const Mobject& m) { return animate(m).set_y(3.0, DOWN); }},
        {"scale about", [](Mobject& m) { m.scale(2.0, Vec2{0, 0}); },
         [](const Mobject& m) { return animate(m).scale(2.0, Vec2{0, 0}); }},
        {"rotate_about_origin", [](Mobject& m) { m.rotate_about_origin(PI / 3); },
         [](const Mobject& m) { return animate(m).rotate_about_origin(PI / 3); }},
        {"stretch_to_fit_width", [](Mobject& m) { m.stretch_to_fit_width(3.0); },
         [](const Mobject& m) { return animate(m).stretch_to_fit_width(3.0); }},
        {"fade", [](Mobject& m) { m.fade(0.25); }, [](const Mobject& m) { return animate(m).fade(0.25); }},
        {"chain", [&](Mobject& m) { m.next_to(other, LEFT).shift(UP).set_color(TEAL); },
         [&](const Mobject& m) { return animate(m).next_to(other, LEFT).shift(UP).set_color(TEAL); }},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        Mobject m = Rectangle({.width = 1.0, .height = 0.6, .color = BLUE, .fill_opacity = 0.5});
        m.move_to(Vec2{-1, 0.5});
        Mobject expected = m.copy();
        c.direct(expected);
        expect_same_points(end_of(m, c.animated(m)), expected);
    }
}

TEST(Animate, DescribesTheCallsInTheTimeline) {
    Scene s;
    Mobject m = square_at(0, RED), other = Circle();
    s.add(m);
    s.play(animate(m).next_to(other, UP).set_x(1));
    Timeline tl = s.finish();
    ASSERT_EQ(tl.segments().size(), 1u);
    EXPECT_NE(tl.segments()[0].description.find(".next_to(Circle,[0,1]).set_x(1)"), std::string::npos)
        << tl.segments()[0].description;
}

} // namespace
} // namespace reel
