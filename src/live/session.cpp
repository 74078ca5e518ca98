// LiveSession: a watcher (inotify) feeds a worker thread (waits out a half-written plug-in, runs
// builds, loads and records a new version) whose result poll() hands to the player's thread; a
// monitor thread keeps an eye on a recording that takes long.
#include "live/session.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "base/clock.h"
#include "base/signal_stack.h"
#include "files/runtime.h"
#include "live/scene.h"
#include "plugin/plugin.h"

namespace reel {

namespace fs = std::filesystem;

namespace {

// What the project's source files hold: path -> 64-bit FNV-1a of the bytes.
using SourceHashes = std::map<std::string, std::uint64_t>;

std::uint64_t hash_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::uint64_t h = 14695981039346656037ull;
    char buf[65536];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        for (std::streamsize i = 0; i < in.gcount(); ++i) {
            h ^= static_cast<unsigned char>(buf[i]);
            h *= 1099511628211ull;
        }
        if (!in) break;
    }
    return h;
}

// The sources FileWatcher reports: hidden folders and build folders are left out.
SourceHashes hash_sources(const std::string& project) {
    SourceHashes hashes;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(project, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (it->is_directory(ec)) {
            if (name.starts_with(".") || name.starts_with("build")) it.disable_recursion_pending();
            continue;
        }
        if (is_project_source(it->path().string()) && it->is_regular_file(ec))
            hashes[it->path().string()] = hash_file(it->path());
    }
    return hashes;
}

// Makes what a build wrote from `started` on older than that moment, so that the next build
// compiles again every file saved since: a compiler that read a file before it was saved
// wrote its object after the save, and Ninja or Make would take that object as up to date.
void make_outputs_stale(const std::string& build_dir, fs::file_time_type started) {
    std::error_code ec;
    const fs::file_time_type before = started - std::chrono::milliseconds(1);
    for (auto it = fs::recursive_directory_iterator(build_dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const std::string ext = it->path().extension().string();
        if (!(ext == ".o" || ext == ".obj" || ext == ".gch" || ext == ".pch") || !it->is_regular_file(ec)) continue;
        if (fs::last_write_time(it->path(), ec) >= started && !ec) fs::last_write_time(it->path(), before, ec);
    }
}

} // namespace

struct LiveSession::Impl {
    LiveOptions options;
    LiveLog log;
    LiveScene scene; // the worker's (and the constructor's) only

    std::mutex mutex;
    std::condition_variable cv;              // the worker waits on it
    std::condition_variable monitor_cv;      // the monitor waits on it
    std::function<void()> wake;              // the player's, while connected
    bool stop = false;                       // the session ends
    bool sources_changed = false;            // dev: a saved source file, to build
    bool plugin_changed = false;             // the plug-in file changed, to wait out
    const Timeline* fresh = nullptr;         // a new version recorded, for poll() to hand over
    std::string error;                       // what poll() shows over the picture
    std::optional<std::chrono::steady_clock::time_point> recording_since; // a version records
    std::string recording_scene;             // its scene, once loaded
    std::atomic<bool> cancel{false};         // stops the recording past the limit
    bool finished = false;                   // the worker returned
    std::optional<SourceHashes> built;       // worker only: the sources the last good build started from
    std::pair<const Timeline*, std::string> unshown; // keep_dir: a version recorded, its copy, until shown
    int recorded_count = 0;

    std::optional<FileWatcher> watcher;
    std::thread worker;
    std::thread monitor;

    Impl(LiveOptions o, LiveLog l) : options(std::move(o)), log(std::move(l)), scene(options.plugin, options.scene) {
        if (!log) log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
        if (!options.abandon)
            options.abandon = [this](const std::string& message) {
                log(fmt::format("reel: {}", message));
                remove_registered_temporaries();
                std::_Exit(1);
            };
        scene.on_running = [this](const std::string& name, const std::string& opened) {
            {
                std::lock_guard lock(mutex);
                recording_scene = name;
            }
            if (options.running) options.running(name, options.plugin, opened);
        };
    }

