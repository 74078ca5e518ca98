// The player's sound clock without a device: where the sound restarts (the exact sample of the
// shown time) after every seek, pause, resume, speed change, section jump and mute, and the
// sample being heard from the device's queue and latency.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

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

// Frames [from, from + count) of a 437 Hz tone at 0.5, stereo: it steps at most 0.029 between
// neighbouring samples.
std::vector<float> tone(std::int64_t from, std::int64_t count) {
    std::vector<float> v(static_cast<std::size_t>(2 * count));
    for (std::int64_t i = 0; i < count; ++i)
        v[static_cast<std::size_t>(2 * i)] = v[static_cast<std::size_t>(2 * i + 1)] =
            static_cast<float>(0.5 * std::sin(2 * std::numbers::pi * 437 * static_cast<double>(from + i) / 48000));
    return v;
}

// What the device took, buffer after buffer.
struct Device {
    SoundRing& ring;
    std::vector<float> played;
    std::int64_t take(std::int64_t frames) {
        std::vector<float> buffer(static_cast<std::size_t>(2 * frames), 1.0f);
        const std::int64_t n = ring.take(buffer.data(), frames);
        played.insert(played.end(), buffer.begin(), buffer.end());
        return n;
    }
    float largest_step() const {
        float step = 0;
        for (std::size_t i = 2; i < played.size(); ++i) step = std::max(step, std::abs(played[i] - played[i - 2]));
        return step;
    }
};

// A feeder that keeps ahead: the device gets the frames as they were written, untouched.
TEST(SoundRing, FramesComeOutAsWrittenWhileTheFeederKeepsAhead) {
    SoundRing ring(8192);
    Device device{ring, {}};
    std::int64_t written = 0;
    for (int k = 0; k < 40; ++k) {
        while (ring.fill() < 4800) {
            const std::vector<float> chunk = tone(written, 1024);
            ring.append(chunk.data(), 1024);
            written += 1024;
        }
        EXPECT_EQ(device.take(480), 480);
    }
    EXPECT_EQ(device.played, tone(0, 40 * 480));
}

// The feeder falls behind (its thread starved on a busy machine: PresentingPlaysEachSlidesSound
// steps 0.12 at load ~10): the sound fades out over what is left instead of stopping mid-wave,
// and fades in where it resumes. Without the fades the step is the tone's value where the ring
// ran dry (here 0.46).
TEST(SoundRing, AFeederThatFallsBehindFadesOutAndInWithoutAStep) {
    SoundRing ring(8192);
    Device device{ring, {}};
    std::vector<float> chunk = tone(0, 1024);
    ring.append(chunk.data(), 1024);
    EXPECT_EQ(device.take(480), 480);
    EXPECT_EQ(device.take(480), 480);
    EXPECT_EQ(device.take(480), 64); // dry: silence after the fade
    EXPECT_EQ(device.take(480), 0);
    chunk = tone(1024, 1024); // the sound goes on where it was
    ring.append(chunk.data(), 1024);
    EXPECT_EQ(device.take(480), 480);
    EXPECT_EQ(device.take(480), 480);
    EXPECT_EQ(device.take(480), 64);
    std::printf("largest step %.4f\n", device.largest_step());
    EXPECT_LE(device.largest_step(), 0.05f);
    // Only the ends fade: the first buffer is the tone as written.
    const std::vector<float> first(device.played.begin(), device.played.begin() + 2 * 480);
    EXPECT_EQ(first, tone(0, 480));
}

// A scrubbing grain ends in silence by itself: the ring may run dry after it untouched, and the
// next grain is not faded again.
TEST(SoundRing, GrainsThatEndSilentAreNotFadedAgain) {
    SoundRing ring(8192);
    Device device{ring, {}};
    std::vector<float> grain = tone(0, kGrainFrames);
    for (std::int64_t i = 0; i < kFadeFrames; ++i)
        for (std::int64_t k : {2 * i, 2 * i + 1, 2 * (kGrainFrames - 1 - i), 2 * (kGrainFrames - 1 - i) + 1})
            grain[static_cast<std::size_t>(k)] *= static_cast<float>(i + 1) / static_cast<float>(kFadeFrames + 1);
    for (int g = 0; g < 2; ++g) {
        ring.append(grain.data(), kGrainFrames, true);
        device.take(kGrainFrames);
        device.take(480); // dry
    }
    std::vector<float> expected = grain;
    expected.resize(expected.size() + 2 * 480, 0.0f);
    expected.insert(expected.end(), grain.begin(), grain.end());
    expected.resize(expected.size() + 2 * 480, 0.0f);
    EXPECT_EQ(device.played, expected);
}

} // namespace
} // namespace reel
