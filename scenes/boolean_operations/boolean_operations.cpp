// Manim's documentation example BooleanOperations (Basic Concepts gallery), line by line.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(boolean_operations, "Manim docs: BooleanOperations (Union, Intersection, Exclusion, Difference)") {
    auto ellipse1 = Ellipse({.width = 4.0, .height = 5.0, .color = BLUE, .fill_opacity = 0.5,
                             .stroke_width = 10})
                        .move_to(LEFT);
    auto ellipse2 = ellipse1.copy().set_color(RED).move_to(RIGHT);
    auto bool_ops_text = MarkupText("<u>Boolean Operation</u>").next_to(ellipse1, UP * 3);
    auto ellipse_group = VGroup(bool_ops_text, ellipse1, ellipse2).move_to(LEFT * 3);
    s.play(FadeIn(ellipse_group));

    auto i = Intersection(ellipse1, ellipse2, {.color = GREEN, .fill_opacity = 0.5});
    s.play(animate(i).scale(0.25).move_to(RIGHT * 5 + UP * 2.5));
    auto intersection_text = Text("Intersection", {.font_size = 23}).next_to(i, UP);
    s.play(FadeIn(intersection_text));

    auto u = Union(ellipse1, ellipse2, {.color = ORANGE, .fill_opacity = 0.5});
    auto union_text = Text("Union", {.font_size = 23});
    s.play(animate(u).scale(0.3).next_to(i, DOWN, union_text.height() * 3));
    union_text.next_to(u, UP);
    s.play(FadeIn(union_text));

    auto e = Exclusion(ellipse1, ellipse2, {.color = YELLOW, .fill_opacity = 0.5});
    auto exclusion_text = Text("Exclusion", {.font_size = 23});
    s.play(animate(e).scale(0.3).next_to(u, DOWN, exclusion_text.height() * 3.5));
    exclusion_text.next_to(e, UP);
    s.play(FadeIn(exclusion_text));

    auto d = Difference(ellipse1, ellipse2, {.color = PINK, .fill_opacity = 0.5});
    auto difference_text = Text("Difference", {.font_size = 23});
    s.play(animate(d).scale(0.3).next_to(u, LEFT, difference_text.height() * 3.5));
    difference_text.next_to(d, UP);
    s.play(FadeIn(difference_text));
}