    // With `mutex` held.
    void notify_player() {
        if (wake) wake();
    }

    bool stopping() {
        std::lock_guard lock(mutex);
        return stop;
    }

    void changed(bool source) {
        {
            std::lock_guard lock(mutex);
            (source ? sources_changed : plugin_changed) = true;
        }
        cv.notify_all();
    }

    // "scene 'x' (plug-in y.so)": whose code runs, for messages.
    std::string who() {
        std::lock_guard lock(mutex);
        const std::string file = fs::path(options.plugin).filename().string();
        return recording_scene.empty() ? fmt::format("plug-in {}", file)
                                       : fmt::format("scene '{}' (plug-in {})", recording_scene, file);
    }

    // The file to load a new version from: `plugin`, or with a keep folder a copy there (so that
    // a good version can be kept as it was loaded, whatever the build writes next).
    std::string candidate() {
        if (options.keep_dir.empty()) return {};
        const fs::path copy = fs::path(options.keep_dir) / "candidate.so";
        std::error_code ec;
        fs::remove(copy, ec); // never written in place: a loaded copy stays mapped
        fs::copy_file(options.plugin, copy, ec);
        if (ec) return {}; // loading `plugin` itself then says what is wrong with it
        return copy.string();
    }

    // The version in `file` recorded: it becomes the last good one once the player has shown
    // it (a version can record and still crash or hang while it is drawn). With `mutex` held.
    void recorded(const std::string& file, const Timeline* timeline) {
        std::error_code ec;
        if (!unshown.second.empty()) fs::remove(unshown.second, ec); // replaced before it was shown
        const fs::path kept = fs::path(options.keep_dir) / fmt::format("recorded-{}.so", ++recorded_count);
        fs::rename(file, kept, ec);
        unshown = {timeline, ec ? std::string() : kept.string()};
    }

    // Loads and records the new version on this thread (the worker) and hands it to poll().
    // With `lock` held on entry and exit.
    void record_new_version(std::unique_lock<std::mutex>& lock) {
        // The player still has to take the previous version: the scene keeps two timelines,
        // the one shown and the next.
        cv.wait(lock, [&] { return stop || !fresh; });
        if (stop) return;
        recording_since = std::chrono::steady_clock::now();
        recording_scene.clear();
        cancel = false;
        lock.unlock();
        monitor_cv.notify_all();
        const std::string file = candidate();
        const bool ok = scene.reload(file, &cancel);

        std::string failure;
        if (!ok) {
            failure = cancel ? fmt::format("{} was still recording after {:g} s: stopped (an endless loop? "
                                           "--record-limit raises the limit)",
                                           who(), options.record_limit)
                             : scene.error();
            log(fmt::format("reel: reload failed: {}", failure));
        } else {
            const ReloadTimes& t = scene.times();
            log(fmt::format("reel: loaded in {:.3f} s (CPU {:.3f} s), recorded in {:.3f} s (CPU {:.3f} s); ready at {}",
                            t.load, t.load_cpu, t.record, t.record_cpu, wall_clock_now()));
        }
        lock.lock();
        recording_since.reset();
        if (ok) {
            fresh = scene.timeline();
            error.clear();
            if (!file.empty()) recorded(file, fresh);
        } else {
            error = "Reload failed\n" + failure;
        }
        notify_player();
    }

