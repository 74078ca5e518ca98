// A recorded play or wait (timeline internals).
#pragma once

#include <vector>

#include "reel/timeline.h"

namespace reel {

/// One drawn leaf of a segment: either a static state or leaf `leaf` of animation `anim`.
struct Slot {
    int anim = -1;
    std::size_t leaf = 0;
    LeafState state;
};

struct Segment {
    SegmentInfo info;
    std::vector<Slot> slots;              ///< painter order
    std::vector<AnimationPtr> animations; ///< immutable after begin()
};

} // namespace reel
