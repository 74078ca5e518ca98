// Shared helpers of the subcommands: scene lookup, time and size parsing.
#include <chrono>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "command.h"
#include "reel/plugin.h"
#include "reel/render.h"

namespace reel::cli {

namespace {
std::chrono::steady_clock::time_point g_start = std::chrono::steady_clock::now();
}

void mark_process_start() { g_start = std::chrono::steady_clock::now(); }

double seconds_since_start() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - g_start).count();
}

std::vector<std::string>& plugin_options() {
    static std::vector<std::string> files;
    return files;
}

void load_plugins() {
    for (const std::string& file : plugin_path_files(std::getenv("REEL_PLUGIN_PATH"))) load_plugin(file);
    bool first = true;
    for (const std::string& file : plugin_options()) {
        LoadedPlugin p = load_plugin(file);
        if (first) set_default_scene(p.scenes.front());
        first = false;
    }
}

const SceneInfo& scene_or_default(const std::string& name) {
    const auto& all = scene_registry();
    if (all.empty()) throw UsageError("no scenes are registered");
    if (name.empty()) return *default_scene();
    if (const SceneInfo* s = find_scene(name)) return *s;
    std::string names;
    for (const auto& s : all) names += (names.empty() ? "" : ", ") + s.name;
    throw UsageError(fmt::format("unknown scene '{}' (scenes: {})", name, names));
}

Timeline load_timeline(const SceneInfo& scene) {
    try {
        return record_scene(scene);
    } catch (const UsageError&) {
        throw;
    } catch (const std::exception& e) {
        throw UsageError(fmt::format("scene '{}' failed to record: {}", scene.name, e.what()));
    }
}

double parse_time(const std::string& text, const std::string& what) {
    auto bad = [&]() {
        return UsageError(fmt::format("{} '{}' is not a time (use seconds like 12.5 or m:ss like 1:02.5)",
                                      what, text));
    };
    if (text.empty()) throw bad();
    double total = 0;
    std::size_t pos = 0;
    int parts = 0;
    while (true) {
        std::size_t colon = text.find(':', pos);
        std::string part = text.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos);
        if (part.empty()) throw bad();
        char* end = nullptr;
        double v = std::strtod(part.c_str(), &end);
        if (end != part.c_str() + part.size() || !std::isfinite(v)) throw bad();
        if (parts > 0 && (v < 0 || part[0] == '-' || part[0] == '+')) throw bad();
        total = total * 60.0 + v;
        ++parts;
        if (colon == std::string::npos) break;
        if (parts > 2) throw bad();
        pos = colon + 1;
    }
    if (total < 0) throw UsageError(fmt::format("{} must not be negative (got '{}')", what, text));
    return total;
}

std::size_t find_section(const Timeline& tl, const std::string& text, const std::string& what,
                         const std::string& scene) {
    const auto& secs = tl.sections();
    for (std::size_t i = 0; i < secs.size(); ++i)
        if (secs[i].name == text) return i;
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos && text.size() < 10) {
        const unsigned long n = std::stoul(text);
        if (n >= 1 && n <= secs.size()) return n - 1;
    }
    std::string names;
    for (std::size_t i = 0; i < secs.size(); ++i)
        names += fmt::format("{}{} {}", names.empty() ? "" : ", ", i + 1, secs[i].name);
    throw UsageError(fmt::format("{} '{}': scene '{}' has no such section (sections: {})", what, text, scene,
                                 names.empty() ? "none" : names));
}

void parse_resolution(const std::string& text, int& width, int& height) {
    std::size_t x = text.find('x');
    auto bad = [&]() {
        return UsageError(fmt::format("resolution '{}' is not WIDTHxHEIGHT (e.g. 1920x1080)", text));
    };
    if (x == std::string::npos) throw bad();
    char* end = nullptr;
    std::string ws = text.substr(0, x), hs = text.substr(x + 1);
    long w = std::strtol(ws.c_str(), &end, 10);
    if (ws.empty() || *end) throw bad();
    long h = std::strtol(hs.c_str(), &end, 10);
    if (hs.empty() || *end) throw bad();
    if (w < 16 || h < 16 || w > 16384 || h > 16384)
        throw UsageError(fmt::format("resolution '{}' is out of range (16 to 16384 pixels a side)", text));
    width = static_cast<int>(w);
    height = static_cast<int>(h);
}

void resolve_size(const std::string& quality, const std::string& resolution, int& width, int& height) {
    const Quality* q = quality.size() == 1 ? find_quality(quality[0]) : nullptr;
    if (!q) throw UsageError(fmt::format("unknown quality '{}' (use l, m, h, p or k)", quality));
    width = q->width;
    height = q->height;
    if (!resolution.empty()) parse_resolution(resolution, width, height);
}

} // namespace reel::cli
