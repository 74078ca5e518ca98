// reel export end to end: refusals, faults (unwritable or missing folder, full disk,
// Ctrl-C / SIGTERM half-way) that leave no junk and an existing target byte-identical,
// then real exports of the promo probed with ffprobe.
#include <chrono>
#include <cstdlib>
#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "timeline/timeline.h"
#include "test_support.h"

namespace fs = std::filesystem;
using reel::test::fresh_folder;
using reel::test::list_folder;
using reel::test::Outcome;
using reel::test::expect_refused;
using reel::test::promo;
constexpr auto reel_run = reel::test::run_reel;
using reel::test::probe;

namespace {

const std::string kOld = "an earlier export that must survive byte for byte\n";


} // namespace

// ── negative cases ──

TEST(ExportCliNegative, UnknownExtension) {
    expect_refused({"export", "-q", "l", "-o", "OUT/a.avi"}, "cannot tell the format of", "cli_ext");
    expect_refused({"export", "-q", "l", "-o", "OUT/a"}, "use .mp4, .webm, .gif, .png, .pdf or .html", "cli_noext");
}

TEST(ExportCliNegative, BadNumbers) {
    expect_refused({"export", "-q", "l", "--fps", "0", "-o", "OUT/a.mp4"}, "fps 0 is out of range (1 to 240)",
                   "cli_fps0");
    expect_refused({"export", "-q", "l", "--crf", "99", "-o", "OUT/a.mp4"}, "crf 99 is out of range for H.264",
                   "cli_crf99");
    expect_refused({"export", "-q", "l", "--from", "10", "--to", "5", "-o", "OUT/a.mp4"},
                   "--from 10 must come before --to 5", "cli_from_to");
    expect_refused({"export", "-q", "l", "--from", "1", "--to", "999", "-o", "OUT/a.mp4"}, "is past the end",
                   "cli_to_past");
    expect_refused({"export", "-q", "l", "--from", "soon", "-o", "OUT/a.mp4"}, "--from 'soon' is not a time",
                   "cli_from_text");
    expect_refused({"export", "--resolution", "853x480", "-o", "OUT/a.mp4"}, "must be even", "cli_odd");
    expect_refused({"export", "-q", "x", "-o", "OUT/a.mp4"}, "unknown quality 'x'", "cli_quality");
    expect_refused({"export", "--preset", "warp", "-o", "OUT/a.mp4"}, "unknown preset 'warp'", "cli_preset");
    expect_refused({"export", "--section", "nope", "-q", "l", "-o", "OUT/a.mp4"}, "--section 'nope': scene 'transformer' has no such section",
                   "cli_section_unknown");
    expect_refused({"export", "-o", "OUT/a.png"}, "give --at T", "cli_png_no_at");
}

TEST(ExportCliNegative, MissingFolder) {
    auto dir = fresh_folder("cli_missing");
    Outcome r = reel_run({"export", "-q", "l", "--to", "1", "-o", (dir / "no" / "a.mp4").string()}, dir / "log");
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.err, "reel export: error: output folder '" + (dir / "no").string() + "' does not exist\n");
    EXPECT_FALSE(fs::exists(dir / "no"));
}

