// run_player: the window's loop, and the diagnostic runs that drive the same real window
// (scripted keys, a real pointer over the bar, screenshots, playback / scrub / idle figures).
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "audio.h"
#include "console.h"
#include "window.h"

namespace reel {

namespace {

constexpr Seconds kForever = std::numeric_limits<Seconds>::infinity();

// CPU seconds of the process (RUSAGE_SELF) or of the calling thread (RUSAGE_THREAD).
double cpu_seconds(int who = RUSAGE_SELF) {
    rusage ru{};
    if (getrusage(who, &ru) != 0) throw std::runtime_error("getrusage failed");
    auto sec = [](timeval tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6; };
    return sec(ru.ru_utime) + sec(ru.ru_stime);
}

SDL_Keycode key_code(const std::string& name) {
    SDL_Keycode k = SDL_GetKeyFromName(name.c_str());
    if (k == SDLK_UNKNOWN)
        throw std::invalid_argument(
            fmt::format("unknown key name '{}' (use SDL's names: Right, Left, Space, PageDown, B, ...)", name));
    return k;
}

void push(SDL_Event& e) {
    if (SDL_PushEvent(&e) < 0)
        throw std::runtime_error(fmt::format("cannot queue a synthetic event: {}", SDL_GetError()));
}

void push_key(SDL_Window* w, SDL_Keycode k) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.windowID = SDL_GetWindowID(w);
    e.key.state = SDL_PRESSED;
    e.key.keysym.sym = k;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(k);
    push(e);
}

void push_button(SDL_Window* w, bool down, int x, int y) {
    SDL_Event e{};
    e.type = down ? SDL_MOUSEBUTTONDOWN : SDL_MOUSEBUTTONUP;
    e.button.windowID = SDL_GetWindowID(w);
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = down ? SDL_PRESSED : SDL_RELEASED;
    e.button.clicks = 1;
    e.button.x = x;
    e.button.y = y;
    push(e);
}

void run_until(PlayerWindow& win, Seconds until) {
    for (Seconds now = wall_now(); now < until && !win.done(); now = wall_now())
        win.step(until - now);
}

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
    return v[std::min(i == 0 ? 0 : i - 1, v.size() - 1)];
}

// Connects a live source to this run of the player, and disconnects it however the run ends
// (before the window closes: a wake pushes an SDL event).
class LiveConnection {
public:
    LiveConnection(LiveSource* live, std::atomic<bool>& woken) : live_(live) {
        if (!live_) return;
        const Uint32 type = SDL_RegisterEvents(1);
        if (type == static_cast<Uint32>(-1)) throw std::runtime_error("SDL has no user events left");
        live_->connect([&woken, type] {
            woken = true;
            SDL_Event e{};
            e.type = type;
            SDL_PushEvent(&e); // a full queue is fine: the flag is seen on the next step
        });
    }
    ~LiveConnection() {
        if (live_) live_->connect({});
    }
    LiveConnection(const LiveConnection&) = delete;
    LiveConnection& operator=(const LiveConnection&) = delete;

private:
    LiveSource* live_;
};

} // namespace

