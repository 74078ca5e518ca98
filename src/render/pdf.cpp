// The PDF handout: Cairo's PDF surface, vector throughout; Text glyphs that rest in place are
// drawn as real glyphs of their font (selectable text), everything else as paths.
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "base/c_handle.h"
#include "path.h"
#include "pdf.h"

namespace reel {

namespace {

using SurfacePtr = CHandle<cairo_surface_t, cairo_surface_destroy>;
using ContextPtr = CHandle<cairo_t, cairo_destroy>;
using LayoutPtr = CHandle<PangoLayout, g_object_unref>;
using FontDescPtr = CHandle<PangoFontDescription, pango_font_description_free>;

constexpr double kBand = 132; // points of white under the picture for heading and notes
constexpr double kMargin = 28;

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

void check(cairo_status_t st, const char* what) {
    if (st != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(fmt::format("PDF: {}: {}", what, cairo_status_to_string(st)));
}

// The affine map current = A * outline + b when the glyph was only moved, scaled or rotated;
// nullopt when it was reshaped (mid-morph, Transform into another glyph).
std::optional<cairo_matrix_t> rest_transform(const Points& outline, const Points& now) {
    if (outline.size() != now.size() || outline.size() < 3) return std::nullopt;
    // Three well-spread outline points fix the map.
    std::size_t i0 = 0, i1 = 0, i2 = 0;
    double far = -1;
    for (std::size_t k = 0; k < outline.size(); ++k) {
        double d = (outline[k] - outline[i0]).norm();
        if (d > far) far = d, i1 = k;
    }
    double area = -1;
    const Vec2 e1 = outline[i1] - outline[i0];
    for (std::size_t k = 0; k < outline.size(); ++k) {
        Vec2 e2 = outline[k] - outline[i0];
        double a = std::abs(e1.x * e2.y - e1.y * e2.x);
        if (a > area) area = a, i2 = k;
    }
    if (!(area > 1e-12)) return std::nullopt;
    // Solve [e1 e2] -> [f1 f2].
    const Vec2 e2 = outline[i2] - outline[i0];
    const Vec2 f1 = now[i1] - now[i0], f2 = now[i2] - now[i0];
    const double det = e1.x * e2.y - e1.y * e2.x;
    const double a = (f1.x * e2.y - f2.x * e1.y) / det, c = (f2.x * e1.x - f1.x * e2.x) / det;
    const double b = (f1.y * e2.y - f2.y * e1.y) / det, d = (f2.y * e1.x - f1.y * e2.x) / det;
    const double tx = now[i0].x - (a * outline[i0].x + c * outline[i0].y);
    const double ty = now[i0].y - (b * outline[i0].x + d * outline[i0].y);
    const double size = std::max(far, 1e-9);
    const double scale = std::sqrt(std::abs(a * d - b * c));
    const double tolerance = 1e-6 + 1e-4 * size * std::max(scale, 1e-9);
    for (std::size_t k = 0; k < outline.size(); ++k) {
        Vec2 o = outline[k];
        Vec2 p{a * o.x + c * o.y + tx, b * o.x + d * o.y + ty};
        if ((p - now[k]).norm() > tolerance) return std::nullopt;
    }
    cairo_matrix_t m;
    cairo_matrix_init(&m, a, b, c, d, tx, ty);
    return m;
}

// Draws one glyph as text of its font; false when it is not at rest (draw the path instead).
bool draw_glyph(cairo_t* cr, const LeafState& item, const cairo_matrix_t& camera) {
    const GlyphSource& g = *item.glyph;
    if (!g.outline || !g.font_face || !(g.font_px > 0)) return false;
    auto rest = rest_transform(*g.outline, *item.points);
    if (!rest) return false;
    const Style& st = item.style;
    if (st.stroke_width > 0 && st.stroke_opacity > 0) return false; // outlined: as drawn
    // glyph space (font pixels, y down) -> outline coordinates -> now -> page.
    cairo_matrix_t glyph_to_outline, m;
    cairo_matrix_init(&glyph_to_outline, g.em_scale, 0, 0, -g.em_scale, g.origin.x, g.origin.y);
    cairo_matrix_multiply(&m, &glyph_to_outline, &*rest);
    cairo_matrix_multiply(&m, &m, &camera);
    cairo_save(cr);
    cairo_set_matrix(cr, &m);
    cairo_set_font_face(cr, static_cast<cairo_font_face_t*>(g.font_face.get()));
    cairo_set_font_size(cr, g.font_px);
    cairo_set_source_rgba(cr, st.fill_color.r, st.fill_color.g, st.fill_color.b, st.fill_opacity);
    cairo_glyph_t glyph{g.glyph, 0, 0};
    if (!g.text.empty()) {
        cairo_text_cluster_t cluster{static_cast<int>(g.text.size()), 1};
        cairo_show_text_glyphs(cr, g.text.data(), static_cast<int>(g.text.size()), &glyph, 1, &cluster, 1,
                               cairo_text_cluster_flags_t(0));
    } else {
        cairo_show_glyphs(cr, &glyph, 1);
    }
    cairo_restore(cr);
    return true;
}

void draw_items(cairo_t* cr, const std::vector<LeafState>& items, const cairo_matrix_t& camera, bool real_text,
                const std::vector<char>* skip);

// A zoomed display (CameraInset), as the raster output draws it (path.h's begin_inset):
// vectors, glyphs still text.
void draw_inset(cairo_t* cr, const std::vector<LeafState>& items, std::size_t at, const cairo_matrix_t& camera,
                bool real_text) {
    cairo_save(cr);
    cairo_set_matrix(cr, &camera);
    detail::InsetView view;
    if (detail::begin_inset(cr, items, at, view)) {
        cairo_matrix_t through;
        cairo_matrix_multiply(&through, &view.to_display, &camera);
        draw_items(cr, items, through, real_text, &view.skip);
        detail::end_inset(cr, view);
    }
    cairo_restore(cr);
}

void draw_items(cairo_t* cr, const std::vector<LeafState>& items, const cairo_matrix_t& camera, bool real_text,
                const std::vector<char>* skip) {
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (skip && (*skip)[i]) continue;
        const LeafState& item = items[i];
        if (item.inset) {
            draw_inset(cr, items, i, camera, real_text);
            continue;
        }
        const Points& p = *item.points;
        if (p.size() < 4 || !detail::finite(p)) continue;
        const Style& st = item.style;
        const bool fill = st.fill_opacity > 0;
        const bool stroke = st.stroke_width > 0 && st.stroke_opacity > 0;
        if (!fill && !stroke) continue;
        if (real_text && item.glyph && fill && draw_glyph(cr, item, camera)) continue;
        cairo_set_matrix(cr, &camera);
        cairo_new_path(cr);
        detail::append_path(cr, p);
        detail::paint_path(cr, st, fill, stroke);
        cairo_new_path(cr);
    }
}

void draw_picture(cairo_t* cr, const Frame& frame, double width, double height, bool real_text) {
    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, width, height);
    cairo_clip(cr);
    cairo_set_source_rgb(cr, frame.background.r, frame.background.g, frame.background.b);
    cairo_paint(cr);
    cairo_matrix_t camera;
    detail::view_matrix(&camera, width, height, frame.view);
    draw_items(cr, frame.items, camera, real_text, nullptr);
    cairo_restore(cr);
}

void draw_band(cairo_t* cr, const HandoutPage& page, double width, double top) {
    cairo_save(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, 0, top, width, kBand);
    cairo_fill(cr);
    auto text = [&](const std::string& s, double size, bool bold, double y, double grey) {
        LayoutPtr layout(pango_cairo_create_layout(cr));
        FontDescPtr font(pango_font_description_new());
        pango_font_description_set_family(font.get(), "DejaVu Sans");
        pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
        pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_layout_set_font_description(layout.get(), font.get());
        pango_layout_set_width(layout.get(), static_cast<int>((width - 2 * kMargin) * PANGO_SCALE));
        pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_height(layout.get(), static_cast<int>((top + kBand - y - 8) * PANGO_SCALE));
        pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
        pango_layout_set_text(layout.get(), s.c_str(), -1);
        cairo_set_source_rgb(cr, grey, grey, grey);
        cairo_move_to(cr, kMargin, y);
        pango_cairo_show_layout(cr, layout.get());
        PangoRectangle logical;
        pango_layout_get_pixel_extents(layout.get(), nullptr, &logical);
        return y + logical.height;
    };
    double y = top + 14;
    if (!page.heading.empty()) y = text(page.heading, 13, true, y, 0.15) + 6;
    if (!page.notes.empty()) text(page.notes, 15, false, y, 0.1);
    cairo_restore(cr);
}

} // namespace

