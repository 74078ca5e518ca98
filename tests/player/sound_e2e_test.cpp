// The player's sound end to end: SDL's disk audio driver records what the player plays
// (SDL_AUDIODRIVER=disk, SDL_DISKAUDIOFILE), the window runs headless (SDL_VIDEODRIVER=dummy).
// A scene flashes white with a click at the same moments; each click must be in the file where
// the flash's picture was presented (within 20 ms; when the driver played what is timed by
// disk_clock.h), also after a start mid-scene, a seek, a pause and a speed change; muted, the
// file is silent.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "audio.h"
#include "disk_clock.h"
#include "sound/sound_files.h"
#include "waveform.h"
#include "window.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

// Nominal flash times: a wait lasts whole frames (Manim's int(d * fps)), so the scene may put a
// flash a frame earlier (2.5 s fell on 2.4833 s); flash_scene says where they are.
constexpr double kFlashes[] = {0.5, 1.5, 2.5};
// Six 60 fps frames: a loaded machine may present a picture only every few tens of ms, and a
// flash the player never presents cannot be timed (two frames were missed at load 13).
constexpr double kFlashLength = 6.0 / 60.0;

fs::path out_dir() {
    const fs::path dir = fs::path(REEL_TEST_OUTPUT_DIR) / "player_sound";
    fs::create_directories(dir);
    return dir;
}

// A file of this test's own: ctest runs the tests as parallel processes, and one writing its
// 6 s tone.wav while another played its 4 s one failed the slide show's run lengths.
fs::path own_file(const std::string& name) {
    return out_dir() / (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" + name);
}

// 10 ms of a 2 kHz tone, 16-bit mono WAV.
fs::path click_file() {
    const fs::path path = own_file("click.wav");
    test::write_wav(path, 48000, 1, test::sine(48000, 1, 2000.0, 20000.0 / 32767.0, 0.01));
    return path;
}

// `seconds` of a `hz` tone at `peak`, 16-bit mono WAV.
fs::path tone_file(double hz, double seconds, double peak) {
    const fs::path path = own_file("tone.wav");
    test::write_wav(path, 48000, 1, test::sine(48000, 1, hz, peak, seconds));
    return path;
}

// The largest difference between two neighbouring samples: a tone of frequency f at peak a
// steps at most a * 2 pi f / 48000 (0.029 for 437 Hz at 0.5); a cut or a start mid-wave
// without a fade steps by up to the peak.
float largest_step(const std::vector<float>& x) {
    float step = 0;
    for (std::size_t i = 1; i < x.size(); ++i) step = std::max(step, std::abs(x[i] - x[i - 1]));
    return step;
}

// Runs of sound (|x| > 0.05) separated by at least `gap` samples of silence: [first, last].
std::vector<std::pair<std::size_t, std::size_t>> sounding(const std::vector<float>& x, std::size_t gap) {
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (std::abs(x[i]) <= 0.05f) continue;
        if (runs.empty() || i - runs.back().second > gap)
            runs.push_back({i, i});
        else
            runs.back().second = i;
    }
    return runs;
}

// A flash: from its first picture (and its click) to the first picture without it.
struct FlashSpan {
    double start = 0;
    double end = 0;
};

// A dot, then a full-screen white flash of kFlashLength with a click at each kFlashes time;
// `flashes` receives where the scene put them.
Timeline flash_scene(const fs::path& click, std::vector<FlashSpan>* flashes = nullptr) {
    Scene s;
    s.add(Dot({-7.5, -3.9}, {.color = GREY}));
    for (double f : kFlashes) {
        s.wait(f - s.time());
        auto flash = Rectangle({.width = 20, .height = 10, .color = WHITE, .fill_opacity = 1.0});
        s.add(flash);
        s.add_sound(click.string());
        const double start = s.time();
        s.wait(kFlashLength);
        if (flashes) flashes->push_back({start, s.time()});
        s.remove(flash);
    }
    s.wait(3.0 - s.time());
    return s.finish();
}

struct FlashSeen {
    double flash = 0; // the flash's timeline time (its click's start)
    double shown = 0; // the presented picture's time
    Seconds done = 0; // when it was presented
};

class PlayerSoundTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_EQ(setenv("SDL_VIDEODRIVER", "dummy", 1), 0);
        ASSERT_EQ(setenv("SDL_AUDIODRIVER", "disk", 1), 0);
        file = out_dir() / (std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + ".raw");
        fs::remove(file);
        ASSERT_EQ(setenv("SDL_DISKAUDIOFILE", file.c_str(), 1), 0);
    }
    void TearDown() override {
        unsetenv("SDL_AUDIODRIVER");
        unsetenv("SDL_DISKAUDIOFILE");
    }

    // Plays `tl` to its end; `during(window, time)` may press keys. Records the first picture
    // of every flash presented on time, and when the disk driver played what (clock). On time:
    // by the player's own clock the picture is at most kLate behind when it reaches the screen.
    // A picture the machine held up longer (a loaded machine stalled a first draw after a seek
    // for 90 ms) says nothing about where the sound is; the flash's next picture does (and
    // EachPictureShowsTheMomentItIsPresented checks that pictures are on time).
    template <class F>
    std::vector<FlashSeen> play(const Timeline& tl, const std::vector<FlashSpan>& flashes, PlayerSettings settings,
                                F during) {
        std::vector<FlashSeen> seen;
        clock = std::make_unique<test::DiskClock>(file, 480);
        PlayerWindow w(tl, settings);
        EXPECT_TRUE(w.sound().open()) << w.sound().note();
        w.on_present = [&](const Presented& p) {
            if (w.controller().playing() && w.controller().time(p.done) - p.shown > kLate) {
                ++late;
                return;
            }
            for (const FlashSpan& f : flashes)
                if (p.shown >= f.start - 1e-9 && p.shown < f.end - 1e-9 &&
                    (seen.empty() || seen.back().flash != f.start))
                    seen.push_back({f.start, p.shown, p.done});
        };
        const Seconds give_up = wall_now() + 15;
        while (wall_now() < give_up) {
            w.step(0.005);
            during(w, w.controller().time(wall_now()));
            if (!w.controller().playing() && w.controller().time(wall_now()) >= tl.duration() - 1e-9) break;
        }
        if (late > 0) std::printf("%d pictures reached the screen more than %.0f ms late\n", late, 1000 * kLate);
        return seen;
    }

    std::vector<float> recorded() const { return test::recorded_left(file); }

    // The first sample of each click in the file.
    std::vector<std::int64_t> onsets() const { return test::click_onsets(recorded()); }

    // How far the click in the file is from where the flash was presented, in seconds: where
    // the file was being played when the picture was presented, less how far into the flash
    // the picture was, against the click's onset.
    double offset(const FlashSeen& s, std::int64_t onset) const {
        const std::optional<double> playing = clock->playing(s.done);
        EXPECT_TRUE(playing.has_value()) << "no write of the disk driver timed around " << s.flash;
        const double expected = playing.value_or(0) - (s.shown - s.flash) * kSampleRate;
        return (expected - static_cast<double>(onset)) / kSampleRate;
    }

    // The onset nearest to where the flash's click should be (-1: none within 100 ms).
    std::int64_t onset_of(const FlashSeen& s, const std::vector<std::int64_t>& on) const {
        std::int64_t best = -1;
        for (std::int64_t o : on)
            if (std::abs(offset(s, o)) < 0.1 && (best < 0 || std::abs(offset(s, o)) < std::abs(offset(s, best))))
                best = o;
        return best;
    }

    static constexpr Seconds kLate = 0.010;
    std::unique_ptr<test::DiskClock> clock;
    fs::path file;
    int late = 0;
};

// Each click against its flash. (Measured by the file's size at the present and the nominal
// flash times, this looked like a drift of +17 ms over 2 s: the 2.5 s flash is at 2.4833 s.)
TEST_F(PlayerSoundTest, ClicksAreHeardWithTheirFlashes) {
    std::vector<FlashSpan> flashes;
    const Timeline tl = flash_scene(click_file(), &flashes);
    const auto seen = play(tl, flashes, PlayerSettings{}, [](PlayerWindow&, Seconds) {});
    const auto on = onsets();
    ASSERT_EQ(seen.size(), 3u);
    ASSERT_EQ(on.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        const double d = offset(seen[i], on[i]);
        std::printf("flash %.4f s: click %+.1f ms from its picture\n", seen[i].flash, 1000 * d);
        EXPECT_LE(std::abs(d), 0.020) << "flash " << seen[i].flash;
    }
}

