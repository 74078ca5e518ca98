// The player's sound against its pictures after many random seeks, pauses and speed changes
// (issue 19, "done when" 2): build/bench_player_sync [--actions 50] [--seed 19].
//
// A 30 s scene flashes white for six frames every 0.4 s with a click (10 ms of 2 kHz) starting at
// each flash. The player runs headless (SDL's dummy video driver) with SDL's disk audio driver,
// which records what the player plays in real time. Between 1x playing stretches of 0.3-0.8 s it
// does `--actions` random things: a seek (a click on the seek bar at a random time), a pause of
// 0.1-0.5 s, or a speed change (faster for 0.3 s, silent there, then back to 1x). For the first
// presented picture of every flash shown while playing at 1x, the click's onset in the recorded
// file is compared with where the file was when the picture was presented, as
// tests/player/sound_e2e_test.cpp does: the disk driver writes a 10 ms buffer, then waits its
// length, so at a present the device plays the middle of the last buffer written.
// Goal: every |delta| <= 20 ms. REEL_SYNC_VERBOSE=1 prints every flash: how long after an
// action it was presented and how long its picture took to draw (a picture drawn late is
// presented late: the sound keeps time, the delta grows by the lateness).
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "audio.h"
#include "reel/reel.h"
#include "window.h"

