// MathTex as a mobject: Manim's structure, size rule, colours and centring (MANIM_SEMANTICS 4.10).
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "reel/brace.h"
#include "reel/math.h"
#include "reel/shapes.h"
#include "support/expect_near.h"

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

// Tex: LaTeX's text mode. "Horizontal distance" (BraceAnnotation's get_text) is as wide as TeX
// makes it from cmr10.tfm: widths and the lig/kern program's kerns (the -0.28 pt "nt"), 45.5835
// + 35.6112 pt, plus one interword space of 3.33334 pt; in Latin Modern Roman; inline math is
// text style; `$` must close.
TEST(Tex, TextModeWithInlineMath) {
    EXPECT_THROW(Tex("a $x"), math::MathError);
    EXPECT_EQ(math::tex_to_formula("ab $x^2$ c"), "\\text{ab }{\\textstyle x^2}\\text{ c}");
    EXPECT_EQ(math::tex_to_formula("costs \\$5"), "\\text{costs \\$5}");
    const math::MathLayout h = math::typeset(math::tex_to_formula("Horizontal distance"));
    EXPECT_NEAR(h.width, 84.52803, 0.01);
    ASSERT_EQ(h.items.size(), 18u);
    for (const auto& item : h.items) EXPECT_EQ(item.font, 1); // Latin Modern Roman 10
    Mobject t = Tex("Horizontal distance");
    EXPECT_EQ(t.leaves().size(), 18u);
    EXPECT_NEAR(t.get_center().x, 0.0, 1e-9);
    // HeatDiagramPlot's T[$^\circ C$]: five glyphs, the degree ring a superscript of nothing
    // (it sat on the dropped style change before), raised above C's baseline.
    const math::MathLayout deg = math::typeset(math::tex_to_formula("T[$^\\circ C$]"));
    ASSERT_EQ(deg.items.size(), 5u);
    const Bounds ring = all_bounds(deg.items[2].points), c = all_bounds(deg.items[3].points);
    EXPECT_GT(ring.min.y, c.min.y + 3.0);
    EXPECT_LT(ring.max.x, c.min.x + 0.5);
    // Inline math is text style: \sum is the small operator, not display's.
    const double text_sum = math::typeset(math::tex_to_formula("$\\sum$")).height;
    EXPECT_LT(text_sum, math::typeset("\\sum").height - 1.0);
}

// OpeningManim's Tex(r"This is some \LaTeX"): LaTeX's logo macros with TeX's numbers (cmr10:
// T 6.83331 pt high, x-height 4.30554 pt; the A in cmr7, 4.78332 pt high): the A raised to
// T's top (2.04999 pt), the E lowered by half an ex, the kerns -.36, -.15, -.1667, -.125 em.
TEST(Tex, LaTeXAndTeXLogosAsLaTeXBuildsThem) {
    const math::MathLayout tex = math::typeset(math::tex_to_formula("\\TeX"));
    ASSERT_EQ(tex.items.size(), 3u);
    // T + E + X advances less 1.667 and 1.25 pt (cmr10's widths 7.22224 + 6.80557 + 7.50002).
    EXPECT_NEAR(tex.width, 7.22224 + 6.80557 + 7.50002 - 1.667 - 1.25, 0.01);
    EXPECT_NEAR(all_bounds(tex.items[1].points).min.y, -4.30554 / 2, 1e-3);
    EXPECT_NEAR(tex.depth, 4.30554 / 2, 1e-3);
    const math::MathLayout latex = math::typeset(math::tex_to_formula("This is some \\LaTeX"));
    ASSERT_EQ(latex.items.size(), 15u); // 10 letters, L A T E X
    const Bounds l = all_bounds(latex.items[10].points), a = all_bounds(latex.items[11].points);
    EXPECT_NEAR(a.min.y, 6.83331 - 4.78332, 1e-3);
    // The A at 7 pt: 0.7 of the 10 pt A's outline.
    const Bounds big_a = all_bounds(math::typeset("\\text{A}").items.at(0).points);
    EXPECT_NEAR(a.max.y - a.min.y, 0.7 * (big_a.max.y - big_a.min.y), 1e-6);
    // Kerned into the L: the A starts left of the L's right end.
    EXPECT_LT(a.min.x, l.max.x - 2.5);
    // A control word swallows the space after it; the space before it stays.
    EXPECT_EQ(math::typeset(math::tex_to_formula("\\TeX is")).items.size(),
              math::typeset(math::tex_to_formula("\\TeX{}is")).items.size());
    EXPECT_THROW(math::typeset("\\operatorname{\\TeX}"), math::MathError);
}

