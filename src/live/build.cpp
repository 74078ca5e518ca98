// run_command (fork/exec with a pipe), build_errors, and the first build of a `reel dev` project.
#include "live/build.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "live/watch.h"

namespace reel {

namespace fs = std::filesystem;

CommandResult run_command(const std::vector<std::string>& argv) {
    if (argv.empty()) throw std::invalid_argument("run_command: no command");
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error(fmt::format("pipe: {}", std::strerror(errno)));
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = fork();
    if (pid < 0) {
        close(out[0]);
        close(out[1]);
        throw std::runtime_error(fmt::format("cannot start '{}': {}", argv[0], std::strerror(errno)));
    }
    if (pid == 0) {
        dup2(out[1], 1);
        dup2(out[1], 2);
        execvp(args[0], args.data());
        std::fprintf(stderr, "cannot run '%s': %s\n", args[0], std::strerror(errno));
        _exit(127);
    }
    close(out[1]);
    CommandResult result;
    char buf[4096];
    for (ssize_t n; (n = read(out[0], buf, sizeof buf)) != 0;) {
        if (n < 0) {
            if (errno == EINTR) continue;
            break;
        }
        result.output.append(buf, static_cast<std::size_t>(n));
    }
    close(out[0]);
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {}
    result.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6; };
    result.cpu_seconds = secs(usage.ru_utime) + secs(usage.ru_stime);
    return result;
}

std::string build_errors(const std::string& output, std::size_t max_lines) {
    std::vector<std::string> lines;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::size_t first = lines.size();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        if (l.find("error:") != std::string::npos || l.find("Error") != std::string::npos ||
            l.find("undefined reference") != std::string::npos) {
            first = i;
            break;
        }
    }
    if (first == lines.size()) first = lines.size() > max_lines ? lines.size() - max_lines : 0;
    // The compiler's "In file included from" / "In function" lines just before belong to it.
    while (first > 0 && (lines[first - 1].find("In function") != std::string::npos ||
                         lines[first - 1].find("In file included") != std::string::npos))
        --first;
    std::string shown;
    for (std::size_t i = first; i < lines.size() && i < first + max_lines; ++i) {
        if (lines[i].starts_with("[") || lines[i].starts_with("ninja: ")) continue; // progress
        shown += lines[i] + "\n";
    }
    while (!shown.empty() && shown.back() == '\n') shown.pop_back();
    return shown;
}

bool is_project_source(const std::string& path) {
    static const char* exts[] = {".cpp", ".cc", ".cxx", ".c", ".h", ".hpp", ".hh", ".hxx", ".inc", ".cmake"};
    const fs::path p(path);
    const std::string ext = p.extension().string();
    for (const char* e : exts)
        if (ext == e) return true;
    return p.filename() == "CMakeLists.txt";
}

namespace {

std::string find_plugin(const fs::path& build, const std::string& project, const LiveLog& log) {
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
        throw std::runtime_error(fmt::format(
            "the build made no plug-in in '{}' (is there a reel_add_scene in CMakeLists.txt?)", build.string()));
    std::sort(found.begin(), found.end());
    for (const auto& f : found)
        if (f.stem() == project) return f.string();
    if (found.size() > 1 && log) log(fmt::format("reel dev: several plug-ins; showing {}", found.front().string()));
    return found.front().string();
}

} // namespace

namespace {

// The file `name` in a folder of PATH, or "" when there is none.
std::string on_path(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::istringstream folders(path ? path : "");
    for (std::string folder; std::getline(folders, folder, ':');) {
        const fs::path file = fs::path(folder.empty() ? "." : folder) / name;
        if (::access(file.c_str(), X_OK) == 0) return file.string();
    }
    return {};
}

// A line "REEL_DEV:<type>=" of the build folder's CMakeCache.txt: set by reel dev (or by hand).
bool cache_has_reel_dev(const fs::path& build) {
    std::ifstream cache(build / "CMakeCache.txt");
    for (std::string line; std::getline(cache, line);)
        if (line.starts_with("REEL_DEV:")) return true;
    return false;
}

} // namespace