TEST_F(PlayerSoundTest, InStepAfterSeekPauseAndSpeedChange) {
    std::vector<FlashSpan> flashes;
    const Timeline tl = flash_scene(click_file(), &flashes);
    PlayerSettings settings;
    settings.start = 0.9; // a start is a seek: the first click is not heard
    bool paused = false, resumed = false, faster = false, slower = false;
    Seconds paused_at = 0;
    const auto seen = play(tl, flashes, settings, [&](PlayerWindow& w, Seconds t) {
        PlayerController& c = w.controller();
        const Seconds now = wall_now();
        if (!paused && t >= 1.1) { c.key(Key::Space, now); paused = true; paused_at = now; }
        if (paused && !resumed && now >= paused_at + 0.3) { c.key(Key::Space, now); resumed = true; }
        if (resumed && !faster && t >= 1.7) { c.key(Key::Faster, now); faster = true; }
        if (faster && !slower && t >= 2.0) { c.key(Key::Slower, now); slower = true; }
    });
    ASSERT_TRUE(slower);
    const auto on = onsets();
    ASSERT_EQ(seen.size(), 2u);
    ASSERT_EQ(on.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        const double d = offset(seen[i], on[i]);
        std::printf("flash %.4f s: click %+.1f ms from its picture\n", seen[i].flash, 1000 * d);
        EXPECT_LE(std::abs(d), 0.020) << "flash " << seen[i].flash;
    }
}

// A seek 1 ms before a flash, and the window's next step 12 ms later (a busy moment): the
// sound starts at the seek's target, so the click is heard whole and with its flash. It
// started where the clock had run on to by the step, 11 ms into the 10 ms click: no click.
TEST_F(PlayerSoundTest, AClickJustAfterASeekTargetIsHeard) {
    std::vector<FlashSpan> flashes;
    const Timeline tl = flash_scene(click_file(), &flashes);
    ASSERT_EQ(flashes.size(), 3u);
    bool sought = false;
    const auto seen = play(tl, flashes, PlayerSettings{}, [&](PlayerWindow& w, Seconds t) {
        if (sought || t < 0.8) return;
        PlayerController& c = w.controller();
        const OverlayLayout& lay = c.layout();
        const double x = lay.x_of(flashes[1].start - 0.001, tl.duration()), y = lay.track.y + lay.track.h / 2;
        c.mouse_down(x, y, wall_now());
        c.mouse_up(x, y, wall_now());
        ASSERT_LT(c.time(wall_now()), flashes[1].start);
        std::this_thread::sleep_for(std::chrono::milliseconds(12));
        sought = true;
    });
    ASSERT_TRUE(sought);
    const auto on = onsets();
    ASSERT_EQ(seen.size(), 3u);
    for (const FlashSeen& s : seen) {
        const std::int64_t onset = onset_of(s, on);
        ASSERT_GE(onset, 0) << "no click heard with the flash at " << s.flash;
        const double d = offset(s, onset);
        std::printf("flash %.4f s: click %+.1f ms from its picture\n", s.flash, 1000 * d);
        EXPECT_LE(std::abs(d), 0.020) << "flash " << s.flash;
    }
}

// While playing, each picture shows the moment it is presented, not the start of the display
// refresh it was drawn in: a step that wakes 10 ms into a refresh showed a picture 10 ms behind
// the clock (and the sound) before.
TEST_F(PlayerSoundTest, EachPictureShowsTheMomentItIsPresented) {
    Scene s;
    s.add(Dot());
    s.wait(3);
    const Timeline tl = s.finish();
    PlayerWindow w(tl, PlayerSettings{});
    std::vector<double> behind;
    w.on_present = [&](const Presented& p) {
        if (w.controller().playing()) behind.push_back(w.controller().time(p.done) - p.shown);
    };
    w.step(0);
    ASSERT_TRUE(w.controller().playing());
    for (int i = 0; i < 60; ++i) { // each step 10 ms into a refresh
        const Seconds refresh = w.tick0() + std::ceil((wall_now() - w.tick0()) / w.period()) * w.period();
        std::this_thread::sleep_for(std::chrono::duration<double>(refresh + 0.010 - wall_now()));
        w.step(0);
    }
    ASSERT_GE(behind.size(), 30u);
    std::sort(behind.begin(), behind.end(), [](double a, double b) { return std::abs(a) < std::abs(b); });
    const double median = behind[behind.size() / 2];
    std::printf("%zu pictures: the median is %.2f ms behind its present\n", behind.size(), 1000 * median);
    EXPECT_LT(std::abs(median), 0.004);
}

