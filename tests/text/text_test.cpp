// Text: glyph structure, sizes and styles as Manim 0.17.3 builds them (MANIM_SEMANTICS.md 4.9),
// with the fonts shipped in fonts/ (Liberation Serif stands in for "Times New Roman").
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "fonts_internal.h"
#include "text/fonts.h"
#include "reel/text.h"

namespace reel {
namespace {

class TextTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string err;
        ASSERT_TRUE(init_fonts(&err)) << "fonts could not be loaded: " << err;
        set_default_text_font("Times New Roman"); // seed: Text.set_default(font=...)
        set_manim_glyph_rounding(false);
    }
};

// Curves per contour. A contour ends where the next cubic does not start at the previous end.
std::vector<std::size_t> contour_sizes(const Points& p) {
    std::vector<std::size_t> sizes;
    for (std::size_t i = 0; i + 3 < p.size(); i += 4) {
        if (i == 0 || !((p[i] - p[i - 1]).norm() < 1e-9)) sizes.push_back(0);
        ++sizes.back();
    }
    return sizes;
}

// The last cubic of every contour is Manim's zero-length closing cubic.
bool every_contour_ends_with_a_null_cubic(const Points& p) {
    std::size_t start = 0;
    for (std::size_t n : contour_sizes(p)) {
        const std::size_t last = start + 4 * (n - 1);
        for (std::size_t k = 1; k < 4; ++k)
            if ((p[last + k] - p[last]).norm() > 1e-9) return false;
        start += 4 * n;
    }
    return true;
}

// ── Negative cases ────────────────────────────────────────────────────────────────────────

TEST_F(TextTest, NonPositiveFontSizeThrows) {
    EXPECT_THROW(Text("H", {.font_size = 0}), std::invalid_argument);
    EXPECT_THROW(Text("H", {.font_size = -12}), std::invalid_argument);
    EXPECT_THROW(Text("H", {.font_size = std::nan("")}), std::invalid_argument);
}

// font_size = 1e9 made Pango assert (its size in 1/1024 points overflows an int) and the
// command go on with exit 0: refused with the range instead.
TEST_F(TextTest, HugeFontSizesAreRefusedWithTheRange) {
    for (double size : {1e9, 1e6, double(INFINITY)}) {
        try {
            Text("H", {.font_size = size});
            ADD_FAILURE() << size << " accepted";
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find("up to 100000"), std::string::npos) << e.what();
        }
    }
    EXPECT_NO_THROW(Text("H", {.font_size = 2000}));
}

TEST_F(TextTest, InvalidUtf8Throws) {
    EXPECT_THROW(Text("abc\xff\xfe"), std::invalid_argument);
    EXPECT_THROW(Text("\xc3"), std::invalid_argument); // truncated sequence
}

TEST_F(TextTest, EmptyAndBlankStringsHaveNoGlyphs) {
    EXPECT_EQ(Text("").size(), 0u);
    EXPECT_EQ(Text("   ").size(), 0u);
    EXPECT_EQ(Text("\n\t\n").size(), 0u);
    EXPECT_EQ(Text("").width(), 0.0);
}

// ── Fonts ─────────────────────────────────────────────────────────────────────────────────

