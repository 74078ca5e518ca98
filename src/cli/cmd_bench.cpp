// reel bench [SCENE] [--section NAME]: draw, seek + draw and start-up times at 1080p.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

#include <fmt/format.h>

#include "command.h"
#include "reel/render.h"

namespace reel::cli {

namespace {

struct BenchArgs {
    std::string scene;
    std::string section;
    std::string resolution = "1920x1080";
    int seeks = 1000;
    unsigned seed = 1;
    int slowest = 0;
};

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Stats {
    double median, p99, max;
};

Stats stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    auto at = [&](double q) {
        std::size_t i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size()))) - 1;
        return v[std::min(i, v.size() - 1)];
    };
    return {at(0.5), at(0.99), v.back()};
}

int run_bench(const BenchArgs& a) {
    int width = 0, height = 0;
    parse_resolution(a.resolution, width, height);
    if (a.seeks < 1) throw UsageError("--seeks must be at least 1");
    const SceneInfo& scene = scene_or_default(a.scene);
    Image img(width, height);
    // Start-up: from process start to the first frame drawn (fonts, recording, layout).
    Timeline tl = load_timeline(scene);
    render_frame(tl.state_at(0), img.pixels.data(), width, height, img.stride);
    double startup_ms = seconds_since_start() * 1000.0;

    Seconds from = 0, to = tl.duration();
    if (!a.section.empty()) {
        auto it = std::find_if(tl.sections().begin(), tl.sections().end(),
                               [&](const Section& s) { return s.name == a.section; });
        if (it == tl.sections().end()) {
            std::string names;
            for (const auto& s : tl.sections()) names += (names.empty() ? "" : ", ") + s.name;
            throw UsageError(fmt::format("scene '{}' has no section '{}' (sections: {})", scene.name,
                                         a.section, names));
        }
        from = it->start;
        to = it->start + it->duration;
    }
    long first = std::lround(from * kTimelineFps), last = std::lround(to * kTimelineFps);
    std::vector<double> state_ms, draw_ms, frame_ms, full_ms;
    LayerCache layers; // as the player and the exporter draw: static bottom once per segment
    for (long k = first; k < last; ++k) {
        auto t0 = Clock::now();
        Frame f = tl.state_at(static_cast<double>(k) / kTimelineFps);
        double s = ms_since(t0);
        auto t1 = Clock::now();
        layers.render(f, img.pixels.data(), width, height, img.stride);
        double d = ms_since(t1);
        auto t2 = Clock::now();
        render_frame(f, img.pixels.data(), width, height, img.stride);
        full_ms.push_back(ms_since(t2));
        state_ms.push_back(s);
        draw_ms.push_back(d);
        frame_ms.push_back(s + d);
    }
    if (a.slowest > 0) {
        std::vector<std::size_t> order(frame_ms.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](auto x, auto y) { return frame_ms[x] > frame_ms[y]; });
        fmt::print("slowest frames:\n");
        for (std::size_t i = 0; i < std::min<std::size_t>(order.size(), static_cast<std::size_t>(a.slowest)); ++i)
            fmt::print("  t = {:8.3f} s  {:7.3f} ms ({} items)\n",
                       static_cast<double>(first + static_cast<long>(order[i])) / kTimelineFps,
                       frame_ms[order[i]],
                       tl.state_at(static_cast<double>(first + static_cast<long>(order[i])) / kTimelineFps).items.size());
    }
    std::mt19937 rng(a.seed);
    std::uniform_real_distribution<double> dist(from, to);
    std::vector<double> seek_ms;
    for (int i = 0; i < a.seeks; ++i) {
        double t = dist(rng);
        auto t0 = Clock::now();
        Frame f = tl.state_at(t);
        layers.render(f, img.pixels.data(), width, height, img.stride);
        seek_ms.push_back(ms_since(t0));
    }
    Stats st = stats(state_ms), dr = stats(draw_ms), fr = stats(frame_ms), sk = stats(seek_ms),
          fu = stats(full_ms);
    fmt::print("scene {}{} at {}x{}: {:.3f} s, {} frames at {} fps\n", scene.name,
               a.section.empty() ? "" : fmt::format(" (section {})", a.section), width, height,
               to - from, frame_ms.size(), kTimelineFps);
    fmt::print("  state_at per frame      median {:7.3f} ms  p99 {:7.3f} ms  max {:7.3f} ms\n", st.median, st.p99, st.max);
    fmt::print("  draw per frame          median {:7.3f} ms  p99 {:7.3f} ms  max {:7.3f} ms  (layer cache, in order)\n", dr.median, dr.p99, dr.max);
    fmt::print("  full redraw per frame   median {:7.3f} ms  p99 {:7.3f} ms  max {:7.3f} ms\n", fu.median, fu.p99, fu.max);
    fmt::print("  state + draw per frame  median {:7.3f} ms  p99 {:7.3f} ms  max {:7.3f} ms\n", fr.median, fr.p99, fr.max);
    fmt::print("  seek + draw ({} random) median {:7.3f} ms  p99 {:7.3f} ms  max {:7.3f} ms\n", a.seeks, sk.median, sk.p99, sk.max);
    fmt::print("  start-up to first frame {:.1f} ms\n", startup_ms);
    return 0;
}

} // namespace

Command add_bench_command(CLI::App& root) {
    auto args = std::make_shared<BenchArgs>();
    CLI::App* app = root.add_subcommand("bench", "Measure draw, seek + draw and start-up times");
    app->add_option("scene", args->scene, "Scene name (default: the first scene)");
    app->add_option("--section", args->section, "Only this section's frames and seeks");
    app->add_option("--resolution", args->resolution, "WIDTHxHEIGHT (default 1920x1080)");
    app->add_option("--seeks", args->seeks, "Number of random seeks (default 1000)");
    app->add_option("--seed", args->seed, "Random seed for the seeks (default 1)");
    app->add_option("--slowest", args->slowest, "Also list the N slowest frames");
    return {app, [args]() { return run_bench(*args); }};
}

} // namespace reel::cli
