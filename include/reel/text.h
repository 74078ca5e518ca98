// Text: Pango lays out, glyph outlines become paths (one mobject per visible glyph).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "reel/mobject.h"
#include "reel/recording.h"

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
