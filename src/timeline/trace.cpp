// TracedPath in the timeline: while recording, each segment that updates a TracedPath is
// evaluated at each of its frames and the traced point read in that moment's context; the path
// at any t is then the samples up to t. Manim appends the point at every frame it renders, so
// the samples are Manim's path, and no moment depends on which moments were drawn before it.
#include <cmath>

#include "reel/shapes/traced_path.h"
#include "segment.h"

namespace reel {

Points Trace::points_at(Seconds t) const {
    // A frame counts from its own moment on (a hair of rounding allowed).
    const double last = t * kTimelineFps + 1e-6;
    const double first = dissipating_time ? (t - *dissipating_time) * kTimelineFps - 1e-6 : -1e300;
    std::vector<Vec2> kept;
    for (const auto& [frame, p] : samples) {
        const auto f = static_cast<double>(frame);
        if (f > last) break;
        if (f >= first) kept.push_back(p);
    }
    return traced_points(kept);
}

void sample_traces(const Segment& seg, TraceTable& table) {
    const long first = std::lround(seg.info.start * kTimelineFps);
    const long frames = std::lround(seg.info.duration * kTimelineFps);
    for (const Dynamic& dyn : seg.dynamic) {
        const auto* traced = dyn.original.behavior_as<TracedPathBehavior>();
        if (!traced) continue;
        Trace& trace = table.traces[dyn.original.node().get()];
        trace.dissipating_time = traced->dissipating_time();
        for (long k = first; k <= first + frames; ++k) {
            const Seconds local = static_cast<double>(k - first) / kTimelineFps;
            Vec2 p;
            state_with_updaters(seg, local, &table, [&] { p = traced->traced_point(); });
            // The segment's last frame is the next one's first: the later segment's wins.
            if (!trace.samples.empty() && trace.samples.back().first == k) trace.samples.back().second = p;
            else trace.samples.emplace_back(k, p);
        }
    }
}

} // namespace reel
