// Issue 22: scene code cannot take Reel down. Each test runs the built reel binary on a plug-in
// of hostile_scene.cpp (a segfault, abort(), a stack overflow, `throw 42`, loops that never end,
// a static constructor that aborts) and checks the one line, the exit status, the time it took
// and that nothing is left: the output folder as it was, no plug-in copy, no journal.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "test_support.h"

namespace fs = std::filesystem;
using reel::test::count_lines;
using reel::test::list_folder;
using reel::test::Outcome;
using reel::test::read_file;
using reel::test::write_file;

namespace {

const std::string kOld = "an earlier file that must survive byte for byte\n";


std::string plugin(const std::string& kind) { return std::string(REEL_HOSTILE_DIR) + "/test_" + kind + ".so"; }

class SceneCode : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = fs::path(REEL_TEST_OUTPUT_DIR) / "scene_code" / info->name();
        fs::remove_all(dir_);
        runtime_ = dir_.string() + ".runtime";
        tmp_ = dir_.string() + ".tmp";
        for (const auto& d : {dir_, runtime_, tmp_}) {
            fs::remove_all(d);
            fs::create_directories(d);
        }
        fs::permissions(runtime_, fs::perms::owner_all);
        log_ = dir_.string() + ".log";
        write_file(dir_ / "out.mp4", kOld);
        write_file(dir_ / "f.png", kOld);
    }

    // reel with a runtime folder and a TMPDIR of this test's own, so that leftovers are seen.
    reel::test::Spawn spawn(std::vector<std::string> args) {
        args.insert(args.begin(), REEL_BINARY);
        const std::string prefix = log_ + std::to_string(runs_++);
        return {args, prefix + ".stdout", prefix + ".stderr", {},
                {{"XDG_RUNTIME_DIR", runtime_.string()}, {"TMPDIR", tmp_.string()}}, {}};
    }

    struct Timed {
        Outcome r;
        double seconds = 0;
    };
    Timed run(std::vector<std::string> args) {
        const auto start = std::chrono::steady_clock::now();
        Outcome r = reel::test::finish(reel::test::start(spawn(std::move(args))));
        return {r, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
    }

    // Starts reel, waits until it handles `sig` and is recording, sends `sig` itself (a test's
    // background job would ignore SIGINT) and times the exit; kills it after 10 s.
    Timed signal_while_recording(std::vector<std::string> args, int sig,
                                 const std::vector<std::pair<std::string, std::string>>& env = {}) {
        reel::test::Spawn sp = spawn(std::move(args));
        sp.env.insert(sp.env.end(), env.begin(), env.end());
        reel::test::Child c = reel::test::start(sp);
        EXPECT_TRUE(reel::test::wait_until_catching(c.pid, sig, 20.0)) << "no handler for signal " << sig;
        std::this_thread::sleep_for(std::chrono::milliseconds(500)); // inside the scene's loop by now
        const auto start = std::chrono::steady_clock::now();
        kill(c.pid, sig);
        bool ended = false;
        while (!ended && std::chrono::steady_clock::now() - start < std::chrono::seconds(10)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            int ws = 0;
            ended = waitpid(c.pid, &ws, WNOHANG) == c.pid;
            if (ended) {
                const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                Outcome r;
                r.status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
                r.out = read_file(c.out);
                r.err = read_file(c.err);
                return {r, s};
            }
        }
        kill(c.pid, SIGKILL);
        Outcome r = reel::test::finish(c);
        r.err += "(still running 10 s after the signal: killed)";
        return {r, 10.0};
    }

    // The output folder as SetUp left it, and no plug-in copy, journal or temporary anywhere.
    void expect_nothing_left() {
        EXPECT_EQ(list_folder(dir_), (std::vector<std::string>{"f.png", "out.mp4"}));
        EXPECT_TRUE(read_file(dir_ / "out.mp4") == kOld) << "out.mp4 was changed";
        EXPECT_TRUE(read_file(dir_ / "f.png") == kOld) << "f.png was changed";
        EXPECT_EQ(list_folder(tmp_), std::vector<std::string>{});
        if (fs::exists(runtime_ / "reel")) {
            EXPECT_EQ(list_folder(runtime_ / "reel"), std::vector<std::string>{});
        }
    }

    static void expect_one_line(const Outcome& r, const std::string& want, int status) {
        EXPECT_EQ(r.status, status) << r.err;
        EXPECT_EQ(count_lines(r.err), 1) << r.err;
        EXPECT_NE(r.err.find(want), std::string::npos) << "want '" << want << "': " << r.err;
    }

    fs::path dir_, runtime_, tmp_;
    std::string log_;
    int runs_ = 0;
};

