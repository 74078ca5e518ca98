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

TEST_F(SoundClockTest, PlayingAtOneIsAudibleFromTheStart) {
    PlayerSettings p = settings();
    p.start = 1.25;
    PlayerController c(tl, p, 100.0);
    const SoundCue cue = c.sound_cue();
    EXPECT_TRUE(cue.audible);
    EXPECT_EQ(cue.sample, sample_of(1.25));
}

// The window restarts the sound on its next step, a few milliseconds after the key: the sound
// starts at the seek's target all the same, so a click just after the target is heard whole
// (it started where the clock had run on to, and a flash 3 ms after a seek target lost its
// click's onset). The picture waits there for the sound.
TEST_F(SoundClockTest, ASeekRestartsTheSoundAtItsTargetNotWhereTheClockRanOn) {
    PlayerController c(tl, settings(), 0.0);
    c.key(Key::Right, 2.0); // 2 s + 5 s
    const std::uint64_t epoch = c.sound_cue().epoch;
    EXPECT_EQ(c.sound_cue().sample, sample_of(7.0));
    EXPECT_NEAR(c.time(2.004), 7.004, 1e-9); // the clock runs on until the sound is heard
    EXPECT_EQ(c.sound_cue().sample, sample_of(7.0));
    c.follow_sound(7.0, 2.004); // the device has not played the target yet: the picture waits
    EXPECT_DOUBLE_EQ(c.time(2.004), 7.0);
    EXPECT_EQ(c.sound_cue().epoch, epoch);
    c.key(Key::Space, 3.004); // paused at 8 s: the sound comes back there after the resume
    c.key(Key::Space, 4.0);
    EXPECT_EQ(c.sound_cue().sample, sample_of(8.0));
}

TEST_F(SoundClockTest, EverySeekRestartsAtTheExactSample) {
    PlayerController c(tl, settings(), 0.0);
    std::uint64_t epoch = c.sound_cue().epoch;
    // Keyboard seeks, a digit, a frame step (pauses) and section jumps.
    const Key keys[] = {Key::Home, Key::N, Key::L, Key::Right, Key::J, Key::Digit5, Key::P, Key::End};
    Seconds now = 1.0;
    for (Key k : keys) {
        if (!c.playing()) c.key(Key::Space, now); // play again (from 0 at the end)
        now += 0.37;
        const std::uint64_t before = c.sound_cue().epoch;
        c.key(k, now);
        const SoundCue cue = c.sound_cue();
        EXPECT_NE(cue.epoch, before) << "key " << static_cast<int>(k);
        EXPECT_EQ(cue.sample, sample_of(c.time(now))) << "key " << static_cast<int>(k);
        epoch = cue.epoch;
    }
    (void)epoch;
    c.key(Key::Space, now);
    c.key(Key::Home, now);
    c.key(Key::Period, now + 0.1); // one frame forward: paused, at 1/60 s
    EXPECT_FALSE(c.sound_cue().audible);
    EXPECT_EQ(c.sound_cue().sample, sample_of(1.0 / 60.0));
}

TEST_F(SoundClockTest, PauseResumeAndSpeed) {
    PlayerController c(tl, settings(), 0.0);
    c.key(Key::Space, 2.5); // pause at 2.5 s
    SoundCue paused = c.sound_cue();
    EXPECT_FALSE(paused.audible);
    EXPECT_EQ(paused.sample, sample_of(2.5));
    c.key(Key::Space, 9.0); // resume: from 2.5 s exactly, a new epoch
    SoundCue resumed = c.sound_cue();
    EXPECT_TRUE(resumed.audible);
    EXPECT_NE(resumed.epoch, paused.epoch);
    EXPECT_EQ(resumed.sample, sample_of(2.5));
    // Faster: silent (no pitch-kept time stretch), restarted; back at 1x: audible again.
    c.key(Key::Faster, 10.0); // 3.5 s
    SoundCue fast = c.sound_cue();
    EXPECT_EQ(c.speed(), 1.25);
    EXPECT_FALSE(fast.audible);
    EXPECT_NE(fast.epoch, resumed.epoch);
    c.key(Key::Slower, 12.0); // 3.5 + 2 * 1.25 = 6 s
    SoundCue back = c.sound_cue();
    EXPECT_TRUE(back.audible);
    EXPECT_NE(back.epoch, fast.epoch);
    EXPECT_EQ(back.sample, sample_of(6.0));
}

