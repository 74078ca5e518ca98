// reel dev [DIR]: configure and build a scene project, play it, rebuild and reload on every save
// (live/ does the building and the reloading).
#include <fmt/format.h>

#include "command.h"
#include "live/build.h"
#include "player/player.h"

namespace reel::cli {

namespace {

struct DevArgs {
    std::string dir;
    std::string scene;
    std::string at;
    bool paused = false;
    bool fullscreen = false;
    double record_limit = kDefaultRecordLimit;
};

int run_dev(const DevArgs& a) {
    const BuiltProject project = build_project(a.dir, reel_cmake_dir(), [](const std::string& line) { note(line + "\n"); });
    PlayerSettings settings;
    settings.mode = PlayerMode::Play;
    settings.paused = a.paused;
    settings.fullscreen = a.fullscreen;
    return play_live({.plugin = project.plugin, .scene = a.scene, .project_dir = project.dir, .build_dir = project.build_dir,
                      .reel_cmake_dir = reel_cmake_dir(), .record_limit = a.record_limit},
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
    add_record_limit_option(app, args->record_limit);
    return {app, [args]() { return run_dev(*args); }};
}

} // namespace reel::cli
