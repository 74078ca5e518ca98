// What a hostile tester found (issue 12), one test per row: each runs the built reel binary as
// a user would and checks the one clear line, the exit status and that nothing is lost or left.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "test_support.h"

namespace fs = std::filesystem;
using reel::test::count_lines;
using reel::test::list_folder;
using reel::test::Outcome;
using reel::test::read_file;
using reel::test::write_file;

namespace {

const std::string kOld = "an earlier file that must survive byte for byte\n";


// A fresh folder per test; logs go beside it (so that listings of the folder stay clean).
class Robustness : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::path(REEL_TEST_OUTPUT_DIR) / "robustness" / info->name();
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        log_ = dir_.string() + ".log";
    }

    Outcome reel(std::vector<std::string> args) { return reel::test::run_reel(std::move(args), log_ + std::to_string(runs_++)); }

    reel::test::Spawn spawn(std::vector<std::string> args) {
        args.insert(args.begin(), REEL_BINARY);
        const std::string prefix = log_ + std::to_string(runs_++);
        return {args, prefix + ".stdout", prefix + ".stderr", {}, {}, {}};
    }

    // Refused: exit 1, one line on stderr mentioning every piece of `mentions`.
    static void expect_one_line_error(const Outcome& r, const std::vector<std::string>& mentions, int status = 1) {
        EXPECT_EQ(r.status, status) << r.err;
        EXPECT_EQ(count_lines(r.err), 1) << r.err;
        EXPECT_NE(r.err.find("error"), std::string::npos) << r.err;
        for (const auto& m : mentions) EXPECT_NE(r.err.find(m), std::string::npos) << "want '" << m << "': " << r.err;
    }

    // Runs `args` as the unprivileged user nobody (root passes every permission check).
    std::vector<std::string> as_nobody(std::vector<std::string> args) {
        if (geteuid() != 0) return args;
        const fs::path cache = dir_.string() + ".cache"; // fontconfig wants a writable cache
        fs::create_directories(cache);
        fs::permissions(cache, fs::perms::all);
        args.insert(args.begin(), {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                   "/usr/bin/env", "XDG_CACHE_HOME=" + cache.string()});
        return args;
    }

    fs::path dir_;
    std::string log_;
    int runs_ = 0;
};

// The printed duration of a scene ("88.667") from `reel scenes`.
std::string printed_duration(const std::string& scenes_output, const std::string& scene) {
    std::smatch m;
    std::regex re("(^|\\n)" + scene + "[^\\n]*?  ([0-9]+\\.[0-9]{3}) s,");
    if (!std::regex_search(scenes_output, m, re)) return {};
    return m[2];
}

} // namespace

// ── thread start failure ──

TEST_F(Robustness, ExportWhenNoThreadCanStartIsOneLineAndLeavesNothing) {
    if (geteuid() != 0) GTEST_SKIP() << "needs root to run as nobody under a process limit";
    fs::permissions(dir_, fs::perms::all);
    // RLIMIT_NPROC counts the real user's processes and threads: nobody may have 1 or 4 here.
    for (const char* nproc : {"--nproc=1", "--nproc=4"}) {
        for (const char* file : {"a.gif", "a.mp4"}) {
            auto args = as_nobody({REEL_BINARY, "export", "intro", "--resolution", "64x36", "--fps", "5", "--quiet",
                                   "--workers", "4", "-o", (dir_ / file).string()});
            args.insert(args.begin(), {"/usr/bin/prlimit", nproc});
            // Under ASan, LeakSanitizer needs a thread of its own at exit; with none to be had it
            // aborts after Reel's clean refusal. Leak checking cannot work here, so it is off.
            args.insert(args.begin(), {"/usr/bin/env", "ASAN_OPTIONS=detect_leaks=0"});
            Outcome r = reel::test::run(args, log_ + file);
            expect_one_line_error(r, {"reel export: error: cannot start", "threads"});
            EXPECT_EQ(r.err.find("terminate"), std::string::npos) << r.err;
            EXPECT_TRUE(list_folder(dir_).empty()) << "a temporary file was left";
        }
    }
}

// ── --sections: all or nothing ──

