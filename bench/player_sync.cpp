// The player's sound against its pictures after many random seeks, pauses and speed changes
// (issue 19, "done when" 2): build/bench_player_sync [--actions 50] [--seed 19].
//
// A 30 s scene flashes white for six frames every 0.4 s with a click (10 ms of 2 kHz) starting at
// each flash (on whole frames: a flash due at 19.2 s is at 19.1833 s, and the bench takes the
// scene's own times). The player runs headless (SDL's dummy video driver) with SDL's disk audio
// driver, which records what the player plays in real time. Between 1x playing stretches of
// 0.3-0.8 s it does `--actions` random things: a seek (a click on the seek bar at a random time),
// a pause of 0.1-0.5 s, or a speed change (faster for 0.3 s, silent there, then back to 1x). For
// the first presented picture of every flash shown while playing at 1x, the click's onset in the
// recorded file is compared with the frame the driver was playing when the picture was presented
// (tests/player/disk_clock.h times the driver's writes), less how far into the flash the picture
// was. A flash that began before the sound restarted (a seek or a resume inside it) has no onset
// to hear and is only counted. Goal: every |delta| <= 20 ms; the last line sums it up.
// REEL_SYNC_VERBOSE=1 prints every flash: how long after an action it was presented and how long
// its picture took to draw. REEL_SYNC_TRACE=1 prints the picture's and the sound's clocks on
// every step of the first 200 ms after each action, and the frame the driver was playing.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "audio.h"
#include "disk_clock.h"
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

// A flash: from its first picture (and its click) to the first picture without it.
struct FlashSpan {
    double start = 0;
    double end = 0;
};

// The flashes as the scene placed them: a wait lasts whole frames (Manim's int(d * fps)), so
// a flash lands on the frame at or before its nominal time (19.2 s fell on 19.1833 s).
Timeline flash_scene(const fs::path& click, std::vector<FlashSpan>& flashes) {
    Scene s;
    s.add(Dot({-7.5, -3.9}, {.color = GREY}));
    for (double f = kPeriod; f + kPeriod < kLength; f += kPeriod) {
        s.wait(f - s.time());
        auto flash = Rectangle({.width = 20, .height = 10, .color = WHITE, .fill_opacity = 1.0});
        s.add(flash);
        s.add_sound(click.string());
        const double start = s.time();
        s.wait(kFlashLength);
        flashes.push_back({start, s.time()});
        s.remove(flash);
    }
    s.wait(kLength - s.time());
    return s.finish();
}

struct Seen {
    double since = 0;         // seconds since the last action (a restart of the sound)
    double drawing = 0;       // seconds the picture took to draw and present
    double flash = 0;         // the flash's timeline time (its click's start)
    double shown = 0;         // the presented picture's time
    Seconds done = 0;         // when it was presented
};

// REEL_SYNC_TRACE=1: the clocks on every step in the first 200 ms after an action.
struct Trace {
    int action = 0;
    Seconds since = 0;
    Seconds now = 0;
    Seconds picture = 0;                // the controller's time
    std::optional<Seconds> heard;       // the player's sound clock
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
    std::vector<FlashSpan> flashes;
    const Timeline tl = flash_scene(click_file(dir), flashes);
    std::string summary;
    std::vector<Seen> seen;
    int begun = 0; // flashes seen that began before the sound restarted
    std::vector<Trace> trace;
    const bool tracing = std::getenv("REEL_SYNC_TRACE") != nullptr;
    test::DiskClock disk(raw, 480);
    {
        PlayerWindow w(tl, PlayerSettings{});
        if (!w.sound().open()) {
            std::fprintf(stderr, "no sound device: %s\n", w.sound().note().c_str());
            return 1;
        }
        PlayerController& c = w.controller();
        double current = -1; // the flash whose first picture was logged
        Seconds acted = wall_now(); // when the last action restarted the sound
        double landed = 0;          // the timeline time the sound restarted at
        w.on_present = [&](const Presented& p) {
            if (!c.playing() || c.speed() != 1.0) return;
            auto f = std::find_if(flashes.begin(), flashes.end(), [&](const FlashSpan& x) {
                return p.shown >= x.start - 1e-9 && p.shown < x.end - 1e-9;
            });
            if (f == flashes.end() || f->start == current) return;
            current = f->start;
            // A flash that began before the sound restarted (a seek or a resume inside it) has
            // no click to hear: its onset is not played.
            if (f->start < landed - 1e-9) {
                ++begun;
                return;
            }
            seen.push_back({p.done - acted, p.drawing, f->start, p.shown, p.done});
        };
        std::mt19937 rng(seed);
        std::uniform_real_distribution<double> unit(0, 1);
        int action = 0;
        auto step = [&] {
            w.step(0.005);
            const Seconds now = wall_now();
            if (tracing && now - acted < 0.2 && c.playing())
                trace.push_back({action, now - acted, now, c.time(now), w.sound().heard(now)});
        };
        auto run_for = [&](Seconds s) {
            const Seconds until = wall_now() + s;
            while (wall_now() < until) {
                step();
                // Near the end: back to the start, so that every action happens while playing.
                if (c.time(wall_now()) > kLength - 1.5) {
                    c.key(Key::Home, wall_now());
                    acted = wall_now();
                    landed = 0;
                    current = -1;
                }
                if (!c.playing()) c.key(Key::Space, wall_now());
            }
        };
        int seeks = 0, pauses = 0, speeds = 0;
        run_for(0.5);
        for (int a = 0; a < actions; ++a) {
            action = a;
            const double r = unit(rng);
            const OverlayLayout& lay = c.layout();
            acted = wall_now();
            if (r < 0.6) { // a click on the bar: down and up in one step, so no scrub grain plays
                const double t = (kLength - 2) * unit(rng);
                const double x = lay.x_of(t, tl.duration()), y = lay.track.y + lay.track.h / 2;
                c.mouse_down(x, y, wall_now());
                c.mouse_up(x, y, wall_now());
                landed = c.time(wall_now());
                current = -1;
                ++seeks;
            } else if (r < 0.8) {
                c.key(Key::Space, wall_now());
                const Seconds until = wall_now() + 0.1 + 0.4 * unit(rng);
                while (wall_now() < until) step();
                c.key(Key::Space, wall_now());
                acted = wall_now();
                landed = c.time(acted);
                ++pauses;
            } else {
                c.key(Key::Faster, wall_now());
                const Seconds until = wall_now() + 0.3;
                while (wall_now() < until) step();
                c.key(Key::Slower, wall_now());
                acted = wall_now();
                landed = c.time(acted);
                ++speeds;
            }
            run_for(0.3 + 0.5 * unit(rng));
        }
        run_for(0.3);
        summary = fmt::format("seed {}: {} actions ({} seeks, {} pauses, {} speed changes)", seed, actions, seeks,
                              pauses, speeds);
    }

