// Shared helpers of the subcommands: scene lookup, time and size parsing.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>
#include <numeric>
#include <cmath>
#include <cstdlib>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>

#include <sys/time.h>

#include <fmt/format.h>

#include "command.h"
#include "crash.h"
#include "files/runtime.h"
#include "quality.h"
#include "plugin/plugin.h"
#include "render/render.h"

namespace reel::cli {

namespace {
std::chrono::steady_clock::time_point g_start = std::chrono::steady_clock::now();
}

void mark_process_start() { g_start = std::chrono::steady_clock::now(); }

double seconds_since_start() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - g_start).count();
}

std::vector<std::string>& plugin_options() {
    static std::vector<std::string> files;
    return files;
}

bool& verbose_option() {
    static bool verbose = false;
    return verbose;
}

std::string scene_error_text(const std::string& text) {
    if (verbose_option()) return text;
    constexpr std::size_t kMaxShown = 300;
    std::string out;
    bool left_out = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n' || c == '\r') {
            left_out = text.find_first_not_of("\r\n \t", i) != std::string::npos;
            break;
        }
        if (c == 0x1b) { // ESC [ parameters final-byte (colours, cursor moves), or ESC and one byte
            if (i + 1 < text.size() && text[i + 1] == '[') {
                i += 2;
                while (i < text.size() && !(text[i] >= 0x40 && text[i] <= 0x7e)) ++i;
            } else {
                ++i;
            }
            continue;
        }
        if (c < 0x20 || c == 0x7f) {
            out += ' ';
            continue;
        }
        out += static_cast<char>(c);
    }
    if (out.size() > kMaxShown) {
        std::size_t cut = kMaxShown;
        while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut; // whole characters
        out.resize(cut);
        left_out = true;
    }
    if (left_out) out += fmt::format(" [... {} characters in all; --verbose shows them]", text.size());
    return out;
}

namespace {

namespace fs = std::filesystem;

// The scene a command runs when none is named: the promo, or the first --plugin's first scene.
std::string& default_name() {
    static std::string name = "transformer";
    return name;
}

// Where each loaded scene came from. Built-in plug-ins are loaded only when a scene is looked
// for or listed, so that `reel play` opens one plug-in, not all of them.
struct Sources {
    std::vector<SceneSource> plugins; // --plugin's files, in the order given
    std::vector<SceneSource> path;    // REEL_PLUGIN_PATH's files
    SceneSource builtin;              // the built-in scenes loaded so far
    std::set<std::string> builtin_files;
    bool all_builtin = false;
    // Each scene's plug-in: the file as given and the file dlopen opened (for crash messages).
    std::map<std::string, std::pair<std::string, std::string>> plugin_of;
};

Sources& sources() {
    static Sources s;
    return s;
}

bool lists(const SceneSource& source, const std::string& name) {
    return std::find(source.scenes.begin(), source.scenes.end(), name) != source.scenes.end();
}

// A scene from --plugin or REEL_PLUGIN_PATH.
bool given(const std::string& name) {
    const Sources& all = sources();
    auto in = [&](const std::vector<SceneSource>& v) {
        return std::any_of(v.begin(), v.end(), [&](const SceneSource& s) { return lists(s, name); });
    };
    return in(all.plugins) || in(all.path);
}

// Loads a plug-in given by the user; its scenes replace any loaded before under the same names.
LoadedPlugin load_given(const std::string& file, std::vector<SceneSource>& into, std::string heading) {
    set_crash_context("", file, ""); // a static constructor runs in dlopen
    LoadedPlugin p = load_plugin(file);
    set_crash_context("", "", "");
    Sources& all = sources();
    // Two plug-ins the user gave with a scene of the same name: the later one's is shown, and
    // the user is told which replaced which (silently it looked like a reload that did nothing).
    for (const std::string& name : p.scenes)
        if (given(name))
            if (auto it = all.plugin_of.find(name); it != all.plugin_of.end())
                note(fmt::format("{}: warning: scene '{}' of plug-in {} replaces the one of plug-in {} (rename one "
                                 "of them to use both)\n",
                                 command_label(), name, file, it->second.first));
    for (const std::string& name : p.scenes) all.plugin_of[name] = {file, p.opened};
    for (auto* v : {&all.plugins, &all.path})
        for (SceneSource& s : *v)
            std::erase_if(s.scenes, [&](const std::string& n) {
                return std::find(p.scenes.begin(), p.scenes.end(), n) != p.scenes.end();
            });
    into.push_back({std::move(heading), p.scenes});
    return p;
}

void load_builtin(const std::string& file) {
    Sources& all = sources();
    if (!all.builtin_files.insert(file).second) return;
    // The scenes of --plugin and REEL_PLUGIN_PATH keep their names: they are loaded before the
    // built-in ones are looked at, so they go back over any built-in scene of the same name.
    std::vector<SceneInfo> kept;
    for (auto* v : {&all.plugins, &all.path})
        for (const SceneSource& s : *v)
            for (const std::string& name : s.scenes)
                if (const SceneInfo* info = find_scene(name)) kept.push_back(*info);
    // In place: the built-in scenes do not change while reel runs, and a copy would be a write
    // that a full disk or a file-size limit refuses.
    set_crash_context("", file, "");
    LoadedPlugin p = load_plugin(file, PluginLoad::InPlace);
    set_crash_context("", "", "");
    for (SceneInfo& info : kept) register_scene(std::move(info));
    for (const std::string& name : p.scenes)
        if (!given(name)) all.plugin_of[name] = {file, p.opened};
    for (const std::string& name : p.scenes)
        if (!given(name) && !lists(all.builtin, name)) all.builtin.scenes.push_back(name);
}

// A scene name that can also be a file name in the built-in folder (no path, no dots).
bool plain_name(const std::string& name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
}

// The built-in plug-in holding the scene of that name, found without loading the others: a scene
// folder's plug-in is named after the folder, and its main scene usually after both.
void load_builtin_named(const std::string& name) {
    const std::string dir = builtin_scenes_dir();
    if (dir.empty() || !plain_name(name)) return;
    std::error_code ec;
    const fs::path file = fs::path(dir) / (name + ".so");
    if (fs::is_regular_file(file, ec)) load_builtin(file.string());
}

} // namespace

