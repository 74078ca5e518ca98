// Manim's documentation example ManimCELogo (Basic Concepts gallery), line by line.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(manim_ce_logo, "Manim docs: ManimCELogo (background colour, \\mathbb{M}, shapes)") {
    s.set_background_color("#ece6e2");
    auto logo_green = Color::hex("#87c2a5");
    auto logo_blue = Color::hex("#525893");
    auto logo_red = Color::hex("#e07a5f");
    auto logo_black = Color::hex("#343434");
    auto ds_m = MathTex("\\mathbb{M}", {.color = logo_black}).scale(7);
    ds_m.shift(2.25 * LEFT + 1.5 * UP);
    auto circle = Circle({.color = logo_green, .fill_opacity = 1}).shift(LEFT);
    auto square = Square({.color = logo_blue, .fill_opacity = 1}).shift(UP);
    auto triangle = Triangle({.color = logo_red, .fill_opacity = 1}).shift(RIGHT);
    auto logo = VGroup(triangle, square, circle, ds_m); // order matters
    logo.move_to(ORIGIN);
    s.add(logo);
}
