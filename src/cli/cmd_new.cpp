// reel new NAME: a scene project (CMakeLists.txt with find_package(Reel), one example scene).
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "command.h"

namespace reel::cli {

namespace fs = std::filesystem;

std::string reel_cmake_dir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    for (const fs::path& dir : {exe.parent_path() / REEL_BIN_TO_CMAKE, exe.parent_path()})
        if (fs::exists(dir / "ReelConfig.cmake", ec)) return fs::weakly_canonical(dir, ec).string();
    return {};
}

namespace {

constexpr const char* kCMakeLists = R"(cmake_minimum_required(VERSION 3.25)
project({name} LANGUAGES CXX)

# Reel {version}: the engine, its headers and reel_add_scene(). Found where `reel new` was run
# from; elsewhere pass -DCMAKE_PREFIX_PATH=<Reel's install prefix>.
find_package(Reel {version} EXACT REQUIRED HINTS "{hint}")

# {name}.so: a scene plug-in. `reel dev` builds it and reloads it on every save;
# `reel play --plugin build/{name}.so`, `reel export --plugin build/{name}.so -o {name}.mp4`.
reel_add_scene({name} SOURCES {name}.cpp)
)";

constexpr const char* kScene = R"(// {name}: a scene of your own. `reel dev` (in this folder) shows it and shows every change
// you save. The scene API is Manim's: see docs/authoring.md in Reel's repository.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE({ident}, "A square that becomes a rectangle") {{
    auto title = Text("Hello from {name}", {{.font_size = 48}});
    title.to_edge(UP);
    auto shape = Square(2.5, {{.color = BLUE, .fill_opacity = 0.5}});
    s.play(Write(title), Create(shape));
    s.wait(0.5);

    auto wide = Rectangle({{.width = 6, .height = 2, .color = GREEN, .fill_opacity = 0.5}});
    s.play(Transform(shape, wide));
    s.play(animate(shape).rotate(PI / 8).set_fill(YELLOW));
    s.wait();
}}
)";

void write_new(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw UsageError(fmt::format("cannot write '{}'", path.string()));
}

int run_new(const std::string& name_arg) {
    fs::path dir(name_arg);
    std::string name = dir.filename().string();
    if (name.empty() || name == "." || name == "..")
        throw UsageError(fmt::format("'{}' is not a project name", name_arg));
    // It names a folder, a CMake target, a C++ identifier and files ("NAME.cpp", "libNAME.so"
    // in places): long names break the file name limit, and a leading '-' reads as an option
    // to every tool that is later given the folder ("reel new -- -rf" made a folder "-rf").
    constexpr std::size_t kMaxName = 64;
    if (name.size() > kMaxName)
        throw UsageError(fmt::format("project name '{}...' is {} characters long: use at most {}",
                                     name.substr(0, 16), name.size(), kMaxName));
    if (!std::isalnum(static_cast<unsigned char>(name[0])))
        throw UsageError(fmt::format("project name '{}' must start with a letter or a digit", name));
    // The scene's name is a C++ identifier; the project's a CMake target name.
    std::string ident;
    for (char c : name) ident += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    if (std::isdigit(static_cast<unsigned char>(ident[0]))) ident = "_" + ident;
    for (char c : name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'))
            throw UsageError(fmt::format("project name '{}' may hold only letters, digits, '_' and '-'", name));
    std::error_code ec;
    if (fs::exists(dir, ec)) throw UsageError(fmt::format("'{}' already exists", dir.string()));
    const std::string hint = reel_cmake_dir();
    // Written into a temporary folder beside it, renamed when complete.
    fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
    if (!fs::is_directory(parent, ec)) throw UsageError(fmt::format("folder '{}' does not exist", parent.string()));
    fs::path tmp = parent / fmt::format(".{}.reel-new-{}", name, ::getpid());
    fs::create_directory(tmp, ec);
    if (ec) throw UsageError(fmt::format("cannot create '{}': {}", tmp.string(), ec.message()));
    try {
        write_new(tmp / "CMakeLists.txt",
                  fmt::format(fmt::runtime(kCMakeLists), fmt::arg("name", name), fmt::arg("version", REEL_VERSION),
                              fmt::arg("hint", hint)));
        write_new(tmp / (name + ".cpp"),
                  fmt::format(fmt::runtime(kScene), fmt::arg("name", name), fmt::arg("ident", ident)));
        write_new(tmp / ".gitignore", "build/\n");
        fs::rename(tmp, dir);
    } catch (...) {
        fs::remove_all(tmp, ec);
        throw;
    }
    fmt::print("Created {0}/ ({0}/CMakeLists.txt, {0}/{1}.cpp with scene '{2}'). Next:\n"
               "  cd {0} && reel dev\n",
               dir.string(), name, ident);
    return 0;
}

} // namespace

Command add_new_command(CLI::App& root) {
    auto name = std::make_shared<std::string>();
    CLI::App* app = root.add_subcommand("new", "Start a scene project: NAME/ with CMakeLists.txt and an example scene");
    app->add_option("name", *name, "The project's folder (created; must not exist)")->required();
    return {app, [name]() { return run_new(*name); }};
}

} // namespace reel::cli