void load_plugins() {
    Sources& all = sources();
    // A stale entry (a removed build, a plug-in of an older Reel) must not break every command:
    // it is skipped with a warning that names the variable. (--plugin's files are what the
    // user asked for now: those stay errors.)
    for (const std::string& file : plugin_path_files(std::getenv("REEL_PLUGIN_PATH"))) {
        try {
            load_given(file, all.path, fmt::format("plug-in {} (REEL_PLUGIN_PATH)", file));
        } catch (const PluginError& e) {
            note(fmt::format("{}: warning: skipped REEL_PLUGIN_PATH entry '{}': {}\n", command_label(), file,
                             e.what()));
        }
    }
    bool first = true;
    for (const std::string& file : plugin_options()) {
        LoadedPlugin p = load_given(file, all.plugins, fmt::format("plug-in {}", file));
        if (first) default_name() = p.scenes.front();
        first = false;
    }
    set_default_scene(default_name());
}

std::string builtin_scenes_dir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    // The build tree's reel has them beside it (build/lib/reel/scenes), an installed one in
    // PREFIX/lib/reel/scenes, like its fonts: an installation can be moved.
    for (const fs::path& dir : {exe.parent_path() / "lib/reel/scenes", exe.parent_path() / REEL_BIN_TO_SCENES})
        if (fs::is_directory(dir, ec)) return fs::weakly_canonical(dir, ec).string();
    return {};
}

void load_builtin_scenes() {
    Sources& all = sources();
    if (all.all_builtin) return;
    all.all_builtin = true;
    const std::string dir = builtin_scenes_dir();
    if (dir.empty()) return;
    for (const std::string& file : plugin_path_files(dir.c_str())) load_builtin(file);
}

std::vector<SceneSource> scene_sources() {
    const Sources& all = sources();
    std::vector<SceneSource> out = all.plugins;
    out.insert(out.end(), all.path.begin(), all.path.end());
    out.push_back({fmt::format("built-in scenes ({})", builtin_scenes_dir()), all.builtin.scenes});
    std::erase_if(out, [](const SceneSource& s) { return s.scenes.empty(); });
    return out;
}

