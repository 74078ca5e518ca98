// The one draw path: Manim's Cairo camera (camera.py display_vectorized) for a Frame.
#include "reel/render.h"

#include <cairo.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <unistd.h>

#include <fmt/format.h>

namespace reel {

namespace {

struct CairoSurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, CairoSurfaceDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, CairoDeleter>;

// Flattening tolerance in device pixels (Cairo default 0.1): 0.25 px is invisible at any size
// and makes text-heavy frames markedly cheaper to fill.
constexpr double kTolerance = 0.25;

// Manim's consider_points_equals_2d.
bool same2d(Vec2 a, Vec2 b) {
    return std::abs(a.x - b.x) <= 1e-6 + 1e-5 * std::abs(b.x) &&
           std::abs(a.y - b.y) <= 1e-6 + 1e-5 * std::abs(b.y);
}

bool finite(const Points& p) {
    for (Vec2 v : p)
        if (!std::isfinite(v.x) || !std::isfinite(v.y)) return false;
    return true;
}

// set_cairo_context_path: subpaths split where a cubic does not start at the previous end;
// close_path when a subpath ends where it started.
void append_path(cairo_t* cr, const Points& p) {
    std::size_t n = p.size() / 4;
    std::size_t i = 0;
    while (i < n) {
        std::size_t j = i + 1;
        while (j < n && same2d(p[4 * j - 1], p[4 * j])) ++j;
        Vec2 s = p[4 * i];
        cairo_new_sub_path(cr);
        cairo_move_to(cr, s.x, s.y);
        for (std::size_t k = i; k < j; ++k)
            cairo_curve_to(cr, p[4 * k + 1].x, p[4 * k + 1].y, p[4 * k + 2].x, p[4 * k + 2].y,
                           p[4 * k + 3].x, p[4 * k + 3].y);
        if (same2d(s, p[4 * j - 1])) cairo_close_path(cr);
        i = j;
    }
}

} // namespace

Image::Image(int w, int h)
    : width(w), height(h), stride(cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w)),
      pixels(static_cast<std::size_t>(stride) * static_cast<std::size_t>(h)) {}

void render_frame(const Frame& frame, std::uint8_t* pixels, int width, int height, int stride,
                  const Camera& camera) {
    SurfacePtr surface(cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_ARGB32, width,
                                                           height, stride));
    ContextPtr cr(cairo_create(surface.get()));
    cairo_t* c = cr.get();
    cairo_set_source_rgb(c, camera.background.r, camera.background.g, camera.background.b);
    cairo_set_operator(c, CAIRO_OPERATOR_SOURCE);
    cairo_paint(c);
    cairo_set_operator(c, CAIRO_OPERATOR_OVER);
    // Manim's camera matrix: isotropic, frame width 14.2222 units, origin at the centre.
    double s = static_cast<double>(width) / kFrameWidth;
    cairo_matrix_t m;
    cairo_matrix_init(&m, s, 0, 0, -s, width / 2.0, height / 2.0);
    cairo_set_matrix(c, &m);
    cairo_set_tolerance(c, kTolerance);
    const auto& items = frame.items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const LeafState& item = items[i];
        const Points& p = *item.points;
        if (p.size() < 4) continue;
        const Style& st = item.style;
        bool fill = st.fill_opacity > 0;
        bool stroke = st.stroke_width > 0 && st.stroke_opacity > 0;
        if (!fill && !stroke) continue;
        if (!finite(p)) continue;
        cairo_new_path(c);
        append_path(c, p);
        if (fill && !stroke) {
            // Consecutive fill-only items with the same style (the glyphs of one Text) go in
            // one fill: the same pixels as separate fills where glyphs do not overlap.
            while (i + 1 < items.size() && items[i + 1].style == st &&
                   items[i + 1].points->size() >= 4 && finite(*items[i + 1].points)) {
                append_path(c, *items[++i].points);
            }
        }
        if (fill) {
            cairo_set_source_rgba(c, st.fill_color.r, st.fill_color.g, st.fill_color.b,
                                  st.fill_opacity);
            cairo_fill_preserve(c);
        }
        if (stroke) {
            cairo_set_source_rgba(c, st.stroke_color.r, st.stroke_color.g, st.stroke_color.b,
                                  st.stroke_opacity);
            cairo_set_line_width(c, st.stroke_width * 0.01);
            cairo_stroke_preserve(c);
        }
    }
    cairo_new_path(c);
    cairo_surface_flush(surface.get());
}

Image render_frame(const Frame& frame, int width, int height, const Camera& camera) {
    Image img(width, height);
    render_frame(frame, img.pixels.data(), width, height, img.stride, camera);
    return img;
}

bool write_png(const Image& image, const std::string& path, std::string* error) {
    namespace fs = std::filesystem;
    auto fail = [&](std::string msg) {
        if (error) *error = std::move(msg);
        return false;
    };
    fs::path target(path);
    fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return fail(fmt::format("cannot write '{}': folder '{}' does not exist", path, dir.string()));
    if (fs::is_directory(target, ec))
        return fail(fmt::format("cannot write '{}': it is a folder", path));
    std::string tmp = (dir / fmt::format(".{}.tmp-{}", target.filename().string(), getpid())).string();
    // Cairo wants a mutable buffer; it does not modify it.
    SurfacePtr surface(cairo_image_surface_create_for_data(
        const_cast<std::uint8_t*>(image.pixels.data()), CAIRO_FORMAT_ARGB32, image.width,
        image.height, image.stride));
    errno = 0;
    cairo_status_t st = cairo_surface_write_to_png(surface.get(), tmp.c_str());
    if (st != CAIRO_STATUS_SUCCESS) {
        int err = errno;
        std::remove(tmp.c_str());
        std::string why = err ? std::strerror(err) : cairo_status_to_string(st);
        if (st == CAIRO_STATUS_WRITE_ERROR && err == 0) why = "write error (disk full or no permission?)";
        return fail(fmt::format("cannot write '{}': {}", path, why));
    }
    fs::rename(tmp, target, ec);
    if (ec) {
        std::remove(tmp.c_str());
        return fail(fmt::format("cannot write '{}': {}", path, ec.message()));
    }
    return true;
}

const std::vector<Quality>& qualities() {
    static const std::vector<Quality> q = {
        {'l', 854, 480, 15}, {'m', 1280, 720, 30}, {'h', 1920, 1080, 60},
        {'p', 2560, 1440, 60}, {'k', 3840, 2160, 60}};
    return q;
}

const Quality* find_quality(char flag) {
    for (const auto& q : qualities())
        if (q.flag == flag) return &q;
    return nullptr;
}

} // namespace reel
