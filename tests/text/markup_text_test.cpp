// MarkupText as Manim CE 0.17.3 builds it (text_mobject.py class MarkupText, manimpango's
// MarkupUtils.text2svg): what Pango draws becomes the submobjects, in Pango's order; Manim's
// <color>/<gradient> tags colour them by Manim's count of visible characters.
#include <gtest/gtest.h>

#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "fonts_internal.h"
#include "reel/text.h"

namespace reel {
namespace {

constexpr double kTol = 1e-9;

class MarkupTextTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string err;
        ASSERT_TRUE(init_fonts(&err)) << "fonts could not be loaded: " << err;
        set_default_text_font("DejaVu Serif");
        set_manim_glyph_rounding(false);
    }
};

// Pango's own metrics of a font at MarkupText's size (font_size / 4.8 pt at 96 dpi, unhinted
// as in Manim's SVG surface), in layout pixels: asked of Pango here, not of Reel.
struct Metrics {
    double underline_position, underline_thickness, strikethrough_position, strikethrough_thickness, ascent;
};
Metrics pango_metrics(const char* family, double font_size) {
    PangoFontMap* map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), font_config());
    PangoContext* ctx = pango_font_map_create_context(map);
    pango_cairo_context_set_resolution(ctx, 96.0);
    cairo_font_options_t* fo = cairo_font_options_create();
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    pango_cairo_context_set_font_options(ctx, fo);
    cairo_font_options_destroy(fo);
    PangoFontDescription* d = pango_font_description_new();
    pango_font_description_set_family(d, family);
    pango_font_description_set_size(d, pango_units_from_double(font_size / 4.8));
    PangoFontMetrics* m = pango_context_get_metrics(ctx, d, nullptr);
    Metrics out{pango_font_metrics_get_underline_position(m) / double(PANGO_SCALE),
                pango_font_metrics_get_underline_thickness(m) / double(PANGO_SCALE),
                pango_font_metrics_get_strikethrough_position(m) / double(PANGO_SCALE),
                pango_font_metrics_get_strikethrough_thickness(m) / double(PANGO_SCALE),
                pango_font_metrics_get_ascent(m) / double(PANGO_SCALE)};
    pango_font_metrics_unref(m);
    pango_font_description_free(d);
    g_object_unref(ctx);
    g_object_unref(map);
    return out;
}

// A submobject that is one axis-aligned rectangle: 4 lines and Manim's null closing cubic.
bool is_rectangle(const Mobject& m) {
    const Points& p = m.points();
    if (p.size() != 20) return false;
    for (std::size_t i = 0; i < 16; i += 4) {
        const Vec2 a = p[i], b = p[i + 3];
        if (std::abs(a.x - b.x) > kTol && std::abs(a.y - b.y) > kTol) return false;
    }
    return (p[16] - p[19]).norm() < kTol;
}

// The baseline of a glyph in scene units (its origin, from its glyph source).
double baseline_of(const Mobject& glyph) {
    EXPECT_NE(glyph.glyph(), nullptr);
    return glyph.glyph() ? glyph.glyph()->origin.y : NAN;
}

// ── Structure ────────────────────────────────────────────────────────────────────────────

// Manim's BooleanOperations title: 16 glyph paths, then the underline's one path.
TEST_F(MarkupTextTest, UnderlinedTitleIsItsGlyphsThenOneRectangle) {
    Mobject t = MarkupText("<u>Boolean Operation</u>");
    EXPECT_EQ(t.kind(), "MarkupText");
    ASSERT_EQ(t.size(), 17u);
    for (std::size_t i = 0; i < 16; ++i) EXPECT_NE(t[i].glyph(), nullptr) << i;
    EXPECT_EQ(t[16].glyph(), nullptr);
    EXPECT_TRUE(is_rectangle(t[16]));
    // It spans the line: from left of "B" to right of the last "n".
    EXPECT_LE(t[16].get_left().x, t[0].get_left().x + 1e-6);
    EXPECT_GE(t[16].get_right().x, t[15].get_right().x - 1e-6);
    EXPECT_EQ(t[1].glyph()->text, "o");
}