TEST_F(Robustness, SectionsReplaceEveryFileOrNone) {
    if (geteuid() != 0) GTEST_SKIP() << "needs root to give a file to another user";
    // A sticky folder (like /tmp): nobody may not replace a file of another user there.
    fs::permissions(dir_, fs::perms::all | fs::perms::sticky_bit);
    const fs::path first = dir_ / "s_0000_boxes.gif", second = dir_ / "s_0001_formula.gif";
    write_file(first, "old first\n");
    write_file(second, "old second, owned by daemon\n");
    ASSERT_EQ(chown(first.c_str(), 65534, 65534), 0);
    ASSERT_EQ(chown(second.c_str(), 1, 1), 0);
    Outcome r = reel::test::run(as_nobody({REEL_BINARY, "export", "intro", "--sections", "--resolution", "64x36",
                                           "--fps", "5", "--quiet", "-o", (dir_ / "s.gif").string()}),
                                log_);
    expect_one_line_error(r, {"s_0001_formula.gif", "no file was changed"});
    EXPECT_EQ(read_file(first), "old first\n") << "the first section was replaced although the second could not be";
    EXPECT_EQ(read_file(second), "old second, owned by daemon\n");
    EXPECT_EQ(list_folder(dir_), (std::vector<std::string>{"s_0000_boxes.gif", "s_0001_formula.gif"}));
    // Once every file can be replaced, all are.
    ASSERT_EQ(chown(second.c_str(), 65534, 65534), 0);
    Outcome ok = reel::test::run(as_nobody({REEL_BINARY, "export", "intro", "--sections", "--resolution", "64x36",
                                            "--fps", "5", "--quiet", "-o", (dir_ / "s.gif").string()}),
                                 log_ + "ok");
    ASSERT_EQ(ok.status, 0) << ok.err;
    EXPECT_EQ(read_file(first).substr(0, 6), "GIF89a");
    EXPECT_EQ(read_file(second).substr(0, 6), "GIF89a");
    EXPECT_EQ(list_folder(dir_), (std::vector<std::string>{"s.json", "s_0000_boxes.gif", "s_0001_formula.gif"}));
}

// ── SIGINT / SIGTERM during frame, tex, export --at X.png ──

namespace {
// Starts `s`, waits until it catches SIGINT, sends `sig`, returns how it ended.
Outcome signal_once_catching(const reel::test::Spawn& s, int sig, bool* caught) {
    reel::test::Child c = reel::test::start(s);
    *caught = reel::test::wait_until_catching(c.pid, SIGINT, 20.0);
    kill(c.pid, sig);
    return reel::test::finish(c);
}
} // namespace

TEST_F(Robustness, CtrlCDuringFrameExits130WithAMessageAndNoTemporaryFile) {
    write_file(dir_ / "keep.txt", kOld);
    std::string times;
    for (int i = 0; i < 60; ++i) times += fmt::format("{}{}", i ? "," : "", i);
    bool caught = false;
    Outcome r = signal_once_catching(spawn({"frame", "--at", times, "-q", "k", "-o", dir_.string()}), SIGINT, &caught);
    EXPECT_TRUE(caught) << "reel frame never installed a Ctrl-C handler";
    expect_one_line_error(r, {"reel frame: error: interrupted (Ctrl-C): stopped"}, 130);
    for (const auto& name : list_folder(dir_))
        EXPECT_TRUE(name == "keep.txt" || std::regex_match(name, std::regex("t[0-9]{6}\\.png"))) << name;
    EXPECT_LT(list_folder(dir_).size(), 61u);
}

TEST_F(Robustness, SigtermDuringTexExits143AndKeepsTheTarget) {
    write_file(dir_ / "f.png", kOld);
    bool caught = false;
    Outcome r = signal_once_catching(
        spawn({"tex", "\\sum_{i=1}^{n} \\frac{a_i}{b_i} = \\int_0^1 f(x)\\,dx", "--font-size", "400", "-o",
               (dir_ / "f.png").string()}),
        SIGTERM, &caught);
    EXPECT_TRUE(caught) << "reel tex never installed a handler";
    expect_one_line_error(r, {"reel tex: error: terminated (SIGTERM): stopped", "left as it was"}, 143);
    EXPECT_EQ(list_folder(dir_), std::vector<std::string>{"f.png"});
    EXPECT_EQ(read_file(dir_ / "f.png"), kOld);
}

TEST_F(Robustness, CtrlCDuringPngExportExits130AndWritesNothing) {
    bool caught = false;
    Outcome r = signal_once_catching(spawn({"export", "--at", "3", "-q", "k", "-o", (dir_ / "a.png").string()}),
                                     SIGINT, &caught);
    EXPECT_TRUE(caught) << "reel export --at never installed a handler";
    expect_one_line_error(r, {"reel export: error: interrupted (Ctrl-C): stopped, nothing written"}, 130);
    EXPECT_TRUE(list_folder(dir_).empty());
}

