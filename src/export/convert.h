// BGRA (Cairo ARGB32, opaque) to BT.709 limited-range YUV 4:2:0: the built-in converter and
// the swscale one, behind one interface (one instance per worker: neither is shared).
#pragma once

#include <cstdint>

#include "av.h"

namespace reel {

/// Converts a w x h BGRA image (even w and h; alpha ignored: the background is opaque) into
/// 8-bit BT.709 limited-range Y, Cb, Cr planes, chroma the mean of each 2x2 block (centre sited).
/// `simd` false keeps to the plain loop (the reference the vector form is tested against).
void bgra_to_yuv420p(const std::uint8_t* bgra, int stride, int width, int height,
                     std::uint8_t* const planes[3], const int linesizes[3], bool simd = true);

/// Whether bgra_to_yuv420p has a vector form on this CPU (AVX2 on x86-64).
bool bgra_to_yuv420p_has_simd();

/// One worker's BGRA -> YUV 4:2:0 converter: the built-in one or a SwsContext of its own.
class YuvConverter {
public:
    /// `use_swscale` picks libswscale (fast bilinear, BT.709) instead of the built-in loop.
    YuvConverter(int width, int height, bool use_swscale);
    /// Converts into `out` (a yuv420p frame of the same size); throws ExportError.
    void convert(const std::uint8_t* bgra, int stride, AVFrame& out) const;
    /// Whether convert_region gives the same pixels as convert (the built-in converter works
    /// on each 2x2 block alone; swscale filters across blocks).
    bool converts_regions() const { return !sws_; }
    /// Converts only [x0, x1) x [y0, y1), widened to whole 2x2 blocks; the rest of `out` is
    /// left as it is. Needs converts_regions().
    void convert_region(const std::uint8_t* bgra, int stride, int x0, int y0, int x1, int y1, AVFrame& out) const;

private:
    int width_, height_;
    av::SwsContextPtr sws_;
};

} // namespace reel
