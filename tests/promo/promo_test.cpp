// The promo's own figures: the gqa section as recorded (calls 0-28 of the Manim timeline; their
// times are checked in reference_timeline_test).
#include <gtest/gtest.h>

#include <cmath>

#include "reel/text.h"
#include "timeline/timeline.h"
#include "scenes/transformer/transformer.h"

namespace reel {
namespace {

TEST(Promo, GqaSectionHasTwentyNineSegmentsAnd1383Frames) {
    Scene s;
    set_default_text_font("Times New Roman"); // as the promo's scene does, inside its recording
    scenes::transformer::gqa(s);
    const Timeline tl = s.finish();
    EXPECT_EQ(tl.segments().size(), 29u);
    ASSERT_EQ(tl.sections().size(), 1u);
    EXPECT_EQ(tl.sections()[0].name, "gqa");
    EXPECT_EQ(std::lround(tl.duration() * kTimelineFps), 1383);
}

} // namespace
} // namespace reel
