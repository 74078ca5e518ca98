// The `reel` command's error reporting: one clear line on stderr, a non-zero exit status and no
// file written (an existing file untouched) for bad times, unknown scenes and bad output paths.
// Runs the built binary (REEL_BINARY) as a user would.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "timeline/timeline.h"
#include "support/run_reel.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

using Result = reel::test::Outcome;
using reel::test::read_file;

// Runs REEL_BINARY with `args`, stdout and stderr captured in files under `dir` (removed after).
Result run(const std::vector<std::string>& args, const fs::path& dir) {
    const fs::path log = dir / ".log";
    Result r = reel::test::run_reel(args, log);
    fs::remove(log.string() + ".stdout");
    fs::remove(log.string() + ".stderr");
    return r;
}

// Every entry of a folder (names only).
std::set<std::string> listing(const fs::path& dir) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
}

class Cli : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        const SceneInfo* info = find_scene("transformer");
        if (info) duration_ = record_scene(*info).duration();
    }

    void SetUp() override {
        ASSERT_TRUE(fs::exists(REEL_BINARY)) << "the reel binary " << REEL_BINARY << " is not built";
        ASSERT_GT(duration_, 0.0) << "the scene 'transformer' is not registered";
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::path(REEL_TEST_OUTPUT_DIR) / "cli" / info->name();
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        // An existing output that a failed command must leave alone.
        existing_ = dir_ / "frame.png";
        std::ofstream(existing_) << kSentinel;
    }

    // The command failed the way a user should see it.
    void expect_clean_failure(const Result& r, const std::vector<std::string>& mentions) {
        EXPECT_NE(r.status, 0) << "stderr: " << r.err;
        EXPECT_LT(r.status, 128) << "reel did not exit normally (crash?): " << r.err;
        ASSERT_FALSE(r.err.empty()) << "no message on stderr";
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1)
            << "stderr must be exactly one line, got:\n" << r.err;
        EXPECT_EQ(r.err.back(), '\n');
        EXPECT_NE(r.err.find("error"), std::string::npos) << r.err;
        for (const auto& m : mentions)
            EXPECT_NE(r.err.find(m), std::string::npos) << "stderr should mention '" << m << "': " << r.err;
        EXPECT_EQ(read_file(existing_), kSentinel) << "an existing file was changed";
        EXPECT_EQ(listing(dir_), std::set<std::string>{"frame.png"}) << "a file was written";
    }

    static constexpr const char* kSentinel = "not a png: must stay as it is\n";
    static double duration_;
    fs::path dir_;
    fs::path existing_;
};
double Cli::duration_ = 0.0;

// ── Negative cases ────────────────────────────────────────────────────────────────────────

TEST_F(Cli, NegativeTime) {
    const Result r = run({"frame", "transformer", "--at", "-1", "-q", "l", "-o", existing_.string()}, dir_);
    expect_clean_failure(r, {"--at", "-1", "negative"});
}

TEST_F(Cli, TimeThatIsNotANumber) {
    const Result r = run({"frame", "transformer", "--at", "abc", "-q", "l", "-o", existing_.string()}, dir_);
    expect_clean_failure(r, {"--at", "'abc'"});
}

TEST_F(Cli, OneBadTimeInAListWritesNoFrameAtAll) {
    const Result r = run({"frame", "transformer", "--at", "1,abc", "-q", "l", "-o", dir_.string()}, dir_);
    expect_clean_failure(r, {"'abc'"});
}

TEST_F(Cli, TimePastTheEnd) {
    const std::string d = fmt::format("{:.3f}", duration_);
    const Result r = run({"frame", "transformer", "--at", fmt::format("{:g}", duration_ + 1.0),
                          "-q", "l", "-o", existing_.string()},
                         dir_);
    expect_clean_failure(r, {"past the end", "transformer", d});
    const Result far = run({"frame", "--at", "99999", "-q", "l", "-o", existing_.string()}, dir_);
    expect_clean_failure(far, {"past the end", "99999", d});
}

TEST_F(Cli, UnknownScene) {
    const Result r = run({"frame", "no-such-scene", "--at", "1", "-q", "l", "-o", existing_.string()}, dir_);
    // The message names the scene and lists the ones that exist.
    expect_clean_failure(r, {"unknown scene", "'no-such-scene'", "transformer"});
}

TEST_F(Cli, MissingOutputFolder) {
    const fs::path target = dir_ / "missing" / "x.png";
    const Result r = run({"frame", "--at", "1", "-q", "l", "-o", target.string()}, dir_);
    expect_clean_failure(r, {(dir_ / "missing").string(), "does not exist"});
    EXPECT_FALSE(fs::exists(dir_ / "missing"));
}

