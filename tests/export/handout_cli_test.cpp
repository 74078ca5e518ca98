// reel export to handouts and chapters, end to end: the PDF (one vector page per slide, text
// that pdftotext finds, notes on the pages), the self-contained HTML page, MP4 / WebM
// chapters (ffprobe) and WebVTT chapters; refusals that write nothing.
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "present/holds.h"
#include "timeline/timeline.h"
#include "test_support.h"

namespace fs = std::filesystem;
using reel::test::fresh_folder;
using reel::test::list_folder;
using reel::test::Outcome;
using reel::test::expect_refused;
using reel::test::promo;
constexpr auto reel_run = reel::test::run_reel;
using reel::test::read_file;

namespace {

int count(const std::string& hay, const std::string& needle) {
    int n = 0;
    for (std::size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
    return n;
}

std::string base64_decode(const std::string& in, std::size_t max_bytes) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    std::string out;
    int bits = 0, acc = 0;
    for (char c : in) {
        int v = value(c);
        if (v < 0) break;
        acc = acc << 6 | v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
            if (out.size() >= max_bytes) break;
        }
    }
    return out;
}

} // namespace

TEST(HandoutCliNegative, Refusals) {
    expect_refused({"export", "--from", "2", "-o", "OUT/a.pdf"}, "do not apply", "handout_pdf_range");
    expect_refused({"export", "--section", "sdpa", "-o", "OUT/a.html"}, "do not apply", "handout_html_range");
    expect_refused({"export", "--chapters", "OUT/c.txt", "-o", "OUT/a.mp4"}, "must be a .vtt file", "handout_vtt_ext");
    expect_refused({"export", "--chapters", "OUT/c.vtt", "-o", "OUT/a.gif"}, "--chapters goes with", "handout_vtt_gif");
    expect_refused({"export", "-o", "OUT/a.pptx"}, "cannot tell the format", "handout_pptx");
    expect_refused({"export", "-o", "OUT/missing/a.pdf"}, "does not exist", "handout_pdf_folder");
}

TEST(HandoutCli, PdfHasOnePagePerSlideWithSelectableTextAndNotes) {
    const auto holds = place_holds(promo());
    ASSERT_FALSE(holds.empty());
    auto dir = fresh_folder("handout_pdf");
    const fs::path pdf = dir / "promo.pdf";
    Outcome r = reel_run({"export", "-o", pdf.string()}, dir / "log");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, pdf.string() + "\n");
    std::string bytes = read_file(pdf);
    ASSERT_EQ(bytes.rfind("%PDF-", 0), 0u);
    // Cairo writes each page object with "/Type /Page" (the tree is "/Type /Pages").
    EXPECT_EQ(count(bytes, "/Type /Page\n") + count(bytes, "/Type /Page ") + count(bytes, "/Type /Page/"),
              static_cast<int>(holds.size()));
    // Vector: no picture of the frame is embedded.
    EXPECT_EQ(count(bytes, "/Subtype /Image"), 0);
    const std::string info = reel::test::shell_output("pdfinfo '" + pdf.string() + "' 2>&1");
    const auto pages_at = info.find("Pages:");
    ASSERT_NE(pages_at, std::string::npos) << info;
    EXPECT_EQ(std::stoul(info.substr(pages_at + 6)), holds.size()) << info;
    // The titles are text (pdftotext reads them), and the notes are on the pages.
    const std::string text = reel::test::shell_output("pdftotext -layout '" + pdf.string() + "' - 2>&1");
    EXPECT_NE(text.find("Grouped-Query Attention"), std::string::npos) << text.substr(0, 2000);
    EXPECT_NE(text.find("Scaled Dot-Product Attention"), std::string::npos);
    EXPECT_NE(text.find("Auto-regressive Generation"), std::string::npos);
    EXPECT_NE(text.find(holds[1].notes.substr(0, 30)), std::string::npos);
    EXPECT_NE(text.find("Slide 1 / " + std::to_string(holds.size())), std::string::npos);
    // Page 3 of pdftotext's output holds slide 3's heading.
    const std::string page3 = reel::test::shell_output("pdftotext -f 3 -l 3 '" + pdf.string() + "' - 2>&1");
    EXPECT_NE(page3.find("Slide 3 / "), std::string::npos) << page3;
}

