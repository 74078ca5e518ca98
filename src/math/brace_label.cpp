// Manim's BraceLabel: a Brace and a MathTex label at its tip.
#include "reel/brace.h"
#include "reel/math.h"

namespace reel {

Mobject BraceLabel(const Mobject& m, const std::string& tex, Vec2 direction, double font_size) {
    Mobject brace = Brace(m, direction);
    Mobject label = MathTex(tex, {.font_size = font_size});
    put_at_tip(brace, label);
    Mobject g = VGroup({brace, label});
    g.set_label("BraceLabel");
    return g;
}

} // namespace reel