struct Crash {
    const char* scene;
    const char* says; // after "scene 'NAME' (plug-in test_crashes.so) "
    int status;       // as a shell reports a process a signal ended: 128 + the signal
};
const Crash kCrashes[] = {
    {"segv", "crashed: segmentation fault in write_through(int*)", 128 + SIGSEGV},
    {"aborts", "crashed: abort() called in the body of REEL_SCENE(aborts)", 128 + SIGABRT},
    {"recursion", "crashed: stack overflow (recursion too deep) in recurse(int)", 128 + SIGSEGV},
    {"throws_int", "failed to record: it threw something that is not a std::exception", 1},
};

} // namespace

// ── crashes: one line naming the scene, the plug-in and the innermost frame ──

TEST_F(SceneCode, ACrashingSceneIsNamedByExportAndFrameAndLeavesNothing) {
    for (const Crash& c : kCrashes) {
        SCOPED_TRACE(c.scene);
        const std::string want = fmt::format("scene '{}' (plug-in test_crashes.so) {}", c.scene, c.says);
        Timed e = run({"export", c.scene, "--plugin", plugin("crashes"), "--resolution", "64x36", "--fps", "10",
                       "--quiet", "-o", (dir_ / "out.mp4").string()});
        expect_one_line(e.r, "reel export: error: " + want, c.status);
        EXPECT_LT(e.seconds, 10.0);
        expect_nothing_left();
        Timed f = run({"frame", c.scene, "--plugin", plugin("crashes"), "--at", "0.1", "-q", "l", "-o",
                       (dir_ / "f.png").string()});
        expect_one_line(f.r, "reel frame: error: " + want, c.status);
        expect_nothing_left();
        std::printf("[ figures  ] %s: export exit %d in %.2f s, frame exit %d in %.2f s, leftovers none\n", c.scene,
                    e.r.status, e.seconds, f.r.status, f.seconds);
    }
}

// The exporter's workers run scene code too (updaters, in state_at): a stack overflow there is
// named like one while recording (it was "segmentation fault" without a frame: only the main
// thread had a stack for the handler).
TEST_F(SceneCode, AStackOverflowInAWorkerThreadIsNamed) {
    for (const char* workers : {"1", "2"}) {
        SCOPED_TRACE(workers);
        Timed e = run({"export", "updater_recursion", "--plugin", plugin("crashes"), "--resolution", "64x36", "--fps",
                       "10", "--quiet", "--workers", workers, "-o", (dir_ / "out.mp4").string()});
        expect_one_line(e.r,
                        "reel export: error: scene 'updater_recursion' (plug-in test_crashes.so) crashed: stack "
                        "overflow (recursion too deep) in recurse(int)",
                        128 + SIGSEGV);
        expect_nothing_left();
        std::printf("[ figures  ] export updater_recursion --workers %s: exit %d in %.2f s, leftovers none\n",
                    workers, e.r.status, e.seconds);
    }
}

