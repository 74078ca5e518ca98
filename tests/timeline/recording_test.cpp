// One recording, one context: what a scene sets (text defaults, trackers) belongs to its
// recording alone, so recording the same scene twice in one process, whatever was recorded in
// between, gives the same timeline (timeline_digest and the rendered frames agree).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "reel/text.h"
#include "timeline/timeline.h"
#include "render/render.h"
#include "text/fonts.h"

namespace reel {
namespace {

// Text in the default font, a tracker moving a dot through an updater, a section and a mark.
void text_and_tracker(Scene& s) {
    Mobject title = Text("Same every time", {.font_size = 40});
    title.to_edge(UP);
    ValueTracker x(-3.0);
    Mobject dot = always_redraw([x] { return Dot(Vec2{x.get_value(), 0}); });
    s.play(Write(title));
    s.add(dot);
    s.section("move");
    s.play(animate(x).set_value(3.0), {.run_time = 2.0});
    s.next_slide({.notes = "moved"});
    s.play(FadeOut(title));
    s.wait(0.5);
}

// A scene that changes every setting it can and leaves a tracker alive after its recording.
std::vector<Mobject>& leaked_trackers() {
    static std::vector<Mobject> kept;
    return kept;
}
void sets_everything(Scene& s) {
    set_default_text_font("DejaVu Sans");
    set_manim_glyph_rounding(true);
    ValueTracker y(1.0);
    leaked_trackers().push_back(y);
    Mobject label = Text("Other font", {.font_size = 30});
    Mobject bar = always_redraw([y] { return Rectangle({.width = 1, .height = y.get_value()}); });
    s.add(bar);
    s.play(FadeIn(label), animate(y).set_value(2.0));
}

const SceneInfo& scene_a() {
    static const SceneInfo info{"text_and_tracker", "", text_and_tracker};
    return info;
}
const SceneInfo& scene_b() {
    static const SceneInfo info{"sets_everything", "", sets_everything};
    return info;
}

std::vector<Image> pictures(const Timeline& tl) {
    std::vector<Image> out;
    for (Seconds t : {0.5, 1.2, 2.0, 3.1, tl.duration()}) out.push_back(render_frame(tl.state_at(t), 320, 180));
    return out;
}

bool same_pictures(const std::vector<Image>& a, const std::vector<Image>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].pixels != b[i].pixels) return false;
    return true;
}

class Recording : public ::testing::Test {
protected:
    void SetUp() override {
        std::string err;
        ASSERT_TRUE(init_fonts(&err)) << err;
    }
};

// ── the context ───────────────────────────────────────────────────────────────────────────

TEST_F(Recording, TrackersOfOneRecordingAreNotSeenByTheNext) {
    std::vector<Mobject> from_first;
    std::size_t seen_at_start = 99, seen_after = 99;
    record_scene({"first", "", [&](Scene& s) {
                      ValueTracker t(1.0);
                      from_first.push_back(t); // alive after the recording
                      ASSERT_EQ(s.context().trackers().size(), 1u);
                      EXPECT_TRUE(s.context().trackers()[0].same(t));
                      s.wait(1.0);
                  }});
    record_scene({"second", "", [&](Scene& s) {
                      seen_at_start = s.context().trackers().size();
                      ValueTracker u(2.0);
                      seen_after = s.context().trackers().size();
                      s.wait(1.0);
                  }});
    EXPECT_EQ(seen_at_start, 0u);
    EXPECT_EQ(seen_after, 1u);
    for (const Mobject& t : RecordingContext::current().trackers())
        EXPECT_FALSE(t.same(from_first[0])) << "nor by code outside any recording";
}

TEST_F(Recording, TextDefaultsStartFreshInEveryRecording) {
    set_default_text_font("DejaVu Sans"); // outside any recording: this thread's own context
    std::string font_inside;
    bool rounding_inside = true;
    record_scene({"sets", "", [](Scene& s) {
                      set_default_text_font("Liberation Serif");
                      set_manim_glyph_rounding(true);
                      EXPECT_EQ(s.context().text().font, "Liberation Serif");
                      s.wait(1.0);
                  }});
    record_scene({"reads", "", [&](Scene& s) {
                      font_inside = default_text_font();
                      rounding_inside = s.context().text().manim_glyph_rounding;
                      s.wait(1.0);
                  }});
    EXPECT_EQ(font_inside, "DejaVu Serif");
    EXPECT_FALSE(rounding_inside);
    EXPECT_EQ(default_text_font(), "DejaVu Sans") << "recordings leave the thread's own context alone";
    set_default_text_font("Times New Roman");

    record_scene({"rounded", "", [&](Scene& s) {
                      rounding_inside = s.context().text().manim_glyph_rounding;
                      s.wait(1.0);
                  }},
                 {.manim_glyph_rounding = true});
    EXPECT_TRUE(rounding_inside) << "RecordingOptions reach the recording";
}