TEST_F(Cli, OutputFolderThatIsARegularFile) {
    // Works for root too: nothing can be created inside a regular file.
    const Result r = run({"frame", "--at", "1", "-q", "l", "-o", (existing_ / "x.png").string()}, dir_);
    expect_clean_failure(r, {existing_.string(), "not a folder"});
}

TEST_F(Cli, UnwritableOutputFolder) {
    // chmod does not stop root; /proc refuses new files for every user.
    const Result r = run({"frame", "--at", "1", "-q", "l", "-o", "/proc/reel-cli-test.png"}, dir_);
    expect_clean_failure(r, {"/proc/reel-cli-test.png"});
    EXPECT_FALSE(fs::exists("/proc/reel-cli-test.png"));
    const Result sub = run({"frame", "--at", "1", "-q", "l", "-o", "/proc/reel-test/x.png"}, dir_);
    expect_clean_failure(sub, {"/proc/reel-test"});
}

TEST_F(Cli, OutputWithoutPngExtension) {
    const Result r = run({"frame", "--at", "1", "-q", "l", "-o", (dir_ / "x.jpg").string()}, dir_);
    expect_clean_failure(r, {"x.jpg", ".png"});
}

// ── The same command with good arguments works (so the checks above can fail) ────────────

TEST_F(Cli, GoodArgumentsWriteTheFrameAndNothingOnStderr) {
    const fs::path target = dir_ / "ok.png";
    const Result r = run({"frame", "transformer", "--at", "1", "-q", "l", "-o", target.string()}, dir_);
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    ASSERT_TRUE(fs::exists(target));
    EXPECT_EQ(read_file(target).substr(1, 3), "PNG");
    EXPECT_EQ(listing(dir_), (std::set<std::string>{"frame.png", "ok.png"}));
    // Overwriting an existing file replaces it.
    const Result again = run({"frame", "--at", "1", "-q", "l", "-o", existing_.string()}, dir_);
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(read_file(existing_).substr(1, 3), "PNG");
}

// `--at a,b -o NEW`: the folder is made with every frame in it, whole or not at all (a run that
// fails leaves no folder and no dot-folder behind).
TEST_F(Cli, SeveralTimesIntoANewFolderCreateItWhole) {
    const fs::path target = dir_ / "frames";
    const Result bad = run({"frame", "transformer", "--at", "1,99999", "-q", "l", "-o", target.string()}, dir_);
    expect_clean_failure(bad, {"past the end", "99999"});
    const Result deep = run({"frame", "--at", "1,2", "-q", "l", "-o", (dir_ / "missing" / "frames").string()}, dir_);
    expect_clean_failure(deep, {(dir_ / "missing").string(), "does not exist"});
    const Result r = run({"frame", "transformer", "--at", "1,2", "-q", "l", "-o", target.string()}, dir_);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(listing(dir_), (std::set<std::string>{"frame.png", "frames"}));
    EXPECT_EQ(listing(target), (std::set<std::string>{"t001000.png", "t002000.png"}));
    EXPECT_EQ(read_file(target / "t002000.png").substr(1, 3), "PNG");
    EXPECT_NE(r.out.find((target / "t001000.png").string()), std::string::npos);
    // Not a private folder: mkdtemp's 0700 became the usual mode (0777 less the umask).
    const mode_t mask = umask(0);
    umask(mask);
    EXPECT_EQ(fs::status(target).permissions(), static_cast<fs::perms>(0777 & ~mask));
    // Into the existing folder again: the frames are replaced, nothing else is made.
    const Result again = run({"frame", "transformer", "--at", "1,2", "-q", "l", "-o", target.string()}, dir_);
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(listing(dir_), (std::set<std::string>{"frame.png", "frames"}));
}

// ── Scenes register themselves from their own folder ─────────────────────────────────────