const SceneInfo& scene_or_default(const std::string& name) {
    auto none = [] {
        return UsageError(fmt::format("no scenes: {} (load scenes with --plugin FILE or REEL_PLUGIN_PATH)",
                                      builtin_scenes_dir().empty()
                                          ? "the built-in scenes' folder lib/reel/scenes is missing"
                                          : "the built-in scenes' folder " + builtin_scenes_dir() + " holds none"));
    };
    if (name.empty()) {
        if (!find_scene(default_name())) load_builtin_named(default_name());
        if (!default_scene()) load_builtin_scenes();
        if (!default_scene()) throw none();
        return *default_scene();
    }
    if (const SceneInfo* s = find_scene(name)) return *s;
    load_builtin_named(name);
    if (const SceneInfo* s = find_scene(name)) return *s;
    load_builtin_scenes();
    if (const SceneInfo* s = find_scene(name)) return *s;
    if (scene_registry().empty()) throw none();
    std::string names;
    for (const SceneInfo* s : scene_registry()) names += (names.empty() ? "" : ", ") + s->name;
    throw UsageError(fmt::format("unknown scene '{}' (scenes: {})", name, names));
}

std::string plugin_of(const std::string& scene) {
    const auto& map = sources().plugin_of;
    auto it = map.find(scene);
    return it == map.end() ? std::string() : it->second.first;
}

Timeline load_timeline(const SceneInfo& scene, const RecordingOptions& options) {
    // From here on a crash is this scene's: its recording, and its updaters while frames render.
    const auto& map = sources().plugin_of;
    auto it = map.find(scene.name);
    if (it != map.end())
        set_crash_context(scene.name, it->second.first, it->second.second);
    else
        set_crash_context(scene.name, "", "");
    RecordingOptions stoppable = options;
    stoppable.cancel = &stop_flag();
    const std::string plugin = plugin_of(scene.name);
    const std::string who = fmt::format("scene '{}'{}", scene.name,
                                        plugin.empty() ? "" : fmt::format(" (plug-in {})", fs::path(plugin).filename().string()));
    try {
        return record_scene(scene, stoppable);
    } catch (const UsageError&) {
        throw;
    } catch (const RecordingStopped&) {
        throw stopped_error(fmt::format("nothing written ({} was recording)", who));
    } catch (const std::exception& e) {
        if (stop_requested()) throw stopped_error(fmt::format("nothing written ({} was recording)", who));
        throw UsageError(fmt::format("scene '{}' failed to record: {}", scene.name, scene_error_text(e.what())));
    } catch (...) {
        if (stop_requested()) throw stopped_error(fmt::format("nothing written ({} was recording)", who));
        throw UsageError(fmt::format("{} failed to record: it threw something that is not a std::exception "
                                     "(throw std::runtime_error(\"why\") instead)",
                                     who));
    }
}