CommandResult configure_project(const std::string& dir, const std::string& build, const std::string& reel_cmake_dir) {
    std::error_code ec;
    if (fs::exists(fs::path(build) / "CMakeCache.txt", ec)) {
        if (cache_has_reel_dev(build)) return {true, "", 0};
        // Configured before (by hand, or by an older Reel): the same generator and cache, plus REEL_DEV.
        return run_command({"cmake", "-DREEL_DEV:BOOL=ON", build});
    }
    std::vector<std::string> configure = {"cmake", "-S", dir, "-B", build, "-DREEL_DEV:BOOL=ON"};
    if (!on_path("ninja").empty()) configure.insert(configure.end(), {"-G", "Ninja"});
    // Clang's precompiled header holds the template instantiations <reel/reel.h> needs; GCC's
    // cannot, so every GCC compile makes them again (~940 functions, most of them the standard
    // library's: two thirds of the compile of a `reel new` scene). A compiler the user named
    // (CXX) is kept.
    const char* cxx = std::getenv("CXX");
    if (const std::string clang = on_path("clang++"); !clang.empty() && !(cxx && *cxx))
        configure.push_back("-DCMAKE_CXX_COMPILER=" + clang);
    if (!reel_cmake_dir.empty()) configure.push_back("-DReel_DIR=" + reel_cmake_dir);
    return run_command(configure);
}

std::vector<std::string> build_command(const std::string& build) {
    std::error_code ec;
    if (fs::exists(fs::path(build) / "build.ninja", ec)) {
        const std::string ninja = on_path("ninja");
        if (!ninja.empty()) return {ninja, "-C", build};
    }
    return {"cmake", "--build", build};
}

BuiltProject build_project(const std::string& folder, const std::string& reel_cmake_dir, const LiveLog& log) {
    std::error_code ec;
    fs::path dir = fs::absolute(folder.empty() ? fs::current_path() : fs::path(folder), ec);
    dir = fs::weakly_canonical(dir, ec);
    if (!fs::is_directory(dir, ec)) throw std::runtime_error(fmt::format("'{}' is not a folder", folder));
    if (!fs::exists(dir / "CMakeLists.txt", ec))
        throw std::runtime_error(
            fmt::format("'{}' has no CMakeLists.txt (start a project with 'reel new NAME')", dir.string()));
    const fs::path build = dir / "build";
    if (!fs::exists(build / "CMakeCache.txt", ec) || !cache_has_reel_dev(build)) {
        if (log) log(fmt::format("reel dev: configuring {}", build.string()));
        CommandResult r = configure_project(dir.string(), build.string(), reel_cmake_dir);
        if (!r.ok) {
            if (log) log(r.output);
            throw std::runtime_error(fmt::format("configuring '{}' failed (see above)", dir.string()));
        }
    }
    // The first build: until it succeeds there is nothing to show, so wait for saves here.
    std::mutex mutex;
    std::condition_variable cv;
    bool saved = false;
    while (true) {
        const auto t0 = std::chrono::steady_clock::now();
        CommandResult r = run_command(build_command(build.string()));
        if (r.ok) {
            if (log)
                log(fmt::format("reel dev: built in {:.2f} s",
                                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()));
            break;
        }
        if (log)
            log(fmt::format("reel dev: build failed:\n{}\nreel dev: waiting for a saved change...",
                            build_errors(r.output)));
        FileWatcher watch({dir.string()}, true, [&](const std::string& path) {
            if (!is_project_source(path)) return;
            std::lock_guard lock(mutex);
            saved = true;
            cv.notify_one();
        });
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return saved; });
        saved = false;
    }
    return {dir.string(), build.string(), find_plugin(build, dir.filename().string(), log)};
}

} // namespace reel