// ── SIGKILL leaves nothing visible ──

TEST_F(Robustness, SigkillDuringExportLeavesNoTemporaryFile) {
    write_file(dir_ / "a.mp4", kOld);
    reel::test::Child c = reel::test::start(spawn({"export", "-q", "l", "-o", (dir_ / "a.mp4").string()}));
    bool writing = false;
    for (int i = 0; i < 600 && !writing; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        writing = reel::test::writing_temporary(c.pid, dir_, 4000);
    }
    EXPECT_TRUE(writing);
    kill(c.pid, SIGKILL);
    reel::test::finish(c);
    EXPECT_EQ(list_folder(dir_), std::vector<std::string>{"a.mp4"}) << "a killed run left its temporary file";
    EXPECT_EQ(read_file(dir_ / "a.mp4"), kOld);
    // And the next run is not bothered either.
    Outcome r = reel({"frame", "--at", "1", "-q", "l", "-o", (dir_ / "b.png").string()});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(list_folder(dir_), (std::vector<std::string>{"a.mp4", "b.png"}));
}

// ── a symlink planted at the temporary name ──

TEST_F(Robustness, PlantedSymlinkAtTheTemporaryNameIsNeverFollowed) {
    const fs::path victim = dir_.string() + ".victim";
    write_file(victim, kOld);
    const fs::path dir = dir_;
    auto s = spawn({"frame", "--at", "1", "-q", "l", "-o", (dir_ / "a.png").string()});
    // The child knows its pid (kept across exec): plant links at every name earlier versions
    // used for it, pointing at a file the attacker wants overwritten.
    s.before_exec = [dir, victim] {
        const std::string pid = std::to_string(getpid());
        for (const std::string& n : {".a.png.tmp-" + pid, ".a.png.reel-" + pid + "-0.part"})
            (void)!symlink(victim.c_str(), (dir / n).c_str());
    };
    Outcome r = reel::test::finish(reel::test::start(s));
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(read_file(victim), kOld) << "the link's target was overwritten";
    EXPECT_EQ(read_file(dir_ / "a.png").substr(1, 3), "PNG");
    EXPECT_FALSE(fs::is_symlink(dir_ / "a.png"));
}

// ── permissions kept; links and devices refused ──

