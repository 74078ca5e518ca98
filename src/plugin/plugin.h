// Scene plug-ins: shared modules built with reel_add_scene (CMake) whose REEL_SCENE registrations
// are loaded at run time (`--plugin FILE`, REEL_PLUGIN_PATH), and reloaded when they change.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "reel/timeline.h"
#include "timeline/registry.h"

namespace reel {

/// A plug-in that cannot be used; what() is one line naming the file.
class PluginError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What loading a plug-in added.
struct LoadedPlugin {
    std::string path;                ///< the file as given
    std::vector<std::string> scenes; ///< the scenes it registered, in registration order
};

/// How load_plugin opens a file.
enum class PluginLoad {
    Copy,   ///< through a unique temporary copy: a rebuilt plug-in at the same path is loaded again
    InPlace ///< the file itself, writing nothing (a file that does not change, e.g. a built-in scene)
};

/// Loads a scene plug-in and registers its scenes (replacing registered scenes of the same
/// names). By default the file is copied to a unique temporary name first, so a rebuilt plug-in at
/// the same path is really loaded again. Throws PluginError when the file is missing, is not a
/// shared library, defines no REEL_SCENE, was built against another version of Reel, or registers
/// nothing; the registry is then unchanged. A loaded plug-in stays loaded (its code is what the
/// timelines recorded from it call) until the process ends.
LoadedPlugin load_plugin(const std::string& path, PluginLoad how = PluginLoad::Copy);

/// The plug-in files named by a REEL_PLUGIN_PATH value: colon-separated files, or folders whose
/// *.so files are taken in name order. Missing entries are returned as they are (loading them
/// reports the error). Empty for a null or empty value.
std::vector<std::string> plugin_path_files(const char* value);

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
    bool reload();
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
    const std::string& plugin() const { return plugin_; }

private:
    std::string plugin_;
    std::string scene_;
    std::string shown_scene_;
    std::unique_ptr<Timeline> current_;
    std::unique_ptr<Timeline> previous_;
    std::string error_;
    std::uint64_t generation_ = 0;
};

} // namespace reel