// --audio none: no device, no worker, no waveform (what the player's CPU is compared against).
TEST_F(PlayerSoundTest, WithoutSoundThereIsNoDeviceAndNoWaveform) {
    const Timeline tl = flash_scene(click_file());
    PlayerSettings settings;
    settings.paused = true;
    {
        PlayerWindow with(tl, settings);
        EXPECT_TRUE(with.sound().open());
        EXPECT_GT(with.waveform().size(), 0u);
    }
    settings.sound = false;
    PlayerWindow without(tl, settings);
    EXPECT_FALSE(without.sound().open());
    EXPECT_EQ(without.waveform().size(), 0u);
    EXPECT_EQ(without.sound().cpu_seconds(), 0.0);
}

TEST_F(PlayerSoundTest, MutedTheFileIsSilent) {
    std::vector<FlashSpan> flashes;
    const Timeline tl = flash_scene(click_file(), &flashes);
    bool muted = false;
    const auto seen = play(tl, flashes, PlayerSettings{}, [&](PlayerWindow& w, Seconds) {
        if (!muted) { w.controller().key(Key::M, wall_now()); muted = true; }
    });
    EXPECT_EQ(seen.size(), 3u);
    const std::vector<float> left = recorded();
    EXPECT_GT(left.size(), 48000u * 2); // it did record, silence
    float peak = 0;
    for (float v : left) peak = std::max(peak, std::abs(v));
    EXPECT_EQ(peak, 0.0f);
}

// Presenting: each slide plays its part of a tone that runs under the whole scene; stopping at
// a hold, completing a running slide (a press during its animation) and starting the next one
// all cut the tone mid-wave (437 Hz against slides of 1.45 s), and none of them clicks: the cut
// fades over 5 ms, so no step between two samples exceeds 0.05 (the tone itself steps 0.029;
// cut dead, steps were up to 0.5).
TEST_F(PlayerSoundTest, PresentingPlaysEachSlidesSoundAndStepsWithoutAClick) {
    // 4 s: 1748 whole periods, so that the tone itself ends without a step, inside the last slide.
    const fs::path tone = tone_file(437, 4.0, 0.5);
    Scene s;
    s.add(Dot());
    s.add_sound(tone.string());
    for (int i = 0; i < 3; ++i) {
        s.wait(1.45);
        s.next_slide();
    }
    const Timeline tl = s.finish();
    PlayerSettings settings;
    settings.mode = PlayerMode::Present;
    PlayerWindow w(tl, settings);
    ASSERT_TRUE(w.sound().open()) << w.sound().note();
    PlayerController& c = w.controller();
    int presses = 0;
    Seconds held_since = -1;
    const Seconds give_up = wall_now() + 15;
    while (wall_now() < give_up && !(presses == 3 && c.at_hold(wall_now()) && wall_now() > held_since + 0.3)) {
        w.step(0.005);
        const Seconds now = wall_now(), t = c.time(now);
        if (c.at_hold(now) && held_since < 0) held_since = now;
        if (!c.at_hold(now)) held_since = -1;
        // Slide 1 stands at its hold for 0.3 s, then on; slide 2 is completed half-way through.
        if (presses == 0 && held_since >= 0 && now > held_since + 0.3) { c.key(Key::Right, now); ++presses; }
        else if (presses == 1 && c.slide() == 1 && t > 2.2) { c.key(Key::Right, now); ++presses; }
        else if (presses == 2 && held_since >= 0 && now > held_since + 0.3) { c.key(Key::Right, now); ++presses; }
    }
    ASSERT_EQ(presses, 3);
    w.step(0.2); // the last fade reaches the file
    const std::vector<float> left = recorded();
    // Three runs of tone with silence between: slide 1 whole (1.45 s), slide 2 cut short
    // (~0.75 s), slide 3 until the tone ends (1.1 s).
    const auto runs = sounding(left, 2400);
    ASSERT_EQ(runs.size(), 3u);
    const auto length = [&](std::size_t i) { return static_cast<double>(runs[i].second - runs[i].first) / kSampleRate; };
    std::printf("runs of tone: %.3f s, %.3f s, %.3f s; largest step %.4f\n", length(0), length(1), length(2),
                largest_step(left));
    EXPECT_NEAR(length(0), 1.45, 0.03);
    EXPECT_GT(length(1), 0.5);
    EXPECT_LT(length(1), 1.2);
    EXPECT_NEAR(length(2), 1.1, 0.03);
    EXPECT_LE(largest_step(left), 0.05f);
}

