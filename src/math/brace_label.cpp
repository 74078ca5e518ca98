// Manim's BraceLabel (a Brace and a MathTex label at its tip) and Brace.get_text / get_tex.
#include "reel/brace.h"
#include "reel/math.h"

namespace reel {

Mobject brace_get_text(const Mobject& brace, std::string_view text, double buff) {
    Mobject label = Tex(text);
    put_at_tip(brace, label, buff);
    return label;
}

Mobject brace_get_tex(const Mobject& brace, std::string_view tex, double buff) {
    Mobject label = MathTex(tex);
    put_at_tip(brace, label, buff);
    return label;
}

Mobject BraceLabel(const Mobject& m, const std::string& tex, Vec2 direction, double font_size) {
    Mobject brace = Brace(m, direction);
    Mobject label = MathTex(tex, {.font_size = font_size});
    put_at_tip(brace, label);
    Mobject g = VGroup({brace, label});
    g.set_label("BraceLabel");
    return g;
}

} // namespace reel
