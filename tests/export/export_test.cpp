// export_video / export_sections: options checked first, nothing left behind on failure,
// then exact frame counts, durations, codecs and frame timing (probed with ffprobe).
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <sched.h>
#include <nlohmann/json.hpp>

#include "convert.h"
#include "encoder.h"
#include "export/export.h"
#include "render/render.h"
#include "test_support.h"
#include "video_support.h"

namespace fs = std::filesystem;
using namespace reel;
using namespace reel::test;

// ── negative cases ──

TEST(ExportNegative, FormatComesFromTheExtension) {
    EXPECT_FALSE(format_for_path("out.avi"));
    EXPECT_FALSE(format_for_path("out"));
    EXPECT_FALSE(format_for_path("mp4"));
    EXPECT_EQ(format_for_path("a/b.MP4"), VideoFormat::Mp4);
    EXPECT_EQ(format_for_path("b.webm"), VideoFormat::WebM);
    EXPECT_EQ(format_for_path("b.gif"), VideoFormat::Gif);
    auto dir = fresh_folder("unknown_ext");
    EXPECT_NE(error_of([&] { export_video(test_timeline(), small(dir / "out.avi")); }).find("'.avi'"),
              std::string::npos);
    EXPECT_TRUE(list_folder(dir).empty());
}

TEST(ExportNegative, BadNumbersAreRefusedBeforeAnythingIsWritten) {
    auto dir = fresh_folder("bad_numbers");
    const Timeline& tl = test_timeline();
    struct Case {
        const char* file;
        void (*tweak)(ExportOptions&);
        const char* expect;
    };
    const Case cases[] = {
        {"a.mp4", [](ExportOptions& o) { o.fps = 0; }, "fps 0 is out of range"},
        {"a.mp4", [](ExportOptions& o) { o.fps = 241; }, "fps 241 is out of range"},
        {"a.mp4", [](ExportOptions& o) { o.crf = 99; }, "crf 99 is out of range for H.264"},
        {"a.mp4", [](ExportOptions& o) { o.crf = -1; }, "crf -1 is out of range"},
        {"a.webm", [](ExportOptions& o) { o.crf = 64; }, "crf 64 is out of range for VP9"},
        {"a.gif", [](ExportOptions& o) { o.fps = 60; }, "too high for a GIF"},
        {"a.mp4", [](ExportOptions& o) { o.width = 321; }, "must be even"},
        {"a.mp4", [](ExportOptions& o) { o.height = 8; }, "out of range"},
        {"a.mp4", [](ExportOptions& o) { o.preset = "turbo"; }, "unknown preset 'turbo'"},
        {"a.webm", [](ExportOptions& o) { o.x264_params = "rc-lookahead=10"; }, "apply to .mp4 only"},
        {"a.mp4", [](ExportOptions& o) { o.from = 2; o.to = 1; }, "must come before --to"},
        {"a.mp4", [](ExportOptions& o) { o.from = 1; o.to = 1; }, "must come before --to"},
        {"a.mp4", [](ExportOptions& o) { o.to = 3.5; }, "past the end (3.000 s)"},
        {"a.mp4", [](ExportOptions& o) { o.from = -1; }, "at least 0"},
        {"a.mp4", [](ExportOptions& o) { o.from = 1; o.to = 1.01; }, "shorter than one frame"},
    };
    for (const Case& c : cases) {
        ExportOptions o = small(dir / c.file);
        c.tweak(o);
        std::string e = error_of([&] { export_video(tl, o); });
        EXPECT_NE(e.find(c.expect), std::string::npos) << c.expect << " vs " << e;
        EXPECT_NE(error_of([&] { validate_export(tl, o); }), "(no error)");
    }
    EXPECT_TRUE(list_folder(dir).empty());
}

TEST(ExportNegative, MissingFolderAndFolderTarget) {
    auto dir = fresh_folder("missing");
    EXPECT_EQ(error_of([&] { export_video(test_timeline(), small(dir / "nope" / "a.mp4")); }),
              "output folder '" + (dir / "nope").string() + "' does not exist");
    fs::create_directory(dir / "x.mp4");
    EXPECT_NE(error_of([&] { export_video(test_timeline(), small(dir / "x.mp4")); }).find("is a folder"),
              std::string::npos);
    EXPECT_EQ(list_folder(dir), std::vector<std::string>{"x.mp4"});
}

