// TeX's Appendix G on the OpenType MATH table: noads -> a box of positioned glyphs and rules.
#pragma once

#include <cstdint>
#include <vector>

#include "font.h"
#include "parser.h"

namespace reel::math {

/// A glyph or rule placed in a box, in TeX points (+y up, baseline origin).
struct Placed {
    bool rule = false;
    FontId font = FontId::Math;
    std::uint32_t glyph = 0;
    double scale = 0; ///< points per font unit (glyphs)
    double x = 0;     ///< glyph origin, or the rule's left edge
    double y = 0;     ///< glyph baseline, or the rule's bottom edge
    double w = 0;     ///< rule size
    double h = 0;
    double sx = 1; ///< extra horizontal scale of a glyph's outline (TeX's wider small sizes)
    double sy = 1; ///< extra vertical scale of a glyph's outline (fitted to TeX's glyph)
};

/// TeX's box: width, height above and depth below the baseline, and its contents in
/// shipping order (the order dvisvgm writes them).
struct Box {
    double width = 0;
    double height = 0;
    double depth = 0;
    std::vector<Placed> items;

    /// Appends the contents of `b` with its origin at (dx, dy) (dy up), without resizing.
    void append(const Box& b, double dx, double dy);
};

/// Lays out a parsed formula in display style at 10 pt.
Box layout_formula(const NodeList& formula, const FontSet& fonts);

} // namespace reel::math
