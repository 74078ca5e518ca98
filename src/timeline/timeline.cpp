#include <algorithm>
#include <atomic>
#include <cmath>

#include "mobjects/eval_context.h"
#include "segment.h"

namespace reel {

std::uint64_t new_layer_key() {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

namespace {
constexpr Seconds kEndSnap = 2e-6;
} // namespace

Timeline::Timeline() = default;
Timeline::~Timeline() = default;
Timeline::Timeline(Timeline&&) noexcept = default;
Timeline& Timeline::operator=(Timeline&&) noexcept = default;

long Timeline::frame_count(int fps) const {
    return std::lround(duration_ * static_cast<double>(fps));
}

std::vector<SegmentInfo> Timeline::segments() const {
    std::vector<SegmentInfo> out;
    out.reserve(segments_.size());
    for (const auto& s : segments_) {
        out.push_back(s->info);
        out.back().removes_only = s->info.kind == SegmentInfo::Kind::Play && !s->animations.empty() &&
                                  std::all_of(s->animations.begin(), s->animations.end(),
                                              [](const AnimationPtr& a) { return a->remover(); });
    }
    return out;
}

std::size_t Timeline::section_at(Seconds t) const {
    std::size_t idx = 0;
    for (std::size_t i = 0; i < sections_.size(); ++i)
        if (sections_[i].start <= t + 1e-9) idx = i;
    return idx;
}

namespace {

LeafState slot_state(const Segment& seg, const Slot& slot, Seconds local) {
    if (slot.anim < 0) return slot.state;
    const Animation& a = *seg.animations[static_cast<std::size_t>(slot.anim)];
    double alpha = a.run_time() > 0 ? local / a.run_time() : 1.0;
    return a.leaf_state(alpha, slot.leaf);
}

} // namespace

// A segment with updaters: the fixed and animated leaves first (their states and the
// trackers' values at t form the context), then each updated mobject's snapshot copy run
// through its updaters in that context. Nothing is kept between calls.
Frame state_with_updaters(const Segment& seg, Seconds local, const TraceTable* traces,
                          const std::function<void()>& probe) {
    EvalContext ctx;
    for (const auto& [m, v] : seg.values) ctx.values[m.node().get()] = v;
    for (const auto& a : seg.animations) {
        double alpha = a->run_time() > 0 ? local / a->run_time() : 1.0;
        a->values_at(alpha, ctx.values);
    }
    std::vector<LeafState> fixed(seg.slots.size());
    for (std::size_t i = 0; i < seg.slots.size(); ++i) {
        const Slot& slot = seg.slots[i];
        if (slot.dynamic >= 0) continue;
        fixed[i] = slot_state(seg, slot, local);
        if (slot.node) ctx.points[slot.node] = fixed[i].points;
    }
    Frame f;
    EvalScope scope(&ctx);
    for (std::size_t i = 0; i < seg.slots.size(); ++i) {
        const Slot& slot = seg.slots[i];
        if (slot.dynamic < 0) {
            f.items.push_back(std::move(fixed[i]));
            continue;
        }
        const Dynamic& dyn = seg.dynamic[static_cast<std::size_t>(slot.dynamic)];
        Mobject m = dyn.snapshot.copy();
        m.update(local);
        if (traces)
            if (const Trace* tr = traces->find(dyn.original.node().get()))
                m.set_points(tr->points_at(seg.info.start + local));
        ctx.redirect[dyn.original.node().get()] = m.node();
        for (const auto& l : m.leaves()) f.items.push_back(l.leaf_state());
    }
    if (probe) probe();
    return f;
}

Color Timeline::background_at(Seconds t) const {
    auto it = std::upper_bound(backgrounds_.begin(), backgrounds_.end(), t,
                               [](Seconds v, const auto& b) { return v < b.first; });
    return it == backgrounds_.begin() ? BLACK : std::prev(it)->second;
}

Frame Timeline::state_at(Seconds t) const {
    Frame f = state_at_items(t);
    f.background = background_at(t);
    return f;
}

Frame Timeline::state_at_items(Seconds t) const {
    Frame f;
    if (!(t < duration_) || segments_.empty()) {
        f.items = final_state_;
        f.layer_key = final_key_;
        f.static_prefix = f.items.size();
        return f;
    }
    t = std::max(t, 0.0);
    // The last segment starting at or before t (binary search).
    auto it = std::upper_bound(segments_.begin(), segments_.end(), t,
                               [](Seconds v, const auto& s) { return v < s->info.start; });
    const Segment& seg = **(it == segments_.begin() ? it : it - 1);
    Seconds local = t - seg.info.start;
    // A moment within a hair of the segment's end is its end (alpha exactly 1): that is how a
    // hold shows the picture an animation leaves (hold_picture_time), rather than its last
    // step with a Write's stroke still on.
    if (seg.info.duration - local < kEndSnap) local = seg.info.duration;
    f.items.reserve(seg.slots.size());
    f.layer_key = seg.layer_key;
    f.static_prefix = seg.static_prefix;
    if (!seg.dynamic.empty()) {
        Frame g = state_with_updaters(seg, local, traces_.get());
        g.layer_key = seg.layer_key;
        g.static_prefix = seg.static_prefix;
        return g;
    }
    for (const Slot& slot : seg.slots) {
        if (slot.anim < 0) {
            f.items.push_back(slot.state);
            continue;
        }
        const Animation& a = *seg.animations[static_cast<std::size_t>(slot.anim)];
        double alpha = a.run_time() > 0 ? local / a.run_time() : 1.0;
        f.items.push_back(a.leaf_state(alpha, slot.leaf));
    }
    return f;
}

} // namespace reel
