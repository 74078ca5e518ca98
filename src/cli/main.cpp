// reel: the command line. Subcommands stay stable: play, present, export, frame, tex, scenes,
// bench, join, new, dev.
#include <cerrno>
#include <csignal>
#include <cstring>
#include <cstdio>
#include <exception>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "command.h"
#include "crash.h"
#include "files/runtime.h"
#include "supervise.h"
#include "timeline/timeline.h"

int main(int argc, char** argv) {
    reel::cli::mark_process_start();
    // Read (and taken out of the environment) before any thread starts.
    const auto& child = reel::cli::supervised_child();
    // What runs of Reel killed earlier left (named temporaries, plug-in copies): their own
    // journal proves them Reel's; nothing else is ever removed.
    reel::sweep_dead_temporaries();
    CLI::App app{"Reel: programmatic explainer animations in the style of Manim", "reel"};
    app.require_subcommand(0, 1);
    app.set_version_flag("--version", "reel " REEL_VERSION);
    std::vector<reel::cli::Command> commands;
    commands.push_back(reel::cli::add_play_command(app));
    commands.push_back(reel::cli::add_present_command(app));
    commands.push_back(reel::cli::add_export_command(app));
    commands.push_back(reel::cli::add_join_command(app));
    commands.push_back(reel::cli::add_frame_command(app));
    commands.push_back(reel::cli::add_tex_command(app));
    commands.push_back(reel::cli::add_scenes_command(app));
    commands.push_back(reel::cli::add_bench_command(app));
    commands.push_back(reel::cli::add_new_command(app));
    commands.push_back(reel::cli::add_dev_command(app));
    // Every subcommand that takes a SCENE also takes plug-ins with scenes.
    for (const auto& c : commands) {
        static const std::set<std::string> with_scene = {"play", "present", "export", "frame", "scenes", "bench"};
        if (!with_scene.count(c.app->get_name())) continue;
        c.app->add_option("--plugin", reel::cli::plugin_options(),
                          "Load the scenes of this plug-in (a module built with reel_add_scene; repeatable; "
                          "also every file or folder in REEL_PLUGIN_PATH). Its first scene is the default.")
            ->type_name("FILE")
            ->allow_extra_args(false)
            ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
        c.app->add_flag("--verbose", reel::cli::verbose_option(),
                        "Show what scene code's errors say in full (every line, control characters kept)");
    }
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
        reel::cli::install_crash_handlers(c.app->get_name());
        // The live commands keep scene code out of this process: it supervises a player child.
        const CLI::Option* watch = c.app->get_option_no_throw("--watch");
        const bool live = reel::cli::runs_supervised(c.app->get_name(), watch && watch->count() > 0);
        if (live && child) reel::cli::set_crash_status_fd(child->status_fd);
        const auto stdout_lost = [&] {
            const int e = errno;
            std::fprintf(stderr, "reel %s: error: cannot write to standard output: %s\n", c.app->get_name().c_str(),
                         e ? std::strerror(e) : "write error");
        };
        try {
            // The scenes: the plug-ins given now, the built-in ones when a scene is looked for.
            // (A live player loads its --plugin itself, again on every change.)
            if (live && !child) return reel::cli::supervise(argc, argv);
            if (c.app->get_option_no_throw("--plugin") && !live) reel::cli::load_plugins();
            const int status = c.run();
            // Output lost is a failure (`reel scenes > /dev/full`): check that stdout took it.
            if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
                stdout_lost();
                return status == 0 ? 1 : status;
            }
            return status;
        } catch (const reel::cli::UsageError& e) {
            std::fprintf(stderr, "reel %s: error: %s\n", c.app->get_name().c_str(), e.what());
            return e.status();
        } catch (const std::exception& e) {
            // A listing longer than stdout's buffer fails inside fmt::print, which throws
            // "cannot write to file": name the stream that was lost, as after a short listing.
            if (std::ferror(stdout)) {
                stdout_lost();
                return 1;
            }
            std::fprintf(stderr, "reel %s: error: %s\n", c.app->get_name().c_str(), e.what());
            return 1;
        }
    }
    std::fputs(app.help().c_str(), stdout);
    return 0;
}