TEST_F(Cli, ScenesInTheirOwnFoldersAreListedAndThePromoIsTheDefault) {
    // scenes/intro/intro.cpp is named nowhere outside its folder; REEL_SCENE alone registers it.
    const Result r = run({"scenes"}, dir_);
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string listed = "\n" + r.out;
    EXPECT_NE(listed.find("\nintro  "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Three boxes, two arrows and the formula they compute"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("transformer (default)"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("intro (default)"), std::string::npos) << r.out;
    // The scene renders by name.
    const fs::path target = dir_ / "intro.png";
    const Result f = run({"frame", "intro", "--at", "3", "-q", "l", "-o", target.string()}, dir_);
    EXPECT_EQ(f.status, 0) << f.err;
    EXPECT_TRUE(fs::exists(target));
}


// ── reel tex: honest limits ───────────────────────────────────────────────────────────────

// A failed `reel tex`: non-zero exit, the message on stderr, the existing file untouched.
void expect_tex_failure(const Result& r, const std::vector<std::string>& mentions,
                        const fs::path& existing, const std::string& sentinel) {
    EXPECT_NE(r.status, 0) << r.err;
    EXPECT_LT(r.status, 128) << "crash? " << r.err;
    EXPECT_EQ(r.err.rfind("reel tex: error: ", 0), 0u) << r.err;
    for (const auto& m : mentions) EXPECT_NE(r.err.find(m), std::string::npos) << r.err;
    EXPECT_EQ(read_file(existing), sentinel);
}

TEST_F(Cli, TexTextInAScriptTheFontsLack) {
    const fs::path out = dir_ / "f.png";
    std::ofstream(out) << kSentinel;
    const Result r = run({"tex", "\\text{日本語}", "-o", out.string()}, dir_);
    expect_tex_failure(r, {"column 7", "no glyph", "'日'", "U+65E5"}, out, kSentinel);
}

TEST_F(Cli, TexUnknownCommandNamesItsColumn) {
    const fs::path out = dir_ / "f.png";
    std::ofstream(out) << kSentinel;
    const Result r = run({"tex", "a + \\foo{b}", "-o", out.string()}, dir_);
    expect_tex_failure(r, {"column 5", "unknown command", "\\foo"}, out, kSentinel);
}

TEST_F(Cli, TexEmptyFormula) {
    const fs::path out = dir_ / "f.png";
    std::ofstream(out) << kSentinel;
    const Result r = run({"tex", "", "-o", out.string()}, dir_);
    expect_tex_failure(r, {"empty"}, out, kSentinel);
}

TEST_F(Cli, TexPictureBeyondTheCapIsAnErrorNotGigabytes) {
    const fs::path out = dir_ / "f.png";
    std::ofstream(out) << kSentinel;
    std::string formula;
    for (int i = 0; i < 1000; ++i) formula += "x+";
    const Result r = run({"tex", formula, "-o", out.string()}, dir_);
    expect_tex_failure(r, {"16384 px", "--font-size"}, out, kSentinel);
    // Smaller, it fits: the density follows --font-size and --scale.
    const Result small = run({"tex", formula, "--font-size", "4", "-o", out.string()}, dir_);
    EXPECT_EQ(small.status, 0) << small.err;
    const Result scaled = run({"tex", "x^2", "--scale", "2", "-o", (dir_ / "s2.png").string()}, dir_);
    const Result plain = run({"tex", "x^2", "-o", (dir_ / "s1.png").string()}, dir_);
    ASSERT_EQ(scaled.status, 0) << scaled.err;
    ASSERT_EQ(plain.status, 0) << plain.err;
    EXPECT_GT(fs::file_size(dir_ / "s2.png"), fs::file_size(dir_ / "s1.png"));
}

} // namespace
} // namespace reel

