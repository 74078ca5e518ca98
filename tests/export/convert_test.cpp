// BGRA -> BT.709 limited-range YUV 4:2:0: exact values for primaries, and agreement with
// libswscale on a rendered frame.
#include <cmath>
#include <cstdlib>

#include <gtest/gtest.h>

#include "convert.h"
#include "export/export.h"
#include "render/render.h"

using namespace reel;

namespace {

struct Yuv {
    int y, u, v;
};

// Converts a 2x2 block of one colour.
Yuv convert_colour(std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    std::uint8_t bgra[16];
    for (int i = 0; i < 4; ++i) {
        bgra[4 * i] = b;
        bgra[4 * i + 1] = g;
        bgra[4 * i + 2] = r;
        bgra[4 * i + 3] = 255;
    }
    std::uint8_t y[4], u[1], v[1];
    std::uint8_t* planes[3] = {y, u, v};
    const int linesizes[3] = {2, 1, 1};
    bgra_to_yuv420p(bgra, 8, 2, 2, planes, linesizes);
    EXPECT_EQ(y[0], y[3]);
    return {y[0], u[0], v[0]};
}

av::FramePtr yuv_frame(int w, int h) { return av::allocate_frame(AV_PIX_FMT_YUV420P, w, h); }

} // namespace

TEST(ConvertNegative, SwscaleRefusesAnEmptyImage) {
    EXPECT_THROW(YuvConverter(0, 0, true), ExportError);
}

TEST(Convert, PrimariesGetTheirBt709LimitedRangeValues) {
    auto check = [](Yuv got, Yuv want) {
        EXPECT_EQ(got.y, want.y);
        EXPECT_EQ(got.u, want.u);
        EXPECT_EQ(got.v, want.v);
    };
    check(convert_colour(0, 0, 0), {16, 128, 128});
    check(convert_colour(255, 255, 255), {235, 128, 128});
    check(convert_colour(128, 128, 128), {126, 128, 128});
    check(convert_colour(255, 0, 0), {63, 102, 240});
    check(convert_colour(0, 255, 0), {173, 42, 26});
    check(convert_colour(0, 0, 255), {32, 240, 118});
    check(convert_colour(0x58, 0xC4, 0xDD), {166, 150, 80}); // Manim's BLUE
}

TEST(Convert, AgreesWithSwscaleOnARenderedFrame) {
    register_scene({"convert_test", "", [](Scene& s) {
                        s.add(Square(3.0, {.color = BLUE, .fill_opacity = 0.7}));
                        s.add(Rectangle({.width = 6, .height = 1, .color = YELLOW}));
                        s.wait(1);
                    }});
    Timeline tl = record_scene(*find_scene("convert_test"));
    const int w = 640, h = 360;
    Image img = render_frame(tl.state_at(0.5), w, h);
    auto ours = yuv_frame(w, h), theirs = yuv_frame(w, h);
    YuvConverter(w, h, false).convert(img.pixels.data(), img.stride, *ours);
    YuvConverter(w, h, true).convert(img.pixels.data(), img.stride, *theirs);
    // A chroma sample whose 4x4 source neighbourhood is one colour: no siting question there.
    auto flat = [&](int cx, int cy) {
        const std::uint8_t* ref = img.row(2 * cy) + 8 * cx;
        for (int y = std::max(0, 2 * cy - 1); y <= std::min(h - 1, 2 * cy + 2); ++y)
            for (int x = std::max(0, 2 * cx - 1); x <= std::min(w - 1, 2 * cx + 2); ++x)
                for (int c = 0; c < 4; ++c)
                    if (img.row(y)[4 * x + c] != ref[c]) return false;
        return true;
    };
    for (int plane = 0; plane < 3; ++plane) {
        int pw = plane ? w / 2 : w, ph = plane ? h / 2 : h;
        long sum = 0, coloured = 0, flat_coloured = 0;
        int worst = 0, worst_flat = 0;
        for (int y = 0; y < ph; ++y)
            for (int x = 0; x < pw; ++x) {
                int a = ours->data[plane][y * ours->linesize[plane] + x];
                int b = theirs->data[plane][y * theirs->linesize[plane] + x];
                int d = std::abs(a - b);
                worst = std::max(worst, d);
                sum += d;
                coloured += a != (plane ? 128 : 16);
                if (plane && flat(x, y)) {
                    worst_flat = std::max(worst_flat, d);
                    flat_coloured += a != 128;
                }
            }
        double mean = static_cast<double>(sum) / (pw * ph);
        EXPECT_GT(coloured, pw * ph / 20) << "plane " << plane << " is mostly background";
        EXPECT_LT(mean, 0.5) << "plane " << plane;
        if (plane == 0) {
            EXPECT_EQ(worst, 0) << "luma: the same rounding";
        } else {
            // swscale filters chroma across blocks, so sharp edges differ; flat areas agree.
            EXPECT_GT(flat_coloured, 1000) << "plane " << plane;
            EXPECT_LE(worst_flat, 1) << "plane " << plane;
        }
    }
}

TEST(Convert, TheVectorFormIsBitExactAgainstThePlainLoop) {
    if (!bgra_to_yuv420p_has_simd()) GTEST_SKIP() << "no AVX2 on this CPU: only the plain loop runs here";
    // Random pixels (every byte value, alpha too: it must be ignored), widths that leave a
    // tail for the plain loop and one of exactly a vector's 32 pixels.
    std::srand(7);
    for (int w : {32, 94, 1920}) {
        const int h = 6, stride = 4 * w + 12;
        std::vector<std::uint8_t> bgra(static_cast<std::size_t>(stride) * h);
        for (auto& b : bgra) b = static_cast<std::uint8_t>(std::rand() & 255);
        auto fast = yuv_frame(w, h), plain = yuv_frame(w, h);
        bgra_to_yuv420p(bgra.data(), stride, w, h, fast->data, fast->linesize, true);
        bgra_to_yuv420p(bgra.data(), stride, w, h, plain->data, plain->linesize, false);
        for (int plane = 0; plane < 3; ++plane) {
            const int pw = plane ? w / 2 : w, ph = plane ? h / 2 : h;
            int differing = 0;
            for (int y = 0; y < ph; ++y)
                for (int x = 0; x < pw; ++x)
                    differing += fast->data[plane][y * fast->linesize[plane] + x] !=
                                 plain->data[plane][y * plain->linesize[plane] + x];
            EXPECT_EQ(differing, 0) << "width " << w << ", plane " << plane;
        }
    }
}
