// Manim's documentation example MovingFrameBox (Animations gallery), line by line.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(moving_frame_box, "Manim docs: MovingFrameBox (MathTex parts, SurroundingRectangle)") {
    auto text = MathTex({"\\frac{d}{dx}f(x)g(x)=", "f(x)\\frac{d}{dx}g(x)", "+",
                         "g(x)\\frac{d}{dx}f(x)"});
    s.play(Write(text));
    auto framebox1 = SurroundingRectangle(text[1], {.buff = .1});
    auto framebox2 = SurroundingRectangle(text[3], {.buff = .1});
    s.play(Create(framebox1));
    s.wait();
    s.play(ReplacementTransform(framebox1, framebox2));
    s.wait();
}
