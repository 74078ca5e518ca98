// LiveScene: a plug-in's scene loaded again on demand, keeping the last good timeline.
#include "live/scene.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <filesystem>

#include <fmt/format.h>

#include "base/clock.h"
#include "plugin/plugin.h"

namespace reel {

LiveScene::LiveScene(std::string plugin, std::string scene)
    : plugin_(std::move(plugin)), scene_(std::move(scene)) {}

LiveScene::~LiveScene() = default;

bool LiveScene::reload(const std::string& file, const std::atomic<bool>* cancel) {
    auto running = [this](const std::string& scene, const std::string& opened) {
        if (on_running) on_running(scene, opened);
    };
    using clock = std::chrono::steady_clock;
    auto since = [](clock::time_point t0) { return std::chrono::duration<double>(clock::now() - t0).count(); };
    try {
        running("", "");
        ReloadTimes times;
        const clock::time_point load_start = clock::now();
        const double load_cpu_start = thread_cpu_seconds();
        LoadedPlugin loaded = load_plugin(file.empty() ? plugin_ : file);
        std::string name = scene_.empty() ? loaded.scenes.front() : scene_;
        const SceneInfo* info = find_scene(name);
        if (!info || std::find(loaded.scenes.begin(), loaded.scenes.end(), name) == loaded.scenes.end()) {
            std::string names;
            for (const auto& s : loaded.scenes) names += (names.empty() ? "" : ", ") + s;
            throw PluginError(fmt::format("plug-in '{}' has no scene '{}' (it has: {})", plugin_, name, names));
        }
        times.load = since(load_start);
        times.load_cpu = thread_cpu_seconds() - load_cpu_start;
        const clock::time_point record_start = clock::now();
        const double record_cpu_start = thread_cpu_seconds();
        auto next = std::make_unique<Timeline>();
        running(name, loaded.opened);
        // As the one-shot commands name it: "scene 'x' (plug-in x.so)".
        const std::string who =
            fmt::format("scene '{}' (plug-in {})", name, std::filesystem::path(plugin_).filename().string());
        try {
            *next = record_scene(*info, {.cancel = cancel});
        } catch (const std::exception& e) {
            throw PluginError(fmt::format("{} failed to record: {}", who, e.what()));
        } catch (...) {
            throw PluginError(fmt::format("{} failed to record: it threw something that is not a std::exception "
                                          "(throw std::runtime_error(\"why\") instead)",
                                          who));
        }
        times.record = since(record_start);
        times.record_cpu = thread_cpu_seconds() - record_cpu_start;
        if (!(next->duration() > 0))
            throw PluginError(fmt::format("scene '{}' is empty (it plays and waits nothing)", name));
        previous_ = std::move(current_);
        current_ = std::move(next);
        shown_scene_ = name;
        shown_opened_ = loaded.opened;
        error_.clear();
        ++generation_;
        times_ = times;
        return true;
    } catch (const std::exception& e) {
        error_ = e.what();
        running(shown_scene_, shown_opened_);
        return false;
    }
}

} // namespace reel