TEST_F(SceneCode, ScenesListsTheOthersAndMarksEachBrokenOne) {
    Timed s = run({"scenes", "--plugin", plugin("crashes")});
    EXPECT_EQ(s.r.status, 1) << s.r.err;
    for (const char* good : {"good_first", "good_last"})
        EXPECT_NE(s.r.out.find(fmt::format("\n{} ", good)), std::string::npos) << good << " not listed: " << s.r.out;
    EXPECT_NE(s.r.out.find("built-in scenes"), std::string::npos) << "the listing stopped: " << s.r.out;
    for (const Crash& c : kCrashes) {
        const std::string want = fmt::format("{}  BROKEN: scene '{}' (plug-in test_crashes.so) {}", c.scene,
                                             c.scene, c.says);
        EXPECT_NE(s.r.out.find(want), std::string::npos) << "want '" << want << "':\n" << s.r.out;
    }
    EXPECT_EQ(count_lines(s.r.err), 4) << s.r.err;
    expect_nothing_left();
}

TEST_F(SceneCode, APluginWhoseConstructorAbortsIsNamedAndItsCopyRemoved) {
    Timed e = run({"export", "--plugin", plugin("ctor_abort"), "--resolution", "64x36", "--fps", "10", "--quiet",
                   "-o", (dir_ / "out.mp4").string()});
    expect_one_line(e.r, fmt::format("reel export: error: plug-in '{}' crashed while loading: abort() called",
                                     plugin("ctor_abort")),
                    128 + SIGABRT);
    expect_nothing_left();
}

// Plug-in copies of runs that have ended (a SIGKILL while a plug-in loads leaves one) are swept
// when reel starts; a running process's copy stays.
TEST_F(SceneCode, PluginCopiesOfEndedRunsAreSweptOnStart) {
    pid_t dead = fork();
    if (dead == 0) _exit(0);
    waitpid(dead, nullptr, 0);
    std::string self_stat = read_file("/proc/self/stat");
    self_stat = self_stat.substr(self_stat.rfind(')') + 2);
    std::string start;
    for (int field = 3, at = 0; field <= 22; ++field) {
        const std::size_t space = self_stat.find(' ', static_cast<std::size_t>(at));
        if (field == 22) start = self_stat.substr(static_cast<std::size_t>(at), space - static_cast<std::size_t>(at));
        at = static_cast<int>(space + 1);
    }
    fs::create_directories(runtime_ / "reel");
    fs::permissions(runtime_ / "reel", fs::perms::owner_all);
    const std::string ended = fmt::format("reel-plugin-{}-{}-Ab12Cd.so", dead, start);
    const std::string running = fmt::format("reel-plugin-{}-{}-Ef34Gh.so", getpid(), start);
    write_file(runtime_ / "reel" / ended, "a copy of a run killed while it loaded");
    write_file(runtime_ / "reel" / running, "a copy of a run still going");
    Timed r = run({"frame", "--at", "0.1", "-q", "l", "-o", (dir_ / "f.png").string()});
    EXPECT_EQ(r.r.status, 0) << r.r.err;
    EXPECT_EQ(list_folder(runtime_ / "reel"), std::vector<std::string>{running});
}

// ── signals end any command within 2 s ──

TEST_F(SceneCode, CtrlCAndSigtermEndARecordingThatNeverEnds) {
    struct Case {
        const char* scene;
        int sig;
    };
    for (const Case& k : {Case{"churn_forever", SIGINT}, Case{"compute_forever", SIGTERM},
                          Case{"swallows_stops", SIGINT}, Case{"churn_forever", SIGTERM}}) {
        for (const char* command : {"export", "frame"}) {
            SCOPED_TRACE(fmt::format("{} {} signal {}", command, k.scene, k.sig));
            std::vector<std::string> args = {command, k.scene, "--plugin", plugin("hangs"), "-q", "l", "-o"};
            args.push_back((dir_ / (std::string(command) == "export" ? "out.mp4" : "f.png")).string());
            if (std::string(command) == "frame") args.insert(args.end() - 2, {"--at", "0.1"});
            Timed t = signal_while_recording(args, k.sig);
            expect_one_line(t.r, k.sig == SIGINT ? "interrupted (Ctrl-C): stopped" : "terminated (SIGTERM): stopped",
                            128 + k.sig);
            EXPECT_LT(t.seconds, 2.0);
            expect_nothing_left();
            std::printf("[ figures  ] %s %s signal %d: exit %d after %.2f s, leftovers none\n", command, k.scene,
                        k.sig, t.r.status, t.seconds);
        }
    }
}

