// reel play [SCENE] [--at T] [--fullscreen] [--speed X] [--loop]; reel present [SCENE]
#include <cmath>
#include <filesystem>
#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "command.h"
#include "crash.h"
#include "files/runtime.h"
#include "present/holds.h"
#include "player/player.h"
#include "supervise.h"

namespace reel::cli {

namespace fs = std::filesystem;

namespace {

// Test and measurement options, shared by both commands (and --audio).
struct DiagnosticArgs {
    std::string audio = "auto";
    std::string keys;
    std::string hover;
    std::string screenshot;
    std::string console_screenshot;
    int after_ms = 1000;
    std::string measure;
    double idle_seconds = 5.0;
    int scrub_positions = 200;
};

struct PlayArgs {
    std::string scene;
    std::string at;
    std::string section;
    bool fullscreen = false;
    double speed = 1.0;
    bool loop = false;
    bool paused = false;
    bool watch = false;
    double record_limit = kDefaultRecordLimit;
    DiagnosticArgs diag;
};

struct PresentArgs {
    std::string scene;
    std::string slide;
    std::string at;
    std::string section;
    bool windowed = false;
    bool console = false;
    std::optional<int> screen;
    bool watch = false;
    double record_limit = kDefaultRecordLimit;
    DiagnosticArgs diag;
};

void add_diagnostic_options(CLI::App* app, DiagnosticArgs& d, bool measures) {
    app->add_option("--audio", d.audio,
                    "auto (default): the scene's sounds through the sound device, when it has any; none: no sound "
                    "device and no waveform at all");
    const char* group = "Diagnostics (tests, screenshots, measurements)";
    app->add_option("--keys", d.keys,
                    "Keys pressed once the window is up: SDL key names separated by spaces (e.g. \"Right Right Left\")")
        ->group(group);
    app->add_option("--screenshot", d.screenshot, "Write the window's picture to this PNG, then quit")
        ->group(group);
    app->add_option("--after-ms", d.after_ms, "Screenshot this long after the window opens (default 1000)")
        ->group(group);
    if (!measures) {
        app->add_option("--console-screenshot", d.console_screenshot,
                        "With --console and --screenshot: also write the console's picture to this PNG")
            ->group(group);
        return;
    }
    app->add_option("--hover", d.hover, "Move the real pointer over the seek bar at this time")->group(group);
    app->add_option("--measure", d.measure,
                    "playback: frames shown on time; scrub: pointer-to-picture latency; idle: CPU while paused")
        ->group(group);
    app->add_option("--idle-seconds", d.idle_seconds, "How long the idle measurement stays paused (default 5)")
        ->group(group);
    app->add_option("--scrub-positions", d.scrub_positions, "Pointer positions of the scrub measurement (default 200)")
        ->group(group);
}

PlayerDiagnostics diagnostics(const DiagnosticArgs& a) {
    PlayerDiagnostics d;
    std::istringstream words(a.keys);
    for (std::string w; words >> w;) d.keys.push_back(w);
    if (!a.hover.empty()) d.hover = parse_time(a.hover, "--hover");
    d.screenshot = a.screenshot;
    d.console_screenshot = a.console_screenshot;
    if (!d.console_screenshot.empty() && d.screenshot.empty())
        throw UsageError("--console-screenshot goes with --screenshot");
    if (a.after_ms < 0) throw UsageError("--after-ms must not be negative");
    d.screenshot_after = a.after_ms / 1000.0;
    if (a.measure == "playback")
        d.measure = PlayerMeasure::Playback;
    else if (a.measure == "scrub")
        d.measure = PlayerMeasure::Scrub;
    else if (a.measure == "idle")
        d.measure = PlayerMeasure::Idle;
    else if (!a.measure.empty())
        throw UsageError(fmt::format("--measure '{}' is not playback, scrub or idle", a.measure));
    if (!(a.idle_seconds > 0)) throw UsageError("--idle-seconds must be positive");
    if (a.scrub_positions < 1) throw UsageError("--scrub-positions must be at least 1");
    d.idle_seconds = a.idle_seconds;
    d.scrub_positions = a.scrub_positions;
    if (d.measure != PlayerMeasure::None && !d.screenshot.empty())
        throw UsageError("--measure and --screenshot cannot be combined");
    return d;
}

void print_figures(const PlayerFigures& f, PlayerMeasure m) {
    fmt::print("renderer {}, {} Hz, vsync {}\n", f.renderer, f.refresh_hz, f.vsync ? "on" : "off");
    switch (m) {
    case PlayerMeasure::Playback:
        fmt::print("playback: {} of {} frames on time ({:.2f} %), draw+present median {:.2f} ms, p99 {:.2f} ms\n",
                   f.on_time, f.slots, f.slots ? 100.0 * static_cast<double>(f.on_time) / static_cast<double>(f.slots) : 0.0,
                   f.draw_ms_median, f.draw_ms_p99);
        fmt::print("cpu: {:.2f} s over {:.2f} s of playback ({:.1f} % of a core), {} pictures presented, {:.2f} ms per "
                   "picture; the window's thread {:.2f} s, the sound's threads {:.3f} s ({:.2f} % of the CPU)\n",
                   f.cpu_seconds, f.play_seconds, f.play_seconds > 0 ? 100.0 * f.cpu_seconds / f.play_seconds : 0.0,
                   f.presented, f.presented ? 1000.0 * f.cpu_seconds / static_cast<double>(f.presented) : 0.0,
                   f.main_cpu_seconds, f.sound_cpu_seconds, f.cpu_seconds > 0 ? 100.0 * f.sound_cpu_seconds / f.cpu_seconds : 0.0);
        break;
    case PlayerMeasure::Scrub:
        fmt::print("scrub: {} positions shown, latency median {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms"
                   " (draw+present median {:.2f} ms, p99 {:.2f} ms)\n",
                   f.scrub_shown, f.scrub_ms_median, f.scrub_ms_p99, f.scrub_ms_max, f.draw_ms_median,
                   f.draw_ms_p99);
        break;
    case PlayerMeasure::Idle:
        fmt::print("idle: {:.2f} % of a core while paused, {} redraws\n", f.idle_cpu_percent, f.idle_redraws);
        break;
    case PlayerMeasure::None: break;
    }
}

} // namespace

void add_record_limit_option(CLI::App* app, double& limit) {
    app->add_option("--record-limit", limit,
                    fmt::format("Seconds a new version may take to record before it is stopped and the last good "
                                "one stays (default {:g})",
                                kDefaultRecordLimit))
        ->check(CLI::Range(0.1, 86400.0));
}

int play_live(const LiveOptions& options, PlayerSettings settings, const PlayerDiagnostics& diag,
              const std::function<void(const Timeline&, PlayerSettings&)>& prepare) {
    LiveOptions live = options;
    const std::optional<SupervisedChild>& child = supervised_child();
    const int status_fd = child ? child->status_fd : -1;
    live.running = [status_fd](const std::string& scene, const std::string& plugin, const std::string& opened) {
        set_crash_context(scene, plugin, opened);
        // Whose code the supervisor names when the window stops responding.
        if (!scene.empty())
            write_status(status_fd, "scene",
                         fmt::format("scene '{}' (plug-in {})", scene, fs::path(plugin).filename().string()).c_str());
    };
    if (child) {
        live.keep_dir = child->keep_dir;
        if (child->restarted) {
            live.first_plugin = child->keep_dir + "/last-good.so";
            live.first_error = child->error;
        }
        // The supervisor starts the player again on the last good version, with this message.
        live.abandon = [status_fd](const std::string& message) {
            write_status(status_fd, "abandoned", message.c_str());
            write_error_line(message.c_str());
            remove_registered_temporaries();
            ::_exit(kAbandonedStatus);
        };
    }
    LiveSession session(live);
    settings.scene_name = session.scene_name();
    if (child && child->restarted) {
        // Where the player that died was, as it was.
        settings.start = std::clamp(child->at, 0.0, session.timeline().duration());
        settings.paused = !child->playing;
        settings.speed = std::clamp(child->speed, kMinSpeed, kMaxSpeed);
        settings.fullscreen = child->fullscreen;
        settings.slide = child->slide;
    } else {
        prepare(session.timeline(), settings);
        note(fmt::format("reel: watching {}\n", session.watching()));
    }
    ReportingSource source(session, status_fd);
    try {
        run_player(session.timeline(), settings, diag, &source);
    } catch (const std::exception& e) {
        throw UsageError(e.what());
    }
    if (!diag.screenshot.empty()) fmt::print("{}\n", diag.screenshot);
    return 0;
}

namespace {

// Plays or presents a registered scene, or with `watch` the (first) --plugin's scene, reloaded
// whenever it changes.
int run(const std::string& scene_name, PlayerSettings settings, const DiagnosticArgs& da, bool watch,
        double record_limit, const std::function<void(const Timeline&, PlayerSettings&)>& prepare) {
    PlayerDiagnostics diag = diagnostics(da);
    if (da.audio == "none")
        settings.sound = false;
    else if (da.audio != "auto")
        throw UsageError(fmt::format("--audio '{}': use auto (the scene's sounds, when it has any) or none", da.audio));
    if (watch) {
        if (plugin_options().empty())
            throw UsageError("--watch needs --plugin FILE (the plug-in to reload when it changes)");
        return play_live({.plugin = plugin_options().front(), .scene = scene_name, .record_limit = record_limit},
                         settings, diag, prepare);
    }
    const SceneInfo& scene = scene_or_default(scene_name);
    Timeline tl = load_timeline(scene);
    if (!(tl.duration() > 0)) throw UsageError(fmt::format("scene '{}' is empty", scene.name));
    settings.scene_name = scene.name;
    prepare(tl, settings);
    PlayerFigures figures;
    try {
        figures = run_player(tl, settings, diag);
    } catch (const std::exception& e) {
        throw UsageError(e.what());
    }
    if (!diag.screenshot.empty()) fmt::print("{}\n", diag.screenshot);
    if (!diag.console_screenshot.empty()) fmt::print("{}\n", diag.console_screenshot);
    print_figures(figures, diag.measure);
    return 0;
}

} // namespace

Command add_play_command(CLI::App& root) {
    auto args = std::make_shared<PlayArgs>();
    CLI::App* app = root.add_subcommand("play", "Play a scene in a window (seek bar, sections, keys: press ?)");
    app->add_option("scene", args->scene, "Scene name (default: the first scene, see 'reel scenes')");
    auto* at = app->add_option("--at", args->at, "Start at this time (seconds or m:ss)");
    app->add_option("--section", args->section, "Start at this section (name or number from 1)")->excludes(at);
    app->add_flag("--fullscreen", args->fullscreen, "Start full screen (F toggles, Esc leaves)");
    app->add_option("--speed", args->speed, "Playback speed, 0.25 to 2 (< and > change it)");
    app->add_flag("--loop", args->loop, "Play again from the start at the end");
    app->add_flag("--paused", args->paused, "Start paused");
    app->add_flag("--watch", args->watch,
                  "Reload the (first) --plugin whenever it changes, keeping time, pause, speed and section");
    add_record_limit_option(app, args->record_limit);
    add_diagnostic_options(app, args->diag, true);
    return {app, [args]() {
                const PlayArgs& a = *args;
                if (!(a.speed >= kMinSpeed && a.speed <= kMaxSpeed))
                    throw UsageError(fmt::format("--speed {:g} is outside {:g} to {:g}", a.speed,
                                                 kMinSpeed, kMaxSpeed));
                PlayerSettings s;
                s.mode = PlayerMode::Play;
                s.speed = a.speed;
                s.loop = a.loop;
                s.paused = a.paused;
                s.fullscreen = a.fullscreen;
                return run(a.scene, s, a.diag, a.watch, a.record_limit, [&](const Timeline& tl, PlayerSettings& st) {
                    if (!a.section.empty())
                        st.start = tl.sections()[find_section(tl, a.section, "--section", st.scene_name)].start;
                    if (a.at.empty()) return;
                    st.start = within_duration(parse_time(a.at, "--at"), a.at, "--at", st.scene_name, tl.duration());
                });
            }};
}

Command add_present_command(CLI::App& root) {
    auto args = std::make_shared<PresentArgs>();
    CLI::App* app = root.add_subcommand(
        "present", "Present a scene section by section, full screen (Right: next, Left: previous, B: black)");
    app->add_option("scene", args->scene, "Scene name (default: the first scene, see 'reel scenes')");
    auto* slide = app->add_option("--slide", args->slide, "Start at this slide (number from 1; it plays from the previous hold)");
    auto* at = app->add_option("--at", args->at, "Start at this time (seconds or m:ss); the slide after it plays");
    auto* section = app->add_option("--section", args->section, "Start at this section (name or number from 1)");
    slide->excludes(at)->excludes(section);
    at->excludes(section);
    app->add_flag("--windowed", args->windowed, "Stay in a window (F toggles full screen)");
    app->add_flag("--console", args->console,
                  "Open the presenter console too (current picture, next slide, notes, timer, clock)");
    app->add_option("--screen", args->screen, "Display for the audience (number from 1; the console takes another)");
    app->add_flag("--watch", args->watch,
                  "Reload the (first) --plugin whenever it changes, staying on the same slide");
    add_record_limit_option(app, args->record_limit);
    add_diagnostic_options(app, args->diag, false);
    return {app, [args]() {
                const PresentArgs& a = *args;
                PlayerSettings s;
                s.mode = PlayerMode::Present;
                s.fullscreen = !a.windowed;
                s.console = a.console;
                // -1 was the "not given" value, so "--screen -1" went through as "the first".
                if (a.screen && *a.screen < 1) throw UsageError(fmt::format("--screen {} must be 1 or more", *a.screen));
                s.screen = a.screen ? *a.screen - 1 : -1;
                return run(a.scene, s, a.diag, a.watch, a.record_limit, [&](const Timeline& tl, PlayerSettings& st) {
                    if (!a.section.empty())
                        st.start = tl.sections()[find_section(tl, a.section, "--section", st.scene_name)].start;
                    if (!a.at.empty()) {
                        st.start = within_duration(parse_time(a.at, "--at"), a.at, "--at", st.scene_name, tl.duration());
                    }
                    if (!a.slide.empty()) {
                        const std::vector<Hold> holds = place_holds(tl);
                        const bool number = a.slide.find_first_not_of("0123456789") == std::string::npos &&
                                            a.slide.size() < 10;
                        const unsigned long n = number ? std::stoul(a.slide) : 0;
                        if (n < 1 || n > holds.size())
                            throw UsageError(fmt::format("--slide '{}' is not a slide of '{}' (1 to {})", a.slide,
                                                         st.scene_name, holds.size()));
                        st.start = holds[n - 1].start;
                    }
                });
            }};
}

} // namespace reel::cli