TEST(HandoutCli, VideoCarriesTheSectionsAsChaptersAndWebVtt) {
    const auto& secs = promo().sections();
    auto dir = fresh_folder("handout_chapters");
    for (const std::string ext : {"mp4", "webm"}) {
        const fs::path video = dir / ("c." + ext), vtt = dir / ("c_" + ext + ".vtt");
        Outcome r = reel_run({"export", "--resolution", "160x90", "--fps", "5", "--quiet", "--chapters", vtt.string(),
                              "-o", video.string()},
                             dir / ("log_" + ext));
        ASSERT_EQ(r.status, 0) << r.err;
        EXPECT_EQ(r.out, video.string() + "\n" + vtt.string() + "\n");
        const std::string chapters =
            reel::test::shell_output("ffprobe -v error -show_chapters -of flat '" + video.string() + "' 2>&1");
        for (std::size_t i = 0; i < secs.size(); ++i) {
            const std::string key = "chapters.chapter." + std::to_string(i) + ".";
            EXPECT_NE(chapters.find(key + "tags.title=\"" + secs[i].name + "\""), std::string::npos) << chapters;
            const auto p = chapters.find(key + "start_time=\"");
            ASSERT_NE(p, std::string::npos) << chapters;
            EXPECT_NEAR(std::stod(chapters.substr(p + key.size() + 12)), secs[i].start, 0.002) << ext << i;
        }
        EXPECT_EQ(chapters.find("chapters.chapter." + std::to_string(secs.size()) + "."), std::string::npos);
        const std::string cues = read_file(vtt);
        ASSERT_EQ(cues.rfind("WEBVTT\n", 0), 0u);
        EXPECT_EQ(count(cues, " --> "), static_cast<int>(secs.size()));
        EXPECT_NE(cues.find("\n1\n00:00:00.000 --> 00:00:23.050\ngqa\n"), std::string::npos) << cues;
    }
}

TEST(HandoutCli, HtmlIsOneFileWithTheVideoTheSlidesAndThePlayer) {
    const auto holds = place_holds(promo());
    auto dir = fresh_folder("handout_html");
    const fs::path html = dir / "promo.html";
    Outcome r = reel_run({"export", "--resolution", "160x90", "--fps", "5", "--quiet", "-o", html.string()},
                         dir / "log");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(list_folder(dir), (std::vector<std::string>{"log.stderr", "log.stdout", "promo.html"}));
    const std::string page = read_file(html);
    EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
    // Self-contained: nothing is fetched.
    EXPECT_EQ(page.find("src=\"http"), std::string::npos);
    EXPECT_EQ(page.find("href=\"http"), std::string::npos);
    const std::string open_data = "<script id=\"reel-data\" type=\"application/json\">";
    auto a = page.find(open_data);
    ASSERT_NE(a, std::string::npos);
    a += open_data.size();
    const auto data = nlohmann::json::parse(page.substr(a, page.find("</script>", a) - a));
    ASSERT_EQ(data["holds"].size(), holds.size());
    EXPECT_NEAR(data["holds"][1]["time"].get<double>(), holds[1].time, 1e-9);
    EXPECT_EQ(data["holds"][1]["notes"].get<std::string>(), holds[1].notes);
    EXPECT_EQ(data["fps"].get<int>(), 5);
    EXPECT_EQ(data["frames"].get<long>(), promo().frame_count(5));
    const std::string open_video = "<script id=\"reel-video\" type=\"application/octet-stream\">";
    auto v = page.find(open_video);
    ASSERT_NE(v, std::string::npos);
    const std::string head = base64_decode(page.substr(v + open_video.size(), 64), 12);
    ASSERT_EQ(head.size(), 12u);
    EXPECT_EQ(head.substr(4, 4), "ftyp"); // an MP4
    // The presenter's keys are wired.
    for (const char* key : {"\"ArrowRight\"", "\"ArrowLeft\"", "\"PageDown\"", "\"Enter\"", "\"Home\"", "\"End\""})
        EXPECT_NE(page.find(key), std::string::npos) << key;
}

