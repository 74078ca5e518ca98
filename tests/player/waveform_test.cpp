// The seek bar's waveform: levels of the mixed sound per 10 ms, computed on its own thread and
// reduced to pixel columns.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

#include "player/waveform.h"
#include "reel/shapes.h"
#include "timeline/timeline.h"
#include "sound/sound_files.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

// `seconds` of a 1 kHz tone at `peak` (0..1), 16-bit mono WAV at 44.1 kHz (resampled on mixing).
fs::path tone_file(const std::string& name, double seconds, double peak) {
    const fs::path dir = fs::path(REEL_TEST_OUTPUT_DIR) / "waveform";
    fs::create_directories(dir);
    const fs::path path = dir / name;
    test::write_wav(path, 44100, 1, test::sine(44100, 1, 1000.0, peak, seconds));
    return path;
}

bool wait_done(const Waveform& w) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!w.done() && w.error().empty() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return w.done();
}

TEST(WaveformTest, ATimelineWithoutSoundsHasNoWaveform) {
    Scene s;
    s.add(Dot());
    s.wait(2);
    const Timeline tl = s.finish();
    Waveform w(tl);
    EXPECT_EQ(w.size(), 0u);
    EXPECT_TRUE(w.done());
    EXPECT_EQ(w.levels(100), std::vector<float>(100, 0.0f));
}

TEST(WaveformTest, LevelsInDecibelsFromTheFloorToFullScale) {
    EXPECT_EQ(waveform_level(0), 0);
    EXPECT_EQ(waveform_level(-1), 0);
    EXPECT_EQ(waveform_level(std::pow(10.0f, -60 / 20.0f)), 0);
    EXPECT_NEAR(waveform_level(std::pow(10.0f, -24 / 20.0f)), 0.5, 1e-6);
    EXPECT_NEAR(waveform_level(0.5), (48 - 6.0206) / 48, 1e-4);
    EXPECT_EQ(waveform_level(1), 1);
    EXPECT_EQ(waveform_level(3), 1);
}

// A tone at half scale (−6 dBFS) from 1 s to 2 s of a 4 s scene, and one at −24 dBFS (gain)
// from 3 s: each column shows its loudest bucket, silence is 0.
TEST(WaveformTest, EachColumnShowsTheLoudestSoundUnderIt) {
    const fs::path loud = tone_file("loud.wav", 1.0, 0.5);
    Scene s;
    s.add(Dot());
    s.wait(1);
    s.add_sound(loud.string());
    s.wait(2);
    s.add_sound(loud.string(), {.gain_db = -18});
    s.wait(1);
    const Timeline tl = s.finish();
    Waveform w(tl);
    EXPECT_EQ(w.size(), 400u); // 4 s in 10 ms buckets
    ASSERT_TRUE(wait_done(w)) << w.error();
    const std::vector<float> columns = w.levels(40); // 0.1 s each
    ASSERT_EQ(columns.size(), 40u);
    for (int c = 0; c < 40; ++c) {
        const double expected = c >= 10 && c < 20 ? (48 - 6.0206) / 48 : c >= 30 ? (48 - 24.0206) / 48 : 0;
        EXPECT_NEAR(columns[static_cast<std::size_t>(c)], expected, 0.01) << "column " << c;
    }
    // More columns than buckets: each still shows the bucket under it.
    const std::vector<float> fine = w.levels(1000);
    EXPECT_NEAR(fine[375], (48 - 6.0206) / 48, 0.01); // 1.5 s
    EXPECT_EQ(fine[125], 0);                          // 0.5 s
}

// A waveform destroyed while it is still being computed (a long sound) stops its worker, which
// must not outlive it (the sanitizer build sees a use after free otherwise).
TEST(WaveformTest, DestroyedWhileComputingStopsItsWorker) {
    const fs::path long_tone = tone_file("long.wav", 120.0, 0.5);
    Scene s;
    s.add(Dot());
    s.add_sound(long_tone.string());
    s.wait(120);
    const Timeline tl = s.finish();
    for (int i = 0; i < 3; ++i) {
        Waveform w(tl);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        EXPECT_FALSE(w.done());
        EXPECT_GT(w.size(), w.ready());
    }
}

} // namespace
} // namespace reel
