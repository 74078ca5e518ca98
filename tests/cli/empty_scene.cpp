// A scene that records nothing (no play, no wait): 0 s, 0 frames (cli_test's reel bench case).
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(records_nothing, "Adds a square and never plays or waits") { s.add(Square()); }
