// The player's sound clock without a device: where the sound restarts (the exact sample of the
// shown time) after every seek, pause, resume, speed change, section jump and mute, and the
// sample being heard from the device's queue and latency.
#include <gtest/gtest.h>

#include <cmath>

#include "player/audio.h"
#include "player/player.h"

namespace reel {
namespace {

// Sections a [0, 10), b [10, 30).
Timeline two_sections() {
    Scene s;
    s.section("a");
    s.wait(10);
    s.section("b");
    s.wait(20);
    return s.finish();
}

PlayerSettings settings(bool paused = false) {
    PlayerSettings p;
    p.scene_name = "demo";
    p.paused = paused;
    return p;
}

std::int64_t sample_of(Seconds t) { return std::llround(t * kSampleRate); }

class SoundClockTest : public ::testing::Test {
protected:
    Timeline tl = two_sections();
};

TEST_F(SoundClockTest, PlayingAtOneIsAudibleFromTheShownSample) {
    PlayerController c(tl, settings(), 100.0);
    const SoundCue cue = c.sound_cue(101.25);
    EXPECT_TRUE(cue.audible);
    EXPECT_EQ(cue.sample, sample_of(1.25));
    EXPECT_EQ(cue.sample, sample_of(c.time(101.25)));
}

TEST_F(SoundClockTest, EverySeekRestartsAtTheExactSample) {
    PlayerController c(tl, settings(), 0.0);
    std::uint64_t epoch = c.sound_cue(0).epoch;
    // Keyboard seeks, a digit, a frame step (pauses) and section jumps.
    const Key keys[] = {Key::Home, Key::N, Key::L, Key::Right, Key::J, Key::Digit5, Key::P, Key::End};
    Seconds now = 1.0;
    for (Key k : keys) {
        if (!c.playing()) c.key(Key::Space, now); // play again (from 0 at the end)
        now += 0.37;
        const std::uint64_t before = c.sound_cue(now).epoch;
        c.key(k, now);
        const SoundCue cue = c.sound_cue(now);
        EXPECT_NE(cue.epoch, before) << "key " << static_cast<int>(k);
        EXPECT_EQ(cue.sample, sample_of(c.time(now))) << "key " << static_cast<int>(k);
        epoch = cue.epoch;
    }
    (void)epoch;
    c.key(Key::Space, now);
    c.key(Key::Home, now);
    c.key(Key::Period, now + 0.1); // one frame forward: paused, at 1/60 s
    EXPECT_FALSE(c.sound_cue(now + 0.1).audible);
    EXPECT_EQ(c.sound_cue(now + 0.1).sample, sample_of(1.0 / 60.0));
}

TEST_F(SoundClockTest, PauseResumeAndSpeed) {
    PlayerController c(tl, settings(), 0.0);
    c.key(Key::Space, 2.5); // pause at 2.5 s
    SoundCue paused = c.sound_cue(7.0);
    EXPECT_FALSE(paused.audible);
    EXPECT_EQ(paused.sample, sample_of(2.5));
    c.key(Key::Space, 9.0); // resume: from 2.5 s exactly, a new epoch
    SoundCue resumed = c.sound_cue(9.0);
    EXPECT_TRUE(resumed.audible);
    EXPECT_NE(resumed.epoch, paused.epoch);
    EXPECT_EQ(resumed.sample, sample_of(2.5));
    // Faster: silent (no pitch-kept time stretch), restarted; back at 1x: audible again.
    c.key(Key::Faster, 10.0); // 3.5 s
    SoundCue fast = c.sound_cue(10.0);
    EXPECT_EQ(c.speed(), 1.25);
    EXPECT_FALSE(fast.audible);
    EXPECT_NE(fast.epoch, resumed.epoch);
    c.key(Key::Slower, 12.0); // 3.5 + 2 * 1.25 = 6 s
    SoundCue back = c.sound_cue(12.0);
    EXPECT_TRUE(back.audible);
    EXPECT_NE(back.epoch, fast.epoch);
    EXPECT_EQ(back.sample, sample_of(6.0));
}

TEST_F(SoundClockTest, MuteTogglesAndComesBackAtTheShownSample) {
    PlayerController c(tl, settings(), 0.0);
    c.key(Key::M, 1.0);
    EXPECT_TRUE(c.muted());
    EXPECT_FALSE(c.sound_cue(1.5).audible);
    const std::uint64_t muted = c.sound_cue(1.5).epoch;
    c.key(Key::M, 3.0);
    EXPECT_FALSE(c.muted());
    const SoundCue cue = c.sound_cue(3.0);
    EXPECT_TRUE(cue.audible);
    EXPECT_NE(cue.epoch, muted);
    EXPECT_EQ(cue.sample, sample_of(3.0));
    bool listed = false;
    for (const HelpLine& h : c.help_lines()) listed = listed || h.keys == "M";
    EXPECT_TRUE(listed);
}

TEST_F(SoundClockTest, ThePictureFollowsTheSoundWithoutARestart) {
    PlayerController c(tl, settings(), 0.0);
    const std::uint64_t epoch = c.sound_cue(0).epoch;
    // The device is 30 ms behind the wall clock: the picture shows what is heard.
    c.follow_sound(4.97, 5.0);
    EXPECT_DOUBLE_EQ(c.time(5.0), 4.97);
    EXPECT_DOUBLE_EQ(c.time(6.0), 5.97);
    EXPECT_EQ(c.sound_cue(6.0).epoch, epoch);
    // Paused: the sound does not move the picture.
    c.key(Key::Space, 6.0);
    c.follow_sound(1.0, 7.0);
    EXPECT_DOUBLE_EQ(c.time(7.0), 5.97);
}

TEST(HeardSample, QueueAndLatencyBeforeTheNextSample) {
    // 9600 frames queued from 48000; 2048 waiting in SDL's queue, 1024 in the device's buffer.
    EXPECT_EQ(heard_sample(48000, 57600, 2048, 1024, 0.0), 57600 - 2048 - 1024);
    // 10 ms after the pull the device has played 480 more.
    EXPECT_EQ(heard_sample(48000, 57600, 2048, 1024, 0.010), 57600 - 2048 - 1024 + 480);
    // It cannot play more than it was given (a stalled feeder): at most up to `next`.
    EXPECT_EQ(heard_sample(48000, 57600, 2048, 1024, 5.0), 57600);
    // Before the restart point is heard (the old buffer still plays): no position.
    EXPECT_FALSE(heard_sample(48000, 49000, 0, 1024, 0.0).has_value());
    EXPECT_EQ(heard_sample(48000, 49000, 0, 1024, 0.001), 48024);
}

} // namespace
} // namespace reel
