// Manim's documentation example OpeningManim (Advanced Projects gallery), line by line.
#include <cmath>
#include <vector>

#include <reel/reel.h>

using namespace reel;

REEL_SCENE(opening_manim, "Manim docs: OpeningManim (Tex, Transform, NumberPlane, a non-linear function)") {
    auto title = Tex("This is some \\LaTeX");
    auto basel = MathTex("\\sum_{n=1}^\\infty \\frac{1}{n^2} = \\frac{\\pi^2}{6}");
    VGroup(title, basel).arrange(DOWN);
    s.play(Write(title), FadeIn(basel, {.shift = DOWN}));
    s.wait();

    auto transform_title = Tex("That was a transform");
    transform_title.to_corner(UP + LEFT);
    std::vector<AnimationPtr> fade_outs;
    for (const auto& obj : basel.children()) fade_outs.push_back(FadeOut(obj, {.shift = DOWN}));
    s.play(Transform(title, transform_title), LaggedStart(fade_outs));
    s.wait();

    NumberPlane grid;
    auto grid_title = Tex("This is a grid", {.font_size = 72});
    grid_title.move_to(transform_title);

    s.add(grid, grid_title); // Make sure title is on top of grid
    s.play(FadeOut(title), FadeIn(grid_title, {.shift = UP}), Create(grid, {.run_time = 3, .lag_ratio = 0.1}));
    s.wait();

    auto grid_transform_title = Tex("That was a non-linear function \\\\ applied to the grid");
    grid_transform_title.move_to(grid_title, UL);
    grid.prepare_for_nonlinear_transform();
    s.play(animate(grid).apply_function([](Vec2 p) { return p + Vec2{std::sin(p.y), std::sin(p.x)}; }),
           {.run_time = 3});
    s.wait();
    s.play(Transform(grid_title, grid_transform_title));
    s.wait();
}
