// A live session: the whole live reload of `reel play --watch`, `reel present --watch` and
// `reel dev`, from a saved file to the timeline the player shows.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "live/build.h"
#include "live/watch.h"
#include "player/player.h"
#include "timeline/timeline.h"

namespace reel {

/// What a live session watches.
struct LiveOptions {
    std::string plugin;      ///< the plug-in file to reload
    std::string scene;       ///< its scene ("" = its first)
    std::string project_dir; ///< `reel dev`: rebuild on every saved source file here ...
    std::string build_dir;   ///< ... with `cmake --build build_dir` (configured again when deleted ...
    std::string reel_cmake_dir; ///< ... with this Reel_DIR, when not empty)
    FileWait file_wait;      ///< how long a plug-in still being written is waited for
    /// A supervisor's restart: the first version comes from this file (the last good version's
    /// copy) instead of `plugin`, and `first_error` is shown over it until the next good one.
    std::string first_plugin;
    std::string first_error;
    /// When not empty: every version is loaded from a copy made in this folder; once the
    /// player has shown a version (showing()), its copy is kept there as `last-good.so` and the
    /// one before as `previous-good.so` (what a supervisor restarts from).
    std::string keep_dir;
    /// A recording still running after this many seconds is stopped at the scene's next add,
    /// play or wait; one that does not stop within kAbandonGrace more is abandoned.
    double record_limit = 30;
    /// Called with the message when a recording is abandoned (scene code that never returns
    /// cannot be stopped inside the process); must end the process. Default: log, remove the
    /// registered temporaries, exit 1.
    std::function<void(const std::string&)> abandon;
    /// What scene code runs now: (scene, plug-in file as given, file dlopen opened); scene ""
    /// while a plug-in loads. For crash messages.
    std::function<void(const std::string&, const std::string&, const std::string&)> running;
};

/// Seconds a stopped recording has to return before it is abandoned.
inline constexpr double kAbandonGrace = 1.5;

/// Watch -> build -> load -> record -> publish. Without a project, a change of the plug-in file
/// (the linker closing it, or renaming a new file over it) is waited out until the file is
/// complete (wait_for_plugin_file), so a half-written plug-in is never loaded; with a project,
/// a save that changed the content of a source file runs `cmake --build` (contents, not times: a
/// save during a build builds again after it even where the build's objects look newer than the
/// saved file, and a save of the same bytes builds nothing; a deleted build folder is configured
/// again), and a good build reloads the plug-in. Watching, building, loading and recording run on
/// threads of the session, never on the one that calls poll() (the player's), which then shows
/// the new timeline; while a version records, activity() says so and a recording past
/// `record_limit` is stopped (or abandoned). A failed build, load or recording keeps the last
/// good timeline and publishes the error ("Build failed\n...", "Reload failed\n...") until the
/// next good version.
class LiveSession : public LiveSource {
public:
    /// Loads and records the first version and starts watching. Throws PluginError (one line)
    /// when the first version cannot be shown, std::runtime_error when the folder cannot be
    /// watched. `log` receives progress and failures ("reel dev: built in 0.52 s"); by default
    /// they go to stderr.
    explicit LiveSession(LiveOptions options, LiveLog log = {});
    /// Stops watching, waits for a running build and stops a running recording; one that does
    /// not stop within kAbandonGrace (scene code that never calls Reel) cannot be joined, so
    /// the process then ends at once with status 0 (stdout and stderr flushed, the registered
    /// temporaries removed).
    ~LiveSession() override;
    LiveSession(const LiveSession&) = delete;
    LiveSession& operator=(const LiveSession&) = delete;

    /// The last good timeline (the first version until poll() returns another).
    const Timeline& timeline() const;
    /// The scene's name in the last good version.
    const std::string& scene_name() const;
    /// Number of versions loaded (1 after construction).
    std::uint64_t generation() const;
    /// What is watched, for "reel: watching ..." ("scene.so", "DIR (sources)").
    std::string watching() const;

    void connect(std::function<void()> wake) override;
    const Timeline* poll(std::string& error) override;
    std::string activity() override;
    /// Keeps the copy of a version the player shows for the first time as the last good one.
    void showing(const PlayerController& controller, Seconds now) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace reel
