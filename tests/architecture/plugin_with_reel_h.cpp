// A scene plug-in as an author writes it: <reel/reel.h> and nothing else (compiled by
// tests/architecture/CMakeLists.txt with only the public include folders on the path).
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(public_only, "Compiles against the installed headers alone") {
    auto box = Rectangle({.width = 3, .height = 2, .color = BLUE});
    auto label = Text("box").next_to(box, DOWN);
    s.add(label);
    s.play(Create(box));
    s.next_slide({.notes = "a slide"});
    s.wait();
}