TEST(ExportNegative, BadX264ParametersFailToOpenTheEncoder) {
    auto dir = fresh_folder("bad_x264");
    ExportOptions o = small(dir / "a.mp4");
    o.x264_params = "no-such-option=3";
    std::string e = error_of([&] { export_video(test_timeline(), o); });
    EXPECT_NE(e.find("--x264-params: Error parsing option 'no-such-option = 3'"), std::string::npos) << e;
    EXPECT_TRUE(list_folder(dir).empty());
}

TEST(ExportNegative, CancelHalfWayRemovesTheTemporaryFileAndKeepsTheTarget) {
    auto dir = fresh_folder("cancel");
    const std::string old = "an earlier export, not to be touched\n";
    test::write_file(dir / "a.mp4", old);
    std::atomic<bool> cancel{false};
    ExportOptions o = small(dir / "a.mp4");
    o.cancel = &cancel;
    long seen = 0;
    bool temp_seen = false;
    o.progress = [&](const ExportProgress& p) {
        seen = p.frames_done;
        // The temporary file: unnamed (O_TMPFILE) or a dot-file beside the target.
        temp_seen = test::writing_temporary(getpid(), dir, 1);
        if (p.frames_done == 40) cancel = true;
    };
    EXPECT_THROW(export_video(test_timeline(), o), ExportCancelled);
    EXPECT_EQ(seen, 40);
    EXPECT_TRUE(temp_seen);
    EXPECT_EQ(list_folder(dir), std::vector<std::string>{"a.mp4"});
    EXPECT_EQ(test::read_file(dir / "a.mp4"), old);
}

TEST(ExportNegative, CancelledSectionsLeaveNoFileAtAll) {
    auto dir = fresh_folder("cancel_sections");
    std::atomic<bool> cancel{false};
    ExportOptions o = small(dir / "s.mp4");
    o.cancel = &cancel;
    o.progress = [&](const ExportProgress& p) {
        if (p.frames_done == 60) cancel = true; // inside the second section
    };
    EXPECT_THROW(export_sections(test_timeline(), o), ExportCancelled);
    EXPECT_TRUE(list_folder(dir).empty());
}

// ── positive cases ──

TEST(Export, Mp4IsH264HighYuv420pBt709WithExactLengthAndIndexFirst) {
    auto dir = fresh_folder("mp4");
    ExportOptions o = small(dir / "a.mp4");
    o.constant_frame_rate = true; // one sample per frame
    long last_done = 0, total = 0;
    o.progress = [&](const ExportProgress& p) {
        EXPECT_EQ(p.frames_done, last_done + 1);
        last_done = p.frames_done;
        total = p.frames_total;
    };
    ExportResult r = export_video(test_timeline(), o);
    EXPECT_EQ(r.frames, 90);
    EXPECT_DOUBLE_EQ(r.duration, 3.0);
    EXPECT_EQ(last_done, 90);
    EXPECT_EQ(total, 90);
    auto m = probe(dir / "a.mp4");
    EXPECT_EQ(m["codec_name"], "h264");
    EXPECT_EQ(m["profile"], "High");
    EXPECT_EQ(m["pix_fmt"], "yuv420p");
    EXPECT_EQ(m["width"], "320");
    EXPECT_EQ(m["height"], "180");
    EXPECT_EQ(m["r_frame_rate"], "30/1");
    EXPECT_EQ(m["nb_read_frames"], "90");
    EXPECT_EQ(m["color_space"], "bt709");
    EXPECT_EQ(m["color_primaries"], "bt709");
    EXPECT_EQ(m["color_transfer"], "bt709");
    EXPECT_EQ(m["color_range"], "tv");
    EXPECT_EQ(m["format.duration"], "3.000000");
    auto boxes = test::mp4_boxes(dir / "a.mp4");
    auto moov = std::find(boxes.begin(), boxes.end(), "moov");
    auto mdat = std::find(boxes.begin(), boxes.end(), "mdat");
    ASSERT_NE(moov, boxes.end());
    ASSERT_NE(mdat, boxes.end());
    EXPECT_LT(moov, mdat) << "+faststart puts the index before the data";
    EXPECT_EQ(list_folder(dir), std::vector<std::string>{"a.mp4"});
}

// The threads' names (/proc/self/task/*/comm) counted while an export runs.
std::map<std::string, int> thread_names() {
    std::map<std::string, int> names;
    for (const auto& task : fs::directory_iterator("/proc/self/task")) {
        std::string name;
        std::getline(std::ifstream(task.path() / "comm"), name);
        ++names[name];
    }
    return names;
}

