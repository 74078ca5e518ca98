// LiveSession: a watcher (inotify) and a worker thread (waits out a half-written plug-in, runs
// builds) feed flags that poll() turns into a reload on the player's thread.
#include "live/session.h"

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>

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
    LiveScene scene;

    std::mutex mutex;
    std::condition_variable cv;
    std::function<void()> wake;              // the player's, while connected
    bool stop = false;                       // the session ends
    bool sources_changed = false;            // dev: a saved source file, to build
    bool plugin_changed = false;             // the plug-in file changed, to wait out
    bool reload = false;                     // a complete plug-in, for poll() to load
    std::optional<std::string> build_error;  // a failed build, for poll() to show
    std::optional<SourceHashes> built;       // worker only: the sources the last good build started from

    std::optional<FileWatcher> watcher;
    std::thread worker;

    Impl(LiveOptions o, LiveLog l) : options(std::move(o)), log(std::move(l)), scene(options.plugin, options.scene) {
        if (!log) log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
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
        cv.notify_one();
    }

    void run() {
        std::unique_lock lock(mutex);
        while (true) {
            cv.wait(lock, [&] { return stop || sources_changed || plugin_changed; });
            if (stop) return;
            if (sources_changed) {
                // Editors write a file in several steps; let them finish.
                lock.unlock();
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
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
                    reload = true;
                    notify_player();
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
            reload = true;
            notify_player();
        }
    }

    // Runs `cmake --build` (configuring a deleted build folder first); a failure is published.
    // True when it succeeded.
    bool build() {
        const auto t0 = std::chrono::steady_clock::now();
        CommandResult r;
        try {
            if (!fs::exists(fs::path(options.build_dir) / "CMakeCache.txt")) {
                log(fmt::format("reel dev: configuring {}", options.build_dir));
                r = configure_project(options.project_dir, options.build_dir, options.reel_cmake_dir);
            } else {
                r.ok = true;
            }
            if (r.ok) r = run_command({"cmake", "--build", options.build_dir});
        } catch (const std::exception& e) {
            r = {false, e.what()};
        }
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (r.ok) {
            log(fmt::format("reel dev: built in {:.2f} s", secs));
            return true;
        }
        std::string errors = build_errors(r.output);
        log(fmt::format("reel dev: build failed ({:.2f} s):\n{}", secs, errors));
        std::lock_guard lock(mutex);
        build_error = std::move(errors);
        notify_player();
        return false;
    }
};

LiveSession::LiveSession(LiveOptions options, LiveLog log)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(log))) {
    Impl& s = *impl_;
    if (!s.scene.reload()) throw PluginError(s.scene.error());
    // The project was just built (build_project): what it holds now is what was built.
    if (!s.options.project_dir.empty()) s.built = hash_sources(s.options.project_dir);
    s.worker = std::thread([&s] { s.run(); });
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
        s.cv.notify_one();
        s.worker.join();
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
    impl_->cv.notify_one();
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
    if (impl_->wake && (impl_->reload || impl_->build_error)) impl_->wake();
}

const Timeline* LiveSession::poll(std::string& error) {
    Impl& s = *impl_;
    bool reload = false;
    std::optional<std::string> build_error;
    {
        std::lock_guard lock(s.mutex);
        std::swap(reload, s.reload);
        std::swap(build_error, s.build_error);
    }
    const Timeline* next = nullptr;
    if (build_error) {
        s.scene.set_error("Build failed\n" + *build_error);
    } else if (reload) {
        if (s.scene.reload()) {
            next = s.scene.timeline();
        } else {
            s.log(fmt::format("reel: reload failed: {}", s.scene.error()));
            s.scene.set_error("Reload failed\n" + s.scene.error());
        }
    }
    error = s.scene.error();
    return next;
}

} // namespace reel
