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
#include "reel/timeline.h"

namespace reel {

/// What a live session watches.
struct LiveOptions {
    std::string plugin;      ///< the plug-in file to reload
    std::string scene;       ///< its scene ("" = its first)
    std::string project_dir; ///< `reel dev`: rebuild on every saved source file here ...
    std::string build_dir;   ///< ... with `cmake --build build_dir` (configured again when deleted ...
    std::string reel_cmake_dir; ///< ... with this Reel_DIR, when not empty)
    FileWait file_wait;      ///< how long a plug-in still being written is waited for
};

/// Watch -> build -> load -> record -> publish. Without a project, a change of the plug-in file
/// (the linker closing it, or renaming a new file over it) is waited out until the file is
/// complete (wait_for_plugin_file), so a half-written plug-in is never loaded; with a project,
/// a save that changed the content of a source file runs `cmake --build` (contents, not times: a
/// save during a build builds again after it even where the build's objects look newer than the
/// saved file, and a save of the same bytes builds nothing; a deleted build folder is configured
/// again), and a good build reloads the plug-in. Watching and building run on a thread of the session;
/// loading and recording on the thread that calls poll() (the player's), which then shows the
/// new timeline. A failed build, load or recording keeps the last good timeline and publishes
/// the error ("Build failed\n...", "Reload failed\n...") until the next good version.
class LiveSession : public LiveSource {
public:
    /// Loads and records the first version and starts watching. Throws PluginError (one line)
    /// when the first version cannot be shown, std::runtime_error when the folder cannot be
    /// watched. `log` receives progress and failures ("reel dev: built in 0.52 s"); by default
    /// they go to stderr.
    explicit LiveSession(LiveOptions options, LiveLog log = {});
    /// Stops watching and waits for a running build.
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

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace reel
