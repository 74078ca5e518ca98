// The registry's side of plug-in loading (engine internals, not installed): the loader holds
// a plug-in's REEL_SCENE registrations back until it has checked the plug-in's version.
#pragma once

#include <string>
#include <vector>

#include "timeline/timeline.h"

namespace reel {

/// From now on register_scene holds registrations back instead of registering them.
void begin_plugin_registrations();
/// Ends the hold: returns what was held back, and why a registration was refused (a version
/// mismatch) in `version_error`.
std::vector<SceneInfo> end_plugin_registrations(std::string* version_error);
/// "0.1.0 (plug-in ABI 1)".
std::string version_string(const ReelPluginVersion& v);
bool same_version(const ReelPluginVersion& a, const ReelPluginVersion& b);

} // namespace reel
