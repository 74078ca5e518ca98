// reel: the command line. Subcommands stay stable: play, present, export, frame, tex, scenes, bench, join.
#include <csignal>
#include <cstdio>
#include <exception>
#include <vector>

#include <fmt/format.h>

#include "command.h"
#include "reel/timeline.h"

int main(int argc, char** argv) {
    reel::cli::mark_process_start();
    // Scenes register themselves (REEL_SCENE); the promo is the default.
    reel::set_default_scene("transformer");
    CLI::App app{"Reel: programmatic explainer animations in the style of Manim", "reel"};
    app.require_subcommand(0, 1);
    app.set_version_flag("--version", "reel 0.1.0");
    std::vector<reel::cli::Command> commands;
#ifdef REEL_HAVE_PLAYER
    commands.push_back(reel::cli::add_play_command(app));
    commands.push_back(reel::cli::add_present_command(app));
#endif
#ifdef REEL_HAVE_EXPORT
    commands.push_back(reel::cli::add_export_command(app));
    commands.push_back(reel::cli::add_join_command(app));
#endif
    commands.push_back(reel::cli::add_frame_command(app));
#ifdef REEL_HAVE_MATH
    commands.push_back(reel::cli::add_tex_command(app));
#endif
    commands.push_back(reel::cli::add_scenes_command(app));
    commands.push_back(reel::cli::add_bench_command(app));
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // One clear line, then where to look.
        std::fprintf(stderr, "reel: error: %s\nRun 'reel --help' for usage.\n", e.what());
        return 2;
    }
    for (const auto& c : commands) {
        if (!c.app->parsed()) continue;
        try {
            return c.run();
        } catch (const reel::cli::UsageError& e) {
            std::fprintf(stderr, "reel %s: error: %s\n", c.app->get_name().c_str(), e.what());
            return e.status();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "reel %s: error: %s\n", c.app->get_name().c_str(), e.what());
            return 1;
        }
    }
    std::fputs(app.help().c_str(), stdout);
    return 0;
}
