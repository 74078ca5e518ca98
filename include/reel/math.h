// MathTex: a native TeX-math typesetter (parser, TeX's Appendix G layout on the OpenType MATH
// table of Latin Modern Math) whose glyph outlines and rules become Manim-style mobjects.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "reel/geometry.h"
#include "reel/mobject.h"

namespace reel {

/// Keyword arguments of MathTex (Manim's MathTex(font_size=48, color=WHITE)).
struct MathTexOptions {
    double font_size = 48.0;
    Color color = WHITE;
};

/// Manim's MathTex of one TeX string, typeset in display style: MathTex -> [one group without
/// points] -> [glyph paths and rule Rectangles in dvisvgm order]. Centred on the origin.
/// Throws math::MathError on malformed input and std::runtime_error if a font cannot be loaded.
Mobject MathTex(std::string_view latex, const MathTexOptions& options = {});

namespace math {

/// A malformed formula: `column` (1-based, in characters) and the offending `token`.
class MathError : public std::runtime_error {
public:
    MathError(const std::string& message, std::size_t column, std::string token);
    /// 1-based column of the offending token, in Unicode characters.
    std::size_t column() const { return column_; }
    /// The offending token as written ("\foo", "}", "end of input").
    const std::string& token() const { return token_; }
    /// The message without the position prefix.
    const std::string& message() const { return message_; }

private:
    std::size_t column_;
    std::string token_;
    std::string message_;
};

/// Longest formula accepted, in bytes (longer input is a MathError, not a slow render).
inline constexpr std::size_t kMaxFormulaBytes = 64 * 1024;
/// Deepest nesting of groups and constructs accepted.
inline constexpr int kMaxNesting = 64;

/// One glyph or rule of a typeset formula.
struct MathItem {
    enum class Kind { Glyph, Rule };
    Kind kind = Kind::Glyph;
    /// Closed outline (glyph) or rectangle (rule: 4 cubics from the top-right corner,
    /// counter-clockwise), in TeX points, +y up, origin on the formula's baseline at its left.
    Points points;
    /// Glyph id in its font (0 for rules).
    std::uint32_t glyph = 0;
    /// Font the glyph comes from: 0 Latin Modern Math, 1-3 Latin Modern Roman regular/bold/italic.
    int font = 0;
};

/// A typeset formula: items in the order LaTeX + dvisvgm would emit them, and TeX's box.
struct MathLayout {
    std::vector<MathItem> items;
    double width = 0.0;  ///< TeX points
    double height = 0.0; ///< above the baseline, TeX points
    double depth = 0.0;  ///< below the baseline, TeX points
};

/// Checks and parses a formula without laying it out; throws MathError.
void check_syntax(std::string_view latex);
/// Parses and lays out a formula in display style at 10 pt; throws MathError.
MathLayout typeset(std::string_view latex);

/// Scene units per TeX point at a Manim font size: 72/72.27 bp per pt times font_size/960.
inline constexpr double scene_units_per_point(double font_size) {
    return 72.0 / 72.27 * font_size / 960.0;
}

/// Where MathTex puts the origin of TeX's box (the left end of its baseline), in scene units:
/// MathTex centres the formula on its anchors' box, as Manim centres the imported SVG.
Vec2 box_origin(const MathLayout& layout, double font_size);

} // namespace math
} // namespace reel
