// Manim's shape_matchers.py: SurroundingRectangle, BackgroundRectangle, Cross, Underline.
#include "shape_util.h"

namespace reel {

Mobject SurroundingRectangle(const Mobject& m, const SurroundingRectangleOptions& o) {
    Mobject r = RoundedRectangle({.width = m.width() + 2 * o.buff,
                                  .height = m.height() + 2 * o.buff,
                                  .corner_radius = o.corner_radius,
                                  .color = o.color.value_or(YELLOW),
                                  .fill_color = o.fill_color,
                                  .fill_opacity = o.fill_opacity,
                                  .stroke_color = o.stroke_color,
                                  .stroke_width = o.stroke_width,
                                  .stroke_opacity = o.stroke_opacity});
    r.set_label("SurroundingRectangle");
    r.move_to(m);
    return r;
}

Mobject BackgroundRectangle(const Mobject& m, const BackgroundRectangleOptions& o) {
    // Manim's defaults: the background colour, fill opacity 0.75, no stroke.
    Mobject r = SurroundingRectangle(m, {.buff = o.buff,
                                         .color = o.color.value_or(BLACK),
                                         .fill_color = o.fill_color,
                                         .fill_opacity = o.fill_opacity.value_or(0.75),
                                         .stroke_color = o.stroke_color,
                                         .stroke_width = o.stroke_width.value_or(0.0),
                                         .stroke_opacity = o.stroke_opacity.value_or(0.0)});
    r.set_label("BackgroundRectangle");
    return r;
}

Mobject Cross(const Mobject& m, const CrossOptions& o) {
    // VGroup(Line(UL, DR), Line(UR, DL)) replaced onto m (stretched to its box), then scaled.
    Bounds b = m.all_bounds();
    Vec2 c = m.get_center();
    double hw = b.width() / 2 * o.scale_factor, hh = b.height() / 2 * o.scale_factor;
    // Manim's stroke_color=RED default colours the whole line unless `color` is given.
    LineOptions lo{.color = o.color ? o.color : o.stroke_color.value_or(RED),
                   .fill_color = o.fill_color,
                   .fill_opacity = o.fill_opacity,
                   .stroke_color = o.stroke_color,
                   .stroke_width = o.stroke_width.value_or(6.0),
                   .stroke_opacity = o.stroke_opacity};
    Mobject cross = VGroup({Line(c + Vec2{-hw, hh}, c + Vec2{hw, -hh}, lo),
                            Line(c + Vec2{hw, hh}, c + Vec2{-hw, -hh}, lo)});
    cross.set_label("Cross");
    return cross;
}

Mobject Underline(const Mobject& m, const UnderlineOptions& o) {
    // Line(LEFT, RIGHT) matched to m's width, next_to(m, DOWN, buff).
    double w = m.width();
    Mobject l = Line(LEFT * (w / 2), RIGHT * (w / 2),
                     {.color = o.color,
                      .fill_color = o.fill_color,
                      .fill_opacity = o.fill_opacity,
                      .stroke_color = o.stroke_color,
                      .stroke_width = o.stroke_width,
                      .stroke_opacity = o.stroke_opacity});
    l.next_to(m, DOWN, o.buff);
    l.set_label("Underline");
    return l;
}

} // namespace reel