TEST(ExportCliNegative, UnwritableFolderKeepsTheTarget) {
    auto dir = fresh_folder("cli_unwritable");
    fs::permissions(dir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
    auto ro = dir / "ro";
    fs::create_directory(ro);
    reel::test::write_file(ro / "a.mp4", kOld);
    fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                            fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
    // Root may write anywhere: drop to nobody to meet the permission check for real.
    std::vector<std::string> args = {REEL_BINARY, "export", "-q", "l", "--to", "1", "-o", (ro / "a.mp4").string()};
    if (geteuid() == 0) {
        auto cache = dir / "cache"; // fontconfig wants a writable cache folder
        fs::create_directory(cache);
        fs::permissions(cache, fs::perms::all);
        args.insert(args.begin(), {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                   "/usr/bin/env", "XDG_CACHE_HOME=" + cache.string()});
    }
    Outcome r = reel::test::run(args, dir / "log");
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_EQ(r.err, "reel export: error: cannot write '" + (ro / "a.mp4").string() + "' in folder '" + ro.string() +
                         "': Permission denied\n");
    EXPECT_EQ(list_folder(ro), std::vector<std::string>{"a.mp4"});
    EXPECT_EQ(reel::test::read_file(ro / "a.mp4"), kOld);
    fs::permissions(ro, fs::perms::owner_all);
}

TEST(ExportCliNegative, DiskFullKeepsTheTargetAndLeavesNoJunk) {
    auto dir = fresh_folder("cli_disk_full");
    reel::test::write_file(dir / "a.mp4", kOld);
    // A 30 kB file-size limit: the write that crosses it fails with EFBIG, as on a full disk.
    Outcome r = reel::test::run({"/usr/bin/prlimit", "--fsize=30000", REEL_BINARY, "export", "-q", "l", "--to",
                                 "30", "--quiet", "-o", (dir / "a.mp4").string()},
                                dir.parent_path() / "cli_disk_full.log");
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_EQ(reel::test::count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("File too large"), std::string::npos) << r.err;
    EXPECT_EQ(list_folder(dir), std::vector<std::string>{"a.mp4"});
    EXPECT_EQ(reel::test::read_file(dir / "a.mp4"), kOld);
}

// Starts a long export, waits until its temporary file holds data, sends `sig`.
Outcome interrupt_half_way(const fs::path& dir, int sig) {
    reel::test::write_file(dir / "a.mp4", kOld);
    auto child = reel::test::start({REEL_BINARY, "export", "-q", "l", "-o", (dir / "a.mp4").string()},
                                   dir.parent_path() / (dir.filename().string() + ".log"));
    bool started = false;
    for (int i = 0; i < 600 && !started; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        started = reel::test::writing_temporary(child.pid, dir, 4000);
    }
    EXPECT_TRUE(started);
    kill(child.pid, sig);
    auto t0 = std::chrono::steady_clock::now();
    Outcome r = reel::test::finish(child);
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 5.0);
    return r;
}

TEST(ExportCliNegative, CtrlCHalfWayExits130AndKeepsTheTarget) {
    auto dir = fresh_folder("cli_sigint");
    Outcome r = interrupt_half_way(dir, SIGINT);
    EXPECT_EQ(r.status, 130) << r.err;
    EXPECT_NE(r.err.find("reel export: error: interrupted (Ctrl-C): stopped, '" + (dir / "a.mp4").string() +
                         "' left as it was\n"),
              std::string::npos)
        << r.err;
    EXPECT_TRUE(r.out.empty());
    EXPECT_EQ(list_folder(dir), std::vector<std::string>{"a.mp4"});
    EXPECT_EQ(reel::test::read_file(dir / "a.mp4"), kOld);
}

TEST(ExportCliNegative, SigtermHalfWayExits143AndKeepsTheTarget) {
    auto dir = fresh_folder("cli_sigterm");
    Outcome r = interrupt_half_way(dir, SIGTERM);
    EXPECT_EQ(r.status, 143) << r.err;
    EXPECT_NE(r.err.find("terminated (SIGTERM)"), std::string::npos) << r.err;
    EXPECT_EQ(list_folder(dir), std::vector<std::string>{"a.mp4"});
    EXPECT_EQ(reel::test::read_file(dir / "a.mp4"), kOld);
}

// ── positive cases ──

