// Scene::voiceover: lines spoken by espeak-ng (or a command, or read from a recording) recorded
// into the timeline with their bookmarks and words; the with-block rule; the disk cache; errors.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>

#include "reel/shapes.h"
#include "timeline/timeline.h"
#include "sound/mixer.h"
#include "sound/sound_files.h"
#include "sound/voice.h"
#include "support/error_of.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

using test::error_of;

std::string bytes_of(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Every test speaks into a cache folder of its own.
class Voiceover_ : public ::testing::Test {
protected:
    void SetUp() override {
        dir = test::sound_dir(::testing::UnitTest::GetInstance()->current_test_info()->name());
        ::setenv("XDG_CACHE_HOME", (dir / "cache").c_str(), 1);
    }
    fs::path dir;
};

// The largest |sample| of the mix in [from, to) seconds.
float peak(const Timeline& t, double from, double to) {
    sound::Mixer mixer(t.sounds());
    const auto a = std::llround(from * kSampleRate), b = std::llround(to * kSampleRate);
    float p = 0;
    for (float v : mixer.mix(a, b - a)) p = std::max(p, std::abs(v));
    return p;
}

TEST_F(Voiceover_, TheBlockSeesTheDurationAndWaitsForTheBookmarkAndTheVoice) {
    Scene s;
    auto sq = Square();
    s.play(Create(sq), {.run_time = 0.5});
    Seconds duration = 0, remaining_at_start = 0, after_mark = 0, remaining_after_play = 0;
    s.voiceover("Each query head <bookmark mark='rope'/> gets its rotation.", [&](Voiceover& v) {
        duration = v.duration();
        remaining_at_start = v.remaining();
        s.wait_until_bookmark("rope");
        after_mark = s.time();
        s.play(FadeOut(sq), {.run_time = 0.25});
        remaining_after_play = v.remaining();
    });
    const Seconds end_of_block = s.time();
    const Timeline t = s.finish();
    ASSERT_EQ(t.voiceovers().size(), 1u);
    const VoiceoverLine& line = t.voiceovers()[0];
    EXPECT_EQ(line.text, "Each query head gets its rotation.");
    EXPECT_DOUBLE_EQ(line.start, 0.5);
    EXPECT_GT(duration, 1.0);
    EXPECT_LT(duration, 5.0);
    EXPECT_DOUBLE_EQ(line.duration, duration);
    EXPECT_DOUBLE_EQ(remaining_at_start, duration);
    EXPECT_NEAR(remaining_after_play, line.start + duration - after_mark - 0.25, 1e-9);
    EXPECT_EQ(line.timing, VoiceTiming::Speech);
    EXPECT_EQ(line.voice, "espeak-ng en-us 175 wpm");
    // The bookmark is where "gets" starts, inside the line; the scene waited to its frame.
    ASSERT_EQ(line.bookmarks.size(), 1u);
    ASSERT_EQ(line.words.size(), 6u);
    EXPECT_EQ(line.words[3].text, "gets");
    EXPECT_DOUBLE_EQ(line.bookmarks[0].time, line.words[3].start);
    EXPECT_GT(line.bookmarks[0].time, line.words[2].start);
    EXPECT_LT(line.bookmarks[0].time, line.start + duration);
    EXPECT_NEAR(after_mark, line.bookmarks[0].time, 0.5 / kTimelineFps + 1e-9);
    for (std::size_t i = 1; i < line.words.size(); ++i) {
        EXPECT_GE(line.words[i].start, line.words[i - 1].end) << i;
        EXPECT_GT(line.words[i].end, line.words[i].start) << i;
    }
    // The with-block rule: the scene goes on once the voice has finished, to the next frame.
    EXPECT_GE(end_of_block, line.start + duration - 1e-9);
    EXPECT_LT(end_of_block, line.start + duration + 1.0 / kTimelineFps);
    EXPECT_DOUBLE_EQ(t.duration(), end_of_block);
    // The voice is a sound of the timeline, at the line's start, as long as the line.
    ASSERT_EQ(t.sounds().size(), 1u);
    EXPECT_EQ(t.sounds()[line.sound].start_sample, 24000);
    EXPECT_DOUBLE_EQ(static_cast<double>(t.sounds()[0].frames) / kSampleRate, duration);
    EXPECT_GT(peak(t, line.start, line.start + duration), 0.1f);
}

TEST_F(Voiceover_, ABookmarkIsOnTheSampleWhereTheNextWordStarts) {
    // A sentence's pause before the mark, speech right after it.
    Scene s;
    s.voiceover("Hello there. <bookmark mark='b'/> World.", [&](Voiceover&) { s.wait_until_bookmark("b"); });
    const Timeline t = s.finish();
    const VoiceoverLine& line = t.voiceovers()[0];
    const double b = line.bookmarks[0].time;
    // espeak-ng speaks at 22050 Hz: the mark is on one of its samples.
    EXPECT_NEAR(b * 22050, std::round(b * 22050), 1e-6);
    EXPECT_LT(peak(t, b - 0.05, b), 0.01f) << "the pause before the mark";
    EXPECT_GT(peak(t, b, b + 0.15), 0.1f) << "\"World\" right after it";
    EXPECT_GT(b, 0.5);
}

TEST_F(Voiceover_, ALineIsSpokenOnceThenTakenFromTheCacheWithTheSameSamples) {
    auto record = [] {
        Scene s;
        s.voiceover("The cache keeps <bookmark mark='k'/> this line.");
        s.voiceover("And this one, slower.", {.rate = 120});
        return s.finish();
    };
    const sound::VoiceStats before = sound::voice_stats();
    const Timeline a = record();
    const sound::VoiceStats mid = sound::voice_stats();
    EXPECT_EQ(mid.spoken - before.spoken, 2);
    EXPECT_EQ(mid.cached - before.cached, 0);
    ASSERT_EQ(a.sounds().size(), 2u);
    EXPECT_EQ(fs::path(a.sounds()[0].source).parent_path(), dir / "cache" / "reel" / "voice");
    EXPECT_NE(a.sounds()[0].source, a.sounds()[1].source);
    const std::string first = bytes_of(a.sounds()[0].source);

    const Timeline b = record();
    const sound::VoiceStats after = sound::voice_stats();
    EXPECT_EQ(after.spoken - mid.spoken, 0);
    EXPECT_EQ(after.cached - mid.cached, 2);
    EXPECT_EQ(timeline_digest(a), timeline_digest(b));
    EXPECT_EQ(a.voiceovers(), b.voiceovers());

    // Spoken again from nothing, espeak-ng gives the same samples and times.
    fs::remove_all(dir / "cache");
    const Timeline c = record();
    EXPECT_EQ(sound::voice_stats().spoken - after.spoken, 2);
    EXPECT_TRUE(bytes_of(c.sounds()[0].source) == first) << "the same samples";
    EXPECT_EQ(timeline_digest(a), timeline_digest(c));
    // A slower rate is a longer line.
    EXPECT_GT(a.voiceovers()[1].duration / 4, a.voiceovers()[0].duration / 5.5);
}

TEST_F(Voiceover_, ARecordingIsTimedByItsSidecarOrEstimated) {
    test::write_wav(dir / "03.wav", 44100, 1, test::sine(44100, 1, 440, 0.5, 2.0));
    const std::string rec = (dir / "03.wav").string();
    {
        Scene s;
        s.voiceover("Four <bookmark mark='m'/> words here now.", {.recording = rec}, [&](Voiceover& v) {
            EXPECT_NEAR(v.duration(), 2.0, 1e-3);
            s.wait_until_bookmark("m");
        });
        const Timeline t = s.finish();
        const VoiceoverLine& line = t.voiceovers()[0];
        EXPECT_EQ(line.timing, VoiceTiming::Estimated);
        EXPECT_EQ(line.voice, "recording " + rec);
        // "Four " is 5 of the 20 characters of "Four words here now.".
        EXPECT_NEAR(line.bookmarks[0].time, line.duration * 5 / 20, 1e-9);
        EXPECT_NEAR(t.duration(), 2.0, 1.0 / kTimelineFps + 1e-9);
    }
    std::ofstream(dir / "03.words.json") << R"({"words": [
        {"word": "Four", "start": 0.1, "end": 0.4}, {"word": "words", "start": 0.75, "end": 1.0},
        {"word": "here", "start": 1.2, "end": 1.4}, {"word": "now", "start": 1.5, "end": 1.9}]})";
    Scene s;
    s.wait(1);
    s.voiceover("Four <bookmark mark='m'/> words here now.", {.recording = rec});
    const Timeline t = s.finish();
    const VoiceoverLine& line = t.voiceovers()[0];
    EXPECT_EQ(line.timing, VoiceTiming::Sidecar);
    EXPECT_DOUBLE_EQ(line.bookmarks[0].time, 1.75);
    EXPECT_DOUBLE_EQ(line.words[3].end, 2.9);
    EXPECT_EQ(line.words[3].text, "now.");

    // A sidecar that does not match the text names itself and what is wrong.
    std::ofstream(dir / "03.words.json") << R"({"words": [{"word": "Four", "start": 0.1, "end": 0.4}]})";
    Scene bad;
    const std::string e = error_of([&] { bad.voiceover("Four words here now.", {.recording = rec}); });
    EXPECT_NE(e.find("03.words.json"), std::string::npos) << e;
    EXPECT_NE(e.find("it has 1 words, the voice-over text has 4"), std::string::npos) << e;
}

