// The holds of a presentation, placed on a recorded timeline (see holds.h).
#include "holds.h"

#include <algorithm>

#include <fmt/format.h>

namespace reel {

namespace {

// Picture times sit this much before a hold (see hold_picture_time).
constexpr Seconds kBeforeHold = 1e-6;
constexpr Seconds kSameTime = 1e-9;

bool visible(const LeafState& l) {
    if (!l.points || l.points->empty()) return false;
    const Style& s = l.style;
    return s.fill_opacity > 0.01 || (s.stroke_opacity > 0.01 && s.stroke_width > 0);
}

class Placer {
public:
    explicit Placer(const Timeline& timeline) : timeline_(timeline), segments_(timeline.segments()) {}

    std::vector<Hold> place() {
        std::vector<Hold> out;
        if (segments_.empty()) return out;
        const Seconds duration = timeline_.duration();
        auto add = [&](Seconds time, const std::string& notes, bool loop, bool marked) {
            if (!out.empty() && time <= out.back().time + kSameTime) return;
            Hold h;
            h.start = out.empty() ? 0.0 : out.back().time;
            h.time = time;
            h.notes = notes;
            h.loop = loop;
            h.marked = marked;
            h.section = timeline_.section_at(hold_picture_time(h, duration));
            out.push_back(std::move(h));
        };
        for (const Section& section : timeline_.sections()) {
            const Seconds a = section.start;
            const Seconds b = a + section.duration;
            if (!(b > a + kSameTime)) continue; // an empty section shows nothing
            Seconds last = a;
            bool any = false;
            for (const SlideMark& m : timeline_.marks()) {
                if (m.time > a + kSameTime && m.time <= b + kSameTime) {
                    add(m.time, m.notes, m.loop, true);
                    last = m.time;
                    any = true;
                }
            }
            if (!any)
                add(fallback(a, b), "", false, false);
            else if (new_content(last, b))
                add(fallback(last, b), "", false, false);
        }
        return out;
    }

private:
    // A play that only takes things away (every animation a remover: FadeOut, Uncreate, ...).
    static bool closing(const SegmentInfo& s) {
        return s.kind == SegmentInfo::Kind::Play && s.removes_only;
    }

    bool new_content(Seconds from, Seconds to) const {
        for (const SegmentInfo& s : segments_)
            if (s.start >= from - kSameTime && s.start < to - kSameTime && s.kind == SegmentInfo::Kind::Play &&
                !closing(s))
                return true;
        return false;
    }

    bool empty_at(Seconds t) const {
        Frame f = timeline_.state_at(t);
        return std::none_of(f.items.begin(), f.items.end(), visible);
    }

    // The last moment of [from, to] whose content is fully shown: the trailing waits and closing
    // fade-outs are skipped back to the first fade-out (the waits before it stay: the picture
    // holds through them, and the next press starts the fade at once); then back over segment
    // boundaries while the picture there is empty.
    Seconds fallback(Seconds from, Seconds to) const {
        std::vector<const SegmentInfo*> segs;
        for (const SegmentInfo& s : segments_)
            if (s.start >= from - kSameTime && s.start < to - kSameTime) segs.push_back(&s);
        if (segs.empty()) return to;
        Seconds hold = to;
        for (auto it = segs.rbegin(); it != segs.rend(); ++it) {
            const SegmentInfo& s = **it;
            if (s.kind == SegmentInfo::Kind::Wait) continue;
            if (!closing(s)) break;
            hold = s.start;
        }
        // Never an empty frame: step back over segment boundaries.
        const Seconds duration = timeline_.duration();
        auto picture = [&](Seconds h) { return h >= duration ? duration : std::max(from, h - kBeforeHold); };
        for (auto it = segs.rbegin(); it != segs.rend() && empty_at(picture(hold)); ++it) {
            if ((*it)->start < hold - kSameTime && (*it)->start > from + kSameTime) hold = (*it)->start;
        }
        if (empty_at(picture(hold))) return to; // nothing is ever shown: hold at the end
        return hold;
    }

    const Timeline& timeline_;
    std::vector<SegmentInfo> segments_;
};

} // namespace

std::vector<Hold> place_holds(const Timeline& timeline) { return Placer(timeline).place(); }

Seconds hold_picture_time(const Hold& hold, Seconds duration) {
    if (hold.time >= duration) return duration;
    return std::max(hold.start, hold.time - kBeforeHold);
}

std::string slide_heading(const std::vector<Hold>& holds, const Timeline& timeline, std::size_t i) {
    const std::size_t n = holds.size();
    const auto& sections = timeline.sections();
    const std::string section = i < n && holds[i].section < sections.size() ? sections[holds[i].section].name : "";
    // The name between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: whatever direction its
    // text takes (an unmatched right-to-left override included) ends with it, so it cannot
    // reorder the counter before it or the clock the PDF and the console put after it.
    return fmt::format("Slide {} / {}  \u00b7  \u2068{}\u2069", std::min(i + 1, n), n, section);
}

} // namespace reel
