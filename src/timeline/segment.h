// A recorded play or wait (timeline internals).
#pragma once

#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>
#include <array>
#include <vector>

#include "timeline/timeline.h"
#include "three_d/projection.h"

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

/// Where the camera is during a segment: the MovingCamera frame (drawn in a slot when the
/// segment animates or updates it, else as it was when the segment began) and, in a 3-D
/// scene, the ThreeDCamera's trackers (their values at t: the start values, then the
/// animations', then updated trackers') with the light and frame centre (where the segment moves
/// them, their points at t).
/// Where a leaf is drawn in a segment: its slot (-1: not drawn) and, in a dynamic slot, which
/// of the slot's leaves.
struct SlotRef {
    int slot = -1;
    std::size_t leaf = 0;
};

/// A zoomed display in a segment (SceneCamera::Feed): where the display and its camera frame
/// are drawn (a frame not drawn shows as it was when the segment began) and the display's
/// family, which its picture leaves out.
struct FeedRecord {
    SlotRef display;
    SlotRef frame;
    LeafState frame_state;
    std::vector<SlotRef> family;
    Color background = BLACK;
};

struct CameraRecord {
    LeafState frame;
    int frame_slot = -1;        ///< slot drawing the frame, -1 if it is not animated
    std::size_t frame_leaf = 0; ///< which leaf of a dynamic slot is the frame
    bool moves = false;         ///< the picture's mapping changes within the segment
    bool three_d = false;
    /// phi, theta, gamma, zoom, focal distance.
    std::array<Mobject, 5> trackers;
    std::array<double, 5> start{};
    three_d::CameraState state; ///< light, frame centre, shading (at the segment's start)
    SlotRef light;              ///< where the light source is drawn when the segment moves it
    SlotRef center;             ///< the same for the 3-D frame centre
    std::vector<FeedRecord> feeds; ///< zoomed displays drawn in the segment
};

/// The View a camera frame leaf shows: the centre of its anchors' box, its whole width and
/// height (Manim's frame.get_center(), frame.width, frame.height).
View view_of(const LeafState& frame);

struct Segment {
    CameraRecord camera;
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
/// `traces`, which may be null). `probe`, if set, runs last inside that context. `values`, if
/// given, receives the trackers' values at that moment and `first_item` the index of each
/// slot's first item (where the camera frame is).
Frame state_with_updaters(const Segment& seg, Seconds local, const TraceTable* traces,
                          const std::function<void()>& probe = {},
                          NodeValues* values = nullptr,
                          std::vector<std::size_t>* first_item = nullptr);

/// Gives each zoomed display among `items` its CameraInset: the view of its camera frame and
/// the items of its family. `first_item[slot]` is the slot's first item (nullptr: one item
/// per slot).
void apply_feeds(const std::vector<FeedRecord>& feeds, std::vector<LeafState>& items,
                 const std::vector<std::size_t>* first_item);

/// Samples the point of every TracedPath that `seg` updates at each frame of the segment, its
/// end included, into `table` (recording).
void sample_traces(const Segment& seg, TraceTable& table);

} // namespace reel
