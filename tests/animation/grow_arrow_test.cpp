// GrowArrow as Manim 0.17.3 plays it: the start is the arrow scaled to 0 about its start with
// scale_tips=True, which sets the shaft's width from its length (min(6, 5 * 0) = 0); the
// transform then grows the width with the shaft, and the tip from a point.
#include <gtest/gtest.h>

#include "timeline/timeline.h"

namespace reel {
namespace {

Timeline grow(const Mobject& arrow) {
    Scene s;
    s.play(GrowArrow(arrow));
    return s.finish();
}

TEST(GrowArrowNegative, OtherMobjectsKeepTheirWidth) {
    // Only an Arrow's shaft follows the length rule; a Line grown from its start keeps its width.
    Mobject line = Line(ORIGIN, RIGHT * 2);
    Timeline tl = grow(line);
    EXPECT_EQ(tl.state_at(0.25).items.at(0).style.stroke_width, 4.0);
}

TEST(GrowArrow, ShaftWidthGrowsFromZero) {
    Mobject arrow = Arrow(ORIGIN, RIGHT * 2); // buff 0.25: 1.5 long, width min(6, 7.5) = 6
    Timeline tl = grow(arrow);
    ASSERT_EQ(tl.state_at(0.5).items.size(), 2u); // shaft, tip
    EXPECT_NEAR(tl.state_at(0).items[0].style.stroke_width, 0.0, 1e-12);
    // The width is 6 times the rate function's progress (smooth(0.5) = 0.5).
    EXPECT_NEAR(tl.state_at(0.25).items[0].style.stroke_width, 6 * smooth(0.25), 1e-9);
    EXPECT_NEAR(tl.state_at(0.5).items[0].style.stroke_width, 3.0, 1e-9);
    EXPECT_NEAR(tl.state_at(1.0).items[0].style.stroke_width, 6.0, 1e-12);
    // The tip grows from the start point: half way its apex is half way and it is half as long.
    const Frame half = tl.state_at(0.5), end = tl.state_at(1.0);
    const Points& tip = *half.items[1].points;
    EXPECT_NEAR(tip[0].x, 0.25 + 0.75, 1e-9);
    const Points& full = *end.items[1].points;
    const double full_len = full[0].x - 0.5 * (full[3].x + full[7].x);
    const double half_len = tip[0].x - 0.5 * (tip[3].x + tip[7].x);
    EXPECT_NEAR(half_len, 0.5 * full_len, 1e-9);
}

} // namespace
} // namespace reel
