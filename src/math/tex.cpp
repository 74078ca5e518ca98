// Manim's Tex: text-mode LaTeX (Latin Modern Roman, as LaTeX sets cmr10) with inline $...$
// math, typeset by the MathTex typesetter as \text runs and text-style formulas.
#include <string>
#include <string_view>
#include <vector>

#include "reel/math.h"

namespace reel {

namespace math {

namespace {

std::string line_to_formula(std::string_view text) {
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
        if (c == '\\' && i + 1 < text.size()) {
            // A control symbol (\$ a dollar sign, \\ in math) is read whole.
            run += c;
            run += text[i + 1];
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

// Trims the spaces LaTeX drops at either end of a line of a center environment.
std::string_view trim_spaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

} // namespace

std::string tex_to_formula(std::string_view text) {
    // Manim typesets Tex in LaTeX's center environment: `\\` (outside math) ends a line.
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    bool in_math = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            if (text[i + 1] == '\\' && !in_math) {
                lines.push_back(text.substr(start, i - start));
                start = i + 2;
            }
            ++i;
            continue;
        }
        if (text[i] == '$') in_math = !in_math;
    }
    if (lines.empty()) return line_to_formula(text);
    lines.push_back(text.substr(start));
    std::string out = "\\begin{center}";
    for (std::size_t k = 0; k < lines.size(); ++k) {
        if (k > 0) out += "\\\\";
        out += line_to_formula(trim_spaces(lines[k]));
    }
    return out + "\\end{center}";
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