TEST(Export, RenderAndEncoderThreadsAreNamedAndTheCallerKeepsItsName) {
    auto dir = fresh_folder("names");
    ExportOptions o = small(dir / "n.mp4");
    o.workers = 3;
    o.x264_params = "threads=2"; // x264 runs threads of its own whatever the machine's cores
    std::string caller, caller_during;
    std::getline(std::ifstream("/proc/thread-self/comm"), caller);
    std::map<std::string, int> during;
    o.progress = [&](const ExportProgress& p) {
        if (p.frames_done != 1) return; // the workers are still drawing ahead of the encoder (90 frames)
        during = thread_names();
        std::getline(std::ifstream("/proc/thread-self/comm"), caller_during);
    };
    export_video(test_timeline(), o);
    EXPECT_EQ(during["reel-render"], 3);
    EXPECT_GE(during["reel-encode"], 2) << "x264's frame threads (and its lookahead's)";
    EXPECT_EQ(caller_during, caller) << "the encoding thread keeps the caller's name";
}

TEST(Export, X264GetsTwoFrameThreadsMoreThanTwoOrThreeCpusElseItsOwnCount) {
    EXPECT_EQ(x264_frame_threads(1, 1080), 0);  // x264's own: 1
    EXPECT_EQ(x264_frame_threads(2, 1080), 4);  // x264's own: 3
    EXPECT_EQ(x264_frame_threads(3, 1080), 5);  // x264's own: 4
    EXPECT_EQ(x264_frame_threads(4, 1080), 0);  // x264's own: 6
    EXPECT_EQ(x264_frame_threads(64, 1080), 0); // x264's own: 34, its cap at 1080p
    EXPECT_EQ(x264_frame_threads(2, 96), 0);    // 6 macroblock rows: x264's cap of 3 binds both
    EXPECT_EQ(x264_frame_threads(2, 128), 4);   // 8 rows: cap 4
}

// The x264 settings string a file carries (x264's SEI): "... threads=N ...".
int x264_threads_in(const fs::path& file) {
    const std::string bytes = test::read_file(file);
    const std::size_t at = bytes.find(" threads=");
    return at == std::string::npos ? -1 : std::atoi(bytes.c_str() + at + 9);
}

TEST(Export, OnTwoCpusX264RunsFourFrameThreadsUnlessX264ParamsSayOtherwise) {
    auto dir = fresh_folder("x264threads");
    // This thread (and the threads x264 starts from it) on two of the CPUs it may use, or one.
    cpu_set_t before, two;
    ASSERT_EQ(sched_getaffinity(0, sizeof before, &before), 0);
    CPU_ZERO(&two);
    int cpus = 0;
    for (int c = 0; c < CPU_SETSIZE && cpus < 2; ++c)
        if (CPU_ISSET(c, &before)) {
            CPU_SET(c, &two);
            ++cpus;
        }
    ASSERT_EQ(sched_setaffinity(0, sizeof two, &two), 0);
    struct Restore {
        cpu_set_t& set;
        ~Restore() { sched_setaffinity(0, sizeof set, &set); }
    } restore{before};
    EXPECT_EQ(usable_cpus(), cpus);
    ExportOptions o = small(dir / "auto.mp4");
    export_video(test_timeline(), o);
    ExportOptions given = small(dir / "given.mp4");
    given.x264_params = "threads=3";
    export_video(test_timeline(), given);
    EXPECT_EQ(x264_threads_in(dir / "auto.mp4"), cpus == 2 ? 4 : 1);
    EXPECT_EQ(x264_threads_in(dir / "given.mp4"), 3);
}

TEST(Export, FrameKShowsStateAtFromPlusKOverFps) {
    auto dir = fresh_folder("timing");
    ExportOptions o = small(dir / "t.mp4");
    o.width = 640;
    o.height = 360;
    o.from = 0.2;
    o.to = 1.2;
    o.preset = "medium";
    o.workers = 3; // more workers than cores: frames finish out of order
    o.queue_frames = 5;
    ExportResult r = export_video(test_timeline(), o);
    EXPECT_EQ(r.frames, 30);
    const int k = 12; // the square is sliding: neighbouring frames differ by ~5 px
    std::string rgb = decoded_rgb(dir / "t.mp4", k, 640, 360);
    Image exact = render_frame(test_timeline().state_at(0.2 + k / 30.0), 640, 360);
    Image early = render_frame(test_timeline().state_at(0.2 + (k - 1) / 30.0), 640, 360);
    Image late = render_frame(test_timeline().state_at(0.2 + (k + 1) / 30.0), 640, 360);
    long d_exact = differing_pixels(rgb, exact);
    EXPECT_LT(d_exact, 20);
    EXPECT_GT(differing_pixels(rgb, early), 200 + d_exact);
    EXPECT_GT(differing_pixels(rgb, late), 200 + d_exact);
}

