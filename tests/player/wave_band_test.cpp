// The seek bar's waveform drawn from a mask kept between pictures: made once for a track and
// its levels, made again when either changes, and the same pixels as filling the waveform's
// outline in place.
#include <gtest/gtest.h>

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "player/overlay.h"
#include "player/wave_band.h"

namespace reel {
namespace {

// A window's pixels, dark blue-grey (the band is drawn over the picture and the bar's panel).
Image backdrop(int w, int h) {
    Image img(w, h);
    const std::uint32_t value = 0xFF1E3C5Au;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) std::memcpy(img.row(y) + 4 * x, &value, 4);
    return img;
}

// Runs `paint` with a Cairo context on `img`.
template <class F> void on(Image& img, F paint) {
    cairo_surface_t* surface = cairo_image_surface_create_for_data(img.pixels.data(), CAIRO_FORMAT_ARGB32, img.width,
                                                                   img.height, img.stride);
    cairo_t* cr = cairo_create(surface);
    paint(cr);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    cairo_surface_destroy(surface);
}

// The waveform as the seek bar has always drawn it: its outline (mirrored around the track's
// middle, a point per column, at least a hairline) filled in place, played part and the rest
// each clipped to the band.
void fill_in_place(cairo_t* cr, const std::vector<float>& levels, const OverlayLayout& lay, double played_x) {
    const PixelRect& tr = lay.track;
    const double s = lay.scale, cy = tr.y + tr.h / 2, half = kBandHalf * s, cw = tr.w / static_cast<double>(levels.size());
    auto outline = [&] {
        cairo_new_path(cr);
        for (std::size_t i = 0; i < levels.size(); ++i)
            cairo_line_to(cr, tr.x + cw * (static_cast<double>(i) + 0.5), cy - std::max(0.5 * s, half * levels[i]));
        for (std::size_t i = levels.size(); i-- > 0;)
            cairo_line_to(cr, tr.x + cw * (static_cast<double>(i) + 0.5), cy + std::max(0.5 * s, half * levels[i]));
        cairo_close_path(cr);
    };
    auto part = [&](double x0, double x1, double r, double g, double b, double a) {
        cairo_save(cr);
        cairo_rectangle(cr, x0, cy - half, x1 - x0, 2 * half);
        cairo_clip(cr);
        outline();
        cairo_set_source_rgba(cr, r, g, b, a);
        cairo_fill(cr);
        cairo_restore(cr);
    };
    part(tr.x, played_x, 0.75, 0.87, 1.0, 0.85);
    part(played_x, tr.x + tr.w, 1, 1, 1, 0.45);
}

// A bar's track at fractional pixel positions (as a HiDPI scale gives) and random levels.
struct Case {
    OverlayLayout lay;
    std::vector<float> levels;
};

Case make_case(int width, int height, double scale, unsigned seed) {
    Case c;
    c.lay = overlay_layout(width, height, scale);
    // Shifted off the pixel grid: the band's edges then cut pixels, the hard case for a mask.
    c.lay.track.x += 0.3;
    c.lay.track.y += 0.45;
    c.lay.track.w -= 0.6;
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> level(0, 1);
    c.levels.resize(static_cast<std::size_t>(std::lround(c.lay.track.w)));
    for (float& v : c.levels) v = level(rng) < 0.2f ? 0.0f : level(rng);
    return c;
}

// Pixel columns where two images differ.
std::vector<int> differing_columns(const Image& a, const Image& b) {
    std::vector<char> differs(static_cast<std::size_t>(a.width), 0);
    for (int y = 0; y < a.height; ++y)
        if (std::memcmp(a.row(y), b.row(y), static_cast<std::size_t>(a.width) * 4) != 0)
            for (int x = 0; x < a.width; ++x)
                differs[static_cast<std::size_t>(x)] |= std::memcmp(a.row(y) + 4 * x, b.row(y) + 4 * x, 4) != 0;
    std::vector<int> columns;
    for (int x = 0; x < a.width; ++x)
        if (differs[static_cast<std::size_t>(x)]) columns.push_back(x);
    return columns;
}

TEST(WaveBand, NoLevelsDrawNothingAndMakeNoMask) {
    Case c = make_case(640, 360, 1.0, 1);
    Image img = backdrop(640, 360), before = img;
    WaveBand band;
    on(img, [&](cairo_t* cr) { band.draw(cr, {}, c.lay, c.lay.track.x + 100); });
    EXPECT_EQ(band.renders(), 0);
    EXPECT_TRUE(differing_columns(img, before).empty());
}

// Playing: the playhead moves every picture, the mask is made once.
TEST(WaveBand, MadeOnceForATrackAndItsLevels) {
    Case c = make_case(1280, 720, 1.0, 2);
    WaveBand band;
    for (int i = 0; i < 30; ++i) {
        Image img = backdrop(1280, 720);
        on(img, [&](cairo_t* cr) { band.draw(cr, c.levels, c.lay, c.lay.track.x + 13.37 * i); });
    }
    EXPECT_EQ(band.renders(), 1);
    // The waveform fills in as it is computed: new levels, a new mask.
    c.levels[c.levels.size() / 2] = 0.5f;
    Image img = backdrop(1280, 720);
    on(img, [&](cairo_t* cr) { band.draw(cr, c.levels, c.lay, c.lay.track.x); });
    EXPECT_EQ(band.renders(), 2);
    // A resized window: another track.
    Case big = make_case(1920, 1080, 1.5, 2);
    Image large = backdrop(1920, 1080);
    on(large, [&](cairo_t* cr) { band.draw(cr, big.levels, big.lay, big.lay.track.x); });
    EXPECT_EQ(band.renders(), 3);
}

// A mask kept across pictures, sizes and levels draws what a new one draws, and both what
// filling the outline in place draws, but for the playhead's own pixel column (there a pixel
// is part played and part not: the mask multiplies two coverages where the fill cut the outline).
TEST(WaveBand, SamePixelsAsFillingTheOutlineInPlace) {
    WaveBand kept;
    const Case cases[] = {make_case(1280, 720, 1.0, 3), make_case(2560, 1440, 2.0, 4), make_case(1920, 1080, 1.5, 5),
                          make_case(1280, 720, 1.0, 6)};
    for (const Case& c : cases) {
        for (double frac : {0.0, 0.123, 0.5, 0.77777, 1.0}) {
            const double played = c.lay.track.x + frac * c.lay.track.w;
            SCOPED_TRACE(testing::Message() << c.lay.width << "x" << c.lay.height << " playhead at " << played);
            const Image plain = backdrop(c.lay.width, c.lay.height);
            Image cached = plain, fresh = plain, filled = plain;
            on(cached, [&](cairo_t* cr) { kept.draw(cr, c.levels, c.lay, played); });
            on(fresh, [&](cairo_t* cr) { WaveBand().draw(cr, c.levels, c.lay, played); });
            on(filled, [&](cairo_t* cr) { fill_in_place(cr, c.levels, c.lay, played); });
            EXPECT_TRUE(differing_columns(cached, fresh).empty());
            const std::vector<int> columns = differing_columns(cached, filled);
            const int playhead = static_cast<int>(std::floor(played));
            for (int x : columns) EXPECT_EQ(x, playhead);
            // The band is there at all: the waveform changed the pixels.
            EXPECT_GT(differing_columns(cached, plain).size(), c.levels.size() / 2);
        }
    }
    EXPECT_EQ(kept.renders(), 4);
}

} // namespace
} // namespace reel
