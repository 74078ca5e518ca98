// A fast path for the shaded faces of 3-D scenes (render internals): paths of cubics, flattened
// as Cairo flattens them, filled and stroked with Manim's two-colour gradient, rasterised straight
// into the ARGB32 picture instead of one Cairo fill and one Cairo stroke each (a 64x64-face
// surface is 4096 of them a frame; Cairo spends ~10 us setting up each operation). The axes'
// pieces sorted among the faces take it too, so that a frame's faces are one run (one set of
// threads) instead of dozens cut apart by Cairo strokes.
#pragma once

#include <climits>
#include <cstdint>
#include <utility>
#include <vector>

#include "reel/mobject.h"

namespace reel::detail {

/// Device pixels a face may touch: [x0, x1) x [y0, y1).
struct FaceBox {
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

/// Whether `item` can be drawn by draw_face: a 3-D path (shade_in_3d), one subpath of cubics,
/// closed (a face) or open (ThreeDAxes' pieces and ticks), no image or inset.
bool face_fast_path(const LeafState& item);

struct FacePoint {
    double x, y;
};

/// A corner of a flattened path: where it is, the direction the path comes in and goes out.
struct FaceCorner {
    FacePoint at, in, out;
};

/// Reusable buffers of the rasteriser (one per thread drawing). The coverage planes are zero
/// between faces.
struct FaceScratch {
    std::vector<float> fill_cover, stroke_cover;
    std::vector<std::pair<int, int>> spans;
    std::vector<FaceCorner> corners, flat;
    std::vector<FacePoint> points, stroke_points;
    std::vector<std::pair<FacePoint, FacePoint>> normals;
    std::vector<std::pair<std::size_t, std::size_t>> pieces;
};

/// Draws `item` (fill, then stroke, as Manim's camera does) into a premultiplied ARGB32 picture
/// through the affine map m = (xx, yx, xy, yy, x0, y0) from scene units to device pixels
/// (Cairo's matrix layout). Curves are flattened as Cairo flattens them (`tolerance` device
/// pixels). Antialiasing is the exact area of each pixel covered (nonzero winding); strokes
/// have mitred joins (limit 10) and butt ends as Cairo's defaults. Only rows [row0, row1) are drawn, each
/// exactly as when the face is drawn whole. Returns the pixels it may have changed.
FaceBox draw_face(const LeafState& item, const double m[6], double tolerance, std::uint8_t* pixels, int width,
                  int height, int stride, FaceScratch& scratch, int row0 = 0, int row1 = INT_MAX);

/// Draws items [begin, end) (each face_fast_path) with draw_face, in order. With threads > 1
/// (and enough faces) the picture is cut into that many bands of rows with about the same
/// work, drawn side by side, each by its own thread: the same pixels as one thread draws.
FaceBox draw_faces(const std::vector<LeafState>& items, std::size_t begin, std::size_t end, const double m[6],
                   double tolerance, std::uint8_t* pixels, int width, int height, int stride, int threads);

} // namespace reel::detail