TEST(Export, RangeOfAStillPartHasEveryFrame) {
    auto dir = fresh_folder("still");
    ExportOptions o = small(dir / "w.mp4");
    o.from = 1.0; // the 0.5 s wait: every picture repeats the first
    o.to = 1.5;
    o.fps = 24;
    o.constant_frame_rate = true;
    EXPECT_EQ(export_video(test_timeline(), o).frames, 12);
    auto m = probe(dir / "w.mp4");
    EXPECT_EQ(m["nb_read_frames"], "12");
    EXPECT_EQ(m["format.duration"], "0.500000");
}

TEST(Export, StillRangeIsOneHeldPictureByDefault) {
    auto dir = fresh_folder("still_vfr");
    ExportOptions o = small(dir / "w.mp4");
    o.from = 1.0;
    o.to = 1.5;
    o.fps = 24;
    ExportResult r = export_video(test_timeline(), o);
    EXPECT_EQ(r.frames, 12);
    EXPECT_EQ(r.repeated_frames, 11);
    // The picture, and a closing sample of it on the last frame (see below).
    EXPECT_EQ(r.pictures, 2);
    auto m = probe(dir / "w.mp4");
    EXPECT_EQ(m["nb_read_frames"], "2");
    EXPECT_EQ(m["format.duration"], "0.500000");
    const std::vector<double> times = test::frame_times(dir / "w.mp4");
    ASSERT_EQ(times.size(), 2u);
    EXPECT_NEAR(times[0], 0.0, 1e-9);
    EXPECT_NEAR(times[1], 11.0 / 24, 1e-3);
}

// The pictures of a variable-duration export start exactly where the rendered picture changes
// (on the 1/fps grid), and the file lasts exactly as long as the constant-rate one.
void expect_holds_where_the_picture_stands_still(const fs::path& file, const ExportResult& r, int fps) {
    const Timeline& tl = test_timeline();
    // Structure of the scene at 30 fps: the fade changes every frame 0..29, frame 30 shows the
    // end of it and holds through the wait (to 44); the rectangle is created over 45..74
    // (frame 45 draws none of it yet: the same pixels as 44, so it repeats that picture too),
    // frame 75 shows it whole and holds to the end (89), where a closing sample of the same
    // picture ends the hold (tools that time pictures by their samples see the whole film).
    std::vector<long> expected;
    for (long k = 0; k <= 30; ++k) expected.push_back(k);
    for (long k = 46; k <= 75; ++k) expected.push_back(k);
    expected.push_back(89);
    ASSERT_EQ(fps, 30);
    EXPECT_EQ(r.frames, 90);
    EXPECT_EQ(r.pictures, static_cast<long>(expected.size()));
    EXPECT_EQ(r.repeated_frames, 90 - r.pictures + 1);
    const std::vector<double> times = test::frame_times(file);
    ASSERT_EQ(times.size(), expected.size());
    for (std::size_t i = 0; i < times.size(); ++i)
        EXPECT_NEAR(times[i], static_cast<double>(expected[i]) / fps, 1e-3) << "picture " << i;
    // Every frame whose pixels differ from the previous one starts a picture.
    // Every frame whose pixels differ from the previous one starts a picture, and no other
    // does (but the closing sample).
    Image prev = render_frame(tl.state_at(0), 320, 180);
    for (long k = 1; k < 90; ++k) {
        Image cur = render_frame(tl.state_at(static_cast<double>(k) / fps), 320, 180);
        const bool starts = std::find(expected.begin(), expected.end(), k) != expected.end();
        if (cur.pixels != prev.pixels) {
            EXPECT_TRUE(starts) << "frame " << k;
        } else if (k != 89) {
            EXPECT_FALSE(starts) << "frame " << k << " shows the previous picture again";
        }
        prev = std::move(cur);
    }
}

