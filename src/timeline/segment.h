// A recorded play or wait (timeline internals).
#pragma once

#include <vector>

#include "reel/timeline.h"

namespace reel {

/// One drawn leaf of a segment: either a static state or leaf `leaf` of animation `anim`.
struct Slot {
    /// Static slots (anim < 0) must be the same at every moment of the segment: the layer
    /// cache draws them once. Anything evaluated per moment (an animation, an updater) is not.
    int anim = -1;
    std::size_t leaf = 0;
    LeafState state;
};

struct Segment {
    SegmentInfo info;
    std::uint64_t layer_key = 0;          ///< new_layer_key(): names this segment's static layer
    std::size_t static_prefix = 0;        ///< leading slots with anim < 0 (they never change)
    std::vector<Slot> slots;              ///< painter order
    std::vector<AnimationPtr> animations; ///< immutable after begin()
};

} // namespace reel
