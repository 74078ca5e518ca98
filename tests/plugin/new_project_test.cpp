// `reel new NAME`: the project it makes builds against this Reel (find_package(Reel) +
// reel_add_scene) and its scene renders; an existing folder is refused without touching it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "render/render.h"
#include "live/build.h"
#include "support/run_reel.h" // LsanForChildren: the reel processes it starts, under ASan

namespace reel {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

fs::path fresh_dir(const std::string& name) {
    fs::path d = fs::path(REEL_TEST_OUTPUT_DIR) / "new_project" / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

TEST(NewProject, BuildsAgainstThisReelAndRenders) {
    const fs::path d = fresh_dir("build");
    CommandResult made = run_command({"sh", "-c", "cd '" + d.string() + "' && '" REEL_BINARY "' new my-demo"});
    ASSERT_TRUE(made.ok) << made.output;
    const fs::path project = d / "my-demo";
    EXPECT_NE(slurp(project / "CMakeLists.txt").find("find_package(Reel"), std::string::npos);
    EXPECT_NE(slurp(project / "my-demo.cpp").find("REEL_SCENE(my_demo,"), std::string::npos);

    CommandResult configured = run_command({"cmake", "-S", project.string(), "-B", (project / "build").string()});
    ASSERT_TRUE(configured.ok) << configured.output;
    CommandResult built = run_command({"cmake", "--build", (project / "build").string()});
    ASSERT_TRUE(built.ok) << built.output;
    const fs::path so = project / "build" / "my-demo.so";
    ASSERT_TRUE(fs::exists(so));

    const fs::path png = d / "frame.png";
    CommandResult frame = run_command({REEL_BINARY, "frame", "--plugin", so.string(), "--at", "1", "-q", "l",
                                       "-o", png.string()});
    ASSERT_TRUE(frame.ok) << frame.output;
    ASSERT_TRUE(fs::exists(png));
    // The default scene is the plug-in's: its scene list marks it.
    CommandResult scenes = run_command({REEL_BINARY, "scenes", "--plugin", so.string()});
    EXPECT_NE(scenes.output.find("my_demo (default)"), std::string::npos) << scenes.output;
}

TEST(NewProject, RefusesAnExistingFolder) {
    const fs::path d = fresh_dir("exists");
    fs::create_directories(d / "taken");
    std::ofstream(d / "taken" / "keep.txt") << "mine\n";
    CommandResult r = run_command({"sh", "-c", "cd '" + d.string() + "' && '" REEL_BINARY "' new taken"});
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.output, "reel new: error: 'taken' already exists\n");
    EXPECT_EQ(slurp(d / "taken" / "keep.txt"), "mine\n");
    EXPECT_EQ(std::distance(fs::directory_iterator(d), fs::directory_iterator()), 1) << "no temporary left";
    CommandResult bad = run_command({"sh", "-c", "cd '" + d.string() + "' && '" REEL_BINARY "' new 'a b'"});
    EXPECT_FALSE(bad.ok);
    EXPECT_NE(bad.output.find("may hold only letters, digits"), std::string::npos) << bad.output;
}

// Issue 22: "reel new -- -rf" made a folder named "-rf"; a 300-character name failed naming
// the internal temporary folder. Both are one line now, and nothing is made.
TEST(NewProject, RefusesALeadingDashAndOverlongNames) {
    const fs::path d = fresh_dir("names");
    const std::string cd = "cd '" + d.string() + "' && '" REEL_BINARY "' new ";
    CommandResult dash = run_command({"sh", "-c", cd + "-- -rf"});
    EXPECT_FALSE(dash.ok);
    EXPECT_EQ(dash.output, "reel new: error: project name '-rf' must start with a letter or a digit\n");
    CommandResult dash2 = run_command({"sh", "-c", cd + "./-x"});
    EXPECT_EQ(dash2.output, "reel new: error: project name '-x' must start with a letter or a digit\n");
    CommandResult long_name = run_command({"sh", "-c", cd + std::string(300, 'a')});
    EXPECT_FALSE(long_name.ok);
    EXPECT_EQ(long_name.output,
              "reel new: error: project name 'aaaaaaaaaaaaaaaa...' is 300 characters long: use at most 64\n");
    EXPECT_EQ(std::distance(fs::directory_iterator(d), fs::directory_iterator()), 0) << "something was made";
}

} // namespace
} // namespace reel
