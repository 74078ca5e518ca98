// Text: Pango lays out, glyph outlines become paths (one mobject per visible glyph).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reel/mobject.h"

namespace reel {

enum class Weight { Normal, Bold };

struct TextOptions {
    double font_size = 48.0;
    Color color = WHITE;
    Weight weight = Weight::Normal;
    /// Font family; empty means the default set with `set_default_text_font`.
    std::string font;
    /// Line pitch factor (Manim's line_spacing); -1 means Manim's default.
    double line_spacing = -1.0;
};

/// Manim's Text: em = font_size / 72 units, lines left-aligned with pitch 1.3 * font_size / 96,
/// one child per visible glyph in string order, each contour closed with Manim's extra
/// zero-length cubic. Glyph positions are Pango's (not rounded to 0.05 units).
/// Throws std::runtime_error if the text cannot be laid out.
Mobject Text(std::string_view text, const TextOptions& o = {});

/// Manim's slant: NORMAL, ITALIC, OBLIQUE.
enum class Slant { Normal, Italic, Oblique };

/// Manim's MarkupText keyword arguments (those that change the picture in Manim 0.17.3, and
/// line_spacing, which it accepts but ignores).
struct MarkupTextOptions {
    double font_size = 48.0;
    /// The colour of text no span colours: Manim wraps the markup in <span foreground=...>.
    Color color = WHITE;
    Weight weight = Weight::Normal;
    Slant slant = Slant::Normal;
    /// Font family; empty means Pango's default family as Manim gets it here (DejaVu Serif).
    /// Text's set_default_text_font does not apply (Manim's Text.set_default does not either).
    std::string font;
    /// -1: Pango's own line height, as Manim 0.17.3 (which passes its line_spacing to a
    /// parameter manimpango ignores). >= 0: lines of the base font pitched as Text's are,
    /// (1 + line_spacing) * font_size / 4.8 layout pixels apart.
    double line_spacing = -1.0;
    /// Pango's justification of wrapped lines (every line but a paragraph's last).
    bool justify = false;
    /// Turns off the liga, dlig, clig and hlig OpenType features (fi, fl stay two glyphs).
    bool disable_ligatures = false;
    /// Manim's gradient=(...): these colours spread over every submobject (empty: none).
    std::vector<Color> gradient;
};

/// Manim's MarkupText: one Pango layout of the markup (b, i, u, s, big, small, sup, sub, tt,
/// span with any Pango attribute), 500 layout pixels wide (longer lines wrap, as Manim's do),
/// at em = font_size / 72 units. Submobjects in Pango's drawing order: per run its background
/// rectangle (span background), its glyphs (one per visible glyph, as Text), and underline,
/// overline and strikethrough as Pango draws them: one rectangle per stretch of runs with the
/// same line, joined across runs, after their glyphs. Manim's own tags <color col=".."> and
/// <gradient from=".." to=".."> (with offset="a,b") are taken out before Pango sees the
/// markup and colour submobjects by Manim's count of visible characters. Glyph positions are
/// Pango's unless set_manim_glyph_rounding is on. Throws std::invalid_argument naming the
/// problem for markup Pango cannot parse (Pango's message), an unknown colour name in a Manim
/// tag, a bad font_size or invalid UTF-8.
Mobject MarkupText(std::string_view markup, const MarkupTextOptions& o = {});

/// Manim's Text.set_default(font=...): the family of Text made afterwards in the current
/// recording (RecordingContext::current()). The next recording starts from "DejaVu Serif".
void set_default_text_font(std::string family);
/// The current recording's default family.
const std::string& default_text_font();

/// Manim 0.17.3 compatibility: round every glyph advance to 0.05 units as manimpango's SVG
/// path did (uneven spacing at small sizes), for Text made afterwards in the current recording.
/// Off by default: Reel keeps Pango's positions. A command line chooses it for a whole
/// recording with RecordingOptions::manim_glyph_rounding.
void set_manim_glyph_rounding(bool on);

} // namespace reel
