// The promo: "Transformer" from seed_scene.py, one file per section.
#pragma once

#include "reel/animation.h"
#include "reel/text.h"
#include "reel/timeline.h"

namespace reel::scenes::transformer {

/// Section gqa: the GQA diagram (calls 0-28 of the Manim timeline).
void gqa(Scene& s);
/// Section sdpa: the scaled dot-product attention formula; returns its title, which the
/// heatmap section fades out.
Mobject sdpa(Scene& s);
/// Section heatmap: the attention score heatmap.
void heatmap(Scene& s, const Mobject& sdpa_title);
/// Section generation: auto-regressive generation.
void generation(Scene& s);

/// seed_scene.py's orth_line: an L-shaped polyline start -> (start.x, end.y) -> end.
Mobject orth_line(Vec2 start, Vec2 end, Color color = GRAY);

} // namespace reel::scenes::transformer