TEST(Export, Mp4HoldsRepeatedPicturesAsOneSampleWithExactTiming) {
    auto dir = fresh_folder("vfr_mp4");
    ExportOptions o = small(dir / "v.mp4");
    o.preset = "medium";
    ExportResult r = export_video(test_timeline(), o);
    expect_holds_where_the_picture_stands_still(dir / "v.mp4", r, o.fps);
    auto m = probe(dir / "v.mp4");
    EXPECT_EQ(m["format.duration"], "3.000000");
    EXPECT_EQ(m["duration"], "3.000000");
    EXPECT_EQ(m["r_frame_rate"], "30/1");
    EXPECT_EQ(m["nb_read_frames"], std::to_string(r.pictures));
    // Decoding it back at a constant 30 fps gives every frame, and the held frame 40 shows what
    // the constant-rate file shows.
    std::string cmd = "ffmpeg -v error -i '" + (dir / "v.mp4").string() +
                      "' -vf fps=30 -f framemd5 - | grep -c '^0,'";
    EXPECT_EQ(std::atoi(reel::test::shell_output(cmd).c_str()), 90);
    ExportOptions c = o;
    c.output = (dir / "c.mp4").string();
    c.constant_frame_rate = true;
    export_video(test_timeline(), c);
    const double held = psnr_of_frames(dir / "v.mp4", 30, dir / "c.mp4", 40);
    EXPECT_GT(held, 45.0);
    // ... and not what frame 29 showed (the square was still moving).
    EXPECT_LT(psnr_of_frames(dir / "v.mp4", 29, dir / "c.mp4", 40), held - 10);
}

// Frames whose state changes by less than a pixel level (an eased end, here a shift of a
// millionth of a unit) are drawn, come out equal to the picture before and are held like
// frames of the same state: one sample less each, and every frame decodes as the --cfr file's.
TEST(Export, FramesDrawnEqualToThePreviousPictureAreHeld) {
    auto dir = fresh_folder("equal_pixels");
    Scene s;
    s.add(Rectangle({.width = 12, .height = 6, .color = GREEN, .fill_opacity = 0.4})); // a layer below
    auto sq = Square(2.0, {.color = BLUE, .fill_opacity = 1.0});
    s.add(sq);
    s.play(animate(sq).shift(RIGHT * 2.0), {.run_time = 1.0, .rate_func = linear});
    s.play(animate(sq).shift(RIGHT * 1e-6), {.run_time = 1.0, .rate_func = linear});
    const Timeline tl = s.finish();
    // Frames 31..59 differ from frame 30 in state, not in pixels.
    const Image held = render_frame(tl.state_at(1.0), 320, 180);
    for (int k = 31; k < 60; ++k) {
        const Frame f = tl.state_at(k / 30.0);
        ASSERT_NE(*f.items.back().points, *tl.state_at((k - 1) / 30.0).items.back().points) << k;
        ASSERT_EQ(render_frame(f, 320, 180).pixels, held.pixels) << k;
    }
    ExportOptions c = small(dir / "c.mp4");
    c.crf = 0; // lossless: the decoded frames are the pictures sent
    c.constant_frame_rate = true;
    EXPECT_EQ(export_video(tl, c).pictures, 60);
    auto decoded = [](const fs::path& file) {
        return reel::test::shell_output("ffmpeg -v error -i '" + file.string() +
                                        "' -vf fps=30 -f rawvideo -pix_fmt yuv420p -");
    };
    const std::string want = decoded(dir / "c.mp4");
    ASSERT_EQ(want.size(), 60u * 320 * 180 * 3 / 2);
    for (auto [workers, queue] : {std::pair{2, 0}, std::pair{1, 0}, std::pair{3, 3}}) {
        SCOPED_TRACE(::testing::Message() << workers << " workers, queue " << queue);
        ExportOptions o = c;
        o.output = (dir / "v.mp4").string();
        o.constant_frame_rate = false;
        o.workers = workers;
        o.queue_frames = queue;
        const ExportResult r = export_video(tl, o);
        // Frames 0..30, and the closing sample of the hold on frame 59.
        EXPECT_EQ(r.pictures, 32);
        EXPECT_EQ(r.repeated_frames, 29);
        EXPECT_EQ(probe(dir / "v.mp4")["nb_read_frames"], "32");
        EXPECT_TRUE(decoded(dir / "v.mp4") == want) << "a frame decodes unlike the --cfr file's";
    }
}

