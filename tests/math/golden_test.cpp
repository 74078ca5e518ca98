// Golden images of formulas typical of ML explainers, rendered through the real renderer.
// UPDATE_GOLDEN=1 rewrites the PNGs in tests/golden/math/; on a mismatch the actual image and a
// difference image go to the build folder's test-output/math/.
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include <cstdio>

#include "reel/math.h"
#include "reel/render.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

struct Case {
    const char* name;
    const char* tex;
};

const Case kCases[] = {
#define MATH_FORMULA(name, tex) {#name, tex},
#include "formulas.inc"
#undef MATH_FORMULA
};

// 90 px per unit (Manim's 720p density), formula centred, 0.1 unit margin.
Image render_formula(const char* tex) {
    const Mobject m = MathTex(tex, {.font_size = 48, .color = WHITE});
    Frame frame;
    for (const Mobject& leaf : m.leaves()) frame.items.push_back(leaf.leaf_state());
    const Bounds b = m.all_bounds();
    const double ppu = 1280.0 / kFrameWidth;
    const double half_w = std::max(-b.min.x, b.max.x) + 0.1;
    const double half_h = std::max(-b.min.y, b.max.y) + 0.1;
    const int height = static_cast<int>(std::ceil(2 * half_h * ppu));
    const int width = std::min(1280, static_cast<int>(std::ceil(2 * half_w * ppu)));
    const Image full = render_frame(frame, 1280, height, Camera{BLACK});
    Image out(width, height);
    const int x0 = (1280 - width) / 2;
    for (int y = 0; y < height; ++y)
        std::memcpy(out.row(y), full.row(y) + static_cast<std::size_t>(x0) * 4,
                    static_cast<std::size_t>(width) * 4);
    return out;
}

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};

// Loads a PNG as ARGB32; false if missing or unreadable.
bool load_png(const std::string& path, Image& out) {
    std::unique_ptr<cairo_surface_t, SurfaceDeleter> s(
        cairo_image_surface_create_from_png(path.c_str()));
    if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) return false;
    cairo_surface_flush(s.get());
    out = Image(cairo_image_surface_get_width(s.get()), cairo_image_surface_get_height(s.get()));
    const int stride = cairo_image_surface_get_stride(s.get());
    const unsigned char* data = cairo_image_surface_get_data(s.get());
    for (int y = 0; y < out.height; ++y)
        std::memcpy(out.row(y), data + static_cast<std::ptrdiff_t>(y) * stride,
                    static_cast<std::size_t>(out.width) * 4);
    return true;
}

struct Diff {
    int max = 0;            // largest channel difference
    double mean = 0;        // mean channel difference
    Image image;
};

Diff compare(const Image& a, const Image& b) {
    Diff d;
    d.image = Image(a.width, a.height);
    double total = 0;
    for (int y = 0; y < a.height; ++y) {
        for (int x = 0; x < a.width * 4; ++x) {
            const int v = std::abs(int(a.row(y)[x]) - int(b.row(y)[x]));
            d.max = std::max(d.max, v);
            total += v;
            d.image.row(y)[x] = (x % 4 == 3) ? 255 : static_cast<std::uint8_t>(std::min(255, v * 4));
        }
    }
    d.mean = total / (double(a.width) * a.height * 4);
    return d;
}

class MathGolden : public ::testing::TestWithParam<Case> {};

TEST(MathGoldenHelpers, MissingGoldenIsReported) {
    Image img;
    EXPECT_FALSE(load_png("/nonexistent/golden.png", img));
}

TEST_P(MathGolden, MatchesGolden) {
    const Case& c = GetParam();
    const Image actual = render_formula(c.tex);
    const std::string golden = std::string(REEL_TEST_GOLDEN_DIR) + "/math/" + c.name + ".png";
    std::string err;
    if (const char* u = std::getenv("UPDATE_GOLDEN"); u && std::string(u) == "1") {
        fs::create_directories(fs::path(golden).parent_path());
        ASSERT_TRUE(write_png(actual, golden, &err)) << err;
        std::printf("updated golden %s\n", golden.c_str());
        return; // regenerating on purpose: nothing to compare against

    }
    Image expected;
    ASSERT_TRUE(load_png(golden, expected)) << "missing golden " << golden
                                            << " (run with UPDATE_GOLDEN=1)";
    const std::string out_dir = std::string(REEL_TEST_OUTPUT_DIR) + "/math";
    fs::create_directories(out_dir);
    const bool same_size = actual.width == expected.width && actual.height == expected.height;
    if (!same_size) {
        write_png(actual, out_dir + "/" + c.name + ".actual.png", &err);
        FAIL() << c.name << ": size " << actual.width << "x" << actual.height << ", golden "
               << expected.width << "x" << expected.height;
    }
    const Diff d = compare(actual, expected);
    // Antialiasing may move by a level or two across Cairo versions; a moved glyph does not.
    const bool ok = d.max <= 48 && d.mean <= 0.5;
    if (!ok) {
        write_png(actual, out_dir + "/" + c.name + ".actual.png", &err);
        write_png(d.image, out_dir + "/" + c.name + ".diff.png", &err);
    }
    EXPECT_TRUE(ok) << c.name << ": max channel difference " << d.max << ", mean " << d.mean
                    << " (see " << out_dir << ")";
}

INSTANTIATE_TEST_SUITE_P(Formulas, MathGolden, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& i) { return std::string(i.param.name); });

} // namespace
} // namespace reel
