// MathTex: a native TeX-math typesetter (parser, TeX's Appendix G layout on the OpenType MATH
// table of Latin Modern Math) whose glyph outlines and rules become Manim-style mobjects.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "reel/geometry.h"
#include "reel/mobject.h"

namespace reel {

/// Keyword arguments of MathTex (Manim's MathTex(font_size=48, color=WHITE,
/// substrings_to_isolate=None, tex_to_color_map=None, arg_separator=" ")).
struct MathTexOptions {
    double font_size = 48.0;
    Color color = WHITE;
    /// Each occurrence of these becomes a part of its own (get_part_by_tex, TransformMatchingTex).
    std::vector<std::string> substrings_to_isolate = {};
    /// Isolated like substrings_to_isolate, then every part containing the key takes the colour.
    std::vector<std::pair<std::string, Color>> tex_to_color_map = {};
    /// What joins the parts into the one formula that is typeset.
    std::string arg_separator = " ";
};

/// Manim's MathTex of one TeX string, typeset in display style: MathTex -> [parts] -> [glyph
/// paths and rule Rectangles in dvisvgm order], centred on the origin. The parts are the
/// string split at {{...}} and at the substrings to isolate (one part without either).
/// Throws math::MathError on malformed input and std::runtime_error if a font cannot be loaded.
Mobject MathTex(std::string_view latex, const MathTexOptions& options = {});
/// Manim's MathTex("a^2", "+", "b^2"): the strings (each split as above) joined by
/// arg_separator and typeset as one formula; part i holds the glyphs of string i, counted by
/// typesetting it alone (empty strings are dropped; a part without glyphs is a point at the
/// right edge of the glyph at its place, as Manim's VectorizedPoint).
Mobject MathTex(const std::vector<std::string>& tex_strings, const MathTexOptions& options = {});
/// MathTex({"a^2", "+", "b^2"}) (a braced list of two literals would otherwise also read as
/// a string_view's first and last).
Mobject MathTex(std::initializer_list<const char*> tex_strings, const MathTexOptions& options = {});

/// Manim's Tex: text-mode LaTeX with inline $...$ math (Manim's tex_template: LaTeX's text
/// font, Latin Modern Roman 10 as cmr10 sets it; the math in text style), built and centred as
/// MathTex is. A MathTex whose one formula is the text as \text runs and {\textstyle ...}
/// formulas (`\$` is a dollar sign, `\LaTeX` and `\TeX` LaTeX's logos). `\\` ends a line:
/// the lines are centred 12 pt apart, as in Manim's center environment. Throws
/// math::MathError on unbalanced `$` or bad math.
Mobject Tex(std::string_view text, const MathTexOptions& options = {});

/// Manim's tex_string of a part of a MathTex ("" for any other mobject).
std::string tex_string_of(const Mobject& part);
/// Manim's MathTex.get_parts_by_tex: the parts whose TeX string contains `tex` (or equals it
/// when `substring` is false).
std::vector<Mobject> get_parts_by_tex(const Mobject& math_tex, std::string_view tex, bool substring = true);
/// Manim's MathTex.set_color_by_tex: colours every part get_parts_by_tex finds.
void set_color_by_tex(Mobject& math_tex, std::string_view tex, Color color, bool substring = true);

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

/// The MathTex formula Tex typesets for a text-mode string (\text{...} runs and
/// {\textstyle ...} formulas); throws MathError on an unclosed `$`.
std::string tex_to_formula(std::string_view text);

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
