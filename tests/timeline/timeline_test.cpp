// Timeline: Manim's frame-quantised timing of plays and waits, scene list and z-order rules,
// and the purity of state_at (MANIM_SEMANTICS.md sections 6.7 and 8).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <vector>

#include "render/render.h"
#include "reel/text.h"
#include "timeline/timeline.h"

namespace reel {
namespace {

long frames_of(Seconds d) { return std::lround(d * kTimelineFps); }

Mobject colored_square(Color c, double x = 0.0) {
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

bool same_frame(const Frame& a, const Frame& b) {
    if (a.items.size() != b.items.size()) return false;
    for (std::size_t i = 0; i < a.items.size(); ++i) {
        if (!(*a.items[i].points == *b.items[i].points)) return false;
        if (!(a.items[i].style == b.items[i].style)) return false;
    }
    return true;
}

// A small scene made for these tests: every kind of step the engine records (Create, Write of
// text, waits, FadeIn, Transform, FadeOut) in about six seconds. The promo's own checks are in
// tests/promo.
Timeline record_small_scene() {
    Scene s;
    set_default_text_font("Times New Roman"); // inside the recording: each starts fresh
    Mobject a = colored_square(RED, -2.0), b = colored_square(BLUE, 2.0);
    Mobject label = Text("state_at is pure", {.font_size = 36});
    label.move_to(Vec2{0, 2});
    Mobject target = Circle(0.7, {.color = YELLOW, .fill_opacity = 0.5});
    s.play(Create(a), Write(label));
    s.wait(0.5);
    s.play(FadeIn(b));
    s.play(Transform(a, target), {.run_time = 1.5});
    s.wait(0.25);
    s.play(FadeOut(label), FadeOut(b));
    return s.finish();
}

// ── Negative cases ────────────────────────────────────────────────────────────────────────

TEST(ScenePlay, RejectsNoAnimationsANullAnimationAndNonPositiveRunTimes) {
    Scene s;
    EXPECT_THROW(s.play(std::vector<AnimationPtr>{}), std::invalid_argument);
    EXPECT_THROW(s.play(AnimationPtr{}), std::invalid_argument);
    EXPECT_THROW(s.play(FadeIn(Square()), {.run_time = 0.0}), std::invalid_argument);
    EXPECT_THROW(s.play(FadeIn(Square()), {.run_time = -1.0}), std::invalid_argument);
    EXPECT_THROW(s.play(FadeIn(Square()), {.run_time = std::nan("")}), std::invalid_argument);
    EXPECT_EQ(s.time(), 0.0); // nothing was recorded
}

TEST(SceneWait, RejectsNonPositiveDurations) {
    Scene s;
    EXPECT_THROW(s.wait(0.0), std::invalid_argument);
    EXPECT_THROW(s.wait(-2.0), std::invalid_argument);
    EXPECT_THROW(s.wait(std::nan("")), std::invalid_argument);
    EXPECT_EQ(s.time(), 0.0);
}

TEST(Timeline, EmptySceneHasNoDurationAndAnEmptyPicture) {
    Scene s;
    Timeline t = s.finish();
    EXPECT_EQ(t.duration(), 0.0);
    EXPECT_EQ(t.frame_count(60), 0);
    EXPECT_TRUE(t.segments().empty());
    EXPECT_TRUE(t.state_at(0.0).items.empty());
    EXPECT_TRUE(t.state_at(5.0).items.empty());
    ASSERT_EQ(t.sections().size(), 1u); // an implicit "main" section
}

TEST(Timeline, TimesOutsideTheSceneClamp) {
    Scene s;
    Mobject sq = colored_square(RED);
    s.play(FadeIn(sq));
    s.wait(1.0);
    Timeline t = s.finish();
    EXPECT_TRUE(same_frame(t.state_at(-3.0), t.state_at(0.0)));
    EXPECT_TRUE(same_frame(t.state_at(1e9), t.state_at(t.duration())));
    EXPECT_TRUE(same_frame(t.state_at(std::nan("")), t.state_at(t.duration())));
    EXPECT_TRUE(same_frame(t.state_at(-INFINITY), t.state_at(0.0)));
    EXPECT_TRUE(same_frame(t.state_at(INFINITY), t.state_at(t.duration())));
}

// ── Frame quantisation (8.1, 8.2) ─────────────────────────────────────────────────────────

struct Quantum {
    double seconds;
    long frames;
};

class PlayFrames : public ::testing::TestWithParam<Quantum> {};

TEST_P(PlayFrames, AreCeilOfDurationTimesSixty) {
    const Quantum q = GetParam();
    Scene s;
    s.play(FadeIn(Square()), {.run_time = q.seconds});
    const Seconds after = s.time();
    Timeline t = s.finish();
    ASSERT_EQ(t.segments().size(), 1u);
    EXPECT_EQ(frames_of(t.segments()[0].duration), q.frames) << q.seconds << " s";
    EXPECT_EQ(t.frame_count(60), q.frames);
    EXPECT_EQ(after, static_cast<double>(q.frames) / 60.0); // exact frame multiple
}

INSTANTIATE_TEST_SUITE_P(Section81, PlayFrames,
                         ::testing::Values(Quantum{0.015, 1}, Quantum{0.08, 5}, Quantum{0.1, 6},
                                           Quantum{0.12, 8}, Quantum{0.15, 9}, Quantum{0.2, 12},
                                           Quantum{0.25, 15}, Quantum{0.3, 18}, Quantum{1, 60},
                                           Quantum{2, 120}),
                         [](const auto& p) { return std::to_string(std::lround(p.param.seconds * 1000)) + "ms"; });

class WaitFrames : public ::testing::TestWithParam<Quantum> {};

TEST_P(WaitFrames, AreDurationOverFrameTimeTruncated) {
    const Quantum q = GetParam();
    Scene s;
    s.wait(q.seconds);
    Timeline t = s.finish();
    ASSERT_EQ(t.segments().size(), 1u);
    EXPECT_EQ(t.segments()[0].kind, SegmentInfo::Kind::Wait);
    EXPECT_EQ(frames_of(t.segments()[0].duration), q.frames) << q.seconds << " s";
}

INSTANTIATE_TEST_SUITE_P(Section82, WaitFrames,
                         ::testing::Values(Quantum{0.15, 9}, Quantum{0.3, 18}, Quantum{0.4, 24},
                                           Quantum{0.5, 30}, Quantum{0.6, 36}, Quantum{1.0, 60},
                                           Quantum{1.2, 72}, Quantum{1.5, 90}, Quantum{1.8, 108},
                                           Quantum{2.0, 120}, Quantum{2.5, 150}),
                         [](const auto& p) { return std::to_string(std::lround(p.param.seconds * 1000)) + "ms"; });

TEST(Timing, SegmentsStartOnWholeFramesAfterManyShortPlays) {
    // 49 plays of 0.015 s (the heatmap cells) then a 0.12 s play: no drift.
    Scene s;
    for (int i = 0; i < 49; ++i) s.play(FadeIn(Square(0.1)), {.run_time = 0.015});
    s.play(Create(Line({0, 0}, {1, 0})), {.run_time = 0.12});
    Timeline t = s.finish();
    const auto segs = t.segments();
    ASSERT_EQ(segs.size(), 50u);
    for (std::size_t i = 0; i < 49; ++i) EXPECT_EQ(segs[i].start, static_cast<double>(i) / 60.0);
    EXPECT_EQ(segs[49].start, 49.0 / 60.0);
    EXPECT_EQ(frames_of(t.duration()), 57);
}

TEST(Timing, FifteenMillisecondFadeInRendersOneFrameWithTheObjectInvisible) {
    Scene s;
    Mobject cell = colored_square(BLUE);
    s.play(FadeIn(cell, {.scale = 0.6}), {.run_time = 0.015});
    s.wait(0.5);
    Timeline t = s.finish();
    ASSERT_EQ(frames_of(t.segments()[0].duration), 1);
    const Frame f0 = t.state_at(0.0); // the only frame of the play: alpha = 0
    ASSERT_EQ(f0.items.size(), 1u);
    EXPECT_EQ(f0.items[0].style.fill_opacity, 0.0);
    EXPECT_EQ(f0.items[0].style.stroke_opacity, 0.0);
    const Frame f1 = t.state_at(1.0 / 60.0); // the next frame shows it (final state)
    ASSERT_EQ(f1.items.size(), 1u);
    EXPECT_EQ(f1.items[0].style.fill_opacity, 1.0);
    EXPECT_EQ(*f1.items[0].points, cell.points());
}

TEST(Timing, PlayLastsTheLongestAnimationEachWithItsOwnAlpha) {
    // 6.7: Create (1 s) next to Write (2 s): at t = 1.5 the Create is final.
    Scene s;
    Mobject box = Rectangle({.color = TEAL});
    Mobject g;
    for (int i = 0; i < 15; ++i) g.add(colored_square(WHITE, 0.6 * i));
    s.play(Create(box), Write(g));
    Timeline t = s.finish();
    EXPECT_EQ(frames_of(t.duration()), 120);
    const Frame f = t.state_at(1.5);
    ASSERT_EQ(f.items.size(), 16u);
    EXPECT_EQ(*f.items[0].points, box.points());
    // ... and the Write is not finished.
    EXPECT_LT(f.items[15].style.fill_opacity, 1.0);
}

TEST(Timing, PlayRunTimeOverridesEveryAnimationButNotWritesLag) {
    Scene s;
    Mobject g;
    for (int i = 0; i < 43; ++i) g.add(colored_square(WHITE, 0.1 * i));
    auto w = Write(g);
    auto c = Create(Line({0, 0}, {1, 0}));
    s.play(w, c, {.run_time = 0.3});
    EXPECT_EQ(w->run_time(), 0.3);
    EXPECT_EQ(c->run_time(), 0.3);
    EXPECT_NEAR(w->lag_ratio(), 4.0 / 43.0, 1e-15);
    EXPECT_EQ(frames_of(s.time()), 18);
}

TEST(Timing, FirstFrameOfAPlayShowsAlphaZero) {
    Scene s;
    Mobject l = Line({0, 0}, {2, 0});
    s.play(Create(l));
    Timeline t = s.finish();
    const Frame f = t.state_at(0.0);
    ASSERT_EQ(f.items.size(), 1u);
    EXPECT_EQ(all_bounds(*f.items[0].points).width(), 0.0);
    // Frame k shows alpha = k / 60 / run_time.
    const Frame f30 = t.state_at(30.0 / 60.0);
    EXPECT_NEAR(f30.items[0].points->back().x, 2.0 * smooth(0.5), 1e-12);
}

// ── Scene list and z-order (8.3) ──────────────────────────────────────────────────────────

TEST(ZOrder, LaterAddedIsOnTopAndReAddingMovesToTheTop) {
    Scene s;
    Mobject a = colored_square(RED), b = colored_square(GREEN);
    s.add(a);
    s.add(b);
    s.wait(0.1);
    s.add(a);
    s.wait(0.1);
    Timeline t = s.finish();
    EXPECT_EQ(colors(t.state_at(0.0)), (std::vector<Color>{RED, GREEN}));
    EXPECT_EQ(colors(t.state_at(0.1)), (std::vector<Color>{GREEN, RED}));
}

TEST(ZOrder, AddingAMemberDissolvesItsGroupInPlace) {
    Scene s;
    Mobject a = colored_square(RED), b = colored_square(GREEN), c = colored_square(BLUE);
    s.add(VGroup({a, b}));
    s.add(c);
    s.add(a);
    s.wait(0.1);
    Timeline t = s.finish();
    EXPECT_EQ(colors(t.state_at(0.0)), (std::vector<Color>{GREEN, BLUE, RED}));
}

TEST(ZOrder, FadeOutOfAGroupWhoseMembersAreOnScreenMovesItToTheTop) {
    Scene s;
    Mobject a = colored_square(RED), b = colored_square(GREEN), c = colored_square(BLUE);
    s.add(a);
    s.add(b);
    s.add(c);
    s.play(FadeOut(VGroup({a, b})));
    s.wait(0.5);
    Timeline t = s.finish();
    // During the fade the group sits above c.
    EXPECT_EQ(colors(t.state_at(0.5)), (std::vector<Color>{BLUE, RED, GREEN}));
    EXPECT_LT(t.state_at(0.5).items[1].style.fill_opacity, 1.0);
    // Removers leave the scene at the end of the play.
    EXPECT_EQ(colors(t.state_at(1.2)), (std::vector<Color>{BLUE}));
}

TEST(ZOrder, IntroducersAddThemselvesAtTheEndInArgumentOrder) {
    Scene s;
    Mobject a = colored_square(RED), b = colored_square(GREEN), c = colored_square(BLUE);
    s.add(a);
    s.play(FadeIn(c), FadeIn(b));
    // Already on screen: FadeIn of a does not move it.
    s.play(FadeIn(a));
    Timeline t = s.finish();
    EXPECT_EQ(colors(t.state_at(0.5)), (std::vector<Color>{RED, BLUE, GREEN}));
    EXPECT_EQ(colors(t.state_at(1.5)), (std::vector<Color>{RED, BLUE, GREEN}));
}

TEST(ZOrder, TransformTargetIsNeverAdded) {
    Scene s;
    Mobject a = colored_square(RED);
    Mobject target = colored_square(GREEN, 2.0);
    s.add(a);
    s.play(Transform(a, target));
    s.wait(0.5);
    Timeline t = s.finish();
    const Frame f = t.state_at(1.2);
    ASSERT_EQ(f.items.size(), 1u);
    EXPECT_EQ(f.items[0].style.fill_color, GREEN);
    EXPECT_EQ(*f.items[0].points, target.points());
}

// ── Sections ──────────────────────────────────────────────────────────────────────────────

TEST(Sections, StartWhereTheyAreDeclaredAndCoverTheScene) {
    Scene s;
    s.section("one");
    s.wait(1.0);
    s.section("two");
    s.play(FadeIn(Square()), {.run_time = 0.25});
    Timeline t = s.finish();
    ASSERT_EQ(t.sections().size(), 2u);
    EXPECT_EQ(t.sections()[0].name, "one");
    EXPECT_EQ(t.sections()[1].start, 1.0);
    EXPECT_EQ(frames_of(t.sections()[1].duration), 15);
    EXPECT_EQ(t.section_at(0.5), 0u);
    EXPECT_EQ(t.section_at(1.0), 1u);
    EXPECT_EQ(t.section_at(100.0), 1u);
}

// ── Purity of state_at (DESIGN decision 1) ────────────────────────────────────────────────

class SmallSceneTimeline : public ::testing::Test {
protected:
    static void SetUpTestSuite() { timeline_ = new Timeline(record_small_scene()); }
    static void TearDownTestSuite() {
        delete timeline_;
        timeline_ = nullptr;
    }
    static Timeline* timeline_;
};
Timeline* SmallSceneTimeline::timeline_ = nullptr;

TEST_F(SmallSceneTimeline, StateAtT2AfterT1EqualsT2AloneByteForByte) {
    // "t2 alone" comes from a second, untouched recording of the same scene.
    const Timeline fresh = record_small_scene();
    const Timeline& used = *timeline_;
    const double d = used.duration();
    ASSERT_EQ(d, fresh.duration());
    const std::vector<double> times = {0.0, 0.5, 1.0, 1.7, 2.2, 2.6, 3.1, 3.9,
                                       4.4, 4.9, 5.3, 5.6, d - 1e-9, d, 1.0};
    for (std::size_t k = 1; k < times.size(); ++k) {
        const double t1 = times[(k * 7) % times.size()], t2 = times[k];
        (void)used.state_at(t1);
        const Frame after = used.state_at(t2);
        const Frame alone = fresh.state_at(t2);
        ASSERT_TRUE(same_frame(after, alone)) << "t1 = " << t1 << ", t2 = " << t2;
        const Image ia = render_frame(after, 320, 180);
        const Image ib = render_frame(alone, 320, 180);
        ASSERT_EQ(ia.pixels.size(), ib.pixels.size());
        EXPECT_EQ(std::memcmp(ia.pixels.data(), ib.pixels.data(), ia.pixels.size()), 0)
            << "t1 = " << t1 << ", t2 = " << t2;
    }
}

TEST_F(SmallSceneTimeline, SeekingBackwardsAndRepeatingGivesTheSameFrame) {
    const Timeline& tl = *timeline_;
    const Frame first = tl.state_at(3.2);
    for (double t : {5.5, 0.0, 3.2, 1.5, 4.5}) (void)tl.state_at(t);
    EXPECT_TRUE(same_frame(first, tl.state_at(3.2)));
}

TEST_F(SmallSceneTimeline, ConcurrentStateAtAgreesWithSequential) {
    const Timeline& tl = *timeline_;
    std::vector<double> times;
    for (int k = 0; k < 40; ++k) times.push_back(0.145 * k);
    std::vector<Frame> seq;
    for (double t : times) seq.push_back(tl.state_at(t));
    std::vector<Frame> par(times.size());
    std::thread a([&] {
        for (std::size_t i = 0; i < times.size(); i += 2) par[i] = tl.state_at(times[i]);
    });
    std::thread b([&] {
        for (std::size_t i = 1; i < times.size(); i += 2) par[i] = tl.state_at(times[i]);
    });
    a.join();
    b.join();
    for (std::size_t i = 0; i < times.size(); ++i)
        EXPECT_TRUE(same_frame(seq[i], par[i])) << "t = " << times[i];
}

TEST_F(SmallSceneTimeline, RecordsOneSegmentPerPlayAndWait) {
    // play, wait, play, play, wait, play: 1 + 0.5 + 1 + 1.5 + 0.25 + 1 seconds.
    ASSERT_EQ(timeline_->segments().size(), 6u);
    EXPECT_EQ(frames_of(timeline_->duration()), 60 + 30 + 60 + 90 + 15 + 60);
    // The first play is as long as its longest animation: Write of 14 glyphs (under 15) and
    // Create both last 1 s.
    EXPECT_EQ(frames_of(timeline_->segments()[1].start), 60);
}

} // namespace
} // namespace reel