// A deck of a narrated scene carries its sound and its captions: the video has an audio
// stream (and no subtitle track of its own: the page's captions would show twice), the page's
// data says there is sound and holds the voice-over's cues, and its keys turn the sound (M) and
// the captions (S) on and off; the first key or click turns the sound on (browsers start a
// video with sound only after a gesture).
TEST(HandoutCli, HtmlOfANarratedSceneHasItsSoundAndCaptions) {
    auto dir = fresh_folder("handout_html_narrated");
    const fs::path html = dir / "narrated.html", srt = dir / "narrated.srt";
    Outcome r = reel_run({"export", "transformer_narrated", "--resolution", "160x90", "--fps", "5", "--quiet", "-o",
                          html.string()}, dir / "log");
    ASSERT_EQ(r.status, 0) << r.err;
    Outcome s = reel_run({"export", "transformer_narrated", "--resolution", "160x90", "--fps", "5", "--quiet",
                          "--audio", "none", "-o", (dir / "narrated.mp4").string(), "--subtitles", srt.string()},
                         dir / "log_srt");
    ASSERT_EQ(s.status, 0) << s.err;
    const std::string page = read_file(html);
    const std::string open_data = "<script id=\"reel-data\" type=\"application/json\">";
    auto a = page.find(open_data);
    ASSERT_NE(a, std::string::npos);
    a += open_data.size();
    const auto data = nlohmann::json::parse(page.substr(a, page.find("</script>", a) - a));
    EXPECT_TRUE(data["sound"].get<bool>());
    // The cues are the --subtitles file's, cue for cue (the .srt's word joiners after '<', which
    // keep "<s>" from being read as a tag, drawn as nothing).
    std::string cues = read_file(srt);
    const std::string joiner = "\u2060";
    for (std::size_t at; (at = cues.find(joiner)) != std::string::npos;) cues.erase(at, joiner.size());
    ASSERT_EQ(static_cast<std::size_t>(count(cues, " --> ")), data["cues"].size());
    ASSERT_GE(data["cues"].size(), 4u);
    for (const auto& c : data["cues"]) {
        std::string text = c["text"].get<std::string>();
        EXPECT_NE(cues.find("\n" + text + "\n"), std::string::npos) << text;
        EXPECT_LT(c["start"].get<double>(), c["end"].get<double>());
    }
    const std::string open_video = "<script id=\"reel-video\" type=\"application/octet-stream\">";
    auto v = page.find(open_video);
    ASSERT_NE(v, std::string::npos);
    v += open_video.size();
    const std::string video = base64_decode(page.substr(v, page.find("</script>", v) - v), std::string::npos);
    reel::test::write_file(dir / "embedded.mp4", video);
    const std::string streams =
        reel::test::shell_output("ffprobe -v error -show_entries stream=codec_type -of csv=p=0 '" +
                               (dir / "embedded.mp4").string() + "'");
    EXPECT_NE(streams.find("audio\n"), std::string::npos) << streams;
    EXPECT_EQ(streams.find("subtitle"), std::string::npos) << streams; // the plain export has one
    for (const char* wired : {"v.muted = false", "k === \"m\"", "k === \"s\"", "addTextTrack(\"captions\"",
                              "function gesture()"})
        EXPECT_NE(page.find(wired), std::string::npos) << wired;
    // The silent promo's deck: no sound, no cues.
    const fs::path silent = dir / "silent.html";
    ASSERT_EQ(reel_run({"export", "--resolution", "160x90", "--fps", "5", "--quiet", "-o", silent.string()},
                       dir / "log_silent").status, 0);
    const std::string page2 = read_file(silent);
    auto b = page2.find(open_data) + open_data.size();
    const auto data2 = nlohmann::json::parse(page2.substr(b, page2.find("</script>", b) - b));
    EXPECT_FALSE(data2["sound"].get<bool>());
    EXPECT_TRUE(data2["cues"].empty());
}
