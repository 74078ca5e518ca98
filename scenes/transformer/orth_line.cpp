// seed_scene.py's orth_line, shared by the promo's sections (and the narrated promo's).
#include "transformer.h"

namespace reel::scenes::transformer {

Mobject orth_line(Vec2 start, Vec2 end, Color color) {
    Vec2 mid{start.x, end.y};
    return Polyline({start, mid, end}, {.color = color, .stroke_width = 1.5});
}

} // namespace reel::scenes::transformer
