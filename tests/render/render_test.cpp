// Renderer: Manim's Cairo camera (MANIM_SEMANTICS.md sections 1 and 3.2), PNG output, and golden
// frames of the gqa section compared with a tolerance.
//
// Golden frames live in tests/golden/gqa/tNNNNNN.png (scene time in ms, 960x540). They are
// made only on purpose, by a separate command: cmake --build build --target regenerate-goldens.
// The tests always compare (tests/support/golden.h); on a mismatch the actual frame and a diff
// image are written to <build>/test-output/golden/.
#include <gtest/gtest.h>

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "render/render.h"
#include "reel/text.h"
#include "timeline/timeline.h"
#include "golden_gqa.h"
#include "support/golden.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

struct Rgba {
    int r, g, b, a;
};

// Cairo ARGB32 is native-endian 0xAARRGGBB: bytes B, G, R, A on little-endian machines.
Rgba pixel(const Image& img, int x, int y) {
    const std::uint8_t* p = img.row(y) + 4 * x;
    const std::uint32_t v = static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
                            static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
    return {static_cast<int>((v >> 16) & 0xff), static_cast<int>((v >> 8) & 0xff),
            static_cast<int>(v & 0xff), static_cast<int>(v >> 24)};
}

::testing::AssertionResult is_color(const Image& img, int x, int y, int r, int g, int b) {
    const Rgba p = pixel(img, x, y);
    if (p.r == r && p.g == g && p.b == b && p.a == 255) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "pixel (" << x << ", " << y << ") is (" << p.r << ", "
                                         << p.g << ", " << p.b << ", " << p.a << "), expected ("
                                         << r << ", " << g << ", " << b << ", 255)";
}

bool all_background(const Image& img, int r = 0, int g = 0, int b = 0) {
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            const Rgba p = pixel(img, x, y);
            if (p.r != r || p.g != g || p.b != b || p.a != 255) return false;
        }
    return true;
}

LeafState leaf(const Mobject& m) { return m.leaf_state(); }

Frame frame_of(std::initializer_list<Mobject> ms) {
    Frame f;
    for (const auto& m : ms)
        for (const auto& l : m.leaves()) f.items.push_back(leaf(l));
    return f;
}

fs::path scratch_dir(const std::string& name) {
    fs::path d = fs::path(REEL_TEST_OUTPUT_DIR) / "render" / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

// ── Negative cases ────────────────────────────────────────────────────────────────────────

TEST(Render, EmptyFrameIsOpaqueBackground) {
    EXPECT_TRUE(all_background(render_frame(Frame{}, 64, 36)));
    EXPECT_TRUE(all_background(render_frame(Frame{}, 64, 36, Camera{Color{1, 0, 0}}), 255, 0, 0));
}

TEST(Render, DegenerateAndNonFinitePathsDrawNothing) {
    Frame f;
    Style visible{WHITE, 1.0, WHITE, 1.0, 4.0};
    f.items.push_back({std::make_shared<const Points>(), visible});
    f.items.push_back({std::make_shared<const Points>(Points{{0, 0}, {1, 1}}), visible});
    f.items.push_back({std::make_shared<const Points>(
                           Points{{0, 0}, {NAN, 1}, {1, 1}, {INFINITY, 0}}),
                       visible});
    // Invisible styles: no fill, no stroke.
    Style none{WHITE, 0.0, WHITE, 1.0, 0.0};
    f.items.push_back({Square(2.0).leaf_state().points, none});
    Style transparent{WHITE, 0.0, WHITE, 0.0, 4.0};
    f.items.push_back({Square(2.0).leaf_state().points, transparent});
    EXPECT_TRUE(all_background(render_frame(f, 128, 72)));
}

TEST(Render, ZeroLengthPathWithButtCapsIsInvisible) {
    // Create's alpha = 0 state: 4 copies of the first point.
    Frame f;
    f.items.push_back({std::make_shared<const Points>(Points(4, Vec2{0.5, 0.5})),
                       Style{WHITE, 0.0, WHITE, 1.0, 10.0}});
    EXPECT_TRUE(all_background(render_frame(f, 128, 72)));
}

TEST(Render, AFailedCairoSurfaceIsAnError) {
    // Cairo's image surfaces end at 32767 pixels a side: the surface comes back in an error
    // state, which must not pass for a drawn (blank) picture.
    std::vector<std::uint8_t> pixels(static_cast<std::size_t>(40000) * 4 * 2);
    Frame f;
    try {
        render_frame(f, pixels.data(), 40000, 2, 40000 * 4);
        ADD_FAILURE() << "no error for a 40000-pixel-wide surface";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("40000x2"), std::string::npos) << e.what();
    }
    // A stride too small for the width: the same.
    std::vector<std::uint8_t> small(64 * 16);
    EXPECT_THROW(render_frame(f, small.data(), 64, 16, 64), std::runtime_error);
}