// Plain markup is laid out as Text lays it out: the same glyphs at the same places.
TEST_F(MarkupTextTest, PlainMarkupIsTextsGlyphsExactly) {
    Mobject m = MarkupText("Hello, world");
    Mobject t = Text("Hello, world", {.font = "DejaVu Serif"});
    ASSERT_EQ(m.size(), t.size());
    for (std::size_t i = 0; i < m.size(); ++i) {
        ASSERT_EQ(m[i].points().size(), t[i].points().size()) << i;
        for (std::size_t k = 0; k < m[i].points().size(); ++k)
            EXPECT_LT((m[i].points()[k] - t[i].points()[k]).norm(), 1e-9) << i << ":" << k;
    }
}

// The default family is Pango's default here (DejaVu Serif), whatever Text's default is.
TEST_F(MarkupTextTest, DefaultFamilyIsNotTextsDefault) {
    set_default_text_font("Liberation Sans");
    Mobject m = MarkupText("Hamburg");
    Mobject serif = Text("Hamburg", {.font = "DejaVu Serif"});
    Mobject sans = Text("Hamburg");
    EXPECT_NEAR(m.width(), serif.width(), 1e-9);
    EXPECT_GT(std::abs(m.width() - sans.width()), 0.01);
}

// ── Lines: underline, strikethrough, joined across runs as Pango joins them ─────────────

TEST_F(MarkupTextTest, UnderlineSitsAtPangosPositionWithPangosThickness) {
    const Metrics pm = pango_metrics("DejaVu Serif", 48);
    ASSERT_GT(pm.underline_thickness, 0);
    Mobject t = MarkupText("<u>Boolean Operation</u>");
    const Mobject rect = t[16];
    // Layout pixels are 0.05 units (Manim's TEXT_MOB_SCALE_FACTOR), y flipped.
    EXPECT_NEAR(rect.height(), 0.05 * pm.underline_thickness, 1e-9);
    const double baseline = baseline_of(t[0]);
    EXPECT_NEAR(rect.get_top().y, baseline + 0.05 * pm.underline_position, 1e-9);
    // And those are the font's own numbers: fonts/DejaVuSerif.ttf's post table has
    // underlinePosition -40 and underlineThickness 90 (units of 1/2048 em); the em is 10 pt
    // at 96 dpi. So the line is 0.0293 units thick, its top 0.013 units under the baseline.
    const double em = 48 / 4.8 * 96 / 72;
    EXPECT_NEAR(pm.underline_thickness, 90.0 / 2048 * em, 1e-3);
    EXPECT_NEAR(pm.underline_position, -40.0 / 2048 * em, 1e-3);
    EXPECT_NEAR(rect.height(), 0.0293, 1e-4);
    EXPECT_NEAR(baseline - rect.get_top().y, 0.0130, 1e-4);
}

TEST_F(MarkupTextTest, UnderlineIsJoinedAcrossRunsOfTheSameColour) {
    // Bold makes a second run; the underline is still one rectangle after both.
    Mobject t = MarkupText("<u>ab<b>cd</b></u>");
    ASSERT_EQ(t.size(), 5u);
    EXPECT_TRUE(is_rectangle(t[4]));
    EXPECT_LE(t[4].get_left().x, t[0].get_left().x + 1e-6);
    EXPECT_GE(t[4].get_right().x, t[3].get_right().x - 1e-6);
}

TEST_F(MarkupTextTest, ANewColourEndsTheUnderlineAsPangoDoes) {
    // Pango flushes the underline when its colour changes: a, b, line(ab), c, d, line(cd).
    Mobject t = MarkupText("<u>ab<span foreground=\"#ff0000\">cd</span></u>");
    ASSERT_EQ(t.size(), 6u);
    EXPECT_TRUE(is_rectangle(t[2]));
    EXPECT_TRUE(is_rectangle(t[5]));
    EXPECT_EQ(t[2].style().fill_color, WHITE);
    EXPECT_EQ(t[5].style().fill_color, rgb(0xFF0000));
    EXPECT_EQ(t[3].style().fill_color, rgb(0xFF0000));
    EXPECT_NEAR(t[2].get_right().x, t[5].get_left().x, 1e-6); // end to end
}

