// Soak (not part of ctest's default run; see README "Soak"): random seeks and draws of the promo,
// then random events fed to the player's controller, checking invariants and printing the
// resident set size at the start and end of each phase. Meant for the asan-ubsan build:
//   build-asan/reel_soak [SEEKS=100000] [EVENTS=1000000] [WIDTHxHEIGHT=128x72]
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <unistd.h>

#include "player/player.h"
#include "render/render.h"
#include "reel/text.h"
#include "timeline/timeline.h"

namespace {

// Resident set size in KiB (VmRSS of /proc/self/status).
long rss_kib() {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "soak: FAILED: %s\n", what.c_str());
    std::exit(1);
}

} // namespace

int main(int argc, char** argv) {
    const long seeks = argc > 1 ? std::atol(argv[1]) : 100000;
    const long events = argc > 2 ? std::atol(argv[2]) : 1000000;
    int width = 128, height = 72;
    if (argc > 3 && std::sscanf(argv[3], "%dx%d", &width, &height) != 2) fail("size must be WIDTHxHEIGHT");
    const reel::SceneInfo* info = reel::find_scene("transformer");
    if (!info) fail("the promo scene 'transformer' is not registered");
    const reel::Timeline tl = reel::record_scene(*info);
    const double duration = tl.duration();
    std::mt19937_64 rng(12);
    std::uniform_real_distribution<double> unit(0.0, 1.0);

    // ── 1: random seeks and draws (both draw paths: plain and the layer cache) ──
    reel::Image image(width, height);
    reel::LayerCache cache;
    long rss_start = 0;
    const long warmup = std::min(1000L, seeks / 10);
    for (long i = 0; i < seeks; ++i) {
        // Mostly anywhere, sometimes the edges and just past them (clamped by state_at).
        double t = unit(rng) * duration;
        if (i % 97 == 0) t = (i / 97) % 2 ? duration : 0.0;
        if (i % 101 == 0) t = duration + unit(rng);
        const reel::Frame f = tl.state_at(t);
        if (i % 2)
            reel::render_frame(f, image.pixels.data(), width, height, image.stride);
        else
            cache.render(f, image.pixels.data(), width, height, image.stride);
        if (i + 1 == warmup) rss_start = rss_kib();
        if ((i + 1) % 10000 == 0) std::printf("soak: %ld seeks+draws, RSS %ld KiB\n", i + 1, rss_kib());
    }
    const long rss_draw_end = rss_kib();
    std::printf("soak: seeks+draws %ld at %dx%d: RSS after %ld %ld KiB, at the end %ld KiB\n", seeks, width, height,
                warmup, rss_start, rss_draw_end);

    // ── 2: random events fed to the controller ──
    long rss_events_start = 0;
    double now = 0;
    long checked = 0;
    for (int mode = 0; mode < 2; ++mode) {
        reel::PlayerSettings settings;
        settings.mode = mode ? reel::PlayerMode::Present : reel::PlayerMode::Play;
        settings.scene_name = "transformer";
        settings.loop = mode == 0;
        reel::PlayerController c(tl, settings, now);
        int w = 1280, h = 720;
        c.resize(w, h, 1.0);
        const long n = events / 2;
        for (long i = 0; i < n; ++i) {
            now += unit(rng) < 0.01 ? unit(rng) * 30.0 : unit(rng) * 0.05;
            const double x = unit(rng) * (w + 100) - 50, y = unit(rng) * (h + 100) - 50;
            switch (rng() % 10) {
            case 0: case 1: case 2:
                c.key(static_cast<reel::Key>(rng() % (static_cast<unsigned>(reel::Key::Help) + 1)), now);
                break;
            case 3: case 4: c.mouse_move(x, y, now); break;
            case 5: c.mouse_down(x, y, now); break;
            case 6: c.mouse_up(x, y, now); break;
            case 7: c.mouse_leave(now); break;
            case 8:
                w = static_cast<int>(rng() % 4000);
                h = static_cast<int>(rng() % 3000);
                c.resize(w, h, unit(rng) < 0.8 ? 1.0 : 2.0);
                break;
            default: c.set_fullscreen(rng() % 2 == 0); break;
            }
            c.update(now);
            const double t = c.time(now);
            if (!(t >= 0 && t <= duration + 1e-9)) fail("time " + std::to_string(t) + " outside the timeline");
            if (c.speed() < reel::kMinSpeed || c.speed() > reel::kMaxSpeed) fail("speed out of range");
            if (c.section(now) >= std::max<std::size_t>(1, tl.sections().size())) fail("section out of range");
            if (i % 64 == 0) {
                (void)c.overlay(now);
                (void)c.title(now);
                ++checked;
            }
            if (mode == 0 && i + 1 == std::min(10000L, n)) rss_events_start = rss_kib();
        }
    }
    const long rss_events_end = rss_kib();
    std::printf("soak: controller events %ld (%ld overlay/title reads): RSS after 10000 %ld KiB, at the end %ld KiB\n",
                events, checked, rss_events_start, rss_events_end);
    std::printf("soak: ok\n");
    return 0;
}
