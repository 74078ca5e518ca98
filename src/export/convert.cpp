// The built-in converter exists because conversion sits on the export's critical CPU budget
// (the encoder already keeps both cores busy): at 1080p swscale's BGRA input path takes
// 1.5 ms a frame here, the plain loop 1.8 ms, its AVX2 form 0.4 ms (build/bench_export).
// Measured again side by side (CPU time a 1080p frame, -O3, a loaded 2-core machine):
// built-in AVX2 0.73-0.84 ms, built-in plain 2.5 ms, swscale as used here (SWS_POINT |
// SWS_FULL_CHR_H_INP) 2.5 ms, swscale fast bilinear 5.8-6.4 ms, libyuv's ARGBToI420 (Debian's
// libyuv0, AVX2) 0.42-0.54 ms. libyuv is faster but has only BT.601 for RGB to YUV (ARGBToI420,
// ARGBToJ420), and rounds each 2x2 block's chroma from averaged averages: the stream would
// have to be tagged BT.601 and its pictures would change. A worker converts only what changed
// since a picture was last written (pictures.h), so the converter is 3-5 % of an export's CPU.
// tests/export/convert_test.cpp holds the loop to swscale's output and the AVX2 form to the loop.
#include "convert.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <fmt/format.h>

#include "export/export.h"

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

namespace {

// The reference: one row pair, columns [from, width).
void rows_scalar(const std::uint8_t* r0, const std::uint8_t* r1, int from, int width, std::uint8_t* y0,
                 std::uint8_t* y1, std::uint8_t* u, std::uint8_t* v) {
    for (int x = from; x < width; ++x) {
        y0[x] = luma(r0 + 4 * x);
        y1[x] = luma(r1 + 4 * x);
    }
    for (int x = from / 2; x < width / 2; ++x) {
        const std::uint8_t* a = r0 + 8 * x;
        const std::uint8_t* b = r1 + 8 * x;
        int sb = a[0] + a[4] + b[0] + b[4];
        int sg = a[1] + a[5] + b[1] + b[5];
        int sr = a[2] + a[6] + b[2] + b[6];
        u[x] = static_cast<std::uint8_t>((kUR * sr + kUG * sg + kUB * sb + kCOffset) >> (kShift + 2));
        v[x] = static_cast<std::uint8_t>((kVR * sr + kVG * sg + kVB * sb + kCOffset) >> (kShift + 2));
    }
}

#if defined(__x86_64__) && defined(__GNUC__)
#define REEL_CONVERT_AVX2 1
#pragma GCC push_options
#pragma GCC target("avx2") // this function and its lambdas only; chosen at run time

// The same arithmetic as rows_scalar, 32 pixels of a row pair at a time (bit-exact: the same
// 14-bit coefficients, integer sums and shifts). Returns the first column it did not convert.
int rows_avx2(const std::uint8_t* r0, const std::uint8_t* r1, int width, std::uint8_t* y0, std::uint8_t* y1,
              std::uint8_t* u, std::uint8_t* v) {
    const __m256i zero = _mm256_setzero_si256();
    // Per pixel (B, G, R, A) as 16-bit lanes: madd gives (B kB + G kG, R kR) pairs.
    const __m256i cy = _mm256_setr_epi16(kYB, kYG, kYR, 0, kYB, kYG, kYR, 0, kYB, kYG, kYR, 0, kYB, kYG, kYR, 0);
    const __m256i cu = _mm256_setr_epi16(kUB, kUG, kUR, 0, kUB, kUG, kUR, 0, kUB, kUG, kUR, 0, kUB, kUG, kUR, 0);
    const __m256i cv = _mm256_setr_epi16(kVB, kVG, kVR, 0, kVB, kVG, kVR, 0, kVB, kVG, kVR, 0, kVB, kVG, kVR, 0);
    const __m256i yoff = _mm256_set1_epi32(kYOffset);
    const __m256i coff = _mm256_set1_epi32(kCOffset);
    // packs/packus work within 128-bit halves: this puts the 8 groups of 4 back in order.
    const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);

    // 8 pixels (32 bytes) -> their 8 luma values as int32 (before the offset and shift).
    auto luma8 = [&](__m256i px) {
        __m256i lo = _mm256_madd_epi16(_mm256_unpacklo_epi8(px, zero), cy);
        __m256i hi = _mm256_madd_epi16(_mm256_unpackhi_epi8(px, zero), cy);
        return _mm256_srai_epi32(_mm256_add_epi32(_mm256_hadd_epi32(lo, hi), yoff), kShift);
    };
    // 32 int32 luma values in 4 vectors -> 32 bytes in pixel order.
    auto pack32 = [&](__m256i a, __m256i b, __m256i c, __m256i d) {
        __m256i bytes = _mm256_packus_epi16(_mm256_packs_epi32(a, b), _mm256_packs_epi32(c, d));
        return _mm256_permutevar8x32_epi32(bytes, order);
    };
    // The column sums (row pair, 16-bit lanes as unpacklo/unpackhi give them) of 16 pixels,
    // 8 in lo0/hi0 and 8 in lo1/hi1 -> the 8 chroma values of their 2x2 blocks with `coef`.
    auto chroma = [&](__m256i lo0, __m256i hi0, __m256i lo1, __m256i hi1, __m256i coef) {
        // Per pixel: madd -> (bg, r) pairs; hadd -> one value per pixel, 8 pixels in order
        // within each 128-bit half (half 0: pixels 0-3, half 1: pixels 4-7).
        __m256i p0 = _mm256_hadd_epi32(_mm256_madd_epi16(lo0, coef), _mm256_madd_epi16(hi0, coef));
        __m256i p1 = _mm256_hadd_epi32(_mm256_madd_epi16(lo1, coef), _mm256_madd_epi16(hi1, coef));
        // Adjacent pixels: half 0 = blocks (0, 1) of p0, (0, 1) of p1; half 1 = (2, 3), (2, 3).
        __m256i s = _mm256_hadd_epi32(p0, p1);
        return _mm256_srai_epi32(_mm256_add_epi32(s, coff), kShift + 2);
    };