TEST(Export, WebMHoldsRepeatedPicturesAsOneBlock) {
    auto dir = fresh_folder("vfr_webm");
    ExportOptions o = small(dir / "v.webm");
    o.crf = 40;
    ExportResult r = export_video(test_timeline(), o);
    expect_holds_where_the_picture_stands_still(dir / "v.webm", r, o.fps);
    EXPECT_EQ(probe(dir / "v.webm")["format.duration"], "3.000000");
}

TEST(Export, ConstantFrameRateEncodesEveryFrame) {
    auto dir = fresh_folder("cfr");
    ExportOptions o = small(dir / "c.mp4");
    o.constant_frame_rate = true;
    ExportResult r = export_video(test_timeline(), o);
    EXPECT_EQ(r.pictures, 90);
    const std::vector<double> times = test::frame_times(dir / "c.mp4");
    ASSERT_EQ(times.size(), 90u);
    for (std::size_t i = 0; i < times.size(); ++i) EXPECT_NEAR(times[i], static_cast<double>(i) / 30, 1e-3);
}

// The workers draw from the layer snapshot restoring only the last damage, and convert only
// what changed since a picture was last written into it (one draw back, or several when the
// encoder held on to the more recent ones): losslessly encoded (crf 0 keeps yuv420p exactly),
// every decoded frame must equal a from-scratch render converted whole, however many workers
// and slots.
TEST(Export, PicturesUpdatedInPlaceEqualFullRedrawsConvertedWhole) {
    auto dir = fresh_folder("inplace");
    // A square slides over a static backdrop (where it was must be restored and converted
    // again), then a rectangle is created.
    Scene s;
    auto back = Rectangle({.width = 12, .height = 6, .color = GREEN, .fill_opacity = 0.4});
    auto sq = Square(1.0, {.color = BLUE, .fill_opacity = 1.0});
    sq.shift(LEFT * 4.0);
    s.add(back);
    s.add(sq);
    s.play(animate(sq).shift(RIGHT * 8.0), {.run_time = 1.5, .rate_func = linear});
    s.play(Create(Rectangle({.width = 5, .height = 1, .color = YELLOW}), {.run_time = 1.5}));
    const Timeline tl = s.finish();
    const int w = 320, h = 180;
    const std::size_t size = static_cast<std::size_t>(w * h * 3 / 2);
    std::vector<std::vector<std::uint8_t>> want(90, std::vector<std::uint8_t>(size));
    for (int k = 0; k < 90; ++k) {
        std::uint8_t* const planes[3] = {want[k].data(), want[k].data() + w * h, want[k].data() + w * h * 5 / 4};
        const int linesizes[3] = {w, w / 2, w / 2};
        const Image img = render_frame(tl.state_at(k / 30.0), w, h);
        bgra_to_yuv420p(img.pixels.data(), img.stride, w, h, planes, linesizes);
    }
    for (auto [workers, queue] : {std::pair{2, 0}, std::pair{1, 7}, std::pair{3, 3}}) {
        SCOPED_TRACE(::testing::Message() << workers << " workers, queue " << queue);
        ExportOptions o = small(dir / "l.mp4");
        o.crf = 0;
        o.constant_frame_rate = true;
        o.workers = workers;
        o.queue_frames = queue;
        ASSERT_EQ(o.conversion, YuvConversion::Builtin);
        export_video(tl, o);
        std::string cmd = "ffmpeg -v error -i '" + (dir / "l.mp4").string() + "' -f rawvideo -pix_fmt yuv420p -";
        const std::string bytes = reel::test::shell_output(cmd);
        ASSERT_EQ(bytes.size(), size * 90);
        long differing_frames = 0;
        for (std::size_t k = 0; k < 90; ++k) {
            if (std::memcmp(bytes.data() + size * k, want[k].data(), size) != 0) {
                ADD_FAILURE() << "frame " << k << " differs";
                ++differing_frames;
            }
        }
        EXPECT_EQ(differing_frames, 0);
    }
}

TEST(Export, WebMIsVp9) {
    auto dir = fresh_folder("webm");
    ExportOptions o = small(dir / "a.webm");
    o.crf = 40;
    o.to = 1.0;
    EXPECT_EQ(export_video(test_timeline(), o).frames, 30);
    auto m = probe(dir / "a.webm");
    EXPECT_EQ(m["codec_name"], "vp9");
    EXPECT_EQ(m["pix_fmt"], "yuv420p");
    EXPECT_EQ(m["nb_read_frames"], "30");
    EXPECT_EQ(m["format.format_name"], "matroska,webm");
    EXPECT_EQ(m["format.duration"], "1.000000");
}

