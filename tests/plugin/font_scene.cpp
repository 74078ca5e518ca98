// A plug-in scene for the reload test of scene settings: one line of text, in DejaVu Sans when
// built with SET_FONT (Manim's Text.set_default(font=...)), else in the default font.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(fonts, "A line of text in the font the scene sets") {
#ifdef SET_FONT
    set_default_text_font("DejaVu Sans");
#endif
    auto line = Text("Reload me", {.font_size = 144});
    s.play(FadeIn(line));
    s.wait(1.0);
}
