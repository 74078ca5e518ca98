// ValueTracker, add_updater and always_redraw evaluated as functions of time: state_at(t) runs
// the updaters on a copy of the segment's starting state, so seeking backwards, forwards or in
// any order gives the frame playing gives (a counter counting up while a bar grows).
#include <gtest/gtest.h>

#include <cmath>
#include <thread>
#include <vector>

#include "mobjects/eval_context.h"
#include "reel/numbers.h"
#include "timeline/timeline.h"

namespace reel {
namespace {

bool same_frame(const Frame& a, const Frame& b) {
    if (a.items.size() != b.items.size()) return false;
    for (std::size_t i = 0; i < a.items.size(); ++i) {
        if (!(*a.items[i].points == *b.items[i].points)) return false;
        if (!(a.items[i].style == b.items[i].style)) return false;
    }
    return true;
}

// A bar growing from y = -2 with the tracker (height value / 25) and a counter above it.
Timeline counter_scene() {
    Scene s;
    ValueTracker tracker(0.0);
    Mobject bar = always_redraw([tracker] {
        double h = std::max(0.01, tracker.get_value() / 25.0);
        Mobject r = Rectangle({.width = 0.8, .height = h, .color = BLUE, .fill_opacity = 1.0});
        r.move_to(Vec2{0, -2}, DOWN);
        return r;
    });
    Mobject counter = always_redraw([tracker, bar] {
        Mobject n = Integer(std::lround(tracker.get_value()));
        n.next_to(bar, UP);
        return n;
    });
    s.add(bar);
    s.add(counter);
    s.play(animate(tracker).set_value(100), {.run_time = 2.0, .rate_func = linear});
    s.wait(1.0);
    s.play(animate(tracker).set_value(40), {.run_time = 1.0, .rate_func = linear});
    return s.finish();
}

double top_of_first(const Frame& f) { return all_bounds(*f.items[0].points).max.y; }

// ── Negative cases ────────────────────────────────────────────────────────────────────────

TEST(UpdatersNegative, TrackerReadOutsideAnEvaluationIsItsRecordedValue) {
    ValueTracker t(3.0);
    EXPECT_EQ(t.get_value(), 3.0);
    t.increment_value(2.0);
    EXPECT_EQ(t.get_value(), 5.0);
    EXPECT_EQ(EvalContext::current(), nullptr);
}

TEST(UpdatersNegative, ClearedUpdatersDoNothing) {
    Mobject d = Dot();
    d.add_updater([](Mobject& m, double dt) { m.shift(RIGHT * dt); });
    d.clear_updaters();
    d.update(1.0);
    EXPECT_NEAR(d.get_center().x, 0.0, 1e-12);
}

// ── the counter and the bar ───────────────────────────────────────────────────────────────

TEST(Updaters, CounterAndBarFollowTheTrackerAtEveryMoment) {
    Timeline tl = counter_scene();
    EXPECT_NEAR(tl.duration(), 4.0, 1e-12);
    // t = 1: tracker 50, bar height 2 (top at y = 0), counter "50" (2 glyphs) above it.
    Frame f = tl.state_at(1.0);
    ASSERT_EQ(f.items.size(), 3u);
    EXPECT_NEAR(top_of_first(f), 0.0, 1e-9);
    double counter_bottom = 1e9;
    for (std::size_t i = 1; i < f.items.size(); ++i)
        counter_bottom = std::min(counter_bottom, all_bounds(*f.items[i].points).min.y);
    EXPECT_NEAR(counter_bottom, MED_SMALL_BUFF, 0.02);
    // t = 2.5 (the wait): 100, three glyphs, bar top at y = 2.
    Frame w = tl.state_at(2.5);
    EXPECT_EQ(w.items.size(), 4u);
    EXPECT_NEAR(top_of_first(w), 2.0, 1e-9);
    // t = 3.5: back down to 70.
    EXPECT_NEAR(top_of_first(tl.state_at(3.5)), -2 + 70 / 25.0, 1e-9);
    // The end: 40.
    EXPECT_NEAR(top_of_first(tl.state_at(4.0)), -2 + 40 / 25.0, 1e-9);
    EXPECT_NEAR(top_of_first(tl.state_at(100.0)), -2 + 40 / 25.0, 1e-9);
}

TEST(Updaters, ScrubbingBackwardsForwardsAndRandomlyGivesThePlayedFrames) {
    Timeline tl = counter_scene();
    std::vector<Seconds> times;
    for (int k = 0; k <= 120; ++k) times.push_back(k / 30.0);
    std::vector<Frame> played;
    for (Seconds t : times) played.push_back(tl.state_at(t));
    // Backwards.
    for (std::size_t k = times.size(); k-- > 0;)
        EXPECT_TRUE(same_frame(tl.state_at(times[k]), played[k])) << "t = " << times[k];
    // Jumping about.
    for (std::size_t k = 0; k < times.size(); ++k) {
        std::size_t j = (k * 37) % times.size();
        EXPECT_TRUE(same_frame(tl.state_at(times[j]), played[j])) << "t = " << times[j];
    }
    // The counter really counts: the frames at 0.5 s and 1.5 s differ.
    EXPECT_FALSE(same_frame(played[15], played[45]));
}

TEST(Updaters, TwoThreadsEvaluateIndependently) {
    Timeline tl = counter_scene();
    Frame a, b;
    std::thread t1([&] {
        for (int i = 0; i < 50; ++i) a = tl.state_at(0.7);
    });
    std::thread t2([&] {
        for (int i = 0; i < 50; ++i) b = tl.state_at(3.3);
    });
    t1.join();
    t2.join();
    EXPECT_TRUE(same_frame(a, tl.state_at(0.7)));
    EXPECT_TRUE(same_frame(b, tl.state_at(3.3)));
}

TEST(Updaters, DtUpdatersSeeTheTimeSinceThePlayBegan) {
    Scene s;
    Mobject d = Dot();
    d.add_updater([](Mobject& m, double dt) { m.shift(RIGHT * dt); });
    s.add(d);
    s.wait(2.0);
    s.wait(1.0);
    Timeline tl = s.finish();
    EXPECT_NEAR(all_bounds(*tl.state_at(0.5).items[0].points).center().x, 0.5, 1e-9);
    EXPECT_NEAR(all_bounds(*tl.state_at(2.5).items[0].points).center().x, 2.5, 1e-9);
    EXPECT_NEAR(all_bounds(*tl.state_at(3.0).items[0].points).center().x, 3.0, 1e-9);
}

TEST(Updaters, AnUpdaterFollowsAnAnimatedMobject) {
    Scene s;
    Mobject dot = Dot(LEFT * 2);
    Mobject label = Square(0.2);
    label.add_updater([dot](Mobject& m) { m.next_to(dot, UP); });
    s.add(dot);
    s.add(label);
    s.play(animate(dot).shift(RIGHT * 4), {.run_time = 1.0, .rate_func = linear});
    Timeline tl = s.finish();
    Frame f = tl.state_at(0.5);
    ASSERT_EQ(f.items.size(), 2u);
    EXPECT_NEAR(all_bounds(*f.items[1].points).center().x, 0.0, 1e-9);
    EXPECT_NEAR(all_bounds(*tl.state_at(1.0).items[1].points).center().x, 2.0, 1e-9);
}

} // namespace
} // namespace reel
