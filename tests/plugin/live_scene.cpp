// A tiny plug-in scene for the live reload tests: a filled square in LIVE_COLOR over two
// sections; with LIVE_THROWS it throws while it records.
#include <stdexcept>

#include <reel/reel.h>

using namespace reel;

REEL_SCENE(live, "A square whose colour the tests change") {
    s.section("one");
    auto square = Square(4.0, {.color = LIVE_COLOR, .fill_opacity = 1.0});
    s.play(FadeIn(square));
    s.wait(1.0);
    s.section("two");
#ifdef LIVE_THROWS
    throw std::runtime_error("boom at 2 s");
#endif
    s.play(animate(square).shift(LEFT * 2));
    s.wait(1.0);
}
