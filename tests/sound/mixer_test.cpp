// The mixer: exact sample offsets, gains, sums, and any interval the same however it is cut.
#include <gtest/gtest.h>

#include <random>

#include "sound/decoder.h"
#include "sound/mixer.h"
#include "sound_files.h"

namespace reel::sound {
namespace {

using test::sound_dir;
namespace fs = std::filesystem;

// A sound of `path` starting at `start` seconds, played whole.
Sound sound_at(const fs::path& path, Seconds start, double gain_db = 0) {
    Sound s;
    s.source = path.string();
    s.start = start;
    s.start_sample = std::llround(start * kSampleRate);
    s.gain_db = gain_db;
    s.source_frames = probe(s.source).frames;
    s.frames = s.source_frames;
    return s;
}

// One click: a single sample of 0.5 at the start of 10 ms of silence.
fs::path click(const fs::path& dir) {
    std::vector<float> s(480 * 2, 0.0f);
    s[0] = s[1] = 0.5f;
    test::write_wav(dir / "click.wav", 48000, 2, s);
    return dir / "click.wav";
}

TEST(Mixer, AClickAtTLandsOnSampleRoundTTimes48000) {
    const auto dir = sound_dir("click");
    const auto c = click(dir);
    for (Seconds t : {0.0, 0.37, 1.0 / 60, 2.123456, 5.00001}) {
        SCOPED_TRACE(t);
        Mixer m({sound_at(c, t)});
        const std::int64_t at = std::llround(t * 48000);
        const auto out = m.mix(std::max<std::int64_t>(at - 100, 0), 300);
        const std::int64_t from = std::max<std::int64_t>(at - 100, 0);
        for (std::int64_t i = 0; i < 300; ++i) {
            const float want = from + i == at ? 0.5f : 0.0f;
            ASSERT_EQ(out[static_cast<std::size_t>(i) * 2], want) << "frame " << from + i;
            ASSERT_EQ(out[static_cast<std::size_t>(i) * 2 + 1], want) << "frame " << from + i;
        }
    }
}

TEST(Mixer, AnIntervalIsTheSameInOneCallOrInPiecesInAnyOrder) {
    const auto dir = sound_dir("pieces");
    test::write_wav(dir / "a.wav", 44100, 1, test::sine(44100, 1, 440, 0.3, 1.2));
    test::write_wav(dir / "b.wav", 48000, 2, test::sine(48000, 2, 660, 0.2, 0.8));
    const auto b_mp3 = test::convert(dir / "b.wav", "b.mp3", "-c:a libmp3lame");
    const std::vector<Sound> sounds = {sound_at(dir / "a.wav", 0.25, -3), sound_at(b_mp3, 0.7),
                                       sound_at(dir / "a.wav", 1.1)};
    Mixer whole(sounds);
    const std::int64_t begin = 1000, count = 110000;
    const auto one = whole.mix(begin, count);
    // Pieces of random lengths, in order on one mixer, then in reverse order on a fresh one.
    std::mt19937 rng(19);
    std::vector<std::pair<std::int64_t, std::int64_t>> pieces;
    for (std::int64_t at = begin; at < begin + count;) {
        const std::int64_t n = std::min<std::int64_t>(std::uniform_int_distribution<std::int64_t>(1, 9000)(rng),
                                                      begin + count - at);
        pieces.emplace_back(at, n);
        at += n;
    }
    Mixer in_order(sounds), reversed(sounds);
    std::vector<float> a(one.size()), b(one.size());
    for (auto [at, n] : pieces) in_order.mix(at, n, a.data() + (at - begin) * 2);
    for (auto it = pieces.rbegin(); it != pieces.rend(); ++it)
        reversed.mix(it->first, it->second, b.data() + (it->first - begin) * 2);
    EXPECT_EQ(a, one);
    EXPECT_EQ(b, one);
    EXPECT_GT(test::tone_level(one, 0, 660, 40000, 24000), 0.1); // the mix is not silence
}

TEST(Mixer, GainsScaleAndOverlappingSoundsAdd) {
    const auto dir = sound_dir("gain");
    test::write_wav(dir / "s.wav", 48000, 2, test::sine(48000, 2, 440, 0.25, 0.5));
    Reader r((dir / "s.wav").string());
    std::vector<float> ref(24000 * 2);
    ASSERT_EQ(r.read(ref.data(), 24000), 24000u);
    Mixer m({sound_at(dir / "s.wav", 0.1, 20 * std::log10(0.5)), sound_at(dir / "s.wav", 0.1),
             sound_at(dir / "s.wav", 0.4)});
    const auto out = m.mix(0, 48000);
    const float half = gain_factor(20 * std::log10(0.5));
    for (std::int64_t i = 0; i < 48000; ++i) {
        // The first two start at 4800 (one at half level), the third at 19200.
        const std::int64_t k1 = i - 4800, k2 = i - 19200;
        float expected = 0;
        if (k1 >= 0 && k1 < 24000) expected += half * ref[static_cast<std::size_t>(k1) * 2] + ref[static_cast<std::size_t>(k1) * 2];
        if (k2 >= 0 && k2 < 24000) expected += ref[static_cast<std::size_t>(k2) * 2];
        ASSERT_NEAR(out[static_cast<std::size_t>(i) * 2], expected, 1e-6f) << "frame " << i;
    }
    EXPECT_NEAR(half, 0.5f, 1e-6f);
    EXPECT_EQ(m.end(), 19200 + 24000);
}

TEST(Mixer, ASoundCutShortPlaysOnlyItsFrames) {
    const auto dir = sound_dir("cut");
    test::write_wav(dir / "s.wav", 48000, 2, std::vector<float>(48000 * 2, 0.25f));
    Sound s = sound_at(dir / "s.wav", 0.5);
    s.frames = 1000;
    Mixer m({s});
    const auto out = m.mix(24000 - 10, 1020);
    for (std::size_t i = 0; i < 1020; ++i) {
        const bool playing = i >= 10 && i < 1010;
        ASSERT_NEAR(out[i * 2], playing ? 0.25f : 0.0f, 1e-4f) << "frame " << i;
    }
}

} // namespace
} // namespace reel::sound