// `reel scenes` had no handler for Ctrl-C or SIGTERM: a listing stuck in a scene that never
// returns was killed where it stood, its journal left in the runtime folder. Now the scene's
// process is ended, one line says so, the status is 130 / 143 and nothing is left.
TEST_F(SceneCode, CtrlCAndSigtermEndAListingThatNeverEnds) {
    for (int sig : {SIGINT, SIGTERM}) {
        SCOPED_TRACE(fmt::format("signal {}", sig));
        // The plug-in's first scene waits a second at a time: with the default limits it reaches
        // 24 h (a line of its own, and the listing goes on) within the half second a quiet machine
        // gives it before the signal. Limits out of reach keep the signal inside that scene.
        Timed t = signal_while_recording({"scenes", "--plugin", plugin("hangs")}, sig,
                                         {{"REEL_MAX_SCENE_SECONDS", "1e15"}, {"REEL_MAX_SEGMENTS", "1e15"}});
        expect_one_line(t.r, sig == SIGINT ? "interrupted (Ctrl-C): stopped, the listing ended at scene 'wait_forever'"
                                           : "terminated (SIGTERM): stopped, the listing ended at scene 'wait_forever'",
                        128 + sig);
        EXPECT_LT(t.seconds, 2.0);
        expect_nothing_left();
        std::printf("[ figures  ] scenes signal %d: exit %d after %.2f s, leftovers none\n", sig, t.r.status, t.seconds);
    }
}

// ── limits: one line naming the limit and how to raise it ──

// Issue 22: a stale REEL_PLUGIN_PATH entry made every command fail; now it is skipped with a
// warning naming the variable, and the other entries' scenes work.
TEST_F(SceneCode, AStaleReelPluginPathEntryIsSkippedWithAWarning) {
    const std::string stale = (tmp_ / "gone.so").string();
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"export", "good_first", "--to", "0.2", "-q", "l", "--quiet", "-o",
                                   (dir_ / "g.mp4").string()},
          std::vector<std::string>{"frame", "good_first", "--at", "0.1", "-q", "l", "-o", (dir_ / "g.png").string()}}) {
        reel::test::Spawn s = spawn(args);
        s.env.push_back({"REEL_PLUGIN_PATH", stale + ":" + plugin("limits")});
        Outcome r = reel::test::finish(reel::test::start(s));
        EXPECT_EQ(r.status, 0) << r.err;
        EXPECT_EQ(count_lines(r.err), 1) << r.err;
        EXPECT_NE(r.err.find(fmt::format("reel {}: warning: skipped REEL_PLUGIN_PATH entry '{}': plug-in '{}' does not "
                                         "exist",
                                         args[0], stale, stale)),
                  std::string::npos)
            << r.err;
    }
    EXPECT_TRUE(fs::exists(dir_ / "g.mp4"));
    EXPECT_TRUE(fs::exists(dir_ / "g.png"));
}

// Issue 22: two plug-ins with a scene of the same name: the later one's was shown without a word.
TEST_F(SceneCode, TwoPluginsWithTheSameSceneNameAreNamedBoth) {
    Timed s = run({"frame", "good_last", "--plugin", plugin("limits"), "--plugin", plugin("hangs"), "--at", "0.1",
                   "-q", "l", "-o", (dir_ / "g.png").string()});
    EXPECT_EQ(s.r.status, 0) << s.r.err;
    for (const char* name : {"good_first", "good_last"})
        EXPECT_NE(s.r.err.find(fmt::format("reel frame: warning: scene '{}' of plug-in {} replaces the one of plug-in {}",
                                           name, plugin("hangs"), plugin("limits"))),
                  std::string::npos)
            << s.r.err;
    EXPECT_EQ(count_lines(s.r.err), 2) << s.r.err;
}

