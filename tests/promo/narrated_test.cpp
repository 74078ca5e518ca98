// The narrated promo (scenes/transformer_narrated): each section under its voice-over line, the
// silent promo's pictures inside it, subtitles by the broadcast rule.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "export/subtitles.h"
#include "reel/text.h"
#include "reel/timeline.h"
#include "scenes/transformer/transformer.h"

namespace reel {
namespace {

TEST(NarratedPromo, EverySectionPlaysUnderItsLineAndTheSilentPromoIsInside) {
    const std::filesystem::path cache = std::filesystem::path(REEL_TEST_OUTPUT_DIR) / "narrated_promo_cache";
    ::setenv("XDG_CACHE_HOME", cache.c_str(), 1);
    const Timeline narrated = record_scene(*find_scene("transformer_narrated"));
    Scene s;
    set_default_text_font("Times New Roman");
    scenes::transformer::gqa(s);
    const Mobject title = scenes::transformer::sdpa(s);
    scenes::transformer::heatmap(s, title);
    scenes::transformer::generation(s);
    const Timeline silent = s.finish();

    ASSERT_EQ(narrated.voiceovers().size(), 4u);
    ASSERT_EQ(narrated.sections().size(), silent.sections().size());
    ASSERT_EQ(narrated.sections().size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) {
        const VoiceoverLine& line = narrated.voiceovers()[i];
        const Section& sec = narrated.sections()[i];
        EXPECT_EQ(sec.name, silent.sections()[i].name);
        EXPECT_DOUBLE_EQ(line.start, sec.start) << sec.name;           // the line starts with its section
        EXPECT_GE(sec.duration + 1e-9, line.duration) << sec.name;     // and ends within it
        EXPECT_GE(sec.duration + 1e-9, silent.sections()[i].duration) << sec.name;
        EXPECT_LT(sec.duration, std::max(line.duration, silent.sections()[i].duration) + 1.0 / kTimelineFps + 1e-9)
            << sec.name << ": held no longer than the voice needs";
        EXPECT_EQ(line.timing, VoiceTiming::Speech);
    }
    // The silent promo's plays, in the same order, with the same lengths.
    std::vector<SegmentInfo> plays;
    for (const SegmentInfo& seg : narrated.segments())
        if (seg.description.rfind("voice-over: ", 0) != 0) plays.push_back(seg);
    const std::vector<SegmentInfo> original = silent.segments();
    ASSERT_EQ(plays.size(), original.size());
    for (std::size_t i = 0; i < plays.size(); ++i) {
        EXPECT_EQ(plays[i].description, original[i].description) << i;
        EXPECT_DOUBLE_EQ(plays[i].duration, original[i].duration) << i;
    }
    // Subtitles: every cue by the broadcast rule, and every word of the lines in them.
    const std::vector<SubtitleCue> cues = subtitle_cues(narrated, 0, narrated.duration());
    std::size_t words = 0, cue_words = 0;
    for (const VoiceoverLine& line : narrated.voiceovers()) words += line.words.size();
    for (const SubtitleCue& c : cues) {
        std::istringstream in(c.text);
        int lines = 0;
        for (std::string l; std::getline(in, l); ++lines) EXPECT_LE(l.size(), 42u) << l;
        EXPECT_LE(lines, 2) << c.text;
        std::istringstream w(c.text);
        for (std::string x; w >> x;) ++cue_words;
    }
    EXPECT_EQ(cue_words, words);
    EXPECT_GE(cues.size(), 8u);
}

} // namespace
} // namespace reel
