// Layout after TeX's Appendix G: checked against LaTeX's own output for the promo formulas
// (box sizes from TeX, glyph and rule order and rule positions from dvisvgm) and against the
// rules for scripts, limits, fractions, radicals, delimiters and matrices.
#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "font.h"
#include "reel/math.h"

namespace reel::math {
namespace {

using Kind = MathItem::Kind;

// TeX points to dvisvgm's big points.
constexpr double kBp = 72.0 / 72.27;

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string reference(const std::string& name) {
    return std::string(REEL_TEST_REFERENCE_DIR "/math/") + name;
}

std::vector<std::string> promo_formulas() {
    std::vector<std::string> out;
    std::istringstream in(read_file(reference("formulas.txt")));
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    // A missing data file must fail the test with a message, not index an empty vector.
    if (out.size() != 5)
        throw std::runtime_error(std::string("expected the promo's 5 formulas in ") +
                                 REEL_TEST_REFERENCE_DIR + "/math/formulas.txt, found " +
                                 std::to_string(out.size()));
    return out;
}

Bounds bounds(const MathItem& item) { return all_bounds(item.points); }

// ── negative cases ──

TEST(MathLayout, MalformedInputThrowsMathError) {
    EXPECT_THROW(typeset(R"(\frac{a})"), MathError);
    EXPECT_THROW(typeset(R"(\left( x)"), MathError);
    EXPECT_THROW(typeset("\xC0\x80"), MathError);
}

TEST(MathLayout, EmptyFormulaIsAnEmptyBox) {
    const MathLayout l = typeset("");
    EXPECT_TRUE(l.items.empty());
    EXPECT_EQ(l.width, 0.0);
}

TEST(MathLayout, HugeButLegalInputStaysFinite) {
    std::string many;
    for (int i = 0; i < 15; ++i) many += R"(\left(\frac{\sqrt{x}}{)";
    many += "y";
    for (int i = 0; i < 15; ++i) many += R"(}\right))";
    const MathLayout l = typeset(many);
    EXPECT_GT(l.height, 60.0);
    for (const MathItem& it : l.items)
        for (const Vec2& p : it.points) ASSERT_TRUE(std::isfinite(p.x) && std::isfinite(p.y));
}

// ── the promo formulas against LaTeX ──

TEST(MathLayout, PromoFormulasHaveLatexItemCounts) {
    const std::vector<std::string> f = promo_formulas();
    ASSERT_EQ(f.size(), 5u);
    const std::size_t counts[] = {35, 8, 9, 18, 20};
    for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(typeset(f[i]).items.size(), counts[i]) << f[i];
}

TEST(MathLayout, PromoFormulasMatchTexBoxes) {
    const std::string dump = read_file(reference("tex_box_metrics.txt"));
    const std::vector<std::string> f = promo_formulas();
    const std::regex re(R"(METRIC (\d) wd=([\d.]+)pt ht=([\d.]+)pt dp=([\d.]+)pt)");
    int checked = 0;
    for (std::sregex_iterator it(dump.begin(), dump.end(), re), end; it != end; ++it) {
        const std::size_t i = std::stoul((*it)[1]);
        const MathLayout l = typeset(f.at(i));
        const double wd = std::stod((*it)[2]), ht = std::stod((*it)[3]), dp = std::stod((*it)[4]);
        EXPECT_NEAR(l.width, wd, 0.02 * wd) << f[i];
        EXPECT_NEAR(l.height, ht, 0.5) << f[i];
        EXPECT_NEAR(l.depth, dp, 0.5) << f[i];
        ++checked;
    }
    EXPECT_EQ(checked, 5);
}

struct SvgItem {
    bool rule;
    double x, y, w, h; // bp, y down
};

std::vector<SvgItem> svg_items(const std::string& svg) {
    std::vector<SvgItem> out;
    const std::string page = svg.substr(svg.find("<g id='page1'>"));
    const std::regex re(R"(<(use|rect) x='([-\d.]+)' y='([-\d.]+)'(?: height='([-\d.]+)' width='([-\d.]+)')?)");
    for (std::sregex_iterator it(page.begin(), page.end(), re), end; it != end; ++it) {
        SvgItem s{(*it)[1] == "rect", std::stod((*it)[2]), std::stod((*it)[3]), 0, 0};
        if (s.rule) {
            s.h = std::stod((*it)[4]);
            s.w = std::stod((*it)[5]);
        }
        out.push_back(s);
    }
    return out;
}

TEST(MathLayout, GlyphsAndRulesComeInDvisvgmOrder) {
    const std::vector<std::string> f = promo_formulas();
    for (std::size_t i = 0; i < f.size(); ++i) {
        const auto svg = svg_items(read_file(reference("formula" + std::to_string(i) + ".svg")));
        const MathLayout l = typeset(f[i]);
        ASSERT_EQ(svg.size(), l.items.size()) << f[i];
        for (std::size_t k = 0; k < svg.size(); ++k)
            EXPECT_EQ(svg[k].rule, l.items[k].kind == Kind::Rule) << f[i] << " item " << k;
    }
}

TEST(MathLayout, RulesSitWhereLatexPutsThem) {
    const std::vector<std::string> f = promo_formulas();
    int rules = 0;
    for (std::size_t i = 0; i < f.size(); ++i) {
        const auto svg = svg_items(read_file(reference("formula" + std::to_string(i) + ".svg")));
        const MathLayout l = typeset(f[i]);
        ASSERT_EQ(svg.size(), l.items.size());
        // The formula starts at its first glyph's origin, on the baseline of that glyph.
        const double x0 = svg[0].x, base = svg[0].y;
        for (std::size_t k = 0; k < svg.size(); ++k) {
            if (!svg[k].rule) continue;
            const Bounds b = bounds(l.items[k]);
            EXPECT_NEAR(b.min.x * kBp, svg[k].x - x0, 0.8) << f[i] << " rule " << k;
            EXPECT_NEAR(b.max.y * kBp, base - svg[k].y, 0.4) << f[i] << " rule " << k;
            EXPECT_NEAR(b.width() * kBp, svg[k].w, 0.8) << f[i] << " rule " << k;
            EXPECT_NEAR(b.height() * kBp, svg[k].h, 0.05) << f[i] << " rule " << k;
            ++rules;
        }
    }
    EXPECT_EQ(rules, 5);
}

// ── Appendix G rules ──

TEST(MathLayout, SuperscriptUpSubscriptDown) {
    const MathLayout sup = typeset("x^2");
    const MathLayout sub = typeset("x_2");
    ASSERT_EQ(sup.items.size(), 2u);
    ASSERT_EQ(sub.items.size(), 2u);
    EXPECT_GT(bounds(sup.items[1]).min.y, 0.0);
    EXPECT_LT(bounds(sub.items[1]).min.y, 0.0);
    // Script size is 70 %.
    const double full = bounds(typeset("2").items[0]).height();
    EXPECT_NEAR(bounds(sup.items[1]).height(), 0.7 * full, 0.05 * full);
}

TEST(MathLayout, CrampedSuperscriptSitsLower) {
    const MathLayout plain = typeset("x^2");
    const MathLayout cramped = typeset(R"(\sqrt{x^2})"); // radicands are cramped
    const double up_plain = bounds(plain.items[1]).min.y - bounds(plain.items[0]).min.y;
    const double up_cramped = bounds(cramped.items[3]).min.y - bounds(cramped.items[2]).min.y;
    EXPECT_LT(up_cramped, up_plain - 0.5);
}

TEST(MathLayout, DisplayLimitsGoAboveAndBelow) {
    const MathLayout l = typeset(R"(\sum_{i=1}^{n} x)");
    ASSERT_EQ(l.items.size(), 6u); // n, sum, i, =, 1, x
    const Bounds n = bounds(l.items[0]), op = bounds(l.items[1]), i = bounds(l.items[2]);
    EXPECT_GT(n.min.y, op.max.y);
    EXPECT_LT(i.max.y, op.min.y);
    EXPECT_NEAR(n.center().x, op.center().x, 1.0);
    EXPECT_GT(op.height(), 13.0); // the display-size variant
}

TEST(MathLayout, IntegralScriptsGoBeside) {
    const MathLayout l = typeset(R"(\int_0^1 f)");
    ASSERT_EQ(l.items.size(), 4u); // int, 1, 0, f
    const Bounds op = bounds(l.items[0]), up = bounds(l.items[1]), down = bounds(l.items[2]);
    EXPECT_GT(up.min.x, op.center().x);
    EXPECT_GT(down.min.x, op.min.x);
    EXPECT_GT(up.min.x, down.min.x); // italic correction moves the superscript right
    EXPECT_GT(up.min.y, 0.0);
    EXPECT_LT(down.min.y, 0.0);
}

TEST(MathLayout, ArgmaxTakesItsLimitBelow) {
    const MathLayout l = typeset(R"(\arg\max_{k} p)");
    // a, r, g, m, a, x, k, p
    ASSERT_EQ(l.items.size(), 8u);
    const Bounds k = bounds(l.items[6]);
    Bounds max;
    for (int i = 3; i < 6; ++i) max.include(bounds(l.items[static_cast<std::size_t>(i)]));
    EXPECT_LT(k.max.y, max.min.y);
    EXPECT_NEAR(k.center().x, max.center().x, 0.5);
}

TEST(MathLayout, FractionRuleOnTheAxisAsWideAsTheWiderPart) {
    const MathLayout l = typeset(R"(\frac{abc}{x})");
    ASSERT_EQ(l.items.size(), 5u);
    const Bounds rule = bounds(l.items[3]);
    Bounds num;
    for (int i = 0; i < 3; ++i) num.include(bounds(l.items[static_cast<std::size_t>(i)]));
    EXPECT_NEAR(rule.center().y, 2.5, 1e-6); // Latin Modern's axis height
    EXPECT_NEAR(rule.height(), 0.4, 1e-6);
    EXPECT_GE(rule.width() + 1e-9, num.width());
    EXPECT_NEAR(rule.min.x, 1.2, 1e-6); // \nulldelimiterspace
    EXPECT_GT(num.min.y, rule.max.y);
    EXPECT_LT(bounds(l.items[4]).max.y, rule.min.y);
}

TEST(MathLayout, RadicalWithDegree) {
    const MathLayout l = typeset(R"(\sqrt[3]{x})");
    ASSERT_EQ(l.items.size(), 4u); // 3, radical, rule, x
    EXPECT_EQ(l.items[2].kind, Kind::Rule);
    const Bounds deg = bounds(l.items[0]), sign = bounds(l.items[1]), rule = bounds(l.items[2]);
    EXPECT_LT(deg.min.x, sign.center().x);
    EXPECT_GT(deg.min.y, 0.0);
    EXPECT_NEAR(sign.max.y, rule.max.y, 0.05);
    EXPECT_GT(rule.min.y, bounds(l.items[3]).max.y);
}

TEST(MathLayout, TallRadicandGetsABiggerSign) {
    const double small = bounds(typeset(R"(\sqrt{x})").items[0]).height();
    const double big = bounds(typeset(R"(\sqrt{\frac{\frac{a}{b}}{\frac{c}{d}}})").items[0]).height();
    EXPECT_GT(big, small * 2);
}

TEST(MathLayout, DelimitersGrowWithTheirContent) {
    const Bounds small = bounds(typeset(R"(\left( x \right))").items[0]);
    const Bounds big = bounds(typeset(R"(\left( \frac{a}{b} \right))").items[0]);
    const MathLayout huge = typeset(R"(\left( \begin{matrix} a \\ b \\ c \\ d \\ e \end{matrix} \right))");
    EXPECT_GT(big.height(), small.height() * 1.5);
    // Beyond the largest variant, the paren is assembled from parts: more items than 7.
    EXPECT_GT(huge.items.size(), 7u);
    Bounds left;
    for (std::size_t i = 0; i + 5 < huge.items.size() / 2 + 1; ++i) left.include(bounds(huge.items[i]));
    EXPECT_GT(huge.height + huge.depth, 55.0);
    // Centred on the axis.
    EXPECT_NEAR((big.max.y + big.min.y) / 2, 2.5, 0.3);
}

TEST(MathLayout, NullDelimiterTakesOnlySpace) {
    EXPECT_EQ(typeset(R"(\left. x \right|)").items.size(), 2u);
}

TEST(MathLayout, MatrixRowsAndColumns) {
    const MathLayout l = typeset(R"(\begin{pmatrix} a & b \\ c & d \end{pmatrix})");
    ASSERT_EQ(l.items.size(), 6u);
    const Bounds a = bounds(l.items[1]), b = bounds(l.items[2]), c = bounds(l.items[3]);
    EXPECT_GT(b.min.x, a.max.x + 9.0); // 2 \arraycolsep
    EXPECT_GT(a.min.y, c.max.y);
    EXPECT_NEAR(a.center().x, c.center().x, 0.5);
}

TEST(MathLayout, SpacingFollowsTheAtomTable) {
    auto gap = [](const char* tex) {
        const MathLayout l = typeset(tex);
        return bounds(l.items.back()).min.x - bounds(l.items.front()).min.x;
    };
    // a+b: medium spaces around a binary operator; +b: the + is unary, no space.
    EXPECT_NEAR(gap("a+b") - gap("{}+b") - gap("a+{}") + gap("{}+{}"), 0.0, 1e-6);
    // 3mu of cmsy10's quad (10.00003 pt; TeX's own box shows 1.66663 pt after its rounding).
    const double thin = 3.0 * 10.0 / 18.0;
    EXPECT_NEAR(gap(R"(a\,b)") - gap("ab"), thin, 1e-4);
    EXPECT_NEAR(gap(R"(a\quad b)") - gap("ab"), 10.0, 1e-6);
    EXPECT_NEAR(gap(R"(a\!b)") - gap("ab"), -thin, 1e-4);
    EXPECT_NEAR(gap("a=b") - gap("ab"), 2 * 5 * 10.0 / 18 + bounds(typeset("=").items[0]).width() +
                                            (gap("a=b") - gap("ab") - 2 * 5 * 10.0 / 18 -
                                             bounds(typeset("=").items[0]).width()),
                1e-9);
    EXPECT_GT(gap("a=b") - gap("ab"), 2 * 5 * 10.0 / 18);
}

TEST(MathLayout, TextAndOperatorNamesUseLatinModernRoman) {
    const MathLayout l = typeset(R"(\text{ab} \operatorname{lr} x \mathbf{y})");
    ASSERT_EQ(l.items.size(), 6u);
    EXPECT_EQ(l.items[0].font, 1);
    EXPECT_EQ(l.items[3].font, 1);
    EXPECT_EQ(l.items[4].font, 0);
    EXPECT_EQ(l.items[5].font, 0);
    EXPECT_NE(l.items[5].glyph, typeset("y").items[0].glyph);
}

// amssymb's \mathbb is msbm10: the Type 1 outlines' ink boxes are msbm10.afm's (font units),
// and a \mathbb capital is that glyph in TeX's msbm box at 10 pt (TFM width 0.944 em for M).
TEST(MathLayout, BlackboardCapitalsAreMsbm10) {
    const Font& bb = FontSet::get().font(FontId::Blackboard);
    EXPECT_DOUBLE_EQ(bb.upem(), 1000.0);
    const struct {
        char32_t c;
        double l, b, r, t, wx;
    } afm[] = {{U'A', 17, 0, 703, 704, 722}, {U'M', 17, 0, 925, 685, 944},
               {U'Q', 33, -179, 745, 704, 777}, {U'R', 16, 0, 703, 685, 722}};
    for (const auto& g : afm) {
        std::uint32_t id = 0;
        ASSERT_TRUE(bb.glyph_of(g.c, id));
        const Bounds ink = all_bounds(bb.outline(id));
        EXPECT_NEAR(ink.min.x, g.l, 1.0);
        EXPECT_NEAR(ink.min.y, g.b, 1.0);
        EXPECT_NEAR(ink.max.x, g.r, 1.0);
        EXPECT_NEAR(ink.max.y, g.t, 1.0);
        EXPECT_NEAR(bb.metrics(id).advance, g.wx, 1.0);
    }
    std::uint32_t m = 0;
    ASSERT_TRUE(bb.glyph_of(U'M', m));
    const MathLayout l = typeset(R"(\mathbb{M})");
    ASSERT_EQ(l.items.size(), 1u);
    EXPECT_EQ(l.items[0].font, static_cast<int>(FontId::Blackboard));
    EXPECT_EQ(l.items[0].glyph, m);
    EXPECT_NEAR(l.width, 9.44446, 0.001);
    const Bounds ink = bounds(l.items[0]);
    EXPECT_NEAR(ink.min.x, 0.17, 0.02);
    EXPECT_NEAR(ink.max.x, 9.25, 0.02);
    EXPECT_NEAR(ink.max.y, 6.85, 0.02);
    // Unicode's holes (ℝ is U+211D) are the same letters.
    EXPECT_EQ(typeset(R"(\mathbb{R})").items[0].font, static_cast<int>(FontId::Blackboard));
}

TEST(MathLayout, AccentsSitAboveTheirBase) {
    for (const char* tex : {R"(\hat{x})", R"(\bar{x})", R"(\vec{v})", R"(\tilde{a})", R"(\dot{q})"}) {
        const MathLayout l = typeset(tex);
        ASSERT_EQ(l.items.size(), 2u) << tex;
        const Bounds acc = bounds(l.items[0]), base = bounds(l.items[1]);
        EXPECT_GT(acc.min.y, base.max.y - 0.5) << tex;
        EXPECT_NEAR(acc.center().x, base.center().x, 1.2) << tex;
    }
}

TEST(MathLayout, RulesAreRectanglesFromTheTopRightCounterClockwise) {
    const MathLayout l = typeset(R"(\frac{a}{b})");
    const Points& p = l.items[1].points;
    ASSERT_EQ(p.size(), 16u);
    const Bounds b = all_bounds(p);
    EXPECT_EQ(p[0], (Vec2{b.max.x, b.max.y}));
    EXPECT_EQ(p[3], (Vec2{b.min.x, b.max.y}));
    EXPECT_EQ(p[7], (Vec2{b.min.x, b.min.y}));
    EXPECT_EQ(p[11], (Vec2{b.max.x, b.min.y}));
    EXPECT_EQ(p[15], p[0]);
}

TEST(MathLayout, GlyphOutlinesAreClosedCubics) {
    for (const MathItem& it : typeset(R"(\alpha + \frac{1}{x})").items) {
        ASSERT_EQ(it.points.size() % 4, 0u);
        ASSERT_FALSE(it.points.empty());
    }
}

// amsfonts' \widehat and \widetilde: msbm's wide accents over more than 2 em, cmex's below,
// lowered by their font's x-height (box heights from LaTeX's \showbox of these formulas).
// \not: cmsy's zero-width slash first (dvisvgm's order), its ink as cmsy draws it (AFM box).
TEST(MathLayout, WideAccentsAndNotAsLatexSetsThem) {
    EXPECT_NEAR(typeset("\\widehat{ABC}").height, 10.45372, 0.01);
    const MathLayout tilde = typeset("\\widetilde{xyz}");
    EXPECT_NEAR(tilde.height, 7.5, 0.01);
    EXPECT_NEAR(tilde.depth, 1.94444, 0.01);
    const MathLayout ne = typeset("a\\not= b");
    ASSERT_EQ(ne.items.size(), 4u);
    EXPECT_NEAR(ne.width, 22.911, 0.01);
    double lo = 1e300, hi = -1e300, left = 1e300, right = -1e300;
    for (const Vec2& q : ne.items[1].points) {
        lo = std::min(lo, q.y);
        hi = std::max(hi, q.y);
        left = std::min(left, q.x);
        right = std::max(right, q.x);
    }
    EXPECT_NEAR(lo, -2.16, 0.05);
    EXPECT_NEAR(hi, 7.16, 0.05);
    EXPECT_NEAR(right - left, 4.99, 0.05);
}

// amsmath's \cdots takes a thin space before punctuation, a closing delimiter or the end of
// the formula or cell; plain TeX's braces: content, 3 pt, a 0.12 em row of pieces, 3 pt. The
// widths and heights are LaTeX's (\showbox of each formula with Manim's template).
TEST(MathLayout, DotsSpacingAndBracesAsLatexSetsThem) {
    EXPECT_NEAR(typeset("\\cdots").width, 13.33324, 0.01);
    EXPECT_NEAR(typeset("\\cdots a").width, 18.61913, 0.01);
    EXPECT_NEAR(typeset("a,\\cdots,b").width, 33.46623, 0.01);
    EXPECT_NEAR(typeset("\\dots,").width, 16.11102, 0.01);
    EXPECT_NEAR(typeset("\\dots)").width, 17.22214, 0.01);
    EXPECT_NEAR(typeset("\\begin{matrix}a&\\cdots&b\\end{matrix}").width, 42.91078, 0.01);
    EXPECT_NEAR(typeset("\\overbrace{1+2+n}").height, 13.64441, 0.01);
    const MathLayout under = typeset("\\underbrace{1+2+n}_{k}");
    EXPECT_NEAR(under.depth, 15.56105, 0.01);
    EXPECT_NEAR(under.height, 6.44444, 0.01);
    const MathLayout small = typeset("\\overbrace{a}");
    EXPECT_NEAR(small.width, 18.00018, 0.01);
    EXPECT_NEAR(small.height, 11.50551, 0.01);
}

} // namespace
} // namespace reel::math
