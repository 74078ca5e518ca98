// The built-in converter exists because swscale's BGRA input path takes 4.5-6 ms a 1080p
// frame here against ~2 ms for this loop, and conversion sits on the export's critical CPU
// budget (the encoder already keeps both cores busy). tests/export/convert_test.cpp holds
// it to swscale's output.
#include "convert.h"

#include <cmath>

#include <fmt/format.h>

#include "reel/export.h"

namespace reel {

namespace {

// BT.709: Y' = Kr R + Kg G + Kb B; limited range scales Y' to 16..235 and Cb, Cr to 16..240.
constexpr double kKr = 0.2126, kKb = 0.0722, kKg = 1.0 - kKr - kKb;
constexpr int kShift = 14;
constexpr double kOne = 1 << kShift;
constexpr double kYScale = 219.0 / 255.0 * kOne, kCScale = 224.0 / 255.0 * kOne;

constexpr int fixed(double v) { return static_cast<int>(v < 0 ? v - 0.5 : v + 0.5); }

constexpr int kYR = fixed(kKr * kYScale), kYG = fixed(kKg * kYScale), kYB = fixed(kKb * kYScale);
// Chroma rows sum to zero exactly, so greys (and black) land on 128.
constexpr int kUR = fixed(-kKr / (2 * (1 - kKb)) * kCScale), kUB = fixed(0.5 * kCScale), kUG = -kUR - kUB;
constexpr int kVR = fixed(0.5 * kCScale), kVB = fixed(-kKb / (2 * (1 - kKr)) * kCScale), kVG = -kVR - kVB;

constexpr int kYOffset = (16 << kShift) + (1 << (kShift - 1));
// Chroma works on sums of four pixels: two more bits.
constexpr int kCOffset = (128 << (kShift + 2)) + (1 << (kShift + 1));

inline std::uint8_t luma(const std::uint8_t* p) {
    return static_cast<std::uint8_t>((kYR * p[2] + kYG * p[1] + kYB * p[0] + kYOffset) >> kShift);
}

} // namespace

void bgra_to_yuv420p(const std::uint8_t* bgra, int stride, int width, int height,
                     std::uint8_t* const planes[3], const int linesizes[3]) {
    for (int y = 0; y < height; y += 2) {
        const std::uint8_t* r0 = bgra + static_cast<std::ptrdiff_t>(y) * stride;
        const std::uint8_t* r1 = r0 + stride;
        std::uint8_t* y0 = planes[0] + static_cast<std::ptrdiff_t>(y) * linesizes[0];
        std::uint8_t* y1 = y0 + linesizes[0];
        std::uint8_t* u = planes[1] + static_cast<std::ptrdiff_t>(y / 2) * linesizes[1];
        std::uint8_t* v = planes[2] + static_cast<std::ptrdiff_t>(y / 2) * linesizes[2];
        for (int x = 0; x < width; ++x) {
            y0[x] = luma(r0 + 4 * x);
            y1[x] = luma(r1 + 4 * x);
        }
        for (int x = 0; x < width / 2; ++x) {
            const std::uint8_t* a = r0 + 8 * x;
            const std::uint8_t* b = r1 + 8 * x;
            int sb = a[0] + a[4] + b[0] + b[4];
            int sg = a[1] + a[5] + b[1] + b[5];
            int sr = a[2] + a[6] + b[2] + b[6];
            u[x] = static_cast<std::uint8_t>((kUR * sr + kUG * sg + kUB * sb + kCOffset) >> (kShift + 2));
            v[x] = static_cast<std::uint8_t>((kVR * sr + kVG * sg + kVB * sb + kCOffset) >> (kShift + 2));
        }
    }
}

YuvConverter::YuvConverter(int width, int height, bool use_swscale) : width_(width), height_(height) {
    if (!use_swscale) return;
    // Same size in and out: point sampling keeps every luma sample (fast bilinear smears
    // neighbours into black); full chroma input filters chroma instead of dropping samples.
    sws_.reset(sws_getContext(width, height, AV_PIX_FMT_BGRA, width, height, AV_PIX_FMT_YUV420P,
                              SWS_POINT | SWS_FULL_CHR_H_INP, nullptr, nullptr, nullptr));
    if (!sws_)
        throw ExportError(fmt::format("swscale cannot convert {}x{} BGRA to yuv420p", width, height));
    // Full-range RGB in, BT.709 limited-range YUV out (what the stream is tagged with).
    const int* bt709 = sws_getCoefficients(SWS_CS_ITU709);
    if (sws_setColorspaceDetails(sws_.get(), bt709, 1, bt709, 0, 0, 1 << 16, 1 << 16) < 0)
        throw ExportError("swscale cannot convert with the BT.709 matrix");
}

void YuvConverter::convert(const std::uint8_t* bgra, int stride, AVFrame& out) const {
    if (!sws_) {
        bgra_to_yuv420p(bgra, stride, width_, height_, out.data, out.linesize);
        return;
    }
    const std::uint8_t* src[1] = {bgra};
    const int src_stride[1] = {stride};
    int rows = sws_scale(sws_.get(), src, src_stride, 0, height_, out.data, out.linesize);
    if (rows != height_)
        throw ExportError(fmt::format("swscale converted {} of {} rows", rows, height_));
}

} // namespace reel
