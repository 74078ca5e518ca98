// Manim's ImageMobject: a PNG or JPEG as a mobject that moves, scales, rotates and fades.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reel/mobject.h"

namespace reel {

struct ImageOptions {
    /// Manim's scale_to_resolution: an image this many pixels high fills the frame's height
    /// (the height is pixel_height / scale_to_resolution * 8 units).
    double scale_to_resolution = 1080.0;
    /// Manim's resampling_algorithm (RESAMPLING_ALGORITHMS["cubic"] by default).
    Resampling resampling_algorithm = Resampling::Bicubic;
};

/// A numpy-like uint8 pixel array, as Manim's ImageMobject(np.uint8(...)) takes it: `height`
/// rows of `width` pixels of `channels` values (1 grey, 3 RGB, 4 RGBA, straight alpha), top row
/// first.
struct PixelArray {
    int height = 0;
    int width = 0;
    int channels = 1;
    std::vector<std::uint8_t> data;
    /// A grey array from its rows (np.uint8([[...], ...])); throws std::invalid_argument when
    /// the rows differ in length.
    static PixelArray from_rows(const std::vector<std::vector<std::uint8_t>>& rows);
};

/// Decodes a PNG or JPEG (by content, not by name). Throws std::runtime_error with a message
/// naming the file and the reason.
RasterPtr load_image(const std::string& path);

/// Manim's ImageMobject(filename): a leaf whose fill is the image, centred on the origin.
Mobject ImageMobject(const std::string& path, const ImageOptions& o = {});
/// Manim's ImageMobject(pixel_array): grey and RGB arrays get alpha 255 (change_to_rgba_array).
/// Throws std::invalid_argument for an empty array, 2 or more than 4 channels, or data of the
/// wrong size.
Mobject ImageMobject(const PixelArray& pixels, const ImageOptions& o = {});
/// An ImageMobject from decoded pixels.
Mobject ImageMobject(RasterPtr image, const ImageOptions& o = {});

} // namespace reel
