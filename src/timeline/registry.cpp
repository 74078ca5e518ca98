#include <stdexcept>

#include "reel/timeline.h"

namespace reel {

namespace {
std::vector<SceneInfo>& registry() {
    static std::vector<SceneInfo> scenes;
    return scenes;
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
