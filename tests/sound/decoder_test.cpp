// Decoding sound files to 48 kHz stereo float: values, lengths, resampling, formats, errors.
#include <gtest/gtest.h>

#include "sound/decoder.h"
#include "sound_files.h"

namespace reel::sound {
namespace {

using test::sound_dir;
namespace fs = std::filesystem;
using test::write_wav;

std::vector<float> read_all(Reader& r, std::size_t chunk = 1000) {
    std::vector<float> out, buf(chunk * 2);
    while (std::size_t n = r.read(buf.data(), chunk)) out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(n * 2));
    return out;
}

std::string error_of(const std::string& path) {
    try {
        probe(path);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(Decoder, WavAt48kHzStereoGivesItsSamples) {
    const auto dir = sound_dir("wav48");
    std::vector<float> samples = test::sine(48000, 2, 440, 0.5, 1.0);
    for (std::size_t i = 0; i < samples.size(); i += 2) samples[i + 1] = -samples[i]; // right = -left
    write_wav(dir / "a.wav", 48000, 2, samples);
    const SourceInfo info = probe((dir / "a.wav").string());
    EXPECT_EQ(info.frames, 48000);
    EXPECT_EQ(info.rate, 48000);
    EXPECT_EQ(info.channels, 2);
    EXPECT_EQ(info.codec, "pcm_s16le");
    Reader r((dir / "a.wav").string());
    const auto got = read_all(r);
    ASSERT_EQ(got.size(), samples.size());
    for (std::size_t i = 0; i < got.size(); ++i) // 16 bits: within one step
        ASSERT_NEAR(got[i], samples[i], 1.0 / 32767) << "sample " << i;
    EXPECT_EQ(r.position(), 48000);
}

TEST(Decoder, MonoAt44kHzBecomes48kHzStereoKeepingFrequencyLengthAndLevel) {
    const auto dir = sound_dir("mono44");
    write_wav(dir / "m.wav", 44100, 1, test::sine(44100, 1, 1000, 0.5, 2.0));
    const SourceInfo info = probe((dir / "m.wav").string());
    EXPECT_EQ(info.rate, 44100);
    EXPECT_EQ(info.channels, 1);
    EXPECT_NEAR(static_cast<double>(info.frames), 96000, 2); // 2 s at 48 kHz
    Reader r((dir / "m.wav").string());
    const auto got = read_all(r);
    ASSERT_EQ(got.size() / 2, static_cast<std::size_t>(info.frames));
    for (std::size_t i = 0; i < got.size(); i += 2) ASSERT_EQ(got[i], got[i + 1]) << "frame " << i / 2;
    // 1 kHz at full level on both sides, nothing at the neighbouring frequencies.
    EXPECT_NEAR(test::tone_level(got, 0, 1000, 24000, 48000), 0.5, 0.005);
    EXPECT_NEAR(test::tone_level(got, 1, 1000, 24000, 48000), 0.5, 0.005);
    EXPECT_LT(test::tone_level(got, 0, 1100, 24000, 48000), 0.005);
    EXPECT_LT(test::tone_level(got, 0, 918.75, 24000, 48000), 0.005); // 1000 * 44100/48000
    // Zero crossings: 2000 per second of a 1 kHz sine.
    int crossings = 0;
    for (std::size_t i = 24000; i < 72000; ++i) crossings += (got[i * 2] < 0) != (got[(i + 1) * 2] < 0);
    EXPECT_NEAR(crossings, 2000, 2);
}

TEST(Decoder, ResamplingKeepsAClickOnItsTime) {
    const auto dir = sound_dir("click44");
    std::vector<float> s(44100, 0.0f);
    s[22050] = 0.8f; // at 0.5 s
    write_wav(dir / "c.wav", 44100, 1, s);
    Reader r((dir / "c.wav").string());
    const auto got = read_all(r);
    std::size_t peak = 0;
    for (std::size_t i = 0; i < got.size() / 2; ++i)
        if (std::abs(got[i * 2]) > std::abs(got[peak * 2])) peak = i;
    EXPECT_EQ(peak, 24000u); // 0.5 s at 48 kHz
}

TEST(Decoder, EveryFormatDecodesToTheSameToneAndLength) {
    const auto dir = sound_dir("formats");
    write_wav(dir / "s.wav", 44100, 2, test::sine(44100, 2, 440, 0.4, 1.5));
    struct Case {
        const char* name;
        const char* args;
        const char* codec;
    };
    for (const Case& c : {Case{"s.flac", "-c:a flac", "flac"}, Case{"s.mp3", "-c:a libmp3lame -b:a 192k", "mp3float"},
                          Case{"s.ogg", "-c:a libvorbis -q:a 6", "vorbis"},
                          Case{"s.opus", "-c:a libopus -b:a 128k", "opus"},
                          Case{"s.m4a", "-c:a aac -b:a 192k", "aac"}}) {
        SCOPED_TRACE(c.name);
        const auto path = test::convert(dir / "s.wav", c.name, c.args);
        const SourceInfo info = probe(path.string());
        EXPECT_EQ(info.codec, c.codec);
        EXPECT_NEAR(static_cast<double>(info.frames) / 48000, 1.5, 0.03); // priming removed by libav
        Reader r(path.string());
        const auto got = read_all(r, 777);
        EXPECT_NEAR(test::tone_level(got, 0, 440, 12000, 48000), 0.4, 0.02);
        EXPECT_NEAR(test::tone_level(got, 1, 440, 12000, 48000), 0.4, 0.02);
    }
}

TEST(Decoder, FlacDecodesExactly) {
    const auto dir = sound_dir("flac");
    write_wav(dir / "s.wav", 48000, 2, test::sine(48000, 2, 300, 0.7, 0.5));
    const auto flac = test::convert(dir / "s.wav", "s.flac", "-c:a flac");
    Reader a((dir / "s.wav").string()), b(flac.string());
    EXPECT_EQ(read_all(a), read_all(b));
}

TEST(Decoder, SeekingGivesTheSamplesOfReadingThrough) {
    const auto dir = sound_dir("seek");
    write_wav(dir / "m.wav", 22050, 1, test::sine(22050, 1, 523, 0.5, 1.0));
    const auto mp3 = test::convert(dir / "m.wav", "m.mp3", "-c:a libmp3lame");
    for (const auto& path : {dir / "m.wav", mp3}) {
        SCOPED_TRACE(path.string());
        Reader through(path.string());
        const auto all = read_all(through, 4096);
        Reader r(path.string());
        std::vector<float> buf(2 * 1000);
        for (std::int64_t at : {30000, 100, 47000, 12345, 0}) { // forward, back, forward, back
            r.seek(at);
            EXPECT_EQ(r.position(), at);
            ASSERT_EQ(r.read(buf.data(), 1000), 1000u);
            for (std::size_t k = 0; k < buf.size(); ++k)
                ASSERT_EQ(buf[k], all[static_cast<std::size_t>(at) * 2 + k]) << "at " << at << " + " << k / 2;
        }
    }
}

TEST(Decoder, ErrorsNameTheFileAndWhatIsWrong) {
    const auto dir = sound_dir("errors");
    const std::string missing = (dir / "missing.wav").string();
    EXPECT_EQ(error_of(missing), "sound '" + missing + "': no such file");
    EXPECT_EQ(error_of(dir.string()), "sound '" + dir.string() + "': is a directory, not a sound file");
    std::ofstream(dir / "empty.wav").close();
    EXPECT_EQ(error_of((dir / "empty.wav").string()), "sound '" + (dir / "empty.wav").string() + "': is empty (0 bytes)");
    std::ofstream(dir / "text.wav") << "these are not the samples you are looking for\n";
    EXPECT_EQ(error_of((dir / "text.wav").string()).rfind("sound '" + (dir / "text.wav").string() +
                                                          "': not a sound file libav can read (", 0), 0u)
        << error_of((dir / "text.wav").string());
    // Half the data a header promises: cut short.
    write_wav(dir / "cut.wav", 48000, 2, test::sine(48000, 2, 440, 0.5, 1.0), 96000);
    const std::string cut_wav = error_of((dir / "cut.wav").string());
    EXPECT_EQ(cut_wav.rfind("sound '" + (dir / "cut.wav").string() + "': corrupt or truncated: its data breaks off after 0.", 0), 0u)
        << cut_wav;
    // A FLAC cut in the middle of a frame.
    write_wav(dir / "f.wav", 48000, 2, test::sine(48000, 2, 440, 0.5, 1.0));
    const auto flac = test::convert(dir / "f.wav", "f.flac", "-c:a flac");
    fs::resize_file(flac, fs::file_size(flac) / 2);
    const std::string cut_flac = error_of(flac.string());
    EXPECT_EQ(cut_flac.rfind("sound '" + flac.string() + "': corrupt or truncated: its audio does not decode after 0.", 0), 0u)
        << cut_flac;
    // An MP3 whose length header (LAME's) says 1 s, cut at half: it decodes, but not for 1 s.
    const auto mp3 = test::convert(dir / "f.wav", "f.mp3", "-c:a libmp3lame");
    fs::resize_file(mp3, fs::file_size(mp3) / 2);
    const std::string cut_mp3 = error_of(mp3.string());
    EXPECT_EQ(cut_mp3.rfind("sound '" + mp3.string() + "': truncated: its header says 1.0", 0), 0u) << cut_mp3;
    // A header with no samples after it.
    write_wav(dir / "none.wav", 48000, 2, {});
    EXPECT_EQ(error_of((dir / "none.wav").string()), "sound '" + (dir / "none.wav").string() + "': has no sound in it (0 samples)");
    // A picture is not a sound.
    std::ofstream(dir / "img.png", std::ios::binary).write("\x89PNG\r\n\x1a\n", 8);
    const std::string png = error_of((dir / "img.png").string());
    EXPECT_NE(png.find("sound '" + (dir / "img.png").string() + "': "), std::string::npos) << png;
}

// libav warns about an MP3 without a length header ("Estimating duration from bitrate"); the
// warning goes to the captured log, not to stderr, while a scene records or an export runs.
TEST(Decoder, LibavWarningsDoNotReachStderr) {
    const fs::path dir = sound_dir("quiet_log");
    write_wav(dir / "tone.wav", 48000, 2, test::sine(48000, 2, 440, 0.5, 1.0));
    const fs::path mp3 = test::convert(dir / "tone.wav", "no_header.mp3", "-write_xing 0 -c:a libmp3lame");
    testing::internal::CaptureStderr();
    const SourceInfo info = probe(mp3.string());
    const std::string printed = testing::internal::GetCapturedStderr();
    EXPECT_GT(info.frames, 0);
    EXPECT_EQ(printed, "");
}

} // namespace
} // namespace reel::sound
