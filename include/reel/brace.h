// Manim's braces (manim/mobject/svg/brace.py): Brace, BraceBetweenPoints, BraceLabel.
#pragma once

#include <string>
#include <string_view>

#include "reel/mobject.h"

namespace reel {

struct BraceOptions {
    double buff = 0.2;
    double sharpness = 2.0;
    Color color = WHITE;
};

/// Manim's Brace: its SVG path with straight parts of max(0, (width * sharpness - 0.90552) / 2),
/// stretched to the width of `m` seen from `direction`, `buff` beyond its bounding box.
/// Filled, no stroke. The tip is point 28 of the path.
Mobject Brace(const Mobject& m, Vec2 direction = DOWN, const BraceOptions& o = {});
/// Manim's BraceBetweenPoints: a Brace of Line(p1, p2); by default on the right of p1 -> p2.
Mobject BraceBetweenPoints(Vec2 p1, Vec2 p2, std::optional<Vec2> direction = std::nullopt,
                           const BraceOptions& o = {});
/// The tip of a brace (Brace.get_tip) and its unit direction from the brace's centre.
Vec2 brace_tip(const Mobject& brace);
Vec2 brace_direction(const Mobject& brace);
/// Manim's put_at_tip: next_to(tip, round(direction), buff).
Mobject& put_at_tip(const Mobject& brace, Mobject& m, double buff = MED_SMALL_BUFF);
/// Manim's Brace.get_text: a Tex of `text` (text-mode LaTeX) put at the brace's tip with `buff`
/// (put_at_tip). Needs reel::math.
Mobject brace_get_text(const Mobject& brace, std::string_view text, double buff = MED_SMALL_BUFF);
/// Manim's Brace.get_tex: a MathTex of `tex` put at the brace's tip. Needs reel::math.
Mobject brace_get_tex(const Mobject& brace, std::string_view tex, double buff = MED_SMALL_BUFF);
/// What BraceLabel makes its label with (Manim's label_constructor: MathTex, Tex or Text).
enum class LabelConstructor { MathTex, Tex, Text };

/// BraceLabel's keyword arguments (Manim's names and defaults).
struct BraceLabelOptions {
    Vec2 brace_direction = DOWN;
    LabelConstructor label_constructor = LabelConstructor::MathTex;
    /// The label's font size, passed to its constructor.
    double font_size = 48.0;
    /// The brace's buff (its brace_config's own buff is not used, as in Manim).
    double buff = 0.2;
    BraceOptions brace_config{};
};
/// Manim's BraceLabel: [Brace(m, brace_direction, buff), the label put at its tip], of kind
/// "BraceLabel"; its creation_anim is in reel/animation.h. Needs reel::math.
Mobject BraceLabel(const Mobject& m, const std::string& text, const BraceLabelOptions& o = {});
/// Manim's BraceText: a BraceLabel whose label is a Text (kind "BraceText").
Mobject BraceText(const Mobject& m, const std::string& text, BraceLabelOptions o = {});

} // namespace reel