TEST(WritePng, MissingFolderFailsWithAMessageAndWritesNothing) {
    const fs::path d = scratch_dir("missing");
    const std::string target = (d / "no-such-folder" / "x.png").string();
    std::string err;
    EXPECT_FALSE(write_png(Image(16, 16), target, &err));
    EXPECT_NE(err.find("no-such-folder"), std::string::npos) << err;
    EXPECT_FALSE(fs::exists(target));
}

TEST(WritePng, TargetThatIsAFolderFailsAndStaysAFolder) {
    const fs::path d = scratch_dir("is-folder");
    fs::create_directory(d / "x.png");
    std::string err;
    EXPECT_FALSE(write_png(Image(16, 16), (d / "x.png").string(), &err));
    EXPECT_FALSE(err.empty());
    EXPECT_TRUE(fs::is_directory(d / "x.png"));
    // No temporary file is left behind.
    EXPECT_EQ(std::distance(fs::directory_iterator(d), fs::directory_iterator{}), 1);
}

TEST(WritePng, UnwritablePlaceFailsEvenForRoot) {
    // /proc refuses new files whatever the user.
    std::string err;
    EXPECT_FALSE(write_png(Image(16, 16), "/proc/reel-render-test.png", &err));
    EXPECT_FALSE(err.empty());
    EXPECT_FALSE(fs::exists("/proc/reel-render-test.png"));
}

// ── Camera (1) ────────────────────────────────────────────────────────────────────────────

TEST(Camera, FrameIsFourteenPointTwoTwoUnitsWideWithYUp) {
    // 1280x720: 90 px per unit, origin at the centre. A unit square at the origin covers
    // x in [595, 685) exactly (no stroke).
    Mobject sq = Square(1.0, {.color = WHITE, .fill_opacity = 1.0, .stroke_width = 0.0});
    const Image img = render_frame(frame_of({sq}), 1280, 720);
    EXPECT_TRUE(is_color(img, 640, 360, 255, 255, 255));
    EXPECT_TRUE(is_color(img, 595, 360, 255, 255, 255));
    EXPECT_TRUE(is_color(img, 684, 360, 255, 255, 255));
    EXPECT_TRUE(is_color(img, 594, 360, 0, 0, 0));
    EXPECT_TRUE(is_color(img, 685, 360, 0, 0, 0));
    EXPECT_TRUE(is_color(img, 640, 315, 255, 255, 255));
    EXPECT_TRUE(is_color(img, 640, 314, 0, 0, 0));

    // +y is up: a square at (0, 2) is drawn 180 px above the centre.
    Mobject up = Square(1.0, {.color = WHITE, .fill_opacity = 1.0, .stroke_width = 0.0});
    up.move_to(Vec2{0, 2});
    const Image img2 = render_frame(frame_of({up}), 1280, 720);
    EXPECT_TRUE(is_color(img2, 640, 180, 255, 255, 255));
    EXPECT_TRUE(is_color(img2, 640, 360, 0, 0, 0));
}

TEST(Camera, ScaleIsIsotropicAndFollowsTheWidth) {
    // 854x480 (-ql): 60.046875 px per unit horizontally and vertically.
    Mobject sq = Square(2.0, {.color = WHITE, .fill_opacity = 1.0, .stroke_width = 0.0});
    const Image img = render_frame(frame_of({sq}), 854, 480);
    const double s = 854.0 / (8.0 * 16.0 / 9.0);
    EXPECT_NEAR(s, 60.046875, 1e-9);
    const int half = static_cast<int>(std::floor(s)); // 60 px either side of the centre
    EXPECT_TRUE(is_color(img, 427, 240 - half + 1, 255, 255, 255));
    EXPECT_TRUE(is_color(img, 427, 240 - half - 2, 0, 0, 0));
    EXPECT_TRUE(is_color(img, 427 + half - 1, 240, 255, 255, 255));
    EXPECT_TRUE(is_color(img, 427 + half + 2, 240, 0, 0, 0));
}

