// timeline_digest: the same content gives the same digest (whatever the node ids and layer
// keys), and any change of what is shown or when gives another.
#include <gtest/gtest.h>

#include <string>

#include "timeline/timeline.h"

namespace reel {
namespace {

// ── Negative cases ────────────────────────────────────────────────────────────────────────

TEST(TimelineDigest, TellsApartWhatIsShown) {
    auto one = [](Color c, Seconds wait, std::string section) {
        Scene s;
        s.section(std::move(section));
        Mobject sq = Square(1.0, {.color = c, .fill_opacity = 1.0});
        s.play(Create(sq));
        s.wait(wait);
        return s.finish();
    };
    const std::uint64_t base = timeline_digest(one(BLUE, 1.0, "a"));
    EXPECT_EQ(timeline_digest(one(BLUE, 1.0, "a")), base) << "new node ids and layer keys, same content";
    EXPECT_NE(timeline_digest(one(RED, 1.0, "a")), base) << "a colour";
    EXPECT_NE(timeline_digest(one(BLUE, 2.0, "a")), base) << "a wait";
    EXPECT_NE(timeline_digest(one(BLUE, 1.0, "b")), base) << "a section name";
    Scene moved;
    moved.section("a");
    Mobject sq = Square(1.0, {.color = BLUE, .fill_opacity = 1.0});
    sq.shift(RIGHT * 1e-9);
    moved.play(Create(sq));
    moved.wait(1.0);
    EXPECT_NE(timeline_digest(moved.finish()), base) << "a point moved by 1e-9";
    EXPECT_NE(timeline_digest(Timeline{}), base);
}

TEST(TimelineDigest, SeesMarksAndTheMomentsInsideAPlay) {
    auto one = [](bool mark, Seconds run_time) {
        Scene s;
        Mobject sq = Square(1.0, {.fill_opacity = 1.0});
        s.play(FadeIn(sq), {.run_time = run_time});
        if (mark) s.next_slide({.notes = "here"});
        s.play(animate(sq).shift(RIGHT), {.run_time = 1.0});
        return s.finish();
    };
    const std::uint64_t base = timeline_digest(one(false, 1.0));
    EXPECT_EQ(timeline_digest(one(false, 1.0)), base);
    EXPECT_NE(timeline_digest(one(true, 1.0)), base) << "a slide mark";
    EXPECT_NE(timeline_digest(one(false, 0.5)), base) << "a run time";
}

} // namespace
} // namespace reel