TEST_F(Voiceover_, AnotherEngineThroughACommand) {
    Scene s;
    s.set_speech({.command = "espeak-ng --stdin -w {out}"});
    s.voiceover("Spoken by a <bookmark mark='c'/> command.", [&](Voiceover&) { s.wait_until_bookmark("c"); });
    const Timeline t = s.finish();
    const VoiceoverLine& line = t.voiceovers()[0];
    EXPECT_EQ(line.timing, VoiceTiming::Estimated);
    EXPECT_EQ(line.voice, "command: espeak-ng --stdin -w {out}");
    EXPECT_GT(line.duration, 0.8);
    EXPECT_GT(peak(t, 0, line.duration), 0.1f);
    // Cached like espeak-ng's own lines.
    const sound::VoiceStats before = sound::voice_stats();
    Scene again;
    again.set_speech({.command = "espeak-ng --stdin -w {out}"});
    again.voiceover("Spoken by a <bookmark mark='c'/> command.");
    EXPECT_EQ(sound::voice_stats().cached - before.cached, 1);
    EXPECT_EQ(again.finish().voiceovers(), t.voiceovers());
}

TEST_F(Voiceover_, ClearErrors) {
    Scene s;
    std::string e = error_of([&] {
        s.voiceover("Each query head <bookmark mark='rope'/> gets its rotation.", [&](Voiceover&) { s.wait_until_bookmark("ropes"); });
    });
    EXPECT_NE(e.find("no bookmark 'ropes' in the voice-over \"Each query head gets its rotation.\"; its bookmarks: 'rope'"),
              std::string::npos) << e;
    // The block's end was left by the exception: no block is open any more.
    e = error_of([&] { s.wait_until_bookmark("rope"); });
    EXPECT_NE(e.find("not inside a voice-over block"), std::string::npos) << e;

    e = error_of([&] {
        s.voiceover("First <bookmark mark='a'/> then more words after it.", [&](Voiceover&) {
            s.wait(3);
            s.wait_until_bookmark("a");
        });
    });
    EXPECT_NE(e.find("wait_until_bookmark('a'): the bookmark is at"), std::string::npos) << e;
    EXPECT_NE(e.find("already at"), std::string::npos) << e;

    std::ofstream(dir / "notes.wav") << "these are not sound samples";
    e = error_of([&] { s.voiceover("A line.", {.recording = (dir / "notes.wav").string()}); });
    EXPECT_NE(e.find("Scene::voiceover(\"A line.\")"), std::string::npos) << e;
    EXPECT_NE(e.find("notes.wav"), std::string::npos) << e;
    e = error_of([&] { s.voiceover("A line.", {.recording = (dir / "missing.wav").string()}); });
    EXPECT_NE(e.find("missing.wav"), std::string::npos) << e;

    e = error_of([&] { s.voiceover("A line.", {.command = "echo the model is missing >&2; exit 3"}); });
    EXPECT_NE(e.find("failed (exit status 3): the model is missing"), std::string::npos) << e;
    e = error_of([&] { s.voiceover("A line.", {.command = "true"}); });
    EXPECT_NE(e.find("wrote no readable sound"), std::string::npos) << e;
    e = error_of([&] { s.voiceover("A line.", {.voice = "xx-nonesuch"}); });
    EXPECT_NE(e.find("espeak-ng has no voice 'xx-nonesuch'"), std::string::npos) << e;
    e = error_of([&] { s.voiceover("A <bookmark name='x'/> line."); });
    EXPECT_NE(e.find("is not a bookmark"), std::string::npos) << e;
    e = error_of([&] { s.voiceover("A <bookmark mark='x'/> line <bookmark mark='x'/>."); });
    EXPECT_NE(e.find("the bookmark 'x' appears twice"), std::string::npos) << e;
    e = error_of([&] { s.voiceover("<bookmark mark='x'/>"); });
    EXPECT_NE(e.find("needs words"), std::string::npos) << e;
}

