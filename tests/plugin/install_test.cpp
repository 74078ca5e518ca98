// `cmake --install` of this build into a fresh prefix, used as a user uses it: the installed reel
// shows the installed promo (lib/reel/scenes, no REEL_PLUGIN_PATH, no scene named), and a
// `reel new` project builds against the installed package (find_package(Reel)) and renders.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "live/build.h"
#include "support/run_reel.h" // LsanForChildren: the reel processes it starts, under ASan

namespace reel {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs a command with the environment a user has: no REEL_PLUGIN_PATH, no REEL_FONTS_DIR (the
// installation's own fonts).
CommandResult run_clean(std::vector<std::string> argv) {
    argv.insert(argv.begin(), {"env", "-u", "REEL_PLUGIN_PATH", "-u", "REEL_FONTS_DIR"});
    return run_command(argv);
}

TEST(Install, TheInstalledReelShowsTheInstalledPromoAndBuildsANewProject) {
    const fs::path d = fs::path(REEL_TEST_OUTPUT_DIR) / "install";
    fs::remove_all(d);
    fs::create_directories(d);
    const fs::path prefix = d / "prefix";
    CommandResult installed = run_command({"cmake", "--install", REEL_TEST_BUILD_DIR, "--prefix", prefix.string()});
    ASSERT_TRUE(installed.ok) << installed.output;
    const fs::path scenes_dir = prefix / REEL_TEST_SCENES_INSTALL_DIR;
    ASSERT_TRUE(fs::exists(scenes_dir / "transformer.so")) << installed.output;
    const std::string reel = (prefix / "bin" / "reel").string();

    // The scenes come from the installation, the promo is the default.
    CommandResult scenes = run_clean({reel, "scenes"});
    ASSERT_TRUE(scenes.ok) << scenes.output;
    EXPECT_NE(scenes.output.find("built-in scenes (" + fs::canonical(scenes_dir).string() + "):\n"),
              std::string::npos)
        << scenes.output;
    EXPECT_NE(scenes.output.find("\ntransformer (default)  "), std::string::npos) << scenes.output;

    // No scene named: the promo's frame, the same picture the build tree's reel draws of it.
    const fs::path mine = d / "installed.png", built = d / "built.png";
    CommandResult frame = run_clean({reel, "frame", "--at", "1", "-q", "l", "-o", mine.string()});
    ASSERT_TRUE(frame.ok) << frame.output;
    CommandResult reference =
        run_command({REEL_BINARY, "frame", "transformer", "--at", "1", "-q", "l", "-o", built.string()});
    ASSERT_TRUE(reference.ok) << reference.output;
    const std::string a = slurp(mine), b = slurp(built);
    ASSERT_GT(a.size(), 1000u);
    EXPECT_TRUE(a == b) << "the installed reel's frame at 1 s differs from the build tree's frame of the promo";

    // reel new + find_package(Reel) against the installed package.
    CommandResult made = run_command({"sh", "-c", "cd '" + d.string() + "' && '" + reel + "' new orbit"});
    ASSERT_TRUE(made.ok) << made.output;
    const fs::path project = d / "orbit";
    CommandResult configured = run_command({"cmake", "-S", project.string(), "-B", (project / "build").string()});
    ASSERT_TRUE(configured.ok) << configured.output;
    // The package found is the installed one, not the build tree.
    EXPECT_NE(slurp(project / "build" / "CMakeCache.txt")
                  .find("Reel_DIR:PATH=" + fs::canonical(prefix).string() + "/"),
              std::string::npos);
    CommandResult built_project = run_command({"cmake", "--build", (project / "build").string()});
    ASSERT_TRUE(built_project.ok) << built_project.output;
    const fs::path so = project / "build" / "orbit.so";
    ASSERT_TRUE(fs::exists(so));
    const fs::path png = d / "orbit.png";
    CommandResult own = run_clean({reel, "frame", "--plugin", so.string(), "--at", "1", "-q", "l", "-o", png.string()});
    ASSERT_TRUE(own.ok) << own.output;
    EXPECT_GT(slurp(png).size(), 1000u);
}

} // namespace
} // namespace reel
