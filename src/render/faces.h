// A fast path for the shaded faces of 3-D scenes (render internals): closed polygons of
// straight pieces, filled and stroked with Manim's two-colour gradient, rasterised straight
// into the ARGB32 picture instead of one Cairo fill and one Cairo stroke each (a 64x64-face
// surface is 4096 of them a frame; Cairo spends ~10 us setting up each operation).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "reel/mobject.h"

namespace reel::detail {

/// Device pixels a face may touch: [x0, x1) x [y0, y1).
struct FaceBox {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

/// Whether `item` can be drawn by draw_face through the map m (see draw_face): a 3-D face
/// (shade_in_3d), one closed subpath, every cubic one that Cairo flattens to a single line at
/// `tolerance` device pixels (its handles that close to its chord), no image or inset.
bool face_fast_path(const LeafState& item, const double m[6], double tolerance);

struct FacePoint {
    double x, y;
};

/// Reusable buffers of the rasteriser (one per thread drawing).
struct FaceScratch {
    std::vector<float> cover;
    std::vector<FacePoint> corners, points;
    std::vector<std::pair<std::size_t, std::size_t>> pieces;
};

/// Draws `item` (fill, then stroke, as Manim's camera does) into a premultiplied ARGB32 picture
/// through the affine map m = (xx, yx, xy, yy, x0, y0) from scene units to device pixels
/// (Cairo's matrix layout). Antialiasing is the exact area of each pixel covered (nonzero
/// winding); strokes have mitred joins (limit 10) as Cairo's defaults. Returns the pixels it
/// may have changed.
FaceBox draw_face(const LeafState& item, const double m[6], std::uint8_t* pixels, int width, int height, int stride,
                  FaceScratch& scratch);

} // namespace reel::detail
