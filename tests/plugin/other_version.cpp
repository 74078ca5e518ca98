// A plug-in built against another version of Reel (its reel/version.h says 0.99.0).
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(from_the_future, "Built against Reel 0.99.0") {
    s.play(Create(Square()));
}