TEST_F(Voiceover_, MusicDucksUnderEveryVoiceOverLineWithShortRamps) {
    // A 440 Hz bed at 0.2 and a 1 kHz "voice" at 0.3: the bed's level is measured alone.
    test::write_wav(dir / "bed.wav", 48000, 1, test::sine(48000, 1, 440, 0.2, 9.0));
    test::write_wav(dir / "voice.wav", 48000, 1, test::sine(48000, 1, 1000, 0.3, 2.0));
    auto record = [&](double duck_db) {
        Scene s;
        s.add_music((dir / "bed.wav").string(), {.duck_db = duck_db, .duck_ramp = 0.25});
        s.wait(2);
        s.voiceover("Two seconds of voice.", {.recording = (dir / "voice.wav").string()});
        s.wait(2);
        s.voiceover("And again.", {.recording = (dir / "voice.wav").string()}); // 6 to 8 s
        s.wait(0.5);
        return s.finish();
    };
    const Timeline t = record(-12);
    ASSERT_EQ(t.sounds().size(), 3u);
    using Span = std::pair<std::int64_t, std::int64_t>;
    EXPECT_EQ(t.sounds()[0].duck_spans, (std::vector<Span>{{96000, 192000}, {288000, 384000}}));
    EXPECT_EQ(t.sounds()[0].duck_ramp, 12000);
    EXPECT_TRUE(t.sounds()[1].duck_spans.empty()); // the voice itself does not duck
    sound::Mixer mixer(t.sounds());
    const std::vector<float> mix = mixer.mix(0, std::llround(t.duration() * kSampleRate));
    auto bed = [&](double from, double to) {
        const auto a = static_cast<std::size_t>(from * kSampleRate), b = static_cast<std::size_t>(to * kSampleRate);
        return test::tone_level(mix, 0, 440, a, b - a);
    };
    const double ducked = 0.2 * std::pow(10.0, -12.0 / 20);
    EXPECT_NEAR(bed(0.5, 1.5), 0.2, 0.002) << "before the voice";
    EXPECT_NEAR(bed(2.2, 3.8), ducked, 0.002) << "under the voice";
    EXPECT_NEAR(bed(4.5, 5.5), 0.2, 0.002) << "between the lines";
    EXPECT_NEAR(bed(6.2, 7.8), ducked, 0.002) << "under the second line";
    // The ramps: half-way down 0.125 s before the voice (-6 dB), back up 0.25 s after it.
    EXPECT_NEAR(bed(1.865, 1.885), 0.2 * std::pow(10.0, -6.0 / 20), 0.01);
    EXPECT_NEAR(bed(4.26, 4.5), 0.2, 0.002);
    EXPECT_NEAR(bed(1.0, 1.74), 0.2, 0.002) << "no earlier than the ramp";
    // Without ducking the bed keeps its level under the voice.
    const Timeline flat = record(0);
    sound::Mixer flat_mixer(flat.sounds());
    const std::vector<float> flat_mix = flat_mixer.mix(0, std::llround(3.8 * kSampleRate));
    EXPECT_NEAR(test::tone_level(flat_mix, 0, 440, 105600, 76800), 0.2, 0.002);
    EXPECT_NE(timeline_digest(t), timeline_digest(flat));
    // Bad settings are refused naming the file.
    Scene s;
    const std::string e = error_of([&] { s.add_music((dir / "bed.wav").string(), {.duck_db = 6}); });
    EXPECT_NE(e.find("add_music('"), std::string::npos) << e;
    EXPECT_NE(e.find("duck_db must be 0 or less"), std::string::npos) << e;
}

TEST(VoiceScript, BookmarksAndWords) {
    const sound::Script s = sound::parse_script("  Each query\thead <bookmark mark=\"rope\"/>gets<bookmark mark='end'/>");
    EXPECT_EQ(s.spoken(), "Each query head gets");
    ASSERT_EQ(s.marks.size(), 2u);
    EXPECT_EQ(s.marks[0].name, "rope");
    EXPECT_EQ(s.marks[0].before_word, 3u);
    EXPECT_EQ(s.marks[1].before_word, 4u);
}

} // namespace
} // namespace reel
