// LayerCache: frames drawn from a snapshot of the static bottom layer plus the animated items
// are bit-identical to full redraws. Every frame of the promo at 480p (timeline rate, 60 fps)
// and sampled frames at 1080p, plus hand-made frames that put static content below, between
// and above animated content and merged fills across the cut.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "reel/animation.h"
#include "reel/mobject.h"
#include "render/render.h"
#include "timeline/timeline.h"

namespace reel {
namespace {

// Index of the first differing byte, or -1.
long first_difference(const Image& a, const Image& b) {
    if (a.pixels.size() != b.pixels.size()) return 0;
    for (std::size_t i = 0; i < a.pixels.size(); ++i)
        if (a.pixels[i] != b.pixels[i]) return static_cast<long>(i);
    return -1;
}

// The first row where a and b differ outside the rectangle, -1 if none.
long changed_outside(const Image& a, const Image& b, const LayerCache::Rect& r) {
    for (int y = 0; y < a.height; ++y) {
        const std::uint8_t* p = a.pixels.data() + static_cast<std::size_t>(y) * a.stride;
        const std::uint8_t* q = b.pixels.data() + static_cast<std::size_t>(y) * b.stride;
        const bool inside = y >= r.y0 && y < r.y1;
        const std::size_t left = inside ? 4 * static_cast<std::size_t>(r.x0) : 4 * static_cast<std::size_t>(a.width);
        const std::size_t right = inside ? 4 * static_cast<std::size_t>(r.x1) : left;
        if (std::memcmp(p, q, left) != 0 || std::memcmp(p + right, q + right, 4 * static_cast<std::size_t>(a.width) - right) != 0)
            return y;
    }
    return -1;
}

const Timeline& promo() {
    static const Timeline tl = [] {
        const SceneInfo* s = find_scene("transformer");
        if (!s) throw std::runtime_error("the promo scene is not registered");
        return record_scene(*s);
    }();
    return tl;
}

// Every timeline frame in [first, last) drawn both ways at w x h; the cache is used in
// playback order, as the player and the exporter's workers use it.
void expect_identical(const Timeline& tl, long first, long last, long step, int w, int h,
                      long* hits_out = nullptr, LayerCache::Target target = LayerCache::Target::Shared,
                      long long* restored_out = nullptr, double* changed_out = nullptr) {
    LayerCache cache(target);
    Image full(w, h), cached(w, h), before(w, h);
    long compared = 0;
    double changed = 0; // pictures
    for (long k = first; k < last; k += step) {
        // With a step, draw the frame before too, so that frame k comes from the snapshot.
        if (step > 1 && k > first) cache.render(tl.state_at(static_cast<double>(k - 1) / kTimelineFps),
                                                cached.pixels.data(), w, h, cached.stride);
        const Frame f = tl.state_at(static_cast<double>(k) / kTimelineFps);
        render_frame(f, full.pixels.data(), w, h, full.stride);
        before.pixels = cached.pixels;
        cache.render(f, cached.pixels.data(), w, h, cached.stride);
        // Outside changed(), the buffer holds what it held before (what the exporter relies
        // on to convert only that part).
        const long moved = changed_outside(before, cached, cache.changed());
        ASSERT_EQ(moved, -1) << "frame " << k << ": row " << moved << " changed outside changed()";
        const LayerCache::Rect c = cache.changed();
        if (c.x1 > c.x0 && c.y1 > c.y0)
            changed += static_cast<double>(c.x1 - c.x0) * (c.y1 - c.y0) / (static_cast<double>(w) * h);
        const long d = first_difference(full, cached);
        ASSERT_EQ(d, -1) << "frame " << k << " (t = " << static_cast<double>(k) / kTimelineFps
                         << " s) differs at pixel " << d / 4 % w << ", " << d / 4 / w;
        ++compared;
    }
    EXPECT_GT(compared, 0);
    if (hits_out) *hits_out = cache.hits();
    if (restored_out) *restored_out = cache.restored_pixels();
    if (changed_out) *changed_out = changed / static_cast<double>(compared);
}

// The promo in four quarters (ctest runs them in parallel), with the target shared (the
// player) and kept between frames (the exporter: only the previous frame's damage restored).
class PromoAt480p : public ::testing::TestWithParam<std::tuple<int, LayerCache::Target>> {};

TEST_P(PromoAt480p, EveryFrameMatchesAFullRedraw) {
    const Timeline& tl = promo();
    const long n = tl.frame_count(kTimelineFps);
    ASSERT_GT(n, 4000); // the whole promo
    const auto [q, target] = GetParam();
    long hits = 0;
    long long restored = 0;
    double changed = 0;
    expect_identical(tl, n * q / 4, q == 3 ? n + 1 : n * (q + 1) / 4, 1, 854, 480, &hits, target, &restored,
                     &changed);

    // The snapshot is really used: most frames of most segments come from it.
    EXPECT_GT(hits, n / 4 / 2);
    const double per_hit = static_cast<double>(restored) / static_cast<double>(std::max(hits, 1L)) / (854.0 * 480.0);
    if (target == LayerCache::Target::Shared)
        EXPECT_DOUBLE_EQ(per_hit, 1.0); // a whole picture each time
    else
        EXPECT_LT(per_hit, 0.5) << "a kept target restores only what the animated items covered";
    // A kept target changes only where the last frame and this one drew, also when the frame
    // is drawn whole or makes a new snapshot (the background painted again only where the last
    // frame drew): 9-20 % of the picture a frame per quarter, 22-43 % when such frames
    // changed all of it.
    if (target == LayerCache::Target::Kept) {
        EXPECT_LT(changed, 0.21);
    }
}

INSTANTIATE_TEST_SUITE_P(Quarter, PromoAt480p,
                         ::testing::Combine(::testing::Values(0, 1, 2, 3),
                                            ::testing::Values(LayerCache::Target::Shared, LayerCache::Target::Kept)));

TEST(LayerCache, SampledPromoFramesAt1080pMatchAFullRedraw) {
    const Timeline& tl = promo();
    expect_identical(tl, 1, tl.frame_count(kTimelineFps) + 1, 97, 1920, 1080);
    expect_identical(tl, 1, tl.frame_count(kTimelineFps) + 1, 97, 1920, 1080, nullptr, LayerCache::Target::Kept);
}

// A scene with static content below, between and above animated content; a static Text in
// the same style as an animated one right above it (their fills would merge).
Timeline layered_scene() {
    Scene s;
    auto back = Rectangle({.width = 10, .height = 6, .color = BLUE, .fill_opacity = 0.5});
    auto a = Square(2, {.color = RED, .fill_opacity = 0.8});
    auto mid = Square(3, {.color = GREEN, .fill_opacity = 0.6});
    auto b = Square(1, {.color = WHITE, .fill_opacity = 1, .stroke_width = 0});
    auto c = Square(1, {.color = WHITE, .fill_opacity = 1, .stroke_width = 0});
    auto top = Square(1.4, {.color = YELLOW, .fill_opacity = 0.7});
    c.shift({1.5, 0});
    s.add(back);
    s.add(a);
    s.add(mid);
    s.add(b);
    s.add(c);
    s.add(top);
    s.wait(0.25);
    s.play(animate(a).shift({2, 1}), animate(c).shift({-2, -1}), {.run_time = 0.5});
    s.play(animate(b).rotate(1.0), {.run_time = 0.5});
    s.wait(0.25);
    return s.finish();
}

TEST(LayerCache, StaticBelowBetweenAndAboveAnimatedIsExact) {
    const Timeline tl = layered_scene();
    long hits = 0;
    expect_identical(tl, 0, tl.frame_count(kTimelineFps) + 1, 1, 640, 360, &hits);
    EXPECT_GT(hits, tl.frame_count(kTimelineFps) / 2);
}

// Overlapping translucent squares of one style, the lower static, the upper moving: a full
// redraw fills them as one path (the overlap is covered once), so the snapshot must not hold
// the lower one alone.
TEST(LayerCache, MergedTranslucentFillsAcrossTheCutAreExact) {
    Scene s;
    auto under = Square(2, {.color = WHITE, .fill_opacity = 0.5, .stroke_width = 0});
    auto over = Square(2, {.color = WHITE, .fill_opacity = 0.5, .stroke_width = 0});
    over.shift({0.5, 0.3});
    s.add(Square(6, {.color = BLUE, .fill_opacity = 1}));
    s.add(under);
    s.add(over);
    s.play(animate(over).shift({1, 0.5}), {.run_time = 0.25});
    const Timeline tl = s.finish();
    const Frame f = tl.state_at(0.1);
    EXPECT_EQ(f.static_prefix, 2u);
    EXPECT_EQ(layer_cut(f), 1u);
    long hits = 0;
    expect_identical(tl, 0, tl.frame_count(kTimelineFps) + 1, 1, 320, 180, &hits);
    EXPECT_GT(hits, 5);
}

TEST(LayerCache, CutStopsBeforeAFillThatCouldMergeWithAnimatedItems) {
    const Timeline tl = layered_scene();
    // During the second play, b (white, fill only) is animated; c (same style) is static above
    // it, and back, a, mid are static below: the cut is after mid.
    const Frame f = tl.state_at(0.25 + 0.5 + 0.25);
    ASSERT_EQ(f.items.size(), 6u);
    EXPECT_EQ(f.static_prefix, 3u);
    EXPECT_EQ(layer_cut(f), 3u);
    // First play: a animated, so only back is static below it.
    const Frame g = tl.state_at(0.25 + 0.1);
    EXPECT_EQ(g.static_prefix, 1u);
    EXPECT_EQ(layer_cut(g), 1u);

    // Hand-made: two same-style fill-only static items right below an animated one of the same
    // style: the cut goes before both (the full redraw fills all three at once).
    auto sq = Square(1, {.color = WHITE, .fill_opacity = 1, .stroke_width = 0});
    auto other = Square(1, {.color = RED, .fill_opacity = 1});
    Frame h;
    h.items = {other.leaf_state(), sq.leaf_state(), sq.leaf_state(), sq.leaf_state()};
    h.layer_key = new_layer_key();
    h.static_prefix = 3;
    EXPECT_EQ(layer_cut(h), 1u);
    // All static: everything is cached.
    h.static_prefix = 4;
    EXPECT_EQ(layer_cut(h), 4u);
    // A hand-made frame without a key is never cached.
    LayerCache cache;
    Image img(64, 36);
    Frame plain = h;
    plain.layer_key = 0;
    cache.render(plain, img.pixels.data(), 64, 36, img.stride);
    cache.render(plain, img.pixels.data(), 64, 36, img.stride);
    EXPECT_EQ(cache.hits() + cache.misses(), 0);
}

TEST(LayerCache, SizeBackgroundOrSegmentChangeRedrawsTheSnapshot) {
    const Timeline tl = layered_scene();
    const Frame f = tl.state_at(0.4);
    LayerCache cache;
    Image a(320, 180), b(320, 180), full(320, 180);
    // Met cold: drawn directly; the next frame in the same segment makes the snapshot; the
    // one after comes from it.
    cache.render(f, a.pixels.data(), 320, 180, a.stride);
    EXPECT_EQ(cache.direct(), 1);
    EXPECT_EQ(cache.misses(), 0);
    cache.render(f, a.pixels.data(), 320, 180, a.stride);
    cache.render(f, a.pixels.data(), 320, 180, a.stride);
    EXPECT_EQ(cache.misses(), 1);
    EXPECT_EQ(cache.hits(), 1);
    const Camera grey{GRAY};
    cache.render(f, b.pixels.data(), 320, 180, b.stride, grey);
    EXPECT_EQ(cache.misses(), 2);
    render_frame(f, full.pixels.data(), 320, 180, full.stride, grey);
    EXPECT_EQ(first_difference(b, full), -1);
    Image small(160, 90), small_full(160, 90);
    cache.render(f, small.pixels.data(), 160, 90, small.stride, grey);
    EXPECT_EQ(cache.misses(), 3);
    render_frame(f, small_full.pixels.data(), 160, 90, small_full.stride, grey);
    EXPECT_EQ(first_difference(small, small_full), -1);
    // A wider stride than the snapshot's (the player draws into a window's rows).
    const int pitch = 4 * 200;
    std::vector<std::uint8_t> wide(static_cast<std::size_t>(pitch) * 90, 7);
    cache.render(f, wide.data(), 160, 90, pitch, grey);
    EXPECT_EQ(cache.hits(), 2);
    for (int y = 0; y < 90; ++y) {
        ASSERT_EQ(std::memcmp(wide.data() + y * pitch, small_full.row(y), 160 * 4), 0) << "row " << y;
        ASSERT_EQ(wide[static_cast<std::size_t>(y * pitch + 160 * 4)], 7) << "row " << y << " overran";
    }
    cache.clear();
    cache.render(f, small.pixels.data(), 160, 90, small.stride, grey);
    EXPECT_EQ(cache.misses(), 4);
    EXPECT_EQ(cache.direct(), 1);
}

// Scrubbing: random seeks across segments are drawn directly (no snapshot made for a segment
// the next frame leaves), identical to a full redraw; staying in a segment makes its layers.
TEST(LayerCache, ASegmentMetColdIsDrawnDirectlyUntilPlaybackStaysInIt) {
    const Timeline tl = layered_scene();
    const double d = tl.duration();
    std::vector<double> seeks;
    for (int i = 0; i < 40; ++i) seeks.push_back(std::fmod(0.37 * i * i + 0.11 * i, d));
    LayerCache cache;
    Image cached(160, 90), full(160, 90);
    // The rule: a frame is drawn directly when its segment is neither the previous frame's nor
    // the one whose layers were made last (made when a frame follows one of its own segment).
    std::uint64_t previous = 0, layered = 0;
    long cold = 0, direct = 0, keyed = 0;
    for (double t : seeks) {
        const Frame f = tl.state_at(t);
        if (f.layer_key != 0) {
            ++keyed;
            cold += f.layer_key != previous;
            if (f.layer_key != previous && f.layer_key != layered) ++direct;
            else layered = f.layer_key;
        }
        previous = f.layer_key;
        cache.render(f, cached.pixels.data(), 160, 90, cached.stride);
        render_frame(f, full.pixels.data(), 160, 90, full.stride);
        ASSERT_EQ(first_difference(cached, full), -1) << "t = " << t;
    }
    ASSERT_GT(cold, 10); // the seeks really hop between segments
    EXPECT_GT(direct, cold / 2);
    EXPECT_EQ(cache.direct(), direct);
    EXPECT_EQ(cache.direct() + cache.misses() + cache.hits(), keyed);
    // Playback in one segment: one direct frame at most, one snapshot, then hits.
    const long hits = cache.hits(), misses = cache.misses();
    const Frame a = tl.state_at(0.5), b = tl.state_at(0.5 + 1.0 / 60);
    ASSERT_EQ(a.layer_key, b.layer_key);
    for (int i = 0; i < 6; ++i) cache.render(i % 2 ? b : a, cached.pixels.data(), 160, 90, cached.stride);
    EXPECT_LE(cache.misses() - misses, 1);
    EXPECT_GE(cache.hits() - hits, 4);
}

// The exporter's kept buffer across seeks, playback and background changes: every frame
// equals a full redraw, nothing changes outside changed(), and outside over_layer() a frame
// drawn whole shows its layer, the background.
TEST(LayerCache, KeptBufferAcrossSeeksAndBackgroundsMatchesFullRedraws) {
    const Timeline tl = layered_scene();
    const double d = tl.duration();
    LayerCache cache(LayerCache::Target::Kept);
    Image cached(160, 90), full(160, 90), before(160, 90), ground(160, 90);
    long whole = 0, small = 0;
    for (int i = 0; i < 70; ++i) {
        const double t = i < 40 ? std::fmod(0.37 * i * i + 0.11 * i, d) : (i - 40) / 30.0; // seeks, then playback
        const Camera camera = i % 7 == 3 ? Camera{GRAY} : Camera{};
        const Frame f = tl.state_at(t);
        before.pixels = cached.pixels;
        cache.render(f, cached.pixels.data(), 160, 90, cached.stride, camera);
        render_frame(f, full.pixels.data(), 160, 90, full.stride, camera);
        ASSERT_EQ(first_difference(cached, full), -1) << "frame " << i << ", t = " << t;
        ASSERT_EQ(changed_outside(before, cached, cache.changed()), -1) << "frame " << i;
        const LayerCache::Rect c = cache.changed();
        small += (c.x1 - c.x0) * (c.y1 - c.y0) < 160 * 90;
        if (cache.layer().key == 0) {
            ++whole;
            Frame nothing;
            nothing.background = f.background;
            render_frame(nothing, ground.pixels.data(), 160, 90, ground.stride, camera);
            ASSERT_EQ(changed_outside(ground, cached, cache.over_layer()), -1) << "frame " << i;
        }
    }
    EXPECT_GT(whole, 10);
    EXPECT_GT(small, 35); // most frames change less than the whole picture
}

} // namespace
} // namespace reel