PlayerFigures run_player(const Timeline& timeline, const PlayerSettings& requested,
                         const PlayerDiagnostics& diag, LiveSource* live) {
    PlayerSettings settings = requested;
    if (diag.measure == PlayerMeasure::Scrub || diag.measure == PlayerMeasure::Idle)
        settings.paused = true;
    if (diag.measure == PlayerMeasure::Scrub && diag.scrub_positions < 1)
        throw std::invalid_argument("the scrub measurement needs at least one position");
    PlayerWindow win(timeline, settings);
    // Live reload: the first present, and the first after a new version or error, says so on
    // stderr with the wall-clock time (what scripts/dev-latency.sh measures).
    bool announce = live != nullptr;
    bool first = true;
    // Polls once at the start: whatever happened before the window opened.
    std::atomic<bool> woken{true};
    LiveConnection connection(live, woken);
    if (live) {
        win.on_step = [&win, live, &announce, &woken] {
            if (!woken.exchange(false)) return;
            std::string error;
            const Timeline* next = live->poll(error);
            if (next) win.set_timeline(*next);
            if (next || error != win.controller().error()) announce = true;
            win.controller().set_error(error);
            win.controller().set_activity(live->activity());
        };
    }
    std::vector<SDL_Keycode> keys;
    for (const std::string& name : diag.keys) keys.push_back(key_code(name));

    PlayerFigures fig;
    fig.renderer = win.renderer_name();
    fig.refresh_hz = win.refresh_hz();
    fig.vsync = win.vsync();
    long presents = 0;
    Presented last;
    std::vector<Presented> log;
    win.on_present = [&](const Presented& p) {
        if (announce) {
            announce = false;
            // Local wall-clock time to the millisecond (what a reader compares with the save)
            // and the scene time shown.
            timespec ts{};
            clock_gettime(CLOCK_REALTIME, &ts);
            tm local{};
            localtime_r(&ts.tv_sec, &local);
            char wall[16];
            strftime(wall, sizeof wall, "%H:%M:%S", &local);
            // An error's lines on one line, for a reader of the log (and the tests).
            std::string error = win.controller().error();
            std::replace(error.begin(), error.end(), '\n', ' ');
            std::fprintf(stderr, "reel: on screen at %s.%03ld: %s (t = %.3f s)%s%s\n", wall, ts.tv_nsec / 1000000L,
                         !error.empty() ? "error" : first ? "first version" : "new version", p.shown,
                         error.empty() ? "" : ": ",
                         error.substr(0, 400).c_str());
        }
        if (live) live->showing(win.controller(), p.done);
        first = false;
        last = p;
        ++presents;
        if (diag.measure != PlayerMeasure::None) log.push_back(p);
    };
    const Seconds opened = wall_now();
    while (presents == 0 && !win.done()) win.step(kForever);

    for (SDL_Keycode k : keys) {
        push_key(win.sdl_window(), k);
        win.step(0);
    }
    const OverlayLayout& lay = win.controller().layout();
    const double ratio = win.pixel_ratio();
    const int bar_y = static_cast<int>(std::lround((lay.track.y + lay.track.h / 2) / ratio));
    if (diag.hover) {
        // The real pointer: the window system reports the motion like a hand's.
        SDL_WarpMouseInWindow(win.sdl_window(),
                              static_cast<int>(std::lround(lay.x_of(*diag.hover, timeline.duration()) / ratio)),
                              bar_y);
    }

    if (!diag.screenshot.empty()) {
        run_until(win, opened + diag.screenshot_after);
        win.request_capture();
        while (!win.captured() && !win.done()) win.step(0);
        if (!win.captured()) throw std::runtime_error("the window closed before the screenshot");
        std::string error;
        if (!write_png(*win.captured(), diag.screenshot, &error)) throw std::runtime_error(error);
        if (!diag.console_screenshot.empty()) {
            ConsoleWindow* console = win.console();
            if (!console) throw std::runtime_error("--console-screenshot needs the presenter console (--console)");
            console->request_capture();
            while (!console->captured() && !win.done()) win.step(0);
            if (!console->captured()) throw std::runtime_error("the window closed before the console screenshot");
            if (!write_png(*console->captured(), diag.console_screenshot, &error)) throw std::runtime_error(error);
        }
        return fig;
    }

    switch (diag.measure) {
    case PlayerMeasure::None:
        while (!win.done()) win.step(kForever);
        break;
    case PlayerMeasure::Playback: {
        const Seconds from = win.controller().time(win.tick0());
        // The CPU of the whole process (the sound's threads too) from the first picture on, so
        // that runs with and without sound (--audio none) compare per picture presented.
        const double cpu0 = cpu_seconds();
        const double main0 = cpu_seconds(RUSAGE_THREAD);
        const double sound0 = win.sound().cpu_seconds();
        const Seconds wall0 = wall_now();
        const long presents0 = presents;
        while (!win.done() && win.controller().playing()) win.step(kForever);
        fig.cpu_seconds = cpu_seconds() - cpu0;
        fig.main_cpu_seconds = cpu_seconds(RUSAGE_THREAD) - main0;
        fig.sound_cpu_seconds = win.sound().cpu_seconds() - sound0;
        fig.play_seconds = wall_now() - wall0;
        fig.presented = presents - presents0;
        const Seconds period = win.period();
        const Seconds span = (timeline.duration() - from) / settings.speed;
        fig.slots = static_cast<long>(std::ceil(span / period - 1e-9));
        std::vector<char> on_time(static_cast<std::size_t>(std::max(fig.slots, 0L)), 0);
        std::vector<double> drawing;
        Seconds previous = -1;
        for (const Presented& p : log) {
            drawing.push_back(p.drawing * 1000.0);
            if (p.slot >= 0 && p.slot < fig.slots &&
                p.done < win.tick0() + static_cast<double>(p.slot + 1) * period)
                on_time[static_cast<std::size_t>(p.slot)] = 1;
            // With real vsync each present waits for its refresh: on time means no gap.
            if (p.slot < 0 && previous >= 0 && p.done - previous <= 1.5 * period) ++fig.on_time;
            previous = p.done;
        }
        fig.on_time += std::count(on_time.begin(), on_time.end(), 1);
        fig.on_time = std::min(fig.on_time, fig.slots);
        fig.draw_ms_median = percentile(drawing, 0.5);
        fig.draw_ms_p99 = percentile(drawing, 0.99);
        break;
    }
    case PlayerMeasure::Scrub: {
        const int x0 = static_cast<int>(std::ceil(lay.track.x / ratio));
        const int x1 = static_cast<int>(std::floor((lay.track.x + lay.track.w) / ratio)) - 1;
        push_button(win.sdl_window(), true, x0, bar_y);
        win.step(0);
        int x = x0;
        std::vector<double> latency;
        for (int i = 0; i < diag.scrub_positions; ++i) {
            x = x0 + static_cast<int>(std::lround((i + 1) * static_cast<double>(x1 - x0) /
                                                  diag.scrub_positions));
            const Seconds expected = lay.time_at(x * ratio, timeline.duration());
            const long before = presents;
            const Seconds sent = wall_now();
            SDL_WarpMouseInWindow(win.sdl_window(), x, bar_y);
            const Seconds give_up = sent + 0.5;
            bool seen = false;
            while (!seen && wall_now() < give_up && !win.done()) {
                win.step(give_up - wall_now());
                seen = presents > before && std::abs(last.shown - expected) < 1e-9;
            }
            if (seen) latency.push_back((last.done - sent) * 1000.0);
            // One position per 60 Hz frame: each is measured on its own, not queued behind
            // the previous one.
            run_until(win, sent + 1.0 / 60.0);
        }
        push_button(win.sdl_window(), false, x, bar_y);
        win.step(0);
        fig.scrub_shown = static_cast<int>(latency.size());
        fig.scrub_ms_median = percentile(latency, 0.5);
        fig.scrub_ms_p99 = percentile(latency, 0.99);
        fig.scrub_ms_max = percentile(latency, 1.0);
        std::vector<double> drawing;
        for (const Presented& p : log) drawing.push_back(p.drawing * 1000.0);
        fig.draw_ms_median = percentile(drawing, 0.5);
        fig.draw_ms_p99 = percentile(drawing, 0.99);
        break;
    }
    case PlayerMeasure::Idle: {
        run_until(win, wall_now() + 0.5); // let start-up work settle
        const long before = presents;
        const double cpu0 = cpu_seconds();
        const Seconds wall0 = wall_now();
        run_until(win, wall0 + diag.idle_seconds);
        const Seconds wall1 = wall_now();
        fig.idle_cpu_percent = 100.0 * (cpu_seconds() - cpu0) / (wall1 - wall0);
        fig.idle_redraws = presents - before;
        break;
    }
    }
    return fig;
}

} // namespace reel