// Dragging the playhead plays short grains from under the pointer, faded in and out (no step
// above the tone's own), and nothing once the pointer rests.
TEST_F(PlayerSoundTest, ScrubbingPlaysGrainsAtThePointer) {
    const fs::path tone = tone_file(437, 6.0, 0.5);
    Scene s;
    s.add(Dot());
    s.add_sound(tone.string());
    s.wait(6);
    const Timeline tl = s.finish();
    PlayerSettings settings;
    settings.paused = true;
    PlayerWindow w(tl, settings);
    ASSERT_TRUE(w.sound().open()) << w.sound().note();
    PlayerController& c = w.controller();
    const OverlayLayout& lay = c.layout();
    const double y = lay.track.y + lay.track.h / 2;
    auto run_for = [&](Seconds seconds) {
        const Seconds until = wall_now() + seconds;
        while (wall_now() < until) w.step(0.005);
    };
    run_for(0.2);
    c.mouse_down(lay.x_of(1.0, 6), y, wall_now());
    for (int i = 1; i <= 20; ++i) { // 0.4 s of dragging from 1 s to 3 s
        c.mouse_move(lay.x_of(1.0 + 0.1 * i, 6), y, wall_now());
        run_for(0.02);
    }
    const long dragged = w.sound().grains();
    run_for(0.5); // the pointer rests, the button still down
    const long rested = w.sound().grains();
    c.mouse_up(lay.x_of(3.0, 6), y, wall_now());
    run_for(0.2);
    const std::vector<float> left = recorded();
    std::printf("%ld grains while dragging, %ld more while resting; largest step %.4f\n", dragged,
                rested - dragged, largest_step(left));
    EXPECT_GE(dragged, 3); // a grain lasts 60 ms: about one per 60 ms of dragging
    EXPECT_LE(rested - dragged, 1); // at most the grain of the last position
    // The grains follow each other (each fades out as the next fades in): as much sound as grains.
    double heard = 0;
    for (const auto& [first, last] : sounding(left, 480)) heard += static_cast<double>(last - first) / kSampleRate;
    EXPECT_NEAR(heard, 0.06 * static_cast<double>(rested), 0.03);
    EXPECT_LE(largest_step(left), 0.05f);
    // The file ends in silence: nothing plays while the pointer rests or after the release
    // (paused).
    ASSERT_GT(left.size(), 48000u / 2);
    float tail = 0;
    for (std::size_t i = left.size() - 48000 / 4; i < left.size(); ++i) tail = std::max(tail, std::abs(left[i]));
    EXPECT_EQ(tail, 0.0f);
}

// Paused, the sound worker sleeps until told otherwise (it polled every 2 ms before: ~150
// wakeups in 0.3 s); playing, it polls to keep the clock.
TEST_F(PlayerSoundTest, TheSoundWorkerSleepsWhileQuiet) {
    const Timeline tl = flash_scene(click_file());
    SoundOutput out(tl);
    ASSERT_TRUE(out.open()) << out.note();
    out.restart(0, false);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const long before = out.wakeups();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_LE(out.wakeups() - before, 2);
    out.restart(0, true);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_GT(out.wakeups() - before, 20);
    out.restart(0, false);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const long quiet = out.wakeups();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_LE(out.wakeups() - quiet, 2);
}

} // namespace
} // namespace reel