namespace {

using namespace reel;
namespace fs = std::filesystem;

constexpr double kPeriod = 0.4;
constexpr double kFlashLength = 6.0 / 60.0;
constexpr double kLength = 30.0;

fs::path click_file(const fs::path& dir) {
    const fs::path path = dir / "click.wav";
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

Timeline flash_scene(const fs::path& click) {
    Scene s;
    s.add(Dot({-7.5, -3.9}, {.color = GREY}));
    for (double f = kPeriod; f + kPeriod < kLength; f += kPeriod) {
        s.wait(f - s.time());
        auto flash = Rectangle({.width = 20, .height = 10, .color = WHITE, .fill_opacity = 1.0});
        s.add(flash);
        s.add_sound(click.string());
        s.wait(kFlashLength);
        s.remove(flash);
    }
    s.wait(kLength - s.time());
    return s.finish();
}

std::int64_t file_frames(const fs::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return 0;
    return static_cast<std::int64_t>(st.st_size) / 8;
}

struct Seen {
    double since = 0;         // seconds since the last action (a restart of the sound)
    double drawing = 0;       // seconds the picture took to draw and present
    double flash = 0;         // the flash's timeline time
    double shown = 0;         // the presented picture's time
    std::int64_t written = 0; // frames in the disk file when it was presented
};

} // namespace

int main(int argc, char** argv) {
    int actions = 50;
    unsigned seed = 19;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--actions") == 0) actions = std::atoi(argv[i + 1]);
        else if (std::strcmp(argv[i], "--seed") == 0) seed = static_cast<unsigned>(std::atoi(argv[i + 1]));
    }
    const fs::path dir = fs::temp_directory_path() / ("reel-player-sync-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path raw = dir / "played.raw";
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", raw.c_str(), 1);
    const Timeline tl = flash_scene(click_file(dir));

    std::vector<Seen> seen;
    {
        PlayerWindow w(tl, PlayerSettings{});
        if (!w.sound().open()) {
            std::fprintf(stderr, "no sound device: %s\n", w.sound().note().c_str());
            return 1;
        }
        PlayerController& c = w.controller();
        double current = -1; // the flash whose first picture was logged
        Seconds acted = wall_now(); // when the last action restarted the sound
        w.on_present = [&](const Presented& p) {
            if (!c.playing() || c.speed() != 1.0) return;
            const double k = std::floor(p.shown / kPeriod + 1e-9);
            const double f = k * kPeriod;
            if (k < 1 || p.shown < f - 1e-9 || p.shown >= f + kFlashLength - 1e-9 || f == current) return;
            current = f;
            seen.push_back({p.done - acted, p.drawing, f, p.shown, file_frames(raw)});
        };
        std::mt19937 rng(seed);
        std::uniform_real_distribution<double> unit(0, 1);
        auto run_for = [&](Seconds s) {
            const Seconds until = wall_now() + s;
            while (wall_now() < until) {
                w.step(0.005);
                // Near the end: back to the start, so that every action happens while playing.
                if (c.time(wall_now()) > kLength - 1.5) {
                    c.key(Key::Home, wall_now());
                    acted = wall_now();
                    current = -1;
                }
                if (!c.playing()) c.key(Key::Space, wall_now());
            }
        };
        int seeks = 0, pauses = 0, speeds = 0;
        run_for(0.5);
        for (int a = 0; a < actions; ++a) {
            const double r = unit(rng);
            const OverlayLayout& lay = c.layout();
            acted = wall_now();
            if (r < 0.6) { // a click on the bar: down and up in one step, so no scrub grain plays
                const double t = (kLength - 2) * unit(rng);
                const double x = lay.x_of(t, tl.duration()), y = lay.track.y + lay.track.h / 2;
                c.mouse_down(x, y, wall_now());
                c.mouse_up(x, y, wall_now());
                current = -1;
                ++seeks;
            } else if (r < 0.8) {
                c.key(Key::Space, wall_now());
                const Seconds until = wall_now() + 0.1 + 0.4 * unit(rng);
                while (wall_now() < until) w.step(0.005);
                c.key(Key::Space, wall_now());
                acted = wall_now();
                ++pauses;
            } else {
                c.key(Key::Faster, wall_now());
                const Seconds until = wall_now() + 0.3;
                while (wall_now() < until) w.step(0.005);
                c.key(Key::Slower, wall_now());
                acted = wall_now();
                ++speeds;
            }
            run_for(0.3 + 0.5 * unit(rng));
        }
        run_for(0.3);
        std::printf("%d actions: %d seeks, %d pauses, %d speed changes; %zu flashes presented at 1x\n", actions,
                    seeks, pauses, speeds, seen.size());
    }

    // The click onsets in the file: the first sample above 0.05 after 100 ms of quiet.
    std::ifstream in(raw, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
    std::vector<float> left(bytes.size() / 8);
    for (std::size_t i = 0; i < left.size(); ++i) std::memcpy(&left[i], bytes.data() + 8 * i, 4);
    std::vector<std::int64_t> onsets;
    std::int64_t last = -1'000'000;
    for (std::size_t i = 0; i < left.size(); ++i)
        if (std::abs(left[i]) > 0.05f) {
            const auto at = static_cast<std::int64_t>(i);
            if (at - last > 4800) onsets.push_back(at);
            last = at;
        }
    std::vector<double> deltas;
    int unmatched = 0;
    for (const Seen& s : seen) {
        // Where the click should be in the file if sound and picture agree.
        const double expected = static_cast<double>(s.written - 240) - (s.shown - s.flash) * kSampleRate;
        std::int64_t best = -1;
        for (std::int64_t o : onsets)
            if (std::abs(static_cast<double>(o) - expected) < 0.1 * kSampleRate &&
                (best < 0 || std::abs(static_cast<double>(o) - expected) < std::abs(static_cast<double>(best) - expected)))
                best = o;
        if (best < 0) {
            ++unmatched;
            continue;
        }
        deltas.push_back((expected - static_cast<double>(best)) / kSampleRate * 1000.0);
        if (std::getenv("REEL_SYNC_VERBOSE"))
            std::printf("flash %6.2f s, %.3f s after an action, drawn in %.1f ms: %+.1f ms\n", s.flash, s.since,
                        1000 * s.drawing, deltas.back());
    }
    std::sort(deltas.begin(), deltas.end(), [](double a, double b) { return std::abs(a) < std::abs(b); });
    double worst = deltas.empty() ? 0 : std::abs(deltas.back());
    int over = static_cast<int>(std::count_if(deltas.begin(), deltas.end(), [](double d) { return std::abs(d) > 20; }));
    std::vector<double> sorted = deltas;
    std::sort(sorted.begin(), sorted.end());
    std::printf("click vs picture over %zu flashes: median %+.1f ms, min %+.1f ms, max %+.1f ms, largest |delta| "
                "%.1f ms, %d above 20 ms, %d without a click within 100 ms\n",
                sorted.size(), sorted.empty() ? 0 : sorted[sorted.size() / 2], sorted.empty() ? 0 : sorted.front(),
                sorted.empty() ? 0 : sorted.back(), worst, over, unmatched);
    fs::remove_all(dir);
    return over == 0 && unmatched == 0 && !deltas.empty() ? 0 : 2;
}