TEST(Camera, StrokeWidthIsOneHundredthOfAUnitPerWidthUnit) {
    // stroke_width 100 = 1 scene unit = 90 px at 1280x720, centred on the path.
    Mobject l = Line({-3, 0}, {3, 0}, {.color = WHITE, .stroke_width = 100});
    const Image img = render_frame(frame_of({l}), 1280, 720);
    EXPECT_TRUE(is_color(img, 640, 315, 255, 255, 255));
    EXPECT_TRUE(is_color(img, 640, 404, 255, 255, 255));
    EXPECT_TRUE(is_color(img, 640, 314, 0, 0, 0));
    EXPECT_TRUE(is_color(img, 640, 405, 0, 0, 0));
    // Butt caps: nothing beyond the ends (x = +-3 -> 370 and 910).
    EXPECT_TRUE(is_color(img, 371, 360, 255, 255, 255));
    EXPECT_TRUE(is_color(img, 368, 360, 0, 0, 0));
    EXPECT_TRUE(is_color(img, 912, 360, 0, 0, 0));
}

TEST(Camera, ColoursAreManimsEightBitValues) {
    Mobject sq = Square(2.0, {.fill_color = BLUE, .fill_opacity = 1.0, .stroke_width = 0.0});
    const Image img = render_frame(frame_of({sq}), 640, 360);
    EXPECT_TRUE(is_color(img, 320, 180, 0x58, 0xC4, 0xDD));
}

TEST(Camera, StrokeIsPaintedOverTheFill) {
    Mobject sq = Square(2.0, {.fill_color = RED, .fill_opacity = 1.0, .stroke_color = YELLOW,
                              .stroke_width = 40});
    const Image img = render_frame(frame_of({sq}), 1280, 720);
    // The edge x = 1 unit is at 730 px; the stroke is 0.4 units = 36 px wide, centred.
    EXPECT_TRUE(is_color(img, 720, 360, 0xFF, 0xFF, 0x00)); // inside, under the stroke
    EXPECT_TRUE(is_color(img, 690, 360, 0xFC, 0x62, 0x55)); // fill only
}

TEST(Camera, TranslucentFillBlendsOverTheBackground) {
    Mobject sq = Square(2.0, {.fill_color = WHITE, .fill_opacity = 0.5, .stroke_width = 0.0});
    const Image img = render_frame(frame_of({sq}), 640, 360);
    const Rgba p = pixel(img, 320, 180);
    EXPECT_NEAR(p.r, 128, 1);
    EXPECT_EQ(p.a, 255);
}

TEST(Camera, FillRuleIsNonZeroWinding) {
    // Two nested squares drawn in the same direction in one path: with the non-zero rule the
    // inner one is filled (even-odd would leave a hole).
    Points p = Square(4.0).points();
    const Points inner = Square(2.0).points();
    p.insert(p.end(), inner.begin(), inner.end());
    Frame f;
    f.items.push_back({std::make_shared<const Points>(p), Style{WHITE, 1.0, WHITE, 1.0, 0.0}});
    const Image img = render_frame(f, 640, 360);
    EXPECT_TRUE(is_color(img, 320, 180, 255, 255, 255));
}

TEST(Camera, PainterOrderLaterItemsAreOnTop) {
    Mobject a = Square(2.0, {.fill_color = RED, .fill_opacity = 1.0, .stroke_width = 0.0});
    Mobject b = Square(1.0, {.fill_color = GREEN, .fill_opacity = 1.0, .stroke_width = 0.0});
    const Image ab = render_frame(frame_of({a, b}), 640, 360);
    const Image ba = render_frame(frame_of({b, a}), 640, 360);
    EXPECT_TRUE(is_color(ab, 320, 180, 0x83, 0xC1, 0x67));
    EXPECT_TRUE(is_color(ba, 320, 180, 0xFC, 0x62, 0x55));
}

