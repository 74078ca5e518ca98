// ImageMobject's pixels on the picture: enlarged as Manim (PIL's bicubic resize) enlarges
// them, then mapped onto the mobject's parallelogram by Cairo.
#include "render/image_draw.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "base/c_handle.h"

namespace reel::detail {

namespace {

using SurfacePtr = CHandle<cairo_surface_t, cairo_surface_destroy>;

// PIL's bicubic filter (a = -0.5), which Manim's ImageMobject resizes with.
double pil_bicubic(double x) {
    constexpr double a = -0.5;
    x = std::abs(x);
    if (x < 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
    if (x < 2) return (((x - 5) * x + 8) * x - 4) * a;
    return 0;
}

// PIL's resize weights for enlarging `in` samples to `out` (ImagingResample: support 2 around
// each output centre, taps outside the image dropped and the rest renormalised).
std::vector<std::pair<int, std::vector<double>>> pil_weights(int in, int out) {
    std::vector<std::pair<int, std::vector<double>>> w(static_cast<std::size_t>(out));
    const double scale = static_cast<double>(in) / out;
    for (int x = 0; x < out; ++x) {
        const double center = (x + 0.5) * scale;
        const int xmin = std::max(static_cast<int>(center - 2 + 0.5), 0);
        const int xmax = std::min(static_cast<int>(center + 2 + 0.5), in);
        std::vector<double> k;
        double sum = 0;
        for (int i = xmin; i < xmax; ++i) {
            k.push_back(pil_bicubic(i - center + 0.5));
            sum += k.back();
        }
        if (sum != 0)
            for (double& v : k) v /= sum;
        w[static_cast<std::size_t>(x)] = {xmin, std::move(k)};
    }
    return w;
}

// An image enlarged k times with PIL's bicubic resize (premultiplied BGRA, opaque images as
// Manim's pixel arrays are).
std::shared_ptr<const RasterImage> pil_enlarge(const RasterImage& img, int k) {
    const int w = img.width * k, h = img.height * k;
    const auto wx = pil_weights(img.width, w), wy = pil_weights(img.height, h);
    std::vector<float> mid(static_cast<std::size_t>(w) * static_cast<std::size_t>(img.height) * 4);
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < w; ++x) {
            const auto& [x0, k0] = wx[static_cast<std::size_t>(x)];
            for (int ch = 0; ch < 4; ++ch) {
                double v = 0;
                for (std::size_t t = 0; t < k0.size(); ++t)
                    v += k0[t] * img.bgra[(static_cast<std::size_t>(y) * static_cast<std::size_t>(img.width) +
                                           static_cast<std::size_t>(x0) + t) * 4 + static_cast<std::size_t>(ch)];
                mid[(static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 4 +
                    static_cast<std::size_t>(ch)] = static_cast<float>(std::clamp(v, 0.0, 255.0));
            }
        }
    auto out = std::make_shared<RasterImage>();
    out->width = w;
    out->height = h;
    out->resampling = img.resampling;
    out->bgra.resize(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4);
    for (int y = 0; y < h; ++y) {
        const auto& [y0, k0] = wy[static_cast<std::size_t>(y)];
        for (int x = 0; x < w; ++x)
            for (int ch = 0; ch < 4; ++ch) {
                double v = 0;
                for (std::size_t t = 0; t < k0.size(); ++t)
                    v += k0[t] * mid[((static_cast<std::size_t>(y0) + t) * static_cast<std::size_t>(w) +
                                      static_cast<std::size_t>(x)) * 4 + static_cast<std::size_t>(ch)];
                out->bgra[(static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 4 +
                          static_cast<std::size_t>(ch)] = static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0, 255.0)));
            }
    }
    return out;
}

// The enlarged copies drawn recently (an image is immutable: its pointer names it).
std::shared_ptr<const RasterImage> enlarged(const RasterPtr& image, int k) {
    static std::mutex mutex;
    static std::vector<std::tuple<RasterPtr, int, std::shared_ptr<const RasterImage>>> cache;
    {
        std::lock_guard lock(mutex);
        for (const auto& [src, factor, big] : cache)
            if (src == image && factor == k) return big;
    }
    auto big = pil_enlarge(*image, k);
    std::lock_guard lock(mutex);
    cache.emplace_back(image, k, big);
    if (cache.size() > 4) cache.erase(cache.begin());
    return big;
}

} // namespace