TEST_F(MarkupTextTest, StrikethroughAtPangosPosition) {
    const Metrics pm = pango_metrics("DejaVu Serif", 48);
    Mobject t = MarkupText("<s>strike</s>");
    ASSERT_EQ(t.size(), 7u);
    const Mobject rect = t[6];
    EXPECT_TRUE(is_rectangle(rect));
    EXPECT_NEAR(rect.height(), 0.05 * pm.strikethrough_thickness, 1e-9);
    EXPECT_NEAR(rect.get_top().y, baseline_of(t[0]) + 0.05 * pm.strikethrough_position, 1e-9);
    // The font's OS/2 table: yStrikeoutSize 102, yStrikeoutPosition 530 (1/2048 em).
    const double em = 48 / 4.8 * 96 / 72;
    EXPECT_NEAR(pm.strikethrough_thickness, 102.0 / 2048 * em, 1e-3);
    EXPECT_NEAR(pm.strikethrough_position, 530.0 / 2048 * em, 1e-3);
}

TEST_F(MarkupTextTest, DoubleAndErrorUnderlines) {
    // double: two rectangles, Pango draws the lower (2 thicknesses down) first; error: one
    // zig-zag band.
    Mobject d = MarkupText("<span underline=\"double\">ab</span>");
    ASSERT_EQ(d.size(), 4u);
    EXPECT_TRUE(is_rectangle(d[2]) && is_rectangle(d[3]));
    EXPECT_NEAR(d[3].get_top().y - d[2].get_top().y, 2 * d[2].height(), 1e-9);
    Mobject single = MarkupText("<u>ab</u>");
    EXPECT_NEAR(baseline_of(d[0]) - d[3].get_top().y, baseline_of(single[0]) - single[2].get_top().y, 1e-9);
    Mobject e = MarkupText("<span underline=\"error\">abcdef</span>");
    ASSERT_EQ(e.size(), 7u);
    EXPECT_GT(e[6].points().size(), 20u);
    EXPECT_LT(e[6].get_top().y, baseline_of(e[0]));
}

// overline: at the font's ascent above the baseline, an underline's thickness; its own colour.
TEST_F(MarkupTextTest, OverlineAndLineColours) {
    const Metrics pm = pango_metrics("DejaVu Serif", 48);
    Mobject t = MarkupText("<span overline=\"single\" overline_color=\"#00ff00\">ab</span>");
    ASSERT_EQ(t.size(), 3u);
    EXPECT_TRUE(is_rectangle(t[2]));
    EXPECT_NEAR(t[2].height(), 0.05 * pm.underline_thickness, 1e-9);
    EXPECT_NEAR(t[2].get_top().y, baseline_of(t[0]) + 0.05 * pm.ascent, 1e-9);
    EXPECT_EQ(t[2].style().fill_color, rgb(0x00FF00));
    EXPECT_EQ(t[0].style().fill_color, WHITE);
    Mobject u = MarkupText("<span underline=\"single\" underline_color=\"#ff0000\">ab</span>");
    EXPECT_EQ(u[2].style().fill_color, rgb(0xFF0000));
}

TEST_F(MarkupTextTest, BackgroundIsARectangleBeforeTheGlyphs) {
    Mobject t = MarkupText("x<span background=\"#0000ff\">ab</span>");
    ASSERT_EQ(t.size(), 4u);
    EXPECT_TRUE(is_rectangle(t[1]));
    EXPECT_EQ(t[1].style().fill_color, rgb(0x0000FF));
    // The line's full height, from the left of "a".
    EXPECT_GT(t[1].height(), t[2].height());
    EXPECT_LE(t[1].get_left().x, t[2].get_left().x);
}

// ── Sizes and shifts ──────────────────────────────────────────────────────────────────────

