#include <cstdio>
#include <deque>
#include <mutex>
#include <stdexcept>

#include <fmt/format.h>

#include "registry.h"
#include "timeline/timeline.h"

namespace reel {

namespace {
// Entries are never changed or removed, so a `const SceneInfo*` handed out stays valid while a
// plug-in loads, re-registers its scenes or another thread records one of them.
struct Registry {
    std::mutex mutex;
    std::deque<SceneInfo> entries;        // everything ever registered (a deque: stable addresses)
    std::vector<const SceneInfo*> scenes; // the newest entry of each name, in registration order
    std::string default_name;

    const SceneInfo* find(const std::string& name) const {
        for (const SceneInfo* s : scenes)
            if (s->name == name) return s;
        return nullptr;
    }
};
Registry& registry() {
    static Registry r;
    return r;
}
// A plug-in being loaded by this thread: its registrations (its static initialisers, which
// dlopen runs on the loading thread) wait here until the loader has checked it. Per thread, so
// a scene registered by another thread meanwhile is not taken for the plug-in's.
struct Pending {
    bool active = false;
    std::vector<SceneInfo> scenes;
    std::string version_error;
};
Pending& pending() {
    thread_local Pending p;
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

std::vector<const SceneInfo*> scene_registry() {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    return r.scenes;
}

bool register_scene(SceneInfo info) {
    if (pending().active) {
        pending().scenes.push_back(std::move(info));
        return true;
    }
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    const SceneInfo* added = &r.entries.emplace_back(std::move(info));
    for (const SceneInfo*& s : r.scenes) {
        if (s->name == added->name) {
            s = added; // the old entry stays as it was for whoever holds it
            return true;
        }
    }
    r.scenes.push_back(added);
    return true;
}

const SceneInfo* default_scene() {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    if (const SceneInfo* s = r.find(r.default_name)) return s;
    return r.scenes.empty() ? nullptr : r.scenes.front();
}

void set_default_scene(std::string name) {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    r.default_name = std::move(name);
}

const SceneInfo* find_scene(const std::string& name) {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    return r.find(name);
}

Timeline record_scene(const SceneInfo& info, const RecordingOptions& options) {
    Scene scene(options); // a fresh RecordingContext, current on this thread until we return
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
