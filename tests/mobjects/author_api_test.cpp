// The author API as Manim spells it: set_x / set_y, variadic add and VGroup, remove_updater by
// the function added, and the shapes' one options convention (only what differs is written).
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "reel/mobject.h"
#include "support/expect_near.h"

namespace reel {
namespace {

// The ids of a mobject's children, in order.
std::vector<std::uint64_t> child_ids(const Mobject& m) {
    std::vector<std::uint64_t> ids;
    for (const auto& c : m.children()) ids.push_back(c.id());
    return ids;
}

// Runs m's own updaters with dt and returns how far its centre moved along x.
double moved_x(Mobject m, double dt) {
    double before = m.get_center().x;
    m.update(dt);
    return m.get_center().x - before;
}

void nudge_right(Mobject& m, double dt) { m.shift(RIGHT * dt); }
void nudge_up(Mobject& m, double dt) { m.shift(UP * dt); }

// ── Negative cases ────────────────────────────────────────────────────────────────────────

TEST(RemoveUpdaterNegative, RemovingOneNeverAddedChangesNothing) {
    Mobject d = Dot();
    auto forth = [](Mobject& m, double dt) { m.shift(RIGHT * dt); };
    auto back = [](Mobject& m, double dt) { m.shift(LEFT * dt); };
    d.add_updater(forth);
    d.remove_updater(back);
    d.remove_updater(&nudge_up);
    EXPECT_EQ(d.updater_count(), 1u);
    EXPECT_NEAR(moved_x(d, 0.5), 0.5, 1e-12);
}

TEST(RemoveUpdaterNegative, AnUpdaterAddedAsStdFunctionMatchesNoLambda) {
    Mobject d = Dot();
    auto forth = [](Mobject& m, double dt) { m.shift(RIGHT * dt); };
    d.add_updater(Updater(forth));
    d.remove_updater(forth); // a different type: the std::function wraps it
    EXPECT_EQ(d.updater_count(), 1u);
}

TEST(SetCoordinateNegative, AnEmptyGroupMovesNowhereButStaysUsable) {
    Mobject g = VGroup();
    g.set_x(3.0).set_y(-2.0);
    EXPECT_EQ(g.get_center(), ORIGIN); // no points: no box to move
}

// ── set_x / set_y ─────────────────────────────────────────────────────────────────────────

TEST(SetCoordinate, CentreLandsOnTheValueAndTheOtherAxisStays) {
    Mobject r = Rectangle({.width = 2, .height = 1});
    r.move_to(Vec2{1.5, -0.75});
    r.set_x(-3.25);
    expect_near(r.get_center(), {-3.25, -0.75});
    r.set_y(2.0);
    expect_near(r.get_center(), {-3.25, 2.0});
    EXPECT_NEAR(r.width(), 2.0, 1e-12);
}

TEST(SetCoordinate, DirectionPicksTheEdgeThatLands) {
    Mobject r = Rectangle({.width = 2, .height = 1});
    r.set_x(4.0, LEFT); // the left edge at x = 4
    EXPECT_NEAR(r.get_left().x, 4.0, 1e-12);
    EXPECT_NEAR(r.get_center().x, 5.0, 1e-12);
    r.set_y(-1.0, UP); // the top edge at y = -1
    EXPECT_NEAR(r.get_top().y, -1.0, 1e-12);
    EXPECT_NEAR(r.get_center().y, -1.5, 1e-12);
}

TEST(SetCoordinate, AGroupMovesAsOne) {
    Mobject a = Dot(Vec2{-1, 0}), b = Dot(Vec2{3, 2});
    Mobject g = VGroup(a, b);
    g.set_x(0.0);
    expect_near(a.get_center(), {-2, 0});
    expect_near(b.get_center(), {2, 2});
}

TEST(RotateAboutOrigin, RotatesAboutTheOriginNotTheCentre) {
    Mobject l = Line(ORIGIN, LEFT);
    l.rotate_about_origin(PI / 2);
    expect_near(l.get_start(), ORIGIN);
    expect_near(l.get_end(), DOWN);
}

// ── variadic add and VGroup ───────────────────────────────────────────────────────────────

TEST(VariadicAdd, ChildrenInTheOrderGiven) {
    Mobject a = Dot(), b = Square(), c = Circle();
    Mobject g;
    g.add(c, a, b);
    EXPECT_EQ(child_ids(g), (std::vector<std::uint64_t>{c.id(), a.id(), b.id()}));
    Mobject h = VGroup(b, c, a);
    EXPECT_EQ(child_ids(h), (std::vector<std::uint64_t>{b.id(), c.id(), a.id()}));
    EXPECT_EQ(child_ids(VGroup(a)), (std::vector<std::uint64_t>{a.id()}));
}

// ── remove_updater ────────────────────────────────────────────────────────────────────────

TEST(RemoveUpdater, RemovesExactlyThatOneAndKeepsTheOthersInOrder) {
    Mobject d = Dot();
    std::vector<int> calls;
    auto first = [&calls](Mobject&, double) { calls.push_back(1); };
    auto second = [&calls](Mobject&, double) { calls.push_back(2); };
    auto third = [&calls](Mobject&) { calls.push_back(3); };
    d.add_updater(first).add_updater(second).add_updater(third);
    ASSERT_EQ(d.updater_count(), 3u);
    d.remove_updater(second);
    EXPECT_EQ(d.updater_count(), 2u);
    d.update(0.1);
    EXPECT_EQ(calls, (std::vector<int>{1, 3}));
}

TEST(RemoveUpdater, RotationUpdaterForthThenBack) {
    // Manim's RotationUpdater: one updater at a time, each removed by the function itself.
    auto forth = [](Mobject& m, double dt) { m.rotate_about_origin(dt); };
    auto back = [](Mobject& m, double dt) { m.rotate_about_origin(-dt); };
    Mobject l = Line(ORIGIN, LEFT);
    l.add_updater(forth);
    l.remove_updater(forth);
    l.add_updater(back);
    EXPECT_EQ(l.updater_count(), 1u);
    l.update(PI / 2);
    expect_near(l.get_end(), UP); // rotated back (clockwise), not forth
}

TEST(RemoveUpdater, FunctionPointersCompareByAddress) {
    Mobject d = Dot();
    d.add_updater(nudge_right).add_updater(&nudge_up).add_updater(nudge_right);
    d.remove_updater(nudge_right); // both copies, as Manim's while-loop removes every one
    EXPECT_EQ(d.updater_count(), 1u);
    EXPECT_NEAR(moved_x(d, 1.0), 0.0, 1e-12);
    EXPECT_NEAR(d.get_center().y, 1.0, 1e-12); // nudge_up stayed and ran
}

TEST(RemoveUpdater, LambdasWithIntegerCapturesCompareByValue) {
    Mobject d = Dot();
    auto step = [](int k) { return [k](Mobject& m, double) { m.shift(RIGHT * k); }; };
    d.add_updater(step(1)).add_updater(step(2)).add_updater(step(4));
    d.remove_updater(step(2));
    EXPECT_EQ(d.updater_count(), 2u);
    EXPECT_NEAR(moved_x(d, 0.0), 5.0, 1e-12);
}

TEST(RemoveUpdater, LambdasHoldingHandlesAreOneUpdaterPerLambdaExpression) {
    // Captures that cannot be compared (mobject handles): the lambda expression identifies it,
    // so every updater made by `follow` goes and the one made by the other lambda stays.
    Mobject d = Dot(), a = Square().move_to(Vec2{2, 0}), b = Circle().move_to(Vec2{-3, 1});
    auto follow = [](Mobject target) { return [target](Mobject& m) { m.move_to(target); }; };
    auto stay = [b](Mobject& m) { m.move_to(b); };
    d.add_updater(follow(a)).add_updater(stay).add_updater(follow(b));
    d.remove_updater(follow(a));
    ASSERT_EQ(d.updater_count(), 1u);
    d.update();
    expect_near(d.get_center(), {-3, 1});
}

TEST(RemoveUpdater, ClearAfterRemoveLeavesNone) {
    Mobject d = Dot();
    auto f = [](Mobject& m) { m.shift(UP); };
    d.add_updater(f).add_updater(nudge_right);
    d.remove_updater(f);
    d.clear_updaters();
    EXPECT_EQ(d.updater_count(), 0u);
    EXPECT_FALSE(d.has_updaters());
}

TEST(RemoveUpdater, BecomeKeepsTheUpdatersRemovable) {
    Mobject d = Dot();
    auto f = [](Mobject& m, double dt) { m.shift(RIGHT * dt); };
    d.add_updater(f);
    d.become(Square());
    d.remove_updater(f);
    EXPECT_EQ(d.updater_count(), 0u);
}

// ── one options convention for every shape ────────────────────────────────────────────────

TEST(ShapeOptions, OnlyWhatDiffersIsWritten) {
    // Dot(color=BLUE): Manim's point, radius, fill and stroke, only the colour changed.
    Mobject d = Dot({.color = BLUE}), ref = Dot(ORIGIN, {.radius = kDefaultDotRadius});
    EXPECT_EQ(*d.points_ptr(), *ref.points_ptr());
    EXPECT_EQ(d.style().fill_color, BLUE);
    EXPECT_EQ(d.style().fill_opacity, 1.0);
    EXPECT_EQ(d.style().stroke_width, 0.0);
    // Circle(color=BLUE) is Circle(radius=1) in BLUE; Square() is side 2; Line() LEFT to RIGHT.
    EXPECT_EQ(*Circle({.color = BLUE}).points_ptr(), *Circle(1.0).points_ptr());
    EXPECT_EQ(Circle().style().stroke_color, RED);
    EXPECT_NEAR(Square({.fill_opacity = 1}).width(), 2.0, 1e-12);
    expect_near(Line().get_start(), LEFT);
    expect_near(Line().get_end(), RIGHT);
    EXPECT_EQ(RegularPolygon({.radius = 2}).points().size(), RegularPolygon(6, {.radius = 2}).points().size());
    EXPECT_EQ(SmallDot({.color = RED}).width(), SmallDot(ORIGIN).width());
}

TEST(ShapeOptions, EveryStyleFieldIsHonouredWhereAShapeTakesIt) {
    Mobject r = Rectangle({.width = 3,
                           .color = GREEN,
                           .fill_color = RED,
                           .fill_opacity = 0.25,
                           .stroke_color = BLUE,
                           .stroke_width = 2,
                           .stroke_opacity = 0.5});
    EXPECT_EQ(r.style().fill_color, RED);
    EXPECT_EQ(r.style().stroke_color, BLUE);
    EXPECT_EQ(r.style().fill_opacity, 0.25);
    EXPECT_EQ(r.style().stroke_width, 2.0);
    EXPECT_EQ(r.style().stroke_opacity, 0.5);
    Mobject a = Arrow(LEFT, RIGHT, {.buff = 0, .color = YELLOW, .stroke_opacity = 0.5});
    EXPECT_EQ(a.style().stroke_color, YELLOW);
    EXPECT_EQ(a.style().stroke_opacity, 0.5);
    EXPECT_EQ(a.style().stroke_width, 6.0); // Arrow's own default, not the VMobject's 4
    EXPECT_EQ(a[0].style().fill_color, YELLOW);
    Mobject box = SurroundingRectangle(r, {.buff = 0.5});
    EXPECT_EQ(box.style().stroke_color, YELLOW); // Manim's default colour for it
    EXPECT_NEAR(box.width(), 4.0, 1e-9);
    Mobject back = BackgroundRectangle(r);
    EXPECT_EQ(back.style().fill_color, BLACK);
    EXPECT_EQ(back.style().fill_opacity, 0.75);
    EXPECT_EQ(back.style().stroke_width, 0.0);
    Mobject cross = Cross(r);
    EXPECT_EQ(cross[0].style().stroke_color, RED);
    EXPECT_EQ(cross[0].style().stroke_width, 6.0);
    EXPECT_EQ(Cross(r, {.stroke_color = GREEN})[1].style().stroke_color, GREEN);
}

TEST(ShapeOptions, ArcFamilyTakesItsGeometryAsKeywords) {
    Mobject s = Sector({.angle = PI, .color = TEAL}), a = AnnularSector({.color = TEAL});
    EXPECT_EQ(s.style().fill_color, TEAL);
    EXPECT_NEAR(s.width(), 2.0, 1e-9);  // outer radius 1, half a disc
    EXPECT_NEAR(a.anchor_bounds().max.x, 2.0, 1e-9); // AnnularSector: outer radius 2
    Mobject e = Ellipse({.height = 3});
    EXPECT_NEAR(e.width(), 2.0, 1e-9);
    EXPECT_NEAR(e.height(), 3.0, 1e-9);
    Mobject arc = ArcBetweenPoints(LEFT, RIGHT, {.angle = PI, .stroke_width = 1});
    expect_near(arc.get_start(), LEFT);
    expect_near(arc.get_end(), RIGHT);
    EXPECT_EQ(arc.style().stroke_width, 1.0);
}

} // namespace
} // namespace reel
