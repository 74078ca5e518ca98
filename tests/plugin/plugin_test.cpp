// Scene plug-ins: loading and refusing them (a file that is not a plug-in, one built against
// another Reel), a scene held across a reload, the plug-in options of the command line,
// `present --watch` in the binary, and a reload that must look like a fresh start (against the
// binary). The rest of live reload is tests/live's.
#include <gtest/gtest.h>

#include <elf.h>

#include <algorithm>
#include <cstring>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "live/build.h"
#include "live/live_support.h"
#include "live/scene.h"
#include "plugin/plugin.h"
#include "render/render.h"
#include "text/fonts.h"
#include "support/golden.h"
#include "support/run_reel.h" // LsanForChildren: the reel processes it starts, under ASan

namespace reel {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> scene_names() {
    std::vector<std::string> names;
    for (const SceneInfo* s : scene_registry()) names.push_back(s->name);
    return names;
}

std::string load_error(const std::string& path) {
    try {
        load_plugin(path);
    } catch (const PluginError& e) {
        return e.what();
    }
    return "";
}

TEST(Plugin, LoadsItsScenesIntoTheHostsRegistry) {
    LoadedPlugin p = load_plugin(plugin("test_live_blue"));
    ASSERT_EQ(p.scenes, std::vector<std::string>{"live"});
    const SceneInfo* info = find_scene("live");
    ASSERT_NE(info, nullptr);
    Timeline tl = record_scene(*info);
    EXPECT_NEAR(tl.duration(), 4.0, 1e-9);
    ASSERT_EQ(tl.sections().size(), 2u);
    EXPECT_EQ(tl.sections()[1].name, "two");
}

// A `const SceneInfo*` taken before the plug-in is loaded again (a reload while it records)
// keeps naming the version it was taken from; the registry names the new one.
TEST(Plugin, ASceneHeldAcrossAReloadStaysItsVersion) {
    fs::path d = fresh_dir("held", "plugin");
    const fs::path file = d / "scene.so";
    install_as(plugin("test_live_blue"), file);
    load_plugin(file.string());
    const SceneInfo* held = find_scene("live");
    ASSERT_NE(held, nullptr);
    const Image blue = picture(record_scene(*held), 1.5);

    install_as(plugin("test_live_red"), file);
    load_plugin(file.string());
    ASSERT_NE(find_scene("live"), held);
    EXPECT_EQ(held->name, "live");
    EXPECT_EQ(differing(picture(record_scene(*held), 1.5), blue, 0, 180), 0.0) << "still the blue version";
    EXPECT_GT(differing(picture(record_scene(*find_scene("live")), 1.5), blue, 0, 180), 0.1) << "the new one";
    const auto names = scene_names();
    EXPECT_EQ(std::count(names.begin(), names.end(), "live"), 1);
}

TEST(Plugin, RefusesAFileThatIsNotASharedLibrary) {
    fs::path d = fresh_dir("text", "plugin");
    std::ofstream(d / "scene.so") << "not a plug-in\n";
    const auto before = scene_names();
    const std::string e = load_error((d / "scene.so").string());
    EXPECT_NE(e.find("is not a Reel plug-in (not a shared library"), std::string::npos) << e;
    EXPECT_EQ(e.find('\n'), std::string::npos) << "one line: " << e;
    EXPECT_EQ(scene_names(), before);
}

// A plug-in cut off while a linker writes it: refused with one line. (dlopen maps the pages the
// file lacks, and the process died of SIGBUS touching them.)
TEST(Plugin, RefusesAPluginCutOffWhileItIsWritten) {
    fs::path d = fresh_dir("cut", "plugin");
    std::ifstream in(plugin("test_live_red"), std::ios::binary);
    const std::string whole{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    ASSERT_GT(whole.size(), 8192u);
    // Cut inside the loadable segments: a build with debug information (the sanitizer preset's
    // RelWithDebInfo) keeps most of its bytes in sections after them, where a cut loses nothing
    // dlopen maps and the file still loads.
    Elf64_Ehdr h{};
    std::memcpy(&h, whole.data(), sizeof h);
    std::size_t loaded = 0;
    for (int i = 0; i < h.e_phnum; ++i) {
        Elf64_Phdr ph{};
        std::memcpy(&ph, whole.data() + h.e_phoff + static_cast<std::size_t>(i) * sizeof ph, sizeof ph);
        if (ph.p_type == PT_LOAD) loaded = std::max<std::size_t>(loaded, ph.p_offset + ph.p_filesz);
    }
    ASSERT_GT(loaded, 8192u);
    for (std::size_t size : {loaded / 4, loaded / 2}) {
        std::ofstream(d / "scene.so", std::ios::binary | std::ios::trunc).write(whole.data(), static_cast<std::streamsize>(size));
        const std::string error = load_error((d / "scene.so").string());
        EXPECT_NE(error.find("is not a Reel plug-in (an incomplete shared library: it is cut off at"), std::string::npos)
            << size << " bytes: " << error;
    }
}

TEST(Plugin, RefusesASharedLibraryWithoutScenes) {
    const std::string e = load_error(plugin("test_not_a_plugin"));
    EXPECT_NE(e.find("is not a Reel plug-in (it defines no scene with REEL_SCENE)"), std::string::npos) << e;
}

TEST(Plugin, RefusesAPluginBuiltAgainstAnotherVersion) {
    const auto before = scene_names();
    const std::string e = load_error(plugin("test_other_version"));
    EXPECT_NE(e.find("built against Reel 0.99.0 (plug-in ABI 99); this is Reel " REEL_VERSION_STRING),
              std::string::npos)
        << e;
    EXPECT_EQ(scene_names(), before);
    EXPECT_EQ(find_scene("from_the_future"), nullptr);
}

TEST(Plugin, RefusesAMissingFile) {
    const std::string e = load_error("/nonexistent/scene.so");
    EXPECT_NE(e.find("does not exist"), std::string::npos) << e;
}

TEST(Plugin, PathListsFilesAndFoldersInOrder) {
    fs::path d = fresh_dir("path", "plugin");
    std::ofstream(d / "b.so") << "x";
    std::ofstream(d / "a.so") << "x";
    std::ofstream(d / "notes.txt") << "x";
    const auto files = plugin_path_files(("/x/one.so::" + d.string()).c_str());
    ASSERT_EQ(files.size(), 3u);
    EXPECT_EQ(files[0], "/x/one.so");
    EXPECT_EQ(fs::path(files[1]).filename(), "a.so");
    EXPECT_EQ(fs::path(files[2]).filename(), "b.so");
    EXPECT_TRUE(plugin_path_files(nullptr).empty());
}

// The command line: one clear line and a non-zero status for each refusal; a plug-in's first
// scene becomes the default.
TEST(PluginCli, RefusalsAreOneLineAndFail) {
    fs::path d = fresh_dir("cli", "plugin");
    std::ofstream(d / "text.so") << "hello\n";
    for (const std::string& bad : {(d / "text.so").string(), plugin("test_not_a_plugin"),
                                   plugin("test_other_version"), (d / "missing.so").string()}) {
        CommandResult r = run_command({REEL_BINARY, "frame", "--plugin", bad, "--at", "0", "-q", "l", "-o",
                                       (d / "x.png").string()});
        EXPECT_FALSE(r.ok) << bad;
        EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
        EXPECT_TRUE(r.output.starts_with("reel frame: error: ")) << r.output;
        EXPECT_FALSE(fs::exists(d / "x.png"));
    }
}

TEST(PluginCli, FirstSceneOfThePluginIsTheDefault) {
    CommandResult r = run_command({REEL_BINARY, "scenes", "--plugin", plugin("test_live_blue")});
    ASSERT_TRUE(r.ok) << r.output;
    EXPECT_NE(r.output.find("live (default)"), std::string::npos) << r.output;
    // REEL_PLUGIN_PATH adds scenes without changing the default.
    CommandResult e = run_command({"env", "REEL_PLUGIN_PATH=" + plugin("test_live_red"), REEL_BINARY, "scenes"});
    ASSERT_TRUE(e.ok) << e.output;
    EXPECT_NE(e.output.find("\nlive "), std::string::npos) << e.output;
    EXPECT_NE(e.output.find("transformer (default)"), std::string::npos) << e.output;
}

TEST(PluginCli, ScenesListsThePluginsScenesFirstAndApartFromTheBuiltInOnes) {
    const std::string blue = plugin("test_live_blue"), red = plugin("test_live_red");
    CommandResult r = run_command({REEL_BINARY, "scenes", "--plugin", blue});
    ASSERT_TRUE(r.ok) << r.output;
    // The plug-in's heading and scene first, then the built-in scenes under their own heading.
    EXPECT_EQ(r.output.rfind("plug-in " + blue + ":\nlive (default)  ", 0), 0u) << r.output;
    const std::size_t builtin = r.output.find("\n\nbuilt-in scenes (");
    ASSERT_NE(builtin, std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\ntransformer  ", builtin), std::string::npos) << r.output;
    EXPECT_NE(r.output.find("\nintro  ", builtin), std::string::npos) << r.output;
    EXPECT_EQ(r.output.find("\nlive", builtin), std::string::npos) << r.output;
    // REEL_PLUGIN_PATH's plug-ins are a source of their own, after --plugin's; a scene that a later
    // plug-in replaces is listed once, under the plug-in it now comes from.
    CommandResult e = run_command({"env", "REEL_PLUGIN_PATH=" + red, REEL_BINARY, "scenes"});
    ASSERT_TRUE(e.ok) << e.output;
    EXPECT_EQ(e.output.rfind("plug-in " + red + " (REEL_PLUGIN_PATH):\nlive  ", 0), 0u) << e.output;
    // The replacement is said, in one warning line that names both (stdout and stderr together here).
    CommandResult both = run_command({"env", "REEL_PLUGIN_PATH=" + red, REEL_BINARY, "scenes", "--plugin", blue});
    ASSERT_TRUE(both.ok) << both.output;
    const std::string warning = "reel scenes: warning: scene 'live' of plug-in " + blue + " replaces the one of plug-in " +
                                red + " (rename one of them to use both)\n";
    ASSERT_EQ(both.output.rfind(warning, 0), 0u) << both.output;
    both.output.erase(0, warning.size());
    EXPECT_EQ(both.output.rfind("plug-in " + blue + ":\nlive (default)  ", 0), 0u) << both.output;
    EXPECT_EQ(both.output.find(red), std::string::npos) << both.output;
    const std::size_t once = both.output.find("\nlive");
    ASSERT_NE(once, std::string::npos) << both.output;
    EXPECT_EQ(both.output.find("\nlive", once + 1), std::string::npos) << both.output;
}

TEST(PluginCli, FramePositionalSceneAfterPlugin) {
    fs::path d = fresh_dir("frame", "plugin");
    CommandResult r = run_command({REEL_BINARY, "frame", "--plugin", plugin("test_live_red"), "live", "--at", "1",
                                   "-q", "l", "-o", (d / "f.png").string()});
    ASSERT_TRUE(r.ok) << r.output;
    EXPECT_TRUE(fs::exists(d / "f.png"));
}

// `present --watch`: refused without a plug-in; with one, the window presents the plug-in's
// scene (its blue square in the middle; the screenshot is the real window's picture).
TEST(PluginCli, PresentWatchesAPlugin) {
    fs::path d = fresh_dir("present_watch", "plugin");
    CommandResult bad = run_command({REEL_BINARY, "present", "--watch", "--windowed"});
    EXPECT_FALSE(bad.ok);
    EXPECT_EQ(std::count(bad.output.begin(), bad.output.end(), '\n'), 1) << bad.output;
    EXPECT_NE(bad.output.find("--watch needs --plugin"), std::string::npos) << bad.output;

    const fs::path shot = d / "shot.png";
    CommandResult r = run_command({"env", "SDL_VIDEODRIVER=dummy", REEL_BINARY, "present", "--plugin",
                                   plugin("test_live_blue"), "--watch", "--windowed", "--screenshot", shot.string(),
                                   "--after-ms", "1600"});
    ASSERT_TRUE(r.ok) << r.output;
    EXPECT_NE(r.output.find("reel: watching"), std::string::npos) << r.output;
    std::string error;
    const Image img = reel::test::load_png(shot, error);
    ASSERT_GT(img.width, 0) << error;
    const std::uint8_t* px = img.pixels.data() + static_cast<std::size_t>(img.height / 2) * img.stride + 4 * (img.width / 2);
    // Manim's BLUE (#58C4DD), BGRA, at the end of the first slide (the square faded in).
    EXPECT_NEAR(px[0], 0xDD, 12);
    EXPECT_NEAR(px[1], 0xC4, 12);
    EXPECT_NEAR(px[2], 0x58, 12);
}

// What a scene sets lasts as long as its recording: version 1 sets DejaVu Sans as the default
// font; version 2, the call deleted, reloaded as `play --watch` reloads it, must show what a
// fresh start of version 2 (a new process) shows, not version 1's font.
TEST(LiveReload, ASettingDeletedFromTheSceneIsGoneAfterTheReload) {
    std::string font_error;
    ASSERT_TRUE(init_fonts(&font_error)) << font_error;
    fs::path d = fresh_dir("settings", "plugin");
    const fs::path file = d / "scene.so";
    install_as(plugin("test_font_set"), file);
    LiveScene live(file.string(), "");
    ASSERT_TRUE(live.reload()) << live.error();
    const Image first = picture(*live.timeline(), 1.5);

    install_as(plugin("test_font_default"), file);
    ASSERT_TRUE(live.reload()) << live.error();
    const Image reloaded = picture(*live.timeline(), 1.5);

    const fs::path png = d / "fresh.png";
    CommandResult r = run_command({REEL_BINARY, "frame", "--plugin", plugin("test_font_default"), "--at", "1.5",
                                   "--resolution", "320x180", "-o", png.string()});
    ASSERT_TRUE(r.ok) << r.output;
    std::string error;
    const Image fresh = reel::test::load_png(png, error);
    ASSERT_EQ(fresh.width, 320) << error;
    ASSERT_EQ(fresh.height, 180);
    EXPECT_GT(differing(first, fresh, 0, 180), 0.02) << "version 1's font is not the default";
    EXPECT_EQ(differing(reloaded, fresh, 0, 180), 0.0) << "the reload shows what a fresh start shows";
}

} // namespace
} // namespace reel
