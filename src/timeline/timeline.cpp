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
    for (const auto& s : segments_) out.push_back(s->info);
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

// A segment with updaters: the fixed and animated leaves first (their states and the
// trackers' values at t form the context), then each updated mobject's snapshot copy run
// through its updaters in that context. Nothing is kept between calls.
Frame state_with_updaters(const Segment& seg, Seconds local) {
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
        ctx.redirect[dyn.original.node().get()] = m.node();
        for (const auto& l : m.leaves()) f.items.push_back(l.leaf_state());
    }
    return f;
}

} // namespace

Frame Timeline::state_at(Seconds t) const {
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
        Frame g = state_with_updaters(seg, local);
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

namespace reel {

namespace {

// Picture times sit this much before a hold (see hold_picture_time).
constexpr Seconds kBeforeHold = 1e-6;
constexpr Seconds kSameTime = 1e-9;

// A play that only takes things away (every animation a remover: FadeOut, Uncreate, ...).
bool closing(const Segment& s) {
    if (s.info.kind != SegmentInfo::Kind::Play || s.animations.empty()) return false;
    for (const auto& a : s.animations)
        if (!a->remover()) return false;
    return true;
}

bool visible(const LeafState& l) {
    if (!l.points || l.points->empty()) return false;
    const Style& s = l.style;
    return s.fill_opacity > 0.01 || (s.stroke_opacity > 0.01 && s.stroke_width > 0);
}

} // namespace

Seconds hold_picture_time(const Hold& hold, Seconds duration) {
    if (hold.time >= duration) return duration;
    return std::max(hold.start, hold.time - kBeforeHold);
}

std::size_t Timeline::hold_at(Seconds t) const {
    for (std::size_t i = 0; i < holds_.size(); ++i)
        if (holds_[i].time >= t - kSameTime) return i;
    return holds_.empty() ? 0 : holds_.size() - 1;
}

bool Timeline::empty_at(Seconds t) const {
    Frame f = state_at(t);
    return std::none_of(f.items.begin(), f.items.end(), visible);
}

// The last moment of [from, to] whose content is fully shown: the trailing waits and closing
// fade-outs are skipped back to the first fade-out (the waits before it stay: the picture holds
// through them, and the next press starts the fade at once); then back over segment boundaries
// while the picture there is empty.
Seconds Timeline::fallback_hold(Seconds from, Seconds to) const {
    std::vector<const Segment*> segs;
    for (const auto& s : segments_)
        if (s->info.start >= from - kSameTime && s->info.start < to - kSameTime) segs.push_back(s.get());
    if (segs.empty()) return to;
    Seconds hold = to;
    for (auto it = segs.rbegin(); it != segs.rend(); ++it) {
        const Segment& s = **it;
        if (s.info.kind == SegmentInfo::Kind::Wait) continue;
        if (!closing(s)) break;
        hold = s.info.start;
    }
    // Never an empty frame: step back over segment boundaries.
    auto picture = [&](Seconds h) { return h >= duration_ ? duration_ : std::max(from, h - kBeforeHold); };
    for (auto it = segs.rbegin(); it != segs.rend() && empty_at(picture(hold)); ++it) {
        if ((*it)->info.start < hold - kSameTime && (*it)->info.start > from + kSameTime)
            hold = (*it)->info.start;
    }
    if (empty_at(picture(hold))) return to; // nothing is ever shown: hold at the end
    return hold;
}

void Timeline::place_holds() {
    holds_.clear();
    if (segments_.empty()) return;
    auto new_content = [&](Seconds from, Seconds to) {
        for (const auto& s : segments_)
            if (s->info.start >= from - kSameTime && s->info.start < to - kSameTime &&
                s->info.kind == SegmentInfo::Kind::Play && !closing(*s))
                return true;
        return false;
    };
    std::vector<Hold> out;
    auto add = [&](Seconds time, const std::string& notes, bool loop, bool marked) {
        if (!out.empty() && time <= out.back().time + kSameTime) return;
        Hold h;
        h.start = out.empty() ? 0.0 : out.back().time;
        h.time = time;
        h.notes = notes;
        h.loop = loop;
        h.marked = marked;
        h.section = section_at(hold_picture_time(h, duration_));
        out.push_back(std::move(h));
    };
    for (std::size_t i = 0; i < sections_.size(); ++i) {
        const Seconds a = sections_[i].start;
        const Seconds b = a + sections_[i].duration;
        if (!(b > a + kSameTime)) continue; // an empty section shows nothing
        Seconds last = a;
        bool any = false;
        for (const SlideMark& m : marks_) {
            if (m.time > a + kSameTime && m.time <= b + kSameTime) {
                add(m.time, m.notes, m.loop, true);
                last = m.time;
                any = true;
            }
        }
        if (!any)
            add(fallback_hold(a, b), "", false, false);
        else if (new_content(last, b))
            add(fallback_hold(last, b), "", false, false);
    }
    holds_ = std::move(out);
}

} // namespace reel