TEST_F(MarkupTextTest, BigSmallSupAndSub) {
    Mobject big = MarkupText("<big>x</big>x");
    EXPECT_NEAR(big[0].height() / big[1].height(), 1.2, 1e-3); // PANGO_SCALE_LARGE
    Mobject small = MarkupText("<small>x</small>x");
    EXPECT_NEAR(small[0].height() / small[1].height(), 1 / 1.2, 1e-3);
    Mobject sup = MarkupText("x<sup>2</sup>");
    Mobject sub = MarkupText("x<sub>2</sub>");
    EXPECT_GT(sup[1].get_bottom().y, sup[0].get_bottom().y + 0.05);
    EXPECT_LT(sub[1].get_bottom().y, sub[0].get_bottom().y - 0.02);
    Mobject bold = MarkupText("<b>Hamburg</b>"), plain = MarkupText("Hamburg");
    EXPECT_GT(bold.width(), plain.width() * 1.03);
    // No italic face is shipped: the upright outline slanted by 0.2 (fontconfig's synthetic
    // oblique, as on Manim's Debian): x' = x + 0.2 (y - baseline) about the glyph origin.
    Mobject italic = MarkupText("<i>l</i>"), upright = MarkupText("l");
    EXPECT_GT(italic[0].width(), upright[0].width() + 0.03);
    ASSERT_EQ(italic[0].points().size(), upright[0].points().size());
    const Vec2 oi = italic[0].glyph()->origin, ou = upright[0].glyph()->origin;
    for (std::size_t k = 0; k < italic[0].points().size(); ++k) {
        const Vec2 pi = italic[0].points()[k] - oi, pu = upright[0].points()[k] - ou;
        // (FreeType keeps outlines in 1/64 pixel: 0.0008 units here.)
        EXPECT_NEAR(pi.y, pu.y, 1e-3);
        EXPECT_NEAR(pi.x, pu.x + 0.2 * pu.y, 1e-3);
    }
    Mobject tt = MarkupText("<tt>il</tt>");
    EXPECT_NEAR(tt[1].glyph()->origin.x - tt[0].glyph()->origin.x,
                MarkupText("<tt>mm</tt>")[1].glyph()->origin.x - MarkupText("<tt>mm</tt>")[0].glyph()->origin.x, 1e-9);
    Mobject sized = MarkupText("<span size=\"x-large\">H</span>");
    EXPECT_NEAR(sized.height() / MarkupText("H").height(), 1.2 * 1.2, 1e-3);
    Mobject font = MarkupText("<span font=\"Liberation Sans\">Hamburg</span>");
    EXPECT_NEAR(font.width(), Text("Hamburg", {.font = "Liberation Sans"}).width(), 1e-9);
}

TEST_F(MarkupTextTest, KeywordArguments) {
    const double h = MarkupText("H").height();
    EXPECT_NEAR(MarkupText("H", {.font_size = 96}).height(), 2 * h, 1e-9);
    EXPECT_EQ(MarkupText("H", {.color = BLUE})[0].style().fill_color, BLUE);
    EXPECT_NEAR(MarkupText("Hamburg", {.font = "Liberation Sans"}).width(),
                Text("Hamburg", {.font = "Liberation Sans"}).width(), 1e-9);
    EXPECT_NEAR(MarkupText("Hamburg", {.weight = Weight::Bold}).width(), MarkupText("<b>Hamburg</b>").width(), 1e-9);
    EXPECT_NEAR(MarkupText("Hamburg", {.slant = Slant::Italic}).width(), MarkupText("<i>Hamburg</i>").width(), 1e-9);
    // disable_ligatures: DejaVu Serif joins "ffi" into fewer glyphs unless ligatures are off.
    EXPECT_LT(MarkupText("ffi").size(), 3u);
    EXPECT_EQ(MarkupText("ffi", {.disable_ligatures = true}).size(), 3u);
    // line_spacing: Text's pitch between baselines; -1 is Pango's own line height.
    Mobject spaced = MarkupText("a\nb", {.line_spacing = 0.3});
    Mobject text = Text("a\nb", {.font = "DejaVu Serif"});
    EXPECT_NEAR(baseline_of(spaced[0]) - baseline_of(spaced[1]), baseline_of(text[0]) - baseline_of(text[1]), 1e-3);
    Mobject natural = MarkupText("a\nb");
    EXPECT_GT(baseline_of(natural[0]) - baseline_of(natural[1]), baseline_of(spaced[0]) - baseline_of(spaced[1]) + 0.05);
    // gradient=(RED, BLUE): over every submobject.
    Mobject g = MarkupText("abc", {.gradient = {RED, BLUE}});
    EXPECT_EQ(g[0].style().fill_color, RED);
    EXPECT_EQ(g[2].style().fill_color, BLUE);
}

