// Manim's Tex: text-mode LaTeX (Latin Modern Roman, as LaTeX sets cmr10) with inline $...$
// math, typeset by the MathTex typesetter as \text runs and text-style formulas.
#include <string>

#include "reel/math.h"

namespace reel {

namespace math {

std::string tex_to_formula(std::string_view text) {
    // LaTeX's text mode: runs of text between $...$; a run becomes \text{...} (Latin Modern
    // Roman 10: words, ligatures, kerning and cmr10's 3.33 pt interword space), a formula
    // {\textstyle ...} (inline math is text style, not MathTex's display style).
    std::string out;
    std::string run;
    bool in_math = false;
    auto flush_text = [&] {
        if (!run.empty()) out += "\\text{" + run + "}";
        run.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size() && text[i + 1] == '$') {
            run += "\\$";
            ++i;
            continue;
        }
        if (c != '$') {
            run += c;
            continue;
        }
        if (!in_math) {
            flush_text();
        } else {
            out += "{\\textstyle " + run + "}";
            run.clear();
        }
        in_math = !in_math;
    }
    if (in_math) throw MathError("Tex: unbalanced '$' (inline math not closed)", text.size(), "$");
    flush_text();
    return out;
}

} // namespace math

Mobject Tex(std::string_view text, const MathTexOptions& options) {
    MathTexOptions o = options;
    o.arg_separator = ""; // Tex's own default
    Mobject tex = MathTex(math::tex_to_formula(text), o);
    tex.set_label("Tex«" + std::string(text) + "»");
    return tex;
}

} // namespace reel