TEST(ExportCli, SectionAtLowQualityHasTheSectionsLength) {
    const auto& sections = promo().sections();
    ASSERT_FALSE(sections.empty());
    const reel::Section& s = sections.back();
    auto dir = fresh_folder("cli_section");
    // Default: variable frame durations (held pictures are one sample each).
    Outcome r = reel_run({"export", "-q", "l", "--section", s.name, "-o", (dir / "s.mp4").string()}, dir / "log");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, (dir / "s.mp4").string() + "\n");
    EXPECT_NE(r.err.find("reel export: wrote"), std::string::npos);
    long frames = std::lround(s.duration * 15);
    auto m = probe(dir / "s.mp4");
    EXPECT_EQ(m["codec_name"], "h264");
    EXPECT_EQ(m["profile"], "High");
    EXPECT_EQ(m["width"], "854");
    EXPECT_EQ(m["height"], "480");
    EXPECT_EQ(m["r_frame_rate"], "15/1");
    // The section ends on a wait: fewer pictures than frames, each on the 1/15 s grid.
    const long pictures = std::stol(m["nb_read_frames"]);
    EXPECT_LT(pictures, frames);
    EXPECT_GT(pictures, frames / 4);
    EXPECT_NE(r.err.find(std::to_string(pictures) + " pictures encoded"), std::string::npos) << r.err;
    const std::vector<double> times = reel::test::frame_times(dir / "s.mp4");
    ASSERT_EQ(static_cast<long>(times.size()), pictures);
    for (double t : times) EXPECT_NEAR(t * 15, std::round(t * 15), 1e-3) << t;
    EXPECT_LT(times.back(), static_cast<double>(frames) / 15);
    // The movie header counts milliseconds: frames / 15 rounded up to the next millisecond.
    EXPECT_NEAR(std::stod(m["format.duration"]), static_cast<double>(frames) / 15, 0.001);
    auto boxes = reel::test::mp4_boxes(dir / "s.mp4");
    EXPECT_LT(std::find(boxes.begin(), boxes.end(), "moov"), std::find(boxes.begin(), boxes.end(), "mdat"));
}

TEST(ExportCli, QuietPrintsNothingButThePath) {
    auto dir = fresh_folder("cli_quiet");
    Outcome r = reel_run({"export", "--resolution", "160x90", "--fps", "10", "--to", "1.5", "--quiet", "--cfr", "-o",
                          (dir / "q.webm").string()},
                         dir / "log");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_EQ(r.out, (dir / "q.webm").string() + "\n");
    EXPECT_EQ(probe(dir / "q.webm")["nb_read_frames"], "15");
}

TEST(ExportCli, GifDefaultsToLowQualityAndPngTakesOneFrame) {
    auto dir = fresh_folder("cli_gif_png");
    Outcome g = reel_run({"export", "--to", "2", "-o", (dir / "a.gif").string()}, dir / "gif");
    ASSERT_EQ(g.status, 0) << g.err;
    auto m = probe(dir / "a.gif");
    EXPECT_EQ(m["codec_name"], "gif");
    EXPECT_EQ(m["width"], "854");
    EXPECT_EQ(m["r_frame_rate"], "15/1");
    EXPECT_EQ(m["nb_read_frames"], "30");
    Outcome p = reel_run({"export", "--at", "3", "--resolution", "320x180", "-o", (dir / "a.png").string()},
                         dir / "png");
    ASSERT_EQ(p.status, 0) << p.err;
    auto pm = probe(dir / "a.png");
    EXPECT_EQ(pm["codec_name"], "png");
    EXPECT_EQ(pm["width"], "320");
    EXPECT_EQ(pm["height"], "180");
    EXPECT_EQ(list_folder(dir), (std::vector<std::string>{"a.gif", "a.png", "gif.stderr", "gif.stdout",
                                                          "png.stderr", "png.stdout"}));
}

TEST(ExportCli, ProgressIsAPlainLineWhenNotATerminal) {
    auto dir = fresh_folder("cli_progress");
    Outcome r = reel_run({"export", "--resolution", "160x90", "--fps", "10", "--to", "1", "-o",
                          (dir / "p.mp4").string()},
                         dir / "log");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find("reel export: 10/10 frames (100%)"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find('\r'), std::string::npos);
}

// ── split exports on the command line ──