TEST(Export, GifHasOnePaletteAndEveryFrame) {
    auto dir = fresh_folder("gif");
    ExportOptions o = small(dir / "a.gif");
    o.fps = 20; // 5 hundredths a frame: exact in GIF
    EXPECT_EQ(export_video(test_timeline(), o).frames, 60);
    auto m = probe(dir / "a.gif");
    EXPECT_EQ(m["codec_name"], "gif");
    EXPECT_EQ(m["nb_read_frames"], "60");
    EXPECT_EQ(m["format.duration"], "3.000000");
    EXPECT_EQ(m["width"], "320");
}

TEST(Export, SectionsWriteOneFileEachAndAnIndex) {
    auto dir = fresh_folder("sections");
    ExportOptions o = small(dir / "promo.mp4");
    o.constant_frame_rate = true; // every frame a sample: the counts below
    std::vector<ExportResult> rs = export_sections(test_timeline(), o);
    ASSERT_EQ(rs.size(), 2u);
    EXPECT_EQ(list_folder(dir),
              (std::vector<std::string>{"promo.json", "promo_0000_intro.mp4", "promo_0001_outro.mp4"}));
    auto index = nlohmann::json::parse(test::read_file(dir / "promo.json"));
    ASSERT_EQ(index.size(), 2u);
    EXPECT_EQ(index[0]["name"], "intro");
    EXPECT_EQ(index[0]["file"], "promo_0000_intro.mp4");
    EXPECT_DOUBLE_EQ(index[0]["start"].get<double>(), 0.0);
    EXPECT_DOUBLE_EQ(index[0]["duration"].get<double>(), 1.5);
    EXPECT_EQ(index[1]["name"], "outro");
    EXPECT_DOUBLE_EQ(index[1]["start"].get<double>(), 1.5);
    EXPECT_EQ(index[1]["frames"], 45);
    for (const char* f : {"promo_0000_intro.mp4", "promo_0001_outro.mp4"}) {
        auto m = probe(dir / f);
        EXPECT_EQ(m["nb_read_frames"], "45") << f;
        EXPECT_EQ(m["format.duration"], "1.500000") << f;
    }
}

// Issue 22: a section name of 300 characters made --sections fail (the file name was too long);
// it is shortened in the file name and kept whole in the index.
TEST(Export, SectionsWithVeryLongNamesAreShortenedInTheFileName) {
    static const Timeline tl = [] {
        register_scene({"export_long_section", "one section of a 300-character name", [](Scene& s) {
                            s.section(std::string(300, 'x'));
                            s.play(FadeIn(Square(2.0), {.run_time = 0.5}));
                        }});
        return record_scene(*find_scene("export_long_section"));
    }();
    auto dir = fresh_folder("sections_long");
    ExportOptions o = small(dir / "talk.mp4");
    std::vector<ExportResult> rs = export_sections(tl, o);
    ASSERT_EQ(rs.size(), 1u);
    const std::string file = "talk_0000_" + std::string(100, 'x') + ".mp4";
    EXPECT_EQ(list_folder(dir), (std::vector<std::string>{"talk.json", file}));
    auto index = nlohmann::json::parse(test::read_file(dir / "talk.json"));
    EXPECT_EQ(index[0]["name"], std::string(300, 'x'));
    EXPECT_EQ(index[0]["file"], file);
    // An output name that leaves less room still gives names that fit.
    auto dir2 = fresh_folder("sections_long2");
    ExportOptions o2 = small(dir2 / (std::string(200, 'o') + ".mp4"));
    export_sections(tl, o2);
    for (const std::string& f : list_folder(dir2)) EXPECT_LE(f.size(), 255u) << f;
}

TEST(Export, ReplacesAnExistingTargetOnlyOnSuccess) {
    auto dir = fresh_folder("replace");
    test::write_file(dir / "a.mp4", "old");
    ExportOptions o = small(dir / "a.mp4");
    o.to = 0.5;
    export_video(test_timeline(), o);
    EXPECT_EQ(probe(dir / "a.mp4")["nb_read_frames"], "15");
    EXPECT_EQ(list_folder(dir), std::vector<std::string>{"a.mp4"});
}
