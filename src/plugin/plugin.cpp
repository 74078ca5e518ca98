// Loading scene plug-ins: copy to a unique name, dlopen, check the version, commit the scenes.
#include "plugin/plugin.h"

#include <dlfcn.h>
#include <elf.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>

#include <fmt/format.h>

#include "files/atomic_file.h"
#include "files/runtime.h"

namespace reel {

namespace fs = std::filesystem;

namespace {

// Loaded plug-ins stay loaded: timelines recorded from them call their code.
std::vector<void*>& handles() {
    static std::vector<void*> h;
    return h;
}

// A temporary copy of the plug-in, removed when it goes out of scope (the loaded copy stays
// mapped): dlopen of a path it has seen before returns the old library. It lives in the
// per-user runtime folder under this process's tag: a crash (a static constructor that aborts)
// removes it from the handler, SIGKILL leaves it to the next run's sweep.
class TempCopy {
public:
    explicit TempCopy(const fs::path& from) {
        std::string folder;
        try {
            folder = runtime_folder();
        } catch (const FileError& e) {
            throw PluginError(fmt::format("cannot make a temporary copy of plug-in '{}': {}", from.string(), e.what()));
        }
        std::string pattern = fmt::format("{}/reel-plugin-{}-XXXXXX.so", folder, process_tag());
        int fd = mkstemps(pattern.data(), 3);
        if (fd < 0)
            throw PluginError(fmt::format("cannot make a temporary copy of plug-in '{}' in {}: {}",
                                          from.string(), folder, std::strerror(errno)));
        ::close(fd);
        path_ = pattern;
        register_temporary(path_);
        std::error_code ec;
        fs::copy_file(from, path_, fs::copy_options::overwrite_existing, ec);
        if (ec) {
            fs::remove(path_, ec);
            throw PluginError(fmt::format("cannot copy plug-in '{}': {}", from.string(), ec.message()));
        }
    }
    ~TempCopy() {
        std::error_code ec;
        fs::remove(path_, ec);
        forget_temporary(path_);
    }
    TempCopy(const TempCopy&) = delete;
    TempCopy& operator=(const TempCopy&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t i = s.find(from); !from.empty() && i != std::string::npos; i = s.find(from, i + to.size()))
        s.replace(i, from.size(), to);
    return s;
}

// Ends the registration hold however the load ends.
struct RegistrationHold {
    RegistrationHold() { begin_plugin_registrations(); }
    ~RegistrationHold() {
        if (!ended) end_plugin_registrations(nullptr);
    }
    std::vector<SceneInfo> end(std::string* version_error) {
        ended = true;
        return end_plugin_registrations(version_error);
    }
    bool ended = false;
};

// An ELF file whose loadable segments reach past its end: what a linker still writing it leaves.
// dlopen would map the missing pages and the process would die of SIGBUS touching them; say so
// instead. Anything else (not ELF, a short header) is left to dlopen's own message.
std::optional<std::string> truncated_elf(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    Elf64_Ehdr h{};
    if (!in.read(reinterpret_cast<char*>(&h), sizeof h) || std::memcmp(h.e_ident, ELFMAG, SELFMAG) != 0 ||
        h.e_ident[EI_CLASS] != ELFCLASS64 || h.e_phentsize != sizeof(Elf64_Phdr))
        return std::nullopt;
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) return std::nullopt;
    for (int i = 0; i < h.e_phnum; ++i) {
        Elf64_Phdr ph{};
        in.seekg(static_cast<std::streamoff>(h.e_phoff + static_cast<std::uint64_t>(i) * sizeof ph));
        if (!in.read(reinterpret_cast<char*>(&ph), sizeof ph))
            return fmt::format("its program headers are cut off at {} bytes", size);
        if (ph.p_type == PT_LOAD && ph.p_offset + ph.p_filesz > size)
            return fmt::format("it is cut off at {} of at least {} bytes", size, ph.p_offset + ph.p_filesz);
    }
    return std::nullopt;
}

} // namespace

