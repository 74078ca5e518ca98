// `reel dev` through the live/ module, without the binary: a real project (find_package(Reel)
// against this build tree, reel_add_scene, the real compiler) built by build_project, then a
// saved change rebuilt and published, and a saved syntax error published over the kept timeline.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "live/build.h"
#include "live/session.h"
#include "live_support.h"

namespace reel {
namespace {

void write(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::trunc) << text; }

TEST(LiveDev, RebuildsOnSaveAndPublishesBuildErrors) {
    const fs::path project = fresh_dir("dev") / "proj";
    fs::create_directories(project);
    write(project / "CMakeLists.txt", "cmake_minimum_required(VERSION 3.25)\nproject(proj CXX)\n"
                                      "find_package(Reel REQUIRED)\n"
                                      "reel_add_scene(proj SOURCES proj.cpp NO_PRECOMPILED_HEADER)\n");
    const std::string scene = slurp(REEL_TEST_LIVE_SCENE);
    write(project / "proj.cpp", "#define LIVE_COLOR BLUE\n" + scene);
    std::vector<std::string> log;
    std::mutex log_mutex;
    auto collect = [&](const std::string& line) {
        std::lock_guard lock(log_mutex);
        log.push_back(line);
    };
    const BuiltProject built = build_project(project.string(), REEL_TEST_BUILD_DIR, collect);
    EXPECT_EQ(fs::path(built.plugin).filename(), "proj.so");
    // Configured by reel dev: with clang++ where it is installed and no compiler is named (CXX),
    // for its precompiled header; the plug-in's .comment section names the compiler.
    const char* cxx = std::getenv("CXX");
    if (!(cxx && *cxx)) {
        const bool have_clang = run_command({"sh", "-c", "command -v clang++"}).ok;
        const CommandResult comment = run_command({"readelf", "-p", ".comment", built.plugin});
        EXPECT_EQ(comment.output.find("clang version") != std::string::npos, have_clang) << comment.output;
    }
    LiveSession session({.plugin = built.plugin, .project_dir = built.dir, .build_dir = built.build_dir}, collect);
    EXPECT_EQ(session.watching(), built.dir + " (sources)");
    const Image blue_pic = picture(session.timeline(), 1.5);
    Poller player(session);

    write(project / "proj.cpp", "#define LIVE_COLOR RED\n" + scene);
    const Timeline* red = player.next_timeline(std::chrono::minutes(3));
    ASSERT_NE(red, nullptr) << "the saved change was not built and published";
    EXPECT_GT(differing(picture(*red, 1.5), blue_pic, 0, 180), 0.1);

    write(project / "proj.cpp", "#define LIVE_COLOR RED\n" + scene + "\nint missing_semicolon()\n");
    const std::string error = player.next_error(std::chrono::minutes(3));
    EXPECT_EQ(error.rfind("Build failed\n", 0), 0u) << error;
    EXPECT_NE(error.find("error:"), std::string::npos) << error;
    EXPECT_EQ(&session.timeline(), red) << "the last good timeline is kept";
    std::lock_guard lock(log_mutex);
    EXPECT_TRUE(std::any_of(log.begin(), log.end(),
                            [](const std::string& l) { return l.starts_with("reel dev: build failed"); }));
}

// The words of a command line, split at spaces (CMake's commands here quote nothing).
std::vector<std::string> words(const std::string& line) {
    std::vector<std::string> out;
    std::istringstream in(line);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

// The last word of `command` that starts with `prefix` ("" when none).
std::string last_flag(const std::vector<std::string>& command, const std::string& prefix) {
    std::string last;
    for (const auto& w : command)
        if (w.starts_with(prefix)) last = w;
    return last;
}

// `reel dev` builds for rebuild speed: a project configured by hand for an optimised build with
// debug information gets REEL_DEV, so its plug-in compiles with -O0 -g0 after the project's own
// flags and links with mold where Debian's is installed; it is built with Ninja itself. Only the
// scene shown is recorded: the project's other scene, which throws when recorded, is not run.
TEST(LiveDev, BuildsThePlugInWithTheDevFlagsAndRecordsOnlyTheSceneShown) {
    const fs::path project = fresh_dir("dev_flags") / "proj";
    fs::create_directories(project);
    write(project / "CMakeLists.txt", "cmake_minimum_required(VERSION 3.25)\nproject(proj CXX)\n"
                                      "set(CMAKE_BUILD_TYPE Release)\nset(CMAKE_CXX_FLAGS \"-g\")\n"
                                      "set(CMAKE_EXPORT_COMPILE_COMMANDS ON)\n"
                                      "find_package(Reel REQUIRED)\n"
                                      "reel_add_scene(proj SOURCES proj.cpp NO_PRECOMPILED_HEADER)\n");
    write(project / "proj.cpp", "#define LIVE_COLOR BLUE\n" + slurp(REEL_TEST_LIVE_SCENE) +
                                    "REEL_SCENE(other, \"Never recorded by reel dev\") {\n"
                                    "    throw std::runtime_error(\"the other scene was recorded\");\n}\n");
    const CommandResult by_hand = run_command({"cmake", "-S", project.string(), "-B", (project / "build").string(),
                                               "-G", "Ninja", "-DReel_DIR=" REEL_TEST_BUILD_DIR});
    ASSERT_TRUE(by_hand.ok) << by_hand.output;
    std::vector<std::string> log;
    const BuiltProject built =
        build_project(project.string(), REEL_TEST_BUILD_DIR, [&](const std::string& l) { log.push_back(l); });
    EXPECT_NE(std::find(log.begin(), log.end(), "reel dev: configuring " + built.build_dir), log.end());
    EXPECT_NE(slurp(built.build_dir + "/CMakeCache.txt").find("\nREEL_DEV:BOOL=ON\n"), std::string::npos);

    // The compile: the project's -O3 (Release) and -g come first, -O0 -g0 last.
    const std::string commands = slurp(built.build_dir + "/compile_commands.json");
    const std::size_t at = commands.find("proj.cpp.o");
    ASSERT_NE(at, std::string::npos) << commands;
    const std::size_t begin = commands.rfind("\"command\": \"", at);
    const std::vector<std::string> compile = words(commands.substr(begin, commands.find('"', at) - begin));
    EXPECT_NE(std::find(compile.begin(), compile.end(), "-O3"), compile.end()) << commands;
    EXPECT_EQ(last_flag(compile, "-O"), "-O0") << commands;
    EXPECT_EQ(last_flag(compile, "-g"), "-g0") << commands;

    // The link: mold writes its name into the plug-in's .comment section.
    const CommandResult comment = run_command({"readelf", "-p", ".comment", built.plugin});
    ASSERT_TRUE(comment.ok) << comment.output;
    const bool have_mold = run_command({"sh", "-c", "command -v mold"}).ok;
    EXPECT_EQ(comment.output.find("mold") != std::string::npos, have_mold) << comment.output;

    // Ninja itself builds it, without cmake in front.
    const std::vector<std::string> build = build_command(built.build_dir);
    ASSERT_EQ(build.size(), 3u);
    EXPECT_EQ(fs::path(build[0]).filename(), "ninja");
    EXPECT_EQ(build[2], built.build_dir);

    LiveSession session({.plugin = built.plugin, .project_dir = built.dir, .build_dir = built.build_dir},
                        [](const std::string&) {});
    EXPECT_EQ(session.scene_name(), "live");
}

// A project of the live scene in LIVE_COLOR `color` whose compiles go through `launcher.sh`: while
// the file `hold` exists, the launcher compiles, says so (`compiled`) and then waits for `go`
// before it touches the object, as a compiler still writing its object when a save lands does.
fs::path held_project(const std::string& name, const std::string& color) {
    const fs::path project = fresh_dir(name) / "proj";
    fs::create_directories(project);
    write(project / "launcher.sh", "#!/bin/sh\n"
                                   "\"$@\" || exit $?\n"
                                   "d=\"$(dirname \"$0\")\"\n"
                                   "[ -e \"$d/hold\" ] || exit 0\n"
                                   "out=; prev=\n"
                                   "for a in \"$@\"; do [ \"$prev\" = -o ] && out=\"$a\"; prev=\"$a\"; done\n"
                                   ": > \"$d/compiled\"\n"
                                   "while [ ! -e \"$d/go\" ]; do sleep 0.02; done\n"
                                   "touch \"$out\"\n");
    fs::permissions(project / "launcher.sh", fs::perms::owner_all);
    write(project / "CMakeLists.txt", "cmake_minimum_required(VERSION 3.25)\nproject(proj CXX)\n"
                                      "set(CMAKE_CXX_COMPILER_LAUNCHER ${CMAKE_CURRENT_SOURCE_DIR}/launcher.sh)\n"
                                      "find_package(Reel REQUIRED)\n"
                                      "reel_add_scene(proj SOURCES proj.cpp NO_PRECOMPILED_HEADER)\n");
    write(project / "proj.cpp", "#define LIVE_COLOR " + color + "\n" + slurp(REEL_TEST_LIVE_SCENE));
    return project;
}

bool wait_for_file(const fs::path& file, std::chrono::seconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!fs::exists(file)) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

// Issue 22: a save that landed while the previous compile ran was never built (the object,
// written after the save, looked newer than the source): the player kept showing the version
// before it. Now the sources' contents at the start of a build are compared with the contents
// after it, and a change makes that build's objects out of date and builds again.
TEST(LiveDev, ASaveDuringACompileIsBuiltAfterIt) {
    const fs::path project = held_project("save_during_build", "BLUE");
    const std::string scene = slurp(REEL_TEST_LIVE_SCENE);
    const BuiltProject built = build_project(project.string(), REEL_TEST_BUILD_DIR, {});
    LiveSession session({.plugin = built.plugin, .project_dir = built.dir, .build_dir = built.build_dir},
                        [](const std::string&) {});
    const Image blue = picture(session.timeline(), 1.5);
    Poller player(session);

    write(project / "hold", "");
    write(project / "proj.cpp", "#define LIVE_COLOR RED\n" + scene);
    ASSERT_TRUE(wait_for_file(project / "compiled", std::chrono::minutes(3))) << "the save was not built";
    write(project / "proj.cpp", "#define LIVE_COLOR GREEN\n" + scene); // while the compile of RED runs
    fs::remove(project / "hold");
    write(project / "go", "");
    const Timeline* red = player.next_timeline(std::chrono::minutes(3));
    ASSERT_NE(red, nullptr) << "the first save was not published";
    const Image red_pic = picture(*red, 1.5);
    EXPECT_GT(differing(red_pic, blue, 0, 180), 0.1);
    const Timeline* green = player.next_timeline(std::chrono::minutes(3));
    ASSERT_NE(green, nullptr) << "the save made during the compile was never built";
    EXPECT_GT(differing(picture(*green, 1.5), red_pic, 0, 180), 0.1) << "still the version before the last save";
}

// A save that changes nothing (an editor saving an unchanged buffer, `touch`) builds nothing;
// a deleted build folder is configured again.
TEST(LiveDev, UnchangedSavesBuildNothingAndADeletedBuildFolderIsConfiguredAgain) {
    const fs::path project = held_project("unchanged_and_deleted", "BLUE");
    const std::string scene = slurp(REEL_TEST_LIVE_SCENE);
    const BuiltProject built = build_project(project.string(), REEL_TEST_BUILD_DIR, {});
    std::vector<std::string> log;
    std::mutex log_mutex;
    LiveSession session({.plugin = built.plugin,
                         .project_dir = built.dir,
                         .build_dir = built.build_dir,
                         .reel_cmake_dir = REEL_TEST_BUILD_DIR},
                        [&](const std::string& line) {
                            std::lock_guard lock(log_mutex);
                            log.push_back(line);
                        });
    Poller player(session);
    const auto builds = [&] {
        std::lock_guard lock(log_mutex);
        return std::count_if(log.begin(), log.end(), [](const std::string& l) { return l.starts_with("reel dev: built"); });
    };
    write(project / "proj.cpp", "#define LIVE_COLOR BLUE\n" + scene); // the same bytes again
    fs::last_write_time(project / "CMakeLists.txt", fs::file_time_type::clock::now());
    EXPECT_EQ(player.next_timeline(std::chrono::seconds(10)), nullptr) << "an unchanged save was built and loaded";
    EXPECT_EQ(builds(), 0);

    fs::remove_all(built.build_dir);
    write(project / "proj.cpp", "#define LIVE_COLOR RED\n" + scene);
    const Timeline* red = player.next_timeline(std::chrono::minutes(3));
    ASSERT_NE(red, nullptr) << "not built after build/ was deleted: " << player.errors.back();
    EXPECT_TRUE(fs::exists(fs::path(built.build_dir) / "CMakeCache.txt"));
    EXPECT_EQ(builds(), 1);
}

} // namespace
} // namespace reel
