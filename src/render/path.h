// Manim's points -> a Cairo path (render internals, shared by the raster and PDF outputs).
#pragma once

#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "reel/frame.h"
#include "reel/geometry.h"
#include "reel/mobject.h"

namespace reel::detail {

inline bool finite(const Points& p) {
    for (Vec2 v : p)
        if (!std::isfinite(v.x) || !std::isfinite(v.y)) return false;
    return true;
}

// Manim's camera matrix for a picture `width` x `height` showing `view`: the view's width
// across the picture, its centre in the middle, +y up. Isotropic for a view of the frame's
// shape (a non-uniformly scaled view stretches as Manim's pw / fw, ph / fh does).
inline void view_matrix(cairo_matrix_t* m, double width, double height, const View& view) {
    const double sx = width / view.width;
    const double sy = width / kFrameWidth * (kFrameHeight / view.height);
    cairo_matrix_init(m, sx, 0, 0, -sy, width / 2.0 - view.center.x * sx, height / 2.0 + view.center.y * sy);
}

// set_cairo_context_path: subpaths split where a cubic does not start at the previous end;
// close_path when a subpath ends where it started.
inline void append_path(cairo_t* cr, const Points& p) {
    std::size_t n = p.size() / 4;
    std::size_t i = 0;
    while (i < n) {
        std::size_t j = i + 1;
        while (j < n && points_equal_2d(p[4 * j - 1], p[4 * j])) ++j;
        Vec2 s = p[4 * i];
        cairo_new_sub_path(cr);
        cairo_move_to(cr, s.x, s.y);
        for (std::size_t k = i; k < j; ++k)
            cairo_curve_to(cr, p[4 * k + 1].x, p[4 * k + 1].y, p[4 * k + 2].x, p[4 * k + 2].y,
                           p[4 * k + 3].x, p[4 * k + 3].y);
        if (points_equal_2d(s, p[4 * j - 1])) cairo_close_path(cr);
        i = j;
    }
}

// Fills, then strokes the current path in the style's colours (Manim's stroke width is in
// hundredths of a unit); the path is kept.
// Manim's set_cairo_context_color with two colours: a linear gradient between two points.
inline void set_gradient_source(cairo_t* cr, const Gradient& g, Color from, Color to, double opacity) {
    cairo_pattern_t* pat = cairo_pattern_create_linear(g.from.x, g.from.y, g.to.x, g.to.y);
    cairo_pattern_add_color_stop_rgba(pat, 0, from.r, from.g, from.b, opacity);
    cairo_pattern_add_color_stop_rgba(pat, 1, to.r, to.g, to.b, opacity);
    cairo_set_source(cr, pat);
    cairo_pattern_destroy(pat); // the context holds its own reference
}

inline void paint_path(cairo_t* cr, const Style& st, bool fill, bool stroke) {
    if (fill) {
        if (st.gradient) set_gradient_source(cr, *st.gradient, st.gradient->fill_from, st.gradient->fill_to, st.fill_opacity);
        else cairo_set_source_rgba(cr, st.fill_color.r, st.fill_color.g, st.fill_color.b, st.fill_opacity);
        cairo_fill_preserve(cr);
    }
    if (stroke) {
        if (st.gradient)
            set_gradient_source(cr, *st.gradient, st.gradient->stroke_from, st.gradient->stroke_to, st.stroke_opacity);
        else cairo_set_source_rgba(cr, st.stroke_color.r, st.stroke_color.g, st.stroke_color.b, st.stroke_opacity);
        cairo_set_line_width(cr, st.stroke_width * 0.01);
        cairo_stroke_preserve(cr);
    }
}

/// A zoomed display (CameraInset) opened for drawing: what both outputs need to draw the
/// other items through its camera frame.
struct InsetView {
    cairo_matrix_t to_display; ///< scene units of the zoomed frame -> the current user space
    std::vector<char> skip;    ///< items the display does not show (its hidden ones, every display)
    double alpha = 1;          ///< the display's opacity (a group is pushed when below 1)
};

/// Opens the zoomed display `items[at]`: Manim's MultiCamera draws the scene's other mobjects
/// with the zoomed camera (its frame's width and height onto the display's) over its
/// background, and the display shows that picture on its corners — here clipped to the
/// parallelogram UL (point 0), UR (3), DL (11) in the current user space (the camera's).
/// False (nothing changed) when the display shows nothing; else close it with end_inset.
inline bool begin_inset(cairo_t* cr, const std::vector<LeafState>& items, std::size_t at, InsetView& v) {
    const LeafState& item = items[at];
    const CameraInset& in = *item.inset;
    const Points& p = *item.points;
    v.alpha = std::min(1.0, item.style.fill_opacity);
    if (p.size() < 12 || !(in.width > 0) || !(in.height > 0) || !(v.alpha > 0) || !finite(p)) return false;
    const Vec2 ul = p[0], ur = p[3], dr = p[7], dl = p[11];
    cairo_save(cr);
    cairo_new_path(cr);
    cairo_move_to(cr, ul.x, ul.y);
    cairo_line_to(cr, ur.x, ur.y);
    cairo_line_to(cr, dr.x, dr.y);
    cairo_line_to(cr, dl.x, dl.y);
    cairo_close_path(cr);
    cairo_clip(cr);
    if (v.alpha < 1) cairo_push_group(cr);
    cairo_set_source_rgb(cr, in.background.r, in.background.g, in.background.b);
    cairo_paint(cr);
    // The frame's top left corner goes to UL, its width along UL->UR, its height along UL->DL.
    const double left = in.center.x - in.width / 2, top = in.center.y + in.height / 2;
    cairo_matrix_t m, shift;
    cairo_matrix_init(&m, (ur.x - ul.x) / in.width, (ur.y - ul.y) / in.width, -(dl.x - ul.x) / in.height,
                      -(dl.y - ul.y) / in.height, 0, 0);
    cairo_matrix_init_translate(&shift, -left, -top);
    cairo_matrix_multiply(&v.to_display, &shift, &m); // shift first, then the linear part
    v.to_display.x0 += ul.x;
    v.to_display.y0 += ul.y;
    v.skip.assign(items.size(), 0);
    for (std::size_t h : in.hidden)
        if (h < v.skip.size()) v.skip[h] = 1;
    for (std::size_t k = 0; k < items.size(); ++k)
        if (items[k].inset) v.skip[k] = 1; // a display never shows another display
    return true;
}

/// Closes what begin_inset opened: the display's picture at its opacity.
inline void end_inset(cairo_t* cr, const InsetView& v) {
    if (v.alpha < 1) {
        cairo_pop_group_to_source(cr);
        cairo_paint_with_alpha(cr, v.alpha);
    }
    cairo_restore(cr);
}

} // namespace reel::detail