TEST_F(Robustness, ReplacingAPrivateFileKeepsItPrivate) {
    const fs::path png = dir_ / "a.png";
    write_file(png, kOld);
    ASSERT_EQ(chmod(png.c_str(), 0600), 0);
    Outcome r = reel({"frame", "--at", "1", "-q", "l", "-o", png.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    struct stat st {};
    ASSERT_EQ(stat(png.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0600u) << std::oct << (st.st_mode & 07777);
    EXPECT_EQ(read_file(png).substr(1, 3), "PNG");
    // The same for a video.
    const fs::path gif = dir_ / "a.gif";
    write_file(gif, kOld);
    ASSERT_EQ(chmod(gif.c_str(), 0640), 0);
    r = reel({"export", "intro", "--to", "0.5", "--resolution", "64x36", "--fps", "4", "--quiet", "-o", gif.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    ASSERT_EQ(stat(gif.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0640u) << std::oct << (st.st_mode & 07777);
}

TEST_F(Robustness, SymlinkAndDeviceTargetsAreRefused) {
    const fs::path victim = dir_.string() + ".victim";
    write_file(victim, kOld);
    fs::create_symlink(victim, dir_ / "link.png");
    Outcome r = reel({"frame", "--at", "1", "-q", "l", "-o", (dir_ / "link.png").string()});
    expect_one_line_error(r, {"link.png", "symbolic link"});
    EXPECT_EQ(read_file(victim), kOld);
    EXPECT_TRUE(fs::is_symlink(dir_ / "link.png"));
    r = reel({"export", "intro", "--resolution", "64x36", "--quiet", "-o", (dir_ / "link.png").string(), "--at", "0"});
    expect_one_line_error(r, {"link.png", "symbolic link"});
    if (geteuid() == 0) {
        // A character device (like /dev/null) named like an output.
        ASSERT_EQ(mknod((dir_ / "dev.png").c_str(), S_IFCHR | 0666, makedev(1, 3)), 0);
        r = reel({"frame", "--at", "1", "-q", "l", "-o", (dir_ / "dev.png").string()});
        expect_one_line_error(r, {"dev.png", "not a regular file"});
        struct stat st {};
        ASSERT_EQ(lstat((dir_ / "dev.png").c_str(), &st), 0);
        EXPECT_TRUE(S_ISCHR(st.st_mode)) << "the device node was replaced";
    }
    EXPECT_EQ(list_folder(dir_).size(), geteuid() == 0 ? 2u : 1u);
}

// ── long names ──

TEST_F(Robustness, AnOutputNameOf250CharactersWorks) {
    const std::string png = std::string(246, 'p') + ".png", gif = std::string(246, 'g') + ".gif";
    Outcome r = reel({"frame", "--at", "1", "-q", "l", "-o", (dir_ / png).string()});
    ASSERT_EQ(r.status, 0) << r.err;
    r = reel({"export", "intro", "--to", "0.5", "--resolution", "64x36", "--fps", "4", "--quiet", "-o",
              (dir_ / gif).string()});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(list_folder(dir_), (std::vector<std::string>{gif, png}));
    EXPECT_EQ(read_file(dir_ / png).substr(1, 3), "PNG");
}

// ── the printed duration is a valid end ──

TEST_F(Robustness, ThePrintedDurationIsAValidTime) {
    Outcome scenes = reel({"scenes"});
    ASSERT_EQ(scenes.status, 0) << scenes.err;
    const std::string d = printed_duration(scenes.out, "transformer");
    ASSERT_FALSE(d.empty()) << scenes.out;
    Outcome r = reel({"frame", "--at", d, "--resolution", "64x36", "-o", (dir_ / "end.png").string()});
    EXPECT_EQ(r.status, 0) << r.err;
    r = reel({"export", "--at", d, "--resolution", "64x36", "-o", (dir_ / "end2.png").string()});
    EXPECT_EQ(r.status, 0) << r.err;
    const std::string from = std::to_string(std::stod(d) - 1.0);
    r = reel({"export", "--from", from, "--to", d, "--resolution", "64x36", "--fps", "5", "--quiet", "-o",
              (dir_ / "end.gif").string()});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(reel::test::probe(dir_ / "end.gif")["nb_read_frames"], "5");
    // A millisecond more is past the end.
    const std::string past = fmt::format("{:.3f}", std::stod(d) + 0.001);
    r = reel({"frame", "--at", past, "--resolution", "64x36", "-o", (dir_ / "past.png").string()});
    expect_one_line_error(r, {"past the end", d});
}

// ── --crf 0 ──

TEST_F(Robustness, CrfZeroIsLosslessHigh444WithANote) {
    // --cfr: every frame a sample (the intro's first two frames at 64x36 are one picture).
    Outcome r = reel({"export", "intro", "--to", "1", "--resolution", "64x36", "--fps", "5", "--crf", "0", "--cfr",
                      "-o", (dir_ / "a.mp4").string()});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find("note: --crf 0 is lossless"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("x264"), std::string::npos) << r.err;
    auto m = reel::test::probe(dir_ / "a.mp4");
    EXPECT_EQ(m["profile"], "High 4:4:4 Predictive");
    EXPECT_EQ(m["nb_read_frames"], "5");
}

// ── limits checked up front ──

TEST_F(Robustness, HugeVideoSizeIsRefusedUpFront) {
    const auto t0 = std::chrono::steady_clock::now();
    Outcome r = reel({"export", "--resolution", "16384x16384", "-o", (dir_ / "a.mp4").string()});
    expect_one_line_error(r, {"16384x16384", "too large"});
    EXPECT_FALSE(std::regex_search(r.err, std::regex("0x[0-9a-f]{6}"))) << "internal addresses: " << r.err;
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 10.0);
    EXPECT_TRUE(list_folder(dir_).empty());
}

// ── fonts ──

namespace {
fs::path copy_fonts(const fs::path& to) {
    fs::copy(REEL_SOURCE_FONTS_DIR, to, fs::copy_options::recursive);
    return to;
}
} // namespace

TEST_F(Robustness, ACorruptFontFileIsNamed) {
    const fs::path fonts = copy_fonts(dir_ / "fonts");
    write_file(fonts / "Broken.ttf", std::string(4096, '\x5a'));
    auto s = spawn({"frame", "--at", "1", "-q", "l", "-o", (dir_ / "a.png").string()});
    s.env = {{"REEL_FONTS_DIR", fonts.string()}};
    Outcome r = reel::test::finish(reel::test::start(s));
    expect_one_line_error(r, {"Broken.ttf", "cannot be read"});
    EXPECT_FALSE(fs::exists(dir_ / "a.png"));
}

TEST_F(Robustness, ARelativeFontsFolderWorks) {
    copy_fonts(dir_ / "myfonts");
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"frame", "--at", "1", "-q", "l", "-o", "a.png"},
          std::vector<std::string>{"export", "intro", "--to", "0.5", "--resolution", "64x36", "--fps", "4",
                                   "--quiet", "-o", "a.gif"},
          std::vector<std::string>{"tex", "x^2", "-o", "t.png"}}) {
        auto s = spawn(args);
        s.cwd = dir_;
        s.env = {{"REEL_FONTS_DIR", "myfonts"}};
        Outcome r = reel::test::finish(reel::test::start(s));
        EXPECT_EQ(r.status, 0) << args[0] << ": " << r.err;
    }
    EXPECT_TRUE(fs::exists(dir_ / "a.png"));
    EXPECT_TRUE(fs::exists(dir_ / "a.gif"));
    EXPECT_TRUE(fs::exists(dir_ / "t.png"));
}

// ── output streams ──

TEST_F(Robustness, AFailedWriteToStdoutIsAnError) {
    auto s = spawn({"scenes"});
    s.out = "/dev/full";
    Outcome r = reel::test::finish(reel::test::start(s));
    expect_one_line_error(r, {"reel scenes: error: cannot write to standard output"});
}

TEST_F(Robustness, FailingProgressOutputNeverFailsAnExport) {
    // --cfr: every frame a sample (at 64x36 the first two frames of the intro are the same
    // picture, which a default export holds as one).
    auto s = spawn({"export", "intro", "--to", "1", "--resolution", "64x36", "--fps", "5", "--cfr", "-o",
                    (dir_ / "a.mp4").string()});
    s.err = "/dev/full";
    Outcome r = reel::test::finish(reel::test::start(s));
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.out, (dir_ / "a.mp4").string() + "\n");
    EXPECT_EQ(reel::test::probe(dir_ / "a.mp4")["nb_read_frames"], "5");
}

// ── one number grammar ──

TEST_F(Robustness, TimesFollowOneGrammar) {
    for (const std::string bad : {"0x10", "1:60", " 5", "5 ", "1e1", "inf", "nan", "+5", "1:2:3", "1:", ":5", "",
                                  "1:5:", "1:030", "-0:05"}) {
        Outcome r = reel({"frame", "intro", "--at", bad, "-q", "l", "-o", (dir_ / "a.png").string()});
        EXPECT_EQ(r.status, 1) << "'" << bad << "': " << r.err;
        EXPECT_EQ(count_lines(r.err), 1) << "'" << bad << "': " << r.err;
    }
    EXPECT_TRUE(list_folder(dir_).empty());
    for (const std::string good : {"5", "5.", ".5", "0:05", "0:5.25", "0:07.5"}) {
        Outcome r = reel({"frame", "intro", "--at", good, "--resolution", "32x18", "-o", (dir_ / "a.png").string()});
        EXPECT_EQ(r.status, 0) << "'" << good << "': " << r.err;
    }
    Outcome help = reel({"frame", "--help"});
    EXPECT_NE(help.out.find("m:ss with ss < 60"), std::string::npos) << help.out;
}

TEST_F(Robustness, FrameRatesMayBeFractionalOrRational) {
    for (const auto& [fps, expect] : std::vector<std::pair<std::string, std::string>>{
             {"23.976", "24000/1001"}, {"24000/1001", "24000/1001"}, {"12.5", "25/2"}, {"29.97", "30000/1001"}}) {
        const fs::path out = dir_ / fmt::format("r{}.mp4", runs_);
        Outcome r = reel({"export", "intro", "--to", "2", "--resolution", "64x36", "--fps", fps, "--quiet", "-o",
                          out.string()});
        ASSERT_EQ(r.status, 0) << fps << ": " << r.err;
        auto m = reel::test::probe(out);
        EXPECT_EQ(m["r_frame_rate"], expect) << fps;
    }
    for (const std::string bad : {"0x18", "24/0", "-24", "24 ", "1e2", "241", "0"}) {
        Outcome r = reel({"export", "intro", "--fps", bad, "-o", (dir_ / "bad.mp4").string()});
        EXPECT_EQ(r.status, 1) << bad;
        EXPECT_EQ(count_lines(r.err), 1) << bad << ": " << r.err;
    }
}

// ── duplicate frame names ──

TEST_F(Robustness, TimesThatShareAFrameNameAreRefused) {
    Outcome r = reel({"frame", "intro", "--at", "1.0001,1.0002", "-q", "l", "-o", dir_.string()});
    expect_one_line_error(r, {"1.0001", "1.0002", "t001000.png"});
    r = reel({"frame", "intro", "--at", "2,2", "-q", "l", "-o", dir_.string()});
    expect_one_line_error(r, {"t002000.png"});
    EXPECT_TRUE(list_folder(dir_).empty());
}

// ── GIF to a full disk ──

TEST_F(Robustness, GifToAFullDiskFailsCleanly) {
    write_file(dir_ / "a.gif", kOld);
    // A 3 kB file-size limit: the write that crosses it fails (EFBIG) as on a full disk. Under
    // AddressSanitizer a leak on this path would add its report to stderr.
    Outcome r = reel::test::run({"/usr/bin/prlimit", "--fsize=3000", REEL_BINARY, "export", "intro", "--resolution",
                                 "160x90", "--fps", "10", "--quiet", "-o", (dir_ / "a.gif").string()},
                                log_);
    expect_one_line_error(r, {"a.gif", "File too large"});
    EXPECT_EQ(list_folder(dir_), std::vector<std::string>{"a.gif"});
    EXPECT_EQ(read_file(dir_ / "a.gif"), kOld);
}

// ── tex '' ──

TEST_F(Robustness, AnEmptyFormulaIsAnError) {
    for (const std::string f : {"", "   "}) {
        Outcome r = reel({"tex", f, "-o", (dir_ / "f.png").string()});
        expect_one_line_error(r, {"formula is empty"});
    }
    EXPECT_TRUE(list_folder(dir_).empty());
}

// ── issue 22: Reel touches no file it did not make ──

TEST_F(Robustness, UserFilesNamedLikeOldTemporariesSurviveExportJoinAndFrame) {
    const std::string dead = std::to_string(reel::test::dead_pid());
    const std::vector<std::string> user = {".thesis.tmp-2024", ".thesis.tmp-" + dead,
                                           ".out.mp4.reel-" + dead + "-Ab12Cd.part",
                                           ".out.mp4.reel-tmp-" + dead + "-Ab12Cd"};
    for (const auto& n : user) write_file(dir_ / n, kOld);
    const std::vector<std::string> settings = {"--to", "0.4", "--resolution", "64x36", "--fps", "10", "--quiet"};
    auto with = [&](std::vector<std::string> args) {
        args.insert(args.begin() + 2, settings.begin(), settings.end());
        return args;
    };
    EXPECT_EQ(reel(with({"export", "intro", "-o", (dir_ / "out.mp4").string()})).status, 0);
    EXPECT_EQ(reel(with({"export", "intro", "--part", "0/2", "-o", (dir_ / "p0.mp4").string()})).status, 0);
    EXPECT_EQ(reel(with({"export", "intro", "--part", "1/2", "-o", (dir_ / "p1.mp4").string()})).status, 0);
    Outcome j = reel({"join", (dir_ / "p0.mp4").string(), (dir_ / "p1.mp4").string(), "-o", (dir_ / "j.mp4").string()});
    EXPECT_EQ(j.status, 0) << j.err;
    EXPECT_EQ(reel({"frame", "intro", "--at", "0.1", "-q", "l", "-o", (dir_ / "f.png").string()}).status, 0);
    for (const auto& n : user) {
        ASSERT_TRUE(fs::exists(dir_ / n)) << n << " was deleted";
        EXPECT_EQ(read_file(dir_ / n), kOld) << n;
    }
    EXPECT_EQ(list_folder(dir_).size(), user.size() + 5);
}

// A run killed while it writes frames into a new folder leaves its hidden folder; the next run
// removes it (the killed run's journal proves it Reel's), and nothing else.
TEST_F(Robustness, AFolderOfFramesLeftBySigkillIsSweptByTheNextRun) {
    write_file(dir_ / ".frames.reel-AbCdEf", kOld); // the user's, named like one of ours
    std::string times;
    for (int i = 0; i < 60; ++i) times += fmt::format("{}{}", i ? "," : "", i);
    reel::test::Child c = reel::test::start(spawn({"frame", "--at", times, "-q", "l", "-o", (dir_ / "frames").string()}));
    bool writing = false;
    for (int i = 0; i < 600 && !writing; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        for (const auto& name : list_folder(dir_))
            if (name.rfind(".frames.reel-", 0) == 0 && fs::is_directory(dir_ / name) && !fs::is_empty(dir_ / name))
                writing = true;
    }
    ASSERT_TRUE(writing) << "no hidden folder of frames appeared";
    kill(c.pid, SIGKILL);
    reel::test::finish(c);
    ASSERT_EQ(list_folder(dir_).size(), 2u) << "the killed run left nothing to sweep";
    Outcome r = reel({"frame", "--at", "1", "-q", "l", "-o", (dir_ / "b.png").string()});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(list_folder(dir_), (std::vector<std::string>{".frames.reel-AbCdEf", "b.png"}));
    EXPECT_EQ(read_file(dir_ / ".frames.reel-AbCdEf"), kOld);
}

// ── issue 22: HTML export never names its internal video ──

TEST_F(Robustness, HtmlExportOfTheLongestNameWorksAndNamesNoInternalFile) {
    const std::string name = std::string(250, 'h') + ".html"; // 255 bytes: the longest legal name
    Outcome r = reel({"export", "intro", "--resolution", "64x36", "--fps", "5", "--quiet", "-o", (dir_ / name).string()});
    EXPECT_EQ(r.status, 0) << r.err; // was "output name '...html.mp4' is too long"
    EXPECT_EQ(r.err.find(".html.mp4"), std::string::npos) << r.err;
    EXPECT_EQ(list_folder(dir_), std::vector<std::string>{name});
    EXPECT_NE(read_file(dir_ / name).find("<video"), std::string::npos);
}

// ── issue 22: join checks what it joins ──

// A part cut short (a copy that did not finish) was copied into an undecodable file, and parts
// of two scenes exported with the same settings were joined, both with exit 0.
TEST_F(Robustness, JoinRefusesATruncatedPartAndPartsOfAnotherScene) {
    auto part = [&](const std::string& scene, const std::string& k, const std::string& name) {
        Outcome r = reel({"export", scene, "--from", "0", "--to", "0.4", "--resolution", "64x36", "--fps", "10",
                          "--quiet", "--part", k, "-o", (dir_ / name).string()});
        EXPECT_EQ(r.status, 0) << r.err;
    };
    part("intro", "0/2", "a0.mp4");
    part("intro", "1/2", "a1.mp4");
    part("transformer", "1/2", "b1.mp4");
    write_file(dir_ / "j.mp4", kOld);
    const std::string whole = read_file(dir_ / "a1.mp4");
    // Cut in the index (the tag that says what it is goes too) and in the pictures.
    for (std::size_t keep : {whole.size() * 3 / 5, whole.size() - 1}) {
        write_file(dir_ / "cut1.mp4", whole.substr(0, keep));
        const std::vector<std::string> before = list_folder(dir_);
        Outcome cut = reel({"join", (dir_ / "a0.mp4").string(), (dir_ / "cut1.mp4").string(), "-o",
                            (dir_ / "j.mp4").string()});
        expect_one_line_error(cut, {"reel join: error: ", "cut1.mp4' is cut short", "export this part again"});
        EXPECT_EQ(list_folder(dir_), before);
        EXPECT_EQ(read_file(dir_ / "j.mp4"), kOld);
    }
    const std::vector<std::string> before = list_folder(dir_);
    Outcome other = reel({"join", (dir_ / "a0.mp4").string(), (dir_ / "b1.mp4").string(), "-o",
                          (dir_ / "j.mp4").string()});
    expect_one_line_error(other, {"reel join: error: ", "b1.mp4' holds scene 'transformer' but",
                                  "a0.mp4' holds scene 'intro'", "different scenes"});
    EXPECT_EQ(list_folder(dir_), before);
    EXPECT_EQ(read_file(dir_ / "j.mp4"), kOld);
    // The right parts still join.
    Outcome ok = reel({"join", (dir_ / "a0.mp4").string(), (dir_ / "a1.mp4").string(), "-o", (dir_ / "j.mp4").string()});
    EXPECT_EQ(ok.status, 0) << ok.err;
    EXPECT_NE(read_file(dir_ / "j.mp4"), kOld);
}
