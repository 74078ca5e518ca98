// Split exports (--part K/N) and join_parts: the parts put back together show the same pictures
// at the same times as one export of the whole range.
#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "export/export.h"
#include "test_support.h"
#include "video_support.h"

namespace fs = std::filesystem;
using namespace reel;
using namespace reel::test;

// ── split exports: --part K/N and join ──

namespace {

// Exports the test scene in `n` parts (and whole) into `dir`; returns the part paths.
std::vector<std::string> export_parts(const fs::path& dir, int n, bool cfr, const char* ext = ".mp4") {
    std::vector<std::string> paths;
    for (int k = 0; k < n; ++k) {
        ExportOptions o = small(dir / ("part" + std::to_string(k) + ext));
        o.constant_frame_rate = cfr;
        o.preset = "medium"; // B-frames: decode order differs from display order
        o.part = k;
        o.parts = n;
        if (std::string(ext) == ".webm") o.crf = 40;
        ExportResult r = export_video(test_timeline(), o);
        EXPECT_EQ(r.frames, (k + 1L) * 90 / n - k * 90L / n);
        paths.push_back(o.output);
    }
    return paths;
}

} // namespace

TEST(ExportParts, PartComment) {
    PartInfo p{1, 4, 22, 45, 90, 30, 1500000, 18, "medium", "intro", 0x0123456789abcdefULL};
    EXPECT_EQ(part_comment(p), "reel part 1/4 frames 22-45 of 90 at 30 fps from 1500000 us crf 18 medium scene intro "
                               "digest 0123456789abcdef");
    auto q = parse_part_comment(part_comment(p));
    ASSERT_TRUE(q);
    EXPECT_EQ(q->part, 1);
    EXPECT_EQ(q->end, 45);
    EXPECT_EQ(q->from_us, 1500000);
    EXPECT_EQ(q->crf, 18);
    EXPECT_EQ(q->preset, "medium");
    EXPECT_EQ(q->scene, "intro");
    EXPECT_EQ(q->digest, 0x0123456789abcdefULL);
    // Any name comes back exactly (one word in the comment), the empty one too.
    for (const std::string name : {"two words % digest 00", "", "\x1b[31mred\n", "\xc3\xa9t\xc3\xa9"}) {
        p.scene = name;
        auto r = parse_part_comment(part_comment(p));
        ASSERT_TRUE(r) << part_comment(p);
        EXPECT_EQ(r->scene, name) << part_comment(p);
        EXPECT_EQ(r->digest, p.digest);
    }
    // A part of a Reel that did not record its scene parses, without one (join refuses it).
    auto old = parse_part_comment("reel part 1/4 frames 22-45 of 90 at 30 fps from 0 us crf 18 medium");
    ASSERT_TRUE(old);
    EXPECT_FALSE(old->scene);
    EXPECT_FALSE(parse_part_comment("reel part 1/4 frames 22-45 of 90 at 30 fps from 0 us crf 18 medium scene a"));
    EXPECT_FALSE(parse_part_comment("reel part 1/4 frames 22-45 of 90 at 30 fps from 0 us crf 18 medium scene %4 "
                                    "digest 0123456789abcdef"));
    EXPECT_FALSE(parse_part_comment("reel part 1/4 frames 22-45 of 90 at 30 fps from 0 us crf 18 medium scene a "
                                    "digest 0123"));
    EXPECT_FALSE(parse_part_comment("reel part 4/4 frames 22-45 of 90 at 30 fps from 0 us crf 18 medium"));
    EXPECT_FALSE(parse_part_comment("reel part 1/4 frames 22-45 of 90 at 30 fps from 0 us crf 18 medium more"));
    EXPECT_FALSE(parse_part_comment(part_comment(p) + " more"));
    EXPECT_FALSE(parse_part_comment("reel part 1/4 frames 22-45 of 90 at 30 fps"));
    EXPECT_FALSE(parse_part_comment("made with something else"));
}

