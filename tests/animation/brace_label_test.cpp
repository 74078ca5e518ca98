// BraceLabel and BraceText as Manim 0.17.3 builds them (brace.py): Brace(obj, brace_direction,
// buff), the label made by label_constructor at the brace's tip; creation_anim is
// AnimationGroup(GrowFromCenter(brace), FadeIn(label)).
#include <stdexcept>

#include <gtest/gtest.h>

#include "reel/brace.h"
#include "reel/math.h"
#include "timeline/timeline.h"

namespace reel {
namespace {

TEST(BraceLabel, ATextLabelAtTheTipOfABraceBuffBelow) {
    Mobject bar = Rectangle({.width = 5, .height = 0.6});
    Mobject bt = BraceText(bar, "five units");
    EXPECT_EQ(bt.kind(), "BraceText");
    ASSERT_EQ(bt.size(), 2u);
    EXPECT_EQ(bt[1].kind(), "Text");
    // The glyphs of "five units" in the default font, DejaVu Serif as Manim's: Pango shapes its
    // "fi" ligature into one glyph, so 8 (Manim's Text keeps ligatures too).
    ASSERT_EQ(bt[1].leaves().size(), 8u);
    ASSERT_TRUE(bt[1].leaves()[0].glyph());
    EXPECT_EQ(bt[1].leaves()[0].glyph()->text, "fi");
    // The brace 0.2 below the bar, the label MED_SMALL_BUFF below the tip, centred on it.
    EXPECT_NEAR(bt[0].get_top().y, bar.get_bottom().y - 0.2, 1e-9);
    EXPECT_NEAR(bt[1].get_top().y, brace_tip(bt[0]).y - MED_SMALL_BUFF, 1e-9);
    EXPECT_NEAR(bt[1].get_center().x, brace_tip(bt[0]).x, 1e-9);
    // buff and the label's constructor and size: a Tex of font size 24 above, 0.5 away.
    Mobject bl = BraceLabel(bar, "five $x$",
                            {.brace_direction = UP, .label_constructor = LabelConstructor::Tex, .font_size = 24, .buff = 0.5});
    EXPECT_EQ(bl.kind(), "BraceLabel");
    EXPECT_EQ(bl[1].label(), "Tex«five $x$»");
    EXPECT_NEAR(bl[0].get_bottom().y, bar.get_top().y + 0.5, 1e-9);
    EXPECT_NEAR(bl[1].get_bottom().y, brace_tip(bl[0]).y + MED_SMALL_BUFF, 1e-9);
    EXPECT_NEAR(bl[1].height() / Tex("five $x$").height(), 0.5, 1e-9);
    // The default label is a MathTex at 48.
    EXPECT_EQ(BraceLabel(bar, "x")[1].kind(), "MathTex");
}

TEST(BraceLabel, CreationAnimGrowsTheBraceAndFadesTheLabelIn) {
    Mobject bar = Rectangle({.width = 5, .height = 0.6});
    Mobject bt = BraceText(bar, "five units");
    Scene s;
    s.play(creation_anim(bt));
    Timeline tl = s.finish();
    EXPECT_DOUBLE_EQ(tl.duration(), 1.0);
    const Frame half = tl.state_at(0.5), end = tl.state_at(1.0);
    ASSERT_EQ(half.items.size(), 9u); // the brace, 8 glyphs (DejaVu Serif's "fi" is one)
    // GrowFromCenter: half as wide about its centre at smooth(0.5) = 0.5.
    const Bounds b = all_bounds(*half.items[0].points), full = all_bounds(*end.items[0].points);
    EXPECT_NEAR(b.max.x - b.min.x, 0.5 * (full.max.x - full.min.x), 1e-9);
    EXPECT_NEAR(b.min.x + b.max.x, full.min.x + full.max.x, 1e-9);
    // FadeIn: the glyphs half opaque, in place.
    EXPECT_NEAR(half.items[1].style.fill_opacity, 0.5, 1e-9);
    EXPECT_EQ(*half.items[1].points, *end.items[1].points);
    // Other animations, as Manim's label_anim / brace_anim arguments.
    AnimationPtr other = creation_anim(bt, [](const Mobject& m) { return Write(m); },
                                       [](const Mobject& m) { return Create(m); });
    ASSERT_EQ(other->parts().size(), 2u);
    EXPECT_EQ(other->parts()[0]->name(), "Create");
    EXPECT_EQ(other->parts()[1]->name(), "Write");
}

TEST(BraceLabelNegative, CreationAnimOfAnythingElseIsRefused) {
    EXPECT_THROW(creation_anim(VGroup(Square(), Circle())), std::invalid_argument);
    EXPECT_THROW(creation_anim(Brace(Square())), std::invalid_argument);
}

} // namespace
} // namespace reel
