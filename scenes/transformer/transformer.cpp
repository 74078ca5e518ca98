// Registers the promo scene: seed_scene.py's Transformer, sections in order.
#include "transformer.h"

namespace reel::scenes {

namespace transformer {

Mobject orth_line(Vec2 start, Vec2 end, Color color) {
    Vec2 mid{start.x, end.y};
    return Polyline({start, mid, end}, {.color = color, .stroke_width = 1.5});
}

} // namespace transformer

} // namespace reel::scenes

using namespace reel::scenes::transformer;

REEL_SCENE(transformer,
           "The GQA promo: GQA diagram, SDPA formula, attention heatmap, generation") {
    reel::set_default_text_font("Times New Roman"); // Text.set_default(font="Times New Roman")
    gqa(s);
    reel::Mobject sdpa_title = sdpa(s);
    heatmap(s, sdpa_title);
    generation(s);
}