// Manim's pango_width = 500: a long line wraps; justify spreads the wrapped line to the width.
TEST_F(MarkupTextTest, LongLinesWrapAtManimsWidthAndJustify) {
    std::string words;
    for (int i = 0; i < 30; ++i) words += "word ";
    Mobject t = MarkupText(words);
    const double line_height = MarkupText("word").height();
    EXPECT_GT(t.height(), 2 * line_height);
    EXPECT_LE(t.width(), 500 * 0.05 + 1e-9);
    Mobject j = MarkupText(words, {.justify = true});
    EXPECT_GT(j.width(), t.width());
    EXPECT_NEAR(j.width(), 500 * 0.05, 0.2);
}

// ── Colours: spans and Manim's tags ──────────────────────────────────────────────────────

TEST_F(MarkupTextTest, SpanForegroundColoursItsGlyphs) {
    Mobject t = MarkupText("a<span foreground=\"#00ff00\">b</span>c", {.color = YELLOW});
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[0].style().fill_color, YELLOW);
    EXPECT_EQ(t[1].style().fill_color, rgb(0x00FF00));
    EXPECT_EQ(t[2].style().fill_color, YELLOW);
    Mobject a = MarkupText("<span fgalpha=\"50%\">a</span>");
    EXPECT_NEAR(a[0].style().fill_opacity, 0.5, 1e-4);
}

TEST_F(MarkupTextTest, ColorTagColoursByManimsCount) {
    Mobject t = MarkupText("ab <color col=\"RED\">cd</color> e");
    ASSERT_EQ(t.size(), 5u);
    EXPECT_EQ(t[1].style().fill_color, WHITE);
    EXPECT_EQ(t[2].style().fill_color, RED);
    EXPECT_EQ(t[3].style().fill_color, RED);
    EXPECT_EQ(t[4].style().fill_color, WHITE);
    EXPECT_EQ(t[2].style().stroke_color, RED);
    // offset="1": one submobject earlier (Manim: start - offset .. end - offset).
    Mobject o = MarkupText("ab<color col=\"#ff0000\" offset=\"1\">cd</color>");
    EXPECT_EQ(o[0].style().fill_color, WHITE);
    EXPECT_EQ(o[1].style().fill_color, rgb(0xFF0000));
    EXPECT_EQ(o[2].style().fill_color, rgb(0xFF0000));
    EXPECT_EQ(o[3].style().fill_color, WHITE);
}

TEST_F(MarkupTextTest, GradientTagSpreadsItsColoursAsManimsColorGradient) {
    Mobject t = MarkupText("<gradient from=\"RED\" to=\"BLUE\">abc</gradient>d");
    ASSERT_EQ(t.size(), 4u);
    EXPECT_EQ(t[0].style().fill_color, RED);
    const Color mid{(RED.r + BLUE.r) / 2, (RED.g + BLUE.g) / 2, (RED.b + BLUE.b) / 2};
    EXPECT_NEAR(t[1].style().fill_color.r, mid.r, 1e-12);
    EXPECT_NEAR(t[1].style().fill_color.g, mid.g, 1e-12);
    EXPECT_NEAR(t[1].style().fill_color.b, mid.b, 1e-12);
    EXPECT_EQ(t[2].style().fill_color, BLUE);
    EXPECT_EQ(t[3].style().fill_color, WHITE);
    // An underline inside counts as a submobject after its glyphs, as in Manim's chars.
    Mobject u = MarkupText("<u><gradient from=\"RED\" to=\"BLUE\">ab</gradient></u>");
    ASSERT_EQ(u.size(), 3u);
    EXPECT_EQ(u[1].style().fill_color, BLUE);
    EXPECT_EQ(u[2].style().fill_color, WHITE); // the line is not in the range
}

