// The promo with a sound, for the cost of sound in an export (scripts/sound-sync.py --cost):
// the promo scene as it is (loaded beside this plug-in: --plugin transformer.so), then a music
// bed from REEL_PROMO_SOUND played from 0 (time_offset back to the start).
#include <cstdlib>
#include <stdexcept>
#include <string>

#include <reel/reel.h>

using namespace reel;

REEL_SCENE(promo_with_sound, "Test scene: the promo (transformer) with a sound under it all") {
    const SceneInfo* promo = find_scene("transformer");
    if (!promo) throw std::invalid_argument("promo_with_sound: load the promo too (--plugin transformer.so)");
    const char* sound = std::getenv("REEL_PROMO_SOUND");
    if (!sound || !*sound) throw std::invalid_argument("promo_with_sound: set REEL_PROMO_SOUND to a sound file");
    promo->build(s);
    s.add_sound(sound, {.time_offset = -s.time()});
}
