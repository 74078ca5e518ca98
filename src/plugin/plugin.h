// Scene plug-ins: shared modules built with reel_add_scene (CMake) whose REEL_SCENE registrations
// are loaded at run time (`--plugin FILE`, REEL_PLUGIN_PATH; live/ loads them again when they
// change).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "timeline/timeline.h"
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
    std::string opened;              ///< the file dlopen opened (a copy's path; what dladdr names)
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

} // namespace reel
