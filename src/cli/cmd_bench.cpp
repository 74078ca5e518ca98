// reel bench [SCENE] [--section NAME]: draw, seek + draw and start-up times at 1080p.
// reel bench --scale: draw p50/p99 and export fps of the promo and the stress scenes at 1080p
// and 4K (how the cost grows with the work in a frame).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <random>
#include <unistd.h>

#include <fmt/format.h>

#include "command.h"
#include "export/export.h"
#include "render/render.h"

namespace reel::cli {

namespace {

struct BenchArgs {
    std::string scene;
    std::string section;
    std::string resolution = "1920x1080";
    int seeks = 1000;
    unsigned seed = 1;
    int slowest = 0;
    bool scale = false;
    std::vector<std::string> scale_scenes = {"transformer", "stress_heatmap", "stress_mobjects", "stress_surface",
                                             "three_d_surface_plot"};
    std::vector<std::string> scale_sizes = {"1920x1080", "3840x2160"};
    long max_frames = 600;
    long export_frames = 240;
};

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// CPU time of the whole process (every thread) in ms: on a loaded machine the wall clock also
// counts the time other programs ran.
double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

// CPU time of the calling thread in ms: what one draw cost (drawn by this thread alone),
// whatever else the machine runs.
double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
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

// Frames [first, last) in `windows` runs of consecutive frames spread evenly (playback order
// inside a run, as the player and the exporter's workers draw), at most `max` in all.
std::vector<long> sampled_frames(long first, long last, long max, long windows) {
    std::vector<long> out;
    const long n = last - first;
    if (n <= max) {
        for (long k = first; k < last; ++k) out.push_back(k);
        return out;
    }
    windows = std::min(windows, max);
    const long run = max / windows;
    for (long w = 0; w < windows; ++w) {
        const long start = first + w * (n - run) / std::max(1L, windows - 1);
        for (long k = start; k < start + run && k < last; ++k) out.push_back(k);
    }
    return out;
}

int run_scale(const BenchArgs& a) {
    if (a.max_frames < 1) throw UsageError("--max-frames must be at least 1");
    if (a.export_frames < 0) throw UsageError("--export-frames must be 0 (no export) or more");
    // Names, not registry entries: finding the next scene may load another plug-in.
    std::vector<std::pair<std::string, Timeline>> scenes;
    for (const std::string& name : a.scale_scenes) {
        const SceneInfo& info = scene_or_default(name);
        scenes.emplace_back(info.name, load_timeline(info));
        if (scenes.back().second.frame_count(kTimelineFps) < 1)
            throw UsageError(fmt::format("scene '{}' has no frames to benchmark (0 s long: it never plays or waits); "
                                         "add a wait to hold its picture",
                                         info.name));
    }
    fmt::print("{:<16} {:>9} {:>7} {:>7} {:>9} {:>9} {:>9} {:>9} {:>10} {:>9} {:>9} {:>9}\n", "scene", "size",
               "leaves", "frames", "draw p50", "draw p99", "full p50", "full p99", "export fps", "pictures", "cpu p50",
               "cpu p99");
    for (const std::string& size : a.scale_sizes) {
        int width = 0, height = 0;
        parse_resolution(size, width, height);
        for (auto& [name, tl] : scenes) {
            const long total = tl.frame_count(kTimelineFps);
            const std::vector<long> frames = sampled_frames(0, total, a.max_frames, 10);
            Image img(width, height);
            LayerCache layers;
            const Camera player{.threads = picture_threads()}; // as the player draws
            std::vector<double> draw, full, cpu;
            std::size_t leaves = 0;
            for (long k : frames) {
                Frame f = tl.state_at(static_cast<double>(k) / kTimelineFps);
                leaves = std::max(leaves, f.items.size());
                const double c0 = cpu_ms();
                auto t0 = Clock::now();
                layers.render(f, img.pixels.data(), width, height, img.stride, player);
                draw.push_back(ms_since(t0));
                cpu.push_back(cpu_ms() - c0);
            }
            // Full redraws of the same frames (what every frame cost before the layer cache).
            for (std::size_t i = 0; i < frames.size(); i += 4) {
                Frame f = tl.state_at(static_cast<double>(frames[i]) / kTimelineFps);
                auto t0 = Clock::now();
                render_frame(f, img.pixels.data(), width, height, img.stride, player);
                full.push_back(ms_since(t0));
            }
            Stats d = stats(draw), u = stats(full), c = stats(cpu);
            std::string fps = "-", pictures = "-";
            if (a.export_frames > 0) {
                // An MP4 at the default settings (x264 medium, crf 18, held pictures as one
                // sample) of `export_frames` frames in 4 windows spread over the scene.
                namespace fs = std::filesystem;
                const fs::path out = fs::temp_directory_path() / fmt::format("reel-bench-{}.mp4", getpid());
                const long windows = 4;
                const long per = std::max(1L, std::min(a.export_frames, total) / windows);
                long done = 0, encoded = 0;
                double wall = 0;
                for (long w = 0; w < windows; ++w) {
                    ExportOptions o;
                    o.output = out.string();
                    o.width = width;
                    o.height = height;
                    o.fps = kTimelineFps;
                    const long start = w * (total - per) / (windows - 1);
                    o.from = static_cast<double>(start) / kTimelineFps;
                    o.to = static_cast<double>(start + per) / kTimelineFps;
                    ExportResult r = export_video(tl, o);
                    done += r.frames;
                    encoded += r.pictures;
                    wall += r.wall_seconds;
                }
                std::error_code ec;
                fs::remove(out, ec);
                fps = fmt::format("{:.1f}", static_cast<double>(done) / wall);
                pictures = fmt::format("{}/{}", encoded, done);
            }
            fmt::print("{:<16} {:>9} {:>7} {:>7} {:>6.2f} ms {:>6.2f} ms {:>6.2f} ms {:>6.2f} ms {:>10} {:>9} {:>6.2f} ms "
                       "{:>6.2f} ms\n",
                       name, size, leaves, frames.size(), d.median, d.p99, u.median, u.p99, fps, pictures, c.median,
                       c.p99);
            std::fflush(stdout);
        }
    }
    fmt::print("draw: layer cache in playback order over the sampled frames (3-D faces drawn by {} threads, as the\n"
               "player draws them); full: a full redraw of every 4th; cpu: the draw's CPU time (all threads),\n"
               "which other programs on the machine do not inflate\n"
               "export: MP4 (x264 medium, crf 18), {} frames in 4 windows, wall clock including encoding\n",
               picture_threads(), a.export_frames);
    return 0;
}

int run_bench(const BenchArgs& a) {
    if (a.scale) return run_scale(a);
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
    // Per-frame figures of no frames would be meaningless (and sorting none crashed).
    if (last <= first)
        throw UsageError(fmt::format("scene '{}'{} has no frames to benchmark ({:.3f} s long: it never plays or "
                                     "waits); add a wait to hold its picture",
                                     scene.name, a.section.empty() ? "" : fmt::format(" section '{}'", a.section),
                                     to - from));
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
    // The interleaved full redraws' moments come from a generator of their own: the seeks stay
    // the seed's sequence.
    std::mt19937 other(a.seed + 1);
    std::uniform_real_distribution<double> dist(from, to);
    std::vector<double> seek_ms, seek_cpu, full_cpu;
    Image spare(width, height);
    for (int i = 0; i < a.seeks; ++i) {
        double t = dist(rng);
        auto t0 = Clock::now();
        const double c0 = thread_cpu_ms();
        Frame f = tl.state_at(t);
        layers.render(f, img.pixels.data(), width, height, img.stride);
        seek_cpu.push_back(thread_cpu_ms() - c0);
        seek_ms.push_back(ms_since(t0));
        // A full redraw of another random moment right after: the same load on the machine as
        // the seek, so the two compare even on a busy machine (their own buffer: the cache's
        // target stays untouched between seeks, as the player's).
        Frame g = tl.state_at(dist(other));
        const double c1 = thread_cpu_ms();
        render_frame(g, spare.pixels.data(), width, height, spare.stride);
        full_cpu.push_back(thread_cpu_ms() - c1);
    }
    Stats st = stats(state_ms), dr = stats(draw_ms), fr = stats(frame_ms), sk = stats(seek_ms),
          fu = stats(full_ms), skc = stats(seek_cpu), fuc = stats(full_cpu);
    fmt::print("scene {}{} at {}x{}: {:.3f} s, {} frames at {} fps\n", scene.name,
               a.section.empty() ? "" : fmt::format(" (section {})", a.section), width, height,
               to - from, frame_ms.size(), kTimelineFps);
    fmt::print("  state_at per frame      median {:7.3f} ms  p99 {:7.3f} ms  max {:7.3f} ms\n", st.median, st.p99, st.max);
    fmt::print("  draw per frame          median {:7.3f} ms  p99 {:7.3f} ms  max {:7.3f} ms  (layer cache, in order)\n", dr.median, dr.p99, dr.max);
    fmt::print("  full redraw per frame   median {:7.3f} ms  p99 {:7.3f} ms  max {:7.3f} ms\n", fu.median, fu.p99, fu.max);
    fmt::print("  state + draw per frame  median {:7.3f} ms  p99 {:7.3f} ms  max {:7.3f} ms\n", fr.median, fr.p99, fr.max);
    fmt::print("  seek + draw ({} random) median {:7.3f} ms  p99 {:7.3f} ms  max {:7.3f} ms\n", a.seeks, sk.median, sk.p99, sk.max);
    fmt::print("  seek + draw vs full redraw of random moments, interleaved, CPU time: median {:7.3f} vs {:7.3f} ms  "
               "p99 {:7.3f} vs {:7.3f} ms\n",
               skc.median, fuc.median, skc.p99, fuc.p99);
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
    app->add_flag("--scale", args->scale,
                  "Draw p50/p99 and export fps of the promo and the stress scenes at 1080p and 4K");
    app->add_option("--scale-scenes", args->scale_scenes, "Scenes of --scale (default: transformer stress_heatmap "
                                                          "stress_mobjects stress_surface three_d_surface_plot)");
    app->add_option("--scale-sizes", args->scale_sizes, "Sizes of --scale (default: 1920x1080 3840x2160)");
    app->add_option("--max-frames", args->max_frames,
                    "--scale: at most this many frames drawn per scene and size, in 10 runs (default 600)");
    app->add_option("--export-frames", args->export_frames,
                    "--scale: frames exported per scene and size, in 4 runs; 0: no export (default 240)");
    return {app, [args]() { return run_bench(*args); }};
}

} // namespace reel::cli
