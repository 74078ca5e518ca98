// Reel's private fontconfig configuration: only the fonts shipped in fonts/ exist.
#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <set>
#include <vector>
#include <unistd.h>

#include <fmt/format.h>

#include "fonts_internal.h"
#include "text/fonts.h"

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

// The first font file in `dir` (recursively, as fontconfig scans) that fontconfig did not
// load; empty when all loaded.
std::string unreadable_font_file(FcConfig* cfg, const std::string& dir) {
    namespace fs = std::filesystem;
    std::set<std::string> loaded;
    if (FcFontSet* set = FcConfigGetFonts(cfg, FcSetApplication)) {
        for (int i = 0; i < set->nfont; ++i) {
            FcChar8* file = nullptr;
            if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) == FcResultMatch && file)
                loaded.insert(fs::weakly_canonical(reinterpret_cast<const char*>(file)).string());
        }
    }
    std::error_code ec;
    std::vector<std::string> missing;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::string ext = it->path().extension().string();
        for (char& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (ext != ".ttf" && ext != ".otf" && ext != ".ttc" && ext != ".otc" && ext != ".pfb" && ext != ".woff" &&
            ext != ".woff2")
            continue;
        if (!loaded.count(fs::weakly_canonical(it->path(), ec).string())) missing.push_back(it->path().string());
    }
    std::sort(missing.begin(), missing.end());
    return missing.empty() ? std::string() : missing.front();
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
        } else if (std::string bad = unreadable_font_file(cfg, dir); !bad.empty()) {
            // fontconfig skips what it cannot read: the text would silently come out in another font.
            s.error = fmt::format("font file '{}' cannot be read (corrupt or not a font): replace or remove it",
                                  bad);
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
