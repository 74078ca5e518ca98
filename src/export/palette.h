// One 256-colour palette for a whole GIF (median cut over sampled frames) and a fast map
// from BGRA pixels to palette indices.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "pipeline.h"

namespace reel {

/// Counts of colours quantised to 5 bits a channel (index r << 10 | g << 5 | b).
class ColourHistogram {
public:
    ColourHistogram() : counts_(kCells, 0) {}
    /// Adds every `step`-th pixel of every `step`-th row of a BGRA image.
    void add_bgra(const std::uint8_t* pixels, int width, int height, int stride, int step);
    const std::vector<std::uint64_t>& counts() const { return counts_; }

    static constexpr int kCells = 1 << 15;

private:
    std::vector<std::uint64_t> counts_;
};

/// A palette and the lookup table that maps every quantised colour to its nearest entry.
class Palette {
public:
    /// Median cut of the histogram into at most 256 colours (unused entries are black).
    explicit Palette(const ColourHistogram& histogram);
    /// Entries as 0xAARRGGBB, alpha opaque (libav's PAL8 layout).
    const std::array<std::uint32_t, 256>& entries() const { return entries_; }
    /// Palette index of a BGRA pixel.
    std::uint8_t index_of(const std::uint8_t* bgra) const {
        return lut_[static_cast<std::size_t>((bgra[2] >> 3) << 10 | (bgra[1] >> 3) << 5 |
                                             (bgra[0] >> 3))];
    }
    /// Maps a BGRA image to indices (`out` has `out_stride` bytes a row).
    void map_bgra(const std::uint8_t* pixels, int width, int height, int stride, std::uint8_t* out,
                  int out_stride) const;

private:
    std::array<std::uint32_t, 256> entries_{};
    std::vector<std::uint8_t> lut_;
};

/// One palette for a whole GIF: frames sampled across `range`, rendered at width x height.
Palette build_palette(const Timeline& timeline, const Range& range, int width, int height);

} // namespace reel
