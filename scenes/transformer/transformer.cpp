// Registers the promo scene: seed_scene.py's Transformer, sections in order.
#include "transformer.h"

using namespace reel::scenes::transformer;

REEL_SCENE(transformer,
           "The GQA promo: GQA diagram, SDPA formula, attention heatmap, generation") {
    reel::set_default_text_font("Times New Roman"); // Text.set_default(font="Times New Roman")
    gqa(s);
    reel::Mobject sdpa_title = sdpa(s);
    heatmap(s, sdpa_title);
    generation(s);
}