namespace {

bool is_digits(const std::string& s, std::size_t from, std::size_t to) {
    if (from >= to) return false;
    for (std::size_t i = from; i < to; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

// Decimal: digits with an optional fraction ("12", "12.5", "12.", ".5").
bool is_decimal(const std::string& s) {
    std::size_t dot = s.find('.');
    if (dot == std::string::npos) return is_digits(s, 0, s.size());
    const bool whole = dot == 0 || is_digits(s, 0, dot);
    const bool frac = dot + 1 == s.size() || is_digits(s, dot + 1, s.size());
    return whole && frac && s.size() > 1;
}

double decimal_value(const std::string& s) {
    return std::strtod(s.c_str(), nullptr); // validated by is_decimal: plain digits and a dot
}

} // namespace

double parse_time(const std::string& text, const std::string& what) {
    auto bad = [&]() {
        return UsageError(fmt::format("{} '{}' is not a time (use seconds like 12.5 or m:ss like 1:02.5)",
                                      what, text));
    };
    if (text.size() > 1 && text[0] == '-') {
        try {
            parse_time(text.substr(1), what);
        } catch (const UsageError&) {
            throw bad();
        }
        throw UsageError(fmt::format("{} must not be negative (got '{}')", what, text));
    }
    const std::size_t colon = text.find(':');
    if (colon == std::string::npos) {
        if (!is_decimal(text)) throw bad();
        return decimal_value(text);
    }
    const std::string minutes = text.substr(0, colon), seconds = text.substr(colon + 1);
    if (!is_digits(minutes, 0, minutes.size()) || minutes.size() > 6 || !is_decimal(seconds)) throw bad();
    // ss: one or two digits before the fraction, under 60.
    const std::size_t whole = std::min(seconds.find('.'), seconds.size());
    if (whole == 0 || whole > 2) throw bad();
    const double s = decimal_value(seconds);
    if (s >= 60)
        throw UsageError(fmt::format("{} '{}': the seconds of m:ss must be under 60", what, text));
    return std::stod(minutes) * 60.0 + s;
}

double within_duration(double t, const std::string& text, const std::string& what, const std::string& scene,
                       double duration) {
    // `reel scenes` prints durations to the millisecond: anything that rounds to the
    // printed figure (or below) is inside.
    if (t > duration + 0.0005 + 1e-9)
        throw UsageError(fmt::format("{} {} is past the end of '{}' (duration {:.3f} s)", what, text, scene,
                                     duration));
    return std::min(t, duration);
}

std::string FrameRate::text() const {
    return den == 1 ? std::to_string(num) : fmt::format("{}/{} ({:.3f})", num, den, value());
}

FrameRate parse_frame_rate(const std::string& text, const std::string& what) {
    auto bad = [&]() {
        return UsageError(fmt::format("{} '{}' is not a frame rate (use a number like 30 or 23.976, or a "
                                      "ratio like 24000/1001)", what, text));
    };
    const std::size_t slash = text.find('/');
    long long num = 0, den = 1;
    if (slash != std::string::npos) {
        if (!is_digits(text, 0, slash) || !is_digits(text, slash + 1, text.size()) || slash > 9 ||
            text.size() - slash - 1 > 9)
            throw bad();
        num = std::stoll(text.substr(0, slash));
        den = std::stoll(text.substr(slash + 1));
        if (den == 0) throw bad();
    } else {
        if (!is_decimal(text) || text.size() > 12) throw bad();
        const std::size_t dot = text.find('.');
        const int decimals = dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
        const double v = decimal_value(text);
        // The NTSC rates as people type them: 23.976, 29.97, 59.94 ... mean N*1000/1001.
        for (long long n : {24, 30, 48, 60, 120, 240}) {
            const double ntsc = static_cast<double>(n) * 1000.0 / 1001.0;
            if (decimals >= 2 && std::abs(v - ntsc) < 0.5 * std::pow(10.0, -decimals)) {
                num = n * 1000;
                den = 1001;
            }
        }
        if (num == 0) {
            den = 1;
            for (int i = 0; i < decimals; ++i) den *= 10;
            std::string digits = text;
            digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
            num = digits.empty() ? 0 : std::stoll(digits);
        }
    }
    const long long g = std::gcd(num, den);
    if (g > 1) {
        num /= g;
        den /= g;
    }
    if (num > 1'000'000 || den > 1'000'000 || num <= 0) {
        if (num == 0) throw UsageError(fmt::format("{} {} is out of range (1 to 240)", what, text));
        throw bad();
    }
    return {static_cast<int>(num), static_cast<int>(den)};
}

namespace {
std::atomic<bool> g_stop{false};
volatile std::sig_atomic_t g_stop_signal = 0;
struct sigaction g_old_int {}, g_old_term {}, g_old_xfsz {};

struct sigaction g_old_alarm {};

// The watchdog: scene code that never returns to Reel (a pure computing loop, a scene that
// swallows RecordingStopped) does not keep the process alive. Removes the temporaries, exits.
extern "C" void on_stop_timeout(int) {
    reel::remove_registered_temporaries();
    const bool term = g_stop_signal == SIGTERM;
    write_error_line(term ? "terminated (SIGTERM): stopped, the scene's code did not return within 1.5 s; "
                            "no file was changed"
                          : "interrupted (Ctrl-C): stopped, the scene's code did not return within 1.5 s; "
                            "no file was changed");
    ::_exit(term ? 128 + SIGTERM : 128 + SIGINT);
}

extern "C" void on_stop_signal(int sig) {
    if (g_stop.load()) return; // the watchdog is already counting
    g_stop_signal = sig;
    g_stop.store(true);
    itimerval timer{};
    timer.it_value.tv_sec = 1;
    timer.it_value.tv_usec = 500000;
    ::setitimer(ITIMER_REAL, &timer, nullptr);
}
} // namespace

StopSignals::StopSignals() {
    g_stop.store(false);
    g_stop_signal = 0;
    struct sigaction sa {};
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &g_old_int);
    sigaction(SIGTERM, &sa, &g_old_term);
    struct sigaction watchdog {};
    watchdog.sa_handler = on_stop_timeout;
    sigemptyset(&watchdog.sa_mask);
    sigaction(SIGALRM, &watchdog, &g_old_alarm);
    // A full disk under a file-size limit must fail the write instead of killing the process.
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGXFSZ, &ignore, &g_old_xfsz);
}

