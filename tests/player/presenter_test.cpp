// Presenter mode of PlayerController: slides from marks and from the fallback rule, next /
// previous / number + Enter / Home / End, loops, black screen, counter and the console's state.
// No window: wall time is passed in.
#include <gtest/gtest.h>

#include "player/player.h"

namespace reel {
namespace {

// Marked: a square fades in (1 s) and the slide "one" holds; a square outline is created (2 s) and
// "two" holds with notes; a 1 s part that loops ("three"); then a fade-out ends the scene.
//   0 ── FadeIn 1 s ── 1 [one] ── Create 2 s ── 3 [two] ── rotate 1 s ── 4 [three, loop] ── FadeOut 1 s ── 5
// `fade`: the first FadeIn's length (a later version of the scene in the reload test).
Timeline marked(Seconds fade = 1.0) {
    Scene s;
    s.section("only");
    Mobject sq = Square(1.0, {.color = RED, .fill_opacity = 1.0});
    s.play(FadeIn(sq), {.run_time = fade});
    s.next_slide();
    Mobject c = Square(2.0, {.color = BLUE});
    s.play(Create(c), {.run_time = 2.0});
    s.next_slide({.notes = "the outline"});
    s.play(animate(sq).rotate(PI / 2), {.run_time = 1.0});
    s.next_slide({.notes = "spinning", .loop = true});
    s.play(FadeOut(sq), FadeOut(c), {.run_time = 1.0});
    return s.finish();
}

PlayerSettings present(Seconds start = 0) {
    PlayerSettings p;
    p.mode = PlayerMode::Present;
    p.scene_name = "demo";
    p.start = start;
    p.fullscreen = true;
    return p;
}

TEST(PresenterTest, MarksAreTheHolds) {
    Timeline tl = marked();
    ASSERT_EQ(tl.marks().size(), 3u);
    ASSERT_EQ(place_holds(tl).size(), 3u); // the closing fade-out adds no slide of its own
    EXPECT_DOUBLE_EQ(place_holds(tl)[0].time, 1.0);
    EXPECT_DOUBLE_EQ(place_holds(tl)[1].start, 1.0);
    EXPECT_DOUBLE_EQ(place_holds(tl)[1].time, 3.0);
    EXPECT_EQ(place_holds(tl)[1].notes, "the outline");
    EXPECT_TRUE(place_holds(tl)[2].loop);
    EXPECT_TRUE(place_holds(tl)[0].marked);
}

TEST(PresenterTest, PlaysToTheFirstHoldAndStaysThere) {
    Timeline tl = marked();
    PlayerController c(tl, present(), 0.0);
    EXPECT_EQ(c.slide(), 0u);
    EXPECT_TRUE(c.playing());
    c.update(0.5);
    EXPECT_DOUBLE_EQ(c.time(0.5), 0.5);
    c.update(10.0);
    EXPECT_FALSE(c.playing());
    EXPECT_TRUE(c.at_hold(10.0));
    EXPECT_NEAR(c.time(10.0), 1.0, 1e-5);
    EXPECT_LT(c.time(10.0), 1.0); // the FadeIn's own last moment, not the Create's first
    EXPECT_NEAR(tl.state_at(c.time(10.0)).items[0].style.fill_opacity, 1.0, 1e-4);
}

TEST(PresenterTest, NextPlaysTheNextSlideAndCompletesARunningOne) {
    Timeline tl = marked();
    PlayerController c(tl, present(), 0.0);
    c.key(Key::Right, 0.25); // during the first slide: complete it
    EXPECT_EQ(c.slide(), 0u);
    EXPECT_FALSE(c.playing());
    EXPECT_NEAR(c.time(0.25), 1.0, 1e-5);
    c.key(Key::Space, 1.0); // then the next slide plays from the hold
    EXPECT_EQ(c.slide(), 1u);
    EXPECT_TRUE(c.playing());
    EXPECT_NEAR(c.time(1.5), 1.5, 1e-9);
    c.update(5.0);
    EXPECT_NEAR(c.time(5.0), 3.0, 1e-5);
    c.key(Key::PageDown, 6.0);
    EXPECT_EQ(c.slide(), 2u);
    c.mouse_down(10, 10, 6.0); // a click is "next" too: completes... a loop goes on instead
    EXPECT_EQ(c.slide(), 2u);
}

TEST(PresenterTest, PreviousShowsThePreviousHoldsPictureNeverBlack) {
    Timeline tl = marked();
    PlayerController c(tl, present(), 0.0);
    c.update(2.0);
    c.key(Key::Right, 2.0); // slide 2 is playing
    c.key(Key::Left, 2.5);  // mid-slide: back to where it began, slide 1's hold
    EXPECT_EQ(c.slide(), 0u);
    EXPECT_FALSE(c.playing());
    EXPECT_NEAR(c.time(2.5), 1.0, 1e-5);
    c.key(Key::Right, 3.0);
    c.update(9.0);
    c.key(Key::Left, 9.0); // at slide 2's hold: slide 1's hold
    EXPECT_EQ(c.slide(), 0u);
    Frame f = tl.state_at(c.time(9.0));
    ASSERT_EQ(f.items.size(), 1u);
    EXPECT_NEAR(f.items[0].style.fill_opacity, 1.0, 1e-4);
}

TEST(PresenterTest, NumberThenEnterJumpsToThatSlide) {
    Timeline tl = marked();
    PlayerController c(tl, present(), 0.0);
    c.key(Key::Digit2, 0.1);
    EXPECT_EQ(c.typed(), "2");
    EXPECT_EQ(c.corner_text(0.1), "go to 2");
    c.key(Key::Enter, 0.2);
    EXPECT_EQ(c.slide(), 1u);
    EXPECT_FALSE(c.playing());
    EXPECT_NEAR(c.time(0.2), 3.0, 1e-5);
    EXPECT_EQ(c.typed(), "");
    // Out of range: dropped, nothing moves.
    c.key(Key::Digit9, 0.3);
    c.key(Key::Enter, 0.3);
    EXPECT_EQ(c.slide(), 1u);
    // Backspace edits, Escape abandons, a leading 0 is ignored.
    c.key(Key::Digit0, 0.4);
    EXPECT_EQ(c.typed(), "");
    c.key(Key::Digit1, 0.4);
    c.key(Key::Digit3, 0.4);
    c.key(Key::Backspace, 0.4);
    EXPECT_EQ(c.typed(), "1");
    c.key(Key::Escape, 0.4);
    EXPECT_EQ(c.typed(), "");
    EXPECT_TRUE(c.fullscreen()); // Esc dropped the number first
    c.key(Key::Digit1, 0.5);
    c.key(Key::Enter, 0.5);
    EXPECT_EQ(c.slide(), 0u);
    EXPECT_NEAR(c.time(0.5), 1.0, 1e-5);
}

TEST(PresenterTest, HomeAndEnd) {
    Timeline tl = marked();
    PlayerController c(tl, present(), 0.0);
    c.key(Key::End, 0.1); // the last slide loops
    EXPECT_EQ(c.slide(), 2u);
    EXPECT_TRUE(c.playing());
    c.key(Key::Home, 0.2);
    EXPECT_EQ(c.slide(), 0u);
    EXPECT_FALSE(c.playing());
    EXPECT_NEAR(c.time(0.2), 1.0, 1e-5);
}

TEST(PresenterTest, ALoopingSlideRepeatsUntilNext) {
    Timeline tl = marked();
    PlayerController c(tl, present(2.0), 0.0); // slide 2 plays from 2.0
    c.update(5.0);
    c.key(Key::Right, 5.0); // slide 3: the rotation, looping over [3, 4)
    EXPECT_EQ(c.slide(), 2u);
    for (double now : {5.25, 6.25, 17.25}) {
        c.update(now);
        EXPECT_TRUE(c.playing());
        EXPECT_NEAR(c.time(now), 3.25, 1e-6) << now;
    }
    EXPECT_EQ(c.notes(), "spinning");
    c.key(Key::Right, 18.0); // the last slide: "next" stops the loop on its hold
    EXPECT_FALSE(c.playing());
    EXPECT_NEAR(c.time(18.0), 4.0, 1e-5);
}

TEST(PresenterTest, BlackScreenAndBack) {
    Timeline tl = marked();
    PlayerController c(tl, present(), 0.0);
    c.update(3.0);
    c.key(Key::B, 3.0);
    EXPECT_TRUE(c.black());
    c.key(Key::Right, 4.0); // the first press only brings the picture back
    EXPECT_FALSE(c.black());
    EXPECT_EQ(c.slide(), 0u);
    c.key(Key::Period, 4.0);
    EXPECT_TRUE(c.black());
    c.key(Key::Period, 4.0);
    EXPECT_FALSE(c.black());
    c.key(Key::B, 4.0);
    c.key(Key::Left, 4.0);
    EXPECT_FALSE(c.black());
    EXPECT_EQ(c.slide(), 0u);
}

// Issue 22, row 8: the audience does not see a slide counter unless the presenter asks for it (C);
// the title (and the console) always have the number. It used to be on by default.
TEST(PresenterTest, CounterIsOffForTheAudienceUntilC) {
    Timeline tl = marked();
    PlayerController c(tl, present(), 0.0);
    EXPECT_FALSE(c.counter_visible());
    EXPECT_EQ(c.corner_text(0.0), "");
    EXPECT_EQ(c.overlay(0.0).corner, "");
    EXPECT_NE(c.title(0.0).find("slide 1 / 3"), std::string::npos);
    c.key(Key::C, 0.1);
    EXPECT_TRUE(c.counter_visible());
    EXPECT_EQ(c.corner_text(0.1), "1 / 3");
    EXPECT_EQ(c.overlay(0.1).corner, "1 / 3");
    c.key(Key::C, 0.2);
    EXPECT_EQ(c.corner_text(0.2), "");
}

// A player started again where another one stood (a supervised live player after a crash): at
// slide 1's hold, slide 1 is the one being presented, so "next" plays slide 2. Started from the
// time alone, slide 2 would count as presented and "next" would skip it.
TEST(PresenterTest, StartsOnTheSlideItIsGiven) {
    Timeline tl = marked();
    PlayerSettings s = present(1.0);
    s.paused = true;
    s.slide = 0;
    PlayerController c(tl, s, 0.0);
    EXPECT_EQ(c.slide(), 0u);
    EXPECT_TRUE(c.at_hold(0.0));
    c.key(Key::Right, 0.1);
    EXPECT_EQ(c.slide(), 1u);
    EXPECT_TRUE(c.playing());
}

// Issue 22, row 8: the end of the show is marked. "Next" on the last slide's hold used to do
// nothing (the last picture stood as if more were coming); now the audience sees a black screen
// saying the presentation has ended, the title says so, and "previous" goes back.
TEST(PresenterTest, NextAfterTheLastSlideMarksTheEnd) {
    Timeline tl = marked();
    PlayerController c(tl, present(), 0.0);
    c.key(Key::End, 0.1);   // the last slide, which loops
    c.key(Key::Right, 0.2); // ends its loop: it stands on its hold
    EXPECT_FALSE(c.ended());
    EXPECT_EQ(c.overlay(0.2).banner, "");
    c.key(Key::Right, 0.3);
    EXPECT_TRUE(c.ended());
    EXPECT_EQ(c.overlay(0.3).banner, "End of the presentation");
    EXPECT_NE(c.title(0.3).find("end of the presentation"), std::string::npos) << c.title(0.3);
    c.key(Key::Right, 0.4); // stays ended
    EXPECT_TRUE(c.ended());
    c.key(Key::Left, 0.5);
    EXPECT_FALSE(c.ended());
    EXPECT_EQ(c.slide(), 2u);
    EXPECT_TRUE(c.at_hold(0.5));
    c.key(Key::Right, 0.6);
    c.key(Key::Home, 0.7); // any jump leaves the end too
    EXPECT_FALSE(c.ended());
    EXPECT_EQ(c.slide(), 0u);
}

// Esc closes the keys panel, then leaves full screen, never quits; F toggles; Q quits. In a
// presentation with nothing to present (an empty scene) too.
TEST(PresenterTest, EscapeLeavesFullScreenQQuits) {
    for (const Timeline& tl : {marked(), Scene().finish()}) {
        PlayerController c(tl, present(), 0.0);
        c.key(Key::Help, 0.1);
        EXPECT_TRUE(c.help_visible());
        c.key(Key::Escape, 0.1);
        EXPECT_FALSE(c.help_visible());
        EXPECT_TRUE(c.fullscreen());
        c.key(Key::Escape, 0.1);
        EXPECT_FALSE(c.fullscreen());
        EXPECT_FALSE(c.quit_requested());
        c.key(Key::Escape, 0.2);
        EXPECT_FALSE(c.quit_requested());
        c.key(Key::F, 0.2);
        EXPECT_TRUE(c.fullscreen());
        c.key(Key::Q, 0.3);
        EXPECT_TRUE(c.quit_requested());
    }
}

TEST(PresenterTest, ConsoleState) {
    Timeline tl = marked();
    PlayerController c(tl, present(), 100.0);
    EXPECT_EQ(c.notes(), "");
    ASSERT_TRUE(c.next_picture());
    EXPECT_NEAR(*c.next_picture(), 3.0, 1e-5);
    EXPECT_DOUBLE_EQ(c.elapsed(163.5), 63.5);
    c.key(Key::Digit2, 101.0);
    c.key(Key::Enter, 101.0);
    EXPECT_EQ(c.notes(), "the outline");
    ASSERT_TRUE(c.next_picture());
    EXPECT_NEAR(*c.next_picture(), 4.0, 1e-5);
    c.key(Key::End, 102.0);
    EXPECT_FALSE(c.next_picture()); // the last slide has no next one
}

TEST(PresenterTest, StartsAtTheSlideAfterTheStartTime) {
    Timeline tl = marked();
    PlayerController at_hold(tl, present(1.0), 0.0); // --slide 2: from slide 1's hold
    EXPECT_EQ(at_hold.slide(), 1u);
    EXPECT_TRUE(at_hold.playing());
    PlayerController mid(tl, present(2.5), 0.0); // --at 2.5: within slide 2
    EXPECT_EQ(mid.slide(), 1u);
    EXPECT_DOUBLE_EQ(mid.time(0.0), 2.5);
}

// Without marks: one hold per section, by the fallback rule.
TEST(PresenterTest, WithoutMarksEachSectionHoldsBeforeItsClosingFade) {
    Scene s;
    s.section("a");
    Mobject sq = Square(1.0, {.color = RED, .fill_opacity = 1.0});
    s.play(FadeIn(sq), {.run_time = 1.0});
    s.wait(2.0);
    s.play(FadeOut(sq), {.run_time = 1.0}); // closing fade: the audience would see black
    s.wait(0.5);
    s.section("b");
    Mobject c = Square(1.5);
    s.play(Create(c), {.run_time = 1.0});
    Timeline tl = s.finish();
    ASSERT_EQ(place_holds(tl).size(), 2u);
    EXPECT_DOUBLE_EQ(place_holds(tl)[0].time, 3.0); // after the wait, before the fade
    EXPECT_FALSE(place_holds(tl)[0].marked);
    EXPECT_DOUBLE_EQ(place_holds(tl)[1].time, 5.5);
    PlayerController p(tl, present(), 0.0);
    p.update(10.0);
    Frame f = tl.state_at(p.time(10.0));
    ASSERT_EQ(f.items.size(), 1u);
    EXPECT_NEAR(f.items[0].style.fill_opacity, 1.0, 1e-4);
}

} // namespace
// A new version of the scene (live reload) keeps the slide being shown, held at its mark,
// although the slide now starts later.
TEST(PresenterTest, ANewVersionKeepsTheSlide) {
    Timeline v1 = marked();
    PlayerController c(v1, present(), 0.0);
    c.update(5.0); // the first slide has played to its hold
    c.key(Key::Right, 5.0); // plays slide 2 (the outline), held at 3 s
    c.update(10.0);
    EXPECT_EQ(c.slide(), 1u);
    EXPECT_NEAR(c.time(10.0), 3.0, 1e-5);
    // Version 2: the first slide's fade takes 2 s, so every mark is 1 s later.
    Timeline v2 = marked(2.0);
    c.set_timeline(v2, 10.0);
    EXPECT_EQ(c.slide(), 1u);
    EXPECT_NEAR(c.time(12.0), 4.0, 1e-5) << "held at the second mark of the new version";
    EXPECT_FALSE(c.playing());
}

} // namespace reel
