// timeline_digest: what a timeline shows, hashed; how it is stored (node ids, layer keys) is not.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <string_view>

#include "timeline/timeline.h"

namespace reel {

namespace {

// 64-bit FNV-1a: small, no dependency, and enough to tell timelines apart (not a defence
// against someone forging a collision).
class Fnv1a {
public:
    void bytes(const void* data, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < n; ++i) {
            hash_ ^= b[i];
            hash_ *= kPrime;
        }
    }
    void number(std::uint64_t v) { bytes(&v, sizeof v); }
    void flag(bool v) { number(v ? 1 : 0); }
    // -0.0 and 0.0 show the same thing.
    void real(double v) { number(std::bit_cast<std::uint64_t>(v == 0.0 ? 0.0 : v)); }
    // Length first, so that ("ab", "c") and ("a", "bc") differ.
    void text(std::string_view s) {
        number(s.size());
        bytes(s.data(), s.size());
    }
    std::uint64_t value() const { return hash_; }

private:
    static constexpr std::uint64_t kPrime = 0x100000001b3ull;
    std::uint64_t hash_ = 0xcbf29ce484222325ull;
};

void add_points(Fnv1a& h, const PointsPtr& points) {
    if (!points) return h.number(0);
    h.number(points->size());
    for (const Vec2& p : *points) {
        h.real(p.x);
        h.real(p.y);
    }
}

void add_leaf(Fnv1a& h, const LeafState& leaf) {
    add_points(h, leaf.points);
    const Style& s = leaf.style;
    for (double v : {s.fill_color.r, s.fill_color.g, s.fill_color.b, s.fill_opacity, s.stroke_color.r,
                     s.stroke_color.g, s.stroke_color.b, s.stroke_opacity, s.stroke_width})
        h.real(v);
    h.flag(s.image != nullptr);
    if (s.image) {
        h.number(static_cast<std::uint64_t>(s.image->width));
        h.number(static_cast<std::uint64_t>(s.image->height));
        h.number(s.image->bgra.size());
        h.bytes(s.image->bgra.data(), s.image->bgra.size());
    }
    // A flat picture digests as before shading and depth existed.
    if (s.gradient) {
        const Gradient& g = *s.gradient;
        for (double v : {g.from.x, g.from.y, g.to.x, g.to.y, g.fill_from.r, g.fill_from.g, g.fill_from.b,
                         g.fill_to.r, g.fill_to.g, g.fill_to.b, g.stroke_from.r, g.stroke_from.g, g.stroke_from.b,
                         g.stroke_to.r, g.stroke_to.g, g.stroke_to.b})
            h.real(v);
    }
    h.flag(leaf.glyph != nullptr);
    if (leaf.glyph) {
        const GlyphSource& g = *leaf.glyph;
        h.text(g.text);
        h.number(g.glyph);
        for (double v : {g.font_px, g.origin.x, g.origin.y, g.em_scale}) h.real(v);
        add_points(h, g.outline);
    }
    // A picture without zoomed displays digests as before they existed.
    if (leaf.inset) {
        const CameraInset& c = *leaf.inset;
        for (double v : {c.center.x, c.center.y, c.width, c.height, c.background.r, c.background.g, c.background.b})
            h.real(v);
        h.number(c.hidden.size());
        for (std::size_t i : c.hidden) h.number(i);
    }
}

void add_frame(Fnv1a& h, const Timeline& timeline, Seconds t) {
    const Frame f = timeline.state_at(t);
    h.real(t);
    if (f.view != View{}) // a still camera digests as before the camera could move
        for (double v : {f.view.center.x, f.view.center.y, f.view.width, f.view.height}) h.real(v);
    h.number(f.items.size());
    for (const LeafState& leaf : f.items) add_leaf(h, leaf);
}

// The end of a segment as state_at shows it: a hair before the next segment begins.
constexpr Seconds kBeforeEnd = 1e-6;

} // namespace

std::uint64_t timeline_digest(const Timeline& timeline) {
    Fnv1a h;
    h.real(timeline.duration());
    h.number(timeline.sections().size());
    for (const Section& s : timeline.sections()) {
        h.text(s.name);
        h.real(s.start);
        h.real(s.duration);
    }
    h.number(timeline.marks().size());
    for (const SlideMark& m : timeline.marks()) {
        h.real(m.time);
        h.text(m.notes);
        h.flag(m.loop);
    }
    // The holds of a presentation are not hashed: place_holds (src/present/holds.h) derives them
    // from the marks, sections, segments and pictures hashed here.
    if (!timeline.sounds().empty()) { // a silent timeline keeps the digest it had before sounds
        h.number(timeline.sounds().size());
        for (const Sound& s : timeline.sounds()) {
            h.text(s.source);
            h.real(s.start);
            h.number(static_cast<std::uint64_t>(s.start_sample));
            h.real(s.gain_db);
            h.number(static_cast<std::uint64_t>(s.trim));
            h.number(static_cast<std::uint64_t>(s.frames));
            if (s.duck_db != 0) { // music that ducks; other sounds keep the digest they had
                h.real(s.duck_db);
                h.number(static_cast<std::uint64_t>(s.duck_ramp));
                for (const auto& [a, b] : s.duck_spans) {
                    h.number(static_cast<std::uint64_t>(a));
                    h.number(static_cast<std::uint64_t>(b));
                }
            }
        }
    }
    if (!timeline.voiceovers().empty()) { // as with sounds: none keeps the digest as it was
        h.number(timeline.voiceovers().size());
        for (const VoiceoverLine& v : timeline.voiceovers()) {
            h.text(v.text);
            h.real(v.start);
            h.real(v.duration);
            h.number(v.sound);
            h.number(static_cast<std::uint64_t>(v.timing));
            h.text(v.voice);
            for (const VoiceoverBookmark& b : v.bookmarks) {
                h.text(b.mark);
                h.real(b.time);
            }
            for (const VoiceoverWord& w : v.words) {
                h.text(w.text);
                h.real(w.start);
                h.real(w.end);
            }
        }
    }
    const std::vector<SegmentInfo> segments = timeline.segments();
    h.number(segments.size());
    for (const SegmentInfo& s : segments) {
        h.flag(s.kind == SegmentInfo::Kind::Play);
        h.real(s.start);
        h.real(s.duration);
        h.text(s.description);
        h.flag(s.removes_only);
    }
    for (const SegmentInfo& s : segments) {
        add_frame(h, timeline, s.start);
        add_frame(h, timeline, s.start + s.duration / 2);
        add_frame(h, timeline, s.start + std::max(0.0, s.duration - kBeforeEnd));
    }
    add_frame(h, timeline, timeline.duration());
    return h.value();
}

} // namespace reel