// An image leaf (ImageMobject): the pixels mapped onto the parallelogram of the path's corners
// UL (point 0), UR (3) and DL (11), painted with fill_opacity, resampled as the image asks.
void draw_image(cairo_t* c, const LeafState& item) {
    const Style& st = item.style;
    RasterPtr source = st.image;
    {
        // Cairo's best filter turns an image enlarged more than twice into soft squares; Manim
        // resizes with PIL's bicubic, smooth at any size. Such an image is first enlarged k
        // times with PIL's filter (cached), and Cairo's Catmull-Rom (PIL's bicubic kernel)
        // does the last factor of 2 or less.
        const Points& p = *item.points;
        if (st.image->resampling == Resampling::Bicubic && p.size() >= 12 && st.image->width > 0 &&
            st.image->height > 0) {
            double ux = p[3].x - p[0].x, uy = p[3].y - p[0].y, vx = p[11].x - p[0].x, vy = p[11].y - p[0].y;
            cairo_user_to_device_distance(c, &ux, &uy);
            cairo_user_to_device_distance(c, &vx, &vy);
            const double scale = std::min(std::hypot(ux, uy) / st.image->width, std::hypot(vx, vy) / st.image->height);
            if (scale > 2) {
                // Powers of two, so that a zoom reuses the copy for a while; at most a million
                // pixels (what is left above twice is then far below a source pixel).
                const double budget = 1e6;
                const double cap = std::sqrt(budget / (static_cast<double>(st.image->width) * st.image->height));
                int k = 1;
                while (k < scale / 2 && 2 * k <= cap) k *= 2;
                if (k >= 2) source = enlarged(st.image, k);
            }
        }
    }
    const RasterImage& img = *source;
    const Points& p = *item.points;
    if (p.size() < 12 || img.width <= 0 || img.height <= 0 || !(st.fill_opacity > 0)) return;
    SurfacePtr src(cairo_image_surface_create_for_data(const_cast<std::uint8_t*>(img.bgra.data()),
                                                       CAIRO_FORMAT_ARGB32, img.width, img.height,
                                                       img.width * 4));
    Vec2 ul = p[0], ur = p[3], dl = p[11];
    cairo_matrix_t m;
    cairo_matrix_init(&m, (ur.x - ul.x) / img.width, (ur.y - ul.y) / img.width, (dl.x - ul.x) / img.height,
                      (dl.y - ul.y) / img.height, ul.x, ul.y);
    cairo_save(c);
    // The previous item's path is still current (fill/stroke_preserve): start afresh, or the
    // clip below would include it.
    cairo_new_path(c);
    cairo_transform(c, &m);
    cairo_set_source_surface(c, src.get(), 0, 0);
    // Manim resizes with PIL's filter; Cairo's nearest, bilinear, and for bicubic its BEST
    // (a Catmull-Rom kernel when enlarging: PIL's bicubic, a = -0.5).
    cairo_pattern_set_filter(cairo_get_source(c), img.resampling == Resampling::Nearest    ? CAIRO_FILTER_NEAREST
                                                  : img.resampling == Resampling::Bilinear ? CAIRO_FILTER_BILINEAR
                                                                                           : CAIRO_FILTER_BEST);
    // Edge pixels keep their colour up to the border (no fade into transparency).
    cairo_pattern_set_extend(cairo_get_source(c), CAIRO_EXTEND_PAD);
    cairo_rectangle(c, 0, 0, img.width, img.height);
    cairo_clip(c);
    cairo_paint_with_alpha(c, std::min(1.0, st.fill_opacity));
    cairo_restore(c);
}

} // namespace reel::detail
