// The seek bar's waveform (see wave_band.h).
#include "player/wave_band.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace reel {

namespace {

using ContextPtr = CHandle<cairo_t, cairo_destroy>;

void check(cairo_status_t st, const char* what) {
    if (st != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(fmt::format("overlay: {}: {}", what, cairo_status_to_string(st)));
}

bool same(const PixelRect& a, const PixelRect& b) { return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h; }

} // namespace

void WaveBand::update(std::span<const float> levels, const OverlayLayout& layout) {
    const PixelRect& tr = layout.track;
    if (mask_ && scale_ == layout.scale && same(track_, tr) &&
        std::equal(levels.begin(), levels.end(), levels_.begin(), levels_.end()))
        return;
    const double s = layout.scale, cy = tr.y + tr.h / 2, half = kBandHalf * s;
    // Whole pixels around the band: the mask lands on the window's pixel grid, so its coverage
    // is what filling the outline in place would give.
    mask_x_ = static_cast<int>(std::floor(tr.x));
    mask_y_ = static_cast<int>(std::floor(cy - half));
    const int w = std::max(1, static_cast<int>(std::ceil(tr.x + tr.w)) - mask_x_);
    const int h = std::max(1, static_cast<int>(std::ceil(cy + half)) - mask_y_);
    mask_.reset(cairo_image_surface_create(CAIRO_FORMAT_A8, w, h));
    check(cairo_surface_status(mask_.get()), "cannot make the waveform's mask");
    ContextPtr ctx(cairo_create(mask_.get()));
    cairo_t* m = ctx.get();
    cairo_translate(m, -mask_x_, -mask_y_);
    // The band's edges go into the mask: clipped there in place, a partly covered edge pixel
    // gets the coverage of the outline within the band, not the product of two coverages.
    cairo_rectangle(m, tr.x, cy - half, tr.w, 2 * half);
    cairo_clip(m);
    // Mirrored around the middle, one point per column, never thinner than a hairline.
    const double cw = tr.w / static_cast<double>(levels.size());
    for (std::size_t i = 0; i < levels.size(); ++i)
        cairo_line_to(m, tr.x + cw * (static_cast<double>(i) + 0.5), cy - std::max(0.5 * s, half * levels[i]));
    for (std::size_t i = levels.size(); i-- > 0;)
        cairo_line_to(m, tr.x + cw * (static_cast<double>(i) + 0.5), cy + std::max(0.5 * s, half * levels[i]));
    cairo_close_path(m);
    cairo_set_source_rgba(m, 0, 0, 0, 1);
    cairo_fill(m);
    check(cairo_status(m), "drawing the waveform's mask failed");
    cairo_surface_flush(mask_.get());
    levels_.assign(levels.begin(), levels.end());
    track_ = tr;
    scale_ = s;
    ++renders_;
}

void WaveBand::draw(cairo_t* cr, std::span<const float> levels, const OverlayLayout& layout, double played_x) {
    if (levels.empty()) return;
    update(levels, layout);
    const double top = mask_y_, height = cairo_image_surface_get_height(mask_.get());
    auto part = [&](double x0, double x1, double r, double g, double b, double a) {
        cairo_save(cr);
        cairo_rectangle(cr, x0, top, x1 - x0, height);
        cairo_clip(cr);
        cairo_set_source_rgba(cr, r, g, b, a);
        cairo_mask_surface(cr, mask_.get(), mask_x_, mask_y_);
        cairo_restore(cr);
    };
    // The track's ends are in the mask already: only the playhead cuts it here.
    const double left = mask_x_, right = mask_x_ + cairo_image_surface_get_width(mask_.get());
    part(left, std::max(left, played_x), 0.75, 0.87, 1.0, 0.85);
    part(std::min(right, played_x), right, 1, 1, 1, 0.45);
}

} // namespace reel
