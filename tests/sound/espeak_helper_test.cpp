// Speech through the reel-espeak program (tools/reel-espeak, GPL-3.0-or-later): reel and
// libreel.so do not link libespeak-ng; a missing, crashing or babbling helper is one clear message
// when the scene records; the helper's own output format.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <sstream>

#include "timeline/timeline.h"
#include "support/run_reel.h"
#include "support/error_of.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

using test::error_of;

// An executable shell script standing in for reel-espeak.
fs::path script(const fs::path& dir, const std::string& name, const std::string& body) {
    const fs::path p = dir / name;
    test::write_file(p, "#!/bin/sh\n" + body);
    ::chmod(p.c_str(), 0755);
    return p;
}

// Every test speaks into a cache of its own and restores REEL_ESPEAK.
class EspeakHelper : public ::testing::Test {
protected:
    void SetUp() override {
        dir = test::fresh_folder(std::string("espeak_helper_") +
                                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        ::setenv("XDG_CACHE_HOME", (dir / "cache").c_str(), 1);
        ::unsetenv("REEL_ESPEAK");
    }
    void TearDown() override { ::unsetenv("REEL_ESPEAK"); }
    // The error recording a one-line voice-over gives with `helper` as REEL_ESPEAK.
    std::string error_with(const fs::path& helper) {
        ::setenv("REEL_ESPEAK", helper.c_str(), 1);
        return error_of([] {
            Scene s;
            s.voiceover("A line <bookmark mark='m'/> to speak.");
            s.finish();
        });
    }
    fs::path dir;
};

TEST_F(EspeakHelper, AMissingHelperIsNamedWithWhatToDo) {
    const std::string e = error_with(dir / "nowhere" / "reel-espeak");
    // The line it was speaking, then the variable that named the missing program, and its value.
    EXPECT_NE(e.find("Scene::voiceover(\"A line <bookmark mark='m'/> to speak.\"): REEL_ESPEAK is '" +
                     (dir / "nowhere" / "reel-espeak").string() + "'"),
              std::string::npos)
        << e;
    EXPECT_NE(e.find("reel-espeak built with reel"), std::string::npos) << e;
    // Not a program either: a folder, a file without the x bit.
    EXPECT_NE(error_with(dir).find("not a program that can be run"), std::string::npos);
    test::write_file(dir / "plain", "#!/bin/sh\n");
    EXPECT_NE(error_with(dir / "plain").find("not a program that can be run"), std::string::npos);
}

TEST_F(EspeakHelper, AHelperThatCrashesIsNamedWithItsSignal) {
    const fs::path crash = script(dir, "crash", "kill -SEGV $$\n");
    const std::string e = error_with(crash);
    EXPECT_NE(e.find("the speech program reel-espeak ('" + crash.string() + "') crashed (signal 11"), std::string::npos) << e;
    // Asked its version first; a helper that crashes only while speaking is named the same way.
    const fs::path late = script(dir, "late",
                                 "[ \"$1\" = --version ] && { echo 'reel-espeak 1'; echo 'espeak-ng 1.51'; exit 0; }\n"
                                 "echo 'about to fail' >&2; kill -ABRT $$\n");
    const std::string e2 = error_with(late);
    EXPECT_NE(e2.find("crashed (signal 6, Aborted) while speaking \"A line to speak.\"; it said: about to fail"),
              std::string::npos) << e2;
}

TEST_F(EspeakHelper, AHelperThatFailsOrWritesGarbageIsOneMessage) {
    const std::string version = "[ \"$1\" = --version ] && { echo 'reel-espeak 1'; echo 'espeak-ng 1.51'; exit 0; }\n";
    std::string e = error_with(script(dir, "babble", "echo 'Hello, I am a speech engine'\n"));
    EXPECT_NE(e.find("wrote what Reel cannot read (--version said \"Hello, I am a speech engine\")"), std::string::npos) << e;
    e = error_with(script(dir, "fails", version + "exit 4\n"));
    EXPECT_NE(e.find("failed (exit status 4) while speaking \"A line to speak.\""), std::string::npos) << e;
    e = error_with(script(dir, "lines", version + "echo 'reel-espeak 1'; echo 'espeak-ng 1.51'; echo 'rate 22050';"
                                                  " echo 'word three 0'; echo 'samples 0'\n"));
    EXPECT_NE(e.find("line 4: \"word three 0\""), std::string::npos) << e;
    e = error_with(script(dir, "cut", version + "echo 'reel-espeak 1'; echo 'espeak-ng 1.51'; echo 'rate 22050'\n"));
    EXPECT_NE(e.find("no last line \"samples N\" after \"rate 22050\""), std::string::npos) << e;
    // The lines are right but the sound file is not what they say: missing, then cut short.
    e = error_with(script(dir, "nowav", version + "echo 'reel-espeak 1'; echo 'espeak-ng 1.51'; echo 'rate 22050';"
                                                  " echo 'samples 100'\n"));
    EXPECT_NE(e.find("its sound file is not the 16-bit mono WAV of 100 samples at 22050 Hz it announced"),
              std::string::npos) << e;
    // The real helper, its WAV truncated afterwards ("$7" is the --wav file: reel-espeak --voice V
    // --rate R --ssml --wav FILE).
    e = error_with(script(dir, "truncates", std::string("\"") + REEL_ESPEAK_BINARY + "\" \"$@\" || exit $?\n" +
                                                "[ \"$1\" = --version ] || truncate -s 1000 \"$7\"\n"));
    EXPECT_NE(e.find("its sound file is not the 16-bit mono WAV of"), std::string::npos) << e;
    // Nothing was cached from any of them.
    std::error_code ec;
    EXPECT_TRUE(!fs::exists(dir / "cache" / "reel" / "voice") || fs::is_empty(dir / "cache" / "reel" / "voice", ec));
}

TEST_F(EspeakHelper, TheCommandSaysSoInOneLineAndWritesNothing) {
    // reel export of the narrated promo with the helper missing, then crashing.
    for (const fs::path& helper : {dir / "missing", script(dir, "crash", "kill -SEGV $$\n")}) {
        const fs::path out = test::fresh_folder(std::string("espeak_helper_cli_") + helper.filename().string());
        test::Spawn sp{.argv = {REEL_BINARY, "export", "transformer_narrated", "-o", (out / "n.mp4").string(), "-q", "l"},
                       .out = out.string() + ".stdout",
                       .err = out.string() + ".stderr",
                       .env = {{"REEL_ESPEAK", helper.string()}, {"XDG_CACHE_HOME", (dir / "cache").string()}}};
        const test::Outcome r = test::finish(test::start(sp));
        EXPECT_EQ(r.status, 1) << r.err;
        EXPECT_EQ(test::count_lines(r.err), 1) << r.err;
        EXPECT_NE(r.err.find("reel-espeak"), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(helper.string()), std::string::npos) << r.err;
        EXPECT_TRUE(test::list_folder(out).empty());
    }
}

// espeak-ng reports the word event of "6" here, and the mark before it, after those of "query heads
// share each KV head:": the words' times stayed in that order and the line could not be recorded
// (its timing was refused as going backwards), and the mark was 2.7 s late. A cached timing that
// does not read back is spoken again.
TEST_F(EspeakHelper, ANumberReportedLateKeepsTheWordsInOrder) {
    const char* text = "RoPE rotates Q and K by each token's position; V is left alone. <bookmark mark='share'/> 6 query "
                       "heads share each KV head: the KV cache holds 4 heads instead of 24, 83% less memory per token.";
    Scene s;
    s.voiceover(text, [&](Voiceover&) { s.wait_until_bookmark("share"); });
    const Timeline t = s.finish();
    const VoiceoverLine& line = t.voiceovers()[0];
    ASSERT_EQ(line.words[13].text, "6");
    for (std::size_t i = 1; i < line.words.size(); ++i) EXPECT_LE(line.words[i - 1].start, line.words[i].start) << i;
    EXPECT_LE(line.words[13].start, line.words[14].start);
    EXPECT_LE(line.bookmarks[0].time, line.words[14].start);

    // The cache's timing file of the line made one whose times go backwards (as the old word
    // mapping wrote it: a word's start made negative): recording again speaks the line again,
    // with the same result.
    const fs::path voice = dir / "cache" / "reel" / "voice";
    std::vector<fs::path> timings;
    for (const auto& e : fs::directory_iterator(voice))
        if (e.path().string().ends_with(".words.json")) timings.push_back(e.path());
    ASSERT_EQ(timings.size(), 1u);
    std::string json = test::read_file(timings[0]);
    const std::size_t at = json.find("\"start\": ", json.find("\"word\": \"query\""));
    ASSERT_NE(at, std::string::npos) << json;
    json = json.substr(0, at + 9) + "-" + json.substr(at + 9);
    test::write_file(timings[0], json);
    Scene again;
    again.voiceover(text, [&](Voiceover&) { again.wait_until_bookmark("share"); });
    EXPECT_EQ(again.finish().voiceovers(), t.voiceovers());
}

TEST_F(EspeakHelper, ReelAndLibreelDoNotLinkEspeakNgTheHelperDoes) {
    // ldd lists every library a program loads, also through the libraries it links.
    const std::string reel = test::shell_output(std::string("ldd '") + REEL_BINARY + "'");
    const std::string lib = test::shell_output(std::string("ldd '") + REEL_LIBRARY + "'");
    const std::string helper = test::shell_output(std::string("ldd '") + REEL_ESPEAK_BINARY + "'");
    ASSERT_NE(reel.find("libreel.so"), std::string::npos) << reel;
    ASSERT_NE(lib.find("libavcodec"), std::string::npos) << lib;
    EXPECT_EQ(reel.find("libespeak"), std::string::npos) << reel;
    EXPECT_EQ(lib.find("libespeak"), std::string::npos) << lib;
    EXPECT_NE(helper.find("libespeak-ng.so"), std::string::npos) << helper;
    // It sits beside reel, where reel looks first.
    EXPECT_EQ(fs::path(REEL_ESPEAK_BINARY).parent_path(), fs::path(REEL_BINARY).parent_path());
}

TEST_F(EspeakHelper, TheHelperWritesTheWavAndOneLinePerEvent) {
    const fs::path wav = dir / "line.wav";
    const std::string out = test::shell_output(
        "echo '<speak>Each query head <mark name=\"rope\"/> gets its rotation.</speak>' | '" +
        std::string(REEL_ESPEAK_BINARY) + "' --ssml --wav '" + wav.string() + "'");
    std::istringstream in(out);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    ASSERT_GE(lines.size(), 5u) << out;
    EXPECT_EQ(lines[0], "reel-espeak 1");
    EXPECT_EQ(lines[1].rfind("espeak-ng 1.", 0), 0u) << lines[1];
    EXPECT_EQ(lines[2], "rate 22050");
    int words = 0;
    long long mark = -1, word_after_mark = -1;
    for (std::size_t i = 3; i + 1 < lines.size(); ++i) {
        std::istringstream l(lines[i]);
        std::string key, a;
        long long sample = 0;
        l >> key >> a >> sample;
        if (key == "word") {
            ++words;
            if (mark >= 0 && word_after_mark < 0) word_after_mark = sample;
        } else if (key == "mark") {
            EXPECT_EQ(a, "rope");
            mark = sample;
        } else {
            ADD_FAILURE() << lines[i];
        }
    }
    EXPECT_EQ(words, 6) << out;
    EXPECT_GT(mark, 0) << out;
    // The mark is reached where "gets" starts.
    EXPECT_EQ(mark, word_after_mark) << out;
    const std::string last = lines.back();
    ASSERT_EQ(last.rfind("samples ", 0), 0u) << last;
    const long long samples = std::stoll(last.substr(8));
    EXPECT_GT(samples, 22050);
    EXPECT_EQ(fs::file_size(wav), static_cast<std::uintmax_t>(44 + 2 * samples));
    EXPECT_EQ(test::read_file(wav).substr(0, 4), "RIFF");
    // A wrong command line: exit status 2 and one line.
    const test::Outcome r = test::run({REEL_ESPEAK_BINARY, "--rate", "9000", "--wav", wav.string()}, dir / "bad");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "reel-espeak: --rate '9000': espeak-ng takes 80 to 450 words per minute\n");
}

} // namespace
} // namespace reel