// OpeningManim's Tex(r"That was a non-linear function \\ applied to the grid"): Manim's center
// environment, the lines centred with LaTeX's 12 pt from baseline to baseline.
TEST(Tex, DoubleBackslashEndsACentredLine) {
    EXPECT_EQ(math::tex_to_formula("ab \\\\ $x$ c"),
              "\\begin{center}\\text{ab}\\\\{\\textstyle x}\\text{ c}\\end{center}");
    // In math a \\ is not Tex's (it stays where it is).
    EXPECT_EQ(math::tex_to_formula("a $\\\\$"), "\\text{a }{\\textstyle \\\\}");
    Mobject two = Tex("H \\\\ H");
    ASSERT_EQ(two.leaves().size(), 2u);
    const Mobject top = two.leaves()[0], bottom = two.leaves()[1];
    EXPECT_NEAR(top.get_bottom().y - bottom.get_bottom().y, 12 * math::scene_units_per_point(48), 1e-6);
    EXPECT_NEAR(top.get_center().x, bottom.get_center().x, 1e-9);
    // A longer line: the short one sits at its middle.
    Mobject lines = Tex("That was a non-linear function \\\\ applied to the grid");
    const auto glyphs = lines.leaves();
    ASSERT_EQ(glyphs.size(), 42u);
    Bounds first, second;
    for (std::size_t i = 0; i < glyphs.size(); ++i) {
        const Vec2 c = glyphs[i].get_center();
        (i < 26 ? first : second).include(c);
    }
    EXPECT_GT(first.min.y, second.max.y);
    EXPECT_NEAR((first.min.x + first.max.x) / 2, (second.min.x + second.max.x) / 2, 0.05);
}