    void run() {
        SignalStack signal_stack; // scene code records here: its stack overflow is reported
        struct Finished {
            Impl& s;
            ~Finished() {
                {
                    std::lock_guard l(s.mutex);
                    s.finished = true;
                }
                s.monitor_cv.notify_all();
            }
        } finished_on_return{*this};
        std::unique_lock lock(mutex);
        while (true) {
            cv.wait(lock, [&] { return stop || sources_changed || plugin_changed; });
            if (stop) return;
            if (sources_changed) {
                // Editors write a file in several steps, and "save all" writes several files;
                // let them finish. (The watcher reports a file once it is closed or renamed into
                // place, and a save during the build builds again, so this only saves builds.)
                lock.unlock();
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
                lock.lock();
                sources_changed = false;
                lock.unlock();
                SourceHashes before = hash_sources(options.project_dir);
                const bool configured = fs::exists(fs::path(options.build_dir) / "CMakeCache.txt");
                if (built && *built == before && configured) { // saved, but the same bytes
                    lock.lock();
                    continue;
                }
                const fs::file_time_type started = fs::file_time_type::clock::now();
                const bool ok = build();
                if (hash_sources(options.project_dir) != before) {
                    // Saved while it built: what the compiler read may be older than the file.
                    make_outputs_stale(options.build_dir, started);
                    built.reset();
                    lock.lock();
                    sources_changed = true;
                } else {
                    if (ok) built = std::move(before);
                    else built.reset();
                    lock.lock();
                }
                // The build wrote the plug-in and ended: it is complete, load it at once.
                if (ok) {
                    plugin_changed = false;
                    record_new_version(lock);
                }
                continue;
            }
            plugin_changed = false;
            lock.unlock();
            const bool complete = wait_for_plugin_file(options.plugin, [this] { return stopping(); },
                                                       options.file_wait);
            lock.lock();
            // Changed again while waiting: wait again (the file is looked at once more).
            if (!complete || plugin_changed) continue;
            record_new_version(lock);
        }
    }

    // While a version records: wakes the player twice a second (its "recording... N s"), stops
    // the recording past the limit and abandons it when it does not stop.
    void watch_recording() {
        using namespace std::chrono;
        std::unique_lock lock(mutex);
        while (!stop) {
            if (!recording_since) {
                monitor_cv.wait(lock, [&] { return stop || recording_since; });
                continue;
            }
            monitor_cv.wait_for(lock, milliseconds(500));
            if (stop || !recording_since) continue;
            notify_player();
            const double secs = duration<double>(steady_clock::now() - *recording_since).count();
            if (secs > options.record_limit && !cancel) cancel = true;
            if (secs > options.record_limit + kAbandonGrace) {
                lock.unlock();
                options.abandon(fmt::format("{} was still recording after {:g} s and did not stop: abandoned (an "
                                            "endless loop? --record-limit raises the limit)",
                                            who(), options.record_limit));
                lock.lock();
            }
        }
    }

    // Runs `cmake --build` (configuring a deleted build folder first); a failure is published.
    // True when it succeeded.
    bool build() {
        const std::string started = wall_clock_now();
        const auto t0 = std::chrono::steady_clock::now();
        CommandResult r;
        try {
            if (!fs::exists(fs::path(options.build_dir) / "CMakeCache.txt")) {
                log(fmt::format("reel dev: configuring {}", options.build_dir));
                r = configure_project(options.project_dir, options.build_dir, options.reel_cmake_dir);
            } else {
                r.ok = true;
            }
            if (r.ok) r = run_command(build_command(options.build_dir));
        } catch (const std::exception& e) {
            r = {false, e.what()};
        }
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (r.ok) {
            // The start's wall-clock time and the CPU time: what scripts/dev-latency.sh breaks down.
            log(fmt::format("reel dev: built in {:.3f} s (CPU {:.3f} s; started at {})", secs, r.cpu_seconds, started));
            return true;
        }
        std::string errors = build_errors(r.output);
        log(fmt::format("reel dev: build failed ({:.2f} s):\n{}", secs, errors));
        std::lock_guard lock(mutex);
        error = "Build failed\n" + errors;
        notify_player();
        return false;
    }
};

