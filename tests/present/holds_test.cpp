// Slide marks and the holds of a presentation: next_slide, and the fallback rule for scenes
// and sections without marks (the last moment the content is fully shown: before a closing
// fade-out, never on an empty frame). Includes the promo, with and without its marks.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include <pango/pangocairo.h>

#include "present/holds.h"
#include "timeline/timeline.h"

namespace reel {
namespace {

bool visible(const Frame& f) {
    return std::any_of(f.items.begin(), f.items.end(), [](const LeafState& l) {
        return l.points && !l.points->empty() &&
               (l.style.fill_opacity > 0.01 || (l.style.stroke_width > 0 && l.style.stroke_opacity > 0.01));
    });
}

Mobject box(Color c = RED) { return Square(1.0, {.color = c, .fill_opacity = 1.0}); }

// Issue 22: a section name holding a right-to-left override (U+202E) reordered the rest of the
// handout's heading: the clock after it came out reversed. The name is isolated now: laid out by
// Pango as the PDF and the console lay it out, the clock still reads left to right.
TEST(SlideHeading, ARightToLeftOverrideInASectionNameStaysInsideIt) {
    Scene s;
    s.section("evil\u202Eeman");
    s.play(FadeIn(box()));
    const Timeline tl = s.finish();
    const std::vector<Hold> holds = place_holds(tl);
    const std::string heading = slide_heading(holds, tl, 0) + "  \u00b7  0:01.5"; // as the handout's page
    PangoContext* context = pango_font_map_create_context(pango_cairo_font_map_get_default());
    PangoLayout* layout = pango_layout_new(context);
    pango_layout_set_text(layout, heading.c_str(), -1);
    auto x_of = [&](std::size_t index) {
        PangoRectangle r;
        pango_layout_index_to_pos(layout, static_cast<int>(index), &r);
        return r.x;
    };
    const std::size_t clock = heading.rfind("0:01.5");
    EXPECT_LT(x_of(clock), x_of(clock + 5)) << "the clock is drawn right to left";
    EXPECT_LT(x_of(0), x_of(heading.find("evil"))) << "the counter is not first";
    EXPECT_LT(x_of(heading.find("evil")), x_of(clock));
    g_object_unref(layout);
    g_object_unref(context);
}

TEST(SlideMarks, AreRecordedWithNotesAndLoop) {
    Scene s;
    s.play(FadeIn(box()), {.run_time = 1.0});
    s.next_slide({.notes = "first"});
    s.wait(0.5);
    s.next_slide({.notes = "second", .loop = true});
    Timeline tl = s.finish();
    ASSERT_EQ(tl.marks().size(), 2u);
    EXPECT_DOUBLE_EQ(tl.marks()[0].time, 1.0);
    EXPECT_EQ(tl.marks()[0].notes, "first");
    EXPECT_FALSE(tl.marks()[0].loop);
    EXPECT_DOUBLE_EQ(tl.marks()[1].time, 1.5);
    EXPECT_TRUE(tl.marks()[1].loop);
    ASSERT_EQ(place_holds(tl).size(), 2u);
    EXPECT_DOUBLE_EQ(place_holds(tl)[1].start, 1.0);
    EXPECT_TRUE(place_holds(tl)[1].loop);
}

TEST(SlideMarks, AtTimeZeroIsRefused) {
    Scene s;
    EXPECT_THROW(s.next_slide(), std::invalid_argument);
}

TEST(SlideMarks, TwoAtOneMomentMerge) {
    Scene s;
    s.play(FadeIn(box()), {.run_time = 1.0});
    s.next_slide({.notes = "a"});
    s.next_slide({.notes = "b", .loop = true});
    Timeline tl = s.finish();
    ASSERT_EQ(tl.marks().size(), 1u);
    EXPECT_EQ(tl.marks()[0].notes, "a\nb");
    EXPECT_TRUE(tl.marks()[0].loop);
}

TEST(SlideMarks, NewContentAfterTheLastMarkGetsAHoldAClosingFadeDoesNot) {
    Scene s;
    s.section("one");
    Mobject a = box();
    s.play(FadeIn(a), {.run_time = 1.0});
    s.next_slide();
    s.play(FadeOut(a), {.run_time = 1.0}); // only a fade: part of the way to the next slide
    s.section("two");
    Mobject b = box(BLUE);
    s.play(FadeIn(b), {.run_time = 1.0});
    s.next_slide();
    s.play(FadeIn(box(GREEN)), {.run_time = 1.0}); // new content after the last mark
    s.wait(1.0);
    Timeline tl = s.finish();
    ASSERT_EQ(place_holds(tl).size(), 3u);
    EXPECT_DOUBLE_EQ(place_holds(tl)[0].time, 1.0);
    EXPECT_DOUBLE_EQ(place_holds(tl)[1].time, 3.0);
    EXPECT_EQ(place_holds(tl)[1].section, 1u);
    EXPECT_DOUBLE_EQ(place_holds(tl)[2].time, 5.0);
    EXPECT_FALSE(place_holds(tl)[2].marked);
}

TEST(SlideMarks, ASectionWithoutMarksInAMarkedSceneStillGetsItsHold) {
    Scene s;
    s.section("marked");
    s.play(FadeIn(box()), {.run_time = 1.0});
    s.next_slide();
    s.section("plain");
    s.play(FadeIn(box(BLUE)), {.run_time = 1.0});
    s.wait(1.0);
    Timeline tl = s.finish();
    ASSERT_EQ(place_holds(tl).size(), 2u);
    EXPECT_DOUBLE_EQ(place_holds(tl)[1].time, 3.0);
    EXPECT_EQ(place_holds(tl)[1].section, 1u);
}

TEST(FallbackRule, HoldsBeforeAClosingFadeOutKeepingThePauseBeforeIt) {
    Scene s;
    Mobject a = box();
    s.play(FadeIn(a), {.run_time = 1.0});
    s.wait(2.0);
    s.play(FadeOut(a), {.run_time = 1.0});
    s.wait(1.0); // black
    Timeline tl = s.finish();
    ASSERT_EQ(place_holds(tl).size(), 1u);
    EXPECT_DOUBLE_EQ(place_holds(tl)[0].time, 3.0);
    EXPECT_TRUE(visible(tl.state_at(hold_picture_time(place_holds(tl)[0], tl.duration()))));
}

TEST(FallbackRule, ALoneTitleLeftByTheFadeIsNotTheHold) {
    // sdpa's shape: title + formula, then the formula fades and only the title stays.
    Scene s;
    Mobject title = box(BLUE), formula = box(RED);
    s.play(FadeIn(title), FadeIn(formula), {.run_time = 1.0});
    s.wait(1.0);
    s.play(FadeOut(formula), {.run_time = 1.0});
    Timeline tl = s.finish();
    ASSERT_EQ(place_holds(tl).size(), 1u);
    EXPECT_DOUBLE_EQ(place_holds(tl)[0].time, 2.0);
    EXPECT_EQ(tl.state_at(hold_picture_time(place_holds(tl)[0], tl.duration())).items.size(), 2u);
}

TEST(FallbackRule, ASectionEndingOnContentHoldsAtItsEnd) {
    Scene s;
    s.section("a");
    s.play(FadeIn(box()), {.run_time = 1.0});
    s.wait(0.5);
    s.section("b");
    s.play(FadeIn(box(BLUE)), {.run_time = 1.0});
    Timeline tl = s.finish();
    ASSERT_EQ(place_holds(tl).size(), 2u);
    EXPECT_DOUBLE_EQ(place_holds(tl)[0].time, 1.5);
    EXPECT_DOUBLE_EQ(place_holds(tl)[1].time, 2.5);
    EXPECT_DOUBLE_EQ(hold_picture_time(place_holds(tl)[1], tl.duration()), tl.duration());
}

TEST(FallbackRule, NeverOnAnEmptyFrame) {
    // The last play is not a fade but leaves nothing visible (a transform to transparent).
    Scene s;
    Mobject a = box();
    s.play(FadeIn(a), {.run_time = 1.0});
    s.play(animate(a).set_opacity(0.0), {.run_time = 1.0});
    Timeline tl = s.finish();
    ASSERT_EQ(place_holds(tl).size(), 1u);
    EXPECT_DOUBLE_EQ(place_holds(tl)[0].time, 1.0);
    EXPECT_TRUE(visible(tl.state_at(hold_picture_time(place_holds(tl)[0], tl.duration()))));
}

TEST(Promo, EveryHoldShowsContentAndSectionsEachHaveOne) {
    const SceneInfo* promo = find_scene("transformer");
    ASSERT_NE(promo, nullptr);
    Timeline tl = record_scene(*promo);
    ASSERT_GE(place_holds(tl).size(), tl.sections().size());
    std::vector<int> per_section(tl.sections().size(), 0);
    for (const Hold& h : place_holds(tl)) {
        ++per_section[h.section];
        EXPECT_TRUE(h.marked);
        EXPECT_FALSE(h.notes.empty()) << h.time;
        Frame f = tl.state_at(hold_picture_time(h, tl.duration()));
        EXPECT_TRUE(visible(f)) << h.time;
        EXPECT_GT(f.items.size(), 20u) << "nearly empty at " << h.time; // more than a lone title
    }
    for (int n : per_section) EXPECT_GE(n, 1);
}

} // namespace
} // namespace reel