TEST(ExportParts, JoinedCfrPartsEqualOneExport) {
    auto dir = fresh_folder("parts_cfr");
    auto parts = export_parts(dir, 3, true);
    // Each part is a file of its own: its frames, from 0.
    auto m0 = probe(parts[0]);
    EXPECT_EQ(m0["nb_read_frames"], "30");
    EXPECT_EQ(m0["format.duration"], "1.000000");
    // Given in any order.
    JoinResult j = join_parts({parts[2], parts[0], parts[1]}, (dir / "joined.mp4").string());
    EXPECT_EQ(j.parts, 3);
    EXPECT_EQ(j.frames, 90);
    ExportOptions o = small(dir / "single.mp4");
    o.constant_frame_rate = true;
    export_video(test_timeline(), o);
    auto js = probe(dir / "joined.mp4");
    auto ss = probe(dir / "single.mp4");
    EXPECT_EQ(js["nb_read_frames"], "90");
    EXPECT_EQ(js["nb_read_frames"], ss["nb_read_frames"]);
    EXPECT_EQ(js["format.duration"], ss["format.duration"]);
    EXPECT_EQ(js["codec_name"], "h264");
    EXPECT_EQ(test::frame_times(dir / "joined.mp4"), test::frame_times(dir / "single.mp4"));
    // The sections are chapters of the joined file as of the single one (part 1 of 3 is cut
    // by the intro/outro boundary at 1.5 s, parts 0 and 2 lie inside one chapter each).
    EXPECT_EQ(chapters_of_file(dir / "joined.mp4"), chapters_of_file(dir / "single.mp4"));
    EXPECT_EQ(chapters_of_file(dir / "joined.mp4"),
              (std::vector<std::string>{"0.000000 1.500000 intro", "1.500000 3.000000 outro"}));
    for (int k : {0, 29, 30, 31, 59, 60, 89}) EXPECT_GT(psnr_of_frames(dir / "joined.mp4", k, dir / "single.mp4", k), 40.0) << k;
    auto boxes = test::mp4_boxes(dir / "joined.mp4");
    EXPECT_LT(std::find(boxes.begin(), boxes.end(), "moov"), std::find(boxes.begin(), boxes.end(), "mdat"));
}

TEST(ExportParts, JoinedHeldPartsShowTheSamePicturesAtTheSameTimes) {
    auto dir = fresh_folder("parts_vfr");
    // 5 parts of 90 frames: boundaries at 18, 36, 54, 72 (36 lies inside the hold 30-44).
    auto parts = export_parts(dir, 5, false);
    join_parts(parts, (dir / "joined.mp4").string());
    ExportOptions o = small(dir / "single.mp4");
    ExportResult single = export_video(test_timeline(), o);
    auto jm = probe(dir / "joined.mp4");
    EXPECT_EQ(jm["format.duration"], "3.000000");
    EXPECT_EQ(jm["duration"], "3.000000"); // the stream's (edit list) too
    // The pictures start where the single export's do, plus where a part starts inside a hold
    // (a part must open with a picture of its own).
    std::vector<double> expected = test::frame_times(dir / "single.mp4");
    expected.push_back(36.0 / 30);
    std::sort(expected.begin(), expected.end());
    const std::vector<double> joined = test::frame_times(dir / "joined.mp4");
    ASSERT_EQ(joined.size(), expected.size());
    for (std::size_t i = 0; i < joined.size(); ++i) EXPECT_NEAR(joined[i], expected[i], 1e-3) << i;
    EXPECT_EQ(static_cast<long>(joined.size()), single.pictures + 1);
    // Decoded at the constant rate, every frame matches.
    for (const char* name : {"joined", "single"}) {
        std::string cmd = "ffmpeg -v error -i '" + (dir / (std::string(name) + ".mp4")).string() +
                          "' -vf fps=30 -c:v libx264 -crf 0 -preset ultrafast -y '" +
                          (dir / (std::string(name) + "_cfr.mp4")).string() + "'";
        ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    }
    EXPECT_EQ(probe(dir / "joined_cfr.mp4")["nb_read_frames"], "90");
    for (int k : {0, 18, 35, 36, 40, 54, 72, 89})
        EXPECT_GT(psnr_of_frames(dir / "joined_cfr.mp4", k, dir / "single_cfr.mp4", k), 40.0) << k;
}

