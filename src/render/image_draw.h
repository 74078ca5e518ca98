// ImageMobject leaves on a Cairo context (render internals, shared by the raster and PDF outputs).
#pragma once

#include <cairo.h>

#include "reel/frame.h"

namespace reel::detail {

/// Draws an image leaf: its pixels on the parallelogram of the path's corners UL (point 0), UR
/// (3) and DL (11), painted with fill_opacity, resampled as the image asks (PIL's bicubic resize
/// where Manim enlarges more than twice).
void draw_image(cairo_t* c, const LeafState& item);

} // namespace reel::detail
