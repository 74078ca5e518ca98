#include <stdexcept>

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
} // namespace

const std::vector<SceneInfo>& scene_registry() { return registry(); }

bool register_scene(SceneInfo info) {
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