TEST(ExportCliNegative, BadPartsAndJoins) {
    expect_refused({"export", "--part", "4/4", "-o", "OUT/a.mp4"}, "--part '4/4' must be K/N", "cli_part_range");
    expect_refused({"export", "--part", "1/x", "-o", "OUT/a.mp4"}, "--part '1/x' must be K/N", "cli_part_text");
    expect_refused({"export", "--part", "-1/4", "-o", "OUT/a.mp4"}, "must be K/N", "cli_part_negative");
    // Issue 22: a number past the limit was "must be K/N", which it is.
    expect_refused({"export", "--part", "1000000/1000001", "-o", "OUT/a.mp4"},
                   "--part '1000000/1000001': a split has at most 999999 parts", "cli_part_limit");
    expect_refused({"export", "--part", "0/2", "-o", "OUT/a.gif"}, "GIF cannot be split", "cli_part_gif");
    expect_refused({"export", "--part", "0/2", "--sections", "-o", "OUT/a.mp4"}, "--part and --sections",
                   "cli_part_sections");
    expect_refused({"join", "OUT/missing.mp4", "-o", "OUT/j.mp4"}, "no such file", "cli_join_missing");
    expect_refused({"join", "OUT/missing.mp4", "-o", "OUT/j.gif"}, "use .mp4 or .webm", "cli_join_gif");
}

// docs/scale-out.md's GNU parallel recipe: four parts at once, then join; the result has the
// frame count and duration of one export, and every frame within 45 dB of it.
TEST(ExportCli, GnuParallelPartsJoinIntoOneExport) {
    auto dir = fresh_folder("cli_parallel");
    const std::string reel = REEL_BINARY;
    const std::string common = " --from 14 --to 20 --resolution 640x360 --fps 30 --cfr --quiet";
    const std::string cmd = "cd '" + dir.string() + "' && parallel --will-cite --halt now,fail=1 -j 2 '" + reel +
                            " export" + common + " --part {}/4 -o part{}.mp4' ::: 0 1 2 3 > parallel.log 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << reel::test::read_file(dir / "parallel.log");
    Outcome j = reel_run({"join", (dir / "part3.mp4").string(), (dir / "part1.mp4").string(),
                          (dir / "part0.mp4").string(), (dir / "part2.mp4").string(), "-o",
                          (dir / "joined.mp4").string()},
                         dir / "join.log");
    ASSERT_EQ(j.status, 0) << j.err;
    EXPECT_EQ(j.out, (dir / "joined.mp4").string() + "\n");
    EXPECT_NE(j.err.find("4 parts, 180 frames"), std::string::npos) << j.err;
    Outcome s = reel_run({"export", "--from", "14", "--to", "20", "--resolution", "640x360", "--fps", "30", "--cfr",
                          "--quiet", "-o", (dir / "single.mp4").string()},
                         dir / "single.log");
    ASSERT_EQ(s.status, 0) << s.err;
    auto jm = probe(dir / "joined.mp4");
    auto sm = probe(dir / "single.mp4");
    EXPECT_EQ(jm["nb_read_frames"], "180");
    EXPECT_EQ(jm["nb_read_frames"], sm["nb_read_frames"]);
    EXPECT_EQ(jm["format.duration"], sm["format.duration"]);
    // ffmpeg's psnr filter, frame by frame.
    const std::string psnr = "ffmpeg -v error -i '" + (dir / "joined.mp4").string() + "' -i '" +
                             (dir / "single.mp4").string() + "' -lavfi '[0:v][1:v]psnr=stats_file=" +
                             (dir / "psnr.log").string() + "' -f null -";
    ASSERT_EQ(std::system(psnr.c_str()), 0);
    const std::string stats = reel::test::read_file(dir / "psnr.log");
    int frames = 0;
    for (std::size_t at = stats.find("psnr_avg:"); at != std::string::npos; at = stats.find("psnr_avg:", at + 1)) {
        ++frames;
        std::string v = stats.substr(at + 9, stats.find(' ', at) - at - 9);
        if (v != "inf") {
            EXPECT_GE(std::stod(v), 45.0) << "frame " << frames - 1;
        }
    }
    EXPECT_EQ(frames, 180);
}
