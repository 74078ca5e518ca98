// A small scene beyond the promo, and the example of a scene folder: three boxes joined by
// arrows, and the formula they compute. It registers itself; nothing outside scenes/intro/
// names it.
#include <reel/reel.h>

using namespace reel;

namespace {

Mobject box(const char* label, Color color) {
    auto frame = RoundedRectangle({.width = 2.4, .height = 1.1, .corner_radius = 0.15,
                                   .color = color, .fill_opacity = 0.15});
    auto text = Text(label, {.font_size = 28, .color = color});
    return VGroup({frame, text});
}

} // namespace

REEL_SCENE(intro, "Three boxes, two arrows and the formula they compute") {
    set_default_text_font("Times New Roman"); // the promo's font (the default is DejaVu Serif)
    s.section("boxes");
    auto title = Text("From tokens to logits", {.font_size = 40});
    title.to_edge(UP);
    s.play(Write(title));

    auto row = VGroup({box("Embed", BLUE), box("Attend", YELLOW), box("Project", GREEN)});
    row.arrange(RIGHT, 1.2);
    for (std::size_t i = 0; i < row.size(); ++i)
        s.play(FadeIn(row[i], {.shift = UP * 0.2}), {.run_time = 0.5});

    auto a1 = Arrow(row[0].get_right(), row[1].get_left(), {.buff = 0.1});
    auto a2 = Arrow(row[1].get_right(), row[2].get_left(), {.buff = 0.1});
    s.play(Create(a1), Create(a2));
    s.wait(0.5);

    s.section("formula");
    auto formula = MathTex(R"(\mathrm{logits} = W_o\,\mathrm{softmax}\!\left(\frac{QK^T}{\sqrt{d}}\right)V)",
                           {.font_size = 40});
    formula.next_to(row, DOWN, 1.0);
    s.play(Write(formula), {.run_time = 1.5});
    s.play(animate(row[1]).scale(1.15));
    s.wait(1.0);
}