// Issue 22: an exception text of many lines, terminal escapes and 5000 characters was printed as
// it was (the escapes interpreted by the terminal); it is one clean line now, all of it with
// --verbose.
TEST_F(SceneCode, ExceptionTextsAreOneCleanLineAndWholeWithVerbose) {
    Timed e = run({"export", "noisy_throw", "--plugin", plugin("limits"), "-q", "l", "-o", (dir_ / "out.mp4").string()});
    expect_one_line(e.r,
                    "reel export: error: scene 'noisy_throw' failed to record: the first line ends here [... 5048 "
                    "characters in all; --verbose shows them]\n",
                    1);
    EXPECT_EQ(e.r.err.find('\x1b'), std::string::npos) << e.r.err;
    expect_nothing_left();
    Timed v = run({"export", "noisy_throw", "--verbose", "--plugin", plugin("limits"), "-q", "l", "-o",
                   (dir_ / "out.mp4").string()});
    EXPECT_EQ(v.r.status, 1);
    EXPECT_NE(v.r.err.find("\x1b[1;31mfirst\x1b[0m line\tends here\nsecond line\n" + std::string(5000, 'x')),
              std::string::npos)
        << v.r.err;
    expect_nothing_left();
}

// Issue 22: an empty scene was "--from 0.000 must come before --to 0.000", flags nobody gave.
TEST_F(SceneCode, AnEmptySceneIsSaidToBeEmpty) {
    Timed e = run({"export", "empty", "--plugin", plugin("limits"), "-q", "l", "-o", (dir_ / "out.mp4").string()});
    expect_one_line(e.r,
                    "reel export: error: scene 'empty' is empty (it plays and waits nothing): there is nothing to "
                    "export",
                    1);
    expect_nothing_left();
}

TEST_F(SceneCode, LimitsEndHostileScenesWithOneLine) {
    struct Case {
        const char* kind;
        const char* scene;
        const char* says;
    };
    for (const Case& k : {Case{"limits", "wait_1e12", "over the limit of 86400 s (24 h); set REEL_MAX_SCENE_SECONDS"},
                          Case{"limits", "wait_inf", "Scene::wait(inf): the duration must be a positive, finite number"},
                          Case{"limits", "wait_nan", "Scene::wait(nan): the duration must be a positive, finite number"},
                          Case{"limits", "run_time_inf", "run_time = inf: it must be a positive, finite number"},
                          Case{"limits", "huge_font", "Text: font_size = 1e+09: it must be a positive number up to 100000"},
                          Case{"hangs", "wait_forever", "over the limit of 86400 s (24 h)"}}) {
        SCOPED_TRACE(k.scene);
        reel::test::Child c = reel::test::start(spawn({"export", k.scene, "--plugin", plugin(k.kind), "-q", "l", "-o",
                                                       (dir_ / "out.mp4").string()}));
        const auto start = std::chrono::steady_clock::now();
        int ws = 0;
        bool ended = false;
        while (!ended && std::chrono::steady_clock::now() - start < std::chrono::seconds(30)) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            ended = waitpid(c.pid, &ws, WNOHANG) == c.pid;
        }
        if (!ended) kill(c.pid, SIGKILL);
        Outcome r = reel::test::finish(c);
        if (ended) r.status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        EXPECT_TRUE(ended) << "still running after 30 s";
        expect_one_line(r, fmt::format("scene '{}' failed to record: ", k.scene), 1);
        EXPECT_NE(r.err.find(k.says), std::string::npos) << "want '" << k.says << "': " << r.err;
        expect_nothing_left();
        std::printf("[ figures  ] export %s: exit %d after %.2f s, leftovers none\n", k.scene, r.status, seconds);
    }
}