LoadedPlugin load_plugin(const std::string& path, PluginLoad how) {
    std::error_code ec;
    const fs::path file(path);
    if (!fs::exists(file, ec)) throw PluginError(fmt::format("plug-in '{}' does not exist", path));
    if (!fs::is_regular_file(file, ec))
        throw PluginError(fmt::format("plug-in '{}' is not a file", path));
    if (::access(path.c_str(), R_OK) != 0) throw PluginError(fmt::format("cannot read plug-in '{}'", path));
    // In place: nothing is written, so a built-in scene loads under a full disk or a file-size
    // limit too (the command's own output is what must fail there).
    std::optional<TempCopy> copy;
    if (how == PluginLoad::Copy) copy.emplace(file);
    const std::string opened = copy ? copy->path() : fs::absolute(file, ec).string();
    if (std::optional<std::string> cut = truncated_elf(opened))
        throw PluginError(fmt::format("'{}' is not a Reel plug-in (an incomplete shared library: {})", path, *cut));

    // One plug-in at a time: the registration hold is process-wide.
    static std::mutex loading;
    std::lock_guard lock(loading);
    RegistrationHold hold;
    dlerror();
    void* handle = dlopen(opened.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* why = dlerror();
        std::string msg = replace_all(why ? why : "unknown error", opened, path);
        // dlerror's message starts with the file name; say it once.
        msg = replace_all(msg, path + ": ", "");
        if (msg.find("invalid ELF header") != std::string::npos || msg.find("file too short") != std::string::npos)
            throw PluginError(fmt::format("'{}' is not a Reel plug-in (not a shared library: {})", path, msg));
        throw PluginError(fmt::format("plug-in '{}' cannot be loaded: {}", path, msg));
    }
    auto fail = [&](std::string msg) -> PluginError {
        hold.end(nullptr);
        dlclose(handle);
        return PluginError(std::move(msg));
    };
    // The version the plug-in was compiled against, from the plug-in itself (not from a library
    // it links, which would answer for any shared object linking libreel).
    using VersionFn = ReelPluginVersion (*)();
    void* sym = dlsym(handle, "reel_plugin_version");
    Dl_info info{};
    if (!sym || !dladdr(sym, &info) || !info.dli_fname || opened != info.dli_fname)
        throw fail(fmt::format("'{}' is not a Reel plug-in (it defines no scene with REEL_SCENE)", path));
    ReelPluginVersion built_with = reinterpret_cast<VersionFn>(sym)();
    std::string version_error;
    std::vector<SceneInfo> scenes = hold.end(&version_error);
    if (!same_version(built_with, reel_plugin_version()))
        version_error = fmt::format("it was built against Reel {}; this is Reel {}", version_string(built_with),
                                    version_string(reel_plugin_version()));
    if (!version_error.empty())
        throw fail(fmt::format("plug-in '{}' cannot be used: {} (rebuild it against this Reel)", path,
                               version_error));
    if (scenes.empty()) throw fail(fmt::format("plug-in '{}' registers no scene", path));

    LoadedPlugin loaded{path, opened, {}};
    for (SceneInfo& s : scenes) {
        loaded.scenes.push_back(s.name);
        register_scene(std::move(s));
    }
    handles().push_back(handle);
    return loaded;
}

std::vector<std::string> plugin_path_files(const char* value) {
    std::vector<std::string> files;
    if (!value) return files;
    std::string all(value);
    std::size_t pos = 0;
    while (pos <= all.size()) {
        std::size_t colon = all.find(':', pos);
        std::string entry = all.substr(pos, colon == std::string::npos ? std::string::npos : colon - pos);
        pos = colon == std::string::npos ? all.size() + 1 : colon + 1;
        if (entry.empty()) continue;
        std::error_code ec;
        if (fs::is_directory(entry, ec)) {
            std::vector<std::string> in_dir;
            for (const auto& e : fs::directory_iterator(entry, ec))
                if (e.path().extension() == ".so" && e.is_regular_file(ec)) in_dir.push_back(e.path().string());
            std::sort(in_dir.begin(), in_dir.end());
            files.insert(files.end(), in_dir.begin(), in_dir.end());
        } else {
            files.push_back(entry);
        }
    }
    return files;
}

} // namespace reel
