#include <algorithm>
#include <atomic>
#include <cmath>
#include <unordered_map>

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
                          const std::function<void()>& probe, NodeValues* values,
                          std::vector<std::size_t>* first_item) {
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
    if (first_item) first_item->resize(seg.slots.size());
    EvalScope scope(&ctx);
    for (std::size_t i = 0; i < seg.slots.size(); ++i) {
        const Slot& slot = seg.slots[i];
        if (first_item) (*first_item)[i] = f.items.size();
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
        ctx.redirect[dyn.original.node().get()] = std_ptr(m.node());
        // A tracker with updaters (a turning camera's angle): what later updaters read of it
        // is its value at this moment, as Manim updates the scene's mobjects in order.
        if (m.has_number()) ctx.values[dyn.original.node().get()] = m.number();
        for (const auto& l : m.leaves()) f.items.push_back(l.leaf_state());
    }

    if (probe) probe();
    if (values) *values = std::move(ctx.values);
    return f;
}

void apply_feeds(const std::vector<FeedRecord>& feeds, std::vector<LeafState>& items,
                 const std::vector<std::size_t>* first_item) {
    auto item_of = [&](const SlotRef& r) -> std::size_t {
        if (r.slot < 0) return items.size();
        const auto slot = static_cast<std::size_t>(r.slot);
        if (first_item && slot >= first_item->size()) return items.size();
        return (first_item ? (*first_item)[slot] : slot) + r.leaf;
    };
    for (const FeedRecord& feed : feeds) {
        const std::size_t display = item_of(feed.display);
        if (display >= items.size()) continue;
        const std::size_t frame = item_of(feed.frame);
        const LeafState& frame_state = frame < items.size() ? items[frame] : feed.frame_state;
        if (!frame_state.points || frame_state.points->empty()) continue;
        // MovingCamera's frame_shape: the frame's whole width and height about its centre.
        const Bounds all = all_bounds(*frame_state.points);
        auto inset = std::make_shared<CameraInset>();
        inset->center = anchor_bounds(*frame_state.points).center();
        inset->width = all.width();
        inset->height = all.height();
        inset->background = feed.background;
        for (const SlotRef& r : feed.family)
            if (const std::size_t i = item_of(r); i < items.size()) inset->hidden.push_back(i);
        items[display].inset = std::move(inset);
    }
}

namespace {

// The camera at this moment: the frame's view, and a 3-D scene's projection of the items.
void apply_camera(const Segment& seg, Frame& f, const NodeValues& values,
                  const std::vector<std::size_t>* first_item) {
    const CameraRecord& rec = seg.camera;
    if (rec.frame_slot >= 0) {
        const std::size_t slot = static_cast<std::size_t>(rec.frame_slot);
        const std::size_t item = (first_item ? (*first_item)[slot] : slot) + rec.frame_leaf;
        if (item < f.items.size()) f.view = view_of(f.items[item]);
    } else {
        f.view = view_of(rec.frame);
    }
    apply_feeds(rec.feeds, f.items, first_item);
    if (!rec.three_d) return;
    std::array<double, 5> v = rec.start;
    for (std::size_t k = 0; k < v.size(); ++k)
        if (auto it = values.find(rec.trackers[k].node().get()); it != values.end()) v[k] = it->second;
    three_d::CameraState state = rec.state;
    // The light and the frame centre where the segment moves them: their points now (read
    // before the projection moves every item).
    auto point_at = [&](const SlotRef& r, Vec3& out) {
        if (r.slot < 0) return;
        const auto slot = static_cast<std::size_t>(r.slot);
        if (first_item && slot >= first_item->size()) return;
        const std::size_t item = (first_item ? (*first_item)[slot] : slot) + r.leaf;
        if (item >= f.items.size() || !f.items[item].points || f.items[item].points->empty()) return;
        const LeafState& leaf = f.items[item];
        const Bounds b = anchor_bounds(*leaf.points);
        const bool has_z = leaf.depth && leaf.depth->z.size() == leaf.points->size();
        out = {b.center().x, b.center().y, has_z ? leaf.depth->z.front() : 0.0};
    };
    point_at(rec.light, state.light_source);
    point_at(rec.center, state.frame_center);
    state.phi = v[0];
    state.theta = v[1];
    state.gamma = v[2];
    state.zoom = v[3];
    state.focal_distance = v[4];
    three_d::project_items(f.items, state);
}

} // namespace

Color Timeline::background_at(Seconds t) const {
    auto it = std::upper_bound(backgrounds_.begin(), backgrounds_.end(), t,
                               [](Seconds v, const auto& b) { return v < b.first; });
    return it == backgrounds_.begin() ? BLACK : std::prev(it)->second;
}

View view_of(const LeafState& frame) {
    View v;
    if (!frame.points || frame.points->empty()) return v;
    const Bounds anchors = anchor_bounds(*frame.points), all = all_bounds(*frame.points);
    v.center = anchors.center();
    v.width = all.width();
    v.height = all.height();
    // A frame squashed flat would divide by zero: keep the default scale then.
    if (!(v.width > 0) || !(v.height > 0)) return View{};
    // The frame where it started (up to rounding in its corners) is Manim's fixed camera:
    // exactly the default, so a scene that never moves it draws and digests as before.
    auto near = [](double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); };
    if (near(v.center.x, 0) && near(v.center.y, 0) && near(v.width, kFrameWidth) && near(v.height, kFrameHeight))
        return View{};
    return v;
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
        f.view = final_view_;
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
        NodeValues values;
        std::vector<std::size_t> first_item;
        Frame g = state_with_updaters(seg, local, traces_.get(), {}, &values, &first_item);
        apply_camera(seg, g, values, &first_item);
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
    NodeValues values;
    if (seg.camera.three_d)
        for (const auto& a : seg.animations) a->values_at(a->run_time() > 0 ? local / a->run_time() : 1.0, values);
    apply_camera(seg, f, values, nullptr);
    return f;
}

} // namespace reel
