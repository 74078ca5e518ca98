// PlayerController: every key and mouse action of the player and of presenter mode, the clock
// (pure in wall time, never accumulated), sections and overlay visibility. No window.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "player/player.h"

namespace reel {
namespace {

// Sections a [0, 10), b [10, 30), c [30, 40). Section b fades a square in during its first
// second; section c starts by adding a second square, so the state at exactly t = 30 differs
// from b's own end state.
Timeline three_sections() {
    Scene s;
    s.section("a");
    s.wait(10);
    s.section("b");
    Mobject sq = Square(1.0, {.color = RED, .fill_opacity = 1.0});
    s.play(FadeIn(sq), {.run_time = 1.0});
    s.wait(19);
    s.section("c");
    s.add(Square(0.5, {.color = BLUE, .fill_opacity = 1.0}));
    s.wait(10);
    return s.finish();
}

PlayerSettings play_settings(Seconds start = 0, bool paused = false) {
    PlayerSettings p;
    p.mode = PlayerMode::Play;
    p.scene_name = "demo";
    p.start = start;
    p.paused = paused;
    return p;
}

PlayerSettings present_settings() {
    PlayerSettings p;
    p.mode = PlayerMode::Present;
    p.scene_name = "demo";
    p.fullscreen = true;
    return p;
}

class ControllerTest : public ::testing::Test {
protected:
    Timeline tl = three_sections();
    // The bar's centre line and the pixel column of a time, in the default 1280x720 layout.
    double bar_y(const PlayerController& c) const {
        return c.layout().track.y + c.layout().track.h / 2;
    }
    double x_of(const PlayerController& c, Seconds t) const {
        return c.layout().x_of(t, tl.duration());
    }
};

// ---- Negative cases ---------------------------------------------------------------------

TEST_F(ControllerTest, RejectsSpeedOutsideTheRange) {
    for (double bad : {0.0, 0.2, 2.5, -1.0, std::nan("")}) {
        PlayerSettings s = play_settings();
        s.speed = bad;
        EXPECT_THROW(PlayerController(tl, s, 0.0), std::invalid_argument) << bad;
    }
}

TEST_F(ControllerTest, RejectsStartOutsideTheTimeline) {
    EXPECT_THROW(PlayerController(tl, play_settings(-0.5), 0.0), std::invalid_argument);
    EXPECT_THROW(PlayerController(tl, play_settings(40.5), 0.0), std::invalid_argument);
}

TEST_F(ControllerTest, DigitKeyRejectsNonDigits) {
    EXPECT_THROW(digit_key(10), std::invalid_argument);
    EXPECT_THROW(digit_key(-1), std::invalid_argument);
    EXPECT_EQ(digit_key(7), Key::Digit7);
}

TEST_F(ControllerTest, PresenterKeysDoNothingInThePlayer) {
    PlayerController c(tl, play_settings(5, true), 0.0);
    auto rev = c.revision();
    c.key(Key::B, 1.0);
    EXPECT_EQ(c.revision(), rev);
    EXPECT_FALSE(c.black());
    EXPECT_DOUBLE_EQ(c.time(1.0), 5.0);
}

TEST_F(ControllerTest, PlayerKeysDoNothingInAPresentation) {
    PlayerController c(tl, present_settings(), 0.0);
    for (Key k : {Key::J, Key::L, Key::K, Key::Comma, Key::Slower, Key::Faster}) {
        c.key(k, 2.0);
        EXPECT_EQ(c.slide(), 0u);
        EXPECT_DOUBLE_EQ(c.time(2.0), 2.0);
        EXPECT_TRUE(c.playing());
        EXPECT_DOUBLE_EQ(c.speed(), 1.0);
    }
}

TEST_F(ControllerTest, NextSectionAtTheLastSectionStays) {
    PlayerController c(tl, play_settings(35, true), 0.0);
    c.key(Key::N, 1.0);
    EXPECT_DOUBLE_EQ(c.time(1.0), 35.0);
    c.key(Key::PageDown, 1.0);
    EXPECT_DOUBLE_EQ(c.time(1.0), 35.0);
}

TEST_F(ControllerTest, PreviousInThePresentationsFirstSlideShowsItsHold) {
    PlayerController c(tl, present_settings(), 0.0);
    c.key(Key::Left, 3.0); // nothing earlier that is not black: the first slide, complete
    EXPECT_EQ(c.slide(), 0u);
    EXPECT_FALSE(c.playing());
    EXPECT_NEAR(c.time(3.0), 10.0, 1e-5);
    c.key(Key::Left, 4.0); // and there it stays
    EXPECT_EQ(c.slide(), 0u);
    EXPECT_NEAR(c.time(4.0), 10.0, 1e-5);
}

TEST_F(ControllerTest, MouseOffTheBarNeitherHoversNorScrubs) {
    PlayerController c(tl, play_settings(5, true), 0.0);
    c.mouse_move(640, 100, 1.0);
    EXPECT_FALSE(c.hover());
    c.mouse_up(640, bar_y(c), 1.0); // a release without a press
    EXPECT_FALSE(c.scrubbing());
    EXPECT_DOUBLE_EQ(c.time(1.0), 5.0);
}

TEST_F(ControllerTest, SpeedStopsAtItsLimits) {
    PlayerController c(tl, play_settings(0, true), 0.0);
    for (int i = 0; i < 10; ++i) c.key(Key::Slower, 0.0);
    EXPECT_DOUBLE_EQ(c.speed(), 0.25);
    for (int i = 0; i < 10; ++i) c.key(Key::Faster, 0.0);
    EXPECT_DOUBLE_EQ(c.speed(), 2.0);
}

// ---- The clock --------------------------------------------------------------------------

TEST_F(ControllerTest, ClockIsAPureFunctionOfWallTime) {
    PlayerSettings s = play_settings(2.0);
    s.speed = 1.5;
    PlayerController c(tl, s, 100.0);
    EXPECT_TRUE(c.playing());
    EXPECT_DOUBLE_EQ(c.time(100.0), 2.0);
    EXPECT_DOUBLE_EQ(c.time(104.0), 8.0);
    EXPECT_DOUBLE_EQ(c.time(101.0), 3.5); // asking out of order changes nothing
    EXPECT_DOUBLE_EQ(c.time(104.0), 8.0);
}

TEST_F(ControllerTest, StopsAtTheEnd) {
    PlayerController c(tl, play_settings(38), 0.0);
    EXPECT_DOUBLE_EQ(c.time(5.0), 40.0); // clamped before update notices
    c.update(5.0);
    EXPECT_FALSE(c.playing());
    EXPECT_DOUBLE_EQ(c.time(9.0), 40.0);
}

TEST_F(ControllerTest, LoopsAtTheEnd) {
    PlayerSettings s = play_settings(38);
    s.loop = true;
    PlayerController c(tl, s, 0.0);
    EXPECT_NEAR(c.time(5.0), 3.0, 1e-9);
    c.update(5.0);
    EXPECT_TRUE(c.playing());
    EXPECT_NEAR(c.time(6.0), 4.0, 1e-9);
}

TEST_F(ControllerTest, StartsPausedWhenAsked) {
    PlayerController c(tl, play_settings(16.5, true), 0.0);
    EXPECT_FALSE(c.playing());
    EXPECT_DOUBLE_EQ(c.time(50.0), 16.5);
}

// ---- Keys -------------------------------------------------------------------------------

TEST_F(ControllerTest, SpaceAndKPlayAndPause) {
    PlayerController c(tl, play_settings(0), 0.0);
    c.key(Key::Space, 2.0);
    EXPECT_FALSE(c.playing());
    EXPECT_DOUBLE_EQ(c.time(9.0), 2.0);
    c.key(Key::K, 9.0);
    EXPECT_TRUE(c.playing());
    EXPECT_DOUBLE_EQ(c.time(10.0), 3.0);
    c.key(Key::K, 10.0);
    EXPECT_FALSE(c.playing());
}

TEST_F(ControllerTest, PlayAtTheEndStartsAgain) {
    PlayerController c(tl, play_settings(40, true), 0.0);
    c.key(Key::Space, 1.0);
    EXPECT_TRUE(c.playing());
    EXPECT_DOUBLE_EQ(c.time(3.0), 2.0);
}

TEST_F(ControllerTest, JLSeekTenSecondsArrowsFive) {
    PlayerController c(tl, play_settings(20, true), 0.0);
    c.key(Key::J, 1.0);
    EXPECT_DOUBLE_EQ(c.time(1.0), 10.0);
    c.key(Key::L, 1.0);
    c.key(Key::L, 1.0);
    EXPECT_DOUBLE_EQ(c.time(1.0), 30.0);
    c.key(Key::Left, 1.0);
    EXPECT_DOUBLE_EQ(c.time(1.0), 25.0);
    c.key(Key::Right, 1.0);
    c.key(Key::Right, 1.0);
    EXPECT_DOUBLE_EQ(c.time(1.0), 35.0);
    c.key(Key::L, 1.0); // clamped at the end
    EXPECT_DOUBLE_EQ(c.time(1.0), 40.0);
    c.key(Key::Home, 1.0);
    c.key(Key::J, 1.0); // and at the start
    EXPECT_DOUBLE_EQ(c.time(1.0), 0.0);
}

TEST_F(ControllerTest, SeekingWhilePlayingKeepsPlaying) {
    PlayerController c(tl, play_settings(0), 0.0);
    c.key(Key::L, 2.0); // 2 + 10
    EXPECT_TRUE(c.playing());
    EXPECT_DOUBLE_EQ(c.time(3.0), 13.0);
}

TEST_F(ControllerTest, CommaAndPeriodStepOneFrameAndPause) {
    PlayerController c(tl, play_settings(16.5), 0.0);
    c.key(Key::Period, 0.0);
    EXPECT_FALSE(c.playing());
    EXPECT_DOUBLE_EQ(c.time(5.0), 991.0 / 60.0);
    c.key(Key::Comma, 5.0);
    c.key(Key::Comma, 5.0);
    EXPECT_DOUBLE_EQ(c.time(5.0), 989.0 / 60.0);
    // The frame number is shown (corner label and title) while paused on a stepped frame.
    EXPECT_EQ(c.stepped_frame(), 989);
    EXPECT_EQ(c.corner_text(5.0), "frame 989 / 2400");
    EXPECT_NE(c.title(5.0).find("frame 989"), std::string::npos);
    c.key(Key::Space, 6.0); // playing again: no frame number
    EXPECT_EQ(c.corner_text(6.0), "");
    EXPECT_FALSE(c.stepped_frame());
}

TEST_F(ControllerTest, HomeAndEnd) {
    PlayerController c(tl, play_settings(16.5, true), 0.0);
    c.key(Key::End, 1.0);
    EXPECT_DOUBLE_EQ(c.time(1.0), 40.0);
    c.key(Key::Home, 1.0);
    EXPECT_DOUBLE_EQ(c.time(1.0), 0.0);
}

TEST_F(ControllerTest, DigitsJumpToTenths) {
    PlayerController c(tl, play_settings(0, true), 0.0);
    for (int d = 0; d <= 9; ++d) {
        c.key(digit_key(d), 1.0);
        EXPECT_DOUBLE_EQ(c.time(1.0), 4.0 * d) << d;
    }
}

TEST_F(ControllerTest, SlowerAndFasterStepLikeAVideoPlayerWithoutAJump) {
    PlayerController c(tl, play_settings(0), 0.0);
    c.key(Key::Faster, 4.0); // at t = 4
    EXPECT_DOUBLE_EQ(c.speed(), 1.25);
    EXPECT_DOUBLE_EQ(c.time(4.0), 4.0);
    EXPECT_DOUBLE_EQ(c.time(8.0), 9.0);
    c.key(Key::Slower, 8.0);
    c.key(Key::Slower, 8.0);
    EXPECT_DOUBLE_EQ(c.speed(), 0.75);
    EXPECT_DOUBLE_EQ(c.time(12.0), 12.0);
    const double expected[] = {0.5, 0.25, 0.25};
    for (double e : expected) {
        c.key(Key::Slower, 12.0);
        EXPECT_DOUBLE_EQ(c.speed(), e);
    }
}

TEST_F(ControllerTest, OddSpeedStepsToTheNeighbouringSteps) {
    PlayerSettings s = play_settings(0, true);
    s.speed = 1.1;
    PlayerController c(tl, s, 0.0);
    c.key(Key::Faster, 0.0);
    EXPECT_DOUBLE_EQ(c.speed(), 1.25);
    PlayerController d(tl, s, 0.0);
    d.key(Key::Slower, 0.0);
    EXPECT_DOUBLE_EQ(d.speed(), 1.0);
}

TEST_F(ControllerTest, NextAndPreviousSection) {
    PlayerController c(tl, play_settings(5, true), 0.0);
    c.key(Key::N, 1.0);
    EXPECT_DOUBLE_EQ(c.time(1.0), 10.0);
    EXPECT_EQ(c.section(1.0), 1u);
    c.key(Key::PageDown, 1.0);
    EXPECT_DOUBLE_EQ(c.time(1.0), 30.0);
    c.key(Key::PageUp, 1.0); // at a section's start: the one before
    EXPECT_DOUBLE_EQ(c.time(1.0), 10.0);
    c.key(Key::P, 1.0);
    EXPECT_DOUBLE_EQ(c.time(1.0), 0.0);
    c.key(Key::P, 1.0); // the first section: stays at 0
    EXPECT_DOUBLE_EQ(c.time(1.0), 0.0);
}

TEST_F(ControllerTest, PreviousSectionWellIntoOneRestartsIt) {
    PlayerController c(tl, play_settings(25, true), 0.0);
    c.key(Key::P, 1.0);
    EXPECT_DOUBLE_EQ(c.time(1.0), 10.0);
}

TEST_F(ControllerTest, FullScreenAndEscape) {
    PlayerController c(tl, play_settings(0, true), 0.0);
    c.key(Key::F, 0.0);
    EXPECT_TRUE(c.fullscreen());
    c.key(Key::Help, 0.0);
    EXPECT_TRUE(c.help_visible());
    c.key(Key::Escape, 0.0); // closes the keys panel first
    EXPECT_FALSE(c.help_visible());
    EXPECT_TRUE(c.fullscreen());
    c.key(Key::Escape, 0.0); // then leaves full screen
    EXPECT_FALSE(c.fullscreen());
    EXPECT_FALSE(c.quit_requested());
    c.key(Key::Escape, 0.0); // and never quits (a video player's Esc); Q does
    EXPECT_FALSE(c.quit_requested());
    EXPECT_FALSE(c.fullscreen());
}

TEST_F(ControllerTest, FTogglesAndQQuits) {
    PlayerController c(tl, play_settings(0, true), 0.0);
    c.key(Key::F, 0.0);
    c.key(Key::F, 0.0);
    EXPECT_FALSE(c.fullscreen());
    c.set_fullscreen(true); // the window manager did it
    EXPECT_TRUE(c.fullscreen());
    c.key(Key::Q, 0.0);
    EXPECT_TRUE(c.quit_requested());
}

TEST_F(ControllerTest, QuestionMarkShowsTheKeys) {
    PlayerController c(tl, play_settings(0, true), 0.0);
    EXPECT_TRUE(c.overlay(0.0).help.empty());
    c.key(Key::Help, 0.0);
    OverlayView v = c.overlay(0.0);
    ASSERT_EQ(v.help.size(), c.help_lines().size());
    EXPECT_EQ(v.help.front().keys, "Space  K");
    c.key(Key::Help, 0.0);
    EXPECT_FALSE(c.help_visible());
}

// ---- Mouse ------------------------------------------------------------------------------

TEST_F(ControllerTest, HoverShowsTheTimeUnderThePointer) {
    PlayerController c(tl, play_settings(5, true), 0.0);
    c.mouse_move(x_of(c, 20.0), bar_y(c), 1.0);
    ASSERT_TRUE(c.hover());
    EXPECT_NEAR(*c.hover(), 20.0, 1e-9);
    EXPECT_NEAR(*c.overlay(1.0).hover, 20.0, 1e-9);
    EXPECT_DOUBLE_EQ(c.time(1.0), 5.0); // hovering does not seek
    c.mouse_move(640, 300, 1.5);
    EXPECT_FALSE(c.hover());
    c.mouse_move(x_of(c, 20.0), bar_y(c), 2.0);
    c.mouse_leave(2.5);
    EXPECT_FALSE(c.hover());
}

TEST_F(ControllerTest, ClickOnTheBarSeeks) {
    PlayerController c(tl, play_settings(5, true), 0.0);
    c.mouse_down(x_of(c, 30.0), bar_y(c), 1.0);
    c.mouse_up(x_of(c, 30.0), bar_y(c), 1.1);
    EXPECT_NEAR(c.time(1.1), 30.0, 1e-9);
    EXPECT_FALSE(c.scrubbing());
    EXPECT_FALSE(c.playing());
}

TEST_F(ControllerTest, DraggingScrubsLiveThenResumes) {
    PlayerController c(tl, play_settings(5), 0.0);
    c.mouse_down(x_of(c, 10.0), bar_y(c), 1.0);
    EXPECT_TRUE(c.scrubbing());
    EXPECT_FALSE(c.playing());
    for (double t : {12.0, 17.5, 3.0, 33.25}) {
        // Anywhere vertically: once grabbed, the playhead follows the x of the pointer.
        c.mouse_move(x_of(c, t), 200, 2.0);
        EXPECT_NEAR(c.time(2.0), t, 1e-9);
        EXPECT_NEAR(c.time(3.0), t, 1e-9); // the clock is held while scrubbing
    }
    c.mouse_move(-50, 200, 2.0); // past the start: clamped
    EXPECT_DOUBLE_EQ(c.time(2.0), 0.0);
    c.mouse_up(x_of(c, 20.0), bar_y(c), 4.0);
    EXPECT_FALSE(c.scrubbing());
    EXPECT_TRUE(c.playing()); // it was playing before the drag
    EXPECT_NEAR(c.time(5.0), 21.0, 1e-9);
}

TEST_F(ControllerTest, ClickOnThePictureTogglesPlay) {
    PlayerController c(tl, play_settings(0), 0.0);
    c.mouse_down(640, 300, 2.0);
    c.mouse_up(640, 300, 2.1);
    EXPECT_FALSE(c.playing());
    c.mouse_down(640, 300, 3.0);
    EXPECT_TRUE(c.playing());
}

TEST_F(ControllerTest, BarHidesTwoSecondsAfterTheMouseStopsDuringPlayback) {
    PlayerController c(tl, play_settings(0), 0.0);
    EXPECT_FALSE(c.overlay_visible(0.5));
    c.mouse_move(640, 300, 1.0);
    EXPECT_TRUE(c.overlay_visible(1.0));
    EXPECT_TRUE(c.overlay_visible(2.9));
    EXPECT_FALSE(c.overlay_visible(3.1));
    EXPECT_FALSE(c.overlay(3.1).bar);
    c.key(Key::Space, 4.0); // paused: shown, however long
    EXPECT_TRUE(c.overlay_visible(100.0));
    c.key(Key::Space, 100.0);
    EXPECT_FALSE(c.overlay_visible(103.0));
    c.mouse_move(x_of(c, 20.0), bar_y(c), 103.0); // resting on the bar keeps it
    EXPECT_TRUE(c.overlay_visible(110.0));
}

TEST_F(ControllerTest, KeyboardSeekShowsTheBarForAMoment) {
    PlayerController c(tl, play_settings(0), 0.0);
    c.key(Key::L, 5.0);
    EXPECT_TRUE(c.overlay_visible(6.0));
    EXPECT_FALSE(c.overlay_visible(7.5));
}

TEST_F(ControllerTest, RevisionChangesWithStateNotWithTheClock) {
    PlayerController c(tl, play_settings(0), 0.0);
    auto r0 = c.revision();
    c.update(5.0);
    EXPECT_EQ(c.revision(), r0);
    c.key(Key::L, 5.0);
    EXPECT_NE(c.revision(), r0);
    auto r1 = c.revision();
    c.update(100.0); // reaches the end: stops
    EXPECT_NE(c.revision(), r1);
}

TEST_F(ControllerTest, LetterboxesAndScalesTheLayout) {
    PlayerController c(tl, play_settings(0, true), 0.0);
    c.resize(1000, 1000, 1.0);
    const OverlayLayout& l = c.layout();
    EXPECT_DOUBLE_EQ(l.picture.w, 1000);
    EXPECT_DOUBLE_EQ(l.picture.h, 563); // round(1000 * 9 / 16)
    EXPECT_DOUBLE_EQ(l.picture.x, 0);
    EXPECT_DOUBLE_EQ(l.picture.y, 218);
    c.resize(2560, 1440, 2.0); // HiDPI: the same bar, twice the pixels
    EXPECT_DOUBLE_EQ(c.layout().track.h, 8.0);
    EXPECT_DOUBLE_EQ(c.layout().track.x, 32.0);
}

TEST_F(ControllerTest, TitleNamesSceneSectionAndTime) {
    PlayerController c(tl, play_settings(16.5, true), 0.0);
    EXPECT_EQ(c.title(0.0), "demo \u2014 b \u2014 0:16.5 / 0:40.0");
    c.key(Key::Faster, 0.0);
    EXPECT_EQ(c.title(0.0), "demo \u2014 b \u2014 0:16.5 / 0:40.0 (1.25\u00d7)");
}

// Presenter mode: tests/player/presenter_test.cpp.

} // namespace
} // namespace reel