// However the parts fall, the joined track lasts as long as the range (its last packet in
// decode order is stretched to the end, as in a single export).
TEST(ExportParts, JoinedTrackEndsAtTheEndForAnySplit) {
    for (int n : {2, 3, 4, 6}) {
        auto dir = fresh_folder("parts_end_" + std::to_string(n));
        auto parts = export_parts(dir, n, false);
        join_parts(parts, (dir / "joined.mp4").string());
        if (n == 2) { // and a single export of the same settings ends there too
            ExportOptions o = small(dir / "single.mp4");
            o.preset = "medium";
            export_video(test_timeline(), o);
            EXPECT_EQ(probe(dir / "single.mp4")["duration"], "3.000000");
        }
        auto m = probe(dir / "joined.mp4");
        EXPECT_EQ(m["duration"], "3.000000") << n << " parts";
        EXPECT_EQ(m["format.duration"], "3.000000") << n << " parts";
    }
}

TEST(ExportParts, WebMPartsJoin) {
    auto dir = fresh_folder("parts_webm");
    auto parts = export_parts(dir, 2, false, ".webm");
    JoinResult j = join_parts(parts, (dir / "joined.webm").string());
    EXPECT_EQ(j.frames, 90);
    auto m = probe(dir / "joined.webm");
    EXPECT_EQ(m["codec_name"], "vp9");
    EXPECT_EQ(m["format.duration"], "3.000000");
    ExportOptions o = small(dir / "single.webm");
    o.crf = 40;
    export_video(test_timeline(), o);
    // The boundary at 45 lies inside the hold 30-45 (frame 45 draws none of the rectangle yet):
    // the second part opens with a picture of its own there.
    std::vector<double> expected = test::frame_times(dir / "single.webm");
    ASSERT_EQ(std::count(expected.begin(), expected.end(), 1.5), 0);
    expected.push_back(1.5);
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(test::frame_times(dir / "joined.webm"), expected);
}

