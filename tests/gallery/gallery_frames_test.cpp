// The ports of Manim's gallery examples against Manim's own pictures: one frame of each port
// with reference frames (tests/data/reference/gallery/frames/, copied from Manim CE 0.17.3's
// renders; movie frames are from its CRF 23 video) rendered at 1920x1080 and compared by ink:
// what differs from the background by more than 40 in a channel must have ink of the other
// picture within 3 pixels (a difference above 28 counts there), both ways; F1 of the two.
// The comparison of the repository's scripts/gallery-check.sh (framecmp), with a tolerance
// rather than a hash: anti-aliasing and video compression move ink by a pixel, a missing
// underline, a moved label or a wrong shape do not pass.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "timeline/timeline.h"
#include "render/render.h"
#include "support/golden.h"

namespace reel {
namespace {

struct Reference {
    const char* scene;
    const char* file; ///< in tests/data/reference/gallery/frames/
    double at;        ///< scene time, seconds
    double min_f1;    ///< measured F1 less a margin for other Cairo/pixman versions
};

// One frame per example; BooleanOperations half way into its FadeIn (the underlined
// MarkupText title); VectorArrow's labels are Text at Pango's exact advances, which Manim
// rounded to 0.05 units (0.990 measured).
constexpr Reference kReferences[] = {
    {"manim_ce_logo", "ManimCELogo-t000000.png", 0.0, 0.995},
    {"vector_arrow", "VectorArrow-t000000.png", 0.0, 0.985},
    {"gradient_image_from_array", "GradientImageFromArray-t000000.png", 0.0, 0.995},
    {"boolean_operations", "BooleanOperations-t000500.png", 0.5, 0.995},
    {"moving_around", "MovingAround-t003500.png", 3.5, 0.995},
    {"moving_group_to_destination", "MovingGroupToDestination-t000750.png", 0.75, 0.995},
    {"arg_min_example", "ArgMinExample-t000750.png", 0.75, 0.995},
    {"polygon_on_axes", "PolygonOnAxes-t002500.png", 2.5, 0.995},
    {"sine_curve_unit_circle", "SineCurveUnitCircle-t003500.png", 3.5, 0.995},
};

constexpr int kInk = 40, kWeakInk = 28, kTol = 3;

// Pixels (ARGB32: B, G, R, A in memory) as RGB triples.
std::vector<std::array<int, 3>> rgb_of(const Image& im) {
    std::vector<std::array<int, 3>> out(static_cast<std::size_t>(im.width) * static_cast<std::size_t>(im.height));
    for (int y = 0; y < im.height; ++y)
        for (int x = 0; x < im.width; ++x) {
            const std::uint8_t* p = im.row(y) + 4 * x;
            out[static_cast<std::size_t>(y) * static_cast<std::size_t>(im.width) + static_cast<std::size_t>(x)] = {p[2], p[1], p[0]};
        }
    return out;
}

// The median of each channel (framecmp's background).
std::array<int, 3> median_colour(const std::vector<std::array<int, 3>>& px) {
    std::array<int, 3> out{};
    for (int c = 0; c < 3; ++c) {
        std::array<std::size_t, 256> hist{};
        for (const auto& p : px) ++hist[static_cast<std::size_t>(p[static_cast<std::size_t>(c)])];
        std::size_t seen = 0;
        for (int v = 0; v < 256; ++v) {
            seen += hist[static_cast<std::size_t>(v)];
            if (2 * seen >= px.size()) {
                out[static_cast<std::size_t>(c)] = v;
                break;
            }
        }
    }
    return out;
}

std::vector<char> ink(const std::vector<std::array<int, 3>>& px, const std::array<int, 3>& bg, int level) {
    std::vector<char> out(px.size());
    for (std::size_t i = 0; i < px.size(); ++i) {
        int d = 0;
        for (std::size_t c = 0; c < 3; ++c) d = std::max(d, std::abs(px[i][c] - bg[c]));
        out[i] = d > level;
    }
    return out;
}

// Grown by a disk of radius kTol.
std::vector<char> dilate(const std::vector<char>& m, int w, int h) {
    std::vector<char> out(m.size());
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            if (!m[static_cast<std::size_t>(y * w + x)]) continue;
            for (int dy = -kTol; dy <= kTol; ++dy)
                for (int dx = -kTol; dx <= kTol; ++dx) {
                    const int yy = y + dy, xx = x + dx;
                    if (dx * dx + dy * dy > kTol * kTol || yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
                    out[static_cast<std::size_t>(yy * w + xx)] = 1;
                }
        }
    return out;
}

double ink_f1(const Image& ref, const Image& ours) {
    const auto r = rgb_of(ref), o = rgb_of(ours);
    const auto bg = median_colour(r);
    const auto ir = ink(r, bg, kInk), io = ink(o, bg, kInk);
    const auto dr = dilate(ink(r, bg, kWeakInk), ref.width, ref.height);
    const auto dout = dilate(ink(o, bg, kWeakInk), ref.width, ref.height);
    double nr = 0, no = 0, hit_r = 0, hit_o = 0;
    for (std::size_t i = 0; i < r.size(); ++i) {
        nr += ir[i], no += io[i];
        hit_r += ir[i] && dout[i];
        hit_o += io[i] && dr[i];
    }
    const double recall = nr > 0 ? hit_r / nr : (no == 0 ? 1.0 : 0.0);
    const double precision = no > 0 ? hit_o / no : (nr == 0 ? 1.0 : 0.0);
    return recall + precision == 0 ? 0.0 : 2 * recall * precision / (recall + precision);
}

TEST(GalleryFrames, PortsMatchManimsFramesByInk) {
    for (const Reference& ref : kReferences) {
        SCOPED_TRACE(ref.scene);
        std::string error;
        const Image want = test::load_png(std::string(REEL_TEST_REFERENCE_DIR) + "/gallery/frames/" + ref.file, error);
        ASSERT_EQ(want.width, 1920) << error;
        ASSERT_EQ(want.height, 1080);
        const SceneInfo* info = find_scene(ref.scene);
        ASSERT_NE(info, nullptr);
        const Timeline tl = record_scene(*info);
        const Image got = render_frame(tl.state_at(ref.at), 1920, 1080);
        const double f1 = ink_f1(want, got);
        EXPECT_GE(f1, ref.min_f1) << ref.file;
        RecordProperty(ref.scene, std::to_string(f1));
    }
}

// With Manim's 0.05-unit glyph rounding (reel frame --manim-glyph-rounding), Text and
// MarkupText land on Manim's pixels: VectorArrow's labels and BooleanOperations' underlined
// title match everywhere (F1 1.0000 measured; 0.9897 and 0.9997 at Pango's exact positions).
TEST(GalleryFrames, WithManimsGlyphRoundingTextLandsOnManimsPixels) {
    for (const Reference& ref : kReferences) {
        if (std::string(ref.scene) != "vector_arrow" && std::string(ref.scene) != "boolean_operations") continue;
        SCOPED_TRACE(ref.scene);
        std::string error;
        const Image want = test::load_png(std::string(REEL_TEST_REFERENCE_DIR) + "/gallery/frames/" + ref.file, error);
        ASSERT_EQ(want.width, 1920) << error;
        const Timeline tl = record_scene(*find_scene(ref.scene), RecordingOptions{.manim_glyph_rounding = true});
        EXPECT_GE(ink_f1(want, render_frame(tl.state_at(ref.at), 1920, 1080)), 0.9999) << ref.file;
    }
}

// The comparison itself: a picture matches itself; the same picture with a band drawn where
// the other has none, or shifted by 8 pixels, does not reach 0.995.
TEST(GalleryFrames, TheInkComparisonSeesALineAndAShift) {
    std::string error;
    const Image ref = test::load_png(std::string(REEL_TEST_REFERENCE_DIR) + "/gallery/frames/BooleanOperations-t000500.png", error);
    ASSERT_EQ(ref.width, 1920) << error;
    EXPECT_DOUBLE_EQ(ink_f1(ref, ref), 1.0);
    Image shifted = ref;
    for (int y = 0; y < ref.height; ++y) {
        std::fill(shifted.row(y), shifted.row(y) + 4 * ref.width, std::uint8_t(0));
        std::copy(ref.row(y), ref.row(y) + 4 * (ref.width - 8), shifted.row(y) + 4 * 8);
    }
    EXPECT_LT(ink_f1(ref, shifted), 0.995);
    // A white 1500x12 band on the background (under the ellipses) of a copy.
    Image lined = ref;
    for (int y = 1040; y < 1052; ++y)
        for (int x = 200; x < 1700; ++x) std::fill(lined.row(y) + 4 * x, lined.row(y) + 4 * x + 4, std::uint8_t(255));
    EXPECT_LT(ink_f1(ref, lined), 0.995);
}

} // namespace
} // namespace reel
