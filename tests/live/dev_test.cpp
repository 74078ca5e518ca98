// `reel dev` through the live/ module, without the binary: a real project (find_package(Reel)
// against this build tree, reel_add_scene, the real compiler) built by build_project, then a
// saved change rebuilt and published, and a saved syntax error published over the kept timeline.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

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

} // namespace
} // namespace reel