// Manim's Text() without a font gets Pango's default family, DejaVu Serif on Debian 12 (the
// gallery's Manim frames show it): a recording's Text without a font has DejaVu Serif's glyphs
// and widths, not Liberation Serif's (the "Times New Roman" the promo sets).
TEST_F(Recording, TextWithoutAFontIsDejaVuSerifAsInManim) {
    double plain = 0, dejavu = 0, liberation = 0;
    bool same_glyphs = false;
    record_scene({"default_font", "", [&](Scene& s) {
                      const Mobject a = Text("Boolean Operation");
                      const Mobject b = Text("Boolean Operation", {.font = "DejaVu Serif"});
                      plain = a.width();
                      dejavu = b.width();
                      liberation = Text("Boolean Operation", {.font = "Times New Roman"}).width();
                      same_glyphs = a.children().size() == b.children().size();
                      for (std::size_t i = 0; same_glyphs && i < a.children().size(); ++i)
                          same_glyphs = a.children()[i].points() == b.children()[i].points();
                      s.wait(0.5);
                  }});
    EXPECT_TRUE(same_glyphs);
    EXPECT_DOUBLE_EQ(plain, dejavu);
    EXPECT_GT(std::abs(plain - liberation), 0.1) << "DejaVu Serif is wider than Liberation Serif";
}

TEST_F(Recording, ScopesNestAndRestore) {
    RecordingContext& own = RecordingContext::current();
    RecordingContext a;
    {
        RecordingScope in_a(a);
        EXPECT_EQ(&RecordingContext::current(), &a);
        {
            Scene s; // a Scene's context is current while it lives
            EXPECT_EQ(&RecordingContext::current(), &s.context());
        }
        EXPECT_EQ(&RecordingContext::current(), &a);
        ValueTracker t(0.0);
        EXPECT_EQ(a.trackers().size(), 1u);
    }
    EXPECT_EQ(&RecordingContext::current(), &own);
}

// ── the same scene twice ──────────────────────────────────────────────────────────────────

TEST_F(Recording, SameSceneTwiceGivesTheSameTimelineWhateverRanBetween) {
    const Timeline a1 = record_scene(scene_a());
    const Timeline b1 = record_scene(scene_b());
    const Timeline a2 = record_scene(scene_a());
    const Timeline b2 = record_scene(scene_b());
    const Timeline a3 = record_scene(scene_a());
    EXPECT_EQ(timeline_digest(a1), timeline_digest(a2));
    EXPECT_EQ(timeline_digest(a1), timeline_digest(a3));
    EXPECT_EQ(timeline_digest(b1), timeline_digest(b2));
    EXPECT_NE(timeline_digest(a1), timeline_digest(b1));
    const auto pics = pictures(a1);
    EXPECT_TRUE(same_pictures(pictures(a2), pics)) << "A after B draws as A before it";
    EXPECT_TRUE(same_pictures(pictures(a3), pics));
    // The option changes the glyphs, and lasts one recording.
    const Timeline rounded = record_scene(scene_a(), {.manim_glyph_rounding = true});
    EXPECT_NE(timeline_digest(rounded), timeline_digest(a1));
    EXPECT_EQ(timeline_digest(record_scene(scene_a())), timeline_digest(a1));
}

// A recording on another thread, made while this one has set a default font and a tracker,
// sees neither.
TEST_F(Recording, ARecordingOnAnotherThreadDoesNotSeeThisOnesSettings) {
    const std::uint64_t alone = timeline_digest(record_scene(scene_a()));
    std::uint64_t meanwhile = 0;
    record_scene({"holds_a_setting", "", [&](Scene& s) {
                      set_default_text_font("DejaVu Sans");
                      set_manim_glyph_rounding(true);
                      ValueTracker t(1.0);
                      std::thread other([&] { meanwhile = timeline_digest(record_scene(scene_a())); });
                      other.join();
                      s.add(Text("mine"));
                      s.wait(0.5);
                  }});
    EXPECT_EQ(meanwhile, alone);
}

} // namespace
} // namespace reel