TEST_F(TextTest, FontsComeFromTheShippedFolder) {
    namespace fs = std::filesystem;
    const fs::path shipped = fs::canonical(REEL_SOURCE_FONTS_DIR);
    // The folder in use is the repository's fonts/, whether REEL_FONTS_DIR names it (as
    // ctest does) or reel looks for it itself.
    EXPECT_EQ(fs::canonical(fonts_dir()), shipped);
    {
        const std::string saved = std::getenv("REEL_FONTS_DIR") ? std::getenv("REEL_FONTS_DIR") : "";
        unsetenv("REEL_FONTS_DIR");
        EXPECT_EQ(fs::canonical(fonts_dir()), shipped) << "the lookup without REEL_FONTS_DIR";
        if (!saved.empty()) setenv("REEL_FONTS_DIR", saved.c_str(), 1);
    }
    // Every font fontconfig loaded is a file of that folder; no system font is visible.
    FcConfig* cfg = font_config();
    ASSERT_NE(cfg, nullptr);
    FcFontSet* app = FcConfigGetFonts(cfg, FcSetApplication);
    ASSERT_NE(app, nullptr);
    EXPECT_GE(app->nfont, 5);
    for (int i = 0; i < app->nfont; ++i) {
        FcChar8* file = nullptr;
        ASSERT_EQ(FcPatternGetString(app->fonts[i], FC_FILE, 0, &file), FcResultMatch);
        const fs::path f = fs::canonical(reinterpret_cast<const char*>(file));
        EXPECT_EQ(f.parent_path(), shipped) << f;
    }
    FcFontSet* sys = FcConfigGetFonts(cfg, FcSetSystem);
    EXPECT_TRUE(sys == nullptr || sys->nfont == 0) << (sys ? sys->nfont : 0) << " system fonts are visible";
    // And the family Text asks for by default resolves to the shipped stand-in.
    FcPattern* want = FcNameParse(reinterpret_cast<const FcChar8*>("Times New Roman"));
    FcConfigSubstitute(cfg, want, FcMatchPattern);
    FcDefaultSubstitute(want);
    FcResult result = FcResultNoMatch;
    FcPattern* got = FcFontMatch(cfg, want, &result);
    ASSERT_NE(got, nullptr);
    FcChar8* file = nullptr;
    ASSERT_EQ(FcPatternGetString(got, FC_FILE, 0, &file), FcResultMatch);
    EXPECT_EQ(fs::canonical(reinterpret_cast<const char*>(file)), shipped / "LiberationSerif-Regular.ttf");
    FcPatternDestroy(got);
    FcPatternDestroy(want);
}

// ── Structure: one child per visible glyph (4.9) ──────────────────────────────────────────

TEST_F(TextTest, OneChildPerVisibleGlyphInStringOrder) {
    Mobject t = Text("Grouped-Query Attention (GQA)", {.font_size = 42, .color = BLUE});
    EXPECT_EQ(t.size(), 27u); // [verified in Manim]
    EXPECT_EQ(t.leaves().size(), 27u);
    EXPECT_EQ(t.kind(), "Text");
    EXPECT_FALSE(t.has_points()); // the Text itself has no points
    // String order: "G" is left of "r", the closing parenthesis is the last glyph.
    EXPECT_LT(t[0].get_center().x, t[1].get_center().x);
    EXPECT_LT(t[25].get_center().x, t[26].get_center().x);
}

TEST_F(TextTest, FallbackGlyphsCountToo) {
    // "✓" comes from a fallback font: 1 + "argmax" = 7 [verified in Manim].
    EXPECT_EQ(Text("\u2713 argmax", {.font_size = 7, .color = YELLOW}).size(), 7u);
    // Arrow and multiplication sign of the box labels: 4 + 1 + 2 + 1 + 2 digits.
    EXPECT_EQ(Text("1536 \u2192 24\u00d764", {.font_size = 10}).size(), 10u);
}

TEST_F(TextTest, CapitalHHasTwentyEightCurvesPlusTheClosingOne) {
    Mobject t = Text("H");
    ASSERT_EQ(t.size(), 1u);
    const Points& p = t[0].points();
    EXPECT_EQ(curve_count(p), 29u); // 28 + 1 [verified with Liberation Serif]
    EXPECT_EQ(contour_sizes(p), (std::vector<std::size_t>{29}));
    EXPECT_TRUE(every_contour_ends_with_a_null_cubic(p));
}

TEST_F(TextTest, LowercaseOHasTwoContoursEachWithOneClosingCubic) {
    // Manim measured 8+1 and 16+1 curves with Debian's Liberation Serif 1.07 (fonts-liberation),
    // the font shipped in fonts/. One closing cubic per contour, none extra per glyph.
    Mobject t = Text("o");
    ASSERT_EQ(t.size(), 1u);
    auto sizes = contour_sizes(t[0].points());
    std::sort(sizes.begin(), sizes.end());
    EXPECT_EQ(sizes, (std::vector<std::size_t>{8 + 1, 16 + 1}));
    EXPECT_TRUE(every_contour_ends_with_a_null_cubic(t[0].points()));
}

// ── Sizes: em = font_size / 72 units (4.9 step 7) ─────────────────────────────────────────

TEST_F(TextTest, CapitalHHeightAtFortyEightAndSeventyTwo) {
    // Liberation Serif cap height 1409/2048 em; Manim measured 0.436719 and 0.654688 (1/64 SVG
    // unit = 0.00078 scene units of quantisation).
    EXPECT_NEAR(Text("H", {.font_size = 48}).height(), 0.436719, 8e-4);
    EXPECT_NEAR(Text("H", {.font_size = 72}).height(), 0.654688, 8e-4);
}