StopSignals::~StopSignals() {
    // The command is ending by itself: the watchdog has nothing left to do.
    itimerval off{};
    ::setitimer(ITIMER_REAL, &off, nullptr);
    sigaction(SIGALRM, &g_old_alarm, nullptr);
    sigaction(SIGINT, &g_old_int, nullptr);
    sigaction(SIGTERM, &g_old_term, nullptr);
    sigaction(SIGXFSZ, &g_old_xfsz, nullptr);
}

const std::atomic<bool>& stop_flag() { return g_stop; }

bool stop_requested() { return g_stop.load(); }

UsageError stopped_error(const std::string& what_happened) {
    const int sig = g_stop_signal ? static_cast<int>(g_stop_signal) : SIGINT;
    const std::string what = sig == SIGTERM ? "terminated (SIGTERM)" : "interrupted (Ctrl-C)";
    return UsageError(fmt::format("{}: stopped, {}", what, what_happened), 128 + sig);
}

void check_threads_available(int count) {
    std::mutex m;
    std::condition_variable cv;
    bool release = false;
    std::vector<std::thread> threads;
    std::string failure;
    try {
        for (int i = 0; i < count; ++i)
            threads.emplace_back([&] {
                std::unique_lock lock(m);
                cv.wait(lock, [&] { return release; });
            });
    } catch (const std::system_error& e) {
        failure = e.code().message();
    }
    {
        std::lock_guard lock(m);
        release = true;
    }
    cv.notify_all();
    for (auto& t : threads) t.join();
    if (!failure.empty())
        throw UsageError(fmt::format("cannot start {} threads (started {}): {} (a process or memory limit such as "
                                     "ulimit -u or -v? try --workers 1)",
                                     count, threads.size(), failure));
}

void note(const std::string& line) {
    (void)!std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
    std::clearerr(stderr);
}

std::size_t find_section(const Timeline& tl, const std::string& text, const std::string& what,
                         const std::string& scene) {
    const auto& secs = tl.sections();
    for (std::size_t i = 0; i < secs.size(); ++i)
        if (secs[i].name == text) return i;
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos && text.size() < 10) {
        const unsigned long n = std::stoul(text);
        if (n >= 1 && n <= secs.size()) return n - 1;
    }
    std::string names;
    for (std::size_t i = 0; i < secs.size(); ++i)
        names += fmt::format("{}{} {}", names.empty() ? "" : ", ", i + 1, secs[i].name);
    throw UsageError(fmt::format("{} '{}': scene '{}' has no such section (sections: {})", what, text, scene,
                                 names.empty() ? "none" : names));
}

void parse_resolution(const std::string& text, int& width, int& height) {
    std::size_t x = text.find('x');
    auto bad = [&]() {
        return UsageError(fmt::format("resolution '{}' is not WIDTHxHEIGHT (e.g. 1920x1080)", text));
    };
    if (x == std::string::npos) throw bad();
    std::string ws = text.substr(0, x), hs = text.substr(x + 1);
    if (!is_digits(ws, 0, ws.size()) || !is_digits(hs, 0, hs.size()) || ws.size() > 6 || hs.size() > 6)
        throw bad();
    long w = std::stol(ws), h = std::stol(hs);
    if (w < 16 || h < 16 || w > 16384 || h > 16384)
        throw UsageError(fmt::format("resolution '{}' is out of range (16 to 16384 pixels a side)", text));
    width = static_cast<int>(w);
    height = static_cast<int>(h);
}

void resolve_size(const std::string& quality, const std::string& resolution, int& width, int& height) {
    const Quality* q = quality.size() == 1 ? find_quality(quality[0]) : nullptr;
    if (!q) throw UsageError(fmt::format("unknown quality '{}' (use l, m, h, p or k)", quality));
    width = q->width;
    height = q->height;
    if (!resolution.empty()) parse_resolution(resolution, width, height);
}

} // namespace reel::cli
