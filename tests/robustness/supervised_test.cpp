// Issue 22, row 1: scene code cannot take the live player down. `reel play --watch` runs
// headless (SDL_VIDEODRIVER=dummy) on a good version of the scene "live"; a version that
// segfaults, computes forever, throws an int or recurses while it records, or whose updater
// segfaults or never returns while the window draws it, is installed over it, as a linker does; the process must survive, show the last good version at the same moment with the error
// over it (the player's own "on screen at" line says what the window shows), and show the next
// good version when it is saved. Nothing may be left in the runtime folder afterwards.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/run_reel.h"

namespace fs = std::filesystem;
using reel::test::list_folder;
using reel::test::read_file;

namespace {


std::string plugin(const std::string& kind) { return std::string(REEL_LIVE_HOSTILE_DIR "/live_") + kind + ".so"; }

// As a linker replaces its output: a new file renamed over the old one.
void install_as(const std::string& from, const fs::path& to) {
    fs::path tmp = to;
    tmp += ".tmp";
    fs::copy_file(from, tmp, fs::copy_options::overwrite_existing);
    fs::rename(tmp, to);
}

int count(const std::string& text, const std::string& what) {
    int n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

struct Kind {
    const char* name;   // live_NAME.so
    const char* says;   // in the error over the picture
};

class Supervised : public ::testing::TestWithParam<Kind> {
protected:
    void SetUp() override {
        dir_ = fs::path(REEL_TEST_OUTPUT_DIR) / "supervised" / GetParam().name;
        fs::remove_all(dir_);
        runtime_ = dir_ / "runtime";
        tmp_ = dir_ / "tmp";
        fs::create_directories(runtime_);
        fs::create_directories(tmp_);
        fs::permissions(runtime_, fs::perms::owner_all);
        scene_ = dir_ / "scene.so";
        install_as(plugin("blue"), scene_);
    }

    void TearDown() override {
        if (child_.pid > 0 && ::waitpid(child_.pid, nullptr, WNOHANG) == 0) {
            ::kill(child_.pid, SIGKILL);
            ::waitpid(child_.pid, nullptr, 0);
        }
    }

    void start(std::vector<std::string> args) {
        args.insert(args.begin(), REEL_BINARY);
        child_ = reel::test::start(reel::test::Spawn{
            args, dir_ / "reel.stdout", dir_ / "reel.stderr", {},
            {{"SDL_VIDEODRIVER", "dummy"}, {"SDL_AUDIODRIVER", "dummy"}, {"XDG_RUNTIME_DIR", runtime_.string()},
             {"TMPDIR", tmp_.string()}, {"XDG_CACHE_HOME", (dir_ / "cache").string()}},
            {}});
    }

    std::string err() const { return read_file(dir_ / "reel.stderr"); }

    bool alive() const { return ::waitpid(child_.pid, nullptr, WNOHANG) == 0; }

    // Waits until stderr holds `n` lines with `what`; false after `seconds` or when reel ended.
    bool wait_for(const std::string& what, int n, double seconds) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (std::chrono::steady_clock::now() < until) {
            if (count(err(), what) >= n) return true;
            if (!alive()) return count(err(), what) >= n;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    }

    fs::path dir_, runtime_, tmp_, scene_;
    reel::test::Child child_;
};

TEST_P(Supervised, PlayWatchSurvivesAndShowsTheNextGoodVersion) {
    const Kind& kind = GetParam();
    // Paused at 1.25 s: "the same moment" is then exactly that.
    start({"play", "--watch", "--plugin", scene_.string(), "--paused", "--at", "1.25", "--record-limit", "2"});
    ASSERT_TRUE(wait_for("on screen at", 1, 60)) << err();

    const auto saved = std::chrono::steady_clock::now();
    install_as(plugin(kind.name), scene_);
    ASSERT_TRUE(wait_for(": error (t = 1.250 s)", 1, 30)) << "no error over the last good version: " << err();
    const double to_error = std::chrono::duration<double>(std::chrono::steady_clock::now() - saved).count();
    ASSERT_TRUE(alive()) << "reel ended: " << err();
    const std::string shown = err();
    const std::size_t line = shown.find(": error (t = 1.250 s)");
    const std::string error_line = shown.substr(line, shown.find('\n', line) - line);
    EXPECT_NE(error_line.find("scene 'live' (plug-in scene.so)"), std::string::npos) << error_line;
    EXPECT_NE(error_line.find(kind.says), std::string::npos) << error_line;
    std::printf("%s: error on screen %.2f s after the save\n", kind.name, to_error);

    install_as(plugin("red"), scene_);
    ASSERT_TRUE(wait_for(": new version (t = 1.250 s)", 1, 30)) << "the next good version was not shown: " << err();
    EXPECT_TRUE(alive()) << err();

    ::kill(child_.pid, SIGTERM);
    const reel::test::Outcome r = reel::test::finish(child_);
    child_.pid = -1;
    EXPECT_TRUE(r.status == 0 || r.status == 143) << r.status << " " << r.err;
    // The supervisor's folder (the kept version) and every plug-in copy are gone.
    if (fs::exists(runtime_ / "reel")) {
        EXPECT_EQ(list_folder(runtime_ / "reel"), std::vector<std::string>{});
    }
    EXPECT_EQ(list_folder(tmp_), std::vector<std::string>{});
    EXPECT_EQ(list_folder(dir_), (std::vector<std::string>{"cache", "reel.stderr", "reel.stdout", "runtime",
                                                          "scene.so", "tmp"}));
}

INSTANTIATE_TEST_SUITE_P(
    Issue22, Supervised,
    ::testing::Values(Kind{"segv", "crashed: segmentation fault in write_through(int*)"},
                      Kind{"hang", "was still recording after 2 s and did not stop: abandoned"},
                      Kind{"throw_int", "failed to record: it threw something that is not a std::exception"},
                      Kind{"recurse", "crashed: stack overflow (recursion too deep)"},
                      Kind{"draw_segv", "crashed: segmentation fault in write_through(int*)"},
                      Kind{"draw_hang", "drawing the picture did not return within 10 s"}),
    [](const ::testing::TestParamInfo<Kind>& p) { return std::string(p.param.name); });

} // namespace
