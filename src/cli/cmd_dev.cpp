// reel dev [DIR]: configure and build a scene project, play it, rebuild and reload on every save.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include <fmt/format.h>

#include "command.h"
#include "player/player.h"
#include "plugin/watch.h"

namespace reel::cli {

namespace {

namespace fs = std::filesystem;

struct DevArgs {
    std::string dir;
    std::string scene;
    std::string at;
    bool paused = false;
    bool fullscreen = false;
};

// The plug-in the project builds: the one .so in the build folder (outside CMake's own), or
// the one named like the project.
std::string find_plugin(const fs::path& build, const std::string& project) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(build, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_directory(ec) && it->path().filename() == "CMakeFiles") {
            it.disable_recursion_pending();
            continue;
        }
        if (it->path().extension() == ".so" && it->is_regular_file(ec)) found.push_back(it->path());
    }
    if (found.empty())
        throw UsageError(fmt::format("the build made no plug-in in '{}' (is there a reel_add_scene in CMakeLists.txt?)",
                                     build.string()));
    std::sort(found.begin(), found.end());
    for (const auto& f : found)
        if (f.stem() == project) return f.string();
    if (found.size() > 1)
        fmt::print(stderr, "reel dev: several plug-ins; showing {}\n", found.front().string());
    return found.front().string();
}

bool is_source(const fs::path& p) {
    const std::string ext = p.extension().string();
    return ext == ".cpp" || ext == ".cc" || ext == ".cxx" || ext == ".h" || ext == ".hpp" || ext == ".cmake" ||
           p.filename() == "CMakeLists.txt";
}

int run_dev(const DevArgs& a) {
    std::error_code ec;
    fs::path dir = fs::absolute(a.dir.empty() ? fs::current_path() : fs::path(a.dir), ec);
    dir = fs::weakly_canonical(dir, ec);
    if (!fs::is_directory(dir, ec)) throw UsageError(fmt::format("'{}' is not a folder", a.dir));
    if (!fs::exists(dir / "CMakeLists.txt", ec))
        throw UsageError(fmt::format("'{}' has no CMakeLists.txt (start a project with 'reel new NAME')", dir.string()));
    const fs::path build = dir / "build";
    if (!fs::exists(build / "CMakeCache.txt", ec)) {
        std::vector<std::string> configure = {"cmake", "-S", dir.string(), "-B", build.string()};
        if (run_command({"sh", "-c", "command -v ninja"}).ok) configure.insert(configure.end(), {"-G", "Ninja"});
        if (std::string cmake_dir = reel_cmake_dir(); !cmake_dir.empty()) configure.push_back("-DReel_DIR=" + cmake_dir);
        fmt::print(stderr, "reel dev: configuring {}\n", build.string());
        CommandResult r = run_command(configure);
        if (!r.ok) {
            fmt::print(stderr, "{}", r.output);
            throw UsageError(fmt::format("configuring '{}' failed (see above)", dir.string()));
        }
    }
    // The first build: until it succeeds there is nothing to show, so wait for saves here.
    std::mutex mutex;
    std::condition_variable cv;
    bool saved = false;
    while (true) {
        const auto t0 = std::chrono::steady_clock::now();
        CommandResult r = run_command({"cmake", "--build", build.string()});
        if (r.ok) {
            fmt::print(stderr, "reel dev: built in {:.2f} s\n",
                       std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
            break;
        }
        fmt::print(stderr, "reel dev: build failed:\n{}\nreel dev: waiting for a saved change...\n",
                   build_errors(r.output));
        FileWatcher watch({dir.string()}, true, [&](const std::string& path) {
            if (!is_source(path)) return;
            std::lock_guard lock(mutex);
            saved = true;
            cv.notify_one();
        });
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return saved; });
        saved = false;
    }
    const std::string plugin = find_plugin(build, dir.filename().string());
    PlayerSettings settings;
    settings.mode = PlayerMode::Play;
    settings.paused = a.paused;
    settings.fullscreen = a.fullscreen;
    return play_live({.plugin = plugin, .scene = a.scene, .project_dir = dir.string(), .build_dir = build.string()},
                     settings, {}, [&](const Timeline& tl, PlayerSettings& st) {
                         if (a.at.empty()) return;
                         st.start = within_duration(parse_time(a.at, "--at"), a.at, "--at", st.scene_name, tl.duration());
                     });
}

} // namespace

Command add_dev_command(CLI::App& root) {
    auto args = std::make_shared<DevArgs>();
    CLI::App* app = root.add_subcommand(
        "dev", "Build the scene project in DIR and play it; rebuild and reload on every saved source file");
    app->add_option("dir", args->dir, "The project's folder (default: the current folder)");
    app->add_option("--scene", args->scene, "The scene to show (default: the plug-in's first)");
    app->add_option("--at", args->at, "Start at this time (seconds or m:ss)");
    app->add_flag("--paused", args->paused, "Start paused");
    app->add_flag("--fullscreen", args->fullscreen, "Start full screen");
    return {app, [args]() { return run_dev(*args); }};
}

} // namespace reel::cli
