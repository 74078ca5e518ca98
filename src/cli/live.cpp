// Live reload for `reel play --watch` and `reel dev`: a watcher thread notices a new plug-in (or,
// for dev, a saved source file, which it builds), the player's thread reloads and records it.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "command.h"
#include "player/player.h"
#include "plugin/plugin.h"
#include "plugin/watch.h"

namespace reel::cli {

namespace {

namespace fs = std::filesystem;

bool is_source(const fs::path& p) {
    static const char* exts[] = {".cpp", ".cc", ".cxx", ".c", ".h", ".hpp", ".hh", ".hxx", ".inc", ".cmake"};
    const std::string ext = p.extension().string();
    for (const char* e : exts)
        if (ext == e) return true;
    return p.filename() == "CMakeLists.txt";
}

// What the watcher threads report, handed to the player's thread.
class Session : public LiveSource {
public:
    explicit Session(LiveScene& scene) : scene_(scene) {}

    void request_reload() {
        {
            std::lock_guard lock(mutex_);
            reload_ = true;
        }
        wake_player();
    }
    void build_failed(std::string errors) {
        {
            std::lock_guard lock(mutex_);
            build_error_ = std::move(errors);
        }
        wake_player();
    }

    const Timeline* poll(std::string& error) override {
        bool reload = false;
        std::optional<std::string> build_error;
        {
            std::lock_guard lock(mutex_);
            std::swap(reload, reload_);
            std::swap(build_error, build_error_);
        }
        const Timeline* next = nullptr;
        if (build_error) {
            scene_.set_error("Build failed\n" + *build_error);
        } else if (reload) {
            if (scene_.reload()) {
                next = scene_.timeline();
            } else {
                std::fprintf(stderr, "reel: reload failed: %s\n", scene_.error().c_str());
                scene_.set_error("Reload failed\n" + scene_.error());
            }
        }
        error = scene_.error();
        return next;
    }

private:
    LiveScene& scene_;
    std::mutex mutex_;
    bool reload_ = false;
    std::optional<std::string> build_error_;
};

// `reel dev`: rebuilds after every saved source file; a save during a build builds again after.
class Builder {
public:
    Builder(std::string build_dir, Session& session)
        : build_dir_(std::move(build_dir)), session_(session), thread_([this] { run(); }) {}
    ~Builder() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        cv_.notify_one();
        thread_.join();
    }
    void changed() {
        {
            std::lock_guard lock(mutex_);
            dirty_ = true;
        }
        cv_.notify_one();
    }

private:
    void run() {
        std::unique_lock lock(mutex_);
        while (true) {
            cv_.wait(lock, [&] { return stop_ || dirty_; });
            if (stop_) return;
            // Editors write a file in several steps; let them finish.
            lock.unlock();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            lock.lock();
            dirty_ = false;
            lock.unlock();
            const auto t0 = std::chrono::steady_clock::now();
            CommandResult r;
            try {
                r = run_command({"cmake", "--build", build_dir_});
            } catch (const std::exception& e) {
                r = {false, e.what()};
            }
            const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (r.ok) {
                std::fprintf(stderr, "reel dev: built in %.2f s\n", secs);
                session_.request_reload();
            } else {
                std::string errors = build_errors(r.output);
                std::fprintf(stderr, "reel dev: build failed (%.2f s):\n%s\n", secs, errors.c_str());
                session_.build_failed(errors);
            }
            lock.lock();
        }
    }

    std::string build_dir_;
    Session& session_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool dirty_ = false;
    bool stop_ = false;
    std::thread thread_;
};

} // namespace

int play_live(const LiveOptions& o, PlayerSettings settings, const PlayerDiagnostics& diag,
              const std::function<void(const Timeline&, PlayerSettings&)>& prepare) {
    LiveScene scene(o.plugin, o.scene);
    if (!scene.reload()) throw UsageError(scene.error());
    Session session(scene);

    std::optional<Builder> builder;
    std::optional<FileWatcher> watcher;
    if (!o.project_dir.empty()) {
        builder.emplace(o.build_dir, session);
        watcher.emplace(std::vector<std::string>{o.project_dir}, true, [&](const std::string& path) {
            if (is_source(path)) builder->changed();
        });
    } else {
        // The linker writes the plug-in in place or renames a new file over it: both end with
        // the file's name closed after writing or moved in.
        fs::path file = fs::absolute(o.plugin);
        fs::path folder = file.parent_path();
        watcher.emplace(std::vector<std::string>{folder.string()}, false, [&session, file](const std::string& path) {
            if (fs::path(path).filename() == file.filename()) session.request_reload();
        });
    }

    settings.scene_name = scene.scene_name();
    prepare(*scene.timeline(), settings);
    std::fprintf(stderr, "reel: watching %s\n",
                 o.project_dir.empty() ? o.plugin.c_str() : (o.project_dir + " (sources)").c_str());
    try {
        run_player(*scene.timeline(), settings, diag, &session);
    } catch (const std::exception& e) {
        throw UsageError(e.what());
    }
    if (!diag.screenshot.empty()) fmt::print("{}\n", diag.screenshot);
    return 0;
}

} // namespace reel::cli
