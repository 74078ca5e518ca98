// TransformMatchingTex as Manim 0.17.3 keys it: the parts of two MathTex by their TeX strings.
#include <gtest/gtest.h>

#include <stdexcept>

#include "reel/animation.h"
#include "reel/math.h"

namespace reel {
namespace {

Vec2 centre_of(const LeafState& s) { return all_bounds(*s.points).center(); }

TEST(TransformMatchingTex, PartsWithTheSameTexMoveToTheirPartners) {
    Mobject eq1 = MathTex({"a^2", "+", "b^2", "=", "c^2"});
    Mobject eq2 = MathTex({"c^2", "=", "a^2", "+", "b^2"});
    eq2.shift(DOWN * 2);
    auto m = TransformMatchingTex(eq1, eq2, {.rate_func = linear});
    m->begin();
    // Every part has a partner: nothing fades, the 8 glyphs move.
    ASSERT_EQ(m->leaves().size(), 8u);
    for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(m->leaf_state(1.0, i).style.fill_opacity, 1.0) << i;
    // a^2 (the first two glyphs of eq1) ends where eq2's a^2 is.
    const Vec2 a_end = centre_of(m->leaf_state(1.0, 0));
    const Vec2 a_target = eq2[2].leaves()[0].get_center();
    EXPECT_NEAR(a_end.x, a_target.x, 1e-6);
    EXPECT_NEAR(a_end.y, a_target.y, 1e-6);
    ASSERT_EQ(m->added_on_finish().size(), 1u);
    EXPECT_TRUE(m->added_on_finish()[0].same(eq2));
}

TEST(TransformMatchingTex, OneStringEachHasNoPartnerAndCrossFades) {
    // As in Manim: a MathTex of one string is one part keyed by the whole string.
    Mobject eq1 = MathTex("a^2 + b^2 = c^2");
    Mobject eq2 = MathTex("c^2 = a^2 + b^2");
    auto m = TransformMatchingTex(eq1, eq2, {.rate_func = linear});
    m->begin();
    ASSERT_EQ(m->leaves().size(), 16u); // 8 fade out, 8 fade in
    EXPECT_EQ(m->leaf_state(1.0, 0).style.fill_opacity, 0.0);
    EXPECT_EQ(m->leaf_state(1.0, 15).style.fill_opacity, 1.0);
}

TEST(TransformMatchingTex, RefusesWhatIsNotAMathTex) {
    Mobject eq = MathTex({"a", "=", "b"});
    EXPECT_THROW(TransformMatchingTex(Square(1.0), eq), std::invalid_argument);
    EXPECT_THROW(TransformMatchingTex(eq, VGroup({Circle()})), std::invalid_argument);
}

} // namespace
} // namespace reel