    int x = 0;
    for (; x + 32 <= width; x += 32) {
        __m256i a[4], b[4];
        for (int i = 0; i < 4; ++i) {
            a[i] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(r0 + 4 * (x + 8 * i)));
            b[i] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(r1 + 4 * (x + 8 * i)));
        }
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(y0 + x),
                            pack32(luma8(a[0]), luma8(a[1]), luma8(a[2]), luma8(a[3])));
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(y1 + x),
                            pack32(luma8(b[0]), luma8(b[1]), luma8(b[2]), luma8(b[3])));
        // Vertical sums (at most 510: fits 16 bits), then per 16 pixels 8 chroma samples.
        __m256i us[2], vs[2];
        for (int h = 0; h < 2; ++h) {
            __m256i lo0 = _mm256_add_epi16(_mm256_unpacklo_epi8(a[2 * h], zero), _mm256_unpacklo_epi8(b[2 * h], zero));
            __m256i hi0 = _mm256_add_epi16(_mm256_unpackhi_epi8(a[2 * h], zero), _mm256_unpackhi_epi8(b[2 * h], zero));
            __m256i lo1 =
                _mm256_add_epi16(_mm256_unpacklo_epi8(a[2 * h + 1], zero), _mm256_unpacklo_epi8(b[2 * h + 1], zero));
            __m256i hi1 =
                _mm256_add_epi16(_mm256_unpackhi_epi8(a[2 * h + 1], zero), _mm256_unpackhi_epi8(b[2 * h + 1], zero));
            us[h] = chroma(lo0, hi0, lo1, hi1, cu);
            vs[h] = chroma(lo0, hi0, lo1, hi1, cv);
        }
        // us[h] holds its 16 pixels' 8 blocks by 128-bit half as (b0 b1 b4 b5 | b2 b3 b6 b7).
        // packs + packus give per half the bytes (B0 B1 B4 B5 C0 C1 C4 C5) of us[0] = B and
        // us[1] = C, then (B2 B3 B6 B7 C2 C3 C6 C7); a byte shuffle puts the 16 in order.
        const __m128i gather = _mm_setr_epi8(0, 1, 8, 9, 2, 3, 10, 11, 4, 5, 12, 13, 6, 7, 14, 15);
        auto store16 = [&](__m256i c0, __m256i c1, std::uint8_t* out) {
            __m256i w = _mm256_packs_epi32(c0, c1);
            __m256i bytes = _mm256_permute4x64_epi64(_mm256_packus_epi16(w, w), 0x88); // q0 q2 q0 q2
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out),
                             _mm_shuffle_epi8(_mm256_castsi256_si128(bytes), gather));
        };
        store16(us[0], us[1], u + x / 2);
        store16(vs[0], vs[1], v + x / 2);
    }
    return x;
}
#pragma GCC pop_options
#endif

} // namespace

bool bgra_to_yuv420p_has_simd() {
#ifdef REEL_CONVERT_AVX2
    static const bool avx2 = __builtin_cpu_supports("avx2");
    return avx2;
#else
    return false;
#endif
}

void bgra_to_yuv420p(const std::uint8_t* bgra, int stride, int width, int height,
                     std::uint8_t* const planes[3], const int linesizes[3], bool simd) {
    const bool avx2 = simd && bgra_to_yuv420p_has_simd();
    for (int y = 0; y < height; y += 2) {
        const std::uint8_t* r0 = bgra + static_cast<std::ptrdiff_t>(y) * stride;
        const std::uint8_t* r1 = r0 + stride;
        std::uint8_t* y0 = planes[0] + static_cast<std::ptrdiff_t>(y) * linesizes[0];
        std::uint8_t* y1 = y0 + linesizes[0];
        std::uint8_t* u = planes[1] + static_cast<std::ptrdiff_t>(y / 2) * linesizes[1];
        std::uint8_t* v = planes[2] + static_cast<std::ptrdiff_t>(y / 2) * linesizes[2];
        int done = 0;
#ifdef REEL_CONVERT_AVX2
        if (avx2) done = rows_avx2(r0, r1, width, y0, y1, u, v);
#else
        (void)avx2;
#endif
        rows_scalar(r0, r1, done, width, y0, y1, u, v);
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

void YuvConverter::convert_region(const std::uint8_t* bgra, int stride, int x0, int y0, int x1, int y1,
                                  AVFrame& out) const {
    if (sws_) throw std::logic_error("swscale converts whole pictures only");
    x0 = std::clamp(x0 & ~1, 0, width_);
    y0 = std::clamp(y0 & ~1, 0, height_);
    x1 = std::clamp((x1 + 1) & ~1, x0, width_);
    y1 = std::clamp((y1 + 1) & ~1, y0, height_);
    if (x1 == x0 || y1 == y0) return;
    std::uint8_t* const planes[3] = {
        out.data[0] + static_cast<std::ptrdiff_t>(y0) * out.linesize[0] + x0,
        out.data[1] + static_cast<std::ptrdiff_t>(y0 / 2) * out.linesize[1] + x0 / 2,
        out.data[2] + static_cast<std::ptrdiff_t>(y0 / 2) * out.linesize[2] + x0 / 2};
    bgra_to_yuv420p(bgra + static_cast<std::ptrdiff_t>(y0) * stride + 4 * x0, stride, x1 - x0, y1 - y0, planes,
                    out.linesize);
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
