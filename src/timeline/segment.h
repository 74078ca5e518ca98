// A recorded play or wait (timeline internals).
#pragma once

#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>
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
    /// The leaf drawn (updaters reading it see its state at t).
    const Node* node = nullptr;
    /// >= 0: the leaves of dynamic[dynamic] are drawn here (a mobject with updaters).
    int dynamic = -1;
};

/// A mobject with updaters, as it was when the segment began: each moment runs its updaters on
/// a fresh copy of it.
struct Dynamic {
    Mobject snapshot;
    Mobject original;
};

struct Segment {
    SegmentInfo info;
    std::uint64_t layer_key = 0;          ///< new_layer_key(): names this segment's static layer
    std::size_t static_prefix = 0;        ///< leading slots with anim < 0 (they never change)
    std::vector<Slot> slots;              ///< painter order
    std::vector<AnimationPtr> animations; ///< immutable after begin()
    std::vector<Dynamic> dynamic;
    /// The value of each of the recording's ValueTrackers when the segment began.
    std::vector<std::pair<Mobject, double>> values;
    /// Keeps the drawn leaves' nodes alive for the Slot::node keys.
    std::vector<Mobject> keep;
};

/// Where a TracedPath's point was at every frame (kTimelineFps) it was on stage, sampled while
/// recording (trace.cpp). The path at t follows from these alone.
struct Trace {
    std::vector<std::pair<long, Vec2>> samples; ///< (frame, point), frames ascending, one each
    std::optional<double> dissipating_time;
    /// The path at time t: the samples of the frames up to t (and within dissipating_time).
    Points points_at(Seconds t) const;
};

/// Every TracedPath of a recording, by node.
struct TraceTable {
    std::unordered_map<const Node*, Trace> traces;
    const Trace* find(const Node* n) const {
        auto it = traces.find(n);
        return it == traces.end() ? nullptr : &it->second;
    }
};

/// A segment with updaters at `local`: the fixed and animated leaves, then each updated mobject
/// run through its updaters in the context they form (a TracedPath takes its points from
/// `traces`, which may be null). `probe`, if set, runs last inside that context.
Frame state_with_updaters(const Segment& seg, Seconds local, const TraceTable* traces,
                          const std::function<void()>& probe = {});

/// Samples the point of every TracedPath that `seg` updates at each frame of the segment, its
/// end included, into `table` (recording).
void sample_traces(const Segment& seg, TraceTable& table);

} // namespace reel
