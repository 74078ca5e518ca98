// The scene scripts/sound-sync.py measures (a plug-in built with the tests): a black screen that
// flashes white at given times, a click starting with each flash, and an optional bed of sound
// under it all. The script writes the sounds and says what to do through the environment:
//   REEL_SYNC_CLICK  a sound file played at each flash
//   REEL_SYNC_TIMES  flash times in seconds, comma separated, each a whole number of 60 fps
//                    frames (the timeline's grid), increasing
//   REEL_SYNC_LENGTH the scene's length in seconds
//   REEL_SYNC_BED    optional: a sound file played from 0 (the parts measurement's continuous sound)
// A flash lasts two 60 fps frames (1/30 s): one frame at 24 fps, two at 60.
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <reel/reel.h>

using namespace reel;

namespace {

std::string env(const char* name, bool required = true) {
    const char* v = std::getenv(name);
    if ((!v || !*v) && required)
        throw std::invalid_argument(std::string("sound_sync: set ") + name + " (scripts/sound-sync.py does)");
    return v ? v : "";
}

// Waits until frame `frame` of the 60 fps grid (half a frame more: wait rounds down to the grid).
void wait_until_frame(Scene& s, long frame) {
    const long now = std::lround(s.time() * 60);
    if (frame > now) s.wait((static_cast<double>(frame - now) + 0.5) / 60.0);
}

} // namespace

REEL_SCENE(sound_sync, "Test scene of scripts/sound-sync.py: white flashes with a click each") {
    const std::string click = env("REEL_SYNC_CLICK");
    const double length = std::stod(env("REEL_SYNC_LENGTH"));
    const std::string bed = env("REEL_SYNC_BED", false);
    std::vector<long> frames;
    std::stringstream times(env("REEL_SYNC_TIMES"));
    for (std::string t; std::getline(times, t, ',');) frames.push_back(std::lround(std::stod(t) * 60));
    // Something on screen from the start, so that the picture before a flash is a picture.
    auto dot = Dot({-7.5, -3.9}, {.color = GREY});
    s.add(dot);
    if (!bed.empty()) s.add_sound(bed);
    for (long f : frames) {
        wait_until_frame(s, f);
        auto flash = Rectangle({.width = 20, .height = 10, .color = WHITE, .fill_opacity = 1.0});
        s.add(flash);
        s.add_sound(click);
        wait_until_frame(s, f + 2);
        s.remove(flash);
    }
    wait_until_frame(s, std::lround(length * 60));
}
