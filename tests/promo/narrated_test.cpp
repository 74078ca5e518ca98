// The narrated promo (scenes/transformer_narrated): each section under a voice-over line that
// speaks its slides' notes, the silent promo's pictures inside it, each slide's animation on the
// bookmark before its notes, subtitles by the broadcast rule with the notes' words.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "export/subtitles.h"
#include "reel/text.h"
#include "timeline/timeline.h"
#include "scenes/transformer/transformer.h"

namespace reel {
namespace {

// The words of a text, split at white space.
std::vector<std::string> words_of(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

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
    ASSERT_EQ(narrated.marks().size(), silent.marks().size());
    std::size_t bookmarks = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const VoiceoverLine& line = narrated.voiceovers()[i];
        const Section& sec = narrated.sections()[i];
        EXPECT_EQ(sec.name, silent.sections()[i].name);
        EXPECT_DOUBLE_EQ(line.start, sec.start) << sec.name;           // the line starts with its section
        EXPECT_GE(sec.start + sec.duration + 1e-9, line.start + line.duration) << sec.name; // and ends within it
        EXPECT_GE(sec.duration + 1e-9, silent.sections()[i].duration) << sec.name;
        EXPECT_EQ(line.timing, VoiceTiming::Speech);
        EXPECT_EQ(narrated.sounds().at(line.sound).source_rate, 22050); // espeak-ng's rate, recorded
        // The voice speaks the notes of the section's slides (those that hold in it), in order; each
        // bookmark is on the first word of a slide's notes (not the first slide's).
        std::string notes;
        std::vector<std::size_t> first_words; // of each slide's notes, in the line's words
        for (const SlideMark& m : narrated.marks())
            if (m.time >= sec.start && m.time < sec.start + sec.duration) {
                notes += (notes.empty() ? "" : " ") + m.notes;
                first_words.push_back(words_of(notes).size() - words_of(m.notes).size());
            }
        EXPECT_EQ(line.text, notes) << sec.name;
        ASSERT_EQ(line.words.size(), words_of(notes).size()) << sec.name;
        EXPECT_LT(line.bookmarks.size(), first_words.size()) << sec.name;
        bookmarks += line.bookmarks.size();
        for (const VoiceoverBookmark& b : line.bookmarks) {
            // The word after it: the first that starts at or after it (espeak-ng reports 'repeat'
            // 0.35 s before the word event of "repeat_kv()", which it reads as several words).
            std::size_t w = 0;
            while (w < line.words.size() && line.words[w].start < b.time) ++w;
            ASSERT_LT(w, line.words.size()) << b.mark;
            ASSERT_GT(w, 0u) << b.mark;
            EXPECT_GT(b.time, line.words[w - 1].start) << b.mark;
            EXPECT_NE(std::find(first_words.begin() + 1, first_words.end(), w), first_words.end())
                << sec.name << ": bookmark " << b.mark << " is on \"" << line.words[w].text << "\"";
        }
    }
    // 14 of the 16 slides after a section's first wait for their notes (sdpa's second and third
    // slides run on: the voice is already past their notes' first words).
    EXPECT_EQ(bookmarks, 14u);
    // The silent promo's plays, in the same order, with the same lengths; between them only the
    // waits for a bookmark or for the voice to finish.
    std::vector<SegmentInfo> plays;
    for (const SegmentInfo& seg : narrated.segments())
        if (seg.description.rfind("voice-over: ", 0) != 0 && seg.description.rfind("wait_until_bookmark(", 0) != 0)
            plays.push_back(seg);
    const std::vector<SegmentInfo> original = silent.segments();
    ASSERT_EQ(plays.size(), original.size());
    for (std::size_t i = 0; i < plays.size(); ++i) {
        EXPECT_EQ(plays[i].description, original[i].description) << i;
        EXPECT_DOUBLE_EQ(plays[i].duration, original[i].duration) << i;
    }
    // Each bookmark starts an animation on its frame: the first play at or after it begins within
    // half a frame of it, right after the wait for it.
    for (const VoiceoverLine& line : narrated.voiceovers())
        for (const VoiceoverBookmark& b : line.bookmarks) {
            const SegmentInfo* next = nullptr;
            for (const SegmentInfo& seg : narrated.segments())
                if (seg.kind == SegmentInfo::Kind::Play && seg.start >= b.time - 0.5 / kTimelineFps - 1e-9) {
                    next = &seg;
                    break;
                }
            ASSERT_NE(next, nullptr) << b.mark;
            EXPECT_NEAR(next->start, b.time, 0.5 / kTimelineFps + 1e-9) << b.mark << " at " << b.time;
        }
    // Subtitles: every cue by the broadcast rule, and their words are the notes' words, in order.
    const std::vector<SubtitleCue> cues = subtitle_cues(narrated, 0, narrated.duration());
    std::vector<std::string> cue_words, note_words;
    for (const SlideMark& m : narrated.marks())
        for (const std::string& w : words_of(m.notes)) note_words.push_back(w);
    for (const SubtitleCue& c : cues) {
        std::istringstream in(c.text);
        int lines = 0;
        for (std::string l; std::getline(in, l); ++lines) EXPECT_LE(l.size(), 42u) << l;
        EXPECT_LE(lines, 2) << c.text;
        for (const std::string& w : words_of(c.text)) cue_words.push_back(w);
    }
    EXPECT_EQ(cue_words, note_words);
    EXPECT_GE(cues.size(), 20u);
}

} // namespace
} // namespace reel