// BraceAnnotation: Brace(line, direction=line.copy().rotate(PI / 2).get_unit_vector()) and
// get_text / get_tex: a Tex / MathTex next_to the tip along round(direction), buff 0.25.
TEST(Tex, BraceGetTextAndGetTex) {
    Mobject line = Line({-2, -1}, {2, 1});
    const Vec2 u = line.copy().rotate(PI / 2).get_unit_vector();
    EXPECT_NEAR(u.x, -2 / std::sqrt(20.0), 1e-12);
    EXPECT_NEAR(u.y, 4 / std::sqrt(20.0), 1e-12);
    EXPECT_EQ(Mobject().get_unit_vector(), ORIGIN);
    Mobject b1 = Brace(line);
    Mobject t1 = brace_get_text(b1, "Horizontal distance");
    EXPECT_EQ(t1.kind(), "MathTex");
    EXPECT_EQ(t1.leaves().size(), 18u);
    EXPECT_NEAR(t1.get_top().y, brace_tip(b1).y - MED_SMALL_BUFF, 1e-9);
    EXPECT_NEAR(t1.get_center().x, brace_tip(b1).x, 1e-9);
    Mobject b2 = Brace(line, u);
    Mobject t2 = brace_get_tex(b2, "x-x_1");
    EXPECT_EQ(t2.leaves().size(), 4u);
    // put_at_tip: next_to(tip, round(direction), buff), the direction from the brace's centre
    // to its tip; here up and to the left: the formula's DR corner is buff from the tip.
    const Vec2 d = brace_direction(b2);
    ASSERT_EQ((Vec2{std::round(d.x), std::round(d.y)}), (Vec2{-1, 1}));
    expect_near(t2.get_corner(DR), brace_tip(b2) + Vec2{-MED_SMALL_BUFF, MED_SMALL_BUFF}, 1e-9);
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
// ── parts (Manim's MathTex(*tex_strings), {{...}}, substrings_to_isolate) ──

// The points of every leaf, in order.
std::vector<Points> leaf_points(const Mobject& m) {
    std::vector<Points> out;
    for (const Mobject& l : m.leaves()) out.push_back(l.points());
    return out;
}

std::vector<std::string> part_strings(const Mobject& m) {
    std::vector<std::string> out;
    for (const Mobject& p : m.children()) out.push_back(tex_string_of(p));
    return out;
}

TEST(MathTexParts, StringsArePartsOfOneFormula) {
    const Mobject parts = MathTex({"a^2", "+", "b^2", "=", "c^2"});
    const Mobject whole = MathTex("a^2 + b^2 = c^2");
    EXPECT_EQ(parts.label(), "MathTex«a^2 + b^2 = c^2»");
    EXPECT_EQ(part_strings(parts), (std::vector<std::string>{"a^2", "+", "b^2", "=", "c^2"}));
    const std::size_t glyphs[] = {2, 1, 2, 1, 2};
    for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(parts[i].size(), glyphs[i]) << i;
    // The same picture as the one string: the parts only group its glyphs.
    EXPECT_EQ(leaf_points(parts), leaf_points(whole));
    EXPECT_EQ(part_strings(whole), (std::vector<std::string>{"a^2 + b^2 = c^2"}));
}

TEST(MathTexParts, DoubleBracesAndIsolatedSubstrings) {
    EXPECT_EQ(part_strings(MathTex("{{a}} + {{b}}")), (std::vector<std::string>{"a", " + ", "b"}));
    const Mobject m = MathTex("x^2 + y^2 = r^2", {.substrings_to_isolate = {"x", "y"}});
    EXPECT_EQ(part_strings(m), (std::vector<std::string>{"x", "^2 + ", "y", "^2 = r^2"}));
    EXPECT_EQ(m[0].size(), 1u);
    EXPECT_EQ(m[1].size(), 2u); // 2 and +
    // get_parts_by_tex: by substring unless asked for the whole string.
    EXPECT_EQ(get_parts_by_tex(m, "^2").size(), 2u);
    EXPECT_EQ(get_parts_by_tex(m, "^2", false).size(), 0u);
    EXPECT_TRUE(get_parts_by_tex(m, "y", false).at(0).same(m[2]));
}

TEST(MathTexParts, ColourMapColoursItsParts) {
    const Mobject m = MathTex("E = mc^2", {.color = WHITE, .tex_to_color_map = {{"E", YELLOW}, {"c", BLUE}}});
    EXPECT_EQ(part_strings(m), (std::vector<std::string>{"E", " = m", "c", "^2"}));
    EXPECT_EQ(m[0].leaves()[0].style().fill_color, YELLOW);
    EXPECT_EQ(m[2].leaves()[0].style().fill_color, BLUE);
    EXPECT_EQ(m[1].leaves()[0].style().fill_color, WHITE);
    Mobject n = MathTex({"a", "+", "b"});
    set_color_by_tex(n, "b", RED);
    EXPECT_EQ(n[2].leaves()[0].style().fill_color, RED);
    EXPECT_EQ(n[0].leaves()[0].style().fill_color, WHITE);
}

// Empty strings are dropped (as Manim drops them); a part without glyphs (a space) becomes a
// point moved to the right edge of the glyph at its index, the next part's first (Manim's
// VectorizedPoint.move_to(submobjects[min(curr_index, n - 1)], RIGHT)).
TEST(MathTexParts, APartWithoutGlyphsIsAPoint) {
    EXPECT_EQ(part_strings(MathTex({"a", "", "b"})), (std::vector<std::string>{"a", "b"}));
    const Mobject m = MathTex({"a", "\\,", "b"});
    ASSERT_EQ(m.size(), 3u);
    EXPECT_EQ(tex_string_of(m[1]), "\\,");
    EXPECT_EQ(m[2].size(), 1u);
    ASSERT_EQ(m[1].leaves().size(), 1u);
    EXPECT_EQ(m[1].leaves()[0].points().size(), 1u);
    EXPECT_NEAR(m[1].leaves()[0].points()[0].x, m[2].get_right().x, 1e-9);
}

TEST(MathTexParts, APartThatIsNoFormulaAloneIsNamed) {
    try {
        MathTex({"\\frac{a}", "{b}"});
        FAIL() << "no error";
    } catch (const math::MathError& e) {
        EXPECT_NE(std::string(e.what()).find("part 1 of the formula"), std::string::npos) << e.what();
    }
}

} // namespace reel
