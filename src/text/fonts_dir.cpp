#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>

#include "text/fonts.h"

namespace reel {

std::string fonts_dir() {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (const char* env = std::getenv("REEL_FONTS_DIR"); env && *env) {
        // A relative folder is relative to where reel started: made absolute, so that
        // fontconfig (which resolves relative paths against its own folders) sees the same.
        fs::path p = fs::absolute(env, ec);
        return ec ? std::string(env) : p.lexically_normal().string();
    }
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (const char* rel : {"fonts", "../fonts", "../share/reel/fonts"}) {
            fs::path p = exe.parent_path() / rel;
            if (fs::exists(p / "fonts.conf", ec)) return fs::weakly_canonical(p, ec).string();
        }
    }
    // A program of the user's own linking the installed libreel.so: next to the library.
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&fonts_dir), &info) && info.dli_fname) {
        fs::path p = fs::path(info.dli_fname).parent_path() / "../share/reel/fonts";
        if (fs::exists(p / "fonts.conf", ec)) return fs::weakly_canonical(p, ec).string();
    }
    return REEL_SOURCE_FONTS_DIR;
}

} // namespace reel
