// ScaleInPlace, Restore (save_state), ApplyPointwiseFunction (apply_function with Manim's
// handle rule), UpdateFromFunc, set_z_index and animate on the new methods: end states equal
// the methods' own, the in-between moments are pure in time.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "timeline/timeline.h"

namespace reel {
namespace {

const Points& first(const Frame& f) { return *f.items.at(0).points; }

TEST(SaveStateNegative, RestoreWithoutSavedStateIsRefused) {
    Mobject sq = Square();
    EXPECT_THROW(sq.saved_state(), std::logic_error);
    EXPECT_THROW(Restore(sq), std::logic_error);
}

TEST(UpdateFromFuncNegative, EmptyFunctionIsRefused) {
    EXPECT_THROW(UpdateFromFunc(Square(), Function<void(Mobject&)>{}), std::invalid_argument);
}

TEST(SaveState, RestoreGoesBackToTheSavedCopy) {
    Scene s;
    Mobject sq = Square();
    sq.save_state();
    s.add(sq);
    s.play(animate(sq).shift(RIGHT * 2).set_color(RED));
    s.play(Restore(sq));
    EXPECT_NEAR(sq.get_center().x, 0.0, 1e-12);
    EXPECT_EQ(sq.style().stroke_color, WHITE);
    Timeline tl = s.finish();
    // Half way back (smooth: alpha 0.5 at half time).
    EXPECT_NEAR(anchor_bounds(first(tl.state_at(1.5))).center().x, 1.0, 1e-9);
    // Saving again replaces the copy, and a copy does not carry the old one inside.
    sq.shift(UP);
    sq.save_state();
    EXPECT_NEAR(sq.saved_state().get_center().y, 1.0, 1e-12);
    EXPECT_THROW(sq.saved_state().saved_state(), std::logic_error);
}

TEST(ScaleInPlace, AboutTheCentre) {
    Scene s;
    Mobject sq = Square();
    sq.shift(RIGHT);
    s.add(sq);
    s.play(ScaleInPlace(sq, 0.5));
    EXPECT_NEAR(sq.width(), 1.0, 1e-12);
    EXPECT_NEAR(sq.get_center().x, 1.0, 1e-12);
}

TEST(ApplyFunction, LinearFunctionsKeepTheCurveExactly) {
    // For a linear f the 1% handle rule changes nothing: the result is f of every point.
    Mobject c = Circle();
    Points before = c.points();
    c.apply_function([](Vec2 p) { return Vec2{2 * p.x + p.y, p.y - 1}; });
    for (std::size_t i = 0; i < before.size(); ++i) {
        EXPECT_NEAR(c.points()[i].x, 2 * before[i].x + before[i].y, 1e-9);
        EXPECT_NEAR(c.points()[i].y, before[i].y - 1, 1e-9);
    }
}

TEST(ApplyFunction, HandlesFollowTheDerivativeAtTheAnchors) {
    // f(x, y) = (x, y + x^2) on the line from (0, 0) to (1, 0): the first handle is pulled to
    // (1/300, 0) (Manim's pre_function_handle_to_anchor_scale_factor 0.01), mapped to
    // (1/300, 1/90000), and pushed back out 100 times: (1/3, 1/900).
    Mobject l = Line(ORIGIN, RIGHT);
    l.apply_function([](Vec2 p) { return Vec2{p.x, p.y + p.x * p.x}; });
    const Points& p = l.points();
    EXPECT_NEAR(p[1].x, 1.0 / 3, 1e-12);
    EXPECT_NEAR(p[1].y, 1.0 / 900, 1e-12); // (1/300)^2 pulled in, times 100 back out
    EXPECT_NEAR(p[3].y, 1.0, 1e-12);
}

TEST(ApplyPointwiseFunction, EndsAtTheFunctionsImage) {
    Scene s;
    Mobject sq = Square();
    s.add(sq);
    auto f = [](Vec2 p) { return Vec2{p.x + std::sin(p.y), p.y + std::sin(p.x)}; };
    Mobject want = sq.copy();
    want.apply_function(f);
    s.play(ApplyPointwiseFunction(f, sq));
    ASSERT_EQ(sq.points().size(), want.points().size());
    for (std::size_t i = 0; i < want.points().size(); ++i) EXPECT_EQ(sq.points()[i], want.points()[i]);
    // The same through .animate.
    Mobject sq2 = Square();
    Scene s2;
    s2.add(sq2);
    s2.play(animate(sq2).apply_function(f));
    EXPECT_EQ(sq2.points(), want.points());
}

TEST(MakeSmooth, ClosedPolygonGetsCyclicHandles) {
    Mobject sq = Square();
    sq.make_smooth();
    // A smooth closed curve through the four corners: the handles at a corner are collinear
    // with it (the tangent is continuous), and the corners stay.
    const Points& p = sq.points();
    ASSERT_EQ(p.size(), 16u);
    EXPECT_NEAR(p[0].x, 1.0, 1e-12);
    EXPECT_NEAR(p[0].y, 1.0, 1e-12);
    const Vec2 in = p[0] - p[14], out = p[1] - p[0];
    EXPECT_NEAR(in.x * out.y - in.y * out.x, 0.0, 1e-9);
    EXPECT_GT(in.x * out.x + in.y * out.y, 0.0);
}

TEST(UpdateFromFunc, FollowsAnotherAnimationAtEveryMoment) {
    Scene s;
    Mobject dot = Dot();
    Mobject label = Square(0.2);
    s.add(dot, label);
    label.next_to(dot, UP);
    s.play(animate(dot).shift(RIGHT * 4),
           UpdateFromFunc(label, [=](Mobject& m) { m.next_to(dot, UP); }));
    EXPECT_NEAR(label.get_center().x, 4.0, 1e-12); // applied once more at the end
    EXPECT_EQ(label.updater_count(), 0u);           // and the updater is gone
    s.wait();
    Timeline tl = s.finish();
    for (double t : {0.25, 0.5, 0.75, 0.5, 0.25}) {
        Frame f = tl.state_at(t);
        const double dot_x = anchor_bounds(*f.items[0].points).center().x;
        const double label_x = anchor_bounds(*f.items[1].points).center().x;
        EXPECT_NEAR(label_x, dot_x, 1e-9) << t;
        EXPECT_GT(dot_x, 0.0);
    }
    EXPECT_NEAR(anchor_bounds(*tl.state_at(1.5).items[1].points).center().x, 4.0, 1e-9);
}

TEST(ZIndex, HigherIsDrawnOverWhateverTheAddOrder) {
    Scene s;
    Mobject a = Square({.color = RED}), b = Square({.color = BLUE}), c = Square({.color = GREEN});
    a.set_z_index(2);
    s.add(a, b, c);
    s.wait();
    Timeline tl = s.finish();
    Frame f = tl.state_at(0.5);
    ASSERT_EQ(f.items.size(), 3u);
    EXPECT_EQ(f.items[0].style.stroke_color, BLUE);  // z 0, added second
    EXPECT_EQ(f.items[1].style.stroke_color, GREEN); // z 0, added third
    EXPECT_EQ(f.items[2].style.stroke_color, RED);   // z 2 on top
    EXPECT_EQ(a.z_index(), 2.0);
    Mobject g = VGroup(Square(), Circle());
    g.set_z_index(-1);
    EXPECT_EQ(g[1].z_index(), -1.0);
}

} // namespace
} // namespace reel