LiveSession::LiveSession(LiveOptions options, LiveLog log)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(log))) {
    Impl& s = *impl_;
    // A restart shows the kept last good version; otherwise the first version is kept as that.
    const std::string first = s.options.first_plugin.empty() ? s.candidate() : s.options.first_plugin;
    if (!s.scene.reload(first)) throw PluginError(s.scene.error());
    if (s.options.first_plugin.empty() && !first.empty()) s.recorded(first, s.scene.timeline());
    s.error = s.options.first_error;
    // The project was just built (build_project): what it holds now is what was built.
    if (!s.options.project_dir.empty()) s.built = hash_sources(s.options.project_dir);
    s.worker = std::thread([&s] { s.run(); });
    s.monitor = std::thread([&s] { s.watch_recording(); });
    try {
        if (!s.options.project_dir.empty()) {
            s.watcher.emplace(std::vector<std::string>{s.options.project_dir}, true, [&s](const std::string& path) {
                if (is_project_source(path)) s.changed(true);
            });
        } else {
            // The linker writes the plug-in in place or renames a new file over it: both end with
            // the file's name closed after writing or moved in (and maybe deleted first).
            const fs::path file = fs::absolute(s.options.plugin);
            s.watcher.emplace(std::vector<std::string>{file.parent_path().string()}, false,
                              [&s, file](const std::string& path) {
                                  if (fs::path(path).filename() == file.filename()) s.changed(false);
                              });
        }
    } catch (...) {
        {
            std::lock_guard lock(s.mutex);
            s.stop = true;
        }
        s.cv.notify_all();
        s.monitor_cv.notify_all();
        s.worker.join();
        s.monitor.join();
        throw;
    }
}

LiveSession::~LiveSession() {
    impl_->watcher.reset(); // no more changes
    {
        std::lock_guard lock(impl_->mutex);
        impl_->stop = true;
        impl_->wake = nullptr;
    }
    impl_->cv.notify_all();
    impl_->monitor_cv.notify_all();
    // A recording still running is stopped at its next add, play or wait.
    impl_->cancel = true;
    impl_->monitor.join();
    {
        std::unique_lock lock(impl_->mutex);
        // (A build is waited for: it ends by itself.)
        if (!impl_->monitor_cv.wait_for(lock, std::chrono::duration<double>(kAbandonGrace),
                                        [&] { return impl_->finished; }) &&
            impl_->recording_since) {
            // Scene code that never returns holds the worker: it cannot be joined, and the
            // process must not wait for it (the user quit). Leave now, as cleanly as possible.
            lock.unlock();
            impl_->log("reel: a new version was still recording and did not stop; leaving it");
            std::fflush(stdout);
            std::fflush(stderr);
            remove_registered_temporaries();
            std::_Exit(0);
        }
    }
    impl_->worker.join();
}

const Timeline& LiveSession::timeline() const { return *impl_->scene.timeline(); }

const std::string& LiveSession::scene_name() const { return impl_->scene.scene_name(); }

std::uint64_t LiveSession::generation() const { return impl_->scene.generation(); }

std::string LiveSession::watching() const {
    return impl_->options.project_dir.empty() ? impl_->options.plugin : impl_->options.project_dir + " (sources)";
}

void LiveSession::connect(std::function<void()> wake) {
    std::lock_guard lock(impl_->mutex);
    impl_->wake = std::move(wake);
    if (impl_->wake && (impl_->fresh || !impl_->error.empty() || impl_->recording_since)) impl_->wake();
}

const Timeline* LiveSession::poll(std::string& error) {
    Impl& s = *impl_;
    const Timeline* next = nullptr;
    {
        std::lock_guard lock(s.mutex);
        next = std::exchange(s.fresh, nullptr);
        error = s.error;
    }
    if (next) s.cv.notify_all(); // the worker may record the next version
    return next;
}

void LiveSession::showing(const PlayerController& controller, Seconds) {
    Impl& s = *impl_;
    std::lock_guard lock(s.mutex);
    if (!s.unshown.first || &controller.timeline() != s.unshown.first) return;
    const fs::path keep(s.options.keep_dir);
    std::error_code ec;
    if (!s.unshown.second.empty()) {
        if (fs::exists(keep / "last-good.so", ec)) fs::rename(keep / "last-good.so", keep / "previous-good.so", ec);
        fs::rename(s.unshown.second, keep / "last-good.so", ec);
    }
    s.unshown = {};
}

std::string LiveSession::activity() {
    Impl& s = *impl_;
    std::lock_guard lock(s.mutex);
    if (!s.recording_since) return {};
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - *s.recording_since).count();
    return fmt::format("recording\u2026 {:.0f} s", std::floor(secs));
}

} // namespace reel
