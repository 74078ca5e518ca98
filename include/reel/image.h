// Manim's ImageMobject: a PNG or JPEG as a mobject that moves, scales, rotates and fades.
#pragma once

#include <string>

#include "reel/mobject.h"

namespace reel {

struct ImageOptions {
    /// Manim's scale_to_resolution: an image this many pixels high fills the frame's height
    /// (the height is pixel_height / scale_to_resolution * 8 units).
    double scale_to_resolution = 1080.0;
};

/// Decodes a PNG or JPEG (by content, not by name). Throws std::runtime_error with a message
/// naming the file and the reason.
RasterPtr load_image(const std::string& path);

/// Manim's ImageMobject(filename): a leaf whose fill is the image, centred on the origin.
Mobject ImageMobject(const std::string& path, const ImageOptions& o = {});
/// An ImageMobject from decoded pixels.
Mobject ImageMobject(RasterPtr image, const ImageOptions& o = {});

} // namespace reel
