// A plug-in's scene loaded again on demand, keeping the last good timeline.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "timeline/timeline.h"

namespace reel {

/// What the last successful LiveScene::reload took, in seconds: wall and CPU (of the calling
/// thread) time of loading the plug-in and of recording the scene.
struct ReloadTimes {
    double load = 0;
    double load_cpu = 0;
    double record = 0;
    double record_cpu = 0;
};

/// A scene of a plug-in that can be loaded again (live reload). Keeps the last good timeline
/// when a new version fails.
class LiveScene {
public:
    /// `scene` empty: the plug-in's first scene (also after a reload that renames it).
    LiveScene(std::string plugin, std::string scene);
    ~LiveScene();
    LiveScene(const LiveScene&) = delete;
    LiveScene& operator=(const LiveScene&) = delete;

    /// Loads the plug-in again and records the scene. On success the new timeline replaces
    /// timeline() and error() is cleared; on failure timeline() is unchanged and error() says
    /// why (a load error, or the exception the scene threw while recording). The previous
    /// timeline is kept alive until the next successful reload, so a player can switch over.
    /// `file`: load this copy of the plug-in instead of plugin() ("": plugin() itself);
    /// `cancel`: stops the recording at the scene's next add, play or wait once set.
    bool reload(const std::string& file = {}, const std::atomic<bool>* cancel = nullptr);
    /// Called before scene code runs: (scene, file dlopen opened) as a plug-in loads (scene "",
    /// its static constructors run) and before its scene records; after a failed reload, the
    /// last good version's again. For crash messages.
    std::function<void(const std::string& scene, const std::string& opened)> on_running;
    /// The last good timeline; nullptr before the first successful reload.
    const Timeline* timeline() const { return current_.get(); }
    /// The scene's name in the last good version.
    const std::string& scene_name() const { return shown_scene_; }
    /// Why the latest attempt failed ("" when it succeeded).
    const std::string& error() const { return error_; }
    /// Reports an error from outside (a failed build); cleared by the next successful reload.
    void set_error(std::string message) { error_ = std::move(message); }
    /// Number of successful loads.
    std::uint64_t generation() const { return generation_; }
    /// What the last successful reload took (`reel dev` reports it).
    const ReloadTimes& times() const { return times_; }
    const std::string& plugin() const { return plugin_; }

private:
    std::string plugin_;
    std::string scene_;
    std::string shown_scene_;
    std::string shown_opened_;
    std::unique_ptr<Timeline> current_;
    std::unique_ptr<Timeline> previous_;
    std::string error_;
    std::uint64_t generation_ = 0;
    ReloadTimes times_;
};

} // namespace reel
