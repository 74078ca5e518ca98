// LiveScene: a plug-in's scene loaded again on demand, keeping the last good timeline.
#include "live/scene.h"

#include <algorithm>
#include <exception>

#include <fmt/format.h>

#include "plugin/plugin.h"

namespace reel {

LiveScene::LiveScene(std::string plugin, std::string scene)
    : plugin_(std::move(plugin)), scene_(std::move(scene)) {}

LiveScene::~LiveScene() = default;

bool LiveScene::reload() {
    try {
        LoadedPlugin loaded = load_plugin(plugin_);
        std::string name = scene_.empty() ? loaded.scenes.front() : scene_;
        const SceneInfo* info = find_scene(name);
        if (!info || std::find(loaded.scenes.begin(), loaded.scenes.end(), name) == loaded.scenes.end()) {
            std::string names;
            for (const auto& s : loaded.scenes) names += (names.empty() ? "" : ", ") + s;
            throw PluginError(fmt::format("plug-in '{}' has no scene '{}' (it has: {})", plugin_, name, names));
        }
        auto next = std::make_unique<Timeline>();
        try {
            *next = record_scene(*info);
        } catch (const std::exception& e) {
            throw PluginError(fmt::format("scene '{}' threw while recording: {}", name, e.what()));
        } catch (...) {
            throw PluginError(fmt::format("scene '{}' threw while recording (not a std::exception)", name));
        }
        if (!(next->duration() > 0))
            throw PluginError(fmt::format("scene '{}' is empty (it plays and waits nothing)", name));
        previous_ = std::move(current_);
        current_ = std::move(next);
        shown_scene_ = name;
        error_.clear();
        ++generation_;
        return true;
    } catch (const std::exception& e) {
        error_ = e.what();
        return false;
    }
}

} // namespace reel
