// TeX's own numbers for the characters LaTeX sets math in (cmr, cmmi, cmsy, cmbx, msbm at
// 10, 7 and 5 pt; from the TFM files, see scripts/make-tex-metrics.py): Reel draws Latin Modern
// Math outlines but gives each character TeX's width, height, depth and italic correction, and
// fits the outline to the ink box of TeX's glyph (the 7 pt and 5 pt optical sizes are wider).
#pragma once

namespace reel::math {

/// One character's box at its size, in TeX points.
struct TexChar {
    double width = 0;
    double height = 0;
    double depth = 0;
    double italic = 0;
    /// Horizontal scale of the 10 pt outline at this size (1 at 10 pt; about 1.1 at 7 pt).
    double widen = 1;
    /// The ink box of TeX's glyph (the AMS Type 1 font's AFM bounding box), when known.
    bool ink = false;
    double ink_left = 0, ink_bottom = 0, ink_right = 0, ink_top = 0;
};

/// TeX's character for a math code point at style level (0/1 10 pt, 2 7 pt, 3 5 pt); false if
/// LaTeX sets it from a font Reel has no metrics of.
bool tex_char(char32_t cp, int level, TexChar& out);

/// TeX's big operator (cmex10) for a code point, text (display false) or display size.
bool tex_operator(char32_t cp, bool display, TexChar& out);

/// cmex's delimiter of a code point at a size (0..3: 1.2, 1.8, 2.4, 3 em), or with `size` 4
/// the width of its extensible pieces; false if TeX has no such delimiter.
bool tex_delimiter(char32_t cp, int size, TexChar& out);

/// The character LaTeX (with amsfonts) puts over a `width`-pt wide nucleus for \widehat
/// (U+0302) or \widetilde (U+0303) at 10 pt: cmex's 0.56/1/1.44 em sizes, or msbm's 1.89/2.33
/// em ones over more than 2 em; the widest whose width is at most the nucleus's. `x_height`:
/// that font's x-height, which rule 12 lowers the accent by.
bool tex_wide_accent(char32_t accent, double width, TexChar& out, double& x_height);

/// cmsy's zero-width negation slash (\not) at a style level: its ink box and TFM box.
bool tex_not_slash(int level, TexChar& out);

/// A \fontdimen of cmsy (the math symbol font's sigma parameters) at a style level, in points.
double tex_sigma(int index, int level);

} // namespace reel::math
