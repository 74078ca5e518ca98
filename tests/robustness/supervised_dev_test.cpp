// Issue 22, row 1, through `reel dev`: a project from `reel new` whose scene source is saved, one
// after the other, as a version that segfaults, computes forever, throws an int or recurses while
// it records, each followed by a good version. `reel dev` must survive each bad save with the
// error over the last good version at the same moment, and show the next good save.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/run_reel.h"

namespace fs = std::filesystem;
using reel::test::read_file;
using reel::test::write_file;

namespace {


int count(const std::string& text, const std::string& what) {
    int n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

TEST(SupervisedDev, EachBadSaveShowsItsErrorAndTheNextGoodSaveClearsIt) {
    const fs::path dir = fs::path(REEL_TEST_OUTPUT_DIR) / "supervised_dev";
    fs::remove_all(dir);
    const fs::path runtime = dir / "runtime", tmp = dir / "tmp";
    fs::create_directories(runtime);
    fs::create_directories(tmp);
    fs::permissions(runtime, fs::perms::owner_all);
    ASSERT_EQ(reel::test::run_reel({"new", (dir / "proj").string()}, dir / "new").status, 0);
    const std::string scene = read_file(REEL_LIVE_HOSTILE_SOURCE);
    const fs::path source = dir / "proj" / "proj.cpp";
    // As editors save: a new file renamed over the old one.
    auto save = [&](const std::string& define) {
        write_file(dir / "proj" / ".proj.cpp.new", "#define " + define + "\n" + scene);
        fs::rename(dir / "proj" / ".proj.cpp.new", source);
    };
    save("LIVE_COLOR BLUE");
    reel::test::Child c = reel::test::start(reel::test::Spawn{
        {REEL_BINARY, "dev", (dir / "proj").string(), "--paused", "--at", "1.25", "--record-limit", "2"},
        dir / "dev.stdout", dir / "dev.stderr", {},
        {{"SDL_VIDEODRIVER", "dummy"}, {"SDL_AUDIODRIVER", "dummy"}, {"XDG_RUNTIME_DIR", runtime.string()},
         {"TMPDIR", tmp.string()}, {"XDG_CACHE_HOME", (dir / "cache").string()}},
        {}});
    auto alive = [&] { return ::waitpid(c.pid, nullptr, WNOHANG) == 0; };
    auto err = [&] { return read_file(dir / "dev.stderr"); };
    auto wait_for = [&](const std::string& what, int n, double seconds) {
        const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
        while (std::chrono::steady_clock::now() < until && alive()) {
            if (count(err(), what) >= n) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return count(err(), what) >= n;
    };
    ASSERT_TRUE(wait_for("on screen at", 1, 300)) << err();

    struct Bad {
        const char* define;
        const char* says;
    };
    const std::vector<Bad> bad = {
        {"LIVE_SEGV 1", "crashed: segmentation fault in write_through(int*)"},
        {"LIVE_HANG 1", "was still recording after 2 s and did not stop: abandoned"},
        {"LIVE_THROW_INT 1", "it threw something that is not a std::exception"},
        {"LIVE_RECURSE 1", "crashed: stack overflow (recursion too deep)"},
    };
    int errors = 0, good = 0;
    for (const Bad& b : bad) {
        const auto saved = std::chrono::steady_clock::now();
        save(b.define);
        ASSERT_TRUE(wait_for(": error (t = 1.250 s)", ++errors, 180)) << b.define << ": " << err();
        const double to_error = std::chrono::duration<double>(std::chrono::steady_clock::now() - saved).count();
        ASSERT_TRUE(alive()) << b.define << ": reel dev ended: " << err();
        const std::string text = err();
        const std::size_t line = text.rfind(": error (t = 1.250 s)");
        const std::string shown = text.substr(line, text.find('\n', line) - line);
        EXPECT_NE(shown.find("scene 'live' (plug-in proj.so)"), std::string::npos) << shown;
        EXPECT_NE(shown.find(b.says), std::string::npos) << shown;
        std::printf("%s: error on screen %.2f s after the save (build included)\n", b.define, to_error);
        save(++good % 2 ? "LIVE_COLOR RED" : "LIVE_COLOR BLUE");
        ASSERT_TRUE(wait_for(": new version (t = 1.250 s)", good, 180)) << "not cleared: " << err();
    }
    ::kill(c.pid, SIGTERM);
    const reel::test::Outcome r = reel::test::finish(c);
    EXPECT_TRUE(r.status == 0 || r.status == 143) << r.status << " " << r.err;
    if (fs::exists(runtime / "reel")) {
        EXPECT_EQ(reel::test::list_folder(runtime / "reel"), std::vector<std::string>{});
    }
    EXPECT_EQ(reel::test::list_folder(tmp), std::vector<std::string>{});
}

} // namespace
