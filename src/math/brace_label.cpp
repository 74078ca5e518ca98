// Manim's BraceLabel / BraceText (a Brace and a label at its tip) and Brace.get_text / get_tex.
#include "reel/brace.h"
#include "reel/math.h"
#include "reel/text.h"

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

namespace {

Mobject brace_label(const Mobject& m, const std::string& text, const BraceLabelOptions& o, std::string kind) {
    BraceOptions bo = o.brace_config;
    bo.buff = o.buff;
    Mobject brace = Brace(m, o.brace_direction, bo);
    Mobject label;
    switch (o.label_constructor) {
    case LabelConstructor::MathTex: label = MathTex(text, {.font_size = o.font_size}); break;
    case LabelConstructor::Tex: label = Tex(text, {.font_size = o.font_size}); break;
    case LabelConstructor::Text: label = Text(text, {.font_size = o.font_size}); break;
    }
    put_at_tip(brace, label);
    Mobject g = VGroup({brace, label});
    g.set_behavior(kind_tag(kind));
    g.set_label(kind);
    return g;
}

} // namespace

Mobject BraceLabel(const Mobject& m, const std::string& text, const BraceLabelOptions& o) {
    return brace_label(m, text, o, "BraceLabel");
}

Mobject BraceText(const Mobject& m, const std::string& text, BraceLabelOptions o) {
    o.label_constructor = LabelConstructor::Text;
    return brace_label(m, text, o, "BraceText");
}

} // namespace reel
