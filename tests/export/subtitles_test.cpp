// Subtitles from the voice-over: cues of at most 2 lines of 42 characters, cut at sentences and
// clauses, timed to the words; a mov_text track in MP4 and a WebVTT track in WebM (decoded back
// with ffmpeg), and .srt / .vtt files.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "export/export.h"
#include "export/subtitles.h"
#include "reel/reel.h"
#include "sound/sound_files.h"
#include "support/run_reel.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

// A line whose words each last 0.25 s with 0.05 s between them, from t = 1.
VoiceoverLine line_of(const std::string& text) {
    VoiceoverLine line;
    line.text = text;
    line.start = 1;
    std::istringstream in(text);
    double t = 1;
    for (std::string w; in >> w; t += 0.3) line.words.push_back({w, t, t + 0.25});
    line.duration = t - 1;
    return line;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

const char* kText =
    "Each query head gets its own rotation, applied before the dot product with the keys. Short one. "
    "Then a much longer clause that goes on and on and on, past the limit of two lines of forty-two "
    "characters each, so that it has to be cut somewhere sensible.";

TEST(Subtitles, CuesKeepTheBroadcastRuleAndEveryWordInOrder) {
    const VoiceoverLine line = line_of(kText);
    const std::vector<SubtitleCue> cues = subtitle_cues(line);
    ASSERT_GE(cues.size(), 4u);
    std::string all;
    std::size_t word = 0;
    for (std::size_t i = 0; i < cues.size(); ++i) {
        const auto lines = lines_of(cues[i].text);
        ASSERT_GE(lines.size(), 1u);
        EXPECT_LE(lines.size(), 2u) << cues[i].text;
        for (const std::string& l : lines) EXPECT_LE(l.size(), 42u) << l;
        // Timed by its words: from the first's start; held after the last's end by up to 0.5 s,
        // never into the next cue.
        std::istringstream in(cues[i].text);
        std::size_t n = 0;
        for (std::string w; in >> w;) ++n;
        EXPECT_DOUBLE_EQ(cues[i].start, line.words[word].start) << i;
        const double last_end = line.words[word + n - 1].end;
        EXPECT_GE(cues[i].end, last_end) << i;
        EXPECT_LE(cues[i].end, last_end + 0.5 + 1e-9) << i;
        if (i + 1 < cues.size()) {
            EXPECT_LE(cues[i].end, cues[i + 1].start + 1e-9) << i;
        }
        // A sentence ends a cue: no word inside a cue ends one.
        for (std::size_t k = word; k + 1 < word + n; ++k) {
            const char c = line.words[k].text.back();
            EXPECT_FALSE(c == '.' || c == '!' || c == '?') << cues[i].text;
        }
        word += n;
        for (const std::string& l : lines) all += (all.empty() ? "" : " ") + l;
    }
    EXPECT_EQ(word, line.words.size());
    EXPECT_EQ(all, line.text);
    // The first sentence (84 characters) does not fit one cue: it is cut at its clause, and the
    // rest is broken into two even lines.
    EXPECT_EQ(cues[0].text, "Each query head gets its own rotation,");
    EXPECT_EQ(cues[1].text, "applied before the dot\nproduct with the keys.");
    EXPECT_EQ(cues[2].text, "Short one.");
}

TEST(Subtitles, AWordLongerThanALineStandsAlone) {
    const std::string longword(50, 'x');
    const auto cues = subtitle_cues(line_of("a " + longword + " b"));
    ASSERT_EQ(cues.size(), 3u);
    EXPECT_EQ(cues[1].text, longword);
}

TEST(Subtitles, SrtAndWebVttFormats) {
    const std::vector<SubtitleCue> cues{{1.5, 3.25, "One\ntwo"}, {3661.001, 3662, "a < b & c"}};
    EXPECT_EQ(srt_subtitles(cues),
              "1\n00:00:01,500 --> 00:00:03,250\nOne\ntwo\n\n2\n01:01:01,001 --> 01:01:02,000\na <\u2060 b & c\n\n");
    EXPECT_EQ(webvtt_subtitles(cues),
              "WEBVTT\n\n00:00:01.500 --> 00:00:03.250\nOne\ntwo\n\n01:01:01.001 --> 01:01:02.000\na &lt; b &amp; c\n\n");
}

// SubRip has no escapes: "<s>" (a token in the narrated promo's notes) was struck through by
// FFmpeg's SubRip decoder and "<token>" dropped. Decoded by FFmpeg, the written file's text is
// the cue's, every character shown (the word joiners after '<' draw nothing).
TEST(Subtitles, SrtShowsAngleBracketsAsText) {
    const fs::path dir = test::sound_dir("srt_literal");
    const std::string text = "Step 1: '<s>' starts, <token> and </s>\na < b > c, <i>x";
    const std::string srt = srt_subtitles({{0.5, 2.0, text}});
    std::ofstream(dir / "a.srt") << srt;
    std::string ass = test::shell_output("ffmpeg -v error -i '" + (dir / "a.srt").string() + "' -f ass - 2>&1");
    const std::string joiner = "\u2060";
    for (std::size_t at; (at = ass.find(joiner)) != std::string::npos;) ass.erase(at, joiner.size());
    std::erase(ass, '\r');
    // ASS writes a line break as \N and escapes nothing else of this text.
    EXPECT_NE(ass.find(",,Step 1: '<s>' starts, <token> and </s>\\Na < b > c, <i>x\n"), std::string::npos) << ass;
    EXPECT_EQ(ass.find("{\\"), std::string::npos) << ass; // no override: nothing struck through or italic
}

// ── in exported files ──

class SubtitleExport : public ::testing::Test {
protected:
    void SetUp() override {
        dir = test::sound_dir(std::string("subtitles_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        ::setenv("XDG_CACHE_HOME", (dir / "cache").c_str(), 1);
    }
    ExportOptions options(const std::string& name) const {
        ExportOptions o;
        o.output = (dir / name).string();
        o.width = 160;
        o.height = 90;
        o.fps = 30;
        o.preset = "ultrafast";
        o.workers = 2;
        return o;
    }
    fs::path dir;
};

Timeline narrated() {
    Scene s;
    auto sq = Square();
    s.play(Create(sq), {.run_time = 0.5});
    s.voiceover("Each query head <bookmark mark='rope'/> gets its rotation. The keys get theirs, too, "
                "before the scores are computed.",
                [&](Voiceover&) {
                    s.wait_until_bookmark("rope");
                    s.play(Rotate(sq, PI / 4));
                });
    s.wait(0.5);
    s.voiceover("That is all.");
    return s.finish();
}

struct DecodedCue {
    double start = 0, end = 0;
    std::string text;
};

// The file's first subtitle track, decoded by ffmpeg into SubRip and read back, at the times
// in the file (-copyts: ffmpeg would otherwise move every stream by the WebM's start, the sound's
// -7 ms of Opus priming).
std::vector<DecodedCue> decode_track(const fs::path& file) {
    std::string srt = test::shell_output("ffmpeg -v error -copyts -i '" + file.string() + "' -map 0:s:0 -f srt - 2>&1");
    std::erase(srt, '\r');
    std::vector<DecodedCue> cues;
    std::istringstream in(srt);
    std::string l;
    while (std::getline(in, l)) {
        if (l.find(" --> ") == std::string::npos) continue;
        int h1, m1, s1, ms1, h2, m2, s2, ms2;
        if (std::sscanf(l.c_str(), "%d:%d:%d,%d --> %d:%d:%d,%d", &h1, &m1, &s1, &ms1, &h2, &m2, &s2, &ms2) != 8) continue;
        DecodedCue c;
        c.start = h1 * 3600 + m1 * 60 + s1 + ms1 / 1000.0;
        c.end = h2 * 3600 + m2 * 60 + s2 + ms2 / 1000.0;
        for (std::string t; std::getline(in, t) && !t.empty();) c.text += (c.text.empty() ? "" : "\n") + t;
        cues.push_back(c);
    }
    return cues;
}

std::string subtitle_codec(const fs::path& file) {
    std::string s = test::shell_output("ffprobe -v error -select_streams s -show_entries stream=codec_name -of csv=p=0 '" +
                                       file.string() + "' 2>&1");
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

TEST_F(SubtitleExport, Mp4AndWebMCarryTheCuesTimedToTheWords) {
    const Timeline t = narrated();
    const std::vector<SubtitleCue> cues = subtitle_cues(t, 0, t.duration());
    ASSERT_GE(cues.size(), 3u);
    // The first cue starts with the first word, after the 0.5 s of Create.
    EXPECT_DOUBLE_EQ(cues.front().start, t.voiceovers()[0].words[0].start);
    EXPECT_GE(cues.front().start, 0.5);
    for (const char* name : {"narrated.mp4", "narrated.webm"}) {
        ExportOptions o = options(name);
        o.subtitles = (dir / (std::string(name) + ".srt")).string();
        const ExportResult r = export_video(t, o);
        EXPECT_EQ(r.subtitle_cues, cues.size());
        EXPECT_EQ(subtitle_codec(dir / name), std::string(name).ends_with(".mp4") ? "mov_text" : "webvtt");
        const std::vector<DecodedCue> decoded = decode_track(dir / name);
        ASSERT_EQ(decoded.size(), cues.size()) << name;
        for (std::size_t i = 0; i < cues.size(); ++i) {
            EXPECT_EQ(decoded[i].text, cues[i].text) << name << " " << i;
            EXPECT_NEAR(decoded[i].start, cues[i].start, 0.0015) << name << " " << i;
            EXPECT_NEAR(decoded[i].end, cues[i].end, 0.0015) << name << " " << i;
        }
        std::ifstream f(o.subtitles);
        std::stringstream ss;
        ss << f.rdbuf();
        EXPECT_EQ(ss.str(), srt_subtitles(cues));
    }
    // A range: the cues in it, in the file's own time.
    ExportOptions o = options("range.mp4");
    o.from = 1.0;
    o.to = 3.0;
    export_video(t, o);
    const std::vector<SubtitleCue> in_range = subtitle_cues(t, 1.0, 3.0);
    const std::vector<DecodedCue> decoded = decode_track(dir / "range.mp4");
    ASSERT_EQ(decoded.size(), in_range.size());
    EXPECT_NEAR(decoded[0].start, in_range[0].start, 0.0015);
    EXPECT_NEAR(in_range[0].start, std::max(0.0, cues[0].start - 1.0), 1e-9);
}

// Three parts joined carry exactly the cues of one export: each part holds the cues that start
// in it (whole, in its own time), and join_parts moves them back. Before, parts had no track and
// a joined file no subtitles.
TEST_F(SubtitleExport, PartsJoinedHaveTheCuesOfOneExport) {
    const Timeline t = narrated();
    for (const char* ext : {"mp4", "webm"}) {
        ExportOptions whole = options(fmt::format("whole.{}", ext));
        whole.scene = "narrated";
        export_video(t, whole);
        const std::vector<DecodedCue> expected = decode_track(whole.output);
        ASSERT_GE(expected.size(), 3u) << ext;
        std::vector<std::string> parts;
        std::size_t in_parts = 0;
        for (int k = 0; k < 3; ++k) {
            ExportOptions o = options(fmt::format("part{}.{}", k, ext));
            o.scene = "narrated";
            o.part = k;
            o.parts = 3;
            in_parts += export_video(t, o).subtitle_cues;
            parts.push_back(o.output);
        }
        EXPECT_EQ(in_parts, expected.size()) << ext; // every cue in exactly one part
        const fs::path joined = dir / fmt::format("joined.{}", ext);
        join_parts({parts[1], parts[2], parts[0]}, joined.string());
        const std::vector<DecodedCue> got = decode_track(joined);
        ASSERT_EQ(got.size(), expected.size()) << ext;
        for (std::size_t i = 0; i < got.size(); ++i) {
            EXPECT_EQ(got[i].text, expected[i].text) << ext << " " << i;
            EXPECT_DOUBLE_EQ(got[i].start, expected[i].start) << ext << " " << i;
            EXPECT_DOUBLE_EQ(got[i].end, expected[i].end) << ext << " " << i;
        }
    }
}

TEST_F(SubtitleExport, NoTrackWhenAskedOrWithoutVoiceOver) {
    const Timeline t = narrated();
    ExportOptions o = options("none.mp4");
    o.subtitle_track = false;
    EXPECT_EQ(export_video(t, o).subtitle_cues, 0u);
    EXPECT_EQ(subtitle_codec(dir / "none.mp4"), "");
    Scene s;
    s.play(Create(Square()));
    const Timeline silent = s.finish();
    EXPECT_EQ(export_video(silent, options("silent.webm")).subtitle_cues, 0u);
    EXPECT_EQ(subtitle_codec(dir / "silent.webm"), "");
    ExportOptions bad = options("bad.mp4");
    bad.subtitles = (dir / "subs.txt").string();
    try {
        export_video(t, bad);
        ADD_FAILURE() << "no error";
    } catch (const ExportError& e) {
        EXPECT_NE(std::string(e.what()).find("must end in .srt (SubRip) or .vtt (WebVTT)"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(dir / "bad.mp4"));
}

} // namespace
} // namespace reel