TEST(WritePng, RoundTripsThroughCairo) {
    const fs::path d = scratch_dir("roundtrip");
    Mobject sq = Square(2.0, {.fill_color = ORANGE, .fill_opacity = 1.0, .stroke_width = 0.0});
    const Image img = render_frame(frame_of({sq}), 64, 36);
    std::string err;
    ASSERT_TRUE(write_png(img, (d / "a.png").string(), &err)) << err;
    cairo_surface_t* s = cairo_image_surface_create_from_png((d / "a.png").c_str());
    ASSERT_EQ(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    EXPECT_EQ(cairo_image_surface_get_width(s), 64);
    EXPECT_EQ(cairo_image_surface_get_height(s), 36);
    const std::uint32_t centre = reinterpret_cast<const std::uint32_t*>(
        cairo_image_surface_get_data(s) + 18 * cairo_image_surface_get_stride(s))[32];
    EXPECT_EQ(centre & 0xffffffu, 0xFF862Fu);
    cairo_surface_destroy(s);
    // Only the target exists (the temporary file was renamed).
    EXPECT_EQ(std::distance(fs::directory_iterator(d), fs::directory_iterator{}), 1);
}

// ── Golden frames of the gqa section ──────────────────────────────────────────────────────

class GoldenGqa : public ::testing::TestWithParam<int> {
protected:
    static void SetUpTestSuite() { timeline_ = new Timeline(test::record_gqa_for_goldens()); }
    static void TearDownTestSuite() {
        delete timeline_;
        timeline_ = nullptr;
    }
    static Timeline* timeline_;
};
Timeline* GoldenGqa::timeline_ = nullptr;

// Always compares: the goldens are made by `cmake --build build --target regenerate-goldens`.
TEST_P(GoldenGqa, MatchesTheGoldenFrame) {
    const int ms = GetParam();
    const Image actual = test::render_gqa_golden(*timeline_, ms);
    const fs::path golden = fs::path(REEL_TEST_GOLDEN_DIR) / "gqa" / test::gqa_golden_name(ms);
    EXPECT_TRUE(test::matches_golden(actual, golden, fs::path(REEL_TEST_OUTPUT_DIR) / "golden" / "gqa"));
}

INSTANTIATE_TEST_SUITE_P(Section, GoldenGqa, ::testing::ValuesIn(test::gqa_golden_times()),
                         [](const auto& param_info) {
                             // Appending (not "t" + ...) sidesteps GCC 12's -Wrestrict false positive at -O3.
                             std::string name = "t";
                             name += std::to_string(param_info.param);
                             return name;
                         });

TEST(GoldenCompare, DetectsAMovedGlyph) {
    // The comparison itself must fail on a real change: shift one small square by a pixel.
    Mobject a = Square(0.2, {.fill_opacity = 1.0, .stroke_width = 0.0});
    Mobject b = a.copy();
    b.shift(RIGHT * (1.0 / 67.5)); // one pixel at 960 px
    const Image ia = render_frame(frame_of({a}), test::kGqaGoldenWidth, test::kGqaGoldenHeight);
    const Image ib = render_frame(frame_of({b}), test::kGqaGoldenWidth, test::kGqaGoldenHeight);
    EXPECT_GT(test::compare_images(ia, ib).max, test::kGoldenMaxChannelDiff);
    EXPECT_FALSE(test::compare_images(ia, ib).within_tolerance());
    EXPECT_EQ(test::compare_images(ia, ia).max, 0);
    // And the assertion the golden tests use fails on it, leaving the images to look at.
    const fs::path dir = fs::path(REEL_TEST_OUTPUT_DIR) / "golden" / "compare";
    fs::create_directories(dir);
    std::string err;
    ASSERT_TRUE(write_png(ia, (dir / "a.png").string(), &err)) << err;
    EXPECT_TRUE(test::matches_golden(ia, dir / "a.png", dir));
    EXPECT_FALSE(test::matches_golden(ib, dir / "a.png", dir));
    EXPECT_TRUE(fs::exists(dir / "a-diff.png"));
}

} // namespace
} // namespace reel
