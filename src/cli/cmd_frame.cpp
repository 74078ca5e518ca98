// reel frame [SCENE] --at T[,T...] -o FILE.png|FOLDER [-q l|m|h|p|k | --resolution WxH]
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "command.h"
#include "files/atomic_file.h"
#include "files/runtime.h"
#include "render/render.h"
#include "reel/text.h"

namespace reel::cli {

namespace {

struct FrameArgs {
    std::string scene;
    std::string at;
    std::string output;
    std::string quality = "h";
    std::string resolution;
    bool manim_rounding = false;
};

void check_folder_writable(const std::filesystem::path& dir, const std::string& shown) {
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec))
        throw UsageError(fmt::format("output folder '{}' does not exist", shown));
    if (!std::filesystem::is_directory(dir, ec))
        throw UsageError(fmt::format("output '{}' is not a folder", shown));
    if (access(dir.c_str(), W_OK) != 0)
        throw UsageError(fmt::format("output folder '{}' is not writable", shown));
}

// A folder that does not exist yet, made whole: the frames go into a dot-folder beside it
// (".NAME.reel-XXXXXX"), renamed to NAME only when every frame is written, without replacing
// a folder that appeared meanwhile (RENAME_NOREPLACE). Removed with its frames otherwise.
class NewFolder {
public:
    explicit NewFolder(const std::filesystem::path& target) : target_(target) {
        namespace fs = std::filesystem;
        const fs::path parent = target.parent_path().empty() ? fs::path(".") : target.parent_path();
        check_folder_writable(parent, parent.string());
        std::string name = "." + target.filename().string();
        if (name.size() > 200) name.resize(200); // any legal name still fits with the suffix
        std::string tmpl = (parent / (name + ".reel-XXXXXX")).string();
        if (!mkdtemp(tmpl.data()))
            throw UsageError(fmt::format("cannot create a folder in '{}': {}", parent.string(), std::strerror(errno)));
        temp_ = tmpl;
        register_temporary(temp_.string(), TempKind::Folder);
        // mkdtemp makes it private (0700); the folder gets the usual mode (0777 less the umask).
        const mode_t mask = umask(0);
        umask(mask);
        chmod(temp_.c_str(), 0777 & ~mask);
    }
    ~NewFolder() {
        if (!committed_) {
            std::error_code ec;
            std::filesystem::remove_all(temp_, ec);
        }
        forget_temporary(temp_.string());
    }
    NewFolder(const NewFolder&) = delete;
    NewFolder& operator=(const NewFolder&) = delete;

    const std::filesystem::path& temp() const { return temp_; }
    void commit() {
        if (::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, target_.c_str(), RENAME_NOREPLACE) != 0)
            throw UsageError(fmt::format("cannot create the folder '{}': {}", target_.string(), std::strerror(errno)));
        committed_ = true;
    }

private:
    std::filesystem::path target_;
    std::filesystem::path temp_;
    bool committed_ = false;
};

std::string frame_name(double t) { return fmt::format("t{:06d}.png", std::lround(t * 1000.0)); }

