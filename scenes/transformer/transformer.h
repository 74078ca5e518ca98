// The promo: "Transformer" from seed_scene.py, one file per section.
#pragma once

#include <functional>

#include "reel/animation.h"
#include "reel/text.h"
#include "reel/timeline.h"

namespace reel::scenes::transformer {

/// Called by a section where a slide's own animation begins (after the slide before it holds),
/// with a name for that moment: "rope", "share", "repeat" (gqa); "qkv", "step1".."step4" (sdpa);
/// "mask", "diagonal" (heatmap); "step1".."step6" (generation). The narrated promo waits there
/// for the bookmark of that name in its voice-over; the silent promo passes none (nothing happens).
using Cue = std::function<void(const char* mark)>;

/// Section gqa: the GQA diagram (calls 0-28 of the Manim timeline).
void gqa(Scene& s, const Cue& cue = {});
/// Section sdpa: the scaled dot-product attention formula; returns its title, which the
/// heatmap section fades out.
Mobject sdpa(Scene& s, const Cue& cue = {});
/// Section heatmap: the attention score heatmap.
void heatmap(Scene& s, const Mobject& sdpa_title, const Cue& cue = {});
/// Section generation: auto-regressive generation.
void generation(Scene& s, const Cue& cue = {});

/// Calls `cue` with `mark` when there is one.
inline void at_cue(const Cue& cue, const char* mark) {
    if (cue) cue(mark);
}

/// seed_scene.py's orth_line: an L-shaped polyline start -> (start.x, end.y) -> end.
Mobject orth_line(Vec2 start, Vec2 end, Color color = GRAY);

} // namespace reel::scenes::transformer