TEST(ExportParts, BadPartsAreRefusedAndNothingIsWritten) {
    auto dir = fresh_folder("parts_bad");
    auto parts = export_parts(dir, 3, true);
    test::write_file(dir / "out.mp4", "old");
    auto refused = [&](std::vector<std::string> in, const std::string& expect) {
        std::string e = error_of([&] { join_parts(in, (dir / "out.mp4").string()); });
        EXPECT_NE(e.find(expect), std::string::npos) << e;
        EXPECT_EQ(test::read_file(dir / "out.mp4"), "old");
    };
    refused({parts[0], parts[2]}, "part 1/3 is missing");
    refused({parts[0], parts[1], parts[1], parts[2]}, "part 1/3 is given twice");
    refused({parts[0], parts[1], (dir / "nope.mp4").string()}, "no such file");
    // Issue 22, row 7: join's errors name the fault. A folder was "no such file", an empty file
    // "cannot read it as a video: Invalid data ...", an MP4 part beside a WebM one "encoded
    // differently (codec, size or settings)".
    std::filesystem::create_directories(dir / "folder.mp4");
    refused({parts[0], parts[1], (dir / "folder.mp4").string()}, "folder.mp4' is a folder, not a part");
    test::write_file(dir / "empty.mp4", "");
    refused({parts[0], parts[1], (dir / "empty.mp4").string()}, "empty.mp4' is empty (0 bytes): export this part again");
    test::write_file(dir / "text.mp4", std::string(4096, 'x'));
    refused({parts[0], parts[1], (dir / "text.mp4").string()},
            "text.mp4' is not a part written by reel export --part (not a video file");
    ExportOptions webm_part = small(dir / "p2.webm");
    webm_part.constant_frame_rate = true;
    webm_part.part = 2;
    webm_part.parts = 3;
    export_video(test_timeline(), webm_part);
    refused({parts[0], parts[1], (dir / "p2.webm").string()}, "is MP4 but '" + (dir / "p2.webm").string() +
                                                                   "' is WebM: export every part to the same format");
    // A whole export is not a part.
    ExportOptions whole = small(dir / "whole.mp4");
    whole.to = 1.0;
    export_video(test_timeline(), whole);
    refused({parts[0], parts[1], (dir / "whole.mp4").string()}, "is not a part written by reel export --part");
    // A part of another split (2 ways) or another size.
    ExportOptions other = small(dir / "other.mp4");
    other.part = 1;
    other.parts = 2;
    export_video(test_timeline(), other);
    refused({parts[0], parts[1], (dir / "other.mp4").string()}, "different exports");
    ExportOptions crf = small(dir / "crf.mp4");
    crf.constant_frame_rate = true;
    crf.crf = 30;
    crf.part = 2;
    crf.parts = 3;
    export_video(test_timeline(), crf);
    refused({parts[0], parts[1], (dir / "crf.mp4").string()}, "different exports");
    ExportOptions big = small(dir / "big.mp4");
    big.width = 640;
    big.height = 360;
    big.preset = "medium";
    big.constant_frame_rate = true;
    big.part = 2;
    big.parts = 3;
    export_video(test_timeline(), big);
    refused({parts[0], parts[1], (dir / "big.mp4").string()}, "encoded differently");
    // Issue 22: another scene with the same settings (length, rate, size), or another version
    // of the same scene, used to be joined without a word.
    static const Timeline other_scene = [] {
        register_scene({"export_test_other", "the test scene's length, other pictures", [](Scene& s) {
                            s.play(FadeIn(Circle(), {.run_time = 1.0}));
                            s.wait(2.0);
                        }});
        return record_scene(*find_scene("export_test_other"));
    }();
    ASSERT_EQ(other_scene.duration(), test_timeline().duration());
    ExportOptions foreign = small(dir / "foreign.mp4");
    foreign.constant_frame_rate = true;
    foreign.part = 2;
    foreign.parts = 3;
    foreign.scene = "export_test_other";
    export_video(other_scene, foreign);
    refused({parts[0], parts[1], (dir / "foreign.mp4").string()}, "holds scene 'export_test_other' but");
    foreign.scene = ""; // the name the parts have (none), but other pictures
    export_video(other_scene, foreign);
    refused({parts[0], parts[1], (dir / "foreign.mp4").string()}, "holds another version of scene");
    // A part cut short, anywhere after its header (MP4 keeps its index at the start).
    const std::string bytes = test::read_file(parts[2]);
    for (std::size_t keep : {bytes.size() - 1, bytes.size() * 3 / 4, bytes.size() / 3}) {
        test::write_file(dir / "cut.mp4", bytes.substr(0, keep));
        refused({parts[0], parts[1], (dir / "cut.mp4").string()}, "cut.mp4' is cut short");
    }
    // The same call with all the parts works and replaces the target.
    join_parts(parts, (dir / "out.mp4").string());
    EXPECT_NE(test::read_file(dir / "out.mp4"), "old");
    // Output format must match.
    std::string e = error_of([&] { join_parts(parts, (dir / "out.webm").string()); });
    EXPECT_NE(e.find("the parts are MP4"), std::string::npos) << e;
    // A WebM part cut short (its index, the cues, is written at the end).
    auto webm = export_parts(dir, 2, false, ".webm");
    test::write_file(dir / "out.webm", "old");
    const std::string wbytes = test::read_file(webm[1]);
    for (std::size_t keep : {wbytes.size() - 1, wbytes.size() / 2}) {
        test::write_file(dir / "cut.webm", wbytes.substr(0, keep));
        e = error_of([&] { join_parts({webm[0], (dir / "cut.webm").string()}, (dir / "out.webm").string()); });
        EXPECT_NE(e.find("cut.webm' is cut short"), std::string::npos) << e;
        EXPECT_EQ(test::read_file(dir / "out.webm"), "old");
    }
    // Bad part numbers and GIFs are refused before anything is written.
    ExportOptions bad = small(dir / "x.mp4");
    bad.part = 3;
    bad.parts = 3;
    EXPECT_NE(error_of([&] { export_video(test_timeline(), bad); }).find("part 3/3 does not exist"), std::string::npos);
    bad.output = (dir / "x.gif").string();
    bad.part = 0;
    bad.fps = 20;
    EXPECT_NE(error_of([&] { export_video(test_timeline(), bad); }).find("GIF cannot be split"), std::string::npos);
    bad.output = (dir / "x.mp4").string();
    bad.fps = 30;
    bad.parts = 91;
    EXPECT_NE(error_of([&] { export_video(test_timeline(), bad); }).find("more than the 90 frames"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir / "x.mp4"));
    EXPECT_FALSE(fs::exists(dir / "x.gif"));
}