std::string render_pdf(const std::vector<HandoutPage>& pages, const HandoutOptions& o) {
    if (pages.empty()) throw std::runtime_error("PDF: no pages");
    if (!(o.width_pt >= 72 && o.width_pt <= 14400))
        throw std::runtime_error(fmt::format("PDF: page width {:g} pt is out of range (72 to 14400)", o.width_pt));
    const double w = o.width_pt, h = std::round(o.width_pt * 9.0 / 16.0);
    std::string bytes;
    SurfacePtr surface(
        cairo_pdf_surface_create_for_stream(append_bytes, &bytes, w, h + kBand));
    check(cairo_surface_status(surface.get()), "cannot create the PDF surface");
    if (!o.title.empty()) cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, o.title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Reel");
    ContextPtr cr(cairo_create(surface.get()));
    check(cairo_status(cr.get()), "cannot draw");
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const HandoutPage& page = pages[i];
        if (!page.bookmark.empty()) {
            std::string link = fmt::format("page={}", i + 1);
            cairo_pdf_surface_add_outline(surface.get(), CAIRO_PDF_OUTLINE_ROOT, page.bookmark.c_str(),
                                          link.c_str(), cairo_pdf_outline_flags_t(0));
        }
        draw_picture(cr.get(), page.frame, w, h, o.real_text);
        draw_band(cr.get(), page, w, h);
        cairo_show_page(cr.get());
        check(cairo_status(cr.get()), "drawing a page failed");
    }
    cr.reset();
    cairo_surface_finish(surface.get());
    check(cairo_surface_status(surface.get()), "cannot finish the PDF");
    return bytes;
}

} // namespace reel