TEST_F(TextTest, SizeScalesWithFontSize) {
    const double h48 = Text("H", {.font_size = 48}).height();
    const double h24 = Text("H", {.font_size = 24}).height();
    EXPECT_NEAR(h24 * 2.0, h48, 2e-3);
}

TEST_F(TextTest, LinePitchIsOnePointThreeTimesFontSizeOverNinetySix) {
    // "H\nH\nH" at 48: line tops 0.65 apart [verified].
    Mobject t = Text("H\nH\nH", {.font_size = 48});
    ASSERT_EQ(t.size(), 3u);
    EXPECT_NEAR(t[0].get_top().y - t[1].get_top().y, 0.65, 1e-6);
    EXPECT_NEAR(t[1].get_top().y - t[2].get_top().y, 0.65, 1e-6);
}

TEST_F(TextTest, LinesAreLeftAligned) {
    Mobject t = Text("H\nHHHH", {.font_size = 48});
    ASSERT_EQ(t.size(), 5u);
    EXPECT_NEAR(t[0].get_left().x, t[1].get_left().x, 1e-9);
    EXPECT_LT(t[0].get_left().x, t.get_center().x - 0.3); // not centred per line
}

TEST_F(TextTest, IsCentredOnTheOriginByItsAnchorBox) {
    Mobject t = Text("Q Projection\n1536 \u2192 24\u00d764", {.font_size = 10});
    EXPECT_NEAR(t.get_center().x, 0.0, 1e-9);
    EXPECT_NEAR(t.get_center().y, 0.0, 1e-9);
}

// ── Style (3.1 and 4.9 step 8) ────────────────────────────────────────────────────────────

TEST_F(TextTest, GlyphsAreFilledInTheTextColourWithAWhiteZeroWidthStroke) {
    Mobject t = Text("Hi", {.font_size = 15, .color = GRAY});
    for (const auto& g : t.children()) {
        EXPECT_EQ(g.style().fill_color, GRAY);
        EXPECT_EQ(g.style().fill_opacity, 1.0);
        EXPECT_EQ(g.style().stroke_color, WHITE); // matters for Write's outline
        EXPECT_EQ(g.style().stroke_width, 0.0);
    }
    EXPECT_EQ(Text("H").children()[0].style().fill_color, WHITE); // default colour
}

TEST_F(TextTest, BoldIsWider) {
    EXPECT_GT(Text("Transformer", {.font_size = 48, .weight = Weight::Bold}).width(),
              Text("Transformer", {.font_size = 48}).width());
}

TEST_F(TextTest, RotateTurnsGlyphsAboutTheAnchorCentre) {
    Mobject t = Text("K0", {.font_size = 20});
    const Vec2 c = t.get_center();
    const Vec2 right_before = t[1].get_center();
    t.rotate(PI / 6);
    const Vec2 d = right_before - c;
    const Vec2 expect{c.x + d.x * std::cos(PI / 6) - d.y * std::sin(PI / 6),
                      c.y + d.x * std::sin(PI / 6) + d.y * std::cos(PI / 6)};
    // Glyph centres are bbox centres, which rotate only approximately; allow a glyph's size.
    EXPECT_NEAR(t[1].get_center().x, expect.x, 0.05);
    EXPECT_NEAR(t[1].get_center().y, expect.y, 0.05);
    EXPECT_GT(t[1].get_center().y, t[0].get_center().y); // counter-clockwise
}

TEST_F(TextTest, ManimGlyphRoundingSnapsAdvancesToAWholeSvgUnit) {
    // 4.9 step 3: with rounding, each glyph origin sits on a multiple of 0.05 scene units
    // relative to the first. Compare the left edges of the same letter.
    set_manim_glyph_rounding(true);
    Mobject t = Text("nnnnnnnn", {.font_size = 10});
    set_manim_glyph_rounding(false);
    ASSERT_EQ(t.size(), 8u);
    for (std::size_t i = 1; i < t.size(); ++i) {
        const double dx = (t[i].points()[0].x - t[0].points()[0].x) / 0.05;
        EXPECT_NEAR(dx, std::round(dx), 1e-6) << "glyph " << i;
    }
}

} // namespace
} // namespace reel
