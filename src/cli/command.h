// The reel command line: each subcommand lives in its own cmd_<name>.cpp and registers here.
#pragma once

#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "live/session.h"
#include "player/player.h"
#include "timeline/timeline.h"

namespace reel::cli {

using reel::SceneInfo;
using reel::Timeline;

/// A user error: printed as one line "reel: error: <message>", exit status `status`.
class UsageError : public std::runtime_error {
public:
    explicit UsageError(const std::string& message, int status = 1)
        : std::runtime_error(message), status_(status) {}
    int status() const { return status_; }

private:
    int status_;
};

/// A registered subcommand: its CLI11 app and what runs it (returns the exit status).
struct Command {
    CLI::App* app = nullptr;
    std::function<int()> run;
};

Command add_frame_command(CLI::App& root);
Command add_scenes_command(CLI::App& root);
Command add_bench_command(CLI::App& root);
Command add_tex_command(CLI::App& root);
Command add_play_command(CLI::App& root);
Command add_present_command(CLI::App& root);
Command add_export_command(CLI::App& root);
Command add_join_command(CLI::App& root);
Command add_new_command(CLI::App& root);
Command add_dev_command(CLI::App& root);

/// The plug-ins named with --plugin, in order (filled while parsing).
std::vector<std::string>& plugin_options();
/// --verbose: errors from scene code are shown whole (filled while parsing).
bool& verbose_option();
/// What scene code's exception says, as one line of a terminal: its first line, escape sequences
/// and control characters removed, at most 300 characters, with a note when something was left
/// out; the text as it is with --verbose.
std::string scene_error_text(const std::string& text);
/// Loads REEL_PLUGIN_PATH's plug-ins, then --plugin's; the first --plugin's first scene becomes
/// the default scene. Throws PluginError (one line) for a file that cannot be used.
void load_plugins();
/// The folder of the scenes Reel ships (one plug-in per scene folder, NAME.so): lib/reel/scenes
/// beside the build tree's reel, or the installation's lib/reel/scenes; "" when there is none.
std::string builtin_scenes_dir();
/// Loads every built-in scene plug-in not loaded yet (to list or search the scenes). A scene
/// from --plugin or REEL_PLUGIN_PATH keeps its name against a built-in one.
void load_builtin_scenes();
/// Where the registered scenes came from, as `reel scenes` lists them: each --plugin file, each
/// REEL_PLUGIN_PATH file, then the built-in scenes.
struct SceneSource {
    std::string heading;             ///< "plug-in FILE", "built-in scenes (FOLDER)"
    std::vector<std::string> scenes; ///< its scenes' names, in registration order
};
std::vector<SceneSource> scene_sources();
/// The plug-in file (as given) that registered `scene`; "" for none.
std::string plugin_of(const std::string& scene);

/// The CMake package folder of this reel (the install's lib/cmake/Reel, or the build tree); ""
/// when there is none.
std::string reel_cmake_dir();

/// --record-limit's default: seconds a new version of a live scene may take to record.
inline constexpr double kDefaultRecordLimit = 30;
/// Adds --record-limit (LiveOptions::record_limit) to a live command.
void add_record_limit_option(CLI::App* app, double& limit);
/// Plays or presents a plug-in's scene (`settings.mode`) and shows every new version of it (a
/// LiveSession, see LiveOptions), keeping the time, section and slide. `prepare` adjusts the settings for the
/// first version (start time, ...) and may throw UsageError. Returns the exit status.
int play_live(const LiveOptions& live, PlayerSettings settings, const PlayerDiagnostics& diag,
              const std::function<void(const Timeline&, PlayerSettings&)>& prepare);

/// Records the moment main() started (for start-up measurements).
void mark_process_start();
/// Seconds since mark_process_start().
double seconds_since_start();

/// The scene named `name` (empty: the default scene); throws UsageError listing the scenes.
/// A scene not loaded yet is looked for in the built-in plug-in of the same name (scene folder
/// = file name) first, then in all of them.
const SceneInfo& scene_or_default(const std::string& name);
/// Records a scene, turning failures into a UsageError.
Timeline load_timeline(const SceneInfo& scene, const RecordingOptions& options = {});

/// The one grammar for times (documented in --help and the README): decimal seconds
/// ("90", "1.5", ".5") or m:ss with ss < 60 ("1:30", "1:02.5"). No signs, spaces, exponents
/// or hex. Throws UsageError naming `what`.
double parse_time(const std::string& text, const std::string& what);
/// The section `text` names in `tl`: its name, or its number from 1 (the same forms for play,
/// present and export). Throws UsageError naming `what` and listing the sections.
std::size_t find_section(const Timeline& tl, const std::string& text, const std::string& what,
                         const std::string& scene);
/// A time given on the command line checked against a scene's duration: the duration as
/// `reel scenes` prints it (rounded to milliseconds) is a valid end. Returns the time
/// clamped to the duration; throws UsageError "past the end".
double within_duration(double t, const std::string& text, const std::string& what, const std::string& scene,
                       double duration);
/// A frame rate: decimal ("30", "23.976", "29.97": the NTSC rates become N*1000/1001) or
/// rational ("24000/1001"). Throws UsageError naming `what`.
struct FrameRate {
    int num = 0;
    int den = 1;
    double value() const { return static_cast<double>(num) / den; }
    std::string text() const;
};
FrameRate parse_frame_rate(const std::string& text, const std::string& what);

/// Ctrl-C and SIGTERM while an instance lives: a flag the command checks (stop_requested())
/// so that it can remove its temporary files and exit 130 / 143 with one line.
class StopSignals {
public:
    StopSignals();
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;
};
/// The flag StopSignals sets.
const std::atomic<bool>& stop_flag();
/// True once Ctrl-C or SIGTERM arrived.
bool stop_requested();
/// The UsageError for a stop: "interrupted (Ctrl-C): stopped, <what happened>", status
/// 128 + the signal.
UsageError stopped_error(const std::string& what_happened);

/// Starts `count` threads at once and ends them: a process limit (ulimit -u, a small address
/// space) then fails here with one clear line instead of aborting later inside Pango or GLib,
/// which cannot report a failed thread start. Throws UsageError.
void check_threads_available(int count);

/// Prints to stderr ignoring failures: progress and notes never fail a command.
void note(const std::string& line);
/// Parses "1920x1080"; throws UsageError.
void parse_resolution(const std::string& text, int& width, int& height);
/// The output size from a Manim quality flag ("l".."k"), overridden by a WIDTHxHEIGHT
/// resolution when one is given; throws UsageError.
void resolve_size(const std::string& quality, const std::string& resolution, int& width, int& height);

} // namespace reel::cli
