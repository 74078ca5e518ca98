// Scene::add_sound: sounds recorded into the timeline, cut at its end, in its digest, and mixed
// to the sample from the timeline alone.
#include <gtest/gtest.h>

#include <functional>

#include "reel/shapes.h"
#include "timeline/timeline.h"
#include "sound/mixer.h"
#include "sound/sound_files.h"
#include "support/error_of.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

// A 0.25 s WAV whose first sample is a click of 0.5, the rest silence.
std::string click_file(const fs::path& dir) {
    std::vector<float> s(12000 * 2, 0.0f);
    s[0] = s[1] = 0.5f;
    test::write_wav(dir / "click.wav", 48000, 2, s);
    return (dir / "click.wav").string();
}

using test::error_of;

TEST(SceneSound, AddSoundRecordsAtTheCurrentTimePlusTheOffset) {
    const auto dir = test::sound_dir("scene_add");
    const std::string click = click_file(dir);
    Scene s;
    s.add(Circle());
    s.wait(1);
    s.add_sound(click);
    s.add_sound(click, {.time_offset = -0.5, .gain_db = -6});
    s.add_sound(click, {.time_offset = 0.123456});
    s.wait(2);
    const Timeline t = s.finish();
    ASSERT_EQ(t.sounds().size(), 3u);
    EXPECT_EQ(t.sounds()[0].source, click);
    EXPECT_DOUBLE_EQ(t.sounds()[0].start, 1.0);
    EXPECT_EQ(t.sounds()[0].start_sample, 48000);
    EXPECT_EQ(t.sounds()[0].frames, 12000);
    EXPECT_EQ(t.sounds()[0].source_frames, 12000);
    EXPECT_EQ(t.sounds()[0].source_rate, 48000); // the file's own rate
    EXPECT_DOUBLE_EQ(t.sounds()[1].start, 0.5);
    EXPECT_EQ(t.sounds()[1].gain_db, -6);
    EXPECT_EQ(t.sounds()[2].start_sample, std::llround(1.123456 * 48000));
    EXPECT_TRUE(s.context().sounds().empty()); // handed to the timeline
}

TEST(SceneSound, TheMixOfATimelineHasEachClickOnItsSample) {
    const auto dir = test::sound_dir("scene_mix");
    const std::string click = click_file(dir);
    Scene s;
    s.add(Square());
    const std::vector<Seconds> times = {0.2, 0.7 + 1.0 / 60, 1.337};
    for (Seconds t : times) s.add_sound(click, {.time_offset = t});
    s.wait(2);
    const Timeline t = s.finish();
    sound::Mixer m(t.sounds());
    const auto out = m.mix(0, 96000);
    std::vector<std::int64_t> clicks;
    for (std::int64_t i = 0; i < 96000; ++i)
        if (out[static_cast<std::size_t>(i) * 2] != 0.0f) clicks.push_back(i);
    ASSERT_EQ(clicks.size(), times.size());
    for (std::size_t k = 0; k < times.size(); ++k) EXPECT_EQ(clicks[k], std::llround(times[k] * 48000));
}

TEST(SceneSound, ASoundRunningPastTheEndIsCutThere) {
    const auto dir = test::sound_dir("scene_cut");
    const std::string click = click_file(dir);
    Scene s;
    s.add(Circle());
    s.wait(1);
    s.add_sound(click, {.time_offset = -0.1}); // 0.9 s + 0.25 s runs 0.15 s past the end
    const Timeline t = s.finish();
    ASSERT_EQ(t.sounds().size(), 1u);
    EXPECT_EQ(t.sounds()[0].frames, 4800);
    EXPECT_EQ(t.sounds()[0].source_frames, 12000);
    EXPECT_DOUBLE_EQ(t.duration(), 1.0); // the scene does not grow for it
    EXPECT_EQ(sound::Mixer(t.sounds()).end(), 48000);
}

TEST(SceneSound, BadSoundsAreRefusedNamingTheFile) {
    const auto dir = test::sound_dir("scene_bad");
    const std::string click = click_file(dir);
    Scene s;
    s.add(Circle());
    s.wait(1);
    EXPECT_EQ(error_of([&] { s.add_sound(click, {.time_offset = -1.5}); }),
              "Scene::add_sound('" + click +
                  "'): the sound would start at -0.500 s (now 1.000 s, time_offset -1.500 s); a sound starts at 0 or later");
    const std::string missing = (dir / "nope.mp3").string();
    EXPECT_EQ(error_of([&] { s.add_sound(missing); }), "sound '" + missing + "': no such file");
    EXPECT_TRUE(s.context().sounds().empty());
    // Starting at the very end: never heard.
    s.add_sound(click);
    EXPECT_EQ(error_of([&] { s.finish(); }),
              "Scene::add_sound('" + click +
                  "'): the sound starts at 1.000 s, at or after the end of the scene (1.000 s), so it would never be "
                  "heard; play or wait after adding it");
}

TEST(SceneSound, TheDigestSeesSoundsAndASilentTimelineKeepsItsDigest) {
    const auto dir = test::sound_dir("scene_digest");
    const std::string click = click_file(dir);
    auto record = [&](int variant) {
        Scene s;
        s.add(Circle());
        if (variant == 1) s.add_sound(click);
        if (variant == 2) s.add_sound(click, {.gain_db = -3});
        if (variant == 3) s.add_sound(click, {.time_offset = 0.5});
        s.wait(1);
        return timeline_digest(s.finish());
    };
    const auto silent = record(0), loud = record(1), softer = record(2), later = record(3);
    EXPECT_EQ(silent, record(0));
    EXPECT_EQ(loud, record(1));
    EXPECT_NE(silent, loud);
    EXPECT_NE(loud, softer);
    EXPECT_NE(loud, later);
}

} // namespace
} // namespace reel
