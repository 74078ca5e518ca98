// Running builds: the commands `reel dev` runs (configure, `cmake --build`), the part of their
// output worth showing, and the plug-in a project builds.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace reel {

/// What a command printed (stdout and stderr together) and whether it exited with status 0.
struct CommandResult {
    bool ok = false;
    std::string output;
    double cpu_seconds = 0; ///< user + system CPU time of the command and the processes it waited for
};

/// Runs `argv` (no shell), waits for it and captures its output. Throws std::runtime_error when
/// it cannot be started.
CommandResult run_command(const std::vector<std::string>& argv);

/// The part of a build's output worth showing: from the first line that reports an error
/// ("error:", "Error", "undefined reference") on, at most `max_lines` lines; the last lines of
/// the output when no such line exists.
std::string build_errors(const std::string& output, std::size_t max_lines = 16);

/// Lines a live session reports (progress, failures); nothing when empty.
using LiveLog = std::function<void(const std::string&)>;

/// A source file of a scene project: C/C++ sources and headers, CMake files.
bool is_project_source(const std::string& path);

/// Configures the project in `dir` into `build` for `reel dev` (Ninja when there is one;
/// `reel_cmake_dir`, when not empty, as Reel_DIR; REEL_DEV=ON: reel_add_scene's fast-rebuild
/// flags). A build folder configured before without REEL_DEV gets it (its generator and the rest
/// of its cache stay; an explicit -DREEL_DEV=OFF stays too). Throws std::runtime_error when cmake
/// cannot be started.
CommandResult configure_project(const std::string& dir, const std::string& build, const std::string& reel_cmake_dir);

/// The command that builds a configured build folder: Ninja itself when the folder is a Ninja
/// build and `ninja` is on PATH (what `cmake --build` would run, without starting cmake first:
/// Ninja re-runs CMake itself when a CMake file changed), else `cmake --build`.
std::vector<std::string> build_command(const std::string& build);

/// A scene project ready to play: its folder, its build folder and the plug-in it builds.
struct BuiltProject {
    std::string dir;
    std::string build_dir;
    std::string plugin;
};

/// `reel dev`'s start: configures `dir` into dir/build (configure_project) when it has no
/// CMakeCache.txt yet or one without REEL_DEV, builds it, and
/// after a failed build waits for a saved source file and builds again until a build succeeds.
/// The plug-in is the one .so in the build folder (outside CMake's own files), or the one named
/// like the project. Throws std::runtime_error (one line) for a folder that is not a project, a
/// failed configure (its output goes to `log` first) or a build that made no plug-in.
BuiltProject build_project(const std::string& dir, const std::string& reel_cmake_dir, const LiveLog& log);

} // namespace reel