    const std::vector<std::int64_t> onsets = test::click_onsets(test::recorded_left(raw));
    auto nearest = [&](double expected) {
        std::int64_t best = -1;
        for (std::int64_t o : onsets)
            if (std::abs(static_cast<double>(o) - expected) < 0.1 * kSampleRate &&
                (best < 0 || std::abs(static_cast<double>(o) - expected) < std::abs(static_cast<double>(best) - expected)))
                best = o;
        return best;
    };
    std::vector<double> deltas;
    int unmatched = 0, untimed = 0;
    for (const Seen& s : seen) {
        // Where the click should be in the file if sound and picture agree: the frame the
        // driver played when the picture was presented, less how far into the flash it was.
        const std::optional<double> playing = disk.playing(s.done);
        if (!playing) {
            ++untimed;
            continue;
        }
        const double expected = *playing - (s.shown - s.flash) * kSampleRate;
        const std::int64_t best = nearest(expected);
        if (best < 0) {
            ++unmatched;
            if (std::getenv("REEL_SYNC_VERBOSE"))
                std::printf("flash %6.2f s, %.3f s after an action: no click\n", s.flash, s.since);
            continue;
        }
        deltas.push_back((expected - static_cast<double>(best)) / kSampleRate * 1000.0);
        if (std::getenv("REEL_SYNC_VERBOSE"))
            std::printf("flash %7.4f s, %.3f s after an action, drawn in %.1f ms: %+.1f ms\n", s.flash, s.since,
                        1000 * s.drawing, deltas.back());
    }
    if (tracing)
        for (const Trace& t : trace) {
            // "picture - file" stands still while the sound plays on: the picture keeps step.
            const std::optional<double> playing = disk.playing(t.now);
            std::printf("action %2d +%5.1f ms: picture %8.4f s, sound %s, file frame %s, picture - file %s\n", t.action,
                        1000 * t.since, t.picture,
                        t.heard ? fmt::format("{:8.4f} s ({:+.1f} ms)", *t.heard, 1000 * (*t.heard - t.picture)).c_str()
                                : "-",
                        playing ? fmt::format("{:.0f}", *playing).c_str() : "-",
                        playing ? fmt::format("{:.1f} ms", 1000 * (t.picture - *playing / kSampleRate)).c_str() : "-");
        }
    std::sort(deltas.begin(), deltas.end());
    const int over = static_cast<int>(
        std::count_if(deltas.begin(), deltas.end(), [](double d) { return std::abs(d) > 20; }));
    double load[1] = {0};
    if (getloadavg(load, 1) != 1) load[0] = -1;
    // One line for the record: the figures of "done when" 2.
    std::printf("bench_player_sync %s: %zu flashes timed, click vs picture median %+.1f ms, min %+.1f ms, max %+.1f ms, "
                "%d above 20 ms, %d without a click within 100 ms, %d not timed; %d begun before a restart (no onset "
                "to hear); load %.2f\n",
                summary.c_str(), deltas.size(), deltas.empty() ? 0 : deltas[deltas.size() / 2],
                deltas.empty() ? 0 : deltas.front(), deltas.empty() ? 0 : deltas.back(), over, unmatched, untimed, begun,
                load[0]);
    fs::remove_all(dir);
    return over == 0 && unmatched == 0 && untimed == 0 && !deltas.empty() ? 0 : 2;
}
