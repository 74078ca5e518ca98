// Reel's private fontconfig configuration: only the fonts shipped in fonts/ exist.
#include <fontconfig/fontconfig.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <unistd.h>

#include <fmt/format.h>

#include "fonts_internal.h"
#include "reel/text.h"

namespace reel {

namespace {

struct FontState {
    std::mutex mutex;
    bool done = false;
    bool ok = false;
    std::string error;
    FcConfig* config = nullptr;
};

FontState& state() {
    static FontState s;
    return s;
}

} // namespace

bool init_fonts(std::string* error) {
    FontState& s = state();
    std::lock_guard lock(s.mutex);
    if (!s.done) {
        s.done = true;
        std::string dir = fonts_dir();
        std::string conf = dir + "/fonts.conf";
        FcConfig* cfg = FcConfigCreate();
        if (!std::filesystem::exists(conf)) {
            s.error = fmt::format("fonts folder '{}' has no fonts.conf (set REEL_FONTS_DIR)", dir);
        } else if (!FcConfigParseAndLoad(cfg, reinterpret_cast<const FcChar8*>(conf.c_str()), FcTrue)) {
            s.error = fmt::format("cannot load '{}'", conf);
        } else if (!FcConfigAppFontAddDir(cfg, reinterpret_cast<const FcChar8*>(dir.c_str()))) {
            s.error = fmt::format("cannot add fonts from '{}'", dir);
        } else if (!FcConfigBuildFonts(cfg)) {
            s.error = "fontconfig could not build its font list";
        } else {
            FcConfigSetCurrent(cfg); // Pango's default font maps see only our fonts too
            s.config = cfg;
            s.ok = true;
        }
        if (!s.ok) FcConfigDestroy(cfg);
    }
    if (!s.ok && error) *error = s.error;
    return s.ok;
}

FcConfig* font_config() {
    init_fonts();
    return state().config;
}

} // namespace reel
