// MathTex as a mobject: Manim's structure, size rule, colours and centring (MANIM_SEMANTICS 4.10).
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "reel/math.h"

namespace reel {
namespace {

std::vector<std::string> promo_formulas() {
    std::ifstream in(std::string(REEL_TEST_REFERENCE_DIR) + "/math/formulas.txt");
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    // A missing data file must fail the test with a message, not index an empty vector.
    if (out.size() != 5)
        throw std::runtime_error(std::string("expected the promo's 5 formulas in ") +
                                 REEL_TEST_REFERENCE_DIR + "/math/formulas.txt, found " +
                                 std::to_string(out.size()));
    return out;
}

// ── negative cases ──

TEST(MathTex, MalformedFormulaThrowsWithPosition) {
    try {
        (void)MathTex(R"(x + \nope)");
        FAIL() << "no error";
    } catch (const math::MathError& e) {
        EXPECT_EQ(e.column(), 5u);
        EXPECT_EQ(e.token(), "\\nope");
        EXPECT_EQ(std::string(e.what()), "column 5: unknown command (at '\\nope')");
    }
}

TEST(MathTex, EmptyFormulaIsAnEmptyGroup) {
    const Mobject m = MathTex("");
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].size(), 0u);
    EXPECT_FALSE(m.anchor_bounds().valid);
}

// ── structure and style ──

TEST(MathTex, OneGroupWithoutPointsThenOneLeafPerGlyphOrRule) {
    const std::vector<std::string> f = promo_formulas();
    ASSERT_EQ(f.size(), 5u);
    const std::size_t counts[] = {35, 8, 9, 18, 20};
    for (std::size_t i = 0; i < 5; ++i) {
        const Mobject m = MathTex(f[i]);
        EXPECT_EQ(m.kind(), "MathTex");
        EXPECT_FALSE(m.has_points());
        ASSERT_EQ(m.size(), 1u);
        EXPECT_FALSE(m[0].has_points());
        ASSERT_EQ(m[0].size(), counts[i]) << f[i];
        for (const Mobject& leaf : m[0].children()) {
            EXPECT_TRUE(leaf.has_points());
            EXPECT_EQ(leaf.size(), 0u);
        }
        EXPECT_EQ(m.leaves().size(), counts[i]);
    }
}

TEST(MathTex, ColourOnFillAndStrokeOpaqueFillNoStroke) {
    const Mobject m = MathTex(R"(\frac{a}{b})", {.font_size = 48, .color = YELLOW});
    for (const Mobject& leaf : m.leaves()) {
        const Style& s = leaf.style();
        EXPECT_EQ(s.fill_color, YELLOW);
        EXPECT_EQ(s.stroke_color, YELLOW);
        EXPECT_EQ(s.fill_opacity, 1.0);
        EXPECT_EQ(s.stroke_width, 0.0);
    }
}

TEST(MathTex, RuleIsAManimRectangle) {
    const Mobject m = MathTex(R"(\frac{a}{b})");
    const Mobject rule = m[0][1];
    const Points& p = rule.points();
    ASSERT_EQ(p.size(), 16u); // 4 straight cubics
    const Bounds b = all_bounds(p);
    EXPECT_EQ(p[0], (Vec2{b.max.x, b.max.y})); // starts top right
    EXPECT_EQ(p[3], (Vec2{b.min.x, b.max.y})); // then counter-clockwise
    EXPECT_EQ(p[15], p[0]);
}

TEST(MathTex, CentredOnTheAnchorBox) {
    const Mobject m = MathTex(promo_formulas()[0]);
    const Vec2 c = m.anchor_bounds().center();
    EXPECT_NEAR(c.x, 0.0, 1e-9);
    EXPECT_NEAR(c.y, 0.0, 1e-9);
}

TEST(MathTex, YPointsUp) {
    const Mobject m = MathTex("x^2");
    EXPECT_GT(m[0][1].get_center().y, m[0][0].get_center().y);
}

// ── size rule: TeX points * 72/72.27 * font_size / 960 ──

TEST(MathTex, EmIsAbout0_010378FontSize) {
    EXPECT_NEAR(math::scene_units_per_point(48) * 10.0, 0.010378 * 48, 1e-4);
    EXPECT_DOUBLE_EQ(math::scene_units_per_point(960), 72.0 / 72.27);
}

TEST(MathTex, CapitalHHeightMatchesManim) {
    // Manim measures 0.340224 for cmmi "H" at 48; Latin Modern's H is the same design.
    EXPECT_NEAR(MathTex("H").height(), 0.340224, 0.340224 * 0.01);
}

TEST(MathTex, PromoSizesMatchManim) {
    const std::vector<std::string> f = promo_formulas();
    const Mobject full = MathTex(f[0], {.font_size = 36});
    EXPECT_NEAR(full.width(), 6.7029, 6.7029 * 0.02);
    EXPECT_NEAR(full.height(), 0.9244, 0.9244 * 0.03);
    const Mobject step1 = MathTex(f[1], {.font_size = 26});
    EXPECT_NEAR(step1.width(), 1.5647, 1.5647 * 0.02);
    EXPECT_NEAR(step1.height(), 0.3099, 0.3099 * 0.03);
}

TEST(MathTex, SizeScalesLinearlyWithFontSize) {
    const double w24 = MathTex(R"(\sum_i x_i)", {.font_size = 24}).width();
    const double w72 = MathTex(R"(\sum_i x_i)", {.font_size = 72}).width();
    EXPECT_NEAR(w72, 3 * w24, 1e-9);
}

} // namespace
} // namespace reel