namespace reel {
namespace {

// reel bench --scale: one row per scene and size with the draw and export figures.
// ── Presenting: the same section forms everywhere, slides by number ───────────────────────

TEST_F(Cli, PresentSlideOutOfRange) {
    for (const char* bad : {"0", "21", "abc", "-1"}) {
        const Result r = run({"present", "--windowed", "--slide", bad}, dir_);
        expect_clean_failure(r, {"--slide", std::string("'") + bad + "'", "1 to 20"});
    }
}

TEST_F(Cli, UnknownSectionIsTheSameErrorForPlayPresentAndExport) {
    for (const std::string cmd : {"play", "present"}) {
        const Result r = run({cmd, "--section", "9"}, dir_);
        expect_clean_failure(r, {"--section '9'", "no such section", "1 gqa", "4 generation"});
    }
    const Result e = run({"export", "--section", "nope", "-q", "l", "-o", (dir_ / "a.mp4").string()}, dir_);
    expect_clean_failure(e, {"--section 'nope'", "no such section", "2 sdpa"});
}

TEST_F(Cli, PlayAudioIsAutoOrNone) {
    for (const std::string cmd : {"play", "present"}) {
        const Result r = run({cmd, "--audio", "off"}, dir_);
        expect_clean_failure(r, {"--audio 'off'", "auto", "none"});
    }
}

TEST_F(Cli, PresentScreenMustBePositive) {
    const Result r = run({"present", "--screen", "0"}, dir_);
    expect_clean_failure(r, {"--screen 0", "1 or more"});
    // Issue 22: -1 was accepted (it was the value for "not given").
    const Result minus = run({"present", "--screen", "-1"}, dir_);
    expect_clean_failure(minus, {"--screen -1", "1 or more"});
}

TEST_F(Cli, PresentJumpsToASlideAndTheConsoleShowsIt) {
    // Headless (SDL's dummy driver): the window and the console are real SDL windows.
    const fs::path shot = dir_ / "slide3.png", console = dir_ / "console.png";
    const Result r = run({"present", "--console", "--keys", "3 Return", "--screenshot", shot.string(),
                          "--console-screenshot", console.string(), "--after-ms", "500"},
                         dir_);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find(shot.string()), std::string::npos);
    EXPECT_NE(r.out.find(console.string()), std::string::npos);
    EXPECT_GT(fs::file_size(shot), 1000u);
    EXPECT_GT(fs::file_size(console), 1000u);
    const Result bad = run({"present", "--screen", "3"}, dir_);
    EXPECT_NE(bad.status, 0);
    EXPECT_NE(bad.err.find("--screen 3: there is only 1 display"), std::string::npos) << bad.err;
}

TEST(Bench, ScaleReportsDrawAndExportFiguresPerSceneAndSize) {
    const fs::path dir = fs::path(REEL_TEST_OUTPUT_DIR) / "cli" / "bench_scale";
    fs::create_directories(dir);
    Result r = run({"bench", "--scale", "--scale-scenes", "stress_mobjects", "stress_heatmap", "--scale-sizes",
                    "160x90", "192x108", "--max-frames", "6", "--export-frames", "8"},
                   dir);
    ASSERT_EQ(r.status, 0) << r.err;
    for (const char* scene : {"stress_mobjects", "stress_heatmap"})
        for (const char* size : {"160x90", "192x108"}) {
            const std::string head = fmt::format("{:<16} {:>9}", scene, size);
            auto at = r.out.find(head);
            ASSERT_NE(at, std::string::npos) << r.out;
            std::istringstream row(r.out.substr(at + head.size(), r.out.find('\n', at) - at - head.size()));
            long leaves = 0, frames = 0;
            double p50 = -1, p99 = -1, f50 = -1, f99 = -1, fps = -1;
            std::string ms, pictures;
            row >> leaves >> frames >> p50 >> ms >> p99 >> ms >> f50 >> ms >> f99 >> ms >> fps >> pictures;
            EXPECT_GT(leaves, std::string(scene) == "stress_heatmap" ? 4900 : 1000) << r.out;
            EXPECT_EQ(frames, 6) << r.out;
            // Figures print to 0.01 ms: a full redraw at 160x90 can round to 0.00 on a fast machine.
            EXPECT_GE(p50, 0.0);
            EXPECT_GE(p99, p50);
            EXPECT_GE(f50, 0.0);
            EXPECT_GE(f99, f50);
            EXPECT_GT(p99 + f99, 0.0) << r.out;
            EXPECT_GT(fps, 0.0);
            EXPECT_NE(pictures.find("/8"), std::string::npos) << r.out;
        }
    Result bad = run({"bench", "--scale", "--scale-scenes", "nope"}, dir);
    EXPECT_EQ(bad.status, 1);
    EXPECT_NE(bad.err.find("nope"), std::string::npos) << bad.err;
}

// A scene of 0 frames has no per-frame figures: reel bench says so (it used to crash sorting
// no timings: SIGSEGV).
TEST(Bench, ASceneWithoutFramesIsRefusedWithAMessage) {
    const fs::path dir = fs::path(REEL_TEST_OUTPUT_DIR) / "cli" / "bench_empty";
    fs::create_directories(dir);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"bench", "--plugin", REEL_EMPTY_SCENE_PLUGIN, "records_nothing", "--resolution", "160x90"},
          std::vector<std::string>{"bench", "--plugin", REEL_EMPTY_SCENE_PLUGIN, "--scale", "--scale-scenes",
                                   "records_nothing", "--scale-sizes", "160x90"}}) {
        const Result r = run(args, dir);
        EXPECT_EQ(r.status, 1) << r.err;
        EXPECT_NE(r.err.find("'records_nothing' has no frames to benchmark"), std::string::npos) << r.err;
    }
}

} // namespace
} // namespace reel