// Where Manim's expressions find tags: several, around other tags, after entities (one
// character each), with the body the shortest text up to the closing tag.
TEST_F(MarkupTextTest, TagsAreFoundWhereManimsExpressionsFindThem) {
    Mobject two = MarkupText("<color col=\"RED\">a</color><color col=\"BLUE\">b</color>c");
    ASSERT_EQ(two.size(), 3u);
    EXPECT_EQ(two[0].style().fill_color, RED);
    EXPECT_EQ(two[1].style().fill_color, BLUE);
    EXPECT_EQ(two[2].style().fill_color, WHITE);
    Mobject nested = MarkupText("<color col=\"GREEN\"><b>ab</b></color>c");
    EXPECT_EQ(nested[1].style().fill_color, GREEN);
    EXPECT_EQ(nested[2].style().fill_color, WHITE);
    Mobject entity = MarkupText("&amp;&lt;<color col=\"RED\">b</color>");
    ASSERT_EQ(entity.size(), 3u);
    EXPECT_EQ(entity[1].style().fill_color, WHITE);
    EXPECT_EQ(entity[2].style().fill_color, RED);
    Mobject both = MarkupText("<gradient from=\"#ff0000\" to=\"#0000ff\">ab</gradient><color col=\"YELLOW\">c</color>");
    EXPECT_EQ(both[0].style().fill_color, rgb(0xFF0000));
    EXPECT_EQ(both[1].style().fill_color, rgb(0x0000FF));
    EXPECT_EQ(both[2].style().fill_color, YELLOW);
    // A long body: std::regex (libstdc++) recursed per character of it and overflowed the
    // stack at 500000 (a crash); the scan is linear.
    Mobject long_body = MarkupText("<color col=\"RED\">" + std::string(500000, ' ') + "x</color>y");
    ASSERT_EQ(long_body.size(), 2u);
    EXPECT_EQ(long_body[0].style().fill_color, RED);
    EXPECT_EQ(long_body[1].style().fill_color, WHITE);
}

// Manim counts a newline as a character when it places its tags, so after a newline a tag
// colours one submobject later than its text (here: past the end, nothing).
TEST_F(MarkupTextTest, NewlinesShiftTagsAsInManim) {
    Mobject t = MarkupText("a\n<color col=\"RED\">b</color>");
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[1].style().fill_color, WHITE);
}

// ── Errors ───────────────────────────────────────────────────────────────────────────────

std::string error_of(const std::string& markup) {
    try {
        MarkupText(markup);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

TEST_F(MarkupTextTest, InvalidMarkupNamesPangosParseError) {
    const std::string e = error_of("<b>bold</i>");
    EXPECT_NE(e.find("MarkupText: invalid markup"), std::string::npos) << e;
    EXPECT_NE(e.find("“i” was closed"), std::string::npos) << e; // Pango's own words
    EXPECT_NE(error_of("<b>open").find("invalid markup"), std::string::npos);
    EXPECT_NE(error_of("<span colour=\"red\">x</span>").find("colour"), std::string::npos);
    EXPECT_NE(error_of("<span foreground=\"nocolor\">x</span>").find("nocolor"), std::string::npos);
    EXPECT_NE(error_of("a & b").find("invalid markup"), std::string::npos);
    EXPECT_NE(error_of("<color col=\"NOTACOLOR\">x</color>").find("NOTACOLOR"), std::string::npos);
    EXPECT_NE(error_of("<color col=\"RED\" offset=\"x\">ab</color>").find("offset"), std::string::npos);
    EXPECT_THROW(MarkupText("abc\xff"), std::invalid_argument);
    EXPECT_THROW(MarkupText("H", {.font_size = 0}), std::invalid_argument);
    // Escaped markup characters are text.
    EXPECT_EQ(MarkupText("a &amp; b &lt;c&gt;").size(), 6u);
}

// ── Glyph rounding (Manim 0.17.3's 0.05-unit advances) ───────────────────────────────────

TEST_F(MarkupTextTest, ManimGlyphRoundingSnapsAdvances) {
    Mobject exact = MarkupText("iiiiiiii", {.font_size = 20});
    set_manim_glyph_rounding(true);
    Mobject rounded = MarkupText("iiiiiiii", {.font_size = 20});
    set_manim_glyph_rounding(false);
    ASSERT_EQ(rounded.size(), 8u);
    const double step = rounded[1].glyph()->origin.x - rounded[0].glyph()->origin.x;
    EXPECT_NEAR(step / 0.05, std::round(step / 0.05), 1e-9); // a whole layout pixel
    EXPECT_GT(std::abs(exact.width() - rounded.width()), 1e-4);
}

} // namespace
} // namespace reel
