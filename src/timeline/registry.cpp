#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>

#include "registry.h"
#include "reel/timeline.h"

namespace reel {

namespace {
std::vector<SceneInfo>& registry() {
    static std::vector<SceneInfo> scenes;
    return scenes;
}
std::string& default_name() {
    static std::string name;
    return name;
}
// A plug-in being loaded: its registrations wait here until the loader has checked it.
struct Pending {
    bool active = false;
    std::vector<SceneInfo> scenes;
    std::string version_error;
};
Pending& pending() {
    static Pending p;
    return p;
}
} // namespace

void begin_plugin_registrations() { pending() = Pending{.active = true}; }

std::vector<SceneInfo> end_plugin_registrations(std::string* version_error) {
    Pending p = std::move(pending());
    pending() = Pending{};
    if (version_error) *version_error = std::move(p.version_error);
    return std::move(p.scenes);
}

std::string version_string(const ReelPluginVersion& v) {
    return fmt::format("{}.{}.{} (plug-in ABI {})", v.major, v.minor, v.patch, v.abi);
}

bool same_version(const ReelPluginVersion& a, const ReelPluginVersion& b) {
    return a.magic == b.magic && a.major == b.major && a.minor == b.minor && a.patch == b.patch &&
           a.abi == b.abi;
}

const std::vector<SceneInfo>& scene_registry() { return registry(); }

bool register_scene(SceneInfo info) {
    if (pending().active) {
        pending().scenes.push_back(std::move(info));
        return true;
    }
    for (auto& s : registry()) {
        if (s.name == info.name) {
            s = std::move(info);
            return true;
        }
    }
    registry().push_back(std::move(info));
    return true;
}

const SceneInfo* default_scene() {
    if (const SceneInfo* s = find_scene(default_name())) return s;
    return registry().empty() ? nullptr : &registry().front();
}

void set_default_scene(std::string name) { default_name() = std::move(name); }

const SceneInfo* find_scene(const std::string& name) {
    for (const auto& s : registry())
        if (s.name == name) return &s;
    return nullptr;
}

Timeline record_scene(const SceneInfo& info) {
    Scene scene;
    info.build(scene);
    return scene.finish();
}

} // namespace reel

extern "C" bool reel_register_scene_v1(ReelPluginVersion built_with, const char* name,
                                       const char* description, void (*build)(reel::Scene&)) {
    using namespace reel;
    if (!same_version(built_with, reel_plugin_version())) {
        std::string why = fmt::format("it was built against Reel {}; this is Reel {}", version_string(built_with),
                                      version_string(reel_plugin_version()));
        if (pending().active) {
            if (pending().version_error.empty()) pending().version_error = std::move(why);
        } else {
            std::fprintf(stderr, "reel: warning: scene '%s' not registered: %s\n", name ? name : "?", why.c_str());
        }
        return false;
    }
    if (!name || !build) return false;
    return register_scene({name, description ? description : "", build});
}