TEST_F(SoundClockTest, MuteTogglesAndComesBackAtTheShownSample) {
    PlayerController c(tl, settings(), 0.0);
    c.key(Key::M, 1.0);
    EXPECT_TRUE(c.muted());
    EXPECT_FALSE(c.sound_cue().audible);
    const std::uint64_t muted = c.sound_cue().epoch;
    c.key(Key::M, 3.0);
    EXPECT_FALSE(c.muted());
    const SoundCue cue = c.sound_cue();
    EXPECT_TRUE(cue.audible);
    EXPECT_NE(cue.epoch, muted);
    EXPECT_EQ(cue.sample, sample_of(3.0));
    bool listed = false;
    for (const HelpLine& h : c.help_lines()) listed = listed || h.keys == "M";
    EXPECT_TRUE(listed);
}

TEST_F(SoundClockTest, ThePictureFollowsTheSoundWithoutARestart) {
    PlayerController c(tl, settings(), 0.0);
    const std::uint64_t epoch = c.sound_cue().epoch;
    // The device is 30 ms behind the wall clock: the picture shows what is heard.
    c.follow_sound(4.97, 5.0);
    EXPECT_DOUBLE_EQ(c.time(5.0), 4.97);
    EXPECT_DOUBLE_EQ(c.time(6.0), 5.97);
    EXPECT_EQ(c.sound_cue().epoch, epoch);
    // Paused: the sound does not move the picture.
    c.key(Key::Space, 6.0);
    c.follow_sound(1.0, 7.0);
    EXPECT_DOUBLE_EQ(c.time(7.0), 5.97);
}

// The device starts a buffer when its callback takes it and plays on at 48 kHz, no further than
// the frames it was given.
TEST(HeardSample, FromTheLastBufferTaken) {
    const Pull pull{48000, 480, 10.0};
    EXPECT_EQ(heard_sample(47000, 9.9, pull, 10.0), 48000);
    EXPECT_EQ(heard_sample(47000, 9.9, pull, 10.005), 48240);
    EXPECT_EQ(heard_sample(47000, 9.9, pull, 10.5), 48480); // the next buffer is late: it stands
    // The feeder fell behind: 100 frames of sound, then silence; the sound stands still there.
    EXPECT_EQ(heard_sample(47000, 9.9, Pull{48000, 100, 10.0}, 10.008), 48100);
}

// After a restart at 50000 the device still plays what it took before, then the 5 ms fade of it
// (counted as the frames just before the restart point): the picture waits at the restart point
// meanwhile (the old clock had no time to give here, and the picture ran ahead on the wall
// clock by up to 15 ms), and runs with the sound once it is heard. A device that takes nothing
// for kSoundWait is taken for stalled: the picture runs on its own.
TEST(HeardSample, ThePictureWaitsForARestartedSound) {
    EXPECT_EQ(heard_sample(50000, 9.99, std::nullopt, 10.0), 50000);
    const Pull fade{50000 - kFadeFrames, 480, 10.0};
    EXPECT_EQ(heard_sample(50000, 9.99, fade, 10.002), 50000);
    EXPECT_EQ(heard_sample(50000, 9.99, fade, 10.006), 50000 - kFadeFrames + 288);
    EXPECT_EQ(heard_sample(50000, 9.99, std::nullopt, 9.99 + kSoundWait - 0.001), 50000);
    EXPECT_FALSE(heard_sample(50000, 9.99, std::nullopt, 9.99 + kSoundWait + 0.001).has_value());
}

} // namespace
} // namespace reel