int run_frame(const FrameArgs& a) {
    int width = 0, height = 0;
    resolve_size(a.quality, a.resolution, width, height);
    std::vector<std::string> parts;
    for (std::size_t pos = 0;;) {
        std::size_t comma = a.at.find(',', pos);
        parts.push_back(a.at.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
        if (comma == std::string::npos) break;
        pos = comma + 1;
    }
    std::vector<double> times;
    for (const auto& p : parts) times.push_back(parse_time(p, "--at"));
    bool many = times.size() > 1;
    namespace fs = std::filesystem;
    std::vector<std::string> paths;
    std::error_code ec;
    // Several times into a folder that does not exist yet: it is created, whole or not at all.
    const bool new_folder = many && !fs::exists(fs::symlink_status(a.output, ec));
    if (many) {
        if (new_folder) {
            const fs::path parent = fs::path(a.output).parent_path().empty() ? fs::path(".") : fs::path(a.output).parent_path();
            check_folder_writable(parent, parent.string());
        } else {
            check_folder_writable(a.output, a.output);
        }
        // Files are named by the millisecond: two times in one millisecond would share a file.
        std::map<std::string, std::size_t> seen;
        for (std::size_t i = 0; i < times.size(); ++i) {
            const std::string name = frame_name(times[i]);
            if (auto [it, fresh] = seen.emplace(name, i); !fresh)
                throw UsageError(fmt::format("--at {} and {} would both be written to {} (frames are named by the "
                                             "millisecond): give each time once, at least 1 ms apart",
                                             parts[it->second], parts[i], name));
            paths.push_back((fs::path(a.output) / name).string());
        }
    } else {
        fs::path out(a.output);
        if (out.extension() != ".png")
            throw UsageError(fmt::format("output '{}' must end in .png", a.output));
        fs::path dir = out.parent_path().empty() ? fs::path(".") : out.parent_path();
        check_folder_writable(dir, dir.string());
        paths.push_back(a.output);
    }
    if (!new_folder)
        for (const auto& path : paths) {
            try {
                check_output_target(path);
            } catch (const FileError& e) {
                throw UsageError(e.what());
            }
        }
    StopSignals signals;
    const SceneInfo& scene = scene_or_default(a.scene);
    Timeline tl = load_timeline(scene, {.manim_glyph_rounding = a.manim_rounding});
    for (std::size_t i = 0; i < times.size(); ++i)
        times[i] = within_duration(times[i], parts[i], "--at", scene.name, tl.duration());
    std::size_t written = 0;
    auto stopped = [&] {
        return stopped_error(written == 0 ? std::string("nothing written")
                                          : fmt::format("{} of {} frames written", written, times.size()));
    };
    // Made only now that the times and the scene are known good.
    std::optional<NewFolder> folder;
    if (new_folder) folder.emplace(fs::path(a.output));
    LayerCache layers; // several times in one segment share its static layer
    Image img(width, height);
    for (std::size_t i = 0; i < times.size(); ++i) {
        if (stop_requested()) throw stopped();
        layers.render(tl.state_at(times[i]), img.pixels.data(), width, height, img.stride);
        const std::string path = folder ? (folder->temp() / fs::path(paths[i]).filename()).string() : paths[i];
        std::string err;
        if (!write_png(img, path, &err, &stop_flag())) {
            if (stop_requested()) throw stopped();
            throw UsageError(err);
        }
        ++written;
        if (!folder) fmt::print("{}\n", paths[i]);
    }
    if (folder) {
        if (stop_requested()) throw stopped();
        folder->commit();
        for (const auto& path : paths) fmt::print("{}\n", path);
    }
    return 0;
}

} // namespace

Command add_frame_command(CLI::App& root) {
    auto args = std::make_shared<FrameArgs>();
    CLI::App* app = root.add_subcommand("frame", "Render the picture at one or more times to PNG");
    app->add_option("scene", args->scene, "Scene name (default: the first scene, see 'reel scenes')");
    app->add_option("--at", args->at, "Time: seconds (12.5) or m:ss with ss < 60 (1:02.5); a comma-separated list renders several")
        ->required();
    app->add_option("-o,--output", args->output,
                    "PNG file; with several times, a folder, created if missing (files named tNNNNNN.png, milliseconds)")
        ->required();
    auto* q = app->add_option("-q,--quality", args->quality,
                              "Manim quality: l 854x480, m 1280x720, h 1920x1080 (default), p 2560x1440, k 3840x2160");
    auto* r = app->add_option("--resolution", args->resolution, "WIDTHxHEIGHT, e.g. 1280x720");
    app->add_flag("--manim-glyph-rounding", args->manim_rounding,
                  "Round glyph advances to 0.05 units as Manim 0.17.3 did (pixel-compatible with its frames)");
    q->excludes(r);
    r->excludes(q);
    return {app, [args]() { return run_frame(*args); }};
}

} // namespace reel::cli
