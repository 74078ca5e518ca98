// The player's sound end to end: SDL's disk audio driver records what the player plays
// (SDL_AUDIODRIVER=disk, SDL_DISKAUDIOFILE), the window runs headless (SDL_VIDEODRIVER=dummy).
// A scene flashes white with a click at the same moments; each click must be in the file where
// the flash's picture was presented (within 20 ms), also after a start mid-scene, a pause and a
// speed change; muted, the file is silent.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "audio.h"
#include "window.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

constexpr double kFlashes[] = {0.5, 1.5, 2.5};
// Six 60 fps frames: a loaded machine may present a picture only every few tens of ms, and a
// flash the player never presents cannot be timed (two frames were missed at load 13).
constexpr double kFlashLength = 6.0 / 60.0;

fs::path out_dir() {
    const fs::path dir = fs::path(REEL_TEST_OUTPUT_DIR) / "player_sound";
    fs::create_directories(dir);
    return dir;
}

// 10 ms of a 2 kHz tone, 16-bit mono WAV.
fs::path click_file() {
    const fs::path path = out_dir() / "click.wav";
    std::ofstream out(path, std::ios::binary);
    const std::uint32_t frames = 480;
    auto u32 = [&](std::uint32_t v) { out.write(reinterpret_cast<const char*>(&v), 4); };
    auto u16 = [&](std::uint16_t v) { out.write(reinterpret_cast<const char*>(&v), 2); };
    out.write("RIFF", 4);
    u32(36 + 2 * frames);
    out.write("WAVEfmt ", 8);
    u32(16); u16(1); u16(1); u32(48000); u32(96000); u16(2); u16(16);
    out.write("data", 4);
    u32(2 * frames);
    for (std::uint32_t i = 0; i < frames; ++i) {
        const auto v = static_cast<std::int16_t>(std::lround(20000 * std::sin(2 * M_PI * 2000.0 * i / 48000.0)));
        out.write(reinterpret_cast<const char*>(&v), 2);
    }
    return path;
}

// A dot, then a full-screen white flash of kFlashLength with a click at each kFlashes time.
Timeline flash_scene(const fs::path& click) {
    Scene s;
    s.add(Dot({-7.5, -3.9}, {.color = GREY}));
    for (double f : kFlashes) {
        s.wait(f - s.time());
        auto flash = Rectangle({.width = 20, .height = 10, .color = WHITE, .fill_opacity = 1.0});
        s.add(flash);
        s.add_sound(click.string());
        s.wait(kFlashLength);
        s.remove(flash);
    }
    s.wait(3.0 - s.time());
    return s.finish();
}

std::int64_t file_frames(const fs::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return 0;
    return static_cast<std::int64_t>(st.st_size) / 8;
}

struct FlashSeen {
    double flash = 0;         // the flash's timeline time
    double shown = 0;         // the presented picture's time
    std::int64_t written = 0; // frames in the disk file when it was presented
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

    // Plays `tl` to its end; `during(window, time)` may press keys. Records the first
    // presented picture of every flash.
    template <class F>
    std::vector<FlashSeen> play(const Timeline& tl, PlayerSettings settings, F during) {
        std::vector<FlashSeen> seen;
        PlayerWindow w(tl, settings);
        EXPECT_TRUE(w.sound().open()) << w.sound().note();
        w.on_present = [&](const Presented& p) {
            for (double f : kFlashes)
                if (p.shown >= f - 1e-9 && p.shown < f + kFlashLength - 1e-9 &&
                    (seen.empty() || seen.back().flash != f))
                    seen.push_back({f, p.shown, file_frames(file)});
        };
        const Seconds give_up = wall_now() + 15;
        while (wall_now() < give_up) {
            w.step(0.005);
            during(w, w.controller().time(wall_now()));
            if (!w.controller().playing() && w.controller().time(wall_now()) >= tl.duration() - 1e-9) break;
        }
        return seen;
    }

    std::vector<float> recorded() const {
        std::ifstream in(file, std::ios::binary);
        std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
        std::vector<float> left(bytes.size() / 8);
        for (std::size_t i = 0; i < left.size(); ++i) std::memcpy(&left[i], bytes.data() + 8 * i, 4);
        return left;
    }

    // The first sample of each click in the file (a click is 10 ms; clicks are >= 0.5 s apart).
    std::vector<std::int64_t> onsets() const {
        std::vector<std::int64_t> out;
        const std::vector<float> left = recorded();
        std::int64_t last = -1'000'000;
        for (std::size_t i = 0; i < left.size(); ++i)
            if (std::abs(left[i]) > 0.05f) {
                const auto at = static_cast<std::int64_t>(i);
                if (at - last > 4800) out.push_back(at);
                last = at;
            }
        return out;
    }

    // How far the click in the file is from where the flash was presented, in seconds: at the
    // present the device was playing the middle of the last 10 ms buffer written (the disk
    // driver writes a buffer, then waits its length), which holds the shown picture's time.
    static double offset(const FlashSeen& s, std::int64_t onset) {
        const double heard_at_present = static_cast<double>(s.written - 240) / kSampleRate;
        const double click_at_present = static_cast<double>(onset) / kSampleRate + (s.shown - s.flash);
        return heard_at_present - click_at_present;
    }

    fs::path file;
};

TEST_F(PlayerSoundTest, ClicksAreHeardWithTheirFlashes) {
    const Timeline tl = flash_scene(click_file());
    PlayerSettings settings;
    const auto seen = play(tl, settings, [](PlayerWindow&, Seconds) {});
    const auto on = onsets();
    ASSERT_EQ(seen.size(), 3u);
    ASSERT_EQ(on.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        const double d = offset(seen[i], on[i]);
        std::printf("flash %.2f s: click %+.1f ms from its picture\n", seen[i].flash, 1000 * d);
        EXPECT_LE(std::abs(d), 0.020) << "flash " << seen[i].flash;
    }
}

TEST_F(PlayerSoundTest, InStepAfterSeekPauseAndSpeedChange) {
    const Timeline tl = flash_scene(click_file());
    PlayerSettings settings;
    settings.start = 0.9; // a start is a seek: the first click is not heard
    bool paused = false, resumed = false, faster = false, slower = false;
    Seconds paused_at = 0;
    const auto seen = play(tl, settings, [&](PlayerWindow& w, Seconds t) {
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
        std::printf("flash %.2f s: click %+.1f ms from its picture\n", seen[i].flash, 1000 * d);
        EXPECT_LE(std::abs(d), 0.020) << "flash " << seen[i].flash;
    }
}

TEST_F(PlayerSoundTest, MutedTheFileIsSilent) {
    const Timeline tl = flash_scene(click_file());
    bool muted = false;
    const auto seen = play(tl, PlayerSettings{}, [&](PlayerWindow& w, Seconds) {
        if (!muted) { w.controller().key(Key::M, wall_now()); muted = true; }
    });
    EXPECT_EQ(seen.size(), 3u);
    const std::vector<float> left = recorded();
    EXPECT_GT(left.size(), 48000u * 2); // it did record, silence
    float peak = 0;
    for (float v : left) peak = std::max(peak, std::abs(v));
    EXPECT_EQ(peak, 0.0f);
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
