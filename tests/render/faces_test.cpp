// The rasteriser for 3-D faces (render/faces.h) against Cairo, which it stands in for: the same
// shaded quads (gradient fill, gradient stroke, Manim's widths) drawn both ways differ only by
// antialiasing; and a frame of them through render_frame, the layer cache and the exporter's
// kept buffer is the same picture.
#include <gtest/gtest.h>

#include <cairo.h>

#include <cmath>
#include <memory>
#include <vector>

#include "render/faces.h"
#include "render/render.h"

namespace reel {
namespace {

// A grid of shaded quads, slightly sheared, as a tilted surface's faces look; `bulge` moves
// each side's handles off its chord (scene units: 0.02 is ~2.7 px at 960 wide), as a surface's
// faces are after its function moved the handles too.
std::vector<LeafState> faces(int n, double stroke_width, double bulge = 0) {
    std::vector<LeafState> items;
    auto depth = std::make_shared<Depth>();
    depth->shade_in_3d = true;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const double s = 8.0 / n;
            const double x0 = -5 + i * s * 1.2 + 0.05 * std::sin(j * 0.3), y0 = -3 + j * s * 0.7 + 0.03 * std::cos(i * 0.2);
            const std::vector<Vec2> c = {{x0, y0}, {x0 + s * 1.2, y0 + 0.01}, {x0 + s * 1.3, y0 + s * 0.7},
                                         {x0 + 0.01, y0 + s * 0.6}, {x0, y0}};
            Points p;
            for (std::size_t k = 0; k + 1 < c.size(); ++k) {
                const Vec2 a = c[k], b = c[k + 1];
                const Vec2 off = Vec2{-(b - a).y, (b - a).x} * (bulge / std::max(1e-9, (b - a).norm()));
                p.insert(p.end(), {a, a + (b - a) / 3.0 + off, a + (b - a) * (2.0 / 3.0) + off * (k % 2 ? 1.0 : -0.5), b});
            }
            LeafState l;
            l.points = std::make_shared<const Points>(std::move(p));
            l.depth = depth;
            l.style.fill_color = (i + j) % 2 ? Color{1, 0.5, 0.2} : Color{0.2, 0.5, 1};
            l.style.fill_opacity = 0.9;
            l.style.stroke_color = Color{0.8, 0.8, 0.8};
            l.style.stroke_width = stroke_width;
            auto g = std::make_shared<Gradient>();
            g->from = c[0];
            g->to = c[2];
            g->fill_from = l.style.fill_color;
            g->fill_to = Color{l.style.fill_color.r * 0.6, l.style.fill_color.g * 0.6, l.style.fill_color.b * 0.6};
            g->stroke_from = Color{0.9, 0.9, 0.9};
            g->stroke_to = Color{0.5, 0.5, 0.5};
            l.style.gradient = g;
            items.push_back(l);
        }
    return items;
}

// Manim's Cairo drawing of the same items (render.cpp before the fast path).
Image cairo_picture(const std::vector<LeafState>& items, int w, int h) {
    Image img(w, h);
    cairo_surface_t* s = cairo_image_surface_create_for_data(img.pixels.data(), CAIRO_FORMAT_ARGB32, w, h, img.stride);
    cairo_t* cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0, 0, 0); // render_frame's background
    cairo_paint(cr);
    const double sx = w / kFrameWidth;
    cairo_matrix_t m;
    cairo_matrix_init(&m, sx, 0, 0, -sx, w / 2.0, h / 2.0);
    cairo_set_matrix(cr, &m);
    cairo_set_tolerance(cr, 0.25);
    for (const LeafState& l : items) {
        const Points& p = *l.points;
        const Style& st = l.style;
        const Gradient& g = *st.gradient;
        cairo_new_path(cr);
        cairo_move_to(cr, p[0].x, p[0].y);
        for (std::size_t k = 0; k < p.size() / 4; ++k)
            cairo_curve_to(cr, p[4 * k + 1].x, p[4 * k + 1].y, p[4 * k + 2].x, p[4 * k + 2].y, p[4 * k + 3].x,
                           p[4 * k + 3].y);
        if (points_equal_2d(p.front(), p.back())) cairo_close_path(cr);
        auto source = [&](Color a, Color b, double opacity) {
            cairo_pattern_t* pat = cairo_pattern_create_linear(g.from.x, g.from.y, g.to.x, g.to.y);
            cairo_pattern_add_color_stop_rgba(pat, 0, a.r, a.g, a.b, opacity);
            cairo_pattern_add_color_stop_rgba(pat, 1, b.r, b.g, b.b, opacity);
            cairo_set_source(cr, pat);
            cairo_pattern_destroy(pat);
        };
        source(g.fill_from, g.fill_to, st.fill_opacity);
        cairo_fill_preserve(cr);
        if (st.stroke_width > 0) {
            source(g.stroke_from, g.stroke_to, st.stroke_opacity);
            cairo_set_line_width(cr, st.stroke_width * 0.01);
            cairo_stroke_preserve(cr);
        }
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return img;
}

struct Diff {
    double mean = 0; // over the bytes either picture inked
    double far = 0;  // share of those bytes more than 40 apart
};

Diff diff(const Image& a, const Image& b) {
    long sum = 0, n = 0, far = 0;
    Diff d;
    for (std::size_t i = 0; i < a.pixels.size(); ++i) {
        const int e = std::abs(int(a.pixels[i]) - int(b.pixels[i]));
        if (a.pixels[i] || b.pixels[i]) ++n;
        sum += e;
        far += e > 40;
    }
    d.mean = n ? static_cast<double>(sum) / static_cast<double>(n) : 0;
    d.far = n ? static_cast<double>(far) / static_cast<double>(n) : 0;
    return d;
}

TEST(Faces, ShadedQuadsAreCairosPictureUpToAntialiasing) {
    for (const double bulge : {0.0, 0.02, 0.08})
    for (const double stroke : {0.0, 0.5, 4.0}) {
        SCOPED_TRACE(::testing::Message() << "stroke " << stroke << " bulge " << bulge);
        const auto items = faces(24, stroke, bulge);
        for (const LeafState& l : items) ASSERT_TRUE(detail::face_fast_path(l));
        Frame f;
        f.items = items;
        const Image ours = render_frame(f, 960, 540);
        const Image theirs = cairo_picture(items, 960, 540);
        const Diff d = diff(ours, theirs);
        EXPECT_LT(d.mean, 0.5);
        // Antialiasing: ours is the exact area covered; Cairo 1.16's scan converter samples,
        // and at a few corners where faces meet it gives a sliver of 1% a whole pixel (a face
        // corner at (423.03, 201.03) covers 253/255 of pixel (423, 201) in Cairo). Those few
        // pixels are all that may differ by more than 40.
        // Strongly curved sides under a thick stroke: where four faces' mitred strokes overlap
        // at a corner, the two antialiasings part by up to ~60 levels in a pixel or two.
        EXPECT_LT(d.far, bulge > 0.05 && stroke > 1 ? 5e-4 : 1e-4);
    }
}

TEST(Faces, OnlyShadedPathsOfOneSubpathTakeTheFastPath) {
    auto items = faces(2, 0.5);
    auto fast = [&](const LeafState& l) { return detail::face_fast_path(l); };
    EXPECT_TRUE(fast(items[0]));
    LeafState curved = items[0];
    Points p = *curved.points;
    p[1] = p[1] + Vec2{0.01, 0.03}; // a handle 4 px off the chord: flattened as Cairo does
    curved.points = std::make_shared<const Points>(p);
    EXPECT_TRUE(fast(curved));
    LeafState flat = items[0];
    flat.depth = nullptr; // not a 3-D face: Cairo draws it
    EXPECT_FALSE(fast(flat));
    LeafState open = items[0];
    Points q = *open.points;
    q.resize(12); // three sides, not closed: stroked with butt ends (ThreeDAxes' pieces)
    open.points = std::make_shared<const Points>(q);
    EXPECT_TRUE(fast(open));
    q.resize(4); // one side
    open.points = std::make_shared<const Points>(q);
    EXPECT_TRUE(fast(open));
    q.resize(6); // not whole cubics
    open.points = std::make_shared<const Points>(q);
    EXPECT_FALSE(fast(open));
    LeafState two = items[0];
    Points r = *two.points;
    r[4] = r[4] + Vec2{0.5, 0}; // the second side starts elsewhere: two subpaths
    two.points = std::make_shared<const Points>(r);
    EXPECT_FALSE(fast(two));
}

// Open paths as ThreeDAxes' pieces and ticks are (one straight cubic, stroked, a gradient from
// the light), and open polylines and curves with sharp turns (mitred and bevelled joins),
// some of them filled (Cairo closes an open path to fill it).
std::vector<LeafState> open_paths(double stroke_width) {
    std::vector<LeafState> items;
    auto depth = std::make_shared<Depth>();
    depth->shade_in_3d = true;
    for (int i = 0; i < 40; ++i) {
        const double a = i * 0.157, x0 = -6 + 0.3 * i, y0 = -3 + 0.05 * i;
        std::vector<Vec2> c = {{x0, y0}, {x0 + 1.1 * std::cos(a), y0 + 1.1 * std::sin(a)}};
        if (i % 3 == 1) c.push_back(c[1] + Vec2{0.8, -0.6 + 0.05 * i}); // a turn
        if (i % 3 == 2) c.insert(c.end(), {c[1] + Vec2{-0.9, 0.1}, c[1] + Vec2{0.3, 1.2}}); // sharp turns
        Points p;
        for (std::size_t k = 0; k + 1 < c.size(); ++k) {
            const Vec2 u = c[k], v = c[k + 1];
            const Vec2 bend = i % 4 == 3 ? Vec2{-(v - u).y, (v - u).x} * 0.3 : Vec2{0, 0};
            p.insert(p.end(), {u, u + (v - u) / 3.0 + bend, u + (v - u) * (2.0 / 3.0) + bend, v});
        }
        LeafState l;
        l.points = std::make_shared<const Points>(std::move(p));
        l.depth = depth;
        l.style.fill_color = Color{0.3, 0.8, 0.4};
        l.style.fill_opacity = i % 5 == 4 ? 0.7 : 0;
        l.style.stroke_width = stroke_width;
        auto g = std::make_shared<Gradient>();
        g->from = c.front();
        g->to = c.back() + Vec2{0.2, 0.1};
        g->fill_from = l.style.fill_color;
        g->fill_to = Color{0.1, 0.3, 0.2};
        g->stroke_from = Color{1, 1, 1};
        g->stroke_to = Color{0.4, 0.5, 0.6};
        l.style.gradient = g;
        items.push_back(l);
    }
    return items;
}

TEST(Faces, OpenShadedPathsAreCairosStrokesUpToAntialiasing) {
    for (const double stroke : {0.5, 2.0, 6.0}) {
        SCOPED_TRACE(::testing::Message() << "stroke " << stroke);
        const auto items = open_paths(stroke);
        for (const LeafState& l : items) ASSERT_TRUE(detail::face_fast_path(l));
        Frame f;
        f.items = items;
        const Diff d = diff(render_frame(f, 960, 540), cairo_picture(items, 960, 540));
        EXPECT_LT(d.mean, 0.5);
        // Where a side's quad and a join's overlap inside one pixel, each is antialiased on
        // its own and their coverages add (Cairo takes the union's): a few pixels at the sharp
        // turns are up to ~80 levels brighter (~1e-4 of the ink; a closing side drawn where
        // the path is open is 0.06).
        EXPECT_LT(d.far, 2e-4);
    }
}

TEST(Faces, LayerCacheAndKeptBufferDrawTheSamePixels) {
    // A frame whose faces change (animated) over static ones below: the cache's snapshot plus
    // the rest, and the exporter's kept buffer, equal a full redraw bit for bit.
    auto items = faces(16, 0.5);
    Frame a;
    a.items = items;
    a.layer_key = 77;
    a.static_prefix = items.size() / 2;
    Frame b = a;
    for (std::size_t i = b.static_prefix; i < b.items.size(); ++i) {
        Points p = *b.items[i].points;
        for (Vec2& v : p) v = v + Vec2{0.03, 0.02};
        b.items[i].points = std::make_shared<const Points>(p);
    }
    for (auto target : {LayerCache::Target::Shared, LayerCache::Target::Kept}) {
        LayerCache cache(target);
        Image img(480, 270);
        // (A segment met cold is drawn directly; the second frame in a row makes the layers.)
        for (const Frame* f : {&a, &b, &a, &b}) {
            cache.render(*f, img.pixels.data(), img.width, img.height, img.stride);
            EXPECT_EQ(img.pixels, render_frame(*f, 480, 270).pixels);
        }
        EXPECT_GE(cache.hits(), 2);
    }
}

TEST(Faces, BandsOfRowsDrawnByThreadsAreOnePicture) {
    // The player's threads each draw a band of rows; every row is cut in absolute device
    // coordinates, so the picture is the one thread's, bit for bit.
    Frame f;
    f.items = faces(24, 0.5, 0.02);
    const Image one = render_frame(f, 960, 540);
    for (const int threads : {2, 3, 7}) {
        SCOPED_TRACE(threads);
        EXPECT_EQ(render_frame(f, 960, 540, Camera{.threads = threads}).pixels, one.pixels);
    }
}

} // namespace
} // namespace reel
